"""Parallel runs and the findings cache: same answers, less work, safe under concurrency."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scrapelint
import scrapelint.runner as runner
from scrapelint.cli import main
from scrapelint.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """150 articles (more than one parallel chunk), copies of the seeds under distinct names."""
    folder = tmp_path / "corpus"
    for index in range(150):
        seed = SEEDS[index % len(SEEDS)]
        target = folder / f"{index // 50:02d}" / f"{index:04d}_{seed.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, target)
    return folder


def concise(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", "--output-format", "concise", *args])
    return code, capsys.readouterr().out


def test_jobs_give_the_same_results_exit_code_and_order(corpus: Path, capsys) -> None:
    one = concise(capsys, "--no-cache", "--jobs", "1", str(corpus))
    two = concise(capsys, "--no-cache", "--jobs", "2", str(corpus))
    assert one == two
    assert one[0] == 1 and one[1].count("\n") > 150


def test_jobs_fix_the_same_way(corpus: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    main(["check", "--no-cache", "--fix", "--jobs", "1", str(corpus)])
    main(["check", "--no-cache", "--fix", "--jobs", "2", str(other)])
    capsys.readouterr()
    for path in corpus.rglob("*.txt"):
        assert path.read_bytes() == (other / path.relative_to(corpus)).read_bytes()


class CountingChecks:
    """Counts how often documents are really linted (not served from the cache)."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0
        original = runner.check_document

        def counting(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(runner, "check_document", counting)


def test_a_warm_run_lints_nothing_and_reports_the_same(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache"
    cold = concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    checks = CountingChecks(monkeypatch)
    warm = concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    assert warm == cold
    assert checks.calls == 0
    assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").read_text().endswith("*\n")


def test_a_partly_warm_parallel_run_keeps_the_order_and_results(corpus: Path, tmp_path: Path, capsys) -> None:
    expected = concise(capsys, "--no-cache", "--jobs", "1", str(corpus))
    cache = tmp_path / "cache"
    # Warm the cache for one folder in three, so that hits and misses alternate in long runs.
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus / "01"))
    assert concise(capsys, "--cache-dir", str(cache), "--jobs", "2", str(corpus)) == expected
    assert concise(capsys, "--cache-dir", str(cache), "--jobs", "2", str(corpus)) == expected


def test_a_warm_parallel_run_starts_no_worker_processes(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import concurrent.futures

    cache = tmp_path / "cache"
    cold = concise(capsys, "--cache-dir", str(cache), "--jobs", "2", str(corpus))

    def no_pool(*args, **kwargs):
        raise AssertionError("a warm run started a pool")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert concise(capsys, "--cache-dir", str(cache), "--jobs", "2", str(corpus)) == cold


def test_a_changed_file_is_linted_again(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    changed = next(corpus.rglob("*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nmore\n", encoding="utf-8")
    checks = CountingChecks(monkeypatch)
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    assert checks.calls == 1


def _invalidated(corpus: Path, cache: Path, capsys, monkeypatch, change) -> int:
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    change()
    checks = CountingChecks(monkeypatch)
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    return checks.calls


def test_changing_a_rule_option_invalidates(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    config = corpus / "scrapelint.toml"
    config.write_text("[rules.FM007]\nrequired = ['title']\n", encoding="utf-8")

    def change() -> None:
        config.write_text("[rules.FM007]\nrequired = ['title', 'author']\n", encoding="utf-8")

    assert _invalidated(corpus, tmp_path / "cache", capsys, monkeypatch, change) == 150


def test_changing_the_scrapelint_version_invalidates(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    def change() -> None:
        monkeypatch.setattr(scrapelint, "__version__", scrapelint.__version__ + ".post1")

    assert _invalidated(corpus, tmp_path / "cache", capsys, monkeypatch, change) == 150


def test_changing_a_plugin_version_invalidates(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    versions = load_plugins().versions

    def change() -> None:
        monkeypatch.setitem(versions, "dates", versions.get("dates", "0") + ".post1")

    assert _invalidated(corpus, tmp_path / "cache", capsys, monkeypatch, change) == 150


def test_changing_a_plugin_file_invalidates(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import scrapelint.cache as cache_module

    original = cache_module.code_stamp

    def change() -> None:
        monkeypatch.setattr(cache_module, "code_stamp", lambda modules: original(modules) + b"edited")

    assert _invalidated(corpus, tmp_path / "cache", capsys, monkeypatch, change) == 150


def test_fix_always_works_on_the_current_bytes(corpus: Path, tmp_path: Path, capsys) -> None:
    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), str(corpus))
    main(["check", "--cache-dir", str(cache), "--fix", "--select", "FM001", str(corpus)])
    capsys.readouterr()
    for path in corpus.rglob("000*.txt"):
        assert not path.read_text(encoding="utf-8").startswith("\n")


def test_concurrent_runs_share_the_cache_safely(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "scrapelint", "check", "--output-format", "concise", "--cache-dir", str(cache)]
    processes = [
        subprocess.Popen([*command, "--jobs", str(jobs), str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for jobs in (1, 2, 1)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [1, 1, 1]
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    assert all(not stderr for _, stderr in outputs), outputs


def refuse_wal(monkeypatch, message: str, times: int) -> list[str]:
    """Make the cache's connections fail their first ``times`` switches to WAL with ``message``;
    the list returned collects the attempts that failed."""
    import sqlite3

    import scrapelint.cache as cache_module

    refusals: list[str] = []

    class Refusing:
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        def execute(self, statement: str, *args):
            if statement.startswith("PRAGMA journal_mode") and len(refusals) < times:
                refusals.append(statement)
                raise sqlite3.OperationalError(message)
            return self._connection.execute(statement, *args)

        def __getattr__(self, name: str):
            return getattr(self._connection, name)

    real_connect = sqlite3.connect
    monkeypatch.setattr(cache_module.sqlite3, "connect", lambda *a, **k: Refusing(real_connect(*a, **k)))
    return refusals


def test_a_run_waits_for_another_switching_a_new_cache_to_wal(tmp_path: Path, monkeypatch) -> None:
    """SQLite answers "database is locked" at once, without its busy timeout, to a connection switching a
    new database to WAL while another one does: the cache must retry, not give up on the first answer."""
    import scrapelint.cache as cache_module

    refusals = refuse_wal(monkeypatch, "database is locked", times=2)
    cache = cache_module.Cache(tmp_path / "cache")
    assert cache.probe() is None
    assert len(refusals) == 2
    cache.put(b"key", cache_module.findings_to_value([]))
    cache.close()
    assert cache.get_many([b"key"], ["a.txt"]) == [[]]


def test_other_errors_switching_to_wal_are_not_retried(tmp_path: Path, monkeypatch) -> None:
    import scrapelint.cache as cache_module

    refusals = refuse_wal(monkeypatch, "disk I/O error", times=5)
    reason = cache_module.Cache(tmp_path / "cache").probe()
    assert reason is not None and reason.endswith("disk I/O error")
    assert len(refusals) == 1


def test_clean_removes_the_cache_and_refuses_other_folders(corpus: Path, tmp_path: Path, capsys) -> None:
    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), str(corpus))
    assert main(["clean", "--cache-dir", str(cache)]) == 0
    assert not cache.exists()
    precious = tmp_path / "precious"
    precious.mkdir()
    assert main(["clean", "--cache-dir", str(precious)]) == 2
    assert precious.exists()


def test_an_unwritable_cache_does_not_stop_the_run(corpus: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    code = main(["check", "--output-format", "concise", "--cache-dir", str(blocker / "cache"), str(corpus)])
    out, err = capsys.readouterr()
    assert code == 1 and "FM001" in out
    assert "scrapelint: warning: cache disabled" in err and "checking without a cache" in err


def test_no_progress_bar_when_not_on_a_terminal(corpus: Path, run_cli) -> None:
    result = run_cli("check", "--no-cache", "--output-format", "concise", str(corpus))
    assert result.returncode == 1 and result.stderr == ""


def test_a_long_run_on_a_terminal_shows_files_rate_and_findings(
    corpus: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrapelint import application

    monkeypatch.setattr(application._Progress, "DELAY", 0.0)  # every run counts as long
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", "200")  # rich cuts the bar's text to the terminal's width
    monkeypatch.delenv("NO_COLOR", raising=False)
    code = main(["check", "--no-cache", "--jobs", "1", "--output-format", "concise", str(corpus)])
    captured = capsys.readouterr()
    assert code == 1 and "FM001" in captured.out  # the report stays on stdout, the bar on stderr
    assert "files/s" in captured.err and "findings" in captured.err and "scrapelint" in captured.err
    assert "files/s" not in captured.out


def test_identical_files_under_different_ignores_do_not_share_an_entry(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "scrapelint.toml").write_text('[per-file-ignores]\n"d1/**" = ["FM001"]\n', encoding="utf-8")
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text("\n---\ntitle: x\ndate: 2021-01-01\n---\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    monkeypatch.chdir(tmp_path / "d1")
    assert concise(capsys, "--cache-dir", cache, "--quiet", "a.md") == (0, "")
    monkeypatch.chdir(tmp_path / "d2")
    assert concise(capsys, "--cache-dir", cache, "--quiet", "a.md")[0] == 1


def test_the_cache_key_path_is_the_real_path_through_symlinked_folders_and_files(tmp_path: Path) -> None:
    import os

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    (real / "b.txt").symlink_to(real / "a.txt")
    worker = runner._Worker(runner.RunOptions())
    for path in (tmp_path / "link" / "a.txt", tmp_path / "link" / "b.txt", real / "b.txt", real / "a.txt"):
        assert worker._real_path(path) == os.path.realpath(path)
        assert worker._real_path(str(path)) == os.path.realpath(path)  # discovery hands strings over


def test_the_cache_key_path_of_a_name_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    worker = runner._Worker(runner.RunOptions())
    for typed in ("a.txt", "./a.txt", "sub//a.txt", "sub/../a.txt", f"{tmp_path}/sub/a.txt", "/a.txt"):
        assert worker._real_path(typed) == os.path.realpath(typed), typed


def test_a_cold_parallel_run_stores_every_file(tmp_path: Path, capsys) -> None:
    """Regression: the look-up connection was open across the fork and workers' last writes were lost."""
    import sqlite3

    folder = tmp_path / "corpus"
    folder.mkdir()
    for index in range(700):
        shutil.copyfile(SEEDS[index % len(SEEDS)], folder / f"{index:04d}.txt")
    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), "--jobs", "2", str(folder))
    with sqlite3.connect(cache / "cache.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (700,)


def test_cached_values_keep_lone_surrogates_and_convert_keys_like_json() -> None:
    from scrapelint.cache import _dumps, _loads

    for items in ([["a\ud800b", {"k": [1, 2.5, None, True]}]], [[{1: "x"}]]):
        assert _loads(_dumps(items)) == json.loads(json.dumps(items))


def test_a_warm_run_gives_the_same_json_with_fixes_and_edit_locations(corpus: Path, tmp_path: Path, capsys) -> None:
    cache = tmp_path / "cache"
    args = ["check", "--output-format", "json", "--cache-dir", str(cache), "--jobs", "1", str(corpus)]
    main(args)
    cold = capsys.readouterr().out
    main(args)
    warm = capsys.readouterr().out
    assert warm == cold
    assert any(item["fix"] and item["fix"]["edits"] for item in json.loads(cold))


def test_a_cache_filled_by_a_terse_format_serves_a_machine_format_in_full(
    corpus: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    # A concise run decodes cached findings without their data and edits; what it stores must still
    # hold them, for the JSON run that comes next: all but the edits of deferred fixes (Fix.deferred:
    # removals, conversions), which the concise run never worked out. Only the files with one of those
    # are linted again. Besides the seeds (each has a deferred fix), articles whose findings have
    # fixes known at once (a byte-order mark) or no fix (a date that does not parse).
    for index in range(20):
        (corpus / f"bom_{index:02d}.md").write_text("\ufeff---\ntitle: A\ndate: 2024-05-01\n---\n\nText.\n")
        (corpus / f"date_{index:02d}.md").write_text("---\ntitle: B\ndate: the first of May\n---\n\nText.\n")
    cache = tmp_path / "cache"
    json_args = ["check", "--output-format", "json", "--jobs", "1", str(corpus)]
    main([*json_args, "--no-cache"])
    expected = capsys.readouterr().out
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))  # served from the cache
    checks = CountingChecks(monkeypatch)
    main([*json_args, "--cache-dir", str(cache)])
    assert capsys.readouterr().out == expected
    files = {f["filename"] for f in json.loads(expected)}
    deferred = {name for name in files if _has_a_deferred_fix(Path(name))}
    assert 0 < len(deferred) < len(files)
    assert checks.calls == len(deferred)


def _has_a_deferred_fix(path: Path) -> bool:
    """Whether a terse run leaves one of the file's fixes unworked (``Fix.pending``)."""
    from scrapelint.document import Document
    from scrapelint.engine import lint_document

    rules = [rule() for rule in load_plugins().rules if rule.default_enabled]
    findings = lint_document(Document.from_bytes(path.read_bytes(), str(path)), rules, resolve_fixes=False)
    return any(finding.fix is not None and finding.fix.pending for finding in findings)


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a file's stamp as soon as it is written (a real run waits two seconds after a change)."""
    import scrapelint.cache

    monkeypatch.setattr(scrapelint.cache, "SETTLED_NS", 0)


def test_an_unchanged_file_is_known_by_its_stamp_without_being_read(
    corpus: Path, tmp_path: Path, capsys, monkeypatch, settled_at_once
) -> None:
    cache = tmp_path / "cache"
    cold = concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))

    def no_read(job):
        raise AssertionError(f"{job.display} was read")

    monkeypatch.setattr(runner, "_read", no_read)
    assert concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus)) == cold


def test_a_file_rewritten_under_the_same_size_and_mtime_is_linted_again(
    tmp_path: Path, capsys, settled_at_once
) -> None:
    import os
    import sqlite3

    article = tmp_path / "posts" / "a.md"
    article.parent.mkdir()
    article.write_text("\n---\ntitle: A\n---\nBody.\n", encoding="utf-8")  # front matter not at the start
    cache = tmp_path / "cache"
    _code, before = concise(capsys, "--cache-dir", str(cache), str(article))
    assert "FM001" in before
    with sqlite3.connect(cache / "cache.sqlite3") as connection:  # the file is known by its stamp now
        assert connection.execute("SELECT count(*) FROM stamps").fetchone() == (1,)
    mtime = article.stat().st_mtime_ns
    article.write_text("---\ntitle: A\n---\nBody.\n\n", encoding="utf-8")  # same size, blank line moved
    os.utime(article, ns=(mtime, mtime))
    _code, after = concise(capsys, "--cache-dir", str(cache), str(article))
    assert "FM001" not in after


def test_a_file_changed_moments_ago_is_not_remembered_by_its_stamp(
    corpus: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    import sqlite3

    import scrapelint.cache

    # "Moments ago" made an hour wide, so that a slow machine cannot let the corpus settle mid-run.
    monkeypatch.setattr(scrapelint.cache, "SETTLED_NS", 3600 * 10**9)
    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))  # the corpus was just written
    with sqlite3.connect(cache / "cache.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM stamps").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (150,)


def test_findings_from_worker_processes_keep_their_data_and_fix_edits(corpus: Path, capsys) -> None:
    args = ["check", "--no-cache", "--output-format", "json", str(corpus)]
    main([*args, "--jobs", "1"])
    one = capsys.readouterr().out
    main([*args, "--jobs", "2"])
    assert capsys.readouterr().out == one
    assert any(item["fix"] and item["fix"]["edits"] and item["data"] for item in json.loads(one))


def test_entries_of_another_day_are_dropped_when_the_store_opens(corpus: Path, tmp_path: Path, capsys) -> None:
    import datetime
    import sqlite3

    cache = tmp_path / "cache"
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    today = datetime.date.today().toordinal()
    with sqlite3.connect(cache / "cache.sqlite3") as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (today,)
        # Entries written yesterday: their keys hold yesterday's date and can never be found again.
        connection.execute("INSERT INTO documents VALUES (?, ?)", (b"stale-key-000000", b"[]\n[]"))
        connection.execute(f"PRAGMA user_version = {today - 1}")
    concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    with sqlite3.connect(cache / "cache.sqlite3") as connection:
        stale = connection.execute("SELECT count(*) FROM documents WHERE key = ?", (b"stale-key-000000",))
        assert stale.fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (150,)
        assert connection.execute("PRAGMA user_version").fetchone() == (today,)


def test_a_cache_value_this_code_cannot_read_is_recomputed(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import sqlite3

    cache = tmp_path / "cache"
    cold = concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    with sqlite3.connect(cache / "cache.sqlite3") as connection:
        # Summaries whose spans are cut short: decoding them fails part-way through a finding.
        cut_short = b'[["FM001","n","m",0,1,"error",null,[1,2]]]\n[]'
        connection.execute("UPDATE documents SET value = ? WHERE value != ?", (cut_short, b"[]\n[]"))
    checks = CountingChecks(monkeypatch)
    assert concise(capsys, "--cache-dir", str(cache), "--jobs", "1", str(corpus)) == cold
    assert checks.calls == 150

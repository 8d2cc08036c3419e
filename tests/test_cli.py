"""The command line as a user meets it: findings on the seeds, fixes, diffs, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrapelint.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SEED_000 = "000_615a92d336f754fb.txt"
SEED_001 = "001_1963778fe24dd00c.txt"
SEED_002 = "002_caea89e28de8b229.txt"
SEED_003 = "003_5914db9d001bb131.txt"
SEED_004 = "004_df4b0940cadb3621.txt"
# The foundation's packs: what these tests promise about the seeds holds whatever other packs add.
FOUNDATION = ["--select", "FM,DT"]


def json_findings(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["check", "--output-format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def by_file(findings: list[dict]) -> dict[str, list[tuple[str, int, int]]]:
    grouped: dict[str, list[tuple[str, int, int]]] = {}
    for finding in findings:
        name = Path(finding["filename"]).name
        grouped.setdefault(name, []).append(
            (finding["code"], finding["location"]["row"], finding["location"]["column"])
        )
    return grouped


def test_seed_findings(capsys) -> None:
    code, findings = json_findings(capsys, str(SEEDS))
    assert code == 1
    grouped = by_file(findings)
    for seed in (SEED_000, SEED_001, SEED_002):
        assert ("FM001", 1, 1) in grouped[seed]
    for seed in (SEED_000, SEED_002):
        assert ("FM009", 3, 8) in grouped[seed]  # the title whose quotes became "_"
    assert ("FM009", 3, 8) not in grouped[SEED_001]
    assert ("DT001", 1, 1) in grouped[SEED_003]
    assert not [f for f in grouped.get(SEED_004, []) if f[0][:2] in ("FM", "DT")]


def test_fix_removes_exactly_the_leading_blank_line(seeds_copy: Path, capsys) -> None:
    originals = {path.name: path.read_bytes() for path in seeds_copy.iterdir()}
    assert main(["check", *FOUNDATION, "--fix", str(seeds_copy)]) == 1  # title and date findings remain
    for seed in (SEED_000, SEED_001, SEED_002):
        assert (seeds_copy / seed).read_bytes() == originals[seed][1:]
    for seed in (SEED_003, SEED_004):  # the date fix is unsafe: not applied
        assert (seeds_copy / seed).read_bytes() == originals[seed]
    capsys.readouterr()

    fixed_once = {path.name: path.read_bytes() for path in seeds_copy.iterdir()}
    assert main(["check", *FOUNDATION, "--fix", str(seeds_copy)]) == 1
    assert {path.name: path.read_bytes() for path in seeds_copy.iterdir()} == fixed_once
    assert not capsys.readouterr().out.splitlines()[-1].startswith("Fixed")


def test_diff_shows_the_fix_and_writes_nothing(seeds_copy: Path, capsys) -> None:
    originals = {path.name: path.read_bytes() for path in seeds_copy.iterdir()}
    assert main(["check", *FOUNDATION, "--diff", str(seeds_copy)]) == 1
    diff = capsys.readouterr().out
    for seed in (SEED_000, SEED_001, SEED_002):
        assert f"--- {seeds_copy / seed}\n+++ {seeds_copy / seed}\n@@ -1,4 +1,3 @@\n-\n ---\n" in diff
    assert SEED_003 not in diff and SEED_004 not in diff
    assert {path.name: path.read_bytes() for path in seeds_copy.iterdir()} == originals


def test_unsafe_fixes_give_seed_003_a_date_from_its_dateline(seeds_copy: Path, capsys) -> None:
    path = seeds_copy / SEED_003
    original = path.read_bytes()
    main(["check", *FOUNDATION, "--fix", "--unsafe-fixes", str(path)])
    assert path.read_bytes() == b"---\ndate: 2023-07-28 09:44:00\n---\n" + original


def test_exit_0_on_a_clean_file(tmp_path: Path, capsys) -> None:
    clean = tmp_path / "2021-03-05-clean.md"
    clean.write_text("---\ntitle: A clean article\ndate: 2021-03-05 10:00:00 +0800\n---\nBody.\n", encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert "All checks passed" in capsys.readouterr().out


def test_exit_0_when_everything_was_fixed_and_1_with_exit_non_zero_on_fix(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.md"
    text = "---\ntitle: x\ndate: 2021-03-05\n---\nBody.\n"
    article.write_text("\n" + text, encoding="utf-8")
    assert main(["check", "--fix", str(article)]) == 0
    assert article.read_text(encoding="utf-8") == text
    article.write_text("\n" + text, encoding="utf-8")
    assert main(["check", "--fix", "--exit-non-zero-on-fix", str(article)]) == 1
    assert "Fixed 1 finding" in capsys.readouterr().out


def test_exit_zero_flag(capsys) -> None:
    assert main(["check", "--exit-zero", str(SEEDS)]) == 0


def test_missing_path_is_one_clear_line_and_the_rest_is_still_checked(run_cli) -> None:
    result = run_cli("check", "--output-format", "concise", "no/such/article.md", str(SEEDS / SEED_003))
    assert result.returncode == 2
    assert result.stderr == "scrapelint: error: path does not exist: no/such/article.md\n"
    assert f"{SEEDS / SEED_003}:1:1: DT001 " in result.stdout


def test_a_run_that_checked_no_article_does_not_say_all_checks_passed(run_cli) -> None:
    result = run_cli("check", "--no-cache", "no/such/article.md")
    assert result.returncode == 2
    assert result.stdout.strip().splitlines()[-1] == "No articles checked."


def test_unreadable_file_is_reported_and_the_rest_checked(tmp_path: Path, capsys) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    (tmp_path / "ok.md").write_text("No front matter here.\n", encoding="utf-8")
    assert main(["check", "--output-format", "concise", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "image.md: cannot read: binary file" in captured.err
    assert f"{tmp_path / 'ok.md'}:1:1: DT001" in captured.out


def test_unreadable_folder_is_reported_and_the_rest_checked(tmp_path: Path, capsys, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.md").write_text("No front matter here.\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("No front matter here.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # as root, a chmod would not lock anyone out: refuse the listing instead
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", "--output-format", "concise", "--no-cache", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert f"{locked}: cannot read folder: Permission denied" in captured.err
    assert f"{tmp_path / 'ok.md'}:1:1: DT001" in captured.out and "hidden.md" not in captured.out


def test_unknown_config_key_is_one_clear_line(tmp_path: Path, run_cli) -> None:
    (tmp_path / "scrapelint.toml").write_text('selcet = ["FM"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unknown key 'selcet'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('select = ["XX999"]', "'select' names unknown rule or prefix 'XX999'"),
        ('select = "FM"', "'select' must be a list of strings"),
        ('[rules.FM007]\nrequire = ["title"]', "unknown option 'rules.FM007.require'"),
        ('[rules.FM007]\nrequired = "title"', "'required' expects list of str"),
        ("[rules.date-out-of-range]\nmax-future-days = true", "'max-future-days' expects int"),
        ("[rules.NOPE001]\nx = 1", "[rules.NOPE001] names an unknown rule"),
    ],
)
def test_bad_configuration_exits_2_naming_the_key(tmp_path: Path, capsys, config: str, message: str) -> None:
    (tmp_path / "scrapelint.toml").write_text(config + "\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    assert main(["check", "--config", str(tmp_path / "scrapelint.toml"), str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_unknown_selector_on_the_command_line(capsys) -> None:
    assert main(["check", "--select", "ZZ", str(SEEDS)]) == 2
    assert "'ZZ'" in capsys.readouterr().err


def test_concise_format(capsys) -> None:
    main(["check", *FOUNDATION, "--output-format", "concise", str(SEEDS / SEED_000)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"{SEEDS / SEED_000}:1:1: FM001 Front matter does not start at the first byte: "
        "1 blank line before the opening delimiter"
    )


@pytest.mark.parametrize("suffix", ["/", "/.", ""])
def test_a_named_file_is_checked_and_fixed_however_its_path_is_typed(tmp_path: Path, capsys, suffix: str) -> None:
    # pathlib reads "a.md/" and "a.md/." as "a.md"; so does the check, which opens and writes the file.
    article = tmp_path / "a.md"
    article.write_text("\n---\ntitle: A\ndate: 2021-01-01\n---\nBody.\n", encoding="utf-8")
    named = f"{article}{suffix}"
    assert main(["check", "--no-cache", "--output-format", "concise", named]) == 1
    assert f"{named}:1:1: FM001 " in capsys.readouterr().out
    assert main(["check", "--no-cache", "--fix", "--output-format", "concise", named]) == 0
    assert article.read_text(encoding="utf-8") == "---\ntitle: A\ndate: 2021-01-01\n---\nBody.\n"


def test_json_shape_follows_ruff(capsys) -> None:
    _, findings = json_findings(capsys, "--select", "FM001", str(SEEDS / SEED_000))
    assert findings == [
        {
            "code": "FM001",
            "name": "front-matter-not-at-start",
            "message": "Front matter does not start at the first byte: 1 blank line before the opening delimiter",
            "severity": "error",
            "filename": str(SEEDS / SEED_000),
            "location": {"row": 1, "column": 1},
            "end_location": {"row": 2, "column": 1},
            "fix": {
                "applicability": "safe",
                "message": "Remove the 1 blank line before the front matter",
                "encoding": None,
                "edits": [
                    {"content": "", "location": {"row": 1, "column": 1}, "end_location": {"row": 2, "column": 1}}
                ],
            },
            "data": {"leading": "\n"},
        }
    ]


def test_json_lines_and_output_file(tmp_path: Path, capsys) -> None:
    report = tmp_path / "report.jsonl"
    assert main(["check", "--output-format", "json-lines", "--output-file", str(report), str(SEEDS)]) == 1
    assert capsys.readouterr().out == ""
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {r["code"] for r in records} >= {"FM001", "FM009", "DT001"}
    assert all(set(r) >= {"code", "message", "filename", "location", "end_location", "fix"} for r in records)


def test_full_report_groups_by_file_with_frames_and_summary(capsys) -> None:
    main(["check", *FOUNDATION, str(SEEDS / SEED_000)])
    out = capsys.readouterr().out
    assert out.startswith(f"{SEEDS / SEED_000}\n  1:1  FM001 [*] Front matter does not start")
    assert "  3 │ title: '工信部：进一步加大_专精特新_中小企业培育力度'\n" in out
    # CJK characters are two columns wide: the carets must sit under the value, not drift left.
    assert "    │        " + "^" * 46 + "\n" in out
    assert "= fix: Remove the 1 blank line before the front matter" in out
    assert "FM009  front-matter-mangled-title         1        0" in out
    assert out.rstrip().endswith("Found 2 findings in 1 file (1 fixable with --fix).")


def test_quiet_prints_findings_only(capsys) -> None:
    main(["check", "--quiet", str(SEEDS / SEED_000)])
    out = capsys.readouterr().out
    assert "│" not in out and "Found" not in out
    assert "FM001" in out


def test_unknown_output_format(capsys) -> None:
    assert main(["check", "--output-format", "xml", str(SEEDS)]) == 2
    assert "unknown output format 'xml'" in capsys.readouterr().err


def test_rule_command_prints_documentation(capsys) -> None:
    assert main(["rule", "FM001"]) == 0
    out = capsys.readouterr().out
    for heading in ("What it does", "Why is this bad?", "Example", "Fix", "Options"):
        assert heading in out
    assert main(["rule", "front-matter-unclosed"]) == 0
    assert "FM002" in capsys.readouterr().out
    assert main(["rule", "XX001"]) == 2


def test_rules_command_lists_every_rule(capsys) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for code in ("FM001", "FM009", "DT001", "DT005"):
        assert code in out
    assert "front-matter-not-at-start" in out and "frontmatter" in out


def test_folder_walk_skips_other_files_and_respects_gitignore(tmp_path: Path, capsys) -> None:
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    for name in ("a.md", "b.html", "c.txt", "d.py", "drafts/e.md", "node_modules/f.md"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("no front matter\n", encoding="utf-8")
    main(["check", "--output-format", "concise", "--select", "DT001", str(tmp_path)])
    checked = {Path(line.split(":")[0]).name for line in capsys.readouterr().out.splitlines() if "DT001" in line}
    assert checked == {"a.md", "b.html", "c.txt"}


def test_a_path_given_twice_is_checked_once(capsys) -> None:
    seed = str(SEEDS / SEED_003)
    main(["check", *FOUNDATION, "--no-cache", "--output-format", "concise", "--quiet", seed, seed, str(SEEDS)])
    assert capsys.readouterr().out.count(": DT001 ") == 1


def test_a_gitignore_above_the_checked_folder_applies(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    for name in ("posts/a.md", "posts/drafts/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("no front matter\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "posts")
    main(["check", *FOUNDATION, "--no-cache", "--output-format", "concise", "--quiet", "."])
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == ["./a.md"]


def test_the_console_command_collects_again_after_start_up_with_start_up_frozen() -> None:
    """console_main keeps the collector off while the packs load, then freezes what they built and
    collects again (see its docstring): the documents must be checked with collection on (a corpus of
    parsed HTML trees, which hold cycles, would otherwise grow without bound), and main's answer given."""
    probe = (
        "import gc, sys\n"
        "import scrapelint.application as application\n"
        "during = []\n"
        "handle = application.CheckRun._handle\n"
        "def recording(self, result):\n"
        "    during.append(gc.isenabled())\n"
        "    return handle(self, result)\n"
        "application.CheckRun._handle = recording\n"
        "from scrapelint.cli import console_main\n"
        f"sys.argv = ['scrapelint', 'check', '--no-cache', '--output-format', 'concise', {str(SEEDS / SEED_000)!r}]\n"
        "code = console_main()\n"
        "print(code, during, gc.get_threshold()[0], gc.get_freeze_count() > 10000)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *report, verdict = run.stdout.splitlines()
    assert verdict == "1 [True] 10000 True"
    assert any(": FM001 " in line for line in report)

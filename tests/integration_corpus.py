"""The corpus the pipeline integration tests share, and what `scrapelint check` says about it.

2,000 records built from the seed articles and the labelled real articles of ``../shared/corpus/``:
articles with injected spam, with tracking markup, every other real article, clean articles written here,
and real articles given a leading blank line (a safe fix). Record ids vary the way real corpora's do: plain
ids, Jekyll-style post paths (rules read dates from names) and ``.html`` names (rules treat HTML and
Markdown differently). The records are split into four JSON Lines shards, so that four datatrove tasks
each have a file to read; the command checks the very same files.

Expectations are never written down here: they are what `scrapelint check` (and `--fix`) reports on the
files, run as a separate process, so the comparisons hold whatever rules are enabled while rule packs
change.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}
RECORDS = 2000
SHARDS = 4
# Per-file ignores are matched against the corpus file: the integrations must pass the same file.
CONFIG = '[per-file-ignores]\n"part-00003.jsonl" = ["DT001"]\n'
CLEAN = "---\ntitle: Record {n}\ndate: 2021-12-08 10:00:00 +0800\n---\nA plain paragraph, number {n}, about nothing.\n"

FindingKey = tuple[str, str, int, int, int, int, str]  # record id, code, row, column, end row, end column, message


@dataclass(frozen=True)
class Corpus:
    folder: Path
    shards: list[Path]
    config: Path
    records: list[dict[str, Any]]

    @property
    def ids(self) -> list[str]:
        return [record["id"] for record in self.records]


def _articles() -> dict[str, list[str]]:
    """Real article texts by kind: spam, tracking, other (labels from ../shared/corpus/labels.jsonl)."""
    if not SHARED_CORPUS.is_dir():
        raise FileNotFoundError(f"the labelled corpus is missing: {SHARED_CORPUS}")
    labels = {}
    for line in (SHARED_CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        labels[entry["file"]] = entry
    kinds: dict[str, list[str]] = {"spam": [], "tracking": [], "other": []}
    for path in sorted(SEEDS.iterdir()) + sorted(SHARED_CORPUS.rglob("*")):
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        label = labels.get(path.relative_to(SHARED_CORPUS).as_posix(), {}) if SHARED_CORPUS in path.parents else {}
        if label.get("spam") or path.name.startswith("003_"):  # seed 003 ends in a spam footer
            kinds["spam"].append(text)
        elif label.get("tracking"):
            kinds["tracking"].append(text)
        else:
            kinds["other"].append(text)
    return kinds


def build_records(count: int = RECORDS) -> list[dict[str, Any]]:
    kinds = _articles()
    cycles = {kind: itertools.cycle(texts) for kind, texts in kinds.items()}
    pattern = ["spam", "tracking", "clean", "other", "fixable", "tracking", "other", "clean", "spam", "other"]
    records = []
    for n in range(count):
        kind = pattern[n % len(pattern)]
        if kind == "clean":
            text = CLEAN.format(n=n)
        elif kind == "fixable":
            text = "\n" + next(cycles["other"])
        else:
            text = next(cycles[kind])
        if n % 7 == 3:
            record_id = f"_posts/2021-12-{n % 28 + 1:02d}-record-{n}.md"  # a Jekyll post path: a date in its name
        elif n % 11 == 5:
            record_id = f"record-{n}.html"
        else:
            record_id = f"record-{n:05d}"
        records.append({"id": record_id, "text": text, "url": f"https://example.org/{n}", "kind": kind, "score": n / 3})
    return records


def write_corpus(folder: Path, count: int = RECORDS, shards: int = SHARDS) -> Corpus:
    """The records as ``shards`` JSON Lines files in ``folder``, and the configuration beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    records = build_records(count)
    size = -(-count // shards)
    paths = []
    for shard in range(shards):
        path = folder / f"part-{shard:05d}.jsonl"
        chunk = records[shard * size : (shard + 1) * size]
        # Both escaping styles scrapers write: the rewrite of --fix keeps each line's own.
        path.write_text(
            "".join(json.dumps(record, ensure_ascii=n % 2 == 0) + "\n" for n, record in enumerate(chunk)),
            encoding="utf-8",
        )
        paths.append(path)
    config = folder / "scrapelint.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return Corpus(folder, paths, config, records)


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "scrapelint", "check", "--no-cache", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode in (0, 1), result.stderr
    return result


def cli_findings(corpus: Corpus) -> list[FindingKey]:
    """Every finding of `scrapelint check --output-format json` on the shards, keyed by record id."""
    report = run_cli("--config", str(corpus.config), "--output-format", "json", *map(str, corpus.shards))
    keys = []
    for finding in json.loads(report.stdout):
        _, _, record_id = finding["filename"].partition(".jsonl::")
        location, end = finding["location"], finding["end_location"]
        keys.append(
            (record_id, finding["code"], location["row"], location["column"], end["row"], end["column"],
             finding["message"])
        )  # fmt: skip
    return sorted(keys)


def cli_fixed_records(corpus: Corpus, workdir: Path, *extra: str) -> dict[str, dict[str, Any]]:
    """The records as `scrapelint check --fix` rewrites them (on a copy of the shards), by id."""
    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(corpus.folder, workdir)
    shards = [workdir / shard.name for shard in corpus.shards]
    run_cli("--config", str(workdir / corpus.config.name), "--fix", "--quiet", *extra, *map(str, shards))
    return records_by_id(
        json.loads(line) for shard in shards for line in shard.read_text(encoding="utf-8").splitlines()
    )


def finding_keys(rows: Iterable[dict[str, Any]]) -> list[FindingKey]:
    """Finding rows of an integration (record id + FINDING_COLUMNS) as comparable keys."""
    return sorted(
        (str(row["id"]), row["code"], int(row["row"]), int(row["column"]), int(row["end_row"]),
         int(row["end_column"]), row["message"])
        for row in rows
    )  # fmt: skip


def records_by_id(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        assert record["id"] not in by_id, f"record {record['id']} appears twice"
        by_id[record["id"]] = record
    return by_id


def code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every file of the engine and the rule packs."""
    return tuple(
        sorted(
            (str(path), path.stat().st_mtime_ns, path.stat().st_size)
            for folder in (ROOT / "src", ROOT / "plugins")
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        )
    )


@dataclass(frozen=True)
class Reference:
    corpus: Corpus
    findings: list[FindingKey]
    fixed: dict[str, dict[str, Any]]  # id -> the record after `scrapelint check --fix`
    stamp: tuple  # the code the command ran: a comparison means nothing once it changed

    def assert_equal(self, actual: Any, expected: Any) -> None:
        """``actual == expected``; when not, say so plainly if rule packs were edited while the tests ran."""
        if actual != expected and code_stamp() != self.stamp:
            pytest.fail(
                "scrapelint's code or a rule pack changed while these tests ran (the command and the pipeline "
                "ran different rules); run the tests again",
                pytrace=False,
            )
        assert actual == expected


_REFERENCE: Reference | None = None


def reference(tmp_path_factory: Any) -> Reference:
    """The corpus and the command's findings and fixes on it: built once per test session."""
    global _REFERENCE
    if _REFERENCE is None:
        stamp = code_stamp()
        base = tmp_path_factory.mktemp("integration-corpus")
        corpus = write_corpus(base / "corpus")
        findings = cli_findings(corpus)
        fixed = cli_fixed_records(corpus, base / "fixed-by-cli")
        # A corpus on which nothing is found or fixed could not tell a working integration from a broken one.
        assert {key[1][:2] for key in findings} >= {"FM", "DT"} and len({key[0] for key in findings}) > RECORDS // 2
        assert sum(fixed[record["id"]]["text"] != record["text"] for record in corpus.records) >= RECORDS // 10
        _REFERENCE = Reference(corpus, findings, fixed, stamp)
    return _REFERENCE


# -- the README's "Beyond one machine" examples ------------------------------------------------------------

README = ROOT / "README.md"


def readme_python_blocks(heading: str) -> list[str]:
    """The Python code blocks of one README section, from its heading to the next heading."""
    blocks: list[str] = []
    in_section = in_fence = False
    block: list[str] | None = None  # the lines of the Python block being read
    for line in README.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("```"):
            if in_fence and block is not None and in_section:
                blocks.append("".join(block))
            block = [] if not in_fence and line.strip() == "```python" else None
            in_fence = not in_fence
        elif in_fence:
            if block is not None:
                block.append(line)
        elif line.startswith("#"):  # a heading: inside a code block, "#" starts a comment instead
            if in_section:
                break
            in_section = line.rstrip("\n") == heading
    return blocks


def example_config(block: str) -> dict[str, Any]:
    """The ``CONFIG = {...}`` mapping an example uses, so that the command is run with the same rules."""
    return ast.literal_eval(re.search(r"^CONFIG = (\{.*?\})", block, re.MULTILINE).group(1))


def write_example_corpus(folder: Path, count: int = 60) -> list[Path]:
    """``corpus/part-0.jsonl`` ... ``part-3.jsonl``: the files the README's examples read."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    records = build_records(count)
    paths = []
    for shard in range(4):
        path = corpus / f"part-{shard}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[shard::4]), encoding="utf-8")
        paths.append(path)
    return paths


def run_example(code: str, folder: Path, name: str) -> subprocess.CompletedProcess:
    """Run a README example as a newcomer would: saved to a file, run with Python in the data's folder."""
    (folder / name).write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, name], cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result

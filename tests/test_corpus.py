"""JSON Lines corpora: every record linted, a broken line reported and skipped, fixes written in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapelint.cli import main
from scrapelint.corpus import parse_record

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = (ROOT / "seeds" / "003_5914db9d001bb131.txt").read_text(encoding="utf-8")  # spam footer, no date
FOUNDATION = ["--select", "FM,DT", "--no-cache"]
CLEAN = "---\ntitle: A clean article\ndate: 2021-03-05 10:00:00 +0800\n---\nNothing to see.\n"
BLANK_FIRST = "\n---\ntitle: Fixable\ndate: 2021-03-05 10:00:00 +0800\n---\nA leading blank line.\n"
MALFORMED_LINE = 517


def build_corpus(path: Path) -> list[bytes]:
    """1,000 lines: clean, fixable and spam records in turn, with metadata fields, and one broken line."""
    lines = []
    for number in range(1, 1001):
        if number == MALFORMED_LINE:
            lines.append(b'{"id": "broken", "text": "unterminated\n')
            continue
        kind = ("clean", "fixable", "spam")[number % 3]
        text = {"clean": CLEAN, "fixable": BLANK_FIRST, "spam": SEED_003}[kind]
        record = {"id": f"doc-{number}", "text": text, "url": f"https://example.org/{number}", "score": 0.50}
        # Alternate the JSON styles scrapers write, so that rewriting keeps each line's own.
        ascii_only = number % 2 == 0
        lines.append((json.dumps(record, ensure_ascii=ascii_only) + "\n").encode("utf-8"))
    path.write_bytes(b"".join(lines))
    return lines


def test_every_record_is_linted_and_the_broken_line_is_reported(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.jsonl"
    build_corpus(corpus)
    code = main(["check", *FOUNDATION, "--output-format", "concise", str(corpus)])
    captured = capsys.readouterr()
    assert code == 2  # a record that cannot be read is an error, like an unreadable file
    assert captured.err.splitlines() == [
        f"scrapelint: error: {corpus}::line-{MALFORMED_LINE}: cannot read record: "
        f"line {MALFORMED_LINE}: not a JSON object (Unterminated string starting at)"
    ]
    lines = captured.out.splitlines()
    fixable = [line for line in lines if ": FM001 " in line]
    undated = [line for line in lines if ": DT001 " in line]
    assert len(fixable) == len([n for n in range(1, 1001) if n % 3 == 1 and n != MALFORMED_LINE])
    assert len(undated) == len([n for n in range(1, 1001) if n % 3 == 2 and n != MALFORMED_LINE])
    assert fixable[0] == f"{corpus}::doc-1:1:1: FM001 Front matter does not start at the first byte: " + (
        "1 blank line before the opening delimiter"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_rewrites_only_the_text_of_fixed_records(tmp_path: Path, capsys, jobs: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    original = build_corpus(corpus)
    main(["check", *FOUNDATION, "--fix", "--jobs", jobs, str(corpus)])
    capsys.readouterr()
    fixed = corpus.read_bytes().splitlines(keepends=True)
    assert len(fixed) == len(original)
    for number, (before, after) in enumerate(zip(original, fixed, strict=True), start=1):
        if number == MALFORMED_LINE or number % 3 != 1:
            assert after == before, number  # clean, spam-with-no-safe-fix and broken lines: byte-identical
            continue
        old, new = json.loads(before), json.loads(after)
        assert new["text"] == old["text"][1:]
        assert {k: v for k, v in new.items() if k != "text"} == {k: v for k, v in old.items() if k != "text"}
        # Everything outside the text value is the same bytes, escaping style included.
        prefix = before[: before.index(b'"text": ') + 8]
        assert after.startswith(prefix) and after.endswith(before[before.index(b'", "url"') :])
    assert not list(tmp_path.glob(".scrapelint-*"))  # no temporary file left behind


def test_text_and_id_fields_are_configurable(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "pages.ndjson"
    corpus.write_text(json.dumps({"doc_id": "a1", "content": BLANK_FIRST}) + "\n", encoding="utf-8")
    main(["check", *FOUNDATION, "--output-format", "concise", "--text-field", "content", "--id-field", "doc_id",
          str(corpus)])  # fmt: skip
    assert capsys.readouterr().out.startswith(f"{corpus}::a1:1:1: FM001")


def test_input_format_flag_reads_any_file_as_a_corpus(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "export.txt"
    corpus.write_text(json.dumps({"text": BLANK_FIRST}) + "\n\n", encoding="utf-8")
    main(["check", *FOUNDATION, "--output-format", "concise", "--input-format", "jsonl", str(corpus)])
    assert capsys.readouterr().out.startswith(f"{corpus}::line-1:1:1: FM001")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"text": 3}', "'text' is not a string"),
        (b'{"id": 1}', "no 'text' field"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"text": "a"} trailing', "extra data after the object"),
        (b'{"text": "\xff"}', "not UTF-8"),
    ],
)
def test_broken_records_say_why(line: bytes, message: str) -> None:
    record = parse_record(7, line + b"\n", "text", "id")
    assert record.text is None and record.error.startswith("line 7: ") and message in record.error


def _write_corpus(path: Path, records: list[dict[str, str]]) -> None:
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(records), path)
    else:
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_broken_configuration_beside_a_corpus_stops_fix_before_anything_is_written(
    tmp_path: Path, capsys, suffix: str
) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "scrapelint.toml").write_text("unknown-key = 1\n", encoding="utf-8")
    corpus = folder / f"corpus{suffix}"
    _write_corpus(corpus, [{"id": "a", "text": "\n---\ntitle: A\n---\nBody."}])  # fixable
    before = corpus.read_bytes()
    assert main(["check", "--fix", "--no-cache", str(corpus)]) == 2
    assert "unknown key 'unknown-key'" in capsys.readouterr().err
    assert corpus.read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == [corpus.name, "scrapelint.toml"]  # no temporary file

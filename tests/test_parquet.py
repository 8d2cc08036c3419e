"""Parquet corpora: every row linted and named like a JSON Lines record, fixes written back atomically with
the same schema and every other column unchanged, and memory that does not grow with the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from scrapelint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = (ROOT / "seeds" / "003_5914db9d001bb131.txt").read_text(encoding="utf-8")  # spam footer, no date
FOUNDATION = ["--select", "FM,DT", "--no-cache"]
CLEAN = "---\ntitle: A clean article\ndate: 2021-03-05 10:00:00 +0800\n---\nNothing to see.\n"
BLANK_FIRST = "\n---\ntitle: Fixable\ndate: 2021-03-05 10:00:00 +0800\n---\nA leading blank line.\n"
SCHEMA_METADATA = {b"producer": b"a scraper", b"crawl": b"2021-12"}


def build_corpus(path: Path, rows: int = 300, row_group_size: int = 64) -> pa.Table:
    """Clean, fixable and spam rows in turn, with metadata columns of several types, in small row groups."""
    kinds = [("clean", "fixable", "spam")[number % 3] for number in range(rows)]
    table = pa.table(
        {
            "id": [f"doc-{number}" for number in range(rows)],
            "text": [{"clean": CLEAN, "fixable": BLANK_FIRST, "spam": SEED_003}[kind] for kind in kinds],
            "url": [f"https://example.org/{number}" for number in range(rows)],
            "score": [number / 7 for number in range(rows)],
            "tags": [["news", kind] for kind in kinds],
            "meta": [{"lang": "zh", "length": number} for number in range(rows)],
        }
    ).replace_schema_metadata(SCHEMA_METADATA)
    pq.write_table(table, path, row_group_size=row_group_size, compression="zstd")
    return table


def concise(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_every_row_is_linted_and_named_by_its_id(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.parquet"
    build_corpus(corpus)
    assert main(["check", *FOUNDATION, "--output-format", "concise", str(corpus)]) == 1
    lines = concise(capsys)
    fixable = [line for line in lines if ": FM001 " in line]
    undated = [line for line in lines if ": DT001 " in line]
    assert len(fixable) == len(undated) == 100
    assert fixable[0] == f"{corpus}::doc-1:1:1: FM001 Front matter does not start at the first byte: " + (
        "1 blank line before the opening delimiter"
    )
    assert undated[-1].startswith(f"{corpus}::doc-299:")


def test_findings_equal_those_of_the_same_records_as_json_lines(tmp_path: Path, capsys) -> None:
    parquet, jsonl = tmp_path / "corpus.parquet", tmp_path / "corpus.jsonl"
    table = build_corpus(parquet, rows=90)
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in table.to_pylist()), encoding="utf-8")
    reports = []
    for corpus in (parquet, jsonl):
        main(["check", "--no-cache", "--output-format", "json", str(corpus)])
        findings = json.loads(capsys.readouterr().out)
        reports.append([{**f, "filename": f["filename"].split("::", 1)[1]} for f in findings])
    assert reports[0] == reports[1] and reports[0]


def test_rows_without_an_id_are_named_by_row_number_and_null_texts_are_errors(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "export.parquet"
    pq.write_table(pa.table({"text": [CLEAN, None, BLANK_FIRST]}), corpus)
    assert main(["check", *FOUNDATION, "--output-format", "concise", str(corpus)]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith(f"{corpus}::row-3:1:1: FM001")
    assert captured.err.splitlines() == [
        f"scrapelint: error: {corpus}::row-2: cannot read record: row 2: 'text' is null"
    ]


def test_text_and_id_fields_and_input_format_are_configurable(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "pages.data"
    pq.write_table(pa.table({"doc_id": [41, 42], "content": [CLEAN, BLANK_FIRST]}), corpus)
    arguments = ["--text-field", "content", "--id-field", "doc_id", "--input-format", "parquet", str(corpus)]
    main(["check", *FOUNDATION, "--output-format", "concise", *arguments])
    assert concise(capsys)[0].startswith(f"{corpus}::42:1:1: FM001")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_rewrites_only_the_text_of_fixed_rows(tmp_path: Path, capsys, jobs: str) -> None:
    corpus = tmp_path / "corpus.parquet"
    build_corpus(corpus)
    before = pq.ParquetFile(corpus)
    schema, original = before.schema_arrow, before.read()  # as pyarrow reads it back (list items are "element")
    groups_before, codec_before = before.metadata.num_row_groups, before.metadata.row_group(0).column(1).compression
    corpus.chmod(0o640)
    assert main(["check", *FOUNDATION, "--fix", "--jobs", jobs, str(corpus)]) == 1  # spam rows keep DT001
    capsys.readouterr()

    after = pq.ParquetFile(corpus)
    fixed = after.read()
    assert after.schema_arrow.equals(schema, check_metadata=True)
    assert SCHEMA_METADATA.items() <= fixed.schema.metadata.items()
    assert after.metadata.num_row_groups == groups_before
    assert after.metadata.row_group(0).column(1).compression == codec_before == "ZSTD"
    for column in original.column_names:
        if column != "text":
            assert fixed.column(column).equals(original.column(column)), column
    old_texts, new_texts = original.column("text").to_pylist(), fixed.column("text").to_pylist()
    for number, (old, new) in enumerate(zip(old_texts, new_texts, strict=True)):
        assert new == (old[1:] if number % 3 == 1 else old), number
    assert corpus.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["corpus.parquet"]  # no temporary file left behind


def test_fix_keeps_a_dictionary_encoded_text_column(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.parquet"
    table = pa.table({"id": ["a", "b"], "text": pa.array([BLANK_FIRST, CLEAN]).dictionary_encode()})
    pq.write_table(table, corpus)
    main(["check", *FOUNDATION, "--fix", str(corpus)])
    capsys.readouterr()
    fixed = pq.read_table(corpus)
    assert fixed.schema.equals(table.schema)
    assert fixed.column("text").to_pylist() == [BLANK_FIRST[1:], CLEAN]


def test_diff_writes_nothing(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.parquet"
    build_corpus(corpus, rows=6)
    before = corpus.read_bytes()
    assert main(["check", *FOUNDATION, "--diff", str(corpus)]) == 1
    assert f"--- {corpus}::doc-1" in capsys.readouterr().out
    assert corpus.read_bytes() == before


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda path: pq.write_table(pa.table({"body": ["x"]}), path), "no 'text' column (columns: body)"),
        (lambda path: pq.write_table(pa.table({"text": [1]}), path), "column 'text' holds int64, not strings"),
        (lambda path: path.write_text("id,text\n1,x\n"), "not a readable Parquet file"),
    ],
)
def test_unusable_files_are_errors_and_other_paths_are_still_checked(tmp_path: Path, capsys, write, message) -> None:
    corpus, article = tmp_path / "bad.parquet", tmp_path / "a.md"
    write(corpus)
    article.write_text(BLANK_FIRST, encoding="utf-8")
    assert main(["check", *FOUNDATION, "--output-format", "concise", str(corpus), str(article)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"scrapelint: error: {corpus}: {message}")
    assert captured.out.startswith(f"{article}:1:1: FM001")


def test_a_file_damaged_part_way_is_checked_up_to_the_damage_and_never_rewritten(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.parquet"
    texts = [BLANK_FIRST] * 100
    pq.write_table(pa.table({"id": [f"d{n}" for n in range(100)], "text": texts}), corpus, row_group_size=50,
                   compression="none", use_dictionary=False)  # fmt: skip
    damage = pq.ParquetFile(corpus).metadata.row_group(1).column(1).data_page_offset
    data = bytearray(corpus.read_bytes())
    data[damage : damage + 12] = b"\xff" * 12  # the second row group's text page header
    corpus.write_bytes(bytes(data))
    for fix in ([], ["--fix"]):
        assert main(["check", *FOUNDATION, "--output-format", "concise", *fix, str(corpus)]) == 2
        captured = capsys.readouterr()
        error = f"scrapelint: error: {corpus}: cannot read the file past this point ("
        assert captured.err.startswith(error) and len(captured.err.splitlines()) == 1
        assert ("the corpus was not rewritten" in captured.err) == bool(fix)
        assert corpus.read_bytes() == bytes(data)
    assert [path.name for path in tmp_path.iterdir()] == ["corpus.parquet"]
    main(["check", *FOUNDATION, "--output-format", "concise", str(corpus)])
    assert len([line for line in capsys.readouterr().out.splitlines() if ": FM001 " in line]) == 50


def test_a_missing_pyarrow_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.parquet"
    build_corpus(corpus, rows=3)
    # A None entry in sys.modules makes `import pyarrow` fail exactly as when it is not installed.
    program = (
        "import sys; sys.modules['pyarrow'] = None; from scrapelint.cli import main; "
        f"sys.exit(main(['check', '--no-cache', {str(corpus)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2
    assert result.stderr == (
        f"scrapelint: error: {corpus}: reading Parquet corpora needs pyarrow, which is not installed: "
        "pip install 'scrapelint[parquet]'\n"
    )


# -- memory: 20,000 and 100,000 short records ------------------------------------------------------------

SHORT = "---\ntitle: Article {n}\ndate: 2021-03-05 10:00:00 +0800\n---\nA short body, number {n}, " + "words " * 20


def write_short_corpus(path: Path, rows: int) -> None:
    """Short records, one in ten with a leading blank line (a safe fix), in row groups of 5,000 rows."""
    with pq.ParquetWriter(path, pa.schema({"id": pa.string(), "text": pa.string(), "url": pa.string()})) as writer:
        for start in range(0, rows, 5000):
            numbers = range(start, min(start + 5000, rows))
            texts = [("\n" if n % 10 == 0 else "") + SHORT.format(n=n) for n in numbers]
            ids, urls = [f"doc-{n}" for n in numbers], [f"https://example.org/{n}" for n in numbers]
            writer.write_table(pa.table({"id": ids, "text": texts, "url": urls}), row_group_size=5000)


def peak_memory_mib(*arguments: str) -> float:
    """Peak resident memory of a `scrapelint check` process, measured from a fresh probe process."""
    probe = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "scrapelint", "check", "--no-cache", "--jobs", "1", *arguments]
    output = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    code, kilobytes = output.stdout.split()
    assert code in ("0", "1"), output.stderr
    return int(kilobytes) / 1024


def test_memory_does_not_grow_with_the_corpus_and_fix_leaves_other_rows_byte_identical(tmp_path: Path) -> None:
    small, large = tmp_path / "small.parquet", tmp_path / "large.parquet"
    write_short_corpus(small, 20_000)
    write_short_corpus(large, 100_000)
    # One cheap rule: what is measured is reading, dispatching and reporting 100,000 rows.
    check = ["--select", "FM001", "--output-format", "json-lines", "--output-file", str(tmp_path / "report.jsonl")]
    memory_small, memory_large = peak_memory_mib(*check, str(small)), peak_memory_mib(*check, str(large))
    assert (tmp_path / "report.jsonl").read_text(encoding="utf-8").count("\n") == 10_000
    assert memory_large <= memory_small * 1.2, (memory_small, memory_large)

    original = pq.read_table(large)
    fix = ["--select", "FM001", "--fix", "--quiet"]
    fix_small, fix_large = peak_memory_mib(*fix, str(small)), peak_memory_mib(*fix, str(large))
    assert fix_large <= fix_small * 1.2, (fix_small, fix_large)
    fixed = pq.read_table(large)
    assert fixed.schema.equals(original.schema, check_metadata=True)
    assert pq.ParquetFile(large).metadata.num_row_groups == 20
    assert fixed.column("id").equals(original.column("id")) and fixed.column("url").equals(original.column("url"))
    old_texts, new_texts = original.column("text"), fixed.column("text")
    changed = range(0, 100_000, 10)
    untouched = pa.array([n % 10 != 0 for n in range(100_000)])
    unchanged_old, unchanged_new = pc.filter(old_texts, untouched), pc.filter(new_texts, untouched)
    assert unchanged_new.equals(unchanged_old)  # Arrow compares the UTF-8 bytes of every value
    assert [new_texts[n].as_py() for n in changed[:50]] == [old_texts[n].as_py()[1:] for n in changed[:50]]
    assert pc.sum(pc.binary_length(new_texts)).as_py() == (pc.sum(pc.binary_length(old_texts)).as_py() - len(changed))

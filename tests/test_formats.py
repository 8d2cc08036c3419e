"""The machine formats CI systems read: SARIF, GitHub annotations, GitLab Code Quality, JUnit, statistics."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema

from scrapelint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FOUNDATION = ["--select", "FM,DT", "--no-cache"]


def run(capsys, monkeypatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)  # paths in CI formats are relative to the working folder (the repository)
    code = main(["check", *FOUNDATION, *args])
    return code, capsys.readouterr().out


def test_sarif_validates_against_the_schema_and_carries_rules_regions_and_fixes(capsys, monkeypatch) -> None:
    code, out = run(capsys, monkeypatch, "--output-format", "sarif", "seeds")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = {rule["id"]: rule for rule in sarif_run["tool"]["driver"]["rules"]}
    assert "## What it does" in rules["FM001"]["help"]["markdown"]
    first = sarif_run["results"][0]
    assert first["ruleId"] == "FM001" and sarif_run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "FM001"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "seeds/000_615a92d336f754fb.txt"
    assert location["region"] == {"startLine": 1, "startColumn": 1, "endLine": 2, "endColumn": 1}
    (replacement,) = first["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {
        "deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 2, "endColumn": 1},
        "insertedContent": {"text": ""},
    }


def test_sarif_of_a_clean_run_is_valid_too(capsys, monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: x\ndate: 2021-01-01\n---\nBody\n", encoding="utf-8")
    code, out = run(capsys, monkeypatch, "--output-format", "sarif", str(tmp_path))
    assert code == 0
    jsonschema.validate(json.loads(out), SCHEMA)


GITHUB_COMMAND = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=\d+,endColumn=\d+,title=(?P<title>[^:]+)::(?P<message>.+)$"
)


def test_github_annotations_follow_the_workflow_command_syntax(capsys, monkeypatch) -> None:
    _, out = run(capsys, monkeypatch, "--output-format", "github", "seeds")
    lines = out.splitlines()
    assert lines and all(GITHUB_COMMAND.match(line) for line in lines), lines
    first = GITHUB_COMMAND.match(lines[0])
    assert (first["file"], first["line"], first["col"]) == ("seeds/000_615a92d336f754fb.txt", "1", "1")
    assert first["title"] == "FM001 (front-matter-not-at-start)"


def test_github_escapes_what_would_break_a_command(capsys, monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "a, b:c.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    _, out = run(capsys, monkeypatch, "--output-format", "github", str(tmp_path / "a, b:c.md"))
    assert "a%2C b%3Ac.md,line=1" in out


def test_gitlab_code_quality(capsys, monkeypatch) -> None:
    _, out = run(capsys, monkeypatch, "--output-format", "gitlab", "seeds")
    issues = json.loads(out)
    assert {issue["check_name"] for issue in issues} == {"FM001", "FM009", "DT001"}
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_do_not_depend_on_line_numbers(capsys, monkeypatch, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: a\ntitle: b\n---\n", encoding="utf-8")
    _, before = run(capsys, monkeypatch, "--output-format", "gitlab", str(article))
    article.write_text("---\nlayout: post\nauthor: x\ntitle: a\ntitle: b\n---\n", encoding="utf-8")
    _, after = run(capsys, monkeypatch, "--output-format", "gitlab", str(article))
    duplicate = [issue for issue in json.loads(before) if issue["check_name"] == "FM004"]
    moved = [issue for issue in json.loads(after) if issue["check_name"] == "FM004"]
    assert duplicate[0]["location"]["lines"] != moved[0]["location"]["lines"]
    assert duplicate[0]["fingerprint"] == moved[0]["fingerprint"]


def test_junit_xml_parses(capsys, monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "clean.md").write_text("---\ntitle: x\ndate: 2021-01-01\n---\nBody\n", encoding="utf-8")
    _, out = run(capsys, monkeypatch, "--output-format", "junit", "seeds", str(tmp_path))
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "6"
    suites = {suite.get("name"): suite for suite in root}
    assert suites["seeds/000_615a92d336f754fb.txt"].get("failures") == "2"
    clean = suites[str(tmp_path / "clean.md")]
    assert clean.get("failures") == "0" and clean.find("testcase").find("failure") is None
    failure = suites["seeds/003_5914db9d001bb131.txt"].find("testcase/failure")
    assert failure.get("type") == "DT001"


def test_statistics(capsys, monkeypatch) -> None:
    code, out = run(capsys, monkeypatch, "--statistics", "seeds")
    assert code == 1
    assert out.splitlines() == [
        "3  FM001  [*] front-matter-not-at-start",
        "2  FM009      front-matter-mangled-title",
        "1  DT001  [-] date-missing",
    ]


def test_a_run_imports_only_the_output_format_it_writes(tmp_path: Path, modules_after_check) -> None:
    _report, loaded = modules_after_check("--no-cache", "--output-format", "concise", str(SEEDS), cwd=tmp_path)
    assert "scrapelint.reporters.concise" in loaded
    for other in ("full", "junit", "gitlab", "sarif", "github", "json_output"):
        assert f"scrapelint.reporters.{other}" not in loaded


def test_json_lines_values_are_what_json_would_write_even_for_what_orjson_refuses() -> None:
    import datetime

    from scrapelint.reporters.json_output import _line

    items = [
        {"when": datetime.datetime(2023, 7, 28, 9, 44), "text": "é\ud800", "numbers": [1, 2.5, None]},
        {"day": datetime.date(2021, 1, 1), "text": "中文"},
        {1: "a key that is not a string"},
    ]
    for item in items:
        line = _line(item)
        assert line.endswith("\n") and line.count("\n") == 1
        assert json.loads(line) == json.loads(json.dumps(item, ensure_ascii=False, default=str))


CORPUS_LINES = [
    '{"id": "a1", "text": "---\\ntitle: A\\ndate: 2021-01-01\\n---\\nClean."}',
    '{"id": "b2", "text": "\\n---\\ntitle: B\\ndate: 2021-01-01\\n---\\nA blank line first."}',
]


def test_ci_formats_point_a_record_s_findings_at_its_line_of_the_corpus_file(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    # A record's rows and columns are those of its text: an annotation at "line 2, col 1" of a corpus
    # file would point at another record. It points at the record's line and says where in the record.
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(CORPUS_LINES) + "\n", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _code, github = run(capsys, monkeypatch, "--output-format", "github", str(corpus))
    (annotation,) = github.splitlines()
    assert annotation.startswith(f"::error file={corpus.as_posix()},line=2,title=FM001 ")
    assert "::FM001 record b2, 1:1: Front matter does not start at the first byte" in annotation

    _code, sarif = run(capsys, monkeypatch, "--output-format", "sarif", str(corpus))
    log = json.loads(sarif)
    jsonschema.validate(log, SCHEMA)
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}
    assert result["message"]["text"].startswith("record b2, 1:1: ")
    assert result["properties"]["recordRegion"] == {"startLine": 1, "startColumn": 1, "endLine": 2, "endColumn": 1}
    assert "fixes" not in result  # its edits are offsets in the record's text, not in the corpus file

    _code, gitlab = run(capsys, monkeypatch, "--output-format", "gitlab", str(corpus))
    (issue,) = json.loads(gitlab)
    assert issue["location"]["lines"] == {"begin": 2, "end": 2}

    # The same when served from the cache.
    for _run in range(2):
        monkeypatch.chdir(ROOT)
        main(["check", "--select", "FM,DT", "--output-format", "github", *cache, str(corpus)])
        assert capsys.readouterr().out == github


def test_a_file_named_with_a_double_colon_is_a_file_not_a_record(capsys, monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "notes::v2.md").write_text("\n---\ntitle: A\ndate: 2021-01-01\n---\nBody.\n", encoding="utf-8")
    _code, out = run(capsys, monkeypatch, "--output-format", "github", str(tmp_path))
    (annotation,) = out.splitlines()
    assert ",line=1,col=1,endLine=2,endColumn=1," in annotation and "record" not in annotation


def test_a_record_id_with_control_characters_is_shown_safely_in_annotations(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    record = {"id": "r\x1b[2J1", "text": "\n---\ntitle: A\ndate: 2021-01-01\n---\nBody."}
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    _code, out = run(capsys, monkeypatch, "--output-format", "github", str(corpus))
    assert "\x1b" not in out and "record r␛[2J1, 1:1: " in out

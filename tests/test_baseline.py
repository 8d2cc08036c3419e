"""Adopting scrapelint on a corpus with findings: a baseline silences today's, not tomorrow's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scrapelint.cli import main

ROOT = Path(__file__).resolve().parents[1]
FOUNDATION = ["--select", "FM,DT", "--no-cache", "--output-format", "concise", "--quiet"]


def check(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", *FOUNDATION, *args])
    return code, capsys.readouterr().out.splitlines()


def test_baseline_silences_todays_findings_and_reports_only_new_ones(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    baseline = tmp_path / "baseline.json"
    code, _ = check(capsys, "--write-baseline", str(baseline), str(corpus))
    assert code == 1  # writing a baseline does not hide anything yet
    assert json.loads(baseline.read_text(encoding="utf-8"))["scrapelint-baseline"] == 1

    assert check(capsys, "--baseline", str(baseline), str(corpus)) == (0, [])

    # Unrelated lines inserted above the old findings, and one new defect in the same file.
    article = corpus / "000_615a92d336f754fb.txt"
    text = article.read_text(encoding="utf-8")
    text = text.replace(
        "\n---\n", "\n---\nlayout: post\nsource_url: https://example.org/a\n", 1
    )  # old FM009 moves down
    text = text.replace("comments: false\n", "comments: false\ntitle: 'second title'\n")  # new: duplicate key
    article.write_text(text, encoding="utf-8")
    code, lines = check(capsys, "--baseline", str(baseline), str(corpus))
    assert code == 1
    assert lines == [
        f"{article}:13:1: FM004 Front matter has a duplicate key 'title'; the earlier value is silently overwritten"
    ]


def test_a_second_copy_of_a_baselined_defect_is_new(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: a\ntitle: b\ndate: 2021-01-01\n---\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    check(capsys, "--write-baseline", str(baseline), str(article))
    article.write_text("---\ntitle: a\ntitle: b\ntitle: b\ndate: 2021-01-01\n---\n", encoding="utf-8")
    code, lines = check(capsys, "--baseline", str(baseline), str(article))
    assert code == 1 and len(lines) == 1 and "FM004" in lines[0]


def test_a_broken_baseline_is_a_clear_error(tmp_path: Path, capsys) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{}", encoding="utf-8")
    assert main(["check", *FOUNDATION, "--baseline", str(baseline), str(ROOT / "seeds")]) == 2
    assert "not a scrapelint baseline" in capsys.readouterr().err
    assert main(["check", *FOUNDATION, "--baseline", str(tmp_path / "missing.json"), str(ROOT / "seeds")]) == 2
    assert "cannot read baseline" in capsys.readouterr().err

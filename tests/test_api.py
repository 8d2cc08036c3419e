"""The library API pipelines call: lint_text and fix_text."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import scrapelint
from scrapelint import fix_text, lint_text

ARTICLE = "\n---\ntitle: '进一步加大_专精特新_中小企业'\ndate: 2021-03-05\n---\nBody\n"
FOUNDATION = {"select": ["FM", "DT"]}


def test_lint_text_finds_what_the_cli_finds() -> None:
    findings = lint_text(ARTICLE, config=FOUNDATION)
    assert [(f.code, f.row, f.column) for f in findings] == [("FM001", 1, 1), ("FM009", 3, 8)]


def test_fix_text_applies_safe_fixes() -> None:
    fixed = fix_text(ARTICLE, config=FOUNDATION)
    assert fixed.text == ARTICLE[1:]
    assert fixed.fixed == {"FM001": 1} and [f.code for f in fixed.findings] == ["FM009"]


def test_unsafe_fixes_on_request() -> None:
    text = "發布時間:2023-07-28 09:44:00\n正文\n"
    assert fix_text(text, config=FOUNDATION).text == text
    assert fix_text(text, config=FOUNDATION, unsafe=True).text.startswith("---\ndate: 2023-07-28 09:44:00\n---\n")


def test_path_and_config_file(tmp_path: Path) -> None:
    config = tmp_path / "scrapelint.toml"
    config.write_text('select = ["DT"]\n[per-file-ignores]\n"archive/*" = ["DT001"]\n', encoding="utf-8")
    assert [f.code for f in lint_text("no front matter\n", path="post.md", config=config)] == ["DT001"]
    assert lint_text("no front matter\n", path=str(tmp_path / "archive" / "old.md"), config=config) == []


def test_results_pickle() -> None:
    findings = lint_text(ARTICLE, config=FOUNDATION)
    assert pickle.loads(pickle.dumps(findings)) == findings
    fixed = fix_text(ARTICLE, config=FOUNDATION)
    assert pickle.loads(pickle.dumps(fixed)) == fixed


def _codes(text: str) -> list[str]:
    return [finding.code for finding in scrapelint.lint_text(text, config=FOUNDATION)]


def test_works_in_worker_processes() -> None:
    with ProcessPoolExecutor(2) as pool:
        assert list(pool.map(_codes, [ARTICLE, ARTICLE[1:]])) == [["FM001", "FM009"], ["FM009"]]

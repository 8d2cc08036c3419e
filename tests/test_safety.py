"""What a fix writes and what hostile front matter cannot do."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from scrapelint.cli import main
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.plugins import load_plugins

REGISTRY = load_plugins().rules
ALL_RULES = [rule() for rule in REGISTRY]


def test_fix_keeps_a_gbk_file_gbk_and_its_crlf_newlines(tmp_path: Path, capsys) -> None:
    text = "\r\n---\r\ntitle: 工信部进一步加大中小企业培育力度\r\ndate: 2022-02-18\r\n---\r\n正文。\r\n"
    article = tmp_path / "a.md"
    article.write_bytes(text.encode("gbk"))
    assert main(["check", "--fix", "--select", "FM001", str(article)]) == 0
    assert article.read_bytes() == text[2:].encode("gbk")
    capsys.readouterr()


def test_inserted_lines_follow_the_file_bom_and_newline_style(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    body = "標題\r\n\r\n發布時間:2023-07-28 09:44:00\r\n正文\r\n"
    article.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    main(["check", "--fix", "--unsafe-fixes", "--select", "DT001", str(article)])
    assert article.read_bytes() == b"\xef\xbb\xbf---\r\ndate: 2023-07-28 09:44:00\r\n---\r\n" + body.encode("utf-8")
    capsys.readouterr()


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_file(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.md"
    article.write_text("\n---\ntitle: x\ndate: 2021-01-01\n---\n", encoding="utf-8")
    os.chmod(article, 0o640)
    main(["check", "--fix", str(article)])
    assert article.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]
    capsys.readouterr()


BILLION_LAUGHS = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    + "title: x\n---\nBody\n"
)


def test_an_alias_bomb_is_refused_quickly_in_little_memory() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    findings = lint_document(Document(BILLION_LAUGHS, "bomb.md"), ALL_RULES)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024
    assert {f.code for f in findings} >= {"FM005"}
    assert sum(f.code == "FM005" for f in findings) == 10 + 81  # 10 anchors, 81 aliases


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n'
    findings = lint_document(Document(text, "tag.md"), ALL_RULES)
    assert [(f.code, f.row, f.column) for f in findings if f.code == "FM005"] == [("FM005", 2, 8)]
    assert not marker.exists()


def test_deeply_nested_front_matter_is_refused_quickly() -> None:
    text = "---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\n"
    started = time.perf_counter()
    findings = lint_document(Document(text, "deep.md"), ALL_RULES)
    assert time.perf_counter() - started < 1.0
    assert [(f.code, f.row, f.column) for f in findings if f.code.startswith("FM")] == [("FM003", 2, 104)]
    assert any("nested more than 100 levels" in f.message for f in findings)


def test_fix_follows_a_symlink_and_keeps_it_a_link(tmp_path: Path, capsys) -> None:
    target = tmp_path / "real.md"
    target.write_text("\n---\ntitle: x\ndate: 2021-01-01\n---\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    main(["check", "--fix", "--no-cache", str(link)])
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "---\ntitle: x\ndate: 2021-01-01\n---\n"
    capsys.readouterr()


def test_a_hard_linked_file_is_not_split(tmp_path: Path, capsys) -> None:
    original = tmp_path / "a.md"
    original.write_text("\n---\ntitle: x\ndate: 2021-01-01\n---\n", encoding="utf-8")
    os.link(original, tmp_path / "b.md")
    assert main(["check", "--fix", "--no-cache", str(original)]) == 2
    assert "hard links" in capsys.readouterr().err
    assert original.read_text(encoding="utf-8").startswith("\n") and os.stat(original).st_nlink == 2


def test_a_file_whose_encoding_does_not_round_trip_is_not_rewritten(tmp_path: Path, capsys) -> None:
    from scrapelint.document import Document

    article = tmp_path / "a.md"
    article.write_bytes(b"\n---\ntitle: x\ndate: 2021-01-01\n---\n")
    doc = Document.from_bytes(article.read_bytes(), str(article))
    doc.exact = False  # as for bytes two characters share: encoding back would change them
    with pytest.raises(UnicodeError, match="do not survive decoding"):
        doc.encoded()


HOSTILE = {
    "unclosed suppression": "<!-- scrapelint: disable=" + " " * 4000,
    "repeated unclosed suppressions": "<!-- scrapelint: disable=a " * 10000,
    "tags never closed": "<a " * 20000,
    "tags in prose never closed": "x <b " * 6000,
    "quotes never closed": '<a b="x' * 6000,
    "processing instructions never closed": "<?" * 20000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_linted_promptly(text: str) -> None:
    started = time.perf_counter()
    findings = lint_document(Document("<!-- scrapelint: disable=ZZ -->\n" + text, "hostile.md"), ALL_RULES)
    assert time.perf_counter() - started < 2.0  # minutes before the patterns were made linear
    assert "SL001" not in {finding.code for finding in findings}

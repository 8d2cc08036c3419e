"""Document: exact round trips of bytes, encodings, newlines and positions."""

from __future__ import annotations

import pytest

from scrapelint.document import Document, UnreadableDocument, dominant_newline


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("標題\n正文".encode(), "utf-8"),
        (b"\xef\xbb\xbf---\ntitle: x\n---\n", "utf-8"),
        ("\ufeff標題\r\n".encode("utf-16-le"), "utf-16-le"),
        (("工信部进一步加大中小企业培育力度。今天下午三时，国新办举行新闻发布会。" * 4).encode("gbk"), "gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "gbk"],
)
def test_bytes_round_trip_exactly(raw: bytes, encoding: str) -> None:
    doc = Document.from_bytes(raw, "a.md")
    assert doc.encoding == encoding
    assert doc.encoded() == raw and doc.exact


def test_a_bom_stays_in_the_text_as_a_character() -> None:
    doc = Document.from_bytes(b"\xef\xbb\xbfabc")
    assert doc.text == "\ufeffabc" and doc.has_bom


def test_gbk_is_detected_and_decoded_with_its_superset() -> None:
    doc = Document.from_bytes(("工信部进一步加大中小企业培育力度。" * 5).encode("gbk"))
    assert doc.encoding == "gb18030"
    assert doc.text.startswith("工信部")


def test_binary_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="binary"):
        Document.from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff")


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\n", "\n"), ("a\r\nb\r\nc\n", "\r\n"), ("a\rb\rc", "\r"), ("", "\n"), ("a\nb\r\n", "\n")],
)
def test_dominant_newline(text: str, newline: str) -> None:
    assert dominant_newline(text) == newline


@pytest.mark.parametrize("text", ["", "a", "\n", "ab\ncd\n", "\n\n标题\r\nx", "\ufeff---\ntitle: x\n---\n"])
def test_location_of_every_offset(text: str) -> None:
    doc = Document(text)
    row, column = 1, 1
    for offset in range(len(text) + 1):
        location = doc.location(offset)
        assert (location.row, location.column) == (row, column), offset
        if offset < len(text):
            row, column = (row + 1, 1) if text[offset] == "\n" else (row, column + 1)


def test_line_spans() -> None:
    doc = Document("one\r\ntwo\nlast")
    assert doc.line_span(0) == (0, 3)
    assert doc.line_with_break(0) == (0, 5)
    assert doc.line_span(6) == (5, 8)
    assert doc.line_with_break(11) == (9, 13)


def test_big5_written_by_windows_round_trips_exactly() -> None:
    # cp950 maps "／" (a1fe) where big5hkscs does not: the family member that gives the bytes back wins.
    raw = ("記者／王小明報導。" * 6 + "臺北市政府今天宣布新的交通政策。" * 4).encode("cp950")
    doc = Document.from_bytes(raw)
    assert doc.encoded() == raw


def test_a_utf16_bom_is_kept_outside_the_text() -> None:
    raw = "\ufeff---\ntitle: x\n---\n".encode("utf-16-le")
    doc = Document.from_bytes(raw)
    assert doc.text == "---\ntitle: x\n---\n" and doc.prefix == b"\xff\xfe"
    assert doc.with_text(doc.text + "more\n").encoded() == raw + "more\n".encode("utf-16-le")

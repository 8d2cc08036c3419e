"""The full report's code frames: long scraped lines are shown as a window that fits the terminal."""

from __future__ import annotations

import unicodedata

import pytest

from scrapelint.reporters.full import MAX_FRAME_WIDTH, _Columns, _window


def test_cell_width_counts_wide_characters_twice_and_marks_as_nothing() -> None:
    assert cell_width("abc") == 3
    assert cell_width("新浪财经") == 8
    assert cell_width("e\u0301") == 1
    mixed = "新浪财经APP：海量资讯、精准解读，e\u0301 — 尽在新浪财经 ok"
    assert cell_width(mixed) == columns_by_unicodedata(mixed)


def cell_width(text: str) -> int:
    return _Columns(text).before(len(text))


def columns_by_unicodedata(text: str) -> int:
    """An independent measure: Unicode's East Asian Width of each character, combining marks as nothing."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def window(line: str, start: int, end: int) -> tuple[str, int, int]:
    shown, start, end, columns = _window(line, start, end)
    # The columns the frame measures agree with measuring the text itself.
    for index in (0, start, end, len(shown)):
        assert columns.before(index) == columns_by_unicodedata(shown[:index])
    return shown, start, end


def test_a_short_line_is_shown_whole() -> None:
    assert window("短い line", 3, 5) == ("短い line", 3, 5)


@pytest.mark.parametrize("filler", ["a", "财", "a财", "ab财财财", "财a"])
def test_a_long_line_is_cut_to_a_window_that_fits_and_keeps_the_span_under_the_carets(filler: str) -> None:
    line = filler * 2000 + "SPAN" + filler * 2000
    start = line.index("SPAN")
    shown, new_start, new_end = window(line, start, start + 4)
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[new_start:new_end] == "SPAN"
    inner = shown[1:-1]
    assert MAX_FRAME_WIDTH - 1 <= columns_by_unicodedata(inner) <= MAX_FRAME_WIDTH


def test_a_window_at_the_start_of_a_line_has_no_leading_ellipsis() -> None:
    line = "财" * 500
    shown, start, end = window(line, 0, 2)
    assert not shown.startswith("…") and shown.endswith("…")
    assert (start, end) == (0, 2)
    assert columns_by_unicodedata(shown[:-1]) == MAX_FRAME_WIDTH

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


# -- control characters from scraped text are shown, never sent to the terminal --------------------


def _report(format_name: str, line: str, message: str) -> str:
    import io

    from scrapelint.findings import Finding, Location
    from scrapelint.reporters.concise import ConciseReporter
    from scrapelint.reporters.full import FullReporter
    from scrapelint.reporters.junit import JunitReporter
    from scrapelint.runner import FileResult

    start = line.index("SPAN")
    finding = Finding("EN006", "control-character", message, start, start + 4, path="a\x1b.md")
    finding.location, finding.end_location = Location(1, start + 1), Location(1, start + 5)
    reporter = {"full": FullReporter, "concise": ConciseReporter, "junit": JunitReporter}[format_name]
    out = io.StringIO()
    report = reporter(out)
    report.start()
    report.handle(FileResult("a\x1b.md", [finding], lines={1: line}))
    if format_name == "junit":
        from scrapelint.reporters.base import RunSummary

        report.finish(RunSummary())
    return out.getvalue()


UNSAFE_LINE = "a\x1b[2J\tb\r\u202eSPAN\x9b end"


@pytest.mark.parametrize("format_name", ["full", "concise", "junit"])
def test_control_characters_are_shown_as_visible_characters(format_name: str) -> None:
    out = _report(format_name, UNSAFE_LINE, "run 'x\x07y' found")
    for unsafe in "\x1b\x07\r\t\u202e\x9b":
        assert unsafe not in out
    assert "␇" in out and "a␛.md" in out
    if format_name == "junit":
        import xml.etree.ElementTree as ElementTree

        ElementTree.fromstring(out)  # well-formed XML 1.0


def test_a_frame_over_control_characters_keeps_its_carets_under_the_span() -> None:
    lines = _report("full", UNSAFE_LINE, "m").splitlines()
    source = next(line for line in lines if "SPAN" in line)
    carets = lines[lines.index(source) + 1]
    assert "a␛[2J b␍�SPAN� end" in source
    assert carets.index("^") == source.index("SPAN") and carets.count("^") == 4


def test_a_long_line_is_windowed_and_its_control_characters_still_shown_safely() -> None:
    # A one-line page: only the window around the span is shown, made safe like a short line.
    line = "x" * 300 + UNSAFE_LINE + "y" * 300
    lines = _report("full", line, "m").splitlines()
    source = next(line for line in lines if "SPAN" in line)
    carets = lines[lines.index(source) + 1]
    assert "a␛[2J b␍�SPAN� end" in source and source.rstrip().endswith("…")
    assert "\x1b" not in source and "\r" not in source
    assert carets.index("^") == source.index("SPAN") and carets.count("^") == 4


@pytest.mark.parametrize("unsafe", list("\x00\x1b\r\x7f\x85\x9b\u202a\u202e\u2066\u2069"))
def test_every_kind_of_unsafe_character_in_a_concise_message_is_shown_safely(unsafe: str) -> None:
    out = _report("concise", "plain SPAN line", f"quoted 'a{unsafe}b'")
    assert unsafe not in out and out.count("\n") == 1


def test_a_control_character_in_a_path_is_shown_safely_in_a_concise_report() -> None:
    # _report names the file "a\x1b.md"; its message here is plain.
    out = _report("concise", "plain SPAN line", "plain message")
    assert out.startswith("a␛.md:1:") and "\x1b" not in out


def test_spaces_that_are_safe_but_not_printable_are_written_as_they_are() -> None:
    # No-break and ideographic spaces are everywhere in scraped Chinese: shown, not replaced.
    out = _report("concise", "plain SPAN line", "quoted '\u3000\u3000段落\xa0end'")
    assert "quoted '\u3000\u3000段落\xa0end'" in out


def test_a_message_with_a_line_break_stays_on_one_concise_line() -> None:
    out = _report("concise", "plain SPAN line", "YAML does not parse: bad\n  in line 2")
    assert out.count("\n") == 1 and "bad␊  in line 2" in out


def test_a_terminal_gets_the_same_report_in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the report is styled through rich: the same text, with the spans in colour."""
    import io
    import re

    from scrapelint.findings import Applicability, Finding, Fix, Location
    from scrapelint.reporters.base import ReporterOptions, RunSummary
    from scrapelint.reporters.full import FullReporter
    from scrapelint.runner import FileResult

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    line = "新浪财经APP：海量资讯 SPAN here"
    start = line.index("SPAN")
    finding = Finding("BP001", "app-promotion-prompt", "App prompt", start, start + 4, path="a.md")
    finding.fix = Fix((), Applicability.SAFE, "Remove it")
    finding.location, finding.end_location = Location(3, start + 1), Location(3, start + 5)
    reports = []
    for color in (False, True):
        out = io.StringIO()
        reporter = FullReporter(out, ReporterOptions(color=color))
        reporter.handle(FileResult("a.md", [finding], lines={3: line}))
        reporter.finish(RunSummary(files=1, findings=1))
        reports.append(out.getvalue())
    plain, styled = reports
    assert "\x1b[" in styled
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled) == plain
    assert "  3:14  BP001 [*] App prompt  [app-promotion-prompt]" in plain

"""The default report: findings grouped by file, each with its source lines and the span underlined,
the fix if there is one, and a closing table per rule.

On a terminal it is styled through rich; otherwise the same lines are written as plain text (and rich
is never imported, which keeps pre-commit and CI runs fast).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TextIO

from scrapelint.findings import Applicability, Finding
from scrapelint.reporters.base import Reporter, ReporterOptions, RunSummary, fix_label, shown_safely
from scrapelint.runner import FileResult

MAX_FRAME_WIDTH = 100  # long lines (one-line HTML) are shown as a window around the span
MAX_FRAME_ROWS = 3


# East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth W/F), and zero-width combining marks.
# Runs, not characters: a line of CJK is a few runs, and a match object per character would cost more
# than the measuring itself.
_WIDE_RUN = re.compile(
    "[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]+"
)
_ZERO_WIDTH_RUN = re.compile("[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f]+")


class _Runs:
    """The runs of one pattern in a text, so that counting its characters before any index is a
    binary search."""

    __slots__ = ("starts", "ends", "counted")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.counted: list[int] = []  # characters in the runs before each run
        total = 0
        for match in pattern.finditer(text):
            start, end = match.span()
            self.starts.append(start)
            self.ends.append(end)
            self.counted.append(total)
            total += end - start

    def count_before(self, index: int) -> int:
        run = bisect_right(self.starts, index) - 1
        if run < 0:
            return 0
        return self.counted[run] + min(index, self.ends[run]) - self.starts[run]


class _Columns:
    """Terminal columns of the prefixes of one short text (a frame measures several), from one pass."""

    __slots__ = ("wide", "zero")

    def __init__(self, text: str) -> None:
        ascii_only = text.isascii()
        self.wide = None if ascii_only else _Runs(_WIDE_RUN, text)
        # Combining marks are rare: one search usually says there are none to index.
        self.zero = None if ascii_only or not _ZERO_WIDTH_RUN.search(text) else _Runs(_ZERO_WIDTH_RUN, text)

    def before(self, index: int) -> int:
        """Columns taken by the first ``index`` characters: wide ones take two, marks none."""
        if self.wide is None:
            return index
        if self.zero is None:
            return index + self.wide.count_before(index)
        return index + self.wide.count_before(index) - self.zero.count_before(index)

    def fitting_length(self, length: int, limit: int) -> int:
        """How many of the first ``length`` characters fit in ``limit`` columns (a mark counts as one
        here, which only makes a window narrower)."""
        if self.wide is None:
            return min(length, limit)
        runs = self.wide
        for start, end, wide_before in zip(runs.starts, runs.ends, runs.counted, strict=True):
            if start + wide_before > limit:  # the narrow characters before this run already fill it
                return limit - wide_before
            # Inside the run each character takes two columns: k + wide_before + (k - start) <= limit.
            inside = (limit + start - wide_before) // 2
            if inside < end:
                return inside
        return min(length, limit - runs.count_before(length))


class _WindowColumns:
    """Columns of a window: an optional "…", the first ``kept`` characters of a measured piece, an
    optional "…". An ellipsis takes one column, so the piece's measure serves the whole window."""

    __slots__ = ("piece", "prefix", "kept")

    def __init__(self, piece: _Columns, prefix: int, kept: int) -> None:
        self.piece = piece
        self.prefix = prefix
        self.kept = kept

    def before(self, index: int) -> int:
        inside = min(max(index - self.prefix, 0), self.kept)
        return self.piece.before(inside) + index - inside


def _window(
    line: str, start: int, end: int, measured: _Columns | None = None
) -> tuple[str, int, int, _Columns | _WindowColumns]:
    """A slice of ``line`` around [start, end) that fits the frame, the span's bounds in it, and its columns.

    Only the window is measured: a scraped line can be a whole 50 KB article. ``measured`` is the
    line's columns when they are known already.
    """
    if len(line) <= MAX_FRAME_WIDTH:
        columns = measured or _Columns(line)
        if columns.before(len(line)) <= MAX_FRAME_WIDTH:
            return line, start, end, columns
    left = max(0, start - 30)
    prefix = "…" if left > 0 else ""
    piece = line[left : left + MAX_FRAME_WIDTH]
    piece_columns = _Columns(piece)
    fitting = piece_columns.fitting_length(len(piece), MAX_FRAME_WIDTH)
    right = left + fitting
    suffix = "…" if right < len(line) else ""
    shown = prefix + piece[:fitting] + suffix
    shift = len(prefix) - left
    return shown, start + shift, min(end, right) + shift, _WindowColumns(piece_columns, len(prefix), fitting)


class _Sink:
    """Writes lines of segments, plain or through rich. Plain lines are written a file at a time."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream = stream
        self.console = None
        self.pending: list[str] = []
        if color:
            from rich.console import Console

            self.console = Console(file=stream, highlight=False, soft_wrap=True)

    def line(self, *parts: str) -> None:
        """One line of segments given flat, text then rich style ("" for none) for each: a line is a
        call with no tuple to build per segment, and plain output takes every other part at C speed."""
        if self.console is None:
            pending = self.pending
            pending.extend(parts[::2])
            pending.append("\n")
        else:
            from rich.text import Text

            self.console.print(Text.assemble(*zip(parts[::2], parts[1::2], strict=True)))

    def flush(self) -> None:
        if self.pending:
            self.stream.write("".join(self.pending))
            self.pending.clear()

    def table(self, header: list[str], rows: list[list[str]], right_aligned: set[int]) -> None:
        if self.console is not None:
            from rich.table import Table

            table = Table(box=None, header_style="bold", pad_edge=False)
            for index, title in enumerate(header):
                table.add_column(title, justify="right" if index in right_aligned else "left")
            for row in rows:
                table.add_row(*row)
            self.console.print(table)
            return
        widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header))]
        for cells in [header, *rows]:
            padded = [
                cell.rjust(widths[i]) if i in right_aligned else cell.ljust(widths[i]) for i, cell in enumerate(cells)
            ]
            self.stream.write("  ".join(padded).rstrip() + "\n")


class FullReporter(Reporter):
    wants_source_lines = True
    wants_finding_details = False  # code frames; a fix by its title

    def __init__(self, stream: TextIO, options: ReporterOptions | None = None) -> None:
        super().__init__(stream, options)
        self.sink = _Sink(stream, self.options.color)

    def handle(self, result: FileResult) -> None:
        if not result.findings:
            return
        self.sink.line(shown_safely(result.path), "bold underline")
        gutter = len(str(max(f.row for f in result.findings) + MAX_FRAME_ROWS))
        # Columns of the file's short lines, measured once however many findings point at a line
        # (a line of markup can carry a dozen).
        measured: dict[int, _Columns] = {}
        for finding in result.findings:
            self._finding(finding, result, gutter, measured)
        self.sink.line()
        self.sink.flush()

    def _finding(self, finding: Finding, result: FileResult, gutter: int, measured: dict[int, _Columns]) -> None:
        label = fix_label(finding)
        self.sink.line(
            f"  {finding.row}:{finding.column}", "cyan",
            "  ", "",
            finding.code, "bold red",
            f" {label}" if label else "", "yellow",
            f" {shown_safely(finding.message)}", "",
            f"  [{finding.name}]", "dim",
        )  # fmt: skip
        if self.options.quiet:
            return
        self._frame(finding, result, gutter, measured)
        if finding.fix is not None:
            safe = finding.fix.applicability is Applicability.SAFE
            how = "fix" if safe else "unsafe fix (--unsafe-fixes)"
            self.sink.line(" " * (gutter + 4) + f"= {how}: ", "blue", shown_safely(finding.fix.message), "")

    def _frame(self, finding: Finding, result: FileResult, gutter: int, measured: dict[int, _Columns]) -> None:
        first = finding.row
        last = finding.end_location.row if finding.end_location else first
        if last > first and finding.end_location.column == 1:
            last -= 1  # a span that ends with a line break does not touch the next line
        pad = " " * (gutter + 3)
        for row in range(first, min(last, first + MAX_FRAME_ROWS - 1) + 1):
            line = result.lines.get(row)
            if line is None:
                break
            start = finding.column - 1 if row == first else 0
            end = finding.end_location.column - 1 if row == finding.end_location.row else len(line)
            shown, start, end, columns = _window(line, start, max(end, start), measured.get(row))
            if shown is line:  # the whole line fits: its columns serve every finding on it
                measured[row] = columns
            # Made safe after windowing (a scraped line can be a whole page, and a dozen findings point
            # at it): one character for one, and of the same width, so the columns still point right.
            self.sink.line(f"  {row:>{gutter}} │ ", "blue", shown_safely(shown), "")
            indent = columns.before(start)
            carets = "^" * max(1, columns.before(end) - indent)
            self.sink.line(pad + "│ ", "blue", " " * indent + carets, "bold red")
        if last > first + MAX_FRAME_ROWS - 1:
            self.sink.line(pad + "│ ", "blue", f"… {last - first - MAX_FRAME_ROWS + 1} more lines", "dim")

    def finish(self, summary: RunSummary) -> None:
        if self.options.quiet:
            return
        sink = self.sink
        tallies = [t for t in sorted(summary.rules.values(), key=lambda t: t.code)]
        if tallies:
            header = ["Rule", "Name", "Findings", "Fixable"]
            rows = [[t.code, t.name, str(t.findings), str(t.fixable)] for t in tallies]
            if summary.fixed:
                header.append("Fixed")
                for row, t in zip(rows, tallies, strict=True):
                    row.append(str(t.fixed))
            sink.flush()  # the table writes directly
            sink.table(header, rows, right_aligned={2, 3, 4})
            sink.line()
        sink.line(self._closing_line(summary), "bold")
        sink.flush()

    def _closing_line(self, summary: RunSummary) -> str:
        files = f"{summary.files} file{'s' * (summary.files != 1)}"
        parts = []
        if summary.fixed:
            parts.append(f"Fixed {summary.fixed} finding{'s' * (summary.fixed != 1)}")
        if summary.findings:
            text = f"Found {summary.findings} finding{'s' * (summary.findings != 1)} in {files}"
            extras = []
            if summary.fixable:
                extras.append(f"{summary.fixable} fixable with --fix")
            if summary.unsafe_fixable:
                extras.append(f"{summary.unsafe_fixable} more with --unsafe-fixes")
            if extras:
                text += f" ({', '.join(extras)})"
            parts.append(text)
        elif not summary.files:
            parts.append("No articles checked")  # a path that does not exist, or a folder of none
        elif not summary.fixed:
            parts.append(f"All checks passed ({files})")
        else:
            parts.append(f"nothing left in {files}")
        return ". ".join(parts) + "."

"""``path:line:col: CODE message``, one finding per line: for grep, editors and quick reading."""

from __future__ import annotations

from scrapelint.reporters.base import Reporter, RunSummary, shown_safely, shows_as_it_is
from scrapelint.runner import FileResult


class ConciseReporter(Reporter):
    wants_finding_details = False  # path, place, code and message only

    def handle(self, result: FileResult) -> None:
        if not result.findings:
            return
        path, findings = result.path, result.findings
        if shows_as_it_is(path) and all([shows_as_it_is(f.message) for f in findings]):
            text = "".join([f"{path}:{f.row}:{f.column}: {f.code} {f.message}\n" for f in findings])
        else:
            # Rare: a path or message with a control character or a line break of its own.
            path = shown_safely(path)
            text = "".join([f"{path}:{f.row}:{f.column}: {f.code} {shown_safely(f.message)}\n" for f in findings])
        self.stream.write(text)

    def finish(self, summary: RunSummary) -> None:
        if self.options.quiet:
            return
        if summary.findings:
            self.stream.write(f"Found {summary.findings} finding{'s' * (summary.findings != 1)}.\n")
        if summary.fixed:
            self.stream.write(f"Fixed {summary.fixed} finding{'s' * (summary.fixed != 1)}.\n")

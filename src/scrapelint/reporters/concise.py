"""``path:line:col: CODE message``, one finding per line: for grep, editors and quick reading."""

from __future__ import annotations

from scrapelint.reporters.base import Reporter, RunSummary, shown_safely
from scrapelint.runner import FileResult


class ConciseReporter(Reporter):
    wants_finding_details = False  # path, place, code and message only

    def handle(self, result: FileResult) -> None:
        if result.findings:
            path = shown_safely(result.path)
            self.stream.write(
                "".join([f"{path}:{f.row}:{f.column}: {f.code} {shown_safely(f.message)}\n" for f in result.findings])
            )

    def finish(self, summary: RunSummary) -> None:
        if self.options.quiet:
            return
        if summary.findings:
            self.stream.write(f"Found {summary.findings} finding{'s' * (summary.findings != 1)}.\n")
        if summary.fixed:
            self.stream.write(f"Fixed {summary.fixed} finding{'s' * (summary.fixed != 1)}.\n")

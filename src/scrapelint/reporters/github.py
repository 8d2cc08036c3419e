"""GitHub Actions workflow commands: one ``::error file=…,line=…,col=…::message`` annotation per finding."""

from __future__ import annotations

from scrapelint.findings import Severity
from scrapelint.reporters.base import Reporter, record_place, shown_safely
from scrapelint.reporters.sarif import repository_path
from scrapelint.runner import FileResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    wants_finding_details = False  # annotations: place and message

    def handle(self, result: FileResult) -> None:
        path = escape_property(repository_path(result.path))
        for finding in result.findings:
            place = record_place(result, finding)
            if not place:
                start, end = finding.location, finding.end_location
                where = f"line={start.row},col={start.column},endLine={end.row},endColumn={end.column},"
            else:  # a corpus record: its line of the corpus file (a Parquet row: the file)
                where = f"line={result.record_line}," if result.record_line is not None else ""
            title = escape_property(f"{finding.code} ({finding.name})")
            self.stream.write(
                f"::{COMMANDS[finding.severity]} file={path},{where}title={title}::"
                f"{escape_data(f'{finding.code} {place}{shown_safely(finding.message)}')}\n"
            )

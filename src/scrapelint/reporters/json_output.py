"""JSON and JSON Lines in the shape of ruff's JSON output, so that existing consumers can read them.

Each finding: code, message, filename (absolute), location{row,column}, end_location{row,column},
fix (null or {applicability, message, edits[{content, location, end_location}]}), plus name,
severity and data (the rule's evidence: matched terms, scores...).
"""

from __future__ import annotations

import json
import os
from typing import Any

from scrapelint.findings import Finding, Location
from scrapelint.reporters.base import Reporter, RunSummary
from scrapelint.runner import FileResult


def _location(location: Location | None) -> dict[str, int] | None:
    return None if location is None else {"row": location.row, "column": location.column}


def finding_to_json(finding: Finding, path: str) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability.value,
            "message": finding.fix.message,
            "encoding": finding.fix.encoding,
            "edits": [
                {"content": edit.content, "location": _location(start), "end_location": _location(end)}
                for edit, (start, end) in zip(finding.fix.edits, finding.edit_locations, strict=True)
            ],
        }
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.value,
        "filename": os.path.abspath(path) if not path.startswith("<") else path,
        "location": _location(finding.location),
        "end_location": _location(finding.end_location),
        "fix": fix,
        "data": finding.data,
    }


class JsonReporter(Reporter):
    """One JSON array of every finding, written at the end."""

    def start(self) -> None:
        self._items: list[dict[str, Any]] = []

    def handle(self, result: FileResult) -> None:
        self._items.extend(finding_to_json(f, result.path) for f in result.findings)

    def finish(self, summary: RunSummary) -> None:
        json.dump(self._items, self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")


class JsonLinesReporter(Reporter):
    """One JSON object per finding per line, streamed as files are checked."""

    def handle(self, result: FileResult) -> None:
        for finding in result.findings:
            self.stream.write(json.dumps(finding_to_json(finding, result.path), ensure_ascii=False, default=str))
            self.stream.write("\n")

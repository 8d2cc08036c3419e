"""JSON and JSON Lines in the shape of ruff's JSON output, so that existing consumers can read them.

Each finding: code, message, filename (absolute), location{row,column}, end_location{row,column},
fix (null or {applicability, message, edits[{content, location, end_location}]}), plus name,
severity and data (the rule's evidence: matched terms, scores...).
"""

from __future__ import annotations

import json
import os
from typing import Any

import orjson

from scrapelint.findings import Finding, Location
from scrapelint.reporters.base import Reporter, RunSummary
from scrapelint.runner import FileResult


def _location(location: Location | None) -> dict[str, int] | None:
    return None if location is None else {"row": location.row, "column": location.column}


def filename(path: str) -> str:
    """The finding's file as the JSON formats name it: absolute, or as given for <stdin> and records."""
    return os.path.abspath(path) if not path.startswith("<") else path


def finding_to_json(finding: Finding, path: str) -> dict[str, Any]:
    """``path`` is already the ``filename`` (worked out once per file, not once per finding)."""
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
        "filename": path,
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
        name = filename(result.path)
        self._items.extend(finding_to_json(f, name) for f in result.findings)

    def finish(self, summary: RunSummary) -> None:
        json.dump(self._items, self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")


class JsonLinesReporter(Reporter):
    """One JSON object per finding per line, streamed as files are checked."""

    def handle(self, result: FileResult) -> None:
        if result.findings:
            name = filename(result.path)
            self.stream.write("".join([_line(finding_to_json(finding, name)) for finding in result.findings]))


def _line(item: dict[str, Any]) -> str:
    """One JSON line: orjson (several times faster, and a data team's corpus has millions of findings),
    json for what orjson refuses (a lone surrogate from a corpus record, a key that is not a string)."""
    try:
        options = orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
        return orjson.dumps(item, default=str, option=options).decode("utf-8")
    except TypeError:
        return json.dumps(item, ensure_ascii=False, default=str) + "\n"

"""SARIF 2.1.0, as GitHub code scanning reads it: every rule with its documentation as help text,
results with regions (columns in Unicode code points, as scrapelint counts them) and fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from scrapelint.findings import Finding, Location, Severity
from scrapelint.reporters.base import Reporter, RunSummary, record_place
from scrapelint.runner import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def repository_path(path: str) -> str:
    """The file's path relative to the working folder (the repository root in CI), with forward slashes;
    absolute when the file lies outside it. A corpus record is named by its corpus file."""
    absolute = os.path.abspath(path.partition("::")[0])
    relative = os.path.relpath(absolute)
    return Path(absolute if relative.startswith("..") else relative).as_posix()


def artifact_uri(path: str) -> str:
    """SARIF's artifact location: a relative URI reference, or a file: URI outside the working folder."""
    shown = repository_path(path)
    if shown.startswith("/"):
        return "file://" + quote(shown, errors="surrogateescape")
    return quote(shown, errors="surrogateescape")


def _region(start: Location, end: Location) -> dict[str, int]:
    return {"startLine": start.row, "startColumn": start.column, "endLine": end.row, "endColumn": end.column}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    documentation = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default_enabled},
        "properties": {"pack": rule.pack, "fix": rule.fix_availability.value},
    }


class SarifReporter(Reporter):
    def start(self) -> None:
        self._results: list[dict[str, Any]] = []

    def handle(self, result: FileResult) -> None:
        uri = artifact_uri(result.path)
        for finding in result.findings:
            self._results.append(self._result(finding, uri, result))

    def _result(self, finding: Finding, uri: str, result: FileResult) -> dict[str, Any]:
        place = record_place(result, finding)
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if not place:
            location["region"] = _region(finding.location, finding.end_location)
        elif result.record_line is not None:  # the corpus line of the record (a Parquet row has none)
            location["region"] = {"startLine": result.record_line}
        item: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity],
            "message": {"text": place + finding.message},
            "locations": [{"physicalLocation": location}],
        }
        if place:
            # The record, and the finding's region in its text; a fix's regions are in that text too,
            # not in the corpus file, so none is offered here (--fix rewrites records itself).
            item["properties"] = {
                "record": result.record,
                "recordRegion": _region(finding.location, finding.end_location),
            }
            return item
        if finding.fix is not None and finding.fix.edits:
            replacements = [
                {"deletedRegion": _region(start, end), "insertedContent": {"text": edit.content}}
                for edit, (start, end) in zip(finding.fix.edits, finding.edit_locations, strict=True)
            ]
            item["fixes"] = [
                {
                    "description": {"text": f"{finding.fix.message} ({finding.fix.applicability.value})"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                }
            ]
        return item

    def finish(self, summary: RunSummary) -> None:
        from scrapelint import __version__
        from scrapelint.plugins import load_plugins

        rules = [_rule_descriptor(rule) for rule in load_plugins().rules]
        index = {rule["id"]: number for number, rule in enumerate(rules)}
        for item in self._results:
            if item["ruleId"] in index:
                item["ruleIndex"] = index[item["ruleId"]]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "scrapelint", "version": __version__, "rules": rules}},
                    "columnKind": "unicodeCodePoints",
                    "results": self._results,
                }
            ],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

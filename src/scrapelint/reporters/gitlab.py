"""GitLab Code Quality JSON: findings as merge-request widgets, tracked across commits by a fingerprint
of the file, the rule and the offending text (never the line number)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from scrapelint.baseline import fingerprint
from scrapelint.findings import Severity
from scrapelint.reporters.base import Reporter, RunSummary, record_place
from scrapelint.reporters.sarif import repository_path
from scrapelint.runner import FileResult

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabReporter(Reporter):
    wants_source_lines = True  # the fingerprint is of the offending text
    wants_finding_details = False

    def start(self) -> None:
        self._issues: list[dict[str, Any]] = []

    def handle(self, result: FileResult) -> None:
        path = repository_path(result.path)
        seen: Counter[str] = Counter()
        for finding in result.findings:
            base = f"{path}\0{result.path}\0{fingerprint(finding, result.lines)}"
            seen[base] += 1  # the same defect twice in a file: two issues, two fingerprints
            place = record_place(result, finding)
            if not place:
                lines = {"begin": finding.location.row, "end": finding.end_location.row}
            else:  # a corpus record: its line of the corpus file (a Parquet row: the first line)
                lines = {"begin": result.record_line or 1, "end": result.record_line or 1}
            self._issues.append(
                {
                    "description": f"{finding.code} {place}{finding.message}",
                    "check_name": finding.code,
                    "fingerprint": hashlib.md5(f"{base}\0{seen[base]}".encode(), usedforsecurity=False).hexdigest(),
                    "severity": SEVERITIES[finding.severity],
                    "location": {"path": path, "lines": lines},
                }
            )

    def finish(self, summary: RunSummary) -> None:
        json.dump(self._issues, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

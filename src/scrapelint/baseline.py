"""Adopting scrapelint on a corpus that already has findings: record today's, fail only on new ones.

A baseline entry is (file, rule, fingerprint of the offending text), counted: no line numbers, so lines
inserted or removed elsewhere in a file do not revive an old finding, and a second copy of the same
defect in the same file is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from scrapelint.atomic import write_atomic
from scrapelint.findings import Finding
from scrapelint.runner import FileResult

FORMAT_VERSION = 1
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


def offending_text(finding: Finding, lines: dict[int, str]) -> str:
    """The text the finding points at (its first line's part of it), or its whole line for an empty span."""
    line = lines.get(finding.row, "")
    start = finding.column - 1
    if finding.end_location is not None and finding.end_location.row == finding.row:
        end = finding.end_location.column - 1
    else:
        end = len(line)
    return line[start:end] if end > start else line


def fingerprint(finding: Finding, lines: dict[int, str]) -> str:
    text = _SPACE.sub(" ", offending_text(finding, lines)).strip()
    return hashlib.blake2b(f"{finding.code}\0{text}".encode(), digest_size=8).hexdigest()


def _file_key(path: str, root: Path) -> str:
    """The result's path relative to the baseline's folder; a corpus record keeps its ``::id`` suffix."""
    file_part, separator, record = path.partition("::")
    relative = os.path.relpath(os.path.abspath(file_part), root)
    return Path(relative).as_posix() + separator + record


class Baseline:
    def __init__(self, path: Path) -> None:
        self.root = path.resolve().parent
        self.entries: Counter[tuple[str, str, str]] = Counter()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        baseline = cls(path)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("scrapelint-baseline") != FORMAT_VERSION:
                raise BaselineError(f"{path}: not a scrapelint baseline (version {FORMAT_VERSION})")
            for entry in document["findings"]:
                key = (entry["path"], entry["code"], entry["fingerprint"])
                baseline.entries[key] += int(entry.get("count", 1))
        except OSError as error:
            raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BaselineError(f"{path}: not a valid baseline: {error}") from None
        return baseline

    def _keys(self, result: FileResult) -> list[tuple[str, str, str]]:
        file_key = _file_key(result.path, self.root)
        return [(file_key, f.code, fingerprint(f, result.lines)) for f in result.findings]

    def record(self, result: FileResult) -> None:
        self.entries.update(self._keys(result))

    def filter(self, result: FileResult) -> None:
        """Drop the findings the baseline knows (each entry absorbs as many findings as it counts)."""
        if not result.findings:
            return
        kept = []
        for finding, key in zip(result.findings, self._keys(result), strict=True):
            if self.entries[key] > 0:
                self.entries[key] -= 1
            else:
                kept.append(finding)
        result.findings = kept

    def write(self, path: Path) -> None:
        findings = [
            {"path": file, "code": code, "fingerprint": digest, "count": count}
            for (file, code, digest), count in sorted(self.entries.items())
        ]
        text = json.dumps({"scrapelint-baseline": FORMAT_VERSION, "findings": findings}, indent=2)
        write_atomic(path, (text + "\n").encode("utf-8"))

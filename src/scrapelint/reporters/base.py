"""The reporter life cycle (flake8's model): start once, handle each file's result, finish with a summary."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from scrapelint.findings import Applicability, Finding
from scrapelint.runner import FileResult


@dataclass
class RuleTally:
    code: str
    name: str
    findings: int = 0
    fixable: int = 0  # with --fix
    unsafe_fixable: int = 0  # only with --unsafe-fixes
    fixed: int = 0


@dataclass
class RunSummary:
    files: int = 0
    files_with_findings: int = 0
    errors: int = 0
    findings: int = 0
    fixed: int = 0
    rules: dict[str, RuleTally] = field(default_factory=dict)
    unsettled: Counter[str] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.errors += 1
        if result.findings:
            self.files_with_findings += 1
        self.findings += len(result.findings)
        rules = self.rules
        for finding in result.findings:
            # Every finding of a run passes here: look the tally up, and build one only for a new rule.
            tally = rules.get(finding.code)
            if tally is None:
                tally = rules[finding.code] = RuleTally(finding.code, finding.name)
            tally.findings += 1
            fix = finding.fix
            if fix is not None:
                if fix.applicability is Applicability.SAFE:
                    tally.fixable += 1
                else:
                    tally.unsafe_fixable += 1
        for code, count in result.fixed.items():
            self.fixed += count
            self.rules.setdefault(code, RuleTally(code, result.rule_names.get(code, ""))).fixed += count
        self.unsettled.update(result.unsettled_rules)

    @property
    def fixable(self) -> int:
        return sum(t.fixable for t in self.rules.values())

    @property
    def unsafe_fixable(self) -> int:
        return sum(t.unsafe_fixable for t in self.rules.values())


@dataclass(frozen=True)
class ReporterOptions:
    quiet: bool = False
    color: bool = False  # the stream is a terminal: style it
    fixing: bool = False  # --fix was given (the summary speaks of what was fixed)


class Reporter:
    """Base class of output formats. Subclasses override what they need."""

    # Does the format show source lines (FileResult.lines)? Collecting them costs time on every file.
    wants_source_lines = False
    # Does the format read a finding's data or its fix's edits (and edit_locations)? Without them a
    # cached finding decodes in half the time; a format that only says what was found, and whether a
    # fix comes with it, sets this to False.
    wants_finding_details = True

    def __init__(self, stream: TextIO, options: ReporterOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReporterOptions()

    def start(self) -> None:
        """Called once before the first file."""

    def handle(self, result: FileResult) -> None:
        """Called once per checked file, in a deterministic order."""

    def finish(self, summary: RunSummary) -> None:
        """Called once at the end."""


def fix_label(finding: Finding) -> str:
    if finding.fix is None:
        return ""
    return "[*]" if finding.fix.applicability is Applicability.SAFE else "[-]"


# Characters a terminal acts on instead of showing them (C0 and C1 controls, DEL: ESC starts a colour
# or clears the screen, CR overwrites the line), which XML 1.0 refuses, or which reorder the text shown
# around them (bidirectional overrides and isolates). Scraped text carries all of them: a report shows
# them, it never lets them act.
_UNSAFE_FOR_DISPLAY = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_VISIBLE_FORMS = {
    **{code: 0x2400 + code for code in range(0x20)},  # Unicode's control pictures: ␀ ␁ … ␛ … ␟
    0x09: " ",  # one column, so that the carets under a line stay where they belong
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}


def shows_as_it_is(text: str) -> bool:
    """Whether ``text`` holds none of the characters ``shown_safely`` replaces (a line break among them).
    ``str.isprintable`` answers for nearly every text at C speed, since it is False for each of those
    characters; a text it refuses for another reason (a no-break or an ideographic space, common in
    scraped Chinese) is searched."""
    return text.isprintable() or _UNSAFE_FOR_DISPLAY.search(text) is None


def shown_safely(text: str) -> str:
    """``text`` with every character above replaced by a visible one: one character for one, so that
    columns and offsets computed on the original still hold."""
    return text if shows_as_it_is(text) else text.translate(_VISIBLE_FORMS)


def record_place(result: FileResult, finding: Finding) -> str:
    """For a finding in a corpus record, where it is, for a message on the corpus file ("record b2,
    4:6: "): a CI system annotates files, and the finding's row and column are those of the record's
    text. "" for a finding in a file. Shown safely: a record's id is the corpus's data."""
    if result.record is None:
        return ""
    return f"record {shown_safely(result.record)}, {finding.row}:{finding.column}: "

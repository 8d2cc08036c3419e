"""Applying fixes: non-overlapping edits on the source text, re-lint, repeat until nothing changes.

Only the edited spans change; a fix never re-serialises the document. When fixes keep undoing each
other, the loop stops after MAX_PASSES and names the rules involved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding, Fix

MAX_PASSES = 10


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits applied; they must not overlap."""
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _edits_are_disjoint(fix: Fix) -> bool:
    position = -1
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            return False
        position = edit.end
    return True


def choose_fixes(findings: Iterable[Finding], allowed: Callable[[Finding], bool]) -> list[Finding]:
    """The allowed fixes that can be applied together in one pass, earliest first.

    Two fixes that touch the same text (or insert at the same place) cannot both go in one pass: the
    later one waits for the next pass, when it is computed again on the new text.
    """
    chosen: list[Finding] = []
    taken_until = -1
    candidates = [f for f in findings if f.fix is not None and f.fix.edits and not f.fix.encoding and allowed(f)]
    for finding in sorted(candidates, key=lambda f: (f.fix.start, f.fix.end)):
        fix = finding.fix
        if fix.start < taken_until or (fix.start == taken_until and fix.start == fix.end):
            continue
        if not _edits_are_disjoint(fix):
            continue
        chosen.append(finding)
        taken_until = max(taken_until, fix.end)
    return chosen


def _transcoding(findings: Iterable[Finding], allowed: Callable[[Finding], bool], current: str) -> Finding | None:
    """The first allowed fix that changes the file's encoding (one per pass: a file has one encoding)."""
    for finding in findings:
        fix = finding.fix
        if fix is not None and fix.encoding and fix.encoding != current and allowed(finding):
            return finding
    return None


def _overlaps(fix: Fix, chosen: list[Finding]) -> bool:
    """Does any edit of ``fix`` touch an edit already chosen? (It then waits for the next pass.)"""
    for finding in chosen:
        for taken in finding.fix.edits:
            for edit in fix.edits:
                if edit.start < taken.end and taken.start < edit.end or edit.start == taken.start:
                    return True
    return False


@dataclass
class FixOutcome:
    document: Document
    applied: Counter[str] = field(default_factory=Counter)  # rule code -> fixes applied
    rule_names: dict[str, str] = field(default_factory=dict)  # code -> name, for reports
    converged: bool = True
    unsettled_rules: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what remains after the last pass

    @property
    def changed(self) -> bool:
        return sum(self.applied.values()) > 0


def fix_document(
    doc: Document,
    lint: Callable[[Document], list[Finding]],
    *,
    unsafe: bool = False,
    is_fixable: Callable[[str, str], bool] = lambda code, name: True,
    max_passes: int = MAX_PASSES,
) -> FixOutcome:
    """Apply every allowed fix until the document is stable; return it with what was done and what remains."""

    def allowed(finding: Finding) -> bool:
        if finding.fix is None:
            return False
        if finding.fix.applicability is Applicability.UNSAFE and not unsafe:
            return False
        return is_fixable(finding.code, finding.name)

    outcome = FixOutcome(doc)
    seen = {(doc.text, doc.encoding)}
    findings = lint(doc)
    for _ in range(max_passes):
        chosen = choose_fixes(findings, allowed)
        transcoding = _transcoding(findings, allowed, doc.encoding)
        if transcoding is not None and not _overlaps(transcoding.fix, chosen):
            chosen.append(transcoding)
        if not chosen:
            break
        text = apply_edits(doc.text, [edit for f in chosen for edit in f.fix.edits])
        encoding = transcoding.fix.encoding if transcoding is not None else doc.encoding
        if text == doc.text and encoding == doc.encoding:
            break
        outcome.applied.update(f.code for f in chosen)
        outcome.rule_names.update((f.code, f.name) for f in chosen)
        doc = doc.with_text(text, encoding)
        findings = lint(doc)
        if (text, encoding) in seen:  # fixes undo each other: stop instead of cycling
            outcome.converged = False
            outcome.unsettled_rules = sorted({f.code for f in chosen})
            break
        seen.add((text, encoding))
    else:
        leftover = choose_fixes(findings, allowed)
        if leftover:
            outcome.converged = False
            outcome.unsettled_rules = sorted({f.code for f in leftover})
    outcome.document = doc
    outcome.findings = findings
    return outcome

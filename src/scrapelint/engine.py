"""Document -> findings, with no I/O: run the enabled rules, turn a crash into a finding, drop suppressions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scrapelint.document import Document
from scrapelint.findings import INTERNAL_ERROR_CODE, INTERNAL_ERROR_NAME, Finding
from scrapelint.rules import Rule, matches_any
from scrapelint.suppress import filter_suppressed, has_suppressions, parse_suppressions


def run_rules(doc: Document, rules: Iterable[Rule], ignored: Sequence[str] = ()) -> list[Finding]:
    """Every finding of every rule, unfiltered and unlocated. A rule that raises becomes a finding."""
    findings: list[Finding] = []
    for rule in rules:
        if ignored and matches_any(rule.code, rule.name, ignored):
            continue
        try:
            findings.extend(rule.check(doc))
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the run
            findings.append(
                Finding(
                    code=INTERNAL_ERROR_CODE,
                    name=INTERNAL_ERROR_NAME,
                    message=f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}",
                    start=0,
                    end=0,
                    data={"rule": rule.code},
                )
            )
    return findings


def locate(doc: Document, finding: Finding) -> Finding:
    """Fill in the finding's path, 1-based rows and columns, and those of its fix's edits (in place)."""
    location = doc.location
    start = finding.location = location(finding.start)
    end = finding.end_location = start if finding.end == finding.start else location(finding.end)
    finding.path = doc.path
    if finding.fix is not None and not finding.fix.pending:
        # Most edits cover the finding's own span: reuse its locations rather than look them up again.
        finding.edit_locations = tuple(
            (start, end)
            if edit.start == finding.start and edit.end == finding.end
            else (location(edit.start), location(edit.end))
            for edit in finding.fix.edits
        )
    return finding


def lint_document(
    doc: Document, rules: Iterable[Rule], ignored: Sequence[str] = (), *, resolve_fixes: bool = True
) -> list[Finding]:
    """The findings a user sees for ``doc``: located, suppressions applied, in source order.

    Without ``resolve_fixes``, deferred fixes (``Fix.deferred``) keep their edits unworked: for a run
    that neither fixes nor shows edits."""
    findings = run_rules(doc, rules, ignored)
    if not findings:
        return findings
    if has_suppressions(doc.text):
        findings = filter_suppressed(findings, parse_suppressions(doc.text, doc.line_starts), doc.line_starts)
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    for finding in findings:
        if resolve_fixes and finding.fix is not None:
            finding.fix.resolve()
        locate(doc, finding)
    return findings

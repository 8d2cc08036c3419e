"""Every rule against its fixture file, tests/fixtures/rules/<CODE>.yml (sqlfluff's model).

A fixture holds cases: ``input`` text, the ``findings`` expected (code, line, column; optionally
end_line, end_column and a ``message`` substring), and ``fixed``, the text expected after fixing
(``unsafe: true`` to allow unsafe fixes). Without ``fixed`` the fix loop must leave the input unchanged.
The harness also checks that fixing twice changes nothing and that the fixed text is clean for the
rule, except for findings the case lists under ``remaining``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.fixes import fix_document
from scrapelint.plugins import load_plugins

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def load_cases() -> list:
    params = []
    for fixture in sorted(FIXTURES.glob("*.yml")):
        spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{fixture.stem}-{case['name']}"))
    return params


def case_input(case: dict) -> str:
    """The case's text; a mapping {prefix, repeat, times, suffix} builds a large input."""
    given = case["input"]
    if isinstance(given, dict):
        return given.get("prefix", "") + given["repeat"] * given["times"] + given.get("suffix", "")
    return given


def summarise(findings) -> list[dict]:
    return [{"code": f.code, "line": f.row, "column": f.column} for f in findings]


def matches(finding, expected: dict) -> bool:
    if (finding.code, finding.row, finding.column) != (expected["code"], expected["line"], expected["column"]):
        return False
    if "end_line" in expected and finding.end_location.row != expected["end_line"]:
        return False
    if "end_column" in expected and finding.end_location.column != expected["end_column"]:
        return False
    return expected.get("message", "") in finding.message


@pytest.mark.parametrize(("code", "case"), load_cases())
def test_rule_case(code: str, case: dict) -> None:
    rule_class = load_plugins().rules.get(code)
    assert rule_class is not None, f"no rule {code}"
    rule = rule_class(case.get("options"))

    def lint(doc: Document):
        return lint_document(doc, [rule])

    text = case_input(case)
    doc = Document(text, case.get("path", "article.md"))
    findings = lint(doc)
    expected = case.get("findings", [])
    assert len(findings) == len(expected), summarise(findings)
    for finding, wanted in zip(findings, expected, strict=True):
        assert matches(finding, wanted), (summarise([finding]), wanted, finding.message)

    unsafe = case.get("unsafe", False)
    outcome = fix_document(doc, lint, unsafe=unsafe)
    assert outcome.document.text == case.get("fixed", text)
    assert outcome.converged

    again = fix_document(outcome.document, lint, unsafe=unsafe)
    assert again.document.text == outcome.document.text, "fixing twice changed the text"
    if "fixed" in case:
        remaining = case.get("remaining", [])
        assert summarise(lint(outcome.document)) == remaining


def test_every_rule_is_documented_and_has_a_fixture() -> None:
    fixtures = {path.stem for path in FIXTURES.glob("*.yml")}
    for rule in load_plugins().rules:
        assert not rule.missing_doc_headings(), f"{rule.code} lacks headings {rule.missing_doc_headings()}"
        assert rule.code in fixtures, f"{rule.code} has no fixture file"
        spec = yaml.safe_load((FIXTURES / f"{rule.code}.yml").read_text(encoding="utf-8"))
        assert any(case.get("findings") for case in spec["cases"]), f"{rule.code} has no failing case"
        if rule.fix_availability.value != "none":
            assert any("fixed" in case for case in spec["cases"]), f"{rule.code} has no fixed case"

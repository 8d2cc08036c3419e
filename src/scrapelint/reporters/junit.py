"""JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per finding
(a passing one for a clean file)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from scrapelint.reporters.base import Reporter, RunSummary
from scrapelint.runner import FileResult


class JunitReporter(Reporter):
    wants_finding_details = False  # one test case per finding: place and message

    def start(self) -> None:
        self._root = ElementTree.Element("testsuites", name="scrapelint")

    def handle(self, result: FileResult) -> None:
        suite = ElementTree.SubElement(
            self._root,
            "testsuite",
            name=result.path,
            tests=str(max(1, len(result.findings))),
            failures=str(len(result.findings)),
            errors="1" if result.error else "0",
        )
        if result.error:
            case = ElementTree.SubElement(suite, "testcase", name="read", classname=result.path, file=result.path)
            ElementTree.SubElement(case, "error", message=result.error)
        elif not result.findings:
            ElementTree.SubElement(suite, "testcase", name="scrapelint", classname=result.path, file=result.path)
        for finding in result.findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name}",
                classname=result.path,
                file=result.path,
                line=str(finding.row),
            )
            failure = ElementTree.SubElement(case, "failure", message=finding.message, type=finding.code)
            failure.text = f"{result.path}:{finding.row}:{finding.column}: {finding.code} {finding.message}"

    def finish(self, summary: RunSummary) -> None:
        self._root.set("tests", str(sum(int(suite.get("tests")) for suite in self._root)))
        self._root.set("failures", str(summary.findings))
        self._root.set("errors", str(summary.errors))
        ElementTree.indent(self._root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ElementTree.tostring(self._root, encoding="unicode"))
        self.stream.write("\n")

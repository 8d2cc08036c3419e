"""JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per finding
(a passing one for a clean file)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from scrapelint.reporters.base import Reporter, RunSummary, shown_safely
from scrapelint.runner import FileResult


class JunitReporter(Reporter):
    wants_finding_details = False  # one test case per finding: place and message

    def start(self) -> None:
        self._root = ElementTree.Element("testsuites", name="scrapelint")

    def handle(self, result: FileResult) -> None:
        # XML 1.0 cannot hold control characters, even escaped: a name or message with one is shown safely.
        path = shown_safely(result.path)
        suite = ElementTree.SubElement(
            self._root,
            "testsuite",
            name=path,
            tests=str(max(1, len(result.findings))),
            failures=str(len(result.findings)),
            errors="1" if result.error else "0",
        )
        if result.error:
            case = ElementTree.SubElement(suite, "testcase", name="read", classname=path, file=path)
            ElementTree.SubElement(case, "error", message=shown_safely(result.error))
        elif not result.findings:
            ElementTree.SubElement(suite, "testcase", name="scrapelint", classname=path, file=path)
        for finding in result.findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name}",
                classname=path,
                file=path,
                line=str(finding.row),
            )
            message = shown_safely(finding.message)
            failure = ElementTree.SubElement(case, "failure", message=message, type=finding.code)
            failure.text = f"{path}:{finding.row}:{finding.column}: {finding.code} {message}"

    def finish(self, summary: RunSummary) -> None:
        self._root.set("tests", str(sum(int(suite.get("tests")) for suite in self._root)))
        self._root.set("failures", str(summary.findings))
        self._root.set("errors", str(summary.errors))
        ElementTree.indent(self._root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ElementTree.tostring(self._root, encoding="unicode"))
        self.stream.write("\n")

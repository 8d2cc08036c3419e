"""The built-in output formats, handed over through the same hook an outside plugin would use."""

from __future__ import annotations

from scrapelint.hookspecs import hookimpl


@hookimpl
def scrapelint_reporters() -> dict:
    from scrapelint.reporters.concise import ConciseReporter
    from scrapelint.reporters.full import FullReporter
    from scrapelint.reporters.github import GithubReporter
    from scrapelint.reporters.gitlab import GitlabReporter
    from scrapelint.reporters.json_output import JsonLinesReporter, JsonReporter
    from scrapelint.reporters.junit import JunitReporter
    from scrapelint.reporters.sarif import SarifReporter

    return {
        "full": FullReporter,
        "concise": ConciseReporter,
        "json": JsonReporter,
        "json-lines": JsonLinesReporter,
        "sarif": SarifReporter,
        "github": GithubReporter,
        "gitlab": GitlabReporter,
        "junit": JunitReporter,
    }

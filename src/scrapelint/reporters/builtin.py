"""The built-in output formats, handed over through the same hook an outside plugin would use.

They are named as "module:Class" so that a run imports only the reporter it writes with.
"""

from __future__ import annotations

from scrapelint.hookspecs import hookimpl


@hookimpl
def scrapelint_reporters() -> dict[str, str]:
    return {
        "full": "scrapelint.reporters.full:FullReporter",
        "concise": "scrapelint.reporters.concise:ConciseReporter",
        "json": "scrapelint.reporters.json_output:JsonReporter",
        "json-lines": "scrapelint.reporters.json_output:JsonLinesReporter",
        "sarif": "scrapelint.reporters.sarif:SarifReporter",
        "github": "scrapelint.reporters.github:GithubReporter",
        "gitlab": "scrapelint.reporters.gitlab:GitlabReporter",
        "junit": "scrapelint.reporters.junit:JunitReporter",
    }

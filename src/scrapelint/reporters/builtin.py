"""The built-in output formats, handed over through the same hook an outside plugin would use."""

from __future__ import annotations

from scrapelint.hookspecs import hookimpl


@hookimpl
def scrapelint_reporters() -> dict:
    from scrapelint.reporters.concise import ConciseReporter
    from scrapelint.reporters.full import FullReporter
    from scrapelint.reporters.json_output import JsonLinesReporter, JsonReporter

    return {
        "full": FullReporter,
        "concise": ConciseReporter,
        "json": JsonReporter,
        "json-lines": JsonLinesReporter,
    }

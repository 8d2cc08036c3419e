"""EN008: a file that mixes line-break styles (LF, CRLF, CR)."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Rule

_NEWLINE = LazyPattern(r"\r\n|\r|\n")
_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


class MixedNewlines(Rule):
    """
    ## What it does
    Finds files whose lines end in more than one style (LF `\\n`, CRLF `\\r\\n`, CR `\\r`). The style most
    lines use is the file's; each run of consecutive lines ending in another style is one finding,
    spanning from the first of those line breaks to the end of the last; the data counts each style.

    ## Why is this bad?
    Mixed line breaks come from pasting text from several sources. Diffs show every line touched,
    tools that split on one style leave stray `\\r` characters in the text, and a lone CR is invisible
    in most editors while some tools treat it as a line break.

    ## Example
    ```text
    First line\\r\\n
    Second line\\n
    Third line\\r\\n
    ```

    Use instead:
    ```text
    First line\\r\\n
    Second line\\r\\n
    Third line\\r\\n
    ```

    ## Fix
    Safe: rewrites each of the run's line breaks in the file's style; nothing else changes.

    ## Options
    None.
    """

    code = "EN008"
    name = "mixed-newlines"
    summary = "The file mixes line-break styles (LF, CRLF, CR)"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "\r" not in text:
            return
        breaks = [(m.start(), m.end(), m.group()) for m in _NEWLINE.finditer(text)]
        styles = {style for _, _, style in breaks}
        if len(styles) < 2:
            return
        dominant = doc.newline
        counts = {_NAMES[style]: sum(1 for _, _, s in breaks if s == style) for style in sorted(styles)}
        run: list[tuple[int, int, str]] = []
        for item in [*breaks, (len(text), len(text), dominant)]:
            if item[2] != dominant:
                run.append(item)
                continue
            if run:
                yield self._finding(run, dominant, counts)
                run = []

    def _finding(self, run: list[tuple[int, int, str]], dominant: str, counts: dict[str, int]) -> Finding:
        styles = sorted({_NAMES[style] for _, _, style in run})
        lines = len(run)
        message = (
            f"{lines} line{'s' * (lines != 1)} ending in {' and '.join(styles)} in a file of {_NAMES[dominant]} lines"
        )
        edits = [Edit(start, end, dominant) for start, end, _ in run]
        fix = self.fix(f"Use {_NAMES[dominant]}", *edits)
        return self.finding(
            run[0][0], run[-1][1], message, fix=fix, data={"dominant": _NAMES[dominant], "counts": counts}
        )

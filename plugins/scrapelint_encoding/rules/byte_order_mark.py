"""EN007: a byte-order mark in a UTF-8 file, or a stray U+FEFF inside the text."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding, Severity
from scrapelint.rules import FixAvailability, Rule


class ByteOrderMark(Rule):
    """
    ## What it does
    Finds U+FEFF: at the start of a UTF-8 file, the byte-order mark (bytes EF BB BF); anywhere else, a
    stray ZERO WIDTH NO-BREAK SPACE, usually left where files that each had a byte-order mark were
    concatenated. One finding per character. A UTF-16 or UTF-32 file needs its byte-order mark and is
    left alone (file-not-utf8 reports the encoding).

    ## Why is this bad?
    UTF-8 needs no byte-order mark, and many tools do not expect one: Jekyll, Hexo and Hugo miss front
    matter behind it, shells miss a `#!` line, and concatenated files carry it into the middle of the
    text, where it is an invisible character that splits words.

    ## Example
    ```text
    \\ufeff---
    title: An article
    ---
    ```

    Use instead:
    ```text
    ---
    title: An article
    ---
    ```

    ## Fix
    Safe: deletes the character. It displays as nothing, so no visible text changes.

    ## Options
    None.
    """

    code = "EN007"
    name = "byte-order-mark"
    summary = "A byte-order mark in a UTF-8 file, or a stray U+FEFF in the text"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        position = text.find("\ufeff")
        while position >= 0:
            if position == 0:
                if doc.encoding.startswith(("utf-16", "utf-32")):
                    position = text.find("\ufeff", 1)
                    continue
                message = "UTF-8 byte-order mark at the start of the file"
                kind = "byte-order mark"
            else:
                message = "Stray U+FEFF (ZERO WIDTH NO-BREAK SPACE) inside the text"
                kind = "stray"
            fix = self.fix(f"Remove the {kind}", Edit.delete(position, position + 1))
            yield self.finding(position, position + 1, message, fix=fix, data={"kind": kind})
            position = text.find("\ufeff", position + 1)

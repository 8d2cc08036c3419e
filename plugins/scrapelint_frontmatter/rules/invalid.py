from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Rule


class FrontMatterInvalid(Rule):
    (
        """
    ## What it does
    Finds front matter (YAML, TOML or JSON) that does not parse, and reports the line and column where
    the parser gave up.

    ## Why is this bad?
    A site generator fails the build or drops every field of the block: title, date, categories.
    Scrapers cause this by pasting unescaped quotes and colons into values.

    ## Example
    ```markdown
    ---
    title: """
        ""
        "The Korean Peninsula"
        """""
    ---
    ```

    Use instead:
    ```markdown
    ---
    title: 'The Korean Peninsula'
    ---
    ```

    ## Fix
    None: the intended value cannot be known.

    ## Options
    None.
    """
    )

    code = "FM003"
    name = "front-matter-invalid"
    summary = "Front matter does not parse"

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.error is None:
            return
        error = front_matter.error
        _, line_end = doc.line_span(error.offset)
        yield self.finding(
            error.offset,
            max(line_end, error.offset),
            error.message,
            data={"format": front_matter.format},
        )

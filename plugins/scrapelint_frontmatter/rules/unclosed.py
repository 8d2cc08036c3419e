from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Rule


class FrontMatterUnclosed(Rule):
    """
    ## What it does
    Finds front matter that is opened but never closed: no closing `---` (`+++` for TOML) line, or a
    block whose delimiters are not on lines of their own (`--- layout: post title: ... ---`, as some
    scrapers write it when they collapse newlines).

    ## Why is this bad?
    A site generator either treats the whole file as front matter or none of it: the article loses its
    metadata, or its body.

    ## Example
    ```markdown
    --- layout: post title: An article date: 2021-03-05 ---
    Body text.
    ```

    Use instead:
    ```markdown
    ---
    layout: post
    title: An article
    date: 2021-03-05
    ---
    Body text.
    ```

    ## Fix
    None: where the block was meant to end cannot be known for certain.

    ## Options
    None.
    """

    code = "FM002"
    name = "front-matter-unclosed"
    summary = "Front matter is opened but not closed by a delimiter line"

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.closed or front_matter.format == "json":
            return
        _, line_end = doc.line_span(front_matter.start)
        if front_matter.inline_delimiters:
            message = "Front matter delimiters are not on lines of their own: the block is collapsed into running text"
        else:
            delimiter = "---" if front_matter.format == "yaml" else "+++"
            message = f"Front matter is opened with '{delimiter}' but no closing '{delimiter}' line follows"
        yield self.finding(front_matter.start, line_end, message)

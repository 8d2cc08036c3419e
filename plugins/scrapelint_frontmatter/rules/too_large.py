from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.frontmatter import MAX_FRONT_MATTER_CHARS
from scrapelint.rules import Rule


class FrontMatterTooLarge(Rule):
    """
    ## What it does
    Finds a front-matter block larger than 64 KiB. scrapelint does not parse such a block, so no other
    front-matter or date rule can judge it.

    ## Why is this bad?
    Real article metadata is a few hundred bytes. A block this large is a scraper that swallowed the
    article (a closing delimiter lost) or hostile input meant to exhaust a parser.

    ## Example
    A `---` line at the top, and the next `---` line 200 KB further down.

    ## Fix
    None: find where the block was meant to end.

    ## Options
    None (the limit is fixed, so that every rule sees the same parsed block).
    """

    code = "FM006"
    name = "front-matter-too-large"
    summary = "Front matter is too large to parse"

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or not front_matter.too_large:
            return
        size = front_matter.content_end - front_matter.content_start
        _, line_end = doc.line_span(front_matter.start)
        yield self.finding(
            front_matter.start,
            line_end,
            f"Front matter is {size:,} characters long (limit {MAX_FRONT_MATTER_CHARS:,}); it was not parsed",
            data={"size": size},
        )

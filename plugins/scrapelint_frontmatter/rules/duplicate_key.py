from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Rule


class FrontMatterDuplicateKey(Rule):
    """
    ## What it does
    Finds a key that appears twice at the same level of YAML front matter.

    ## Why is this bad?
    YAML loaders keep one of the values silently (most keep the last): a scraper that appended a second
    `date:` or `title:` changes what is published without anyone noticing.

    ## Example
    ```yaml
    ---
    title: First title
    title: Second title
    ---
    ```

    Use instead:
    ```yaml
    ---
    title: First title
    ---
    ```

    ## Fix
    None: which value is right cannot be known.

    ## Options
    None.
    """

    code = "FM004"
    name = "front-matter-duplicate-key"
    summary = "A front-matter key appears more than once"

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None:
            return
        for duplicate in front_matter.duplicate_keys:
            yield self.finding(
                duplicate.offset,
                duplicate.end or duplicate.offset,
                f"Front matter has a {duplicate.message}; the earlier value is silently overwritten",
            )

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding
from scrapelint.rules import FixAvailability, Rule


class FrontMatterNotAtStart(Rule):
    """
    ## What it does
    Finds front matter whose opening `---` (or `+++`) is not the first byte of the file: blank lines or
    a byte-order mark stand before it.

    ## Why is this bad?
    Jekyll, Hexo and Hugo only recognise front matter at the very start of a file. With anything before
    it, the block is published as body text and the title, date and categories are lost.

    ## Example
    ```markdown

    ---
    title: 'An article'
    ---
    ```

    Use instead:
    ```markdown
    ---
    title: 'An article'
    ---
    ```

    ## Fix
    Safe: removes the blank lines and the byte-order mark before the opening delimiter, nothing else.

    ## Options
    None.
    """

    code = "FM001"
    name = "front-matter-not-at-start"
    summary = "Front matter does not start at the first byte of the file"
    fix_availability = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.start == 0:
            return
        leading = doc.text[: front_matter.start]
        what = []
        if leading.startswith("\ufeff"):
            what.append("a byte-order mark")
        blank_lines = leading.count("\n")
        if blank_lines:
            what.append(f"{blank_lines} blank line{'s' * (blank_lines != 1)}")
        description = " and ".join(what) or "whitespace"
        yield self.finding(
            0,
            front_matter.start,
            f"Front matter does not start at the first byte: {description} before the opening delimiter",
            fix=self.fix(f"Remove the {description} before the front matter", Edit.delete(0, front_matter.start)),
            data={"leading": leading},
        )

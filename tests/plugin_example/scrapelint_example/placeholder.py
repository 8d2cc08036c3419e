"""EX001: Lorem ipsum placeholder text published as if it were the article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding, Fix
from scrapelint.rules import FixAvailability, Rule

# "lorem ipsum" in any case, the two words on one line; the span is exactly the two words.
PLACEHOLDER = re.compile(r"\blorem[ \t]+ipsum\b", re.IGNORECASE)

# The classic passage. A line made of its words alone is filler; a line with any other word is someone's
# text (about Lorem ipsum, say) and is not deleted.
CLASSIC_PASSAGE = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip "
    "ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu "
    "fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia "
    "deserunt mollit anim id est laborum."
)
# What a filler line may hold besides those words: blanks and sentence punctuation, nothing else
# (no markup, no list marker, no heading), so that deleting the line removes nothing but filler.
FILLER_LINE = re.compile(r"[ \t]*[A-Za-z][A-Za-z \t.,;:!?]*")
WORD = re.compile(r"[A-Za-z]+")
FILLER_WORDS = frozenset(word.lower() for word in WORD.findall(CLASSIC_PASSAGE))


class LoremIpsumPlaceholder(Rule):
    """
    ## What it does
    Finds "Lorem ipsum" placeholder text in an article's body (any case, the two words on one line),
    one finding per occurrence, spanning exactly the two words. Front matter is not searched.

    ## Why is this bad?
    Placeholder text means the scraper captured a template, a teaser or an unfinished page instead of
    the article. Published, it looks broken to readers and dilutes search and training data.

    ## Example
    ```markdown
    ---
    title: 'Quarterly results'
    ---
    Lorem ipsum dolor sit amet, consectetur adipiscing elit.
    Revenue rose 4% in the quarter.
    ```

    Use instead:
    ```markdown
    ---
    title: 'Quarterly results'
    ---
    Revenue rose 4% in the quarter.
    ```

    ## Fix
    Safe, sometimes: when the whole line is filler (only words of the classic Lorem ipsum passage,
    blanks and sentence punctuation), the fix deletes that line and its line break, nothing else. A
    line that also holds other words, markup or list and heading markers is reported without a fix.

    ## Options
    None.
    """

    code = "EX001"
    name = "lorem-ipsum-placeholder"
    summary = "Lorem ipsum placeholder text in the article"
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for match in PLACEHOLDER.finditer(text, doc.body_start):
            start, end = match.span()
            yield self.finding(
                start,
                end,
                f"Placeholder text '{match.group()}'",
                fix=self._delete_line_fix(doc, start),
                data={"placeholder": match.group()},
            )

    def _delete_line_fix(self, doc: Document, offset: int) -> Fix | None:
        """A fix deleting the line that holds ``offset``, or None when the line is not filler alone."""
        line_start, line_end = doc.line_span(offset)
        line = doc.text[line_start:line_end]
        if line_start < doc.body_start or not FILLER_LINE.fullmatch(line):
            return None
        if any(word.lower() not in FILLER_WORDS for word in WORD.findall(line)):
            return None
        return self.fix("Delete the placeholder line", Edit.delete(*doc.line_with_break(offset)))

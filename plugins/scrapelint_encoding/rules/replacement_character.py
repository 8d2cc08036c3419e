"""EN004: U+FFFD replacement characters: characters lost when the text was decoded."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.patterns import LazyPattern
from scrapelint.rules import Rule
from scrapelint_encoding.mojibake import cjk_mojibake

_REPLACEMENT_RUN = LazyPattern("\ufffd+")


class ReplacementCharacter(Rule):
    """
    ## What it does
    Finds U+FFFD REPLACEMENT CHARACTER (`�`), which a decoder writes for bytes it could not decode:
    each stands for one or more characters that were lost. One finding per run, spanning it; the data
    holds the word around it.

    ## Why is this bad?
    The original characters are gone: a name, a number or a word is now unreadable, and the text no
    longer says what its author wrote. It also shows that the whole document went through a wrong
    decoder, so more damage is likely.

    ## Example
    ```text
    部分抗争者稍早曾参与�v行
    ```

    Use instead: the text from a correctly decoded copy of the source (`参与游行`).

    ## Fix
    None: what was lost cannot be recovered from the text.

    ## Options
    None.
    """

    code = "EN004"
    name = "replacement-character"
    summary = "U+FFFD replacement characters stand for characters lost in decoding"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "\ufffd" not in text:
            return
        # A replacement character that is part of CJK mojibake (锘�) is reported there.
        taken = [(item.start, item.end) for item in cjk_mojibake(doc)]
        for match in _REPLACEMENT_RUN.finditer(text):
            start, end = match.span()
            if any(low <= start < high for low, high in taken):
                continue
            count = end - start
            context = text[max(0, start - 8) : end + 8].replace("\n", " ")
            message = f"{count} replacement character{'s' * (count != 1)} (U+FFFD): characters were lost in decoding"
            yield self.finding(start, end, message, data={"count": count, "context": context})

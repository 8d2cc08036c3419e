from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Option
from scrapelint_boilerplate.options import BoilerplateRule, blocks, detection, phrase_blocks


class ConfiguredBoilerplate(BoilerplateRule):
    """
    ## What it does
    Finds blocks holding a phrase your corpus's publisher repeats and you declared boilerplate (it
    reports nothing until `phrases` is set). Editor credits (`责任编辑`) and source lines (`文章来源`)
    are article metadata, not boilerplate, for the other BP rules; set them here to have them removed
    from your corpus. A block is a line, or an element between block-level tags; it must be at most
    `max-length` characters of text, and at the tail or head of the article unless `anywhere` is set.
    Blocks another BP rule reports are left to it.

    ## Why is this bad?
    What a corpus owner declared boilerplate is noise they want out of every article.

    ## Example
    With `phrases = ["责任编辑"]`:
    ```html
    <p>……（完）</p>
    <p class="article-editor">责任编辑：张亚楠 </p>
    ```

    Use instead:
    ```html
    <p>……（完）</p>
    ```

    ## Fix
    Safe (you declared the phrase): removes the block, the elements it was the whole text of, and the
    line left blank. Nothing else changes.

    ## Options
    - `phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a block
      boilerplate.
    - `max-length` (integer, default `200`): the longest block (characters of text) that is removed.
    - `anywhere` (boolean, default `false`): also report blocks in the middle of the article.
    """

    code = "BP007"
    name = "configured-boilerplate"
    summary = "A block holding a phrase the corpus owner declared boilerplate"
    kind = "configured"
    label = "Configured boilerplate"
    options = {
        "phrases": Option(list, [], "phrases (case-insensitive) that make a block boilerplate", item_type=str),
        "max-length": Option(int, 200, "the longest block (characters of text) that is removed"),
        "anywhere": Option(bool, False, "also report blocks in the middle of the article"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        phrases = self.settings["phrases"]
        if not phrases:
            return
        taken = [(item.start, item.end) for item in detection.find_boilerplate(doc)]
        for start, end, text in phrase_blocks(doc, phrases, self.settings["max-length"], self.settings["anywhere"]):
            if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
                continue
            yield self.report(
                doc,
                detection.Boilerplate(
                    self.kind, start, end, "configured phrase", True, blocks.position_of(doc, start, end), text
                ),
            )

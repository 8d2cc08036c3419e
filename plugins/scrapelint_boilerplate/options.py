"""What the BP rules share: the option to add a corpus's own phrases, and how a block becomes a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from scrapelint.document import Document
from scrapelint.findings import Applicability, Finding, Fix
from scrapelint.lazy import lazy_module
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_boilerplate.patterns import KINDS
from scrapelint_spam.anchors import register_anchors

# The kinds' anchors are found in the spam pack's scan: one pass over the text for both packs.
register_anchors({anchor: (kind.name,) for kind in KINDS.values() for anchor in kind.anchors})
# The machinery the rules check with, run at the first check rather than when the pack is loaded.
blocks = lazy_module("scrapelint_boilerplate.blocks")
detection = lazy_module("scrapelint_boilerplate.detection")
layout = lazy_module("scrapelint_spam.layout")
removal = lazy_module("scrapelint_spam.removal")

# Every kind rule takes the corpus's own phrases for its kind.
EXTRA_PHRASES_OPTION = Option(
    list,
    [],
    "phrases (case-insensitive) that make a short block at the tail or head of the article this kind of boilerplate",
    item_type=str,
)


def phrase_blocks(doc: Document, phrases: list[str], max_length: int, anywhere: bool) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of the blocks holding one of ``phrases``: short, outside code, and at the
    tail or head of the article unless ``anywhere``."""
    wanted = [phrase.lower() for phrase in phrases if phrase.strip()]
    if not wanted:
        return
    lowered = doc.memo("boilerplate.lowered-text", lambda d: d.text.lower())
    seen = set()
    for phrase in wanted:
        position = lowered.find(phrase, doc.body_start)
        while position >= 0:
            if not layout.in_code(doc, position):
                block = blocks.block_at(doc, position)
                if (
                    block is not None
                    and (block.start, block.end) not in seen
                    and 0 < len(block.text) <= max_length
                    and (anywhere or blocks.position_of(doc, block.start, block.end) != "inline")
                ):
                    seen.add((block.start, block.end))
                    yield block.start, block.end, block.text
            position = lowered.find(phrase, position + len(phrase))


class BoilerplateRule(Rule):
    """A rule reporting one kind of boilerplate; its fix removes the block the same way for every kind."""

    kind: ClassVar[str]
    label: ClassVar[str]
    fix_availability = FixAvailability.ALWAYS
    options = {"extra-phrases": EXTRA_PHRASES_OPTION}

    def check(self, doc: Document) -> Iterator[Finding]:
        found = [item for item in detection.find_boilerplate(doc) if item.kind == self.kind]
        for item in found:
            yield self.report(doc, item)
        extra = self.settings.get("extra-phrases") or []
        if extra:
            taken = [(item.start, item.end) for item in detection.find_boilerplate(doc)]
            kind = KINDS[self.kind]
            for start, end, text in phrase_blocks(doc, extra, kind.max_length, anywhere=False):
                if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
                    continue
                position = blocks.position_of(doc, start, end)
                item = detection.Boilerplate(self.kind, start, end, "configured phrase", True, position, text)
                yield self.report(doc, item)

    def report(self, doc: Document, item: detection.Boilerplate) -> Finding:
        preview = item.text if len(item.text) <= 60 else item.text[:59] + "…"
        where = {"tail": " after the article", "head": " before the article"}.get(item.position, "")
        applicability = Applicability.SAFE if item.safe else Applicability.UNSAFE
        # Images in the block (a QR code, an avatar, share icons) belong to the boilerplate. The edit is
        # worked out only when someone needs it (see removal.deferred_removal).
        edits = removal.deferred_removal(doc, [(item.start, item.end)], media_is_content=False)
        start, end = item.shown(doc)
        return self.finding(
            start,
            end,
            f"{self.label}{where}: '{preview}'",
            fix=Fix.deferred(f"Remove the {self.label.lower()}", applicability, edits),
            data={"kind": self.kind, "pattern": item.pattern, "position": item.position, "text": item.text},
        )

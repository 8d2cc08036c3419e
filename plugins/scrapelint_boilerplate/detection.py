"""Finding boilerplate: one automaton pass for every kind's anchors, then the blocks around the hits.

The result is shared by the BP rules (each reports its own kind) through ``Document.memo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapelint.document import Document
from scrapelint_boilerplate.blocks import Block, block_at, next_block, position_of, shown_span
from scrapelint_boilerplate.patterns import KINDS, RELATED_LINKS, Kind, Match, following_items
from scrapelint_spam.layout import in_code, reader_text
from scrapelint_spam.lexicon import default_lexicon, register_anchors, scan


@dataclass(frozen=True)
class Boilerplate:
    kind: str
    start: int  # the blocks' span: what the fix removes (with its wrappers)
    end: int
    pattern: str
    safe: bool
    position: str
    text: str

    def shown(self, doc: Document) -> tuple[int, int]:
        """The span a finding reports: the blocks without the tags at their edges."""
        return shown_span(doc, self.start, self.end)


# The kinds' anchors are found in the spam pack's scan: one pass over the text for both packs.
register_anchors({anchor: (kind.name,) for kind in KINDS.values() for anchor in kind.anchors})


def find_boilerplate(doc: Document) -> list[Boilerplate]:
    """Every boilerplate block of the document, of every kind, in order."""
    return doc.memo("boilerplate.blocks", _find_boilerplate)


def _find_boilerplate(doc: Document) -> list[Boilerplate]:
    hits = [(offset, labels) for offset, labels in scan(doc, default_lexicon()).anchors if labels[0] in KINDS]
    if not hits:
        return []
    candidates: dict[tuple[int, int], tuple[Block, set[str]]] = {}
    text = doc.text
    for offset, kinds in hits:
        if text.rfind("<!--", 0, offset) > text.rfind("-->", 0, offset):
            continue  # in a comment: two searches back are cheaper than building the block
        block = block_at(doc, offset)
        if block is None or not block.text and "<" not in block.raw:
            continue
        entry = candidates.setdefault((block.start, block.end), (block, set()))
        entry[1].update(kinds)
    found: list[Boilerplate] = []
    for _bounds, (block, kinds) in sorted(candidates.items()):
        for name in sorted(kinds):
            result = judge_block(doc, block, KINDS[name])
            # Quoted in code or a comment, it is an example, not the page's furniture: asked only of the
            # few blocks that matched, since most anchors are words of the article.
            if result is not None and not in_code(doc, block.start):
                found.append(result)
                break
    return _without_overlaps(found)


def judge_block(doc: Document, block: Block, kind: Kind, match: Match | None = None) -> Boilerplate | None:
    """The boilerplate that starts at ``block`` when ``kind`` recognises it there, else None."""
    match = match or kind.match(doc, block)
    if match is None:
        return None
    position = position_of(doc, block.start, block.end)
    if not match.anywhere and position == "inline":
        return None
    last = block
    if kind is RELATED_LINKS:
        items = following_items(doc, block)
        if items:
            last = items[-1]
    elif kind.continues:
        following = next_block(doc, last)
        while following is not None and (
            kind.match(doc, following) is not None or (kind.takes_links and _bare_links(doc, following))
        ):
            last = following
            following = next_block(doc, last)
    text = block.text if last is block else " ".join(reader_text(doc, block.start, last.end).split())
    return Boilerplate(kind.name, block.start, last.end, match.pattern, match.safe, position, text)


def _bare_links(doc: Document, block: Block) -> bool:
    """Whether the block is links and nothing a reader reads besides their URLs."""
    return not block.text and any(block.start <= url.start < block.end for url in doc.urls)


def _without_overlaps(found: list[Boilerplate]) -> list[Boilerplate]:
    kept: list[Boilerplate] = []
    for item in sorted(found, key=lambda item: (item.start, -item.end)):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept

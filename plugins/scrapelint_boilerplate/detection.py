"""Finding boilerplate: one automaton pass for every kind's anchors, then the blocks around the hits.

The result is shared by the BP rules (each reports its own kind) through ``Document.memo``.
"""

from __future__ import annotations

import bisect
import itertools

from scrapelint.document import Document
from scrapelint_boilerplate.blocks import Block, block_at, next_block, position_of, shown_span
from scrapelint_boilerplate.patterns import KINDS, RELATED_LINKS, Kind, Match, following_items, has_link
from scrapelint_spam.layout import in_code, local_urls, reader_text, tag_starting_at
from scrapelint_spam.lexicon import default_lexicon, scan


class Boilerplate:
    # A plain class (see Block).
    __slots__ = ("kind", "start", "end", "pattern", "safe", "position", "text")

    def __init__(self, kind: str, start: int, end: int, pattern: str, safe: bool, position: str, text: str) -> None:
        self.kind = kind
        self.start = start  # the blocks' span: what the fix removes (with its wrappers)
        self.end = end
        self.pattern = pattern
        self.safe = safe
        self.position = position
        self.text = text

    def shown(self, doc: Document) -> tuple[int, int]:
        """The span a finding reports: the blocks without the tags at their edges."""
        return shown_span(doc, self.start, self.end)


def find_boilerplate(doc: Document) -> list[Boilerplate]:
    """Every boilerplate block of the document, of every kind, in order."""
    return doc.memo("boilerplate.blocks", _find_boilerplate)


def _find_boilerplate(doc: Document) -> list[Boilerplate]:
    hits = [(offset, labels) for offset, labels in scan(doc, default_lexicon()).anchors if labels[0] in KINDS]
    if not hits:
        return []
    candidates: dict[tuple[int, int], tuple[Block, set[str]]] = {}
    in_comment = _in_comment if len(hits) > _FEW_ANCHORS else _in_comment_searching_back
    for offset, kinds in hits:
        if in_comment(doc, offset) or _in_tag(doc, offset):
            continue  # in a comment or a tag (class="t-copyright"): cheaper to tell than building the block
        block = block_at(doc, offset)
        if block is None or not block.text and "<" not in block.raw:
            continue
        entry = candidates.setdefault((block.start, block.end), (block, set()))
        entry[1].update(kinds)
    found: list[Boilerplate] = []
    kept = _KeptReach()
    for _bounds, (block, kinds) in sorted(candidates.items()):
        # A block that a kept finding already runs over (the second line of a two-line prompt) would
        # only give a finding that _without_overlaps drops: it is not judged.
        if kept.covers(block.start):
            continue
        for name in sorted(kinds):
            result = judge_block(doc, block, KINDS[name])
            # Quoted in code or a comment, it is an example, not the page's furniture: asked only of the
            # few blocks that matched, since most anchors are words of the article.
            if result is not None and not in_code(doc, block.start):
                found.append(result)
                kept.add(result.end)
                break
    return _without_overlaps(found)


class _KeptReach:
    """Where the findings that ``_without_overlaps`` keeps end, told while they are being found, in
    the order of their starts (a finding starts where its block does).

    ``_without_overlaps`` keeps, of the findings that start at one place, the longest, when it starts
    at or after the end of the last one kept. So once every finding starting before a place is known,
    whether a finding starting there is dropped is known too: it is, when it starts short of that end
    (and then no finding from there is added: the caller judges no block starting there).
    (Two candidate blocks can start at one place: a block-level tag quoted in an attribute hides the
    tag around it from the bounds search.)"""

    __slots__ = ("reach", "start", "longest")

    def __init__(self) -> None:
        self.reach = -1  # the end of the last finding kept, of those starting before ``start``
        self.start = -1  # the start being told
        self.longest = -1  # the end of the longest finding starting there, -1 for none yet

    def covers(self, start: int) -> bool:
        """Whether a finding starting at ``start`` (at or after the last start told) would be dropped."""
        if start != self.start:
            if self.longest >= 0:
                self.reach = self.longest
            self.start, self.longest = start, -1
        return start < self.reach

    def add(self, end: int) -> None:
        """A finding from the last start told, ending at ``end``."""
        self.longest = max(self.longest, end)


# Up to this many anchors, each is tested for a comment by searching back from it (two short searches
# when comments are near, and no list of the document's comment marks built); past it, the marks are
# listed once and each anchor costs two bisections.
_FEW_ANCHORS = 16


def _in_comment_searching_back(doc: Document, offset: int) -> bool:
    """``_in_comment``, for a few offsets: the last "<!--" before the offset is not closed before it.
    The search back stops at the text's first "<!--" (found once): a text without a comment costs one
    search, not one per anchor."""
    first = doc.memo("boilerplate.first-comment", lambda d: d.text.find("<!--"))
    if first < 0 or offset < first + 4:
        return False
    text = doc.text
    opener = text.rfind("<!--", first, offset)
    return text.find("-->", opener + 1, offset) < 0


def _in_comment(doc: Document, offset: int) -> bool:
    """``text.rfind("<!--", 0, offset) > text.rfind("-->", 0, offset)``, with each mark found once."""
    openers, closers = doc.memo("boilerplate.comment-marks", _comment_marks)
    if not openers:
        return False
    opened = bisect.bisect_right(openers, offset - 4) - 1
    closed = bisect.bisect_right(closers, offset - 3) - 1
    return (openers[opened] if opened >= 0 else -1) > (closers[closed] if closed >= 0 else -1)


def _in_tag(doc: Document, offset: int) -> bool:
    """Whether text[offset] lies inside a tag (an attribute's value), not in the text a reader sees."""
    if not doc.has_markup:
        return False
    text = doc.text
    opening = text.rfind("<", doc.body_start, offset)
    if opening < 0 or text.rfind(">", opening, offset) >= 0:
        return False
    tag = tag_starting_at(doc, opening)
    return tag is not None and tag.end > offset


def _comment_marks(doc: Document) -> tuple[list[int], list[int]]:
    text = doc.text
    marks: tuple[list[int], list[int]] = ([], [])
    for mark, found in zip(("<!--", "-->"), marks, strict=True):
        position = text.find(mark)
        while position >= 0:
            found.append(position)
            position = text.find(mark, position + 1)
    return marks


def judge_block(doc: Document, block: Block, kind: Kind, match: Match | None = None) -> Boilerplate | None:
    """The boilerplate that starts at ``block`` when ``kind`` recognises it there, else None."""
    match = match or kind.match(doc, block)
    if match is None:
        return None
    position = position_of(doc, block.start, block.end)
    if not match.anywhere and position == "inline":
        return None
    run = [block]  # the block and those that join it
    if kind is RELATED_LINKS:
        items = following_items(doc, block)
        # A heading that holds its own links ("更多阅读：<a>…</a>") is followed by more links, if anything:
        # a short line without one after it is the article's next subheading.
        if items and (not has_link(block) or has_link(items[0])):
            run.extend(items)
    elif kind.continues:
        following = next_block(doc, block)
        while following is not None and (
            kind.match(doc, following) is not None or (kind.takes_links and _bare_links(doc, following))
        ):
            run.append(following)
            following = next_block(doc, following)
    last = run[-1]
    text = _run_text(doc, run)
    return Boilerplate(kind.name, block.start, last.end, match.pattern, match.safe, position, text)


def _run_text(doc: Document, run: list[Block]) -> str:
    """What a reader reads of a run of adjacent blocks, blanks collapsed."""
    if len(run) == 1:
        return run[0].text
    if _lines_read_alone(doc, run):
        return " ".join(block.text for block in run if block.text)  # built already
    return " ".join(reader_text(doc, run[0].start, run[-1].end).split())


def _lines_read_alone(doc: Document, run: list[Block]) -> bool:
    """Whether reader_text of the run's stretch is its blocks' texts joined by blanks: for lines of
    Markdown or text without a tag or character reference (which a block's text unescapes), each
    starting after a line break, as the blocks' texts were read. Nothing reader_text removes (a URL, a
    link, inline code, emphasis) runs into the blank between two lines, but for a line ending in "]("
    (a ")" on the next line closes it), in "#" (a heading mark alone on its line takes the line break)
    or in "\\" (removed at the end of a block's text, not before blanks): such runs are read whole."""
    text = doc.text
    start, end = run[0].start, run[-1].end
    if text.find("<", start, end) >= 0 or text.find("&", start, end) >= 0:
        return False
    # Without a tag, only blanks lie between the blocks.
    for block, following in itertools.pairwise(run):
        if block.raw.endswith(("(", "#", "\\")) or text[following.start - 1] != "\n":
            return False
    return True


def _bare_links(doc: Document, block: Block) -> bool:
    """Whether the block is links and nothing a reader reads besides their URLs."""
    return not block.text and bool(local_urls(doc, block.start, block.end))


def _without_overlaps(found: list[Boilerplate]) -> list[Boilerplate]:
    kept: list[Boilerplate] = []
    for item in sorted(found, key=lambda item: (item.start, -item.end)):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept

"""Blocks of an article and where they sit: what every BP rule judges.

A block is a line of Markdown or text, or the part of a line between block-level tags (``<p>``,
``<div>``, ``<li>``, ``<br>``...) in HTML. Boilerplate is a whole block (or a few adjacent ones)
phrased as a prompt, a notice or a navigation link, usually at the tail or the head of the article.

Only the blocks that hold an anchor phrase of some kind (found by one automaton pass over the text)
are ever built, so an article without boilerplate costs one scan.
"""

from __future__ import annotations

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern
from scrapelint_spam.layout import (
    BLOCK_ELEMENTS,
    block_bounds,
    body_visible_count,
    in_code,
    reader_text,
    tag_starting_at,
    visible_count,
)

_SPACE = LazyPattern(r"\s+")
_EDGE_TAG = LazyPattern(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# How much reading may follow a block at the tail (characters, or a share of the article's text).
TAIL_CHARACTERS = 400
TAIL_SHARE = 0.25
HEAD_CHARACTERS = 200
HEAD_SHARE = 0.1


class Block:
    # A plain class: a dataclass or a typing.NamedTuple takes a fraction of a millisecond to create,
    # and loading the pack creates them all.
    __slots__ = ("start", "end", "raw", "text")

    def __init__(self, start: int, end: int, raw: str, text: str) -> None:
        self.start = start  # the first character of the block that is not blank
        self.end = end  # after its last character that is not blank
        self.raw = raw  # doc.text[start:end]
        self.text = text  # what a reader reads of it, blanks collapsed


def block_at(doc: Document, offset: int) -> Block | None:
    """The block holding ``offset`` (trimmed), or None when it is blank."""
    start, end = block_bounds(doc, offset)
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    # Several anchors, kinds and following blocks ask for the same block: it is built once.
    known: dict[tuple[int, int], Block] = doc.memo("boilerplate.blocks-at", lambda d: {})
    block = known.get((start, end))
    if block is None:
        block = known[(start, end)] = _block(doc, start, end)
    return block


def _block(doc: Document, start: int, end: int) -> Block:
    text = doc.text
    shown = _SPACE.sub(" ", reader_text(doc, start, end)).strip()
    if "&" in shown:
        import html  # only here: html.entities takes milliseconds to import

        shown = html.unescape(shown)
    return Block(start, end, text[start:end], shown)


def shown_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without the tags and blanks at its edges: what a finding points at ("官网微信"
    rather than "<a href="###">官网微信</a>"). The removal still takes the whole span."""
    text = doc.text
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        leading = _EDGE_TAG.match(text, start, end)
        if leading is not None and leading.end() < end:
            start = leading.end()
            continue
        if end > start and text[end - 1] == ">":
            opening = text.rfind("<", start, end)
            if opening > start and _EDGE_TAG.fullmatch(text, opening, end):
                end = opening
                continue
        return start, end


def next_block(doc: Document, block: Block, *, max_blank_lines: int = 1) -> Block | None:
    """The block after ``block``: past blanks, block-level tags and comments, and at most
    ``max_blank_lines`` empty lines of Markdown or text (in HTML, blank lines mean nothing); None at the
    end of the text."""
    text = doc.text
    position = block.end
    blank_lines = -1
    markup = False
    while position < len(text):
        character = text[position]
        if character.isspace():
            # A page's indentation is long: a run of blanks is skipped at once (\s is str.isspace).
            blanks = _SPACE.match(text, position)
            blank_lines += text.count("\n", position, blanks.end())
            position = blanks.end()
        elif character == "<" and doc.has_markup:
            markup = True
            tag = tag_starting_at(doc, position)
            if tag is None or not (tag.name in BLOCK_ELEMENTS or tag.kind == "comment"):
                break
            position = tag.end
        else:
            break
    if position >= len(text) or in_code(doc, position):
        return None
    if blank_lines > max_blank_lines and not (markup or text[position] == "<"):
        return None
    found = block_at(doc, position)
    return found if found is not None and found.start >= block.end else None


def position_of(doc: Document, start: int, end: int) -> str:
    """ "tail" when little reading follows the span, "head" when little precedes it, else "inline"."""
    after = visible_count(doc, end, len(doc.text), cap=TAIL_CHARACTERS)
    if after <= TAIL_CHARACTERS:
        return "tail"
    total = body_visible_count(doc)
    if visible_count(doc, end, len(doc.text), cap=int(TAIL_SHARE * total) + 1) <= TAIL_SHARE * total:
        return "tail"
    before = visible_count(doc, doc.body_start, start, cap=max(HEAD_CHARACTERS, int(HEAD_SHARE * total)) + 1)
    if before <= HEAD_CHARACTERS or before <= HEAD_SHARE * total:
        return "head"
    return "inline"

"""One pass over the document's tags that every TR rule shares (``Document.memo("tracking.inventory")``).

It sorts what the rules look at (comments, the elements they remove, the attributes they judge) and
leaves out what is not markup at all: tags written inside Markdown code (a fenced block or a backtick
span) are text an article quotes, and tags inside ``<svg>`` and ``<math>`` follow other vocabularies.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING

from scrapelint.patterns import LazyPattern, has_code_marks

if TYPE_CHECKING:
    # scrapelint.markup is imported by Document.tags when an article has markup: not at start-up.
    from scrapelint.document import Document
    from scrapelint.markup import Attribute, Tag

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WATCHED_ELEMENTS = frozenset({"script", "noscript", "iframe", "style", "img"})
FOREIGN_ELEMENTS = frozenset({"svg", "math"})
_FENCE = LazyPattern(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_BACKTICKS = LazyPattern(r"`+")
_BLANK_LINE = LazyPattern(r"\n[ \t]*\r?\n")

_STANDARD_ATTRIBUTES: frozenset[str] | None = None


def standard_attributes() -> frozenset[str]:
    global _STANDARD_ATTRIBUTES
    if _STANDARD_ATTRIBUTES is None:
        lines = (Path(__file__).parent / "data" / "html_attributes.txt").read_text(encoding="utf-8").splitlines()
        _STANDARD_ATTRIBUTES = frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return _STANDARD_ATTRIBUTES


def is_markdown(doc: Document) -> bool:
    """Whether line breaks and blank lines are Markdown structure (everything but an .html file)."""
    return not doc.path.lower().endswith(HTML_SUFFIXES)


class CodeRegions:
    """Spans of Markdown code (fenced blocks and backtick spans): what lies there is quoted text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.spans = spans
        self._starts = [start for start, _ in spans]

    def covers(self, offset: int) -> bool:
        if not self.spans:
            return False
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


def code_regions(doc: Document) -> CodeRegions:
    text = doc.text
    start = doc.body_start
    if not has_code_marks(text) or not is_markdown(doc):
        return CodeRegions([])
    spans: list[tuple[int, int]] = []
    # Fenced blocks: from an opening fence to a closing fence of the same character, at least as long.
    position = start
    fences = []
    while True:
        opening = _FENCE.search(text, position)
        if opening is None:
            break
        marker = opening.group(1)
        closing_pattern = re.compile(rf"^[ ]{{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\r?$", re.MULTILINE)
        closing = closing_pattern.search(text, opening.end())
        end = closing.end() if closing else len(text)
        fences.append((opening.start(), end))
        position = end
    spans.extend(fences)
    inside_fence = CodeRegions(list(fences))
    # Backtick spans: a run of backticks closed by the next run of the same length, in the same paragraph.
    if "`" in text:
        runs = [m for m in _BACKTICKS.finditer(text, start) if not inside_fence.covers(m.start())]
        index = 0
        while index < len(runs):
            opening = runs[index]
            for later in range(index + 1, len(runs)):
                closing = runs[later]
                if _BLANK_LINE.search(text, opening.end(), closing.start()):
                    break
                if len(closing.group()) == len(opening.group()):
                    spans.append((opening.start(), closing.end()))
                    index = later
                    break
            index += 1
    return CodeRegions(spans)


class Inventory:
    """What the TR rules look at in one document (a plain class: a dataclass costs a millisecond to define)."""

    __slots__ = ("tags", "code", "comments", "elements", "attributes")

    def __init__(self, tags: list[Tag], code: CodeRegions) -> None:
        self.tags = tags
        self.code = code
        self.comments: list[int] = []  # indices into tags
        self.elements: dict[str, list[int]] = {}  # start-tag indices of WATCHED_ELEMENTS
        # (tag index, attribute) for every style attribute and every attribute that is not plainly standard
        self.attributes: list[tuple[int, Attribute]] = []

    def in_code(self, offset: int) -> bool:
        return self.code.covers(offset)


def build_inventory(doc: Document) -> Inventory:
    tags = doc.tags
    code = doc.memo("tracking.code", code_regions)
    inventory = Inventory(tags, code)
    if not tags:
        return inventory
    standard = standard_attributes()
    comments = inventory.comments
    elements = inventory.elements
    attributes = inventory.attributes
    covers = code.covers if code.spans else None
    foreign = 0
    for index, tag in enumerate(tags):
        if covers is not None and covers(tag.start):
            continue
        kind = tag.kind
        if kind == "comment":
            comments.append(index)
            continue
        name = tag.name
        if kind == "start":
            if name in WATCHED_ELEMENTS:
                elements.setdefault(name, []).append(index)
            if name in FOREIGN_ELEMENTS and not tag.self_closing:
                foreign += 1
            elif not foreign and tag.attributes and ":" not in name:
                for attribute in tag.attributes:
                    attribute_name = attribute.name
                    if attribute_name == "style" or (
                        attribute_name not in standard and not attribute_name.startswith(("aria-", "xml"))
                    ):
                        attributes.append((index, attribute))
        elif kind == "end" and name in FOREIGN_ELEMENTS and foreign:
            foreign -= 1
    return inventory


def inventory(doc: Document) -> Inventory:
    return doc.memo("tracking.inventory", build_inventory)


VOID_ELEMENTS = frozenset(
    {"img", "embed", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "param"}
)


def element_span(inv: Inventory, index: int) -> tuple[int, int] | None:
    """Start and end of the element whose start tag is tags[index], end tag included; None when unclosed."""
    from scrapelint.markup import RAW_TEXT_ELEMENTS, matching_end  # loaded already: inv.tags came from it

    tags = inv.tags
    tag = tags[index]
    if tag.self_closing or tag.name in VOID_ELEMENTS:
        return tag.start, tag.end
    if tag.name in RAW_TEXT_ELEMENTS:
        following = tags[index + 1] if index + 1 < len(tags) else None
        if following is not None and following.kind == "end" and following.name == tag.name:
            return tag.start, following.end
        return None
    end = matching_end(tags, index)
    return (tag.start, tags[end].end) if end is not None else None

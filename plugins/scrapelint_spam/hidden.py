"""Hidden text: elements a reader never sees (inline CSS that hides them) holding links or spam terms.

Link spam injected by hacked themes and plugins hides itself from the site's readers and not from
search engines: ``<font style="position: absolute;overflow: hidden;height: 0;width: 0">``, ``<div
style="display:none">``, text pushed off-screen (``text-indent:-9999px``). Hiding alone proves nothing
(menus, tabs and lazy widgets hide content too): what is hidden is judged. Points:

- ``technique``: 4 for zero size, off-screen, zero font size or zero opacity (spam's tricks); 2 for
  ``display:none`` and ``visibility:hidden`` (which sites also use);
- ``links``: 3 when it links, with anchor text, to another site; 1 more for three or more sites;
- ``terms``: the distinct lexicon terms' weights (1 counts half), at most 8;
- ``script``: 3 when its text is in another script than the article (Cyrillic in a Spanish post).

``score`` is the points over 12, at most 1.0. Nothing is reported without a link to another site or a
strong term.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern
from scrapelint_spam.layout import (
    closing_tag,
    external_link_hosts,
    in_code,
    is_tag_position,
    reader_text,
)
from scrapelint_spam.lexicon import Hit, Lexicon, find_hits, lowered_utf8
from scrapelint_spam.scripts import script_shift

if TYPE_CHECKING:
    from scrapelint.markup import Tag

MAX_POINTS = 12.0
# Style attributes, found by their literal name (a fast scan) in the lowered bytes, then searched for
# hiding CSS. The name starts the text or follows a blank, a quote or a "/" (not "cms-style=",
# "data-style="): the lookbehind rejects the others in the scan rather than in Python. It follows the
# name, so that the scan still skips to the literal.
_STYLE_ATTRIBUTE = LazyPattern(rb"style(?<![^ \t\n\r\"'/]style)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')")
_HIDING_CSS_BRANCHES = (
    rb"(?P<none>display\s*:\s*none|visibility\s*:\s*hidden)"
    rb"|(?P<tiny>(?<![\w-])(?:height|width|max-height|font-size|line-height)\s*:\s*0(?:px|pt|em|rem|%)?"
    rb"\s*(?:!important\s*)?(?=[;\"'}]|$)|(?<![\w-])opacity\s*:\s*0(?:\.0+)?\s*(?=[;\"'}]|$))"
    rb"|(?P<offscreen>(?<![\w-])(?:left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,})"
)
# Every branch opens with a property name, and every name with a letter of the lookahead: the search
# rejects the other places of a style value with one test instead of trying each branch (twice as fast
# on waimei's style values). It finds what the branches alone find (tests check).
_HIDING_CSS = LazyPattern(rb"(?=[dfhlmotvw])(?:" + _HIDING_CSS_BRANCHES + rb")")
# Elements whose hiding is about page mechanics, not text.
_NOT_TEXT = frozenset({"img", "iframe", "script", "style", "input", "select", "option", "template", "svg"})


class HiddenElement:
    # A plain class: a dataclass costs a millisecond to create when the pack is loaded.
    __slots__ = (
        "start",
        "end",
        "content_start",
        "content_end",
        "techniques",
        "text",
        "hosts",
        "hits",
        "points",
        "script",
    )

    def __init__(
        self,
        start: int,  # the start tag's "<"
        end: int,  # after the end tag
        content_start: int,
        content_end: int,
        techniques: list[str],
        text: str,
        hosts: list[str],
        hits: list[Hit],
    ) -> None:
        self.start = start
        self.end = end
        self.content_start = content_start
        self.content_end = content_end
        self.techniques = techniques
        self.text = text
        self.hosts = hosts
        self.hits = hits
        self.points: dict[str, float] = {}
        self.script: str | None = None

    @property
    def score(self) -> float:
        return round(min(1.0, max(0.0, sum(self.points.values()) / MAX_POINTS)), 2)


def hidden_elements(doc: Document) -> list[tuple[int, int, int, int, list[str]]]:
    """(start, end, content start, content end, techniques) of every element of the body that inline
    CSS hides, outermost only. Shared by the SP rules."""
    return doc.memo("spam.hidden-elements", _hidden_elements)


def _hidden_elements(doc: Document) -> list[tuple[int, int, int, int, list[str]]]:
    if not doc.has_markup:
        return []
    data = lowered_utf8(doc)
    found: dict[int, tuple[int, int, int, int, list[str]]] = {}
    first = doc.body_start
    offset = byte_position = 0
    for attribute in _STYLE_ATTRIBUTE.finditer(data):
        group = 1 if attribute.group(1) is not None else 2
        match = _HIDING_CSS.search(data, attribute.start(group), attribute.end(group))
        if match is None:
            continue
        # Byte offsets to character offsets, walking forward once.
        offset += len(data[byte_position : match.start()].decode("utf-8", "replace"))
        byte_position = match.start()
        if offset < first:
            continue
        tag = _start_tag_holding(doc, offset)
        if tag is None or tag.self_closing or tag.name in _NOT_TEXT:
            continue
        style = tag.attribute("style")
        if style is None or not (style.value_start <= offset < style.value_end) or in_code(doc, tag.start):
            continue
        technique = "display-none" if match.group("none") else "zero-size" if match.group("tiny") else "off-screen"
        known = found.get(tag.start)
        if known is not None:
            if technique not in known[4]:
                known[4].append(technique)
            continue
        closing = closing_tag(doc, tag.name, tag.end)
        if closing is None:
            continue
        found[tag.start] = (tag.start, closing[1], tag.end, closing[0], [technique])
    elements = sorted(found.values())
    outermost = []
    for element in elements:
        if outermost and element[0] < outermost[-1][1]:
            continue
        outermost.append(element)
    return outermost


def _start_tag_holding(doc: Document, offset: int) -> Tag | None:
    """The start tag whose source holds ``offset``, as ``doc.tags`` would have it, found without
    tokenizing the document: a tag holds no "<" but its first, so it starts at the last one before."""
    from scrapelint.markup import tokenize

    text = doc.text
    opening = text.rfind("<", 0, offset)
    if opening < doc.body_start or not is_tag_position(doc, opening):
        return None
    following = text.find("<", opening + 1)
    found = tokenize(text, opening, len(text) if following < 0 else following)
    tag = found[0] if found else None
    if tag is None or tag.kind != "start" or not tag.start == opening <= offset < tag.end:
        return None
    return tag


def judge_hidden(doc: Document, lexicon: Lexicon) -> list[HiddenElement]:
    """The hidden elements, with what they hold and their points; computed once per lexicon."""
    return doc.memo(f"spam.hidden:{id(lexicon)}", lambda d: _judge_all(d, lexicon))


def _judge_all(doc: Document, lexicon: Lexicon) -> list[HiddenElement]:
    elements = hidden_elements(doc)
    if not elements:
        return []
    hits = find_hits(doc, lexicon)
    judged = []
    for start, end, content_start, content_end, techniques in elements:
        shown = reader_text(doc, content_start, content_end)
        words = " ".join(shown.split())
        if len(words) < 2:
            continue
        inside = [hit for hit in hits if content_start <= hit.start and hit.end <= content_end]
        hosts = external_link_hosts(doc, content_start, content_end)
        element = HiddenElement(start, end, content_start, content_end, techniques, words, hosts, inside)
        points = {"technique": 4.0 if set(techniques) - {"display-none"} else 2.0}
        if hosts:
            points["links"] = 3.0 + (1.0 if len(hosts) >= 3 else 0.0)
        weights: dict[str, int] = {hit.term.text: hit.term.weight for hit in inside}
        strong = [weight for weight in weights.values() if weight >= 2]
        if weights:
            points["terms"] = min(8.0, sum(strong) + 0.5 * (len(weights) - len(strong)))
        if not hosts and not strong:
            continue
        context = reader_text(doc, max(doc.body_start, start - 600), start) + " " + reader_text(doc, end, end + 600)
        element.script = script_shift(words, context)
        if element.script:
            points["script"] = 3.0
        element.points = points
        judged.append(element)
    return judged


def inside_hidden(doc: Document, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside an element that inline CSS hides."""
    return any(element[0] <= start and end <= element[1] for element in hidden_elements(doc))

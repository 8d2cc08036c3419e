"""Hacked page metadata: a spam title, keywords and description injected into an HTML page's head.

Hacked Chinese sites get their ``<title>`` and ``<meta name="keywords|description">`` replaced with
betting or porn keywords (often as numeric entities, ``&#80;&#71;&#30005;``, so that the site's owner
does not notice), plus a script that puts the real title back for visitors who are not a search
engine's crawler (``if(navigator.userAgent...indexOf("baidu") == -1){document.title = ...}``) and a
packed ``eval(function(p,a,c,k,e,d)...)`` loader. Points:

- ``terms``: the distinct lexicon terms' weights in the title and metadata (1 counts half), at most 12;
- ``entities``: 3 when the values are written as numeric character references;
- ``cloaking``: 5 for a script that shows crawlers and visitors different titles or pages;
- ``topic``: 3 when the page's body does not share the metadata's spam topic.

``score`` is the points over 20, at most 1.0. At least two strong terms (or one and a cloaking script)
are needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern
from scrapelint_spam.layout import visible_text
from scrapelint_spam.lexicon import Lexicon, find_hits

if TYPE_CHECKING:
    from scrapelint.markup import Tag

MAX_POINTS = 20.0
_CRAWLERS = r"(?:baidu|spider|bot|google|sogou|360spider|so\.com|sm\.cn|bing|yisou|toutiao)"
_CLOAKING = LazyPattern(
    rf"navigator\.useragent[\s\S]{{0,200}}{_CRAWLERS}[\s\S]{{0,300}}(?:document\.title|location|document\.write)"
    rf"|document\.referrer[\s\S]{{0,200}}{_CRAWLERS}[\s\S]{{0,300}}(?:location|document\.write)",
    re.IGNORECASE,
)
_PACKED = LazyPattern(r"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)")
_NUMERIC_REFERENCE = LazyPattern(r"&#(?:[0-9]{2,7}|[xX][0-9a-fA-F]{2,6});")
_METADATA_NAMES = frozenset({"keywords", "description", "og:title", "og:description", "twitter:title"})
_BLANK = LazyPattern(r"\s*")
_BODY_TAG = LazyPattern(r"<body(?=[\s/>])", re.IGNORECASE)
# What a page with a title or metadata holds, in any case of ASCII letters (as the lowered bytes have it).
_TITLE_OR_META = LazyPattern(r"<(?ai:title|meta)")


# Plain classes: a dataclass costs a millisecond to create when the pack is loaded.
class InjectedElement:
    __slots__ = ("start", "end", "kind", "value")

    def __init__(self, start: int, end: int, kind: str, value: str = "") -> None:
        self.start = start
        self.end = end
        self.kind = kind  # "title", "meta keywords", "cloaking script", "packed script"...
        self.value = value  # decoded text of a title or metadata value


class HackedMetadata:
    __slots__ = ("elements", "terms", "categories", "points")

    def __init__(
        self, elements: list[InjectedElement], terms: list[str], categories: list[str], points: dict[str, float]
    ) -> None:
        self.elements = elements
        self.terms = terms
        self.categories = categories
        self.points = points

    @property
    def start(self) -> int:
        return self.elements[0].start

    @property
    def end(self) -> int:
        return self.elements[-1].end

    @property
    def score(self) -> float:
        return round(min(1.0, max(0.0, sum(self.points.values()) / MAX_POINTS)), 2)


def hacked_metadata(doc: Document, lexicon: Lexicon) -> HackedMetadata | None:
    return doc.memo(f"spam.metadata:{id(lexicon)}", lambda d: _hacked_metadata(d, lexicon))


def _head_tags(doc: Document) -> list[Tag]:
    """The document's tags up to its <body> start tag: ``doc.tags`` cut there, but tokenizing only the
    head when the page has a <body> (tokens are found left to right, so the head's are the same)."""
    if "tags" in doc.__dict__:  # Document.tags is a cached property: use it when something built it
        return doc.tags
    from scrapelint.markup import code_spans, outside, tokenize

    text = doc.text
    start = doc.body_start
    body = _BODY_TAG.search(text, start)
    close = text.find(">", body.start()) if body is not None else -1
    if close < 0:
        return doc.tags
    tags = tokenize(text, start, close + 1)
    if doc.is_markdown:
        tags = outside(tags, code_spans(text, start))
    last = tags[-1] if tags else None
    if last is None or (last.kind, last.name, last.start, last.end) != ("start", "body", body.start(), close + 1):
        # That "<body" is in a comment, a script, code, or its tag holds a quoted ">": tokenize it all.
        return doc.tags
    return tags


def _head_elements(doc: Document) -> list[InjectedElement]:
    """The title, metadata and scripts of the page's head (or of the page, when it has no <head>)."""
    from scrapelint.markup import matching_end

    tags = _head_tags(doc)
    text = doc.text
    elements = []
    for index, tag in enumerate(tags):
        if tag.name == "body" and tag.kind == "start":
            break
        if tag.kind != "start":
            continue
        if tag.name in ("title", "script"):
            closing = matching_end(tags, index)
            if closing is None:
                continue
            content = text[tag.end : tags[closing].start]
            kind = "title" if tag.name == "title" else _script_kind(content)
            elements.append(InjectedElement(tag.start, tags[closing].end, kind, content))
        elif tag.name == "meta":
            name = _meta_name(tag)
            content = tag.attribute("content")
            if name in _METADATA_NAMES and content is not None and content.value:
                elements.append(InjectedElement(tag.start, tag.end, f"meta {name}", content.value))
        else:
            elements.append(InjectedElement(tag.start, tag.end, "other"))
    return elements


def _meta_name(tag: Tag) -> str:
    for attribute in ("name", "property"):
        value = tag.attribute(attribute)
        if value is not None and value.value:
            return value.value.strip().lower()
    return ""


def _script_kind(content: str) -> str:
    if _CLOAKING.search(content):
        return "cloaking script"
    if _PACKED.search(content):
        return "packed script"
    return "script"


def _hacked_metadata(doc: Document, lexicon: Lexicon) -> HackedMetadata | None:
    # Searched for in the text, not in the lowered bytes: a pattern that starts with "<" skips to each
    # "<", where a substring search in the bytes costs about a nanosecond a byte.
    if _TITLE_OR_META.search(doc.text) is None:
        return None
    # Spam metadata holds a strong term: one the scan of the text found (a value is a stretch of the
    # text, between delimiters no term holds), or one written as numeric character references.
    if "&#" not in doc.text and not any(hit.term.weight >= 2 for hit in find_hits(doc, lexicon)):
        return None
    import html

    elements = _head_elements(doc)
    metadata = [element for element in elements if element.kind == "title" or element.kind.startswith("meta ")]
    if not metadata:
        return None
    weights: dict[str, int] = {}
    categories: set[str] = set()
    spam_elements = set()
    raw_values = []
    for element in metadata:
        raw_values.append(element.value)
        value = html.unescape(element.value)
        element.value = value
        found = lexicon.find(value)
        for hit in found:
            weights[hit.term.text] = hit.term.weight
            categories.add(hit.term.category)
        if any(hit.term.weight >= 2 for hit in found):
            spam_elements.add(id(element))
    strong = [weight for weight in weights.values() if weight >= 2]
    cloaking = any(element.kind == "cloaking script" for element in elements)
    if len(strong) < 2 and not (strong and cloaking):
        return None
    points = {"terms": min(12.0, sum(strong) + 0.5 * (len(weights) - len(strong)))}
    joined = "".join(raw_values)
    references = sum(len(match.group()) for match in _NUMERIC_REFERENCE.finditer(joined))
    if references >= 0.5 * len(joined):
        points["entities"] = 3.0
    if cloaking:
        points["cloaking"] = 5.0
    head_end = elements[-1].end if elements else 0
    body_hits = [
        hit
        for hit in find_hits(doc, lexicon)
        if hit.start >= head_end and hit.term.weight >= 2 and hit.term.text in weights
    ]
    if len({hit.term.text for hit in body_hits}) < 2 or not visible_text(doc, head_end, len(doc.text)).strip():
        points["topic"] = 3.0
    # The injected elements: spam metadata, and the cloaking and packed scripts next to them.
    injected = []
    for index, element in enumerate(elements):
        if (
            id(element) in spam_elements
            or element.kind == "cloaking script"
            or (element.kind == "packed script" and _next_to(doc, elements, index, injected, spam_elements))
        ):
            injected.append(element)
    return HackedMetadata(injected, sorted(weights, key=lambda term: -weights[term]), sorted(categories), points)


def _next_to(doc: Document, elements: list[InjectedElement], index: int, injected: list, spam: set) -> bool:
    """Whether elements[index] touches (only blanks between) an injected element before or after it."""
    text = doc.text
    element = elements[index]
    if injected and _BLANK.fullmatch(text, injected[-1].end, element.start):
        return True
    if index + 1 < len(elements):
        following = elements[index + 1]
        if (id(following) in spam or following.kind == "cloaking script") and _BLANK.fullmatch(
            text, element.end, following.start
        ):
            return True
    return False

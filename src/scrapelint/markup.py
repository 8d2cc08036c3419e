"""Markup with exact offsets: tags, attributes, comments, URLs and the visible text between them.

A tree (BeautifulSoup, lxml) has no source offsets, and a fix must be an edit on the source text, so
the spans rules report and edit come from this tokenizer: one regular-expression pass, about the cost
of reading the text (see DESIGN.md's table). It is deliberately forgiving: scraped markup is broken,
and a stray ``<`` is text, not an error.

Offsets are absolute offsets into ``Document.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from scrapelint.patterns import LazyPattern, find_first, has_code_marks

TagKind = Literal["start", "end", "comment", "doctype", "cdata", "processing"]

# Elements whose content is not markup: a "<" inside a script is JavaScript, not a tag.
RAW_TEXT_ELEMENTS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
# Elements whose text a reader never sees.
# (An iframe's, noembed's or noframes' content is a fallback for browsers without them: not shown either.)
INVISIBLE_ELEMENTS = frozenset({"script", "style", "noscript", "template", "head", "iframe", "noembed", "noframes"})

# One pattern finds where each token starts; what follows "<" says which kind it is. Comments and CDATA
# are closed with str.find (a lazy ".*?" would rescan). The attribute run is unrolled: no backtracking.
# Tags, most tokens, are tried first: the branches exclude each other by the character after "<" ("/" or
# a letter, "!", "?"), so their order changes nothing but the time.
_TOKEN = LazyPattern(
    r"<(?:(/?)([A-Za-z][A-Za-z0-9_-]*(?::[A-Za-z0-9_-]+)*)(?=[\s/>])([^<>\"']*(?:(?:\"[^<\"]*\"|'[^<']*')[^<>\"']*)*)>"
    r"|(!--)|(!\[CDATA\[)|(![^<>]*>)|(\?[^<>]*>))"
)
_ATTRIBUTE = LazyPattern(r"(\s+)([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_RAW_TEXT_END = {name: LazyPattern(rf"</{name}\s*>", re.IGNORECASE) for name in RAW_TEXT_ELEMENTS}


@dataclass(slots=True)
class Attribute:
    name: str  # lower-cased
    value: str | None  # None for a bare attribute (<img alt>)
    start: int  # the whitespace before the name: deleting start..end removes the attribute cleanly
    end: int
    name_start: int
    value_start: int  # value_start == value_end == end when there is no value
    value_end: int


@dataclass(slots=True)
class Tag:
    kind: TagKind
    name: str  # lower-cased element name; "" for comments and declarations
    start: int
    end: int
    attributes: tuple[Attribute, ...] = ()
    self_closing: bool = False

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


def raw_text_end(name: str) -> re.Pattern[str]:
    """The end tag of a raw-text element (one of RAW_TEXT_ELEMENTS): what closes a <script> or <style>."""
    return _RAW_TEXT_END[name]


def _attributes(text: str, start: int, end: int) -> tuple[Attribute, ...]:
    # Many tags carry one attribute, and a run with at most one "=" mostly holds one: its match at the
    # run's start is the first the search finds, and when it reaches the run's end it is all there is,
    # read without an iterator. (A fullmatch would say the same, but backtracks through a long value
    # before it fails on '<img src="..." />'.) Otherwise the search goes on from where that match ended.
    if text.count("=", start, end) <= 1:
        match = _ATTRIBUTE.match(text, start, end)
        if match is not None:
            if match.end() == end:
                return (_attribute(match),)
            return (_attribute(match), *[_attribute(later) for later in _ATTRIBUTE.finditer(text, match.end(), end)])
    return tuple([_attribute(match) for match in _ATTRIBUTE.finditer(text, start, end)])


def _attribute(match: re.Match[str]) -> Attribute:
    # The last group that matched says how the value was written: 3 "double", 4 'single', 5 bare,
    # and 2 (the name itself) when there is no value.
    which = match.lastindex
    attribute_start, attribute_end = match.span()
    if which == 2:
        return Attribute(
            match[2].lower(), None, attribute_start, attribute_end, match.start(2), attribute_end, attribute_end
        )
    value_start, value_end = match.span(which)
    return Attribute(
        match[2].lower(), match[which], attribute_start, attribute_end, match.start(2), value_start, value_end
    )


def tokenize(text: str, start: int = 0, end: int | None = None, *, attributes: bool = True) -> list[Tag]:
    """Every tag, comment and declaration in text[start:end], in order, with exact offsets.

    With ``attributes=False`` start tags carry none: telling markup from text needs no attribute, and
    parsing them is most of the work.
    """
    end = len(text) if end is None else end
    # A tag cannot start after the last ">": without this bound, "<a " repeated with no ">" rescans to the
    # end of the text for every "<" (runs stop at the next "<", so each attempt is short otherwise).
    last_close = text.rfind(">", start, end)
    end = last_close + 1 if last_close >= 0 else start
    tags: list[Tag] = []
    append = tags.append
    # One finditer pass; what it finds inside a script, a style or a comment (before skip_to) is not
    # markup and is passed over. Cheaper than a fresh search from each token's end.
    skip_to = start
    for match in _TOKEN.finditer(text, start, end):
        tag_start, position = match.span()
        if tag_start < skip_to:
            continue
        slash, name, attrs, comment, cdata, doctype, _processing = match.groups()
        if name is not None:
            name = name.lower()
            if slash:
                append(Tag("end", name, tag_start, position))
                continue
            if not attrs:
                append(Tag("start", name, tag_start, position))
                self_closing = False
            else:
                self_closing = attrs[-1] == "/"
                # (The attributes run to the closing ">".)
                parsed = (
                    _attributes(text, position - 1 - len(attrs), position - 1)
                    if attributes and not attrs.isspace()
                    else ()
                )
                append(Tag("start", name, tag_start, position, parsed, self_closing))
            if name in RAW_TEXT_ELEMENTS and not self_closing:
                # Skip to the matching end tag: what lies between is script, CSS or plain text.
                closing = _RAW_TEXT_END[name].search(text, position, end)
                if closing is None:
                    return tags
                append(Tag("end", name, closing.start(), closing.end()))
                skip_to = closing.end()
        elif comment is not None or cdata is not None:
            kind = "comment" if comment is not None else "cdata"
            terminator = "-->" if comment is not None else "]]>"
            close = text.find(terminator, position, end)
            if close < 0:
                append(Tag(kind, "", tag_start, end))
                return tags
            skip_to = close + len(terminator)
            append(Tag(kind, "", tag_start, skip_to))
        elif doctype is not None:
            append(Tag("doctype", "", tag_start, position))
        else:
            append(Tag("processing", "", tag_start, position))
    return tags


# Markdown code: a fenced block (``` or ~~~ to the same fence, or to the end), or a backtick span closed on
# its own line. What is inside is quoted text (`<script>` in a tutorial), not markup.
_FENCE = LazyPattern(
    r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[ \t]*(?:\n|\Z)|^[ \t]{0,3}(`{3,}|~{3,}).*\Z", re.M | re.S
)
_INLINE_CODE = LazyPattern(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")


def code_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of Markdown code (fenced blocks and inline code) in text[start:end], sorted."""
    end = len(text) if end is None else end
    if not has_code_marks(text, start, end):
        return []
    fences = [(m.start(), m.end()) for m in _FENCE.finditer(text, start, end)]
    fence_starts = [fence_start for fence_start, _ in fences]
    spans = list(fences)
    for match in _INLINE_CODE.finditer(text, start, end):
        # Backticks inside a fenced block are its content. (Inline matches never overlap each other,
        # so the fences, sorted and disjoint, are all there is to check: one binary search.)
        index = bisect.bisect_right(fence_starts, match.start()) - 1
        if index < 0 or match.start() >= fences[index][1]:
            spans.append((match.start(), match.end()))
    return sorted(spans)


def outside(tags: list[Tag], spans: list[tuple[int, int]]) -> list[Tag]:
    """The tags that do not start inside any of the (sorted, disjoint) spans."""
    if not spans:
        return tags
    starts = [span_start for span_start, _ in spans]
    kept = []
    for tag in tags:
        index = bisect.bisect_right(starts, tag.start) - 1
        if index < 0 or tag.start >= spans[index][1]:
            kept.append(tag)
    return kept


def matching_end(tags: list[Tag], index: int) -> int | None:
    """Index of the end tag closing tags[index] (nesting of the same name respected), or None."""
    opening = tags[index]
    depth = 0
    for position in range(index + 1, len(tags)):
        tag = tags[position]
        if tag.name != opening.name:
            continue
        if tag.kind == "start" and not tag.self_closing:
            depth += 1
        elif tag.kind == "end":
            if depth == 0:
                return position
            depth -= 1
    return None


def visible_text_spans(tags: list[Tag], start: int, end: int) -> list[tuple[int, int]]:
    """Spans of text[start:end] outside tags and comments and outside invisible elements
    (script, style, noscript...): what a reader of the rendered article could see."""
    spans: list[tuple[int, int]] = []
    position = start
    hidden_depth = 0
    for tag in tags:
        if tag.start < start or tag.start >= end:
            continue
        if hidden_depth == 0 and tag.start > position:
            spans.append((position, tag.start))
        if tag.name in INVISIBLE_ELEMENTS and not tag.self_closing:
            if tag.kind == "start":
                hidden_depth += 1
            elif tag.kind == "end" and hidden_depth:
                hidden_depth -= 1
        position = max(position, tag.end)
    if hidden_depth == 0 and position < end:
        spans.append((position, end))
    return spans


# -- URLs ----------------------------------------------------------------------------------------

UrlContext = Literal["attribute", "markdown", "autolink", "bare"]
# srcset holds several URLs ("a.jpg 1x, b.jpg 2x"): reported one by one, below.
URL_ATTRIBUTES = frozenset({"href", "src", "data-src", "poster", "action", "cite", "data-original"})
# Markdown links and images ("![alt](src)" is the same link with a "!" before it).
_MARKDOWN_LINK = LazyPattern(
    r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?(?P<url>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?"
)
_AUTOLINK = LazyPattern(r"<(?P<url>(?:https?|ftp)://[^\s<>]+)>", re.IGNORECASE)
# A bare URL runs to whitespace or a delimiter, and does not end in punctuation of the sentence.
_URL_REST = LazyPattern(r"[^\s<>\"'`)\]]*[^\s<>\"'`)\].,;:!?，。、）》」』]")
_NOT_BEFORE_BARE_URL = frozenset("/\"'=<]_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(slots=True)
class Url:
    url: str
    start: int
    end: int
    context: UrlContext
    tag: Tag | None = None  # for URLs in attributes
    attribute: str = ""


def find_urls(text: str, tags: list[Tag], start: int, end: int) -> list[Url]:
    """URLs in attributes (href, src...), Markdown links and images, autolinks and bare URLs, sorted.

    A URL inside a tag is only reported as that tag's attribute; one inside a Markdown link only as
    the link's target.
    """
    urls: list[Url] = []
    srcsets: list[Url] = []  # after every other attribute's URL, as they were listed before the sort
    for tag in tags:
        if not tag.attributes:  # end tags, comments and most start tags
            continue
        srcset_seen = False
        for attribute in tag.attributes:
            name = attribute.name
            if name in URL_ATTRIBUTES:
                if attribute.value:
                    urls.append(
                        Url(attribute.value, attribute.value_start, attribute.value_end, "attribute", tag, name)
                    )
            elif name == "srcset" and not srcset_seen:  # the first srcset counts, as Tag.attribute finds it
                srcset_seen = True
                if attribute.value:
                    srcsets.extend(_srcset_urls(attribute, tag))
    urls.extend(srcsets)
    taken = _Spans.of_tags(tags)
    if "](" in text:
        for url_start, url_end, span_start, _span_end in _markdown_links(text, start, end):
            if not taken.covers(span_start):
                urls.append(Url(text[url_start:url_end], url_start, url_end, "markdown"))
                taken.add(url_start, url_end)
    if "<" in text:
        for match in _AUTOLINK.finditer(text, start, end):
            if not taken.covers(match.start()):
                urls.append(Url(match.group("url"), match.start("url"), match.end("url"), "autolink"))
                taken.add(match.start(), match.end())
    for url_start, url_end in _bare_urls(text, start, end):
        if not taken.covers(url_start):
            urls.append(Url(text[url_start:url_end], url_start, url_end, "bare"))
    urls.sort(key=lambda url: url.start)
    return urls


def _bare_urls(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of http(s):// and www. URLs in running text.

    Found by searching for "://" and "www." (a fast substring search; a case-insensitive pattern
    would test every position), then checked and extended around each hit. The first of each is found
    by ``find_first``: most articles have few ":" and "w" before their first URL.
    """
    hits = []
    for marker in ("://", "www.", "WWW."):
        position = find_first(text, marker, start, end)
        while position >= 0:
            hits.append((position, marker))
            position = text.find(marker, position + len(marker), end)
    last_end = -1
    for position, marker in sorted(hits):
        if marker == "://":
            scheme = text[max(start, position - 5) : position].lower()
            if scheme.endswith("https"):
                url_start = position - 5
            elif scheme.endswith("http"):
                url_start = position - 4
            else:
                continue
        else:
            url_start = position
        if url_start < last_end or (url_start > 0 and text[url_start - 1] in _NOT_BEFORE_BARE_URL):
            continue
        rest = _URL_REST.match(text, url_start, end)
        if rest is not None and rest.end() > position + len(marker):
            last_end = rest.end()
            yield url_start, last_end


def _markdown_links(text: str, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """(url start, url end, link start, link end) of every Markdown link and image, including an image
    inside a link's text (``[![alt](img.png)](page)``)."""
    for match in _MARKDOWN_LINK.finditer(text, start, end):
        yield match.start("url"), match.end("url"), match.start(), match.end()
        label_end = match.start("url") - 2  # the "](" before the URL
        if text.find("](", match.start() + 1, label_end) >= 0:
            yield from _markdown_links(text, match.start() + 1, label_end)


def _srcset_urls(attribute: Attribute, tag: Tag) -> list[Url]:
    """Each image candidate of a srcset value, with its own span."""
    urls = []
    position = attribute.value_start
    for candidate in attribute.value.split(","):
        stripped = candidate.strip()
        if stripped:
            url = stripped.split()[0]
            url_start = position + candidate.index(url)
            urls.append(Url(url, url_start, url_start + len(url), "attribute", tag, "srcset"))
        position += len(candidate) + 1
    return urls


class _Spans:
    """Disjoint-or-nested spans, with a binary search for the one holding an offset."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    @classmethod
    def of_tags(cls, tags: list[Tag]) -> _Spans:
        """The spans of ``tags``: taken as they are when in source order (the tokenizer's), else added."""
        spans = cls()
        starts = [tag.start for tag in tags]
        if starts == sorted(starts):
            spans._starts = starts
            spans._ends = [tag.end for tag in tags]
        else:
            for tag in tags:
                spans.add(tag.start, tag.end)
        return spans

    def add(self, start: int, end: int) -> None:
        if not self._starts or start >= self._starts[-1]:  # tags arrive in order: the common case
            self._starts.append(start)
            self._ends.append(end)
            return
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

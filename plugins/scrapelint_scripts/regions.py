"""The parts of a document whose writing a reader sees: front-matter values and the body's visible text.

Markup, attribute values and URLs are not prose: a Simplified tag slug inside a link's URL is no
mixing, and nobody reads a CSS class. Front-matter values are read (a title, a summary, a category),
and each is marked with the field it belongs to, so that rules can treat taxonomy fields (category,
tags, author) differently from running text.
"""

from __future__ import annotations

from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern

# A top-level key at the start of a front-matter line: YAML "key:" or TOML "key =", maybe quoted.
_KEY_LINE = LazyPattern(r"""(?:"([^"\n]+)"|'([^'\n]+)'|([^\s"'#:=\-\[{][^:=\n]*))[ \t]*(?::(?=[ \t\r]|$)|=)""")
# A line starting with one of these continues the value above it (indented, a list item, a comment).
_NOT_A_KEY = frozenset(" \t-#\r\n")
_URL = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+|www\.[^\s\"'<>]+")


class Region(NamedTuple):
    start: int
    end: int
    field: str | None = None  # the front-matter field (lower-cased), None in the body


def _key_line_at_or_above(doc: Document, position: int) -> tuple[int, int, str] | None:
    """The nearest front-matter line at or above ``position`` that names a key: where it starts,
    where its key ends and the key's name (lower-cased); None when no line above names one. Lines
    are read upwards from the position's, so only the value's own field is looked at."""
    front_matter = doc.front_matter
    text = doc.text
    content_start, content_end = front_matter.content_start, front_matter.content_end
    newline = text.rfind("\n", content_start, position)
    line_start = content_start if newline < 0 else newline + 1
    while True:
        if text[line_start] not in _NOT_A_KEY:
            line_end = text.find("\n", line_start, content_end)
            key = _KEY_LINE.match(text, line_start, content_end if line_end < 0 else line_end)
            if key is not None:
                return line_start, key.end(), (key.group(1) or key.group(2) or key.group(3)).strip().lower()
        if line_start == content_start:
            return None
        newline = text.rfind("\n", content_start, line_start - 1)
        line_start = content_start if newline < 0 else newline + 1


def front_matter_region_at(doc: Document, position: int) -> Region | None:
    """The front-matter value line holding ``position`` (after its key, if the line has one), with
    the field it belongs to; None outside the front matter."""
    front_matter = doc.front_matter
    if front_matter is None or not front_matter.closed:
        return None
    if not front_matter.content_start <= position < front_matter.content_end:
        return None
    text = doc.text
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position, front_matter.content_end)
    if line_end < 0:
        line_end = front_matter.content_end
    if text[line_end - 1 : line_end] == "\r":
        line_end -= 1
    # The field is named on this line or on the nearest line above that names a key.
    key_line = _key_line_at_or_above(doc, position)
    if key_line is None:
        return Region(line_start, line_end)
    key_line_start, key_end, field = key_line
    start = key_end if key_line_start == line_start else line_start
    return Region(start, line_end, field)


def body_regions(doc: Document) -> list[Region]:
    """The body's visible text: outside tags, comments, scripts and styles, and outside the targets of
    Markdown links (``[text](target)``: a scraper sometimes leaves a title there, not a URL)."""
    spans = doc.visible_spans if doc.has_markup else [(doc.body_start, len(doc.text))]
    if doc.text.find("](", doc.body_start) >= 0:
        targets = [(url.start, url.end) for url in doc.urls if url.context == "markdown"]
        if targets:
            spans = _without(spans, targets)
    return [Region(start, end) for start, end in spans]


def _without(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` less ``holes`` (both sorted and disjoint), in one walk over the two."""
    kept = []
    first_hole = 0
    for start, end in spans:
        while first_hole < len(holes) and holes[first_hole][1] <= start:
            first_hole += 1  # holes before this span are before every later span too
        hole = first_hole
        while hole < len(holes) and holes[hole][0] < end:
            hole_start, hole_end = holes[hole]
            if hole_start > start:
                kept.append((start, hole_start))
            start = max(start, hole_end)
            hole += 1
        if start < end:
            kept.append((start, end))
    return kept


_TOKEN_BREAK = LazyPattern(r"[\"'<>\[\]{}]")


def in_url(text: str, position: int, reach: int = 512) -> bool:
    """Whether text[position] is inside a URL: the token it ends (back to white space, a quote or a
    bracket) holds a scheme ("://") or "www.". A local test: no URL view is built for it."""
    head = text[max(0, position - reach) : position]
    if not head or head[-1].isspace():
        return False
    token = _TOKEN_BREAK.split(head.split()[-1])[-1]
    return "://" in token or "www." in token

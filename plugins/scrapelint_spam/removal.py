"""The exact edit that removes an injected run or a boilerplate block, and nothing else.

The run's span grows to the wrapper it fills (an element, or a Markdown link, whose only content is the
run: ``<div class="appendQr_normal_txt">…</div>``, ``<p><font>…</font></p>``), then to the whole line
when nothing but blanks would be left on it: the line and its line break go, or, for the last line of a
file without a final newline, the line and the line break before it. Every other byte stays.

Shared by the SP and BP packs (the BP pack imports it from here).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Protocol

from scrapelint.document import Document
from scrapelint.findings import Edit
from scrapelint.patterns import LazyPattern

# Elements that are never removed as a wrapper: the page itself.
_NEVER_WRAPPERS = frozenset({"html", "head", "body"})
# Elements without an end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Content a reader sees even without text.
_MEDIA = frozenset({"img", "picture", "video", "audio", "iframe", "svg", "object", "embed", "canvas", "input"})
_BLANK = LazyPattern(r"(?:\s|&nbsp;|&#160;|\u00a0|\u3000)*")
_MARKDOWN_LINK_TAIL = LazyPattern(r"\]\(\s*<?[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*>?(?:\s+\"[^\"]*\")?\s*\)")


# One tag or comment, matched where a "<" is: its "/" (end tag) and its name, lower-cased later.
_TAG = LazyPattern(
    r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9_:-]*)(?=[\s/>])[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.S
)
# Tags and comments, to strip from a stretch before asking whether anything readable is left.
_TAGS_IN = LazyPattern(r"<!--.*?-->|</?([A-Za-z][A-Za-z0-9_:-]*)(?=[\s/>])[^>]*>", re.S)
# How far back a wrapper's start tag is looked for (characters).
_REACH = 2000


class Page(Protocol):
    """What a removal reads of a document (a ``Document`` is one): its text, where its body starts, and
    whether it has markup."""

    @property
    def text(self) -> str: ...

    @property
    def body_start(self) -> int: ...

    @property
    def has_markup(self) -> bool: ...


def _filler(text: str, start: int, end: int, media_is_content: bool) -> bool:
    """Whether text[start:end] holds nothing a reader would miss: blanks, comments and tags without
    text between them (and no image, video..., when ``media_is_content``)."""
    if start >= end:
        return True
    stretch = text[start:end]
    if "<" not in stretch:
        return _BLANK.fullmatch(stretch) is not None
    if media_is_content:
        for match in _TAGS_IN.finditer(stretch):
            if match.group(1) and match.group(1).lower() in _MEDIA:
                return False
    return _BLANK.fullmatch(_TAGS_IN.sub("", stretch)) is not None


def _tag_before(text: str, low: int, position: int) -> re.Match[str] | None:
    """The tag or comment that ends exactly at ``position`` (after blanks are skipped by the caller)."""
    if text.endswith("-->", low, position):
        opening = text.rfind("<!--", low, position)
        return _TAG.match(text, opening) if opening >= 0 else None
    opening = text.rfind("<", low, position)
    if opening < 0:
        return None
    match = _TAG.match(text, opening)
    return match if match is not None and match.end() == position else None


@functools.cache
def _element_tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)


def _closing(text: str, name: str, position: int) -> tuple[int, int] | None:
    """The span of the end tag closing a <name> element opened just before ``position``."""
    depth = 0
    for match in _element_tags(name).finditer(text, position):
        if match.group(1):
            if depth == 0:
                return match.span()
            depth -= 1
        elif not match.group(0).endswith("/>"):
            depth += 1
    return None


def _wrapper(doc: Page, start: int, end: int, media_is_content: bool) -> tuple[int, int] | None:
    """The element or Markdown link whose whole content is text[start:end] (plus filler), or None."""
    text = doc.text
    link_tail = _MARKDOWN_LINK_TAIL.match(text, end)
    if link_tail is not None:
        before = text.rfind("[", doc.body_start, start)
        if before >= 0 and _BLANK.fullmatch(text, before + 1, start):
            return before, link_tail.end()
    if not doc.has_markup:
        return None
    low = max(doc.body_start, start - _REACH)
    # Walk back to the start tag that opens the wrapper, over filler and over whole sibling elements
    # that are filler themselves (an <img> in its own <div> next to a QR code's caption).
    closed: list[str] = []
    position = start
    while True:
        while position > low and text[position - 1] in " \t\r\n\u3000\u00a0":
            position -= 1
        tag = _tag_before(text, low, position)
        if tag is None:
            return None
        position = tag.start()
        slash, name = tag.group(1), tag.group(2)
        if name is None:  # a comment
            continue
        name = name.lower()
        if media_is_content and name in _MEDIA:
            return None
        if slash:
            closed.append(name)
            continue
        if tag.group(0).endswith("/>") or name in _VOID:
            continue
        if closed:
            if closed[-1] != name:
                return None
            closed.pop()
            continue
        if name in _NEVER_WRAPPERS:
            return None
        closing = _closing(text, name, tag.end())
        if closing is None or closing[0] < end:
            return None
        if _filler(text, end, closing[0], media_is_content):
            return tag.start(), closing[1]
        return None


def _whole_elements(doc: Page, start: int, end: int) -> tuple[int, int]:
    """The span grown over the start tag of an element it closes ("延伸閱讀</div><a>…</a>" takes its
    "<div>"), so that no element is left empty or unbalanced."""
    if not doc.has_markup:
        return start, end
    text = doc.text
    low = max(doc.body_start, start - _REACH)
    while True:
        position = start
        while position > low and text[position - 1] in " \t":
            position -= 1
        tag = _tag_before(text, low, position)
        if tag is None or tag.group(2) is None or tag.group(1) or tag.group(0).endswith("/>"):
            return start, end
        name = tag.group(2).lower()
        if name in _VOID or name in _NEVER_WRAPPERS:
            return start, end
        closing = _closing(text, name, tag.end())
        if closing is None or not (start <= closing[0] and closing[1] <= end):
            return start, end
        start = tag.start()


def removal_span(doc: Page, start: int, end: int, *, media_is_content: bool = True) -> tuple[int, int]:
    """The span to delete to remove text[start:end], the wrappers it fills, and the line it leaves blank."""
    start, end = _whole_elements(doc, start, end)
    end = _closed_elements(doc, start, end, media_is_content)
    while True:
        wrapper = _wrapper(doc, start, end, media_is_content)
        if wrapper is None:
            break
        start, end = wrapper
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    content_end = line_end - 1 if line_end > 0 and text[line_end - 1 : line_end] == "\r" else line_end
    if not (_BLANK.fullmatch(text, line_start, start) and _BLANK.fullmatch(text, end, content_end)):
        return start, end
    if line_end < len(text):
        return line_start, line_end + 1
    # The last line, without a final newline: take the line break before it instead.
    if line_start >= doc.body_start + 1 and line_start > 0:
        previous = line_start - 1
        if previous > 0 and text[previous - 1] == "\r":
            previous -= 1
        return previous, len(text)
    return line_start, len(text)


def _closed_elements(doc: Page, start: int, end: int, media_is_content: bool) -> int:
    """The span's end grown over the end tags of the elements it opens, when only filler stands before
    them ("<p class=x>© 2020 AFP" takes its "</p>"): a removal must not leave an end tag without its
    start tag. The end stays where it is when one of them closes further on, after content."""
    if not doc.has_markup or doc.text.find("<", start, end) < 0:
        return end
    text = doc.text
    opened: list[re.Match[str]] = []
    for tag in _TAG.finditer(text, start, end):
        slash, name = tag.group(1), tag.group(2)
        if name is None or tag.group(0).endswith("/>") or name.lower() in _VOID:
            continue  # a comment, or an element without content
        name = name.lower()
        if not slash:
            opened.append(tag)
        elif opened and opened[-1].group(2).lower() == name:
            opened.pop()
    grown = end
    for tag in reversed(opened):  # the innermost first: its end tag comes first
        closing = _closing(text, tag.group(2).lower(), tag.end())
        if closing is None or closing[0] < grown or not _filler(text, grown, closing[0], media_is_content):
            return end
        grown = closing[1]
    return grown


class _PageText:
    """A document's ``Page``, kept by a deferred fix instead of the document: the report outlives the
    document, and its views (tags, URLs, blocks...) would stay in memory with it."""

    __slots__ = ("text", "body_start", "has_markup")

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.body_start = doc.body_start
        self.has_markup = doc.has_markup


def deferred_removal(
    doc: Document, spans: Iterable[tuple[int, int]], *, media_is_content: bool = True
) -> Callable[[], list[Edit]]:
    """What works out the edits deleting ``spans`` (each with its wrappers and the line it leaves
    blank, merged where they meet), for ``Fix.deferred``.

    A removal always exists, so the fix is certain before its edits are known; working them out walks
    the markup around each span (a tenth of a BP or SP check), which a report that only says a fix
    exists (the terminal's) never needs."""
    page = _PageText(doc)
    spans = list(spans)

    def edits() -> list[Edit]:
        removals = sorted(removal_span(page, start, end, media_is_content=media_is_content) for start, end in spans)
        merged: list[tuple[int, int]] = []
        for start, end in removals:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return [Edit.delete(start, end) for start, end in merged]

    return edits

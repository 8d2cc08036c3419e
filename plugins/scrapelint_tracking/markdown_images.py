"""Markdown images, ``![alt](src "title")``, alone or as the whole text of a link: ``[![alt](src)](href)``.

``Document.urls`` reports the link target of an image link but not the image source inside it, and
the pixel rule needs the image's own span, so images are found here (outside Markdown code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from scrapelint.patterns import LazyPattern, holds
from scrapelint_tracking.inventory import inventory

if TYPE_CHECKING:
    from scrapelint.document import Document

_IMAGE = LazyPattern(
    r"!\[(?P<alt>[^\[\]\n]*)\]\(\s*<?(?P<src>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_LINK_TAIL = LazyPattern(r"\]\(\s*<?[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")


class MarkdownImage(NamedTuple):  # a named tuple: a dataclass costs a millisecond to define
    start: int  # the "!" of the image
    end: int
    src: str
    src_start: int
    src_end: int
    alt: str
    link_start: int  # the "[" of a link whose whole text is this image, else == start
    link_end: int  # the end of that link, else == end

    @property
    def in_link(self) -> bool:
        return self.link_start != self.start


def markdown_images(doc: Document) -> list[MarkdownImage]:
    return doc.memo("tracking.markdown_images", _find)


def _find(doc: Document) -> list[MarkdownImage]:
    text = doc.text
    if not holds(text, "!["):
        return []
    code = inventory(doc).code
    images = []
    for match in _IMAGE.finditer(text, doc.body_start):
        if code.covers(match.start()):
            continue
        link_start, link_end = match.start(), match.end()
        if match.start() > 0 and text[match.start() - 1] == "[":
            tail = _LINK_TAIL.match(text, match.end())
            if tail is not None:
                link_start, link_end = match.start() - 1, tail.end()
        images.append(
            MarkdownImage(
                match.start(),
                match.end(),
                match.group("src"),
                match.start("src"),
                match.end("src"),
                match.group("alt"),
                link_start,
                link_end,
            )
        )
    return images

"""Document: one article, read once, with lazy views that every rule shares.

The text is decoded without newline translation and keeps a leading BOM as U+FEFF, so that
``text.encode(encoding)`` gives back the file's bytes exactly and every fix is an edit on this text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from scrapelint.findings import Location

if TYPE_CHECKING:
    from scrapelint.frontmatter import FrontMatter
    from scrapelint.markup import Tag, Url

_UTF16_BOMS: tuple[tuple[bytes, str], ...] = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# chardet names a family; its members are tried in turn, and the first whose round trip gives back the
# file's exact bytes wins (Big5 written by Windows is cp950: big5hkscs maps some of its pairs elsewhere).
_ENCODING_CANDIDATES = {
    "gb2312": ("gb18030", "gbk", "gb2312"),
    "gbk": ("gb18030", "gbk"),
    "big5": ("cp950", "big5", "big5hkscs"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "ascii": ("utf-8",),
}
T = TypeVar("T")
_MISSING: Any = object()
_NEWLINE = re.compile("\n")
_MARKUP = re.compile(r"<[A-Za-z!/]")


class UnreadableDocument(Exception):
    """The bytes are not text scrapelint can decode (binary data, unknown encoding)."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    confidence: float = 1.0  # chardet's confidence; 1.0 when the bytes decoded as UTF-8 or had a BOM
    # Bytes kept outside the text and written back before it: a UTF-16 byte-order mark, which a UTF-16
    # file cannot do without (a UTF-8 BOM stays in the text as U+FEFF, for rules to see and remove).
    prefix: bytes = b""
    # Does encoding the text give back the file's bytes? When not, no fix may write the file as it is.
    exact: bool = True


def decode(raw: bytes) -> DecodedText:
    for bom, encoding in _UTF16_BOMS:
        if raw.startswith(bom):
            try:
                return DecodedText(raw[len(bom) :].decode(encoding), encoding, prefix=bom)
            except UnicodeDecodeError as error:
                raise UnreadableDocument(f"not valid {encoding}: {error.reason}") from None
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        raise UnreadableDocument("binary file (NUL bytes, not UTF-8)")
    import chardet  # only here: detection costs milliseconds and most files are UTF-8

    guess = chardet.detect(raw)
    name = (guess.get("encoding") or "").lower()
    if not name:
        raise UnreadableDocument("not UTF-8 and the encoding could not be detected")
    confidence = float(guess.get("confidence") or 0.0)
    decoded = None
    for encoding in _ENCODING_CANDIDATES.get(name, (name,)):
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if text.encode(encoding, "surrogatepass") == raw:
            return DecodedText(text, encoding, confidence)
        decoded = decoded or DecodedText(text, encoding, confidence, exact=False)
    if decoded is None:
        raise UnreadableDocument(f"not UTF-8, and not valid {name} either")
    return decoded


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


class Document:
    """An article: where it came from, its exact text, and views computed on first use."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        encoding: str = "utf-8",
        encoding_confidence: float = 1.0,
        raw: bytes | None = None,
        prefix: bytes = b"",
        exact: bool = True,
    ) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.encoding_confidence = encoding_confidence
        self.prefix = prefix
        self.exact = exact
        self._raw = raw
        self._memo: dict[str, Any] = {}
        self._lookups = 0

    @classmethod
    def from_bytes(cls, raw: bytes, path: str = "<bytes>") -> Document:
        decoded = decode(raw)
        return cls(
            decoded.text,
            path,
            encoding=decoded.encoding,
            encoding_confidence=decoded.confidence,
            raw=raw,
            prefix=decoded.prefix,
            exact=decoded.exact,
        )

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """A view a rule pack derives from the document, computed once and shared by its rules.

        ``key`` should be namespaced by the pack (``"dates.field"``), since every pack shares it.
        """
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:  # (not try/except KeyError: every view misses once per document)
            value = self._memo[key] = compute(self)
        return value

    def with_text(self, text: str, encoding: str | None = None) -> Document:
        """The same file with new text (after fixes), and a new encoding when a fix transcodes it."""
        if encoding is None or encoding == self.encoding:
            return Document(
                text,
                self.path,
                encoding=self.encoding,
                encoding_confidence=self.encoding_confidence,
                prefix=self.prefix,
                exact=self.exact,
            )
        return Document(text, self.path, encoding=encoding)

    def encoded(self) -> bytes:
        """The bytes to write: the text in the document's encoding, after any byte-order mark it needs."""
        if not self.exact:
            raise UnicodeError(
                f"its bytes do not survive decoding as {self.encoding}: writing it back would change other bytes"
            )
        return self.prefix + self.text.encode(self.encoding)

    @property
    def raw(self) -> bytes:
        if self._raw is None:
            self._raw = self.prefix + self.text.encode(self.encoding, "surrogatepass")
        return self._raw

    @property
    def has_bom(self) -> bool:
        return self.text.startswith("\ufeff")

    @cached_property
    def newline(self) -> str:
        """The file's dominant newline, used for any line a fix inserts."""
        return dominant_newline(self.text)

    # -- positions -------------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *[match.end() for match in _NEWLINE.finditer(self.text)]]

    def location(self, offset: int) -> Location:
        # A few look-ups count newlines (a C-speed scan, no index built: most documents have a finding or
        # two); past that, the line index pays for itself, and each look-up is a binary search.
        self._lookups += 1
        if self._lookups <= 4 and "line_starts" not in self.__dict__:
            text = self.text
            return Location(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
        starts = self.line_starts
        row = bisect_right(starts, offset)
        return Location(row, offset - starts[row - 1] + 1)

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end (before the newline) of the line holding ``offset``."""
        starts = self.line_starts
        row = bisect_right(starts, offset)
        start = starts[row - 1]
        end = starts[row] if row < len(starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_with_break(self, offset: int) -> tuple[int, int]:
        """Start and end (after the newline) of the line holding ``offset``: what deleting it removes."""
        starts = self.line_starts
        row = bisect_right(starts, offset)
        return starts[row - 1], starts[row] if row < len(starts) else len(self.text)

    # -- views -----------------------------------------------------------------------------------

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        from scrapelint.frontmatter import find_front_matter

        return find_front_matter(self.text)

    @cached_property
    def body_start(self) -> int:
        # The delimiters say where the body starts: no YAML parse unless a rule asks for the fields.
        front_matter = self.__dict__.get("front_matter")
        if front_matter is None:
            from scrapelint.frontmatter import locate_front_matter

            front_matter = locate_front_matter(self.text)
        return front_matter.end if front_matter is not None and front_matter.closed else 0

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def has_markup(self) -> bool:
        return _MARKUP.search(self.text, self.body_start) is not None

    @cached_property
    def tags(self) -> list[Tag]:
        """Tags, comments and declarations of the body, with exact offsets (scrapelint.markup)."""
        if not self.has_markup:
            return []
        from scrapelint.markup import code_spans, outside, tokenize

        tags = tokenize(self.text, self.body_start)
        if self.is_markdown:
            # Markup quoted in Markdown code (`<script>` in a tutorial) is text, not markup.
            tags = outside(tags, code_spans(self.text, self.body_start))
        return tags

    @property
    def is_markdown(self) -> bool:
        """A Markdown file, by its name: code fences mean nothing in HTML or plain text ("~~~" rules)."""
        return self.path.lower().endswith((".md", ".markdown", ".mdown", ".mkd", ".mdx"))

    @cached_property
    def visible_spans(self) -> list[tuple[int, int]]:
        """Spans of body text a reader sees: outside tags, comments, scripts and styles."""
        from scrapelint.markup import visible_text_spans

        return visible_text_spans(self.tags, self.body_start, len(self.text))

    @cached_property
    def urls(self) -> list[Url]:
        """URLs of the body with their spans: attributes, Markdown links, autolinks, bare URLs."""
        from scrapelint.markup import find_urls

        return find_urls(self.text, self.tags, self.body_start, len(self.text))

    @cached_property
    def html_tree(self) -> Any:
        """BeautifulSoup tree of the body, or None when the body has no markup.

        Costs about a millisecond an article: for rules that need structure, never for spans (a
        tree has no source offsets; edits are computed on the text).
        """
        if not self.has_markup:
            return None
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.body, "html.parser")

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars, {self.encoding})"

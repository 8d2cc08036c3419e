"""Where text sits in an article: its blocks, what a reader sees, and what is code.

Spam and boilerplate are judged by block (a line of Markdown, a paragraph or a ``<div>`` of HTML) and
by what a reader sees (not tags, URLs, code or comments). These views are built only for the documents
whose cheap pre-scan found something, and shared through ``Document.memo``.
"""

from __future__ import annotations

import bisect
import re

from scrapelint.document import Document
from scrapelint.markup import Tag, find_urls, matching_end, tokenize

# Elements that start a new block of text: their tags split text into separate blocks.
BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    }
)  # fmt: skip
# Elements whose content is code or markup, never prose a reader reads as such.
CODE_ELEMENTS = frozenset({"pre", "code", "script", "style", "textarea", "noscript", "template", "xmp"})
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[`~]*[ \t]*(?:\n|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")


def tag_starts(doc: Document) -> list[int]:
    return doc.memo("spam.tag-starts", lambda d: [tag.start for tag in d.tags])


def tag_at(doc: Document, offset: int) -> Tag | None:
    """The tag (or comment) whose source holds ``offset``, or None when it is in text (full tokenizing)."""
    index = bisect.bisect_right(tag_starts(doc), offset) - 1
    if index >= 0:
        tag = doc.tags[index]
        if tag.start <= offset < tag.end:
            return tag
    return None


def local_tags(doc: Document, start: int, end: int) -> list[Tag]:
    """The tags of text[start:end]: taken from the document's tags when something already tokenized
    it whole, else by tokenizing only that stretch (most documents never need their whole markup).
    Stretches are remembered, so that a block and its line are tokenized once."""
    if not doc.has_markup or "<" not in doc.text[start:end]:
        return []
    tags = doc.__dict__.get("tags")  # Document.tags is a cached property: use it only when it exists
    if tags is not None:
        starts = tag_starts(doc)
        return tags[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    stretches: dict[tuple[int, int], list[Tag]] = doc.memo("spam.local-tags", lambda d: {})
    for (known_start, known_end), known in stretches.items():
        if known_start <= start and end <= known_end:
            return [tag for tag in known if start <= tag.start and tag.end <= end]
    found = stretches[(start, end)] = tokenize(doc.text, start, end)
    return found


def tag_starting_at(doc: Document, offset: int) -> Tag | None:
    """The tag or comment that starts exactly at ``offset``, if one does."""
    text = doc.text
    if not text.startswith("<", offset):
        return None
    close = text.find(">", offset)
    found = tokenize(text, offset, len(text) if close < 0 or text.startswith("<!--", offset) else close + 1)
    return found[0] if found and found[0].start == offset else None


def code_spans(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of code: fenced and inline Markdown code, <pre>, <code>, <script>, <style>..."""
    return doc.memo("spam.code-spans", _code_spans)


def _code_spans(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    spans: list[tuple[int, int]] = list(_fences(doc))
    if "`" in text:
        spans.extend(match.span() for match in _INLINE_CODE.finditer(text, doc.body_start))
    tags = doc.tags
    for index, tag in enumerate(tags):
        if tag.kind == "start" and tag.name in CODE_ELEMENTS and not tag.self_closing:
            closing = matching_end(tags, index)
            spans.append((tag.start, tags[closing].end if closing is not None else len(text)))
    return _merged(spans)


def _fences(doc: Document) -> list[tuple[int, int]]:
    def compute(d: Document) -> list[tuple[int, int]]:
        text = d.text
        if "```" not in text and "~~~" not in text:
            return []
        return [match.span() for match in _FENCE.finditer(text, d.body_start)]

    return doc.memo("spam.fences", compute)


def in_code(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is in code, a comment or a script: a fenced or inline Markdown code span, an
    HTML comment, or a <pre>, <code>, <script>, <style>... element. Found by looking back from the
    offset for the openers the document has at all, without tokenizing it."""
    if _covers(_fences(doc), offset):
        return True
    text = doc.text
    line_start = text.rfind("\n", 0, offset) + 1
    if text.count("`", line_start, offset) % 2 == 1:
        line_end = text.find("\n", offset)
        if "`" in text[offset : len(text) if line_end < 0 else line_end]:
            return True
    for opener, closer in _openers_present(doc):
        opened = text.rfind(opener, 0, offset)
        if opened < 0 or opened < text.rfind(closer, 0, offset):
            continue
        following = text[opened + len(opener) : opened + len(opener) + 1]
        if opener == "<!--" or following in (" ", ">", "\n", "\t", "/", "\r"):
            return True
    return False


_CODE_OPENERS = tuple((f"<{name}", f"</{name}") for name in sorted(CODE_ELEMENTS))


def _openers_present(doc: Document) -> tuple[tuple[str, str], ...]:
    """The code elements (and comments) the document has at all: in_code looks back only for those."""

    def compute(d: Document) -> tuple[tuple[str, str], ...]:
        text = d.text
        present = [pair for pair in _CODE_OPENERS if pair[0] in text]
        if "<!--" in text:
            present.append(("<!--", "-->"))
        return tuple(present)

    return doc.memo("spam.code-openers", compute)


def hidden_spans(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint spans that are not running text: tags, comments, code and URLs."""
    return doc.memo("spam.hidden-spans", _hidden_spans)


def _hidden_spans(doc: Document) -> list[tuple[int, int]]:
    spans = list(code_spans(doc))
    spans.extend((tag.start, tag.end) for tag in doc.tags)
    spans.extend((url.start, url.end) for url in doc.urls)
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        if merged and span_start <= merged[-1][1]:
            if span_end > merged[-1][1]:
                merged[-1] = (merged[-1][0], span_end)
        else:
            merged.append((span_start, span_end))
    return merged


def _covers(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def running_text_hits(doc: Document, hits: list) -> list:
    """The hits (sorted, with ``start`` and ``end``) that lie in running text, in one sweep over the
    document's hidden spans."""
    spans = hidden_spans(doc)
    kept = []
    index = 0
    for hit in hits:
        while index < len(spans) and spans[index][1] <= hit.start:
            index += 1
        if index < len(spans) and spans[index][0] < hit.end:
            continue
        kept.append(hit)
    return kept


def block_bounds(doc: Document, offset: int) -> tuple[int, int]:
    """The block holding ``offset``: the line, cut at the block-level tags (p, div, li, br...) on it."""
    line_start, line_end = doc.line_span(offset)
    start, end = line_start, line_end
    for tag in local_tags(doc, line_start, line_end):
        if tag.name not in BLOCK_ELEMENTS:
            continue
        if tag.end <= offset:
            start = max(start, tag.end)
        elif tag.start >= offset:
            end = min(end, tag.start)
            break
    return start, end


def visible_text(doc: Document, start: int, end: int) -> str:
    """What a reader sees of text[start:end]: tags and comments dropped, each replaced by a space."""
    text = doc.text
    pieces = []
    position = start
    for tag in local_tags(doc, start, end):
        if tag.start > position:
            pieces.append(text[position : tag.start])
        pieces.append(" ")
        position = max(position, tag.end)
    if position < end:
        pieces.append(text[position:end])
    return "".join(pieces)


_STRIPPED = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>|\]\([^)\s]*\)|https?://\S+", re.S | re.I)


def visible_count(doc: Document, start: int, end: int, cap: int | None = None) -> int:
    """About how many characters a reader reads in text[start:end] (blanks, tags, scripts, comments and
    URLs not counted), counting in chunks and stopping once past ``cap``."""
    text = doc.text
    count = 0
    position = start
    while position < end:
        chunk_end = min(end, position + 4096)
        # Do not cut a tag or a comment in two.
        opening = text.rfind("<", position, chunk_end)
        if chunk_end < end and opening > position and text.find(">", opening, chunk_end) < 0:
            chunk_end = opening
        count += len("".join(_STRIPPED.sub(" ", text[position:chunk_end]).split()))
        position = chunk_end
        if cap is not None and count > cap:
            break
    return count


def body_visible_count(doc: Document) -> int:
    return doc.memo("spam.body-visible-count", lambda d: visible_count(d, d.body_start, len(d.text)))


# -- links ----------------------------------------------------------------------------------------

# Front-matter fields that name where the article lives: links there are the site's own.
_HOME_FIELDS = ("url", "link", "permalink", "canonical", "canonical_url", "guid", "source", "from", "original")


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    if url.startswith("//"):
        url = "http:" + url
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def own_hosts(doc: Document) -> frozenset[str]:
    """The hosts the article itself lives on, from its front matter (url, link, permalink...)."""
    return doc.memo("spam.own-hosts", _own_hosts)


def _own_hosts(doc: Document) -> frozenset[str]:
    front_matter = doc.front_matter
    hosts = set()
    data = front_matter.data if front_matter is not None else None
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.lower() in _HOME_FIELDS and isinstance(value, str):
                host = _host(value)
                if host:
                    hosts.add(host)
    return frozenset(hosts)


def external_link_hosts(doc: Document, start: int, end: int) -> list[str]:
    """Hosts, other than the article's own, that links (href, Markdown links) in text[start:end] point to."""
    own = own_hosts(doc)
    hosts = []
    for url in doc.urls:
        if url.start < start or url.end > end:
            continue
        if url.context == "attribute" and url.attribute != "href":
            continue
        host = _host(url.url) if url.url.lower().startswith(("http://", "https://", "//")) else None
        if host and host not in own and host not in hosts:
            hosts.append(host)
    return hosts


_MARKDOWN_SYNTAX = re.compile(r"!?\[|\]\(\s*\)|\]|[*_]{2,}|^#{1,6}\s|^>\s?|\\$", re.M)


def reader_text(doc: Document, start: int, end: int) -> str:
    """What a reader reads of text[start:end]: without tags, comments, code, URLs and link syntax.

    Computed on the stretch alone (its own tags and URLs), so that judging a block costs the block."""
    text = doc.text
    tags = local_tags(doc, start, end)
    spans = [(tag.start, tag.end) for tag in tags]
    if "`" in text[start:end]:
        spans.extend(match.span() for match in _INLINE_CODE.finditer(text, start, end))
    if "://" in text[start:end] or "](" in text[start:end] or "www." in text[start:end].lower():
        spans.extend((url.start, url.end) for url in find_urls(text, tags, start, end))
    for tag_index, tag in enumerate(tags):
        if tag.kind == "start" and tag.name in CODE_ELEMENTS and not tag.self_closing:
            closing = matching_end(tags, tag_index)
            spans.append((tag.end, tags[closing].start if closing is not None else end))
    pieces = []
    position = start
    for span_start, span_end in _merged(spans):
        if span_start > position:
            pieces.append(text[position:span_start])
        pieces.append(" ")
        position = max(position, span_end)
    if position < end:
        pieces.append(text[position:end])
    return _MARKDOWN_SYNTAX.sub(" ", "".join(pieces))

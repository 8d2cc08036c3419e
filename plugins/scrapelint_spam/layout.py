"""Where text sits in an article: its blocks, what a reader sees, and what is code.

Spam and boilerplate are judged by block (a line of Markdown, a paragraph or a ``<div>`` of HTML) and
by what a reader sees (not tags, URLs, code or comments). These views are built only for the documents
whose cheap pre-scan found something, and shared through ``Document.memo``.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

from scrapelint.document import Document
from scrapelint.markup import RAW_TEXT_ELEMENTS, raw_text_end, tokenize
from scrapelint.patterns import LazyPattern, has_code_marks, holds

if TYPE_CHECKING:
    from scrapelint.markup import Tag, Url

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
_FENCE = LazyPattern(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[`~]*[ \t]*(?:\n|\Z)", re.M | re.S)
_INLINE_CODE = LazyPattern(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")


def lowered_utf8(doc: Document) -> bytes:
    """The document's text as UTF-8 with ASCII letters lowered, for byte patterns. Shared."""
    return doc.memo("spam.lowered-utf8", _lowered_utf8)


def _lowered_utf8(doc: Document) -> bytes:
    raw = doc.raw if doc.encoding == "utf-8" else doc.text.encode("utf-8")
    return raw.lower()


def lowered_text(doc: Document) -> str:
    """The text with ASCII letters lowered and nothing else changed (offsets stay the same), from the
    lowered bytes: what the lexicon's automaton scans, and where case-insensitive searches look. Shared."""
    return doc.memo("spam.lowered-text", lambda d: lowered_utf8(d).decode("utf-8"))


def line_span(doc: Document, offset: int) -> tuple[int, int]:
    """``doc.line_span(offset)``, found by searching for the line's breaks rather than indexing every line."""
    text = doc.text
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return start, end


# -- tags -----------------------------------------------------------------------------------------------


def tag_starts(doc: Document) -> list[int]:
    return doc.memo("spam.tag-starts", lambda d: [tag.start for tag in d.tags])


def tag_spans(text: str, start: int = 0, end: int | None = None) -> list[Tag]:
    """The tags, comments and declarations of text[start:end], without their attributes: telling text
    from markup needs none, and parsing them is most of tokenizing."""
    return tokenize(text, start, end, attributes=False)


def local_tags(doc: Document, start: int, end: int) -> list[Tag]:
    """The tags of text[start:end], without their attributes: taken from the document's tags when
    something already tokenized it whole, else found in that stretch only (most documents never need
    their whole markup). Stretches are remembered, so that a block and its line are tokenized once."""
    if doc.text.find("<", start, end) < 0 or not doc.has_markup:
        return []
    tags = doc.__dict__.get("tags")  # Document.tags is a cached property: use it only when it exists
    if tags is not None:
        starts = tag_starts(doc)
        return tags[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    stretches: dict[tuple[int, int], list[Tag]] = doc.memo("spam.local-tags", lambda d: {})
    for (known_start, known_end), known in stretches.items():
        if known_start <= start and end <= known_end:
            return [tag for tag in known if start <= tag.start and tag.end <= end]
    found = stretches[(start, end)] = tag_spans(doc.text, start, end)
    return found


def tag_starting_at(doc: Document, offset: int) -> Tag | None:
    """The tag or comment that starts exactly at ``offset``, if one does."""
    text = doc.text
    if not text.startswith("<", offset):
        return None
    if text.startswith("<!--", offset):
        # A comment runs to its "-->" (tokenizing the rest of the text would find the same end).
        close = text.find("-->", offset + 4)
        end = len(text) if close < 0 else close + 3
    else:
        close = text.find(">", offset)
        end = len(text) if close < 0 else close + 1
    found = tag_spans(text, offset, end)
    return found[0] if found and found[0].start == offset else None


def code_spans(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of code: fenced and inline Markdown code, <pre>, <code>, <script>, <style>..."""
    return doc.memo("spam.code-spans", _code_spans)


def _code_spans(doc: Document) -> list[tuple[int, int]]:
    from scrapelint.markup import matching_end

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
        if not holds(text, "```") and not holds(text, "~~~"):
            return []
        return [match.span() for match in _FENCE.finditer(text, d.body_start)]

    return doc.memo("spam.fences", compute)


def in_markdown_code(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is in ``scrapelint.markup.code_spans`` of the body: the Markdown code whose
    tags ``Document.tags`` leaves out of a Markdown file. Inline code holds no line break, so only the
    offset's line is searched for it (and only fenced blocks in the whole body)."""
    from scrapelint.markup import _INLINE_CODE  # the pattern of scrapelint.markup.code_spans

    text = doc.text
    fences = _markdown_fences(doc)
    if fences is None:
        return False  # no backtick and no "~~~" in the body: no code at all
    if covers(fences, offset):
        return True
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    if text.find("`", line_start, line_end) < 0:
        return False
    for match in _INLINE_CODE.finditer(text, max(line_start, doc.body_start), line_end):
        if match.start() <= offset < match.end() and not covers(fences, match.start()):
            return True
    return False


def _markdown_fences(doc: Document) -> list[tuple[int, int]] | None:
    def compute(d: Document) -> list[tuple[int, int]] | None:
        from scrapelint.markup import _FENCE  # the pattern of scrapelint.markup.code_spans

        text = d.text
        start = d.body_start
        if not has_code_marks(text, start):
            return None
        return [match.span() for match in _FENCE.finditer(text, start)]

    return doc.memo("spam.markdown-fences", compute)


def in_code(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is in code, a comment or a script: a fenced or inline Markdown code span, an
    HTML comment, or a <pre>, <code>, <script>, <style>... element. Found by looking back from the
    offset for the openers the document has at all, without tokenizing it."""
    if covers(_fences(doc), offset):
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
_CODE_OPENER = LazyPattern(rf"<({'|'.join(sorted(CODE_ELEMENTS))}|!--)")


def _openers_present(doc: Document) -> tuple[tuple[str, str], ...]:
    """The code elements (and comments) the document has at all: in_code looks back only for those."""

    def compute(d: Document) -> tuple[tuple[str, str], ...]:
        # One pass for all the openers (a tag holds no "<" but its first, so none hides another).
        found = set(_CODE_OPENER.findall(d.text))
        present = [pair for pair in _CODE_OPENERS if pair[0][1:] in found]
        if "!--" in found:
            present.append(("<!--", "-->"))
        return tuple(present)

    return doc.memo("spam.code-openers", compute)


def hidden_spans(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint spans that are not running text: tags, comments, code and URLs."""
    return doc.memo("spam.hidden-spans", _hidden_spans)


# What every hidden span of the body holds: a tag's or an autolink's "<", code's "`" or "~~~", a
# Markdown link's "](", a bare URL's "://", "www." or "WWW." (the markers scrapelint.markup.find_urls
# searches for).
_HIDDEN_SPAN_MARKS = ("<", "`", "~~~", "](", "://", "www.", "WWW.")


def _hidden_spans(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    body_start = doc.body_start
    if not any(holds(text, mark, body_start) for mark in _HIDDEN_SPAN_MARKS):
        # Plain text: no tags to tokenize, no code, and no URL to look for.
        return []
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


def covers(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def running_text_hits(doc: Document, hits: list) -> list:
    """The hits (sorted, with ``start`` and ``end``) that lie in running text, in one sweep over the
    document's hidden spans."""
    spans = hidden_spans(doc)
    if not spans:
        return list(hits)  # plain text: every hit is read
    kept = []
    index = 0
    for hit in hits:
        while index < len(spans) and spans[index][1] <= hit.start:
            index += 1
        if index < len(spans) and spans[index][0] < hit.end:
            continue
        kept.append(hit)
    return kept


# scrapelint.markup's grammar for a tag (a name, then attributes up to ">": no "<" inside, quoted values
# may hold ">"): a block-level start or end tag, and what hides the "<" after it from being a tag.
_TAG_REST = r"(?=[\s/>])([^<>\"']*(?:(?:\"[^<\"]*\"|'[^<']*')[^<>\"']*)*)>"
_BLOCK_TAG = LazyPattern(rf"</?(?ai:{'|'.join(sorted(BLOCK_ELEMENTS, key=len, reverse=True))}){_TAG_REST}")
_HIDING = LazyPattern(rf"<(?:!--|!\[CDATA\[|((?ai:{'|'.join(sorted(RAW_TEXT_ELEMENTS))})){_TAG_REST})")


def opaque_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Where a "<" opens no tag when text[start:end] is tokenized: comments, CDATA sections and the
    content of raw-text elements (a script...), found as scrapelint.markup.tokenize finds them, sorted."""
    text = doc.text
    last_close = text.rfind(">", start, end)
    end = last_close + 1 if last_close >= 0 else start
    spans = []
    position = start
    while True:
        # Every "<" before this match is a tag or nothing, neither of which holds a "<": so the match
        # is where the tokenizer would be too.
        match = _HIDING.search(text, position, end)
        if match is None:
            return spans
        name = match.group(1)
        if name is None:  # a comment or a CDATA section, to its terminator
            close = text.find("-->" if text.startswith("<!--", match.start()) else "]]>", match.end(), end)
            position = end if close < 0 else close + 3
            spans.append((match.start(), position))
        elif not match.group(2).endswith("/"):  # raw text, to its end tag (which is a tag)
            closing = raw_text_end(name.lower()).search(text, match.end(), end)
            spans.append((match.end(), end if closing is None else closing.start()))
            position = end if closing is None else closing.start()
        else:
            position = match.end()


def block_bounds(doc: Document, offset: int) -> tuple[int, int]:
    """The block holding ``offset``: the line, cut at the block-level tags (p, div, li, br...) on it."""
    line_start, line_end = line_span(doc, offset)
    text = doc.text
    if text.find("<", line_start, line_end) < 0 or not doc.has_markup:
        return line_start, line_end
    if "tags" in doc.__dict__:  # tokenized whole already: its tags
        return _block_bounds_from_tags(doc, offset, line_start, line_end)
    # The block's edges are the nearest block-level tags on either side that are tags at all (not
    # in a comment or a script): no need to tokenize the whole line (a page of HTML on one line
    # is common).
    lines: dict[tuple[int, int], list[tuple[int, int]]] = doc.memo("spam.opaque", lambda d: {})
    opaque = lines.get((line_start, line_end))
    if opaque is None:
        opaque = lines[(line_start, line_end)] = opaque_spans(doc, line_start, line_end)
    start = line_start
    position = offset
    while True:
        opening = text.rfind("<", line_start, position)
        if opening < 0:
            break
        hidden = _span_holding(opaque, opening)
        if hidden is not None:
            position = hidden[0]
            continue
        tag = _BLOCK_TAG.match(text, opening, offset)
        if tag is not None:
            start = tag.end()
            break
        position = opening
    position = offset
    while True:
        tag = _BLOCK_TAG.search(text, position, line_end)
        if tag is None:
            return start, line_end
        hidden = _span_holding(opaque, tag.start())
        if hidden is None:
            return start, tag.start()
        position = hidden[1]


def _span_holding(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, disjoint) that holds ``offset``, if one does."""
    index = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return spans[index] if index >= 0 and offset < spans[index][1] else None


def body_opaque_spans(doc: Document) -> list[tuple[int, int]]:
    """``opaque_spans`` of the whole body, as ``doc.tags`` tokenizes it. Shared."""
    return doc.memo("spam.body-opaque", lambda d: opaque_spans(d, d.body_start, len(d.text)))


def is_tag_position(doc: Document, offset: int) -> bool:
    """Whether a "<" at ``offset`` would open a tag of ``doc.tags`` if one is written there: not in a
    comment or raw text, nor, in a Markdown file, in code."""
    if _span_holding(body_opaque_spans(doc), offset) is not None:
        return False
    return not (doc.is_markdown and in_markdown_code(doc, offset))


@functools.cache
def _element_tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?)(?ai:{re.escape(name)}){_TAG_REST}")


def closing_tag(doc: Document, name: str, start: int) -> tuple[int, int] | None:
    """The span of the end tag closing the ``name`` element whose start tag ends at ``start`` (nesting
    respected), as ``scrapelint.markup.matching_end`` finds it in ``doc.tags``: the tags of that name
    that are tags at all, found without tokenizing the others."""
    depth = 0
    for tag in _element_tags(name).finditer(doc.text, start):
        if not is_tag_position(doc, tag.start()):
            continue
        if tag.group(1):
            if depth == 0:
                return tag.span()
            depth -= 1
        elif not tag.group(2).endswith("/"):
            depth += 1
    return None


def _block_bounds_from_tags(doc: Document, offset: int, line_start: int, line_end: int) -> tuple[int, int]:
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


# Scripts, styles, comments, tags, Markdown link targets and URLs. Each branch opens with a literal, and
# only the scheme and the element names ignore case, so that the search skips to the characters that
# can start a match ("<", "]", "h", "H") instead of trying every branch at every character.
_STRIPPED = LazyPattern(
    r"<(?i:(script|style))\b[^>]*>.*?</(?i:\1)\s*>|<!--.*?-->|<[^>]*>|\]\([^)\s]*\)"
    r"|h(?i:ttps?://)\S+|H(?i:ttps?://)\S+",
    re.S,
)


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
        chunk = text[position:chunk_end]
        # Every stretch _STRIPPED removes holds "<", "](" or "://": a chunk without them (plain text)
        # needs no substitution, only its blanks dropped.
        if "<" in chunk or holds(chunk, "](") or holds(chunk, "://"):
            chunk = _STRIPPED.sub(" ", chunk)
        count += len("".join(chunk.split()))
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


def local_urls(doc: Document, start: int, end: int) -> list[Url]:
    """The URLs of text[start:end]: from ``doc.urls`` when something found them already, else found in
    the stretch alone (its own tags and links), which is what judging a block or an element needs."""
    urls = doc.__dict__.get("urls")  # Document.urls is a cached property: use it only when it exists
    if urls is not None:
        return [url for url in urls if start <= url.start and url.end <= end]
    from scrapelint.markup import find_urls, tokenize

    tags = tokenize(doc.text, start, end) if doc.has_markup else []  # with attributes: href, src...
    return [url for url in find_urls(doc.text, tags, start, end) if url.end <= end]


def external_link_hosts(doc: Document, start: int, end: int) -> list[str]:
    """Hosts, other than the article's own, that links (href, Markdown links) in text[start:end] point to."""
    hosts: list[str] = []
    for url in local_urls(doc, start, end):
        if url.context == "attribute" and url.attribute != "href":
            continue
        host = _host(url.url) if url.url.lower().startswith(("http://", "https://", "//")) else None
        if host and host not in hosts and not _is_own_host(doc, host):
            hosts.append(host)
    return hosts


def _is_own_host(doc: Document, host: str) -> bool:
    if "front_matter" not in doc.__dict__:
        # A field naming the host writes it in the block: a host the block does not hold is not the
        # article's own, and the block need not be parsed to say so.
        block = doc.memo("spam.front-matter-lowered", lambda d: d.text[: d.body_start].lower())
        if host not in block:
            return False
    return host in own_hosts(doc)


# Every branch opens with one of the characters in the lookahead: the substitution rejects other
# places with one character test instead of trying each branch (twice as fast on a line of prose).
_MARKDOWN_SYNTAX = LazyPattern(r"(?=[!\[\]*_#>\\])(?:!?\[|\]\(\s*\)|\]|[*_]{2,}|^#{1,6}\s|^>\s?|\\$)", re.M)
_WWW = LazyPattern(r"www\.", re.IGNORECASE)


def _may_hold_markdown(shown: str) -> bool:
    """Whether ``shown`` holds a character that every piece of _MARKDOWN_SYNTAX holds. Asked one
    character at a time: a search for one character runs at memory speed, where a character class
    tries every position (8 µs for a 600-character run of spam)."""
    return "[" in shown or "]" in shown or "*" in shown or "_" in shown or "#" in shown or ">" in shown or "\\" in shown


def reader_text(doc: Document, start: int, end: int) -> str:
    """What a reader reads of text[start:end]: without tags, comments, code, URLs and link syntax.

    Computed on the stretch alone (its own tags and URLs), so that judging a block costs the block."""
    text = doc.text
    tags = local_tags(doc, start, end)
    spans = [(tag.start, tag.end) for tag in tags]
    if text.find("`", start, end) >= 0:
        spans.extend(match.span() for match in _INLINE_CODE.finditer(text, start, end))
    if (
        text.find("://", start, end) >= 0
        or text.find("](", start, end) >= 0
        # A case-insensitive pattern tries every position: the "." it needs is looked for first.
        or (text.find(".", start, end) >= 0 and _WWW.search(text, start, end) is not None)
    ):
        from scrapelint.markup import find_urls

        # Found in the stretch (and the character before it, which decides whether a bare URL starts
        # there) rather than in the whole text, which find_urls searches for "](" and "<" first. The
        # stretch's tags are left out: a URL inside one is removed with it.
        before = 1 if start > 0 else 0
        shift = start - before
        spans.extend(
            (url.start + shift, url.end + shift) for url in find_urls(text[shift:end], [], before, end - shift)
        )
    if tags:
        from scrapelint.markup import matching_end

        for tag_index, tag in enumerate(tags):
            if tag.kind == "start" and tag.name in CODE_ELEMENTS and not tag.self_closing:
                closing = matching_end(tags, tag_index)
                spans.append((tag.end, tags[closing].start if closing is not None else end))
    if spans:
        pieces = []
        position = start
        for span_start, span_end in _merged(spans):
            if span_start > position:
                pieces.append(text[position:span_start])
            pieces.append(" ")
            position = max(position, span_end)
        if position < end:
            pieces.append(text[position:end])
        shown = "".join(pieces)
    else:
        shown = text[start:end]
    # Most text holds no character of link syntax, and looking for them is far quicker than the
    # substitution.
    return _MARKDOWN_SYNTAX.sub(" ", shown) if _may_hold_markdown(shown) else shown

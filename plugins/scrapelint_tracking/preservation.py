"""The content-preservation check: a tracking fix must leave the article's text exactly as it was.

The article text is the text a reader sees in the paragraphs, headings, list items and captions, in
order (``p``, ``h1``-``h6``, ``li``, ``dt``, ``dd``, ``figcaption``, ``caption``), plus the text outside
any element, which in Markdown is its paragraphs, split at blank lines. Text inside ``script``, ``style``,
``noscript``, ``template``, ``iframe`` and the like, and inside elements hidden by a ``hidden`` attribute
or a hiding style, is not seen and not compared. Whitespace runs compare equal.

A rule computes its fix, applies it to a copy of the text (``scrapelint.fixes.apply_edits``), and
compares the article text before and after with BeautifulSoup. Parsing costs about a millisecond, so
it is done only for the fixes that could change the text: a fix that only deletes a comment, an
attribute that hides nothing, an invisible element or an image, or rewrites a URL inside an
attribute, touches nothing a reader sees, and ``could_change_text`` says so without parsing; nor can
removing a hiding style from an element that holds nothing (``holds_nothing``). The text before is
read from the engine's tree of the body (``Document.html_tree``, the same parse). When the edits only
delete style attributes, the text after is read from that same tree, with those elements taken as
unstyled, instead of parsing the fixed text: one parse per document rather than one per question. The
tests check both shortcuts against the full comparison on the seeds and the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from scrapelint.patterns import LazyPattern
from scrapelint_tracking.inventory import VOID_ELEMENTS, Inventory, inventory
from scrapelint_tracking.removal import deletes_cleanly, located_later
from scrapelint_tracking.styles import hiding_declarations

if TYPE_CHECKING:
    from scrapelint.document import Document
    from scrapelint.findings import Applicability, Edit, Fix
    from scrapelint.markup import Attribute, Tag
    from scrapelint.rules import Rule

CONTENT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "caption"})
UNSEEN_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "noembed", "noframes"}
)
_PARAGRAPH_BREAK = LazyPattern(r"\n[ \t\r]*\n")
# Markdown images are not text, and a Markdown link reads as its text.
_MARKDOWN_IMAGE = LazyPattern(r"!\[[^\[\]\n]*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
_MARKDOWN_LINK = LazyPattern(r"\[([^\[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
_URL_TAIL = LazyPattern(r"((?:https?://|www\.)[^\s?#<>\"']*)[?#][^\s<>\"']*", re.IGNORECASE)


class TextChange:
    """Where the article text would change: the first block that differs, before and after.

    (A plain class: a dataclass costs a millisecond to define, at every start-up.)
    """

    __slots__ = ("index", "before", "after")

    def __init__(self, index: int, before: str, after: str) -> None:
        self.index = index
        self.before = before
        self.after = after

    def describe(self, limit: int = 60) -> str:
        """The part that differs, with the text around it trimmed."""
        before, after = self.before, self.after
        prefix = 0
        while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
            suffix += 1
        removed = before[prefix : len(before) - suffix].strip()
        added = after[prefix : len(after) - suffix].strip()

        def clip(value: str) -> str:
            return value if len(value) <= limit else value[: limit - 1] + "…"

        if not removed:
            return f"it would reveal text a reader does not see now: '{clip(added)}'"
        if not added:
            return f"it would remove article text: '{clip(removed)}'"
        return f"it would change article text '{clip(removed)}' into '{clip(added)}'"

    def as_data(self) -> dict[str, object]:
        return {"block": self.index, "before": self.before, "after": self.after}


def _hidden(element: Any, revealed: frozenset[int]) -> bool:  # a bs4 Tag
    if element.name in UNSEEN_ELEMENTS:
        return True
    attributes = element.attrs
    if "hidden" in attributes:
        return True
    if id(element) in revealed:
        return False  # read as if its style attribute were gone
    style = attributes.get("style")
    return bool(style) and bool(hiding_declarations(style if isinstance(style, str) else " ".join(style)))


def article_text(markup: str) -> tuple[str, ...]:
    """The article's text blocks, in order, whitespace-normalised (see the module docstring)."""
    from bs4 import BeautifulSoup

    return tree_text(BeautifulSoup(markup, "html.parser"))


def tree_text(soup: Any, revealed: frozenset[int] = frozenset()) -> tuple[str, ...]:
    """``article_text`` of a BeautifulSoup tree, reading the elements whose ``id()`` is in ``revealed`` as if
    they had no style attribute."""
    from bs4.element import NavigableString, PreformattedString, Tag

    blocks: list[list[str]] = []
    loose: list[str] = []  # text outside every block, split into paragraphs at the end

    def flush_loose() -> None:
        if loose:
            for paragraph in _PARAGRAPH_BREAK.split("".join(loose)):
                blocks.append([paragraph])
            loose.clear()

    # Iterative walk (scraped markup nests deeply): (node, inside a block).
    stack: list[tuple[object, list[str] | None]] = [(child, None) for child in reversed(soup.contents)]
    while stack:
        node, block = stack.pop()
        if isinstance(node, Tag):
            if _hidden(node, revealed):
                continue
            if node.name in CONTENT_BLOCKS:
                if block is None:
                    flush_loose()
                block = []
                blocks.append(block)
            stack.extend((child, block) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            (loose if block is None else block).append(str(node))
    flush_loose()
    normalised = (" ".join(_readable("".join(block)).split()) for block in blocks)
    return tuple(text for text in normalised if text)


def _readable(text: str) -> str:
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", _MARKDOWN_IMAGE.sub("", text))
    return text


def _article_text_of(doc: Document) -> tuple[str, ...]:
    # The engine's tree of the body is the same parse (html.parser, same text), shared with any rule that
    # needs structure; a body without markup has none, and is parsed here for its entities.
    tree = doc.html_tree
    return tree_text(tree) if tree is not None else article_text(doc.body)


def without_url_tails(blocks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_URL_TAIL.sub(r"\1", block) for block in blocks)


def text_change(doc: Document, edits: Iterable[Edit], *, ignore_url_tails: bool = False) -> TextChange | None:
    """How applying ``edits`` would change the article text, or None when it would not.

    ``ignore_url_tails`` compares URLs in the text without their query and fragment: for a fix whose
    purpose is to rewrite a URL a reader sees (a bare URL), that rewrite is not a change of content.
    The answer is kept per document: a rule may ask twice about the same edits (TR007 asks about all
    its hiding styles at once, then about each, which is the same question when there is one), and
    each question costs a parse.
    """
    edits = tuple(edits)
    answers = doc.memo("tracking.text_changes", _no_answers)
    key = (tuple((edit.start, edit.end, edit.content) for edit in edits), ignore_url_tails)
    if key not in answers:
        answers[key] = _text_change(doc, edits, ignore_url_tails)
    return answers[key]


def _no_answers(doc: Document) -> dict[tuple[tuple[tuple[int, int, str], ...], bool], TextChange | None]:
    return {}


def _text_change(doc: Document, edits: tuple[Edit, ...], ignore_url_tails: bool) -> TextChange | None:
    from scrapelint.fixes import apply_edits  # only when a fix has to be checked

    before = doc.memo("tracking.article_text", _article_text_of)
    revealed = _revealed_elements(doc, edits)
    if revealed is not None:
        after = tree_text(doc.html_tree, revealed)
    else:
        after = article_text(apply_edits(doc.text, edits)[doc.body_start :])
    if ignore_url_tails:
        before, after = without_url_tails(before), without_url_tails(after)
    return difference(before, after)


def difference(before: tuple[str, ...], after: tuple[str, ...]) -> TextChange | None:
    """Where two article texts (their blocks) differ, or None when they do not."""
    if before == after:
        return None
    index = next((i for i, (old, new) in enumerate(zip(before, after, strict=False)) if old != new), None)
    if index is None:
        index = min(len(before), len(after))
    # Whole blocks shown or hidden (a revealed label between two paragraphs) shift every block after
    # them: compared pairwise they would read as one block changed into another. When the rest lines
    # up again after blocks only added, or only taken away, the change is those blocks.
    rest = 0  # blocks alike at the end, after the first difference
    while rest < min(len(before), len(after)) - index and before[-1 - rest] == after[-1 - rest]:
        rest += 1
    if index in (len(before) - rest, len(after) - rest):
        return TextChange(
            index, " ".join(before[index : len(before) - rest]), " ".join(after[index : len(after) - rest])
        )
    return TextChange(index, before[index] if index < len(before) else "", after[index] if index < len(after) else "")


def _revealed_elements(doc: Document, edits: tuple[Edit, ...]) -> frozenset[int] | None:
    """The tree elements whose style attribute the edits delete, when deleting those attributes is all the
    edits do; else None.

    Deleting an attribute changes no other token of the markup, so parsing the edited text would give the
    same tree less those attributes: the tree already parsed is read again instead (a walk costs a tenth
    of a parse). Each element is matched to its tag by source position and must carry the very attributes
    the tokenizer saw; on any doubt the edited text is parsed.
    """
    if doc.html_tree is None:
        return None  # a body without markup: no tree to read again
    styles = doc.memo("tracking.style_attributes", _style_attributes)
    revealed = set()
    for edit in edits:
        found = styles.get((edit.start, edit.end))
        if found is None or edit.content:
            return None
        tag, attribute = found
        element = _tree_element(doc, tag)
        if element is None or not _same_element(doc.text, element, tag, attribute):
            return None
        revealed.add(id(element))
    return frozenset(revealed)


def _style_attributes(doc: Document) -> dict[tuple[int, int], tuple[Tag, Attribute]]:
    """The style attributes of the inventory, by span: the edits that remove one delete exactly that span."""
    inv = inventory(doc)
    return {
        (attribute.start, attribute.end): (inv.tags[index], attribute)
        for index, attribute in inv.attributes
        if attribute.name == "style"
    }


def _tree_element(doc: Document, tag: Tag) -> Any:  # a bs4 Tag, or None
    """The element of ``doc.html_tree`` that ``tag`` starts, found by line and column (html.parser's count)."""
    elements = doc.memo("tracking.tree_elements", _tree_elements_by_position)
    text, body_start = doc.text, doc.body_start
    line = text.count("\n", body_start, tag.start) + 1
    column = tag.start - (text.rfind("\n", body_start, tag.start) + 1 or body_start)
    return elements.get((line, column))


def _tree_elements_by_position(doc: Document) -> dict[tuple[int, int], Any]:
    return {(element.sourceline, element.sourcepos): element for element in doc.html_tree.find_all(True)}


def _same_element(text: str, element: Any, tag: Tag, attribute: Attribute) -> bool:
    """Whether the parser read ``tag`` as the tokenizer did: same name, same attributes, this one style."""
    names = [each.name for each in tag.attributes]
    return (
        element.name == tag.name
        and names.count("style") == 1
        and set(element.attrs) == set(names)
        and element.attrs["style"] == attribute.value
        and deletes_cleanly(text, attribute)
    )


def holds_nothing(inv: Inventory, index: int) -> bool:
    """Whether the element that tags[index] starts has no content at all and is no text block, so that
    showing it can change no article text: a void element (<img>, <input>...), or one whose end tag
    follows its start tag at once (not even whitespace between, which would be text).

    (A self-closing '<div .../>' does not count: html.parser reads '<div style=a/>' as an open tag.)
    """
    tags = inv.tags
    tag = tags[index]
    if tag.name in CONTENT_BLOCKS:
        return False  # an empty block still splits the loose text around it into paragraphs
    if tag.name in VOID_ELEMENTS:
        return True
    if index + 1 >= len(tags):
        return False
    following = tags[index + 1]
    return following.kind == "end" and following.name == tag.name and following.start == tag.end


def spans_visible_text(doc: Document, start: int, end: int) -> bool:
    """Whether text[start:end] holds any text the tokenizer sees as visible (outside tags and comments)."""
    text = doc.text
    for span_start, span_end in doc.visible_spans:
        if span_end <= start:
            continue
        if span_start >= end:
            break
        if text[max(span_start, start) : min(span_end, end)].strip():
            return True
    return False


def guarded_fix(
    rule: Rule,
    doc: Document,
    message: str,
    edits: list[Edit],
    *,
    could_change_text: bool,
    ignore_url_tails: bool = False,
    applicability: Applicability | None = None,
) -> tuple[Fix | None, TextChange | None]:
    """The rule's fix made of ``edits``, or (None, the change) when it would change the article text.

    ``could_change_text`` is the rule's judgement that the edits might reach text a reader sees; only
    then is the comparison made (see the module docstring).
    """
    if could_change_text:
        change = text_change(doc, edits, ignore_url_tails=ignore_url_tails)
        if change is not None:
            return None, change
    return located_later(message, applicability or rule.fix_applicability, *edits), None


def withheld_message(message: str, change: TextChange) -> str:
    return f"{message} (fix withheld: {change.describe()})"

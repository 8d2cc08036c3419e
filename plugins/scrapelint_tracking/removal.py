"""The exact edits that remove a span of markup, and the line it leaves blank, or an attribute.

A comment or an element that stands alone on its line (whitespace around it at most) goes with its
whole line, line break included. One exception keeps Markdown's structure: when the lines above and
below are both text that a blank line would not separate anyway, deleting the line between them
would join two paragraphs into one, so the line is emptied instead of deleted.

An attribute goes with the whitespace before it, unless that would glue its neighbours together
(``attribute_deletion``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapelint.findings import Applicability, Edit, Fix
from scrapelint.patterns import LazyPattern

if TYPE_CHECKING:
    from scrapelint.document import Document
    from scrapelint.markup import Attribute

# A line that starts a CommonMark HTML block of kind 1 or 6: such a block ends a paragraph by itself.
_BLOCK_LINE = LazyPattern(
    r"[ \t]*</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    r"dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|pre|script|search|"
    r"section|style|summary|table|tbody|td|textarea|tfoot|th|thead|title|tr|track|ul)(?=[\s/>]|$)",
    re.IGNORECASE,
)


def _line(text: str, start: int, end: int) -> str:
    return text[start:end].strip("\r\n")


def _separates(line: str | None) -> bool:
    """Whether this neighbouring line keeps paragraphs apart on its own (no line, a blank, a block tag)."""
    if line is None or not line.strip():
        return True
    # The pattern starts with [ \t]*<, so a line that does not is no block tag: most neighbours are text.
    return line.lstrip(" \t").startswith("<") and _BLOCK_LINE.match(line) is not None


def removal(text: str, body_start: int, start: int, end: int, *, markdown: bool) -> Edit:
    """The edit that removes text[start:end], with its line when nothing else is on that line (a Markdown
    body starts at ``body_start``: the line before it is no paragraph)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    content_end = line_end - 1 if line_end > 0 and text[line_end - 1] == "\r" and line_end - 1 >= end else line_end
    if text[line_start:start].strip() or text[end:content_end].strip():
        return Edit(start, end)
    with_break = line_end + 1 if line_end < len(text) else line_end
    if (
        markdown
        and not _separates(_previous_line(text, body_start, line_start))
        and not _separates(_next_line(text, with_break))
    ):
        return Edit(line_start, content_end)
    return Edit(line_start, with_break)


def removal_fix(
    message: str,
    doc: Document,
    start: int,
    end: int,
    *,
    markdown: bool,
    applicability: Applicability = Applicability.SAFE,
) -> Fix:
    """A fix that removes text[start:end] (see ``removal``), its edit worked out only when someone needs it.

    Such a fix always exists, and most reports only name it (the terminal's): looking at the lines around
    the span, and locating the edit's rows, is then work for --fix, --diff and the formats that show edits.
    """
    # The edit is worked out from the text alone: a finding kept after the run must not keep the Document,
    # views and all, alive.
    text, body_start = doc.text, doc.body_start
    return Fix.deferred(message, applicability, lambda: (removal(text, body_start, start, end, markdown=markdown),))


def located_later(message: str, applicability: Applicability, *edits: Edit) -> Fix:
    """A fix whose edits are known already, handed over as a deferred one (``Fix.deferred``).

    The engine locates (rows and columns) the edits of every fix that is not pending, and only --fix,
    --diff and the formats that show edits read them: a report that only names the fix skips that work.
    """
    return Fix.deferred(message, applicability, lambda: edits)


def _previous_line(text: str, body_start: int, line_start: int) -> str | None:
    """The line before the one starting at ``line_start``; None at the start of the body."""
    if line_start <= body_start:
        return None
    return _line(text, text.rfind("\n", 0, line_start - 1) + 1, line_start)


def _next_line(text: str, start: int) -> str | None:
    """The line starting at ``start``; None at the end of the text."""
    if start >= len(text):
        return None
    end = text.find("\n", start)
    return _line(text, start, len(text) if end < 0 else end)


# Why an attribute whose value runs into the rest of its tag gets no fix (a finding's message says it).
BROKEN_VALUE = "no fix: its value runs into the rest of the tag, unescaped quotes in it"
# Another attribute, written right after a quoted value with no space between: with its value, running
# cleanly to the next separator ('"a"data-b="c" '), or a bare name that ends the tag ('"a"hidden>'). A
# bare word before a space is no evidence: in 'data-x="Watch "The Crown" trailer"' "The" is the rest
# of a broken value.
_NEXT_ATTRIBUTE = LazyPattern(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)(?=[\s/>])|\s*/?>)""")


def attribute_deletion(text: str, attribute: Attribute) -> Edit | None:
    """The edit that removes ``attribute`` from its tag and leaves the tag's other tokens apart.

    Usually the attribute and the whitespace before it; when another attribute and its value follow
    with no space between, the attribute alone (the whitespace before it then keeps the two apart).
    None when what follows may be the rest of a value broken by unescaped quotes ('data-x="{"a": 1}"'):
    deleting the attribute would leave that debris glued to the tag.
    """
    start = _deletion_start(text, attribute)
    return None if start is None else Edit.delete(start, attribute.end)


def attribute_fix(message: str, text: str, attribute: Attribute) -> Fix | None:
    """The safe fix that removes ``attribute`` (``attribute_deletion``), or None when it gets none; its edit
    is made only when someone needs it (see ``located_later``)."""
    start = _deletion_start(text, attribute)
    if start is None:
        return None
    end = attribute.end
    return Fix.deferred(message, Applicability.SAFE, lambda: (Edit.delete(start, end),))


def _deletion_start(text: str, attribute: Attribute) -> int | None:
    """Where ``attribute_deletion``'s edit starts: before the whitespace, after it, or None (no edit)."""
    if deletes_cleanly(text, attribute):
        return attribute.start
    if _NEXT_ATTRIBUTE.match(text, attribute.end):
        return attribute.name_start
    return None


def deletes_cleanly(text: str, attribute: Attribute) -> bool:
    """Whether deleting the attribute leaves the tag's other tokens apart: not '<p style="x"hidden>',
    which would become '<phidden>'."""
    return text[attribute.end : attribute.end + 1] in _TAG_SEPARATORS


_TAG_SEPARATORS = frozenset(" \t\n\r\f/>")

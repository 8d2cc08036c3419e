from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding, Severity
from scrapelint.rules import FixAvailability, Rule
from scrapelint_tracking.inventory import Inventory, element_span, inventory
from scrapelint_tracking.preservation import (
    guarded_fix,
    holds_nothing,
    text_change,
    withheld_message,
)
from scrapelint_tracking.removal import BROKEN_VALUE, attribute_deletion, deletes_cleanly
from scrapelint_tracking.styles import hiding_declarations


class InlineStyle(Rule):
    """
    ## What it does
    Finds inline `style` attributes on the article's elements (`<p style="text-align:center">`,
    `<div style="float: left">`, `<p style="display:none">`). Elements inside `<svg>` and `<math>`,
    where styles draw the figure, and anything inside Markdown code are left alone.

    ## Why is this bad?
    Inline styles are the source site's presentation, frozen into the copy: they fight the mirror's
    own stylesheet, and a style that hides its element keeps text in the file that no reader sees,
    which is how injected spam and keyword stuffing hide.

    ## Example
    ```html
    <p style="text-align:center;font-size:14px">Text.</p>
    ```

    Use instead:
    ```html
    <p>Text.</p>
    ```

    ## Fix
    Safe: removes the attribute with the whitespace before it. That changes how the element looks,
    never what it says, except when the style hides the element (`display:none`, `visibility:hidden`,
    a zero-sized box with hidden overflow, text moved off screen...): then the fix goes through the
    content-preservation check, and when the element holds text, removing the style would reveal it,
    so the fix is withheld and the message says so (hidden text is a matter for the spam rules). Since
    fixes are applied together, a hiding style nested with another one is not removed either when
    removing both would reveal text. No fix is offered for a style whose value runs straight into more
    of the tag (unescaped quotes in it): removing it alone would glue the rest to the attribute before.

    ## Options
    None.
    """

    code = "TR007"
    name = "inline-style-attribute"
    summary = "An inline style attribute from the source site"
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        styles = [(index, attribute) for index, attribute in inv.attributes if attribute.name == "style"]
        if not styles:
            return
        hiding_of = {index: hiding_declarations(a.value) if a.value else [] for index, a in styles}
        hidden = [index for index, hiding in hiding_of.items() if hiding]
        # A hiding style on an element that holds nothing (an empty <div>, an <input>) hides nothing: only
        # the others could reveal text, and only they are checked.
        revealing = [index for index in hidden if not _shows_nothing(doc.text, inv, index)]
        # Fixes are applied together, so two hiding styles could reveal, together, text that each alone
        # does not (a hidden <p> in a hidden <div>). Removing every hiding style at once settles it for all
        # when nothing shows; otherwise each is checked alone, and one nested with another is not fixed.
        removals = [edit for edit in (_removal(doc.text, inv, index) for index in revealing) if edit is not None]
        all_safe = not removals or text_change(doc, removals) is None
        nested = set() if all_safe else _nested(inv, hidden)
        for index, attribute in styles:
            tag = inv.tags[index]
            value = attribute.value or ""
            hiding = hiding_of[index]
            message = f"Inline style on <{tag.name}>"
            if hiding:
                message += f" hides the element ({', '.join(hiding)})"
            data: dict[str, object] = {"element": tag.name, "style": value, "hiding": hiding}
            edit = attribute_deletion(doc.text, attribute)
            if edit is None:
                yield self.finding(
                    attribute.name_start, attribute.end, f"{message} ({BROKEN_VALUE})", fix=None, data=data
                )
                continue
            fix, change = guarded_fix(
                self,
                doc,
                "Remove the style attribute",
                [edit],
                could_change_text=not all_safe and index in revealing,
            )
            if change is not None:
                message = withheld_message(message, change)
                data["fix_withheld"] = change.as_data()
            elif index in nested:
                fix = None
                message += (
                    " (fix withheld: another hiding style is nested with it, and removing both would reveal text)"
                )
                data["fix_withheld"] = {"nested_with_hiding_style": True}
            yield self.finding(attribute.name_start, attribute.end, message, fix=fix, data=data)


def _removal(text: str, inv: Inventory, index: int) -> Edit | None:
    """The fix's edit for the element's style attribute (None: it gets no fix, see attribute_deletion)."""
    attribute = inv.tags[index].attribute("style")
    assert attribute is not None
    return attribute_deletion(text, attribute)


def _shows_nothing(text: str, inv: Inventory, index: int) -> bool:
    """Whether removing the element's style can show nothing: the element holds nothing, and deleting
    its style attributes leaves its tag as it was otherwise."""
    styles = [attribute for attribute in inv.tags[index].attributes if attribute.name == "style"]
    return holds_nothing(inv, index) and all(deletes_cleanly(text, attribute) for attribute in styles)


def _nested(inv: Inventory, hidden: list[int]) -> set[int]:
    """The hiding-styled elements that contain, or lie inside, another hiding-styled element."""
    # An element without an end tag reaches to the end of the markup.
    spans = {index: element_span(inv, index) or (inv.tags[index].start, inv.tags[-1].end) for index in hidden}
    nested = set()
    for outer, (start, end) in spans.items():
        for inner in hidden:
            if inner != outer and start < inv.tags[inner].start < end:
                nested.update((outer, inner))
    return nested

from __future__ import annotations

import re
from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Rule
from scrapelint_tracking.inventory import Inventory, element_span, inventory, is_markdown
from scrapelint_tracking.removal import removal_fix

# CSS braces written as character references, as CMS templates escape them: &#123; &#x7b; &lbrace;
_ESCAPED_OPEN = r"(?:&#0*123;|&#x0*7b;|&lbrace;|&lcub;)"
_ESCAPED_CLOSE = r"(?:&#0*125;|&#x0*7d;|&rbrace;|&rcub;)"
_ESCAPED_OPEN_BRACE = LazyPattern(_ESCAPED_OPEN, re.IGNORECASE)
_ESCAPED_BRACE = LazyPattern(f"{_ESCAPED_OPEN}|{_ESCAPED_CLOSE}", re.IGNORECASE)
# A CSS rule whose braces are escaped, standing in the article's text: selector&#123;prop:value;&#125;
_ESCAPED_RULE = LazyPattern(
    rf"[.#]?[A-Za-z_][\w.#>:\[\]=\"' ,-]*?\s*{_ESCAPED_OPEN}\s*[-A-Za-z]+\s*:[^<]*?{_ESCAPED_CLOSE}",
    re.IGNORECASE,
)


class StyleBlock(Rule):
    """
    ## What it does
    Finds `<style>` elements in an article body, such as the CSS of a publisher's QR-code footer that
    a scraper copied along (often with its braces escaped as `&#123;` and `&#125;`, so that it would
    not even work), and CSS rules left as text once the `<style>` tags were lost
    (`.appendQr_wrap&#123;border:1px solid #E6E6E6;&#125;` in a paragraph).

    ## Why is this bad?
    The CSS styles the source site's widgets, not the article: republished, it restyles the mirror's
    page or, escaped, does nothing at all. CSS left as text is shown to readers as gibberish.

    ## Example
    ```html
    <style>
    .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
    </style>
    <div class="appendQr_wrap">...</div>
    ```

    Use instead:
    ```html
    <div class="appendQr_wrap">...</div>
    ```

    ## Fix
    Safe for a `<style>` element: removes it from `<style>` to `</style>`, with its line when nothing
    else is on it; what a `<style>` holds is never text a reader sees. CSS left as text is reported
    without a fix: it is text a reader sees, so removing it would change the article text, and the
    content-preservation check does not let a tracking fix do that.

    ## Options
    None.
    """

    code = "TR006"
    name = "leftover-style-block"
    summary = "A <style> block, or CSS left as text, in the article"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        text = doc.text
        for index in inv.elements.get("style", ()):
            tag = inv.tags[index]
            span = element_span(inv, index)
            if span is None:
                yield self.finding(
                    tag.start, tag.end, "<style> left in the article (no end tag, so no fix)", data={"closed": False}
                )
                continue
            start, end = span
            css = text[tag.end : inv.tags[index + 1].start]
            escaped = bool(_ESCAPED_BRACE.search(css))
            note = " (its CSS braces are escaped as character references)" if escaped else ""
            fix = removal_fix("Remove the <style> element", doc, start, end, markdown=is_markdown(doc))
            yield self.finding(
                start,
                end,
                f"<style> block left in the article{note}",
                fix=fix,
                data={"closed": True, "entity_escaped_css": escaped, "css_characters": len(css.strip())},
            )
        if "&" in text:
            yield from self._css_in_text(doc, inv)

    def _css_in_text(self, doc: Document, inv: Inventory) -> Iterator[Finding]:
        """CSS rules with escaped braces in visible text: looked for only around an escaped brace."""
        text = doc.text
        tags = inv.tags
        # The <style> elements' spans, in order: to the end tag that follows a closed one's start tag (the
        # tokenizer skips what a raw-text element holds), to the end of the text for an unclosed one.
        spans = [
            (tags[i].start, tags[i + 1].end if i + 1 < len(tags) else len(text)) for i in inv.elements.get("style", ())
        ]
        # Only the text around them is searched: an escaped brace holds no "<" or ">", so none starts before
        # a <style> and runs into it, or starts inside one and runs out of it.
        braces = []
        position = doc.body_start
        for start, end in [*spans, (len(text), len(text))]:
            braces.extend(match.start() for match in _ESCAPED_OPEN_BRACE.finditer(text, position, start))
            position = end
        if not braces:
            return  # every escaped brace is inside a <style> element
        reported_until = -1
        for span_start, span_end in doc.visible_spans:
            if not any(span_start <= brace < span_end for brace in braces):
                continue
            for match in _ESCAPED_RULE.finditer(text, span_start, span_end):
                if inv.in_code(match.start()) or match.start() < reported_until:
                    continue
                reported_until = match.end()
                start = match.start() + len(match.group()) - len(match.group().lstrip())
                yield self.finding(
                    start,
                    match.end(),
                    "CSS rule left as article text (no fix: removing text a reader sees is not a tracking fix)",
                    data={"css": text[start : match.end()], "entity_escaped_css": True},
                )

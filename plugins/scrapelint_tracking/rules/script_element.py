from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Applicability, Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_tracking.beacons import beacon_url, tiny_size
from scrapelint_tracking.inventory import element_span, inventory, is_markdown
from scrapelint_tracking.removal import removal_fix

# Script types that are content, not code: MathJax 2 keeps formulas in <script type="math/tex">.
CONTENT_SCRIPT_TYPES = ("math/",)
_IMAGE_SOURCE = LazyPattern(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_TAG = LazyPattern(r"<[^>]*>")


class ScriptElement(Rule):
    """
    ## What it does
    Finds `<script>` and `<noscript>` elements left in an article: analytics and ad loaders, share
    widgets, JSON-LD blocks, and the `<noscript>` fallbacks that carry their pixels. Scripts whose
    type marks them as content (`<script type="math/tex">`, MathJax's formulas) are not reported,
    and neither is anything inside Markdown code.

    ## Why is this bad?
    A scraped article is read as a static page: its scripts belong to the page it was taken from.
    Published again they run on the mirror's readers (tracking them, loading ads, or breaking the
    page), and feed readers and sanitisers strip them anyway.

    ## Example
    ```html
    <p>Text.</p>
    <script>(function(){var s=document.createElement('script');s.src='https://stats.example/t.js';})();</script>
    ```

    Use instead:
    ```html
    <p>Text.</p>
    ```

    ## Fix
    Safe: removes the element from its start tag to its end tag, and its line when nothing else is on
    it. A `<noscript>` that holds text or a real image (not a pixel) is what readers without
    JavaScript see, so removing it is unsafe. An element without an end tag is reported without a fix.

    ## Options
    - `elements` (list of strings, default `["script", "noscript"]`): which of the two to report.
    """

    code = "TR003"
    name = "leftover-script"
    summary = "A script or noscript element left in the article"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    options = {
        "elements": Option(list, ["script", "noscript"], "which elements to report", item_type=str),
    }

    def __init__(self, settings: Any = None) -> None:
        super().__init__(settings)
        wanted = {name.lower() for name in self.settings["elements"]}
        self._elements = tuple(name for name in ("script", "noscript") if name in wanted)

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        indices = [index for name in self._elements for index in inv.elements.get(name, ())]
        if not indices:
            return
        indices.sort()
        markdown = is_markdown(doc)
        covered_until = -1
        for index in indices:
            tag = inv.tags[index]
            if tag.start < covered_until:
                continue  # inside a <noscript> already reported
            if tag.name == "script":
                script_type = tag.attribute("type")
                if script_type is not None and (script_type.value or "").lower().startswith(CONTENT_SCRIPT_TYPES):
                    continue
            span = element_span(inv, index)
            if span is None:
                yield self.finding(
                    tag.start,
                    tag.end,
                    f"<{tag.name}> left in the article (no end tag, so no fix)",
                    data={"element": tag.name, "closed": False},
                )
                continue
            start, end = span
            covered_until = end
            applicability = Applicability.SAFE
            note = ""
            if tag.name == "noscript":
                reason = _noscript_content(doc.text[tag.end : end])
                if reason:
                    applicability = Applicability.UNSAFE
                    note = f" (it holds {reason}: unsafe fix)"
            fix = removal_fix(
                f"Remove the <{tag.name}> element", doc, start, end, markdown=markdown, applicability=applicability
            )
            source = tag.attribute("src")
            yield self.finding(
                start,
                end,
                f"<{tag.name}> element left in the article{note}",
                fix=fix,
                data={"element": tag.name, "src": source.value if source else None, "closed": True},
            )


def _noscript_content(inner: str) -> str:
    """What a reader without JavaScript would lose: text, or an image that is not a pixel; '' if nothing."""
    for match in _IMAGE_SOURCE.finditer(inner):
        url = match.group(1)
        tag_text = match.group(0)
        if beacon_url(url) is None and not _declares_tiny(tag_text):
            return "an image"
    if _TAG.sub("", inner).strip():
        return "text"
    return ""


def _declares_tiny(tag_text: str) -> bool:
    from scrapelint.markup import tokenize

    tags = tokenize(tag_text + ">") if not tag_text.endswith(">") else tokenize(tag_text)
    return bool(tags) and tiny_size(tags[0]) is not None

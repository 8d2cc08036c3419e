from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Finding, Severity
from scrapelint.rules import FixAvailability, Rule
from scrapelint_tracking.beacons import beacon_url, tiny_size
from scrapelint_tracking.inventory import element_span, inventory, is_markdown
from scrapelint_tracking.removal import removal_fix
from scrapelint_tracking.styles import hiding_declarations


class IframeElement(Rule):
    """
    ## What it does
    Finds `<iframe>` elements in an article: embedded players, podcast and social-media embeds, ad
    slots and tracking frames that came along with the scraped page (not inside Markdown code).

    ## Why is this bad?
    An iframe loads a third-party page inside the article: it tracks every reader of the copy,
    often shows ads, and breaks when the embedding site changes. Scraped articles carry many
    that nobody chose to republish.

    ## Example
    ```html
    <p>Listen to this story.</p>
    <iframe src="https://player.example.com/embed/123" width="100%" height="180"></iframe>
    ```

    Use instead:
    ```html
    <p>Listen to this story.</p>
    ```

    ## Fix
    Unsafe in general: the frame may be a video or podcast the article presents, so removing it
    changes what the article offers; run with `--unsafe-fixes` to remove it. Safe when the frame is
    plainly a tracker: 1x1 or 0x0 in size, hidden by its style, or loaded from a beacon or ad server.
    Removes the element and its line when nothing else is on it; an unclosed frame has no fix.

    ## Options
    None.
    """

    code = "TR004"
    name = "leftover-iframe"
    summary = "An iframe embed left in the article"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        for index in inv.elements.get("iframe", ()):
            tag = inv.tags[index]
            source = tag.attribute("src") or tag.attribute("data-src")
            url = source.value if source is not None and source.value else ""
            style = tag.attribute("style")
            tracker = (
                tiny_size(tag)
                or (beacon_url(url) if url else None)
                or (", ".join(hiding_declarations(style.value)) if style is not None and style.value else None)
            )
            data = {"src": url, "tracker": tracker or None}
            span = element_span(inv, index)
            if span is None:
                yield self.finding(
                    tag.start, tag.end, "<iframe> left in the article (no end tag, so no fix)", data=data
                )
                continue
            start, end = span
            applicability = Applicability.SAFE if tracker else Applicability.UNSAFE
            fix = removal_fix(
                "Remove the <iframe>", doc, start, end, markdown=is_markdown(doc), applicability=applicability
            )
            what = f"tracking <iframe> ({tracker})" if tracker else "<iframe> embed"
            yield self.finding(start, end, f"{what[0].upper()}{what[1:]} left in the article", fix=fix, data=data)

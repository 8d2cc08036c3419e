from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scrapelint.document import Document
from scrapelint.findings import Finding, Severity
from scrapelint.rules import FixAvailability, Rule
from scrapelint_tracking.beacons import beacon_url, tiny_size
from scrapelint_tracking.inventory import inventory, is_markdown
from scrapelint_tracking.markdown_images import markdown_images
from scrapelint_tracking.removal import removal_fix

if TYPE_CHECKING:
    from scrapelint.markup import Tag  # annotations only: Document.tags imports it when needed


class TrackingPixel(Rule):
    """
    ## What it does
    Finds tracking pixels and beacons: images that declare a 1x1 or 0x0 size (in `width`/`height`
    attributes or an inline style), images from known feed and analytics beacons (WordPress.com
    Stats `pixel.wp.com/b.gif`, FeedBurner's `~r` item beacon and `~ff` FeedFlare badges,
    WordPress.com feed comment-count badges, Feedsportal, Meta and Google Analytics pixels, Baidu
    Tongji...), and images served by hosts the ClearURLs rules block outright as ad servers. HTML
    `<img>` and Markdown images alike, including an image that is the whole of a link.

    ## Why is this bad?
    A pixel shows nothing: it is fetched so that the publisher or a feed service counts, and follows,
    every reader of the copy. In a republished article it reports the mirror's readers to a third
    party, and it breaks the page when the beacon host goes away.

    ## Example
    ```html
    <p>Last paragraph.</p> <img src="https://pixel.wp.com/b.gif?host=example.com&amp;blog=1" width="1" height="1" />
    ```

    Use instead:
    ```html
    <p>Last paragraph.</p>
    ```

    ## Fix
    Safe: removes the image, with the link around it when the image is all the link holds, and the
    line when nothing else is on it. A pixel has no text, so the article text cannot change.

    ## Options
    None.
    """

    code = "TR002"
    name = "tracking-pixel"
    summary = "A tracking pixel or feed beacon image"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        tags = inv.tags
        for index in inv.elements.get("img", ()):
            tag = tags[index]
            source = tag.attribute("src")
            url = source.value if source is not None and source.value else ""
            size = tiny_size(tag)
            what = beacon_url(url) if url else None
            if size is None and what is None:
                continue
            reason = what or f"declares a {size} size"
            start, end = tag.start, tag.end
            wrapped = _wrapping_link(doc, tags, index)
            if wrapped is not None:
                start, end = wrapped
            yield self._finding(doc, start, end, url, reason, size, "html", wrapped is not None)
        for image in markdown_images(doc):
            what = beacon_url(image.src)
            if what is None:
                continue
            yield self._finding(doc, image.link_start, image.link_end, image.src, what, None, "markdown", image.in_link)

    def _finding(
        self,
        doc: Document,
        start: int,
        end: int,
        url: str,
        reason: str,
        size: str | None,
        form: str,
        with_link: bool,
    ) -> Finding:
        what = "the pixel and the link around it" if with_link else "the pixel"
        # An image has no text, so removing it cannot change the article text: no comparison needed.
        fix = removal_fix(f"Remove {what}", doc, start, end, markdown=is_markdown(doc))
        data = {"url": url, "reason": reason, "size": size, "form": form, "with_link": with_link}
        return self.finding(start, end, f"Tracking pixel: {reason}", fix=fix, data=data)


def _wrapping_link(doc: Document, tags: list[Tag], index: int) -> tuple[int, int] | None:
    """The span of an <a> element whose only content is the image tags[index] (and whitespace)."""
    if index == 0 or index + 1 >= len(tags):
        return None
    before, after = tags[index - 1], tags[index + 1]
    if not (before.kind == "start" and before.name == "a" and after.kind == "end" and after.name == "a"):
        return None
    text = doc.text
    image = tags[index]
    if text[before.end : image.start].strip() or text[image.end : after.start].strip():
        return None
    return before.start, after.end

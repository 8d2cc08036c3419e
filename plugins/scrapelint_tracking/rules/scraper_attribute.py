from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scrapelint.document import Document
from scrapelint.findings import Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_tracking.inventory import Inventory, inventory, standard_attributes
from scrapelint_tracking.removal import BROKEN_VALUE, attribute_fix

if TYPE_CHECKING:
    from scrapelint.markup import Attribute  # annotations only: Document.tags imports it when needed

# data-* attributes that hold an image's real source on lazy-loading pages: removing them loses the picture.
# (b-lazy and similar libraries keep one per screen size: data-src-small, data-src-medium...)
LAZY_SOURCES = [
    "data-src",
    "data-src-*",
    "data-srcset",
    "data-original",
    "data-lazy-src",
    "data-lazy-srcset",
    "data-actualsrc",
]
# Attributes a scraper adds to the copy: RSSHub and similar tools put referrerpolicy on every image.
SCRAPER_ADDED = ["referrerpolicy"]
_EVENT_HANDLER = LazyPattern(r"on[a-z]+\Z")
_ATTRIBUTE_NAME = LazyPattern(r"[a-z_:][-a-z0-9_:.]*\Z")
NON_STANDARD = "non-standard CMS attribute"


class ScraperAttribute(Rule):
    """
    ## What it does
    Finds attributes that the source site's CMS and scripts, or the scraper, left on the article's
    elements: `referrerpolicy` added to every image by the scraper, `data-*` attributes (click and
    scroll trackers such as `data-trk-photo-credit`, `data-pb-*` CMS ids, `data-dfp` ad slots),
    event handlers (`onclick`), and attributes that no HTML standard defines, invented by a CMS or
    tracker (`cms-style`, `suda-uatrack`). Standard attributes (`class`, `id`, `href`, `alt`,
    `width`...), `aria-*`, microdata and RDFa are never reported, nor `data-*` attributes that hold a
    lazily loaded image's source (`data-src`, `data-src-small`, `data-srcset`...), nor anything inside
    `<svg>`, `<math>` or Markdown code. Inline `style` attributes have their own rule.

    ## Why is this bad?
    The attributes drive the source site's scripts and analytics: on a copy they do nothing but
    tag the reader's clicks for trackers that may still be loaded, bloat the file, and betray the
    pipeline the article went through (`referrerpolicy="no-referrer"` hides where images are
    hot-linked from).

    ## Example
    ```html
    <p cms-style="font-L">Text.</p>
    <img src="https://n.sinaimg.cn/a.png" referrerpolicy="no-referrer">
    ```

    Use instead:
    ```html
    <p>Text.</p>
    <img src="https://n.sinaimg.cn/a.png">
    ```

    ## Fix
    Safe: removes the attribute with the whitespace before it. An attribute is never text a reader
    sees, and none of these changes whether an element is shown. No fix is offered for an attribute
    whose value runs straight into more of the tag (`data-x="{"a": 1}"`, quotes left unescaped by
    the source): removing the attribute alone would glue the rest of its broken value to the
    attribute before it.

    ## Options
    - `allow` (list of strings, default: the lazy-loading sources above): attribute names or glob
      patterns (`data-lang`, `data-fancybox*`) that are never reported. Setting it replaces the list.
    - `extend` (list of strings, default `["referrerpolicy"]`): standard attribute names that are
      reported all the same, because a scraper adds them.
    """

    code = "TR008"
    name = "scraper-attribute"
    summary = "A CMS, tracker or scraper attribute (data-*, cms-style, onclick, referrerpolicy)"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    options = {
        "allow": Option(list, LAZY_SOURCES, "attribute names or globs never reported", item_type=str),
        "extend": Option(list, SCRAPER_ADDED, "standard attributes reported because scrapers add them", item_type=str),
    }

    def __init__(self, settings: Any = None) -> None:
        super().__init__(settings)
        patterns = [fnmatch.translate(pattern.lower()) for pattern in self.settings["allow"]]
        # fnmatch.translate always gives a valid pattern: compiled on first use, not at start-up.
        self._allowed = LazyPattern("|".join(patterns)) if patterns else None
        self._extend = {name.lower() for name in self.settings["extend"]}

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        text = doc.text
        # An article's tags repeat a few attribute names (a CMS puts the same one on every paragraph): each
        # name is judged once. "" stands for a name that is not reported.
        kinds: dict[str, str] = {}
        for index, attribute in _attributes(doc, inv, self._extend):
            name = attribute.name
            kind = kinds.get(name)
            if kind is None:
                kind = kinds[name] = self._kind(name)
            if not kind or (kind == NON_STANDARD and attribute.value is None):
                continue  # a bare unknown word is debris of an unquoted value (title=Super League), not a CMS's
            tag = inv.tags[index]
            message = f"{kind[0].upper()}{kind[1:]} '{name}' on <{tag.name}>"
            fix = attribute_fix(f"Remove the {name} attribute", text, attribute)
            if fix is None:
                message += f" ({BROKEN_VALUE})"
            yield self.finding(
                attribute.name_start,
                attribute.end,
                message,
                fix=fix,
                data={"attribute": name, "value": attribute.value, "kind": kind, "element": tag.name},
            )

    def _kind(self, name: str) -> str:
        """What kind of leftover an attribute of this name is; "" when it is not reported."""
        if name == "style" or (self._allowed is not None and self._allowed.match(name)):
            return ""  # inline styles have their own rule; the allowed names are kept
        if not _ATTRIBUTE_NAME.match(name):
            return ""  # not an attribute but debris of a broken tag ("block;")
        if name in self._extend:
            return "scraper attribute"
        if name.startswith("data-"):
            return "data attribute"
        if _EVENT_HANDLER.match(name):
            return "event handler"
        return NON_STANDARD


def _attributes(doc: Document, inv: Inventory, extend: set[str]) -> Iterator[tuple[int, Attribute]]:
    """The inventory's non-standard attributes, plus the standard ones the options name."""
    yield from inv.attributes
    extend = extend & standard_attributes()  # the others are in the inventory already
    if not extend:
        return
    for index, tag in enumerate(inv.tags):
        if tag.kind != "start" or not tag.attributes:
            continue
        for attribute in tag.attributes:
            if attribute.name in extend and not inv.in_code(tag.start):
                yield index, attribute

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_tracking.inventory import inventory, is_markdown
from scrapelint_tracking.removal import removal_fix

# Comments that site generators and writing tools read: excerpt separators (Jekyll, Hexo, Hugo,
# WordPress), WordPress's page breaks, and the directives of Markdown linters and formatters.
GENERATOR_COMMENTS = [
    "more",
    "more .*",
    "nextpage",
    "noteaser",
    "excerpt",
    "toc",
    "/toc",
    "markdownlint-.*",
    "prettier-ignore.*",
    "textlint-.*",
    "vale .*",
    "cspell:.*",
]


class HtmlComment(Rule):
    """
    ## What it does
    Finds HTML comments left in an article by the CMS or the scraper: template markers
    (`<!-- 正文下iframe -->`, `<!-- EM_StockImg_Start -->`), keyword lists
    (`<!-- news_keyword_pub,stock, -->`), timestamps, and conditional comments. Comments that site
    generators and writing tools read are not reported: excerpt separators (`<!-- more -->`,
    `<!--more-->`), WordPress's `<!--nextpage-->` and `<!--noteaser-->`, and linter or formatter
    directives (`markdownlint-disable`, `prettier-ignore`...), nor scrapelint's own suppression
    comments, nor anything inside Markdown code.

    ## Why is this bad?
    The comments are the source site's plumbing: invisible in a browser, they are noise in the file,
    leak the CMS's internals, and mark where ads and widgets were cut out. Some carry keyword lists
    for search engines.

    ## Example
    ```html
    <p>Last paragraph.</p><!-- news_keyword_pub,stock, -->

    <!-- 正文下iframe -->
    ```

    Use instead:
    ```html
    <p>Last paragraph.</p>
    ```

    ## Fix
    Safe: removes the comment, and its line when nothing else is on it. A comment is never text a
    reader sees. An unclosed comment (it runs to the end of the file) is reported without a fix.

    ## Options
    - `allow` (list of strings, default: the generator comments above): regular expressions; a
      comment whose trimmed content fully matches one (ignoring case) is not reported. Setting the
      option replaces the list.
    """

    code = "TR005"
    name = "leftover-html-comment"
    summary = "An HTML comment left by the CMS or the scraper"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    options = {
        "allow": Option(list, GENERATOR_COMMENTS, "regular expressions of comments to keep", item_type=str),
    }

    def __init__(self, settings: Any = None) -> None:
        super().__init__(settings)
        patterns = self.settings["allow"]
        allowed = "|".join(f"(?:{p})" for p in patterns)
        # A user's patterns are compiled here, so that a bad one is a configuration error at once; the
        # default list is known to compile, and waits for the first comment.
        if not patterns:
            self._allowed = None
        elif patterns == GENERATOR_COMMENTS:
            self._allowed = LazyPattern(allowed, re.IGNORECASE)
        else:
            self._allowed = re.compile(allowed, re.IGNORECASE)

    def check(self, doc: Document) -> Iterator[Finding]:
        inv = inventory(doc)
        if not inv.comments:
            return
        markdown = is_markdown(doc)
        text = doc.text
        tags = inv.tags
        for index in inv.comments:
            tag = tags[index]  # the inventory lists comments only
            closed = tag.end - tag.start >= 7 and text.endswith("-->", tag.start, tag.end)
            content = text[tag.start + 4 : tag.end - 3 if closed else tag.end].strip()
            if content.startswith("scrapelint:"):
                continue
            if self._allowed is not None and self._allowed.fullmatch(content):
                continue
            flat = " ".join(content.split())
            shown = flat if len(flat) <= 40 else flat[:39] + "…"
            data = {"comment": content, "closed": closed}
            if not closed:
                yield self.finding(
                    tag.start, tag.end, "Unclosed HTML comment: it hides the rest of the file (no fix)", data=data
                )
                continue
            label = f"'{shown}'" if shown else "(empty)"
            fix = removal_fix("Remove the comment", doc, tag.start, tag.end, markdown=markdown)
            yield self.finding(tag.start, tag.end, f"HTML comment left in the article: {label}", fix=fix, data=data)

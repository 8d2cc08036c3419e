from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.lazy import lazy_module
from scrapelint_spam.options import SpamRule

# The machinery the rule checks with, run at the first check rather than when the pack is loaded.
metadata = lazy_module("scrapelint_spam.metadata")


class SpamPageMetadata(SpamRule):
    """
    ## What it does
    Finds an HTML page whose head a hacker filled with spam: a `<title>`, `<meta name="keywords">` or
    `<meta name="description">` of betting, porn or other spam terms (often written as numeric entities,
    `&#80;&#71;&#30005;&#23376;`, which are decoded before matching), usually with a cloaking script that
    shows visitors the real title and crawlers the spam one.

    It is scored from the terms in the title and metadata, their encoding as entities, a cloaking
    script, and a body that does not share their topic (a wardrobe shop titled "北京赛车pk10"). The
    finding spans the injected elements; its `data` lists them, the terms, the score and the points.

    ## Why is this bad?
    The title and description are what search engines and scrapers index first: the page is indexed
    as a betting site, and a corpus built from it learns the spam as the page's subject.

    ## Example
    ```html
    <title>北京赛车pk10_pk10正规开户平台_北京pk10网上开户</title>
    <meta name="keywords" content="北京赛车pk10,pk10正规开户平台,北京pk10网上开户"/>
    <script>if(navigator.userAgent.toLocaleLowerCase().indexOf("baidu") == -1){document.title ="首页-芙瑞伽"}</script>
    <meta name="description" content="芙瑞伽衣柜" />
    ```

    Use instead:
    ```html
    <meta name="description" content="芙瑞伽衣柜" />
    ```

    ## Fix
    Removes the spam title and metadata elements, the cloaking script, and a packed
    `eval(function(p,a,c,k,e,d)...)` loader next to them, each with the line it leaves blank. Nothing
    else changes (the page's own metadata stays). Safe from `safe-score` on, unsafe below.

    ## Options
    - `extend-terms` (table of term = weight, default `{}`): terms to add to the lexicon, each with its
      weight: 3 only spam writes it, 2 typical of spam, 1 ambiguous.
    - `allow-terms` (list of strings, default `[]`): terms never counted, built-in or added
      (case-insensitive).
    - `min-score` (number from 0 to 1, default `0.5`): the score from which a page is reported.
    - `safe-score` (number from 0 to 1, default `0.7`): the score from which the fix is safe.
    """

    code = "SP003"
    name = "spam-page-metadata"
    summary = "An HTML page's title and metadata replaced with spam keywords"

    def check(self, doc: Document) -> Iterator[Finding]:
        found = metadata.hacked_metadata(doc, self.lexicon)
        if found is None or found.score < self.settings["min-score"]:
            return
        kinds = list(dict.fromkeys(element.kind for element in found.elements))
        shown = ", ".join(found.terms[:5]) + (", ..." if len(found.terms) > 5 else "")
        yield self.finding(
            found.start,
            found.end,
            f"Spam page metadata ({', '.join(kinds)}): {'/'.join(found.categories)} terms ({shown}); "
            f"score {found.score:.2f}",
            fix=self.removal_fix(
                doc, [(element.start, element.end) for element in found.elements], found.score, "spam metadata"
            ),
            data={
                "elements": kinds,
                "values": [
                    element.value for element in found.elements if element.value and "script" not in element.kind
                ],
                "terms": found.terms,
                "categories": found.categories,
                "score": found.score,
                "points": found.points,
            },
        )

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.lazy import lazy_module
from scrapelint_spam.options import SpamRule

# The machinery the rule checks with, run at the first check rather than when the pack is loaded.
hidden = lazy_module("scrapelint_spam.hidden")


class SpamHiddenText(SpamRule):
    """
    ## What it does
    Finds elements that inline CSS hides from readers (`display:none`, `visibility:hidden`, zero
    height, width or font size, zero opacity, off-screen positions such as `text-indent:-9999px`) and
    that hold links to other sites or spam terms: the link spam hacked themes and plugins hide in a
    page for search engines only.

    Hiding alone is not reported (menus, tabs and widgets hide content too): the element must link,
    with anchor text, to another site than the article's own (from its front matter's `url`, `link` or
    `permalink`), or hold a strong spam term. It is scored from the hiding technique (zero size and
    off-screen are spam's tricks, `display:none` is everyone's), its links, its terms and a change of
    script from the article's (a Cyrillic link in a Spanish post). The finding spans the element; its
    `data` holds the techniques, the linked hosts, the terms, the score and the points behind it.

    ## Why is this bad?
    The hidden links are there to sell another site's ranking. A scraper keeps them as text, and an
    index or a training set then reads them as part of the article.

    ## Example
    ```html
    Just like in real life, constructive stones are easier to find than gems.
    <font style='position: absolute;overflow: hidden;height: 0;width: 0'>
    <a href="http://spam.example/">Two girl one cup</a></font>
    ```

    Use instead:
    ```html
    Just like in real life, constructive stones are easier to find than gems.
    ```

    ## Fix
    Removes the hidden element, the elements it was the whole content of, and the line when nothing
    else is left on it. Nothing else changes. Safe from `safe-score` on, unsafe below.

    ## Options
    - `extend-terms` (table of term = weight, default `{}`): terms to add to the lexicon, each with its
      weight: 3 only spam writes it, 2 typical of spam, 1 ambiguous (counts only inside a run).
    - `allow-terms` (list of strings, default `[]`): terms never counted, built-in or added
      (case-insensitive).
    - `min-score` (number from 0 to 1, default `0.5`): the score from which an element is reported.
    - `safe-score` (number from 0 to 1, default `0.7`): the score from which the fix is safe.
    """

    code = "SP002"
    name = "spam-hidden-text"
    summary = "Text hidden from readers by CSS that links to other sites or holds spam terms"

    def check(self, doc: Document) -> Iterator[Finding]:
        for element in hidden.judge_hidden(doc, self.lexicon):
            score = element.score
            if score < self.settings["min-score"]:
                continue
            terms = list(dict.fromkeys(hit.term.text for hit in element.hits))
            what = []
            if element.hosts:
                what.append(f"links to {', '.join(element.hosts[:3])}")
            if terms:
                what.append(f"spam terms ({', '.join(terms[:5])})")
            if element.script:
                what.append(f"{element.script} text")
            preview = element.text if len(element.text) <= 40 else element.text[:39] + "…"
            yield self.finding(
                element.start,
                element.end,
                f"Hidden ({', '.join(element.techniques)}) text '{preview}' with {' and '.join(what)}; "
                f"score {score:.2f}",
                fix=self.removal_fix(doc, [(element.start, element.end)], score, "hidden element"),
                data={
                    "techniques": element.techniques,
                    "text": element.text,
                    "hosts": element.hosts,
                    "terms": terms,
                    "categories": sorted({hit.term.category for hit in element.hits}),
                    "script": element.script,
                    "score": score,
                    "points": element.points,
                },
            )

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.lazy import lazy_module
from scrapelint_spam.options import SpamRule

# The machinery the rule checks with, run at the first check rather than when the pack is loaded.
hidden = lazy_module("scrapelint_spam.hidden")
runs = lazy_module("scrapelint_spam.runs")


class SpamKeywordRun(SpamRule):
    """
    ## What it does
    Finds a run of spam keywords injected into an article: porn, gambling, pharma, fake-document or
    loan-scam phrases strung together with `|`, `_`, `,`, `、`, line breaks or links, usually after the
    article (sometimes before it). It judges the run, not the word: the run must be a list of short
    items, most of them holding a lexicon term (Simplified and Traditional Chinese, English), with no
    sentence among them. One term, or many terms spread through sentences (a story about a casino
    company, a lottery draw, a drug trial), is never reported.

    The run is scored from its terms' weights, its separators, its place (tail or head of the
    article), a change of script from the article's (a Simplified run in a Traditional article), links
    to other sites, and less when the rest of the article shares its topic or when the run is a list a
    sentence makes (items joined by commas in a paragraph that ends with a full stop: a court report
    naming gambling sites). The finding spans exactly the run; its `data` holds the terms, their
    categories, the score and the points behind it.

    ## Why is this bad?
    Hacked sites get keyword spam appended to their pages; a scraper copies it into the corpus, and
    from there it reaches a search index or a training set as if the publisher had written it.

    ## Example
    ```text
    版權聲明:凡注明“來源:中國西藏網”的所有作品,版權歸高原(北京)文化傳播有限公司。

    免费A级毛片无码A∨中文字幕下载 | 五十路熟妇高熟无码视频| 日韩亚洲欧美中文高清在线 | 亚洲不卡无码av中文字幕|
    ```

    Use instead:
    ```text
    版權聲明:凡注明“來源:中國西藏網”的所有作品,版權歸高原(北京)文化傳播有限公司。
    ```

    ## Fix
    Removes the run, the element or Markdown link it was the whole content of (a `<p>`, `<div>`,
    `<font>`, `[...](...)`), and the line when nothing else is left on it (with its line break, or the
    line break before it when it is the file's last line). Nothing else changes. Safe from
    `safe-score` on, unsafe below. A run inside an element that CSS hides is left to
    `spam-hidden-text`, which removes the whole element.

    ## Options
    - `extend-terms` (table of term = weight, default `{}`): terms to add to the lexicon, each with its
      weight: 3 only spam writes it, 2 typical of spam, 1 ambiguous (counts only inside a run).
    - `allow-terms` (list of strings, default `[]`): terms never counted, built-in or added
      (case-insensitive), for a corpus whose topic they are (`["六合彩"]` for Hong Kong lottery news).
    - `min-score` (number from 0 to 1, default `0.5`): the score from which a run is reported.
    - `safe-score` (number from 0 to 1, default `0.7`): the score from which the fix is safe.
    """

    code = "SP001"
    name = "spam-keyword-run"
    summary = "A run of spam keywords (porn, gambling, pharma, fake documents, loans) injected into the article"

    def check(self, doc: Document) -> Iterator[Finding]:
        for run in runs.keyword_runs(doc, self.lexicon):
            score = run.score
            if score < self.settings["min-score"] or hidden.inside_hidden(doc, run.start, run.end):
                continue
            terms = run.terms
            categories = run.categories  # a property that walks every hit: asked once
            shown = ", ".join(terms[:5]) + (", ..." if len(terms) > 5 else "")
            where = {"tail": " after the article", "head": " before the article"}.get(run.position, "")
            yield self.finding(
                run.start,
                run.end,
                f"Spam keyword run{where}: {run.term_items} of {run.items} items are {'/'.join(categories)} "
                f"terms ({shown}); score {score:.2f}",
                fix=self.removal_fix(doc, [(run.start, run.end)], score, "spam keyword run"),
                data={
                    "terms": terms,
                    "categories": categories,
                    "score": score,
                    "points": run.points,
                    "items": run.items,
                    "term_items": run.term_items,
                    "position": run.position,
                    "script": run.script,
                    "hosts": run.hosts,
                },
            )

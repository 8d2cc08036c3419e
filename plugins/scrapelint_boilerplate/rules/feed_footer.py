from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class FeedFooter(BoilerplateRule):
    """
    ## What it does
    Finds the footers that feeds and feed aggregators add to an article: WordPress's `The post X
    appeared first on Y.`, `Original post by X - check out X`, IFTTT's `from X https://ift.tt/…` and
    `via IFTTT`, FeedBurner's share links (`feeds.feedburner.com/~ff/`), and, at the tail only,
    `Continue reading →` and `This entry was posted in …`. Consecutive footer lines are one finding.

    ## Why is this bad?
    The footer is the feed's, not the author's: it repeats across every article of the feed and
    credits the aggregator as if it were part of the text.

    ## Example
    ```html
    <p>How we replaced Python pipelines with dlt, dbt, and Trino.</p>
    <p>The post <a href="https://towardsdatascience.com/4-yaml-files/">4 YAML Files Instead of PySpark</a>
    appeared first on <a href="https://towardsdatascience.com">Towards Data Science</a>.</p>
    ```

    Use instead:
    ```html
    <p>How we replaced Python pipelines with dlt, dbt, and Trino.</p>
    ```

    ## Fix
    Removes the footer, the elements it was the whole text of, and the lines left blank. Safe, except
    for "continue reading" and "this entry was posted in" lines (unsafe: a teaser's last line can read
    the same).

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article a feed footer in your corpus.
    """

    code = "BP004"
    name = "feed-footer"
    summary = "An RSS or aggregator footer ('The post X appeared first on Y') left in the article"
    kind = "feed-footer"
    label = "Feed footer"

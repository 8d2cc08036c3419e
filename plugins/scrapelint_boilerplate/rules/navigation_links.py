from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class NavigationLinks(BoilerplateRule):
    """
    ## What it does
    Finds the site's navigation left in an article: "return to" links (`返回证券时报网新闻 | 返回首页`,
    `Back to top`, `Return to homepage`) and previous/next links (`上一篇`, `Next post`). The block
    must be made of such links and separators only. A link whose text starts with `返回` or `回到`
    counts as navigation (`[返回东财滚动新闻](../emnews/)`); the same words as plain text count only
    when they are navigation's own (`返回首页`, `返回顶部`), so a headline such as `返回地球` is left
    alone. Consecutive navigation lines are one finding.

    ## Why is this bad?
    Navigation is the page's, not the article's; in a corpus it is repeated noise with links that
    lead nowhere once the article is out of its site.

    ## Example
    ```markdown
    <http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201242259595178>

    [返回证券时报网新闻](//finews.withounder.com/category/zhengquanshibaowang.html)｜[返回首页](//finews.withounder.com/)
    ```

    Use instead:
    ```markdown
    <http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201242259595178>
    ```

    ## Fix
    Safe: removes the navigation block, the elements it was the whole text of, and the lines left
    blank (for the file's last line, the line break before it). Nothing else changes.

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article navigation in your corpus.
    """

    code = "BP002"
    name = "navigation-links"
    summary = "Site navigation ('return to' and previous/next links) left in the article"
    kind = "navigation-links"
    label = "Navigation links"

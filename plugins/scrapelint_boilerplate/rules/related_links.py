from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class RelatedLinksBlock(BoilerplateRule):
    """
    ## What it does
    Finds "related posts" and link-exchange blocks: a heading such as `Related posts:`, `You may also
    like`, `相关阅读`, `延伸閱讀`, `【相關報道】`, `更多阅读：`, `友情链接` followed by (or holding) a list
    of links or short titles. The finding spans the heading and its list. A heading followed by links
    is reported anywhere; one followed by unlinked titles only at the tail and with an unsafe fix. A
    heading that holds its own link is followed only by more links: the short line after it is the
    article's next subheading, not a title of the list.

    ## Why is this bad?
    The list is the site's recommendation widget, not the article: in a corpus it mixes other
    articles' titles into this one.

    ## Example
    ```markdown
    REST即Representational State Transfer的缩写。

    Related posts:
    1.  [如何建立一套邮件发送系统](http://www.biaodianfu.com/how-to-build-a-mail-delivery-system.html)
    2.  [百度遵守的蜘蛛访问协议](http://www.biaodianfu.com/baidu-robots.html)
    ```

    Use instead:
    ```markdown
    REST即Representational State Transfer的缩写。
    ```

    ## Fix
    Removes the heading and its list, the elements they were the whole text of, and the lines left
    blank. Safe when the list holds links, unsafe when it holds only titles.

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article a related-links block in your corpus.
    """

    code = "BP006"
    name = "related-links-block"
    summary = "A 'related posts' or link-exchange list left in the article"
    kind = "related-links"
    label = "Related-links block"

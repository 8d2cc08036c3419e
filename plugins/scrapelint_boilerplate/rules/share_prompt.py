from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class ShareSubscribePrompt(BoilerplateRule):
    """
    ## What it does
    Finds share and subscribe prompts at the tail or head of an article: `Share this:`, `分享到：`, a
    row of share buttons (`Tweet | Facebook | Email`), `Subscribe to our newsletter`, `sign up for …, our
    weekly newsletter`, `請加入成為眾新聞的月費訂戶`, `立即按此訂閱成為我們的訂戶`, `新读者请点击此处订阅`,
    `喜欢就点个赞`. The block must be short; consecutive prompt lines are one finding.

    ## Why is this bad?
    The prompt is the publisher's call to action, repeated on every page: in a corpus it is noise
    that a reader of the article never needed.

    ## Example
    ```markdown
    …您可以看到激光武器的测试。

    請加入成為眾新聞的月費訂戶，長期支持我們的工作。所有訂戶都可以收到我們的「每周時事」通訊 。
    月費訂戶 [網址：hkcnews.com/aboutus/#subscribe](https://www.hkcnews.com/aboutus/#subscribe)
    ```

    Use instead:
    ```markdown
    …您可以看到激光武器的测试。
    ```

    ## Fix
    Safe: removes the prompt, the elements it was the whole text of, and the lines left blank.
    Nothing else changes.

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article a share or subscribe prompt in your corpus.
    """

    code = "BP005"
    name = "share-subscribe-prompt"
    summary = "A share or subscribe prompt left in the article"
    kind = "share-subscribe-prompt"
    label = "Share or subscribe prompt"

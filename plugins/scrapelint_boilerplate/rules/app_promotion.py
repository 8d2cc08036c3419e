from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class AppPromotionPrompt(BoilerplateRule):
    """
    ## What it does
    Finds the publisher's app, QR-code and follow prompts left in an article: `海量资讯、精准解读，尽在新浪财经APP`,
    `扫描二维码关注公众号`, a QR code captioned `官网微信`, `Download the app`, `Follow us on Twitter`. The
    block (a line, or an element such as `<div class="appendQr_normal_txt">`) must be short and, unless
    its phrasing is unmistakable (`尽在…APP`), at the tail or head of the article.

    ## Why is this bad?
    The prompt belongs to the publisher's page, not to the article: repeated across a corpus, it is
    noise that search results and training sets learn as if it were content.

    ## Example
    ```html
    <p>…介绍促进工业经济平稳增长的有效措施。</p>
    <div class="appendQr_wrap">
        <div class="appendQr_normal"><img src="https://n.sinaimg.cn/qr.png"></div>
        <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>
    </div>
    ```

    Use instead:
    ```html
    <p>…介绍促进工业经济平稳增长的有效措施。</p>
    ```

    ## Fix
    Safe: removes the prompt, the elements it was the whole text of (with their images: the QR code
    is part of the prompt), and the lines left blank. Nothing else changes.

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article an app prompt in your corpus.
    """

    code = "BP001"
    name = "app-promotion-prompt"
    summary = "A publisher's app, QR-code or follow prompt left in the article"
    kind = "app-promotion"
    label = "App or QR-code prompt"

from __future__ import annotations

from scrapelint_boilerplate.options import BoilerplateRule


class CopyrightNotice(BoilerplateRule):
    """
    ## What it does
    Finds the publisher's copyright and reprint notices at the tail or head of an article:
    `版權聲明:凡注明…`, `版权所有：…`, `未经授权不得转载`, `转载请注明出处`, `© 2020 …`,
    `Copyright 2021 …`, `All rights reserved`, `c.2021 The New York Times Company`, `Reuse this
    content`. The block must be short (at most 320 characters of text); a sentence about copyright in
    the body of the article is not a notice.

    ## Why is this bad?
    The notice is the site's legal footer, repeated on every page: in a corpus it is duplicated noise,
    and for syndicated articles it names the wrong owner.

    ## Example
    ```text
    (責編:李雅妮)

    版權聲明:凡注明“來源:中國西藏網”或“中國西藏網文”的所有作品,版權歸高原(北京)文化傳播有限公司。
    ```

    Use instead:
    ```text
    (責編:李雅妮)
    ```

    ## Fix
    Safe: removes the notice, the elements it was the whole text of, and the line left blank. Nothing
    else changes.

    ## Options
    - `extra-phrases` (list of strings, default `[]`): phrases (case-insensitive) that make a short
      block at the tail or head of the article a copyright notice in your corpus.
    """

    code = "BP003"
    name = "copyright-notice"
    summary = "A publisher's copyright or reprint notice left in the article"
    kind = "copyright-notice"
    label = "Copyright notice"

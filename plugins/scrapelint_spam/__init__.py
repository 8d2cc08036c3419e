"""SP: Spam injection: keyword runs, link farms and hidden text a hacked site added to the article.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    from scrapelint_spam.rules import hidden_text, keyword_run, page_metadata

    return [keyword_run.SpamKeywordRun, hidden_text.SpamHiddenText, page_metadata.SpamPageMetadata]

"""BP: Publisher boilerplate: app and QR prompts, navigation, copyright notices, RSS footers, share prompts.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    from scrapelint_boilerplate.rules import (
        app_promotion,
        configured_phrase,
        copyright_notice,
        feed_footer,
        navigation_links,
        related_links,
        share_prompt,
    )

    return [
        app_promotion.AppPromotionPrompt,
        navigation_links.NavigationLinks,
        copyright_notice.CopyrightNotice,
        feed_footer.FeedFooter,
        share_prompt.ShareSubscribePrompt,
        related_links.RelatedLinksBlock,
        configured_phrase.ConfiguredBoilerplate,
    ]

"""TR: Tracking and scraper leftovers: tracking parameters, pixels, scripts, comments, styles, CMS attributes.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    from scrapelint_tracking.rules import (
        html_comment,
        iframe_element,
        inline_style,
        scraper_attribute,
        script_element,
        style_block,
        tracking_parameter,
        tracking_pixel,
    )

    return [
        tracking_parameter.TrackingParameter,
        tracking_pixel.TrackingPixel,
        script_element.ScriptElement,
        iframe_element.IframeElement,
        html_comment.HtmlComment,
        style_block.StyleBlock,
        inline_style.InlineStyle,
        scraper_attribute.ScraperAttribute,
    ]

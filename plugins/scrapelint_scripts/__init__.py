"""SC: Mixed scripts: Simplified and Traditional Chinese mixed, homoglyphs, invisible and bidirectional controls.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    from scrapelint_scripts.rules import homoglyph, invisible, variant_mix

    return [variant_mix.ChineseVariantMix, homoglyph.HomoglyphInWord, invisible.InvisibleCharacter]

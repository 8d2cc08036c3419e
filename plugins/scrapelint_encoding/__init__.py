"""EN: Encoding damage: files not in UTF-8, mojibake, lost characters, control characters, BOMs, mixed newlines.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    from scrapelint_encoding.rules import (
        byte_order_mark,
        cjk_mojibake,
        control_character,
        latin_mojibake,
        lost_question_mark,
        mixed_newlines,
        not_utf8,
        replacement_character,
    )

    return [
        not_utf8.FileNotUtf8,
        latin_mojibake.LatinMojibake,
        cjk_mojibake.CjkMojibake,
        replacement_character.ReplacementCharacter,
        lost_question_mark.LostCharacterQuestionMark,
        control_character.ControlCharacter,
        byte_order_mark.ByteOrderMark,
        mixed_newlines.MixedNewlines,
    ]

"""EN: Encoding damage: files not in UTF-8, mojibake, lost characters, control characters, BOMs, mixed newlines.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # The pack's rules are imported here, not at module level, so that loading the plugin stays cheap.
    return []

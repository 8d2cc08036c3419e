"""EX: an example outside rule pack for scrapelint (placeholder text left in articles).

Registered under the entry-point group ``scrapelint`` with the name ``example`` (see pyproject.toml):
that name is the pack name ``scrapelint rules`` shows, and the name ``SCRAPELINT_DISABLE_PLUGINS``
takes to block it.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # Imported inside the hook, not at module level: loading the plugin stays cheap.
    from scrapelint_example.placeholder import LoremIpsumPlaceholder

    return [LoremIpsumPlaceholder]

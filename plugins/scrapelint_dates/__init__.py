"""DT: articles without a usable publication date, or with one that cannot be right.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    from scrapelint_dates.rules import filename_mismatch, invalid, missing, no_timezone, out_of_range

    return [
        missing.DateMissing,
        invalid.DateInvalid,
        out_of_range.DateOutOfRange,
        no_timezone.DateWithoutTimezone,
        filename_mismatch.DateFilenameMismatch,
    ]

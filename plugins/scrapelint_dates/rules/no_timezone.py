from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Rule
from scrapelint_dates.datefield import FIELDS_OPTION, find_date_field


class DateWithoutTimezone(Rule):
    """
    ## What it does
    Finds a publication date that has a time of day but no time zone (`2021-12-08 10:46:18`). Off by
    default: many sites rely on the generator's site-wide time zone.

    ## Why is this bad?
    The same article is dated differently by every machine that reads it; near midnight it even
    changes day, and so its URL and archive page.

    ## Example
    ```yaml
    date: 2021-12-08 10:46:18
    ```

    Use instead:
    ```yaml
    date: 2021-12-08 10:46:18 +0800
    ```

    ## Fix
    None: the zone the publisher meant cannot be known.

    ## Options
    - `fields` (list of strings): the field names that hold a date (see `date-missing`).
    """

    code = "DT004"
    name = "date-without-timezone"
    summary = "The publication date has a time but no time zone"
    default_enabled = False
    options = {"fields": FIELDS_OPTION}

    def check(self, doc: Document) -> Iterator[Finding]:
        field = find_date_field(doc, self.settings["fields"])
        if field is None or field.parsed is None:
            return
        if field.parsed.has_time and not field.parsed.has_timezone:
            yield self.finding(
                field.value_start,
                field.value_end,
                f"Front-matter '{field.key}' has a time but no time zone",
                data={"field": field.key},
            )

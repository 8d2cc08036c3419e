from __future__ import annotations

import datetime
from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Option, Rule
from scrapelint_dates.datefield import FIELDS_OPTION, find_date_field


def calendar_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


class DateOutOfRange(Rule):
    """
    ## What it does
    Finds a publication date in the future (beyond a grace period for time zones) or implausibly old
    (before `earliest`, by default 1990-01-01; `1970-01-01` is the classic placeholder of a missing
    Unix timestamp).

    ## Why is this bad?
    Future-dated posts are hidden by Jekyll and Hugo until that day; epoch-zero dates sort the article
    before everything else. Both mean the scraper read the wrong field.

    ## Example
    ```yaml
    date: 1970-01-01 00:00:00 +0000
    ```

    Use instead: the date the article was published.

    ## Fix
    None.

    ## Options
    - `fields` (list of strings): the field names that hold a date (see `date-missing`).
    - `max-future-days` (integer, default `2`): how far ahead of today a date may be.
    - `earliest` (string, default `"1990-01-01"`): the earliest plausible date (ISO format).
    """

    code = "DT003"
    name = "date-out-of-range"
    summary = "The publication date is in the future or implausibly old"
    options = {
        "fields": FIELDS_OPTION,
        "max-future-days": Option(int, 2, "how far ahead of today a date may be"),
        "earliest": Option(str, "1990-01-01", "the earliest plausible date"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        field = find_date_field(doc, self.settings["fields"])
        if field is None or field.parsed is None:
            return
        day = calendar_date(field.parsed.value)
        latest = datetime.date.today() + datetime.timedelta(days=self.settings["max-future-days"])
        earliest = datetime.date.fromisoformat(self.settings["earliest"])
        if day > latest:
            problem = f"is in the future ({day.isoformat()})"
        elif day < earliest:
            problem = f"is implausibly old ({day.isoformat()}, before {earliest.isoformat()})"
        else:
            return
        yield self.finding(
            field.key_start,
            field.value_end,
            f"Front-matter '{field.key}' {problem}",
            data={"field": field.key, "date": day.isoformat()},
        )

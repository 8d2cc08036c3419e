from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Option, Rule
from scrapelint_dates.datefield import FIELDS_OPTION, find_date_field
from scrapelint_dates.dateparse import date_from_filename
from scrapelint_dates.rules.out_of_range import calendar_date


class DateFilenameMismatch(Rule):
    """
    ## What it does
    Finds a Jekyll-style post (`2021-01-08-slug.md`) whose front-matter date is more than
    `tolerance-days` away from the date in its file name.

    ## Why is this bad?
    Jekyll builds the URL from the file name but sorts and displays by the front-matter date: one of
    the two is wrong, and links or archives disagree with the article.

    ## Example
    `2021-01-08-election.md` with
    ```yaml
    date: 2020-11-03 09:00:00 +0000
    ```

    Use instead: a file name and a date that agree.

    ## Fix
    None: which of the two is right cannot be known.

    ## Options
    - `fields` (list of strings): the field names that hold a date (see `date-missing`).
    - `tolerance-days` (integer, default `1`): how far apart the two may be (time zones shift a day).
    """

    code = "DT005"
    name = "date-filename-mismatch"
    summary = "The front-matter date disagrees with the date in the file name"
    options = {
        "fields": FIELDS_OPTION,
        "tolerance-days": Option(int, 1, "how many days apart the two may be"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        from_name = date_from_filename(doc.path)
        if from_name is None:
            return
        field = find_date_field(doc, self.settings["fields"])
        if field is None or field.parsed is None:
            return
        in_front_matter = calendar_date(field.parsed.value)
        in_name = calendar_date(from_name.value)
        if abs((in_front_matter - in_name).days) <= self.settings["tolerance-days"]:
            return
        yield self.finding(
            field.value_start,
            field.value_end,
            f"Front-matter '{field.key}' ({in_front_matter.isoformat()}) disagrees with the file name's "
            f"date ({in_name.isoformat()})",
            data={"field": field.key, "front_matter": in_front_matter.isoformat(), "file_name": in_name.isoformat()},
        )

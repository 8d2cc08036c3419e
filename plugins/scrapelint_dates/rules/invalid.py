from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.rules import FixAvailability, Rule
from scrapelint_dates.datefield import FIELDS_OPTION, date_from_article, field_line, find_date_field


class DateInvalid(Rule):
    """
    ## What it does
    Finds a front-matter date field that is empty or cannot be parsed. Accepted are the forms Jekyll,
    Hexo and Hugo accept: ISO 8601 (`2022-01-24T22:56:53+08:00`), `2022-01-24 22:56:53 +0800`,
    RFC 2822 (`Fri, 18 Feb 2022 09:02:13 GMT`), `2013/7/13 20:46:25`, `2022年5月13日`.

    ## Why is this bad?
    The generator either fails the build or silently uses the file's modification time: the article
    is dated by the scrape, not by its publication.

    ## Example
    ```yaml
    date:  +0800
    ```

    Use instead:
    ```yaml
    date: 2022-05-26 10:12:00 +0800
    ```

    ## Fix
    Unsafe (the date is inferred): replaces the value with the date in the article's dateline or in a
    `YYYY-MM-DD-` file name, when there is one.

    ## Options
    - `fields` (list of strings): the field names that hold a date (see `date-missing`).
    """

    code = "DT002"
    name = "date-invalid"
    summary = "The front-matter date is empty or cannot be parsed"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE
    options = {"fields": FIELDS_OPTION}

    def check(self, doc: Document) -> Iterator[Finding]:
        field = find_date_field(doc, self.settings["fields"])
        if field is None or field.parsed is not None:
            return
        shown = "" if field.value is None else str(field.value).strip()
        problem = "is empty" if not shown else f"cannot be parsed: {shown!r}"
        fix = None
        source = date_from_article(doc)
        if source is not None:
            fix = self.fix(
                f"Set {field.key} to {source.text} (from the {source.origin} '{source.evidence}')",
                Edit(field.key_start, field.value_end, field_line(doc, field.key, source.text)),
            )
        yield self.finding(
            field.key_start,
            max(field.value_end, field.key_start + len(field.key)),
            f"Front-matter '{field.key}' {problem}",
            fix=fix,
            data={"field": field.key, "value": shown},
        )

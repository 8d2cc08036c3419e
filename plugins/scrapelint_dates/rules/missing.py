from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Finding
from scrapelint.rules import FixAvailability, Rule
from scrapelint_dates.datefield import FIELDS_OPTION, date_from_article, find_date_field, insert_date_edit


class DateMissing(Rule):
    """
    ## What it does
    Finds articles with no publication date in their metadata: no front matter at all, front matter
    that is not closed, or front matter without a date field under any usual name (`date`,
    `publishDate`, `pubDate`, `published`, `created_at`, `lastmod`, ...).

    ## Why is this bad?
    An undated article cannot be ordered, archived or filtered by time; site generators fall back to
    the file's modification time, which for a scraped corpus is the time of the scrape.

    ## Example
    ```text
    中國西藏網 > 即時新聞 > 時政

    發布時間:2023-07-28 09:44:00來源: 央視新聞客戶端
    ```

    Use instead:
    ```text
    ---
    date: 2023-07-28 09:44:00
    ---
    中國西藏網 > 即時新聞 > 時政
    ```

    ## Fix
    Unsafe (the date is inferred): inserts a `date` taken from the article's dateline (`發布時間:`,
    `2022年5月13日`, `Published: March 5, 2021`...) or from a `YYYY-MM-DD-` file name, creating front
    matter when there is none. No fix when neither gives a date.

    ## Options
    - `fields` (list of strings): the field names that hold a date, in order of preference
      (default: date, publishdate, pubdate, published, publish_date, created_at, created, lastmod,
      updated, modified; matched case-insensitively).
    """

    code = "DT001"
    name = "date-missing"
    summary = "The article has no publication date in its metadata"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE
    options = {"fields": FIELDS_OPTION}

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None:
            start, end = 0, doc.line_span(0)[1]
            message = "The article has no front matter, so no publication date"
        elif front_matter.too_large:
            return  # not parsed at all: front-matter-too-large says so
        elif not front_matter.closed:
            start, end = doc.line_span(front_matter.start)
            message = "The front matter is not closed, so no publication date can be read"
        elif find_date_field(doc, self.settings["fields"]) is None:
            start, end = doc.line_span(front_matter.start)
            message = "The front matter has no date field"
        else:
            return
        fix = None
        source = date_from_article(doc)
        edit = insert_date_edit(doc, source.text) if source else None
        if edit is not None:
            fix = self.fix(f"Insert date {source.text} (from the {source.origin} '{source.evidence}')", edit)
        yield self.finding(start, end, message, fix=fix, data={"date_found": source.text if source else None})

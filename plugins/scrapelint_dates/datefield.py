"""Finding an article's publication date: the front-matter field, and where a fix can find a date.

Field names follow Hugo's fallbacks and the other generators' habits; the first present wins.
A front matter that does not parse as a whole (a mangled title, say) still has readable lines, so the
date line is looked up in the raw block then: a broken title must not make a good date "missing".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Edit
from scrapelint.rules import Option
from scrapelint_dates.dateparse import ParsedDate, date_from_filename, find_dateline, format_date, parse_date

DEFAULT_DATE_FIELDS = [
    "date",
    "publishdate",
    "pubdate",
    "published",
    "publish_date",
    "created_at",
    "created",
    "lastmod",
    "updated",
    "modified",
]

# Every DT rule reads the date from the same fields, configurable per rule.
FIELDS_OPTION = Option(list, DEFAULT_DATE_FIELDS, "field names that hold a date, by preference", item_type=str)


@dataclass(frozen=True)
class DateField:
    key: str
    value: Any
    key_start: int
    value_start: int
    value_end: int
    parsed: ParsedDate | None


def find_date_field(doc: Document, names: list[str]) -> DateField | None:
    """The first date field present in the front matter, parsed or not; None when there is none.

    Every DT rule asks this, usually with the same names: the answer is kept on the document.
    """
    return doc.memo(f"dates.field:{','.join(names)}", lambda d: _find_date_field(d, names))


def _find_date_field(doc: Document, names: list[str]) -> DateField | None:
    front_matter = doc.front_matter
    if front_matter is None or not front_matter.closed:
        return None
    if front_matter.data is not None:
        keys = {key.lower(): key for key in front_matter.data if isinstance(key, str)}
        for name in names:
            key = keys.get(name.lower())
            if key is None:
                continue
            value = front_matter.data[key]
            span = front_matter.fields.get(key)
            if span is None:
                start, end = doc.line_span(front_matter.start)
                return DateField(key, value, start, start, end, parse_date(value))
            return DateField(key, value, span.key_start, span.value_start, span.value_end, parse_date(value))
        return None
    return _date_line_in_raw_block(doc, names)


def _date_line_in_raw_block(doc: Document, names: list[str]) -> DateField | None:
    front_matter = doc.front_matter
    alternatives = "|".join(re.escape(name) for name in names)
    pattern = re.compile(rf"^[ \t]*({alternatives})[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
    found = {}
    for match in pattern.finditer(doc.text, front_matter.content_start, front_matter.content_end):
        found.setdefault(match.group(1).lower(), match)
    for name in names:
        match = found.get(name.lower())
        if match is not None:
            value = match.group(2).strip("'\"")
            return DateField(match.group(1), value, match.start(1), match.start(2), match.end(2), parse_date(value))
    return None


@dataclass(frozen=True)
class DateSource:
    """A date found outside the front matter, for a fix to insert, and where it came from."""

    date: ParsedDate
    origin: str  # "dateline" or "file name"
    evidence: str

    @property
    def text(self) -> str:
        return format_date(self.date)


def date_from_article(doc: Document) -> DateSource | None:
    """The dateline in the body, else the date in a Jekyll-style file name."""
    dateline = find_dateline(doc.body)
    if dateline is not None:
        return DateSource(dateline.date, "dateline", dateline.text)
    from_name = date_from_filename(doc.path)
    if from_name is not None:
        return DateSource(from_name, "file name", doc.path)
    return None


def field_line(doc: Document, key: str, value: str) -> str:
    """A front-matter line setting ``key`` in the block's own syntax."""
    if doc.front_matter is not None and doc.front_matter.format == "toml":
        return f'{key} = "{value}"'
    return f"{key}: {value}"


def insert_date_edit(doc: Document, value: str) -> Edit | None:
    """An edit that gives the article a date field, creating front matter when it has none."""
    newline = doc.newline
    front_matter = doc.front_matter
    if front_matter is None:
        at = 1 if doc.has_bom else 0
        return Edit.insert(at, f"---{newline}date: {value}{newline}---{newline}")
    if not front_matter.closed or front_matter.format == "json":
        return None
    line = field_line(doc, "date", value)
    at = front_matter.content_end
    # A block whose last line has no newline before the closing delimiter cannot exist, but be safe.
    prefix = "" if at == front_matter.content_start or doc.text[at - 1] == "\n" else newline
    return Edit.insert(at, f"{prefix}{line}{newline}")

"""Strict date parsing for scraped articles: front-matter values, body datelines and post file names.

This module is the one place scrapelint decides what counts as a date:

* :func:`parse_date` reads a front-matter ``date`` value in the shapes Jekyll, Hexo and Hugo accept
  (ISO 8601, Jekyll's ``2022-01-24 22:56:53 +0800``, RFC 2822, ``2013/7/13``, ``2022年5月13日``,
  ``March 5, 2021``, Unix timestamps, and the date objects YAML/TOML loaders produce).
* :func:`find_dateline` finds the publication date stated near the top of an article body.
* :func:`date_from_filename` reads the ``YYYY-MM-DD-`` prefix of a Jekyll post file name.
* :func:`format_date` renders a date the way Jekyll writes it into front matter.

Parsing is deliberately strict: a value must be one of the known shapes in full, or it is rejected.
There is no fuzzy guessing (which is why this does not use dateutil, whose fuzzy mode calls almost
anything a date), and day-first/month-first ambiguous forms such as ``05/03/2021`` are not accepted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapelint.patterns import LazyPattern, regex_compile

if TYPE_CHECKING:
    from regex import Match

__all__ = ["Dateline", "ParsedDate", "date_from_filename", "find_dateline", "format_date", "parse_date"]


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date; ``value`` is a ``datetime.date`` when the text had no time of day."""

    value: datetime.datetime | datetime.date
    has_time: bool
    # True only when the text named an offset or zone (Z, +0800, +08:00, GMT, UTC, EST, ...).
    has_timezone: bool


@dataclass(frozen=True)
class Dateline:
    """A publication date found in an article body; offsets cover the date text, not its label."""

    date: ParsedDate
    start: int
    end: int
    text: str


# --- Building blocks -------------------------------------------------------------------------------

# Horizontal whitespace only: a date never spans lines, and in body text letting a time or zone be
# picked up from the next line would glue unrelated text onto the date.
_HS = r"[^\S\r\n]"

# ASCII digits only ([0-9], not \d): \d also matches digits of other scripts, which int() accepts
# but no generator writes.
_CLOCK = (
    r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?![0-9])"
    rf"(?:{_HS}*[AaPp]\.?[Mm]\.?(?![A-Za-z]))?"
)
_CJK_CLOCK = r"[0-9]{1,2}[时時点點][0-9]{1,2}分(?:[0-9]{1,2}秒)?"

# Longest alternatives first, so "UTC+8" is not read as "UTC" followed by junk. US zone names follow
# RFC 822 (and Ruby's Time.parse, which Jekyll uses), so CST is US Central time.
_ZONE = (
    r"(?:(?:UTC|GMT)[+-][0-9]{1,2}(?::?[0-9]{2})?|[+-][0-9]{2}(?::?[0-9]{2})?|Z|UTC|UT|GMT|[ECMP][SD]T)"
    r"(?![A-Za-z0-9])"
)
_TIME_AND_ZONE = rf"(?P<time>{_CLOCK}|{_CJK_CLOCK})(?:{_HS}*(?P<zone>{_ZONE}))?"

_MONTH_NAME = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z])\.?"
)
_WEEKDAY = (
    r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    rf"|sat(?:urday)?|sun(?:day)?)(?![A-Za-z])\.?,?{_HS}+"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_ENGLISH_TIME = rf"(?:,?{_HS}+(?:at{_HS}+)?{_TIME_AND_ZONE})?"

_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTH_ABBREVIATIONS, start=1)}
_ZONE_HOURS = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}  # fmt: skip


def _pattern(pattern: str, flags: int = 0) -> LazyPattern:
    # Compiled on first use: a run served from the cache, or a document without a date of some shape,
    # never pays for compiling it (these cost a few milliseconds each to compile). By the regex module:
    # several times faster than the stdlib on these lookbehind-led patterns.
    return LazyPattern(pattern, flags, compiler=regex_compile)


# --- Date shapes -----------------------------------------------------------------------------------
# Each shape carries its own boundary checks, so the same compiled pattern serves both fullmatch()
# on a front-matter value and finditer()/match() over body text.

# 2022-01-24, 2022-01-24T22:56:53.5Z, 2022-01-24 22:56:53 +0800, 2013/7/13 20:46. Not preceded by
# characters that would make it part of a URL, path or longer number ("/2013/7/13/", "v1.2022-01-01"),
# nor followed by more digits or another "-5"/".5"-style component; both separators must agree.
_NUMERIC_DATE = _pattern(
    r"(?<![0-9A-Za-z./_-])"
    r"(?P<year>[0-9]{4})(?P<sep>[-/])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
    r"(?![0-9]|[-/.:][0-9])"
    rf"(?:(?:T|{_HS}+){_TIME_AND_ZONE})?"
)
# 2022年5月13日, 2022年05月13日10:30:00, 2022 年 5 月 13 日 10时30分. Real text often has no space before
# the time.
_CJK_DATE = _pattern(
    rf"(?<![0-9])(?P<year>[0-9]{{4}}){_HS}*年{_HS}*(?P<month>[0-9]{{1,2}}){_HS}*月{_HS}*"
    rf"(?P<day>[0-9]{{1,2}}){_HS}*[日号號](?:{_HS}*{_TIME_AND_ZONE})?"
)
# March 5, 2021 / Friday, Mar. 5th 2021 at 10:00 AM EST
_MONTH_DAY_YEAR = _pattern(
    rf"(?<![A-Za-z])(?:{_WEEKDAY})?(?P<month_name>{_MONTH_NAME}){_HS}+"
    rf"(?P<day>[0-9]{{1,2}}){_ORDINAL},?{_HS}+(?P<year>[0-9]{{4}})(?![0-9]){_ENGLISH_TIME}"
)
# 5 March 2021 / Fri, 18 Feb 2022 09:02:13 GMT (RFC 2822). A strict pattern rather than
# email.utils.parsedate_to_datetime: that function accepts junk and invents 00:00 and a zone when
# the text has none, which would hide has_time/has_timezone.
_DAY_MONTH_YEAR = _pattern(
    rf"(?<![0-9A-Za-z])(?:{_WEEKDAY})?(?P<day>[0-9]{{1,2}}){_ORDINAL}{_HS}+(?:of{_HS}+)?"
    rf"(?P<month_name>{_MONTH_NAME}),?{_HS}+(?P<year>[0-9]{{4}})(?![0-9]){_ENGLISH_TIME}"
)
# ISO 8601 basic format (20220124). Value-only: in body text an 8-digit number is rarely a date.
_BASIC_DATE = _pattern(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
# Unix seconds. Ten digits covers 2001-09-09 .. 2286; shorter or longer numbers are ids, not times.
_TIMESTAMP = _pattern(r"[0-9]{10}")

_VALUE_SHAPES = (_NUMERIC_DATE, _CJK_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _BASIC_DATE)
_TEXT_SHAPES = (_NUMERIC_DATE, _CJK_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR)
# "since March 5, 2021, the company ..." is prose; an unlabelled English date is a dateline only
# when it is alone on its line.
_OWN_LINE_SHAPES = (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR)

_DIGITS = _pattern(r"[0-9]+")
_PM = _pattern(r"[Pp]\.?[Mm]")
_AM = _pattern(r"[Aa]\.?[Mm]")

# --- Dateline labels -------------------------------------------------------------------------------

_CJK_CHAR = r"[\u3400-\u9fff\uf900-\ufaff]"
# Characters that, right before a date, make it part of a sentence: prepositions and verbs that take a
# time (于 在 至 到 自 从 由, 截至 and 截止 end in 至 and 止) and conjunctions between two dates.
_TAKES_A_DATE = frozenset("于於在至止到自从從由及和与與或是为為即")
_LABEL_COLON = r"\s*[:：]?\s*"
_CJK_DATE_WORD = r"(?:时间|時間|日期)"
# 发布时间, 發佈時間, 发稿日期, 发表于 ...; a bare 时间/日期 only when no other CJK character precedes it,
# so 截止日期 (deadline), 开会时间 (meeting time) and 更新时间 (an update label) are not read as one.
_CJK_PUBLISHED_LABEL = _pattern(
    rf"(?:(?:发布|發布|發佈|发佈|发表|發表|发稿|發稿|刊发|刊發|出版|成文|公布|公佈|上传|上傳){_CJK_DATE_WORD}"
    rf"|(?<!{_CJK_CHAR}){_CJK_DATE_WORD}|(?:发表|發表|发布|發布|發佈|发佈)[于於]){_LABEL_COLON}"
)
_CJK_UPDATED_LABEL = _pattern(rf"(?:更新|修改|修订|修訂)(?:{_CJK_DATE_WORD}|[于於]){_LABEL_COLON}")
_ENGLISH_PUBLISHED_LABEL = _pattern(
    r"(?<![A-Za-z])(?:(?i:(?:first\s+)?published|posted)(?:\s+on)?\s*:?|(?i:date)\s*:)\s*"
)
_ENGLISH_UPDATED_LABEL = _pattern(r"(?<![A-Za-z])(?i:(?:last\s+)?(?:updated|modified))(?:\s+on)?\s*:?\s*")
# "By Jane Doe | March 5, 2021": in a line starting with "By", each "|" is a possible date label.
_BYLINE = _pattern(r"(?m)^[ \t]*(?i:by)[ \t][^\n]*")
_BYLINE_PIPE = _pattern(r"[|｜][ \t]*")

# More than the longest date text a shape can match in practice
# ("Wednesday, September 30th, 2021 at 10:30:00.123456789 p.m. UTC+08:00" is 68).
_DATE_TEXT_MARGIN = 200

# A date outside this range in body text is a phone number, an id or a typo, not a publication date.
_DATELINE_YEARS = range(1900, 2101)


# --- Parsing -----------------------------------------------------------------------------------------


def parse_date(value: object) -> ParsedDate | None:
    """Parse a front-matter date value; None when it is not, in full, a date in a known shape."""
    if isinstance(value, datetime.datetime):  # before date: datetime is a date subclass
        return ParsedDate(value, has_time=True, has_timezone=value.utcoffset() is not None)
    if isinstance(value, datetime.date):
        return ParsedDate(value, has_time=False, has_timezone=False)
    if isinstance(value, bool):  # bool is an int subclass; YAML "yes" is not a timestamp
        return None
    if isinstance(value, int):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _TIMESTAMP.fullmatch(text):
        return _from_timestamp(int(text))
    for shape in _VALUE_SHAPES:
        match = shape.fullmatch(text)
        if match:
            return _from_match(match)
    return None


def _from_timestamp(seconds: int) -> ParsedDate | None:
    if not 1_000_000_000 <= seconds <= 9_999_999_999:
        return None
    value = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return ParsedDate(value, has_time=True, has_timezone=True)


def _from_match(match: Match[str]) -> ParsedDate | None:
    """Build the date a shape pattern matched; None when the fields are out of range (2022-13-45)."""
    parts = match.groupdict()
    try:
        year, day = int(parts["year"]), int(parts["day"])
        month = int(parts["month"]) if parts.get("month") else _MONTH_NUMBERS[parts["month_name"][:3].lower()]
        if not parts.get("time"):
            return ParsedDate(datetime.date(year, month, day), has_time=False, has_timezone=False)
        hour, minute, second, microsecond = _clock(parts["time"])
        tzinfo = _tzinfo(parts["zone"]) if parts.get("zone") else None
        value = datetime.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=tzinfo)
    except ValueError:
        return None
    return ParsedDate(value, has_time=True, has_timezone=tzinfo is not None)


def _clock(text: str) -> tuple[int, int, int, int]:
    """Hour, minute, second, microsecond of "22:56:53.5", "10:00 PM" or "10时30分"; ValueError if bad."""
    numbers = _DIGITS.findall(text)
    hour, minute = int(numbers[0]), int(numbers[1])
    second = int(numbers[2]) if len(numbers) > 2 else 0
    # Fractions beyond microseconds (Hugo writes nanoseconds) are truncated, not rounded.
    microsecond = int(numbers[3][:6].ljust(6, "0")) if len(numbers) > 3 else 0
    is_pm, is_am = bool(_PM.search(text)), bool(_AM.search(text))
    if is_pm or is_am:
        if not 1 <= hour <= 12:  # "13:00 PM" and "0:30 AM" contradict themselves
            raise ValueError(f"bad 12-hour clock: {text!r}")
        hour = hour % 12 + (12 if is_pm else 0)
    return hour, minute, second, microsecond


def _tzinfo(zone: str) -> datetime.timezone:
    """A fixed-offset tzinfo for "Z", "GMT", "EST", "+0800", "+08:00", "UTC+8"; ValueError if bad."""
    if zone in _ZONE_HOURS:
        return datetime.timezone(datetime.timedelta(hours=_ZONE_HOURS[zone]))
    digits = "".join(_DIGITS.findall(zone))  # "+08:00" -> "0800", "UTC+8" -> "8"
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if minutes >= 60:
        raise ValueError(f"bad UTC offset: {zone!r}")
    sign = -1 if "-" in zone else 1
    # timezone() itself rejects offsets of 24 hours or more.
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))


# --- Datelines ---------------------------------------------------------------------------------------


def find_dateline(text: str, *, search_chars: int = 3000) -> Dateline | None:
    """Find the publication date stated near the top of an article body.

    Only dates starting within the first ``search_chars`` characters are considered. A date after a
    publish label (发布时间：, 時間:, Published:, Posted on, Date:, a "|" in a "By ..." line) wins; then
    one after an update label (更新时间, Updated:); then an unlabelled date. Within each kind the first
    occurrence wins. An unlabelled date must not follow a Chinese preposition or verb that takes it
    (于, 在, 截至...; an English one must stand alone on its line): a date inside a sentence is what the
    article is about. A year or a month and day alone is never a dateline.
    """
    # Work on a prefix so a long body without a date costs nothing; the margin keeps a date that
    # starts inside the window whole instead of cutting it (and its lookaheads) at the edge.
    text = text[: max(search_chars, 0) + _DATE_TEXT_MARGIN]
    published_starts = _merged(
        _label_ends(text, _CJK_PUBLISHED_LABEL, search_chars),
        _label_ends(text, _ENGLISH_PUBLISHED_LABEL, search_chars),
        _byline_pipe_ends(text, search_chars),
    )
    updated_starts = _merged(
        _label_ends(text, _CJK_UPDATED_LABEL, search_chars),
        _label_ends(text, _ENGLISH_UPDATED_LABEL, search_chars),
    )
    for starts in (published_starts, updated_starts):
        for start in starts:
            dateline = _dateline_at(text, start)
            if dateline:
                return dateline
    return _first_unlabelled(text, search_chars)


def _label_ends(text: str, label: LazyPattern, limit: int) -> Iterator[int]:
    """Offsets right after each label (and its colon) that starts within the first ``limit`` chars."""
    for match in label.finditer(text):
        if match.start() >= limit:
            return
        yield match.end()


def _byline_pipe_ends(text: str, limit: int) -> Iterator[int]:
    for line in _BYLINE.finditer(text):
        if line.start() >= limit:
            return
        for pipe in _BYLINE_PIPE.finditer(text, line.start(), line.end()):
            yield pipe.end()


def _merged(*offsets: Iterator[int]) -> list[int]:
    return sorted(offset for group in offsets for offset in group)


def _dateline_at(text: str, start: int) -> Dateline | None:
    """The longest valid date starting exactly at ``start`` (the label's date runs up to e.g. 來源)."""
    found = (_dateline(match) for shape in _TEXT_SHAPES if (match := shape.match(text, start)))
    return _earliest(dateline for dateline in found if dateline)


def _first_unlabelled(text: str, limit: int) -> Dateline | None:
    candidates = []
    for shape in _TEXT_SHAPES:
        for match in shape.finditer(text):
            if match.start() >= limit:
                break
            in_prose = (
                not _alone_on_line(text, match) if shape in _OWN_LINE_SHAPES else _inside_cjk_sentence(text, match)
            )
            if in_prose:
                continue
            dateline = _dateline(match)
            if dateline:
                candidates.append(dateline)
                break  # later matches of this shape cannot be earlier
    return _earliest(candidates)


def _earliest(datelines: Iterator[Dateline] | Sequence[Dateline]) -> Dateline | None:
    """First by position; at the same position the longest, so a date's time of day is kept."""
    return min(datelines, key=lambda dateline: (dateline.start, -dateline.end), default=None)


def _dateline(match: Match[str]) -> Dateline | None:
    parsed = _from_match(match)
    if parsed is None or parsed.value.year not in _DATELINE_YEARS:
        return None
    return Dateline(parsed, match.start(), match.end(), match.group())


def _inside_cjk_sentence(text: str, match: Match[str]) -> bool:
    """Whether the date is written into a Chinese sentence, right after a preposition or verb that takes
    it ("该修正案于2016年10月15日通过", "截至2021年2月28日"): what the article is about, not when it
    was published. A dateline stands apart, or after a source ("新华社北京2021年3月5日电", "新华网2021-03-05")."""
    return match.start() > 0 and text[match.start() - 1] in _TAKES_A_DATE


def _alone_on_line(text: str, match: Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    if line_end == -1:
        line_end = len(text)
    return not text[line_start : match.start()].strip() and not text[match.end() : line_end].strip()


# --- File names and formatting -----------------------------------------------------------------------

# Jekyll's own rule (_posts/YYYY-M-D-slug.ext) also allows one-digit months and days.
_FILENAME_DATE = _pattern(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})[-_]")
_PATH_SEPARATORS = _pattern(r"[\\/]")


def date_from_filename(name: str) -> ParsedDate | None:
    """The date of a Jekyll-style post name "2021-01-08-slug.md"; the path's directories are ignored.

    Scrapers often flatten paths into names like "_posts__2021-01-08-slug.md", so the part after the
    last "__" is tried too.
    """
    basename = _PATH_SEPARATORS.split(name)[-1]
    for candidate in (basename, basename.rsplit("__", 1)[-1]):
        match = _FILENAME_DATE.match(candidate)
        if match:
            return _from_match(match)
    return None


def format_date(parsed: ParsedDate) -> str:
    """Render as Jekyll writes front matter: "2022-05-13", "2023-07-28 09:44:00", "... 22:56:53 +0800".

    Seconds are always written and fractions of a second dropped, as Jekyll does.
    """
    value = parsed.value
    if not parsed.has_time or not isinstance(value, datetime.datetime):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return day.isoformat()
    text = f"{value.date().isoformat()} {value:%H:%M:%S}"
    offset = value.utcoffset() if parsed.has_timezone else None
    if offset is None:
        return text
    sign = "-" if offset < datetime.timedelta(0) else "+"
    minutes = abs(offset) // datetime.timedelta(minutes=1)
    return f"{text} {sign}{minutes // 60:02d}{minutes % 60:02d}"

"""Tests for plugins/scrapelint_dates/dateparse.py: value parsing, datelines, file names, formatting."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from scrapelint_dates.dateparse import ParsedDate, date_from_filename, find_dateline, format_date, parse_date

UTC = timezone.utc


def tz(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


def d(*args: int) -> ParsedDate:
    return ParsedDate(date(*args), has_time=False, has_timezone=False)


def naive(*args: int) -> ParsedDate:
    return ParsedDate(datetime(*args), has_time=True, has_timezone=False)


def aware(*args: int, tzinfo: timezone) -> ParsedDate:
    return ParsedDate(datetime(*args, tzinfo=tzinfo), has_time=True, has_timezone=True)


# --- parse_date ------------------------------------------------------------------------------------

PARSEABLE = [
    # ISO 8601
    ("2022-01-24", d(2022, 1, 24)),
    ("2022-1-5", d(2022, 1, 5)),
    ("20220124", d(2022, 1, 24)),
    ("2022-01-24T22:56:53", naive(2022, 1, 24, 22, 56, 53)),
    ("2022-01-24T22:56:53Z", aware(2022, 1, 24, 22, 56, 53, tzinfo=UTC)),
    ("2009-09-07T23:15:05+02:00", aware(2009, 9, 7, 23, 15, 5, tzinfo=tz(2))),
    ("2022-01-24T22:56:53.5", naive(2022, 1, 24, 22, 56, 53, 500000)),
    ("2022-01-24T22:56:53.123456789+08:00", aware(2022, 1, 24, 22, 56, 53, 123456, tzinfo=tz(8))),
    ("2022-01-24 22:56", naive(2022, 1, 24, 22, 56)),
    # Jekyll
    ("2022-01-24 22:56:53 +0800", aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(8))),
    ("2022-01-24 22:56:53 +08:00", aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(8))),
    ("2022-01-24 22:56:53 -0530", aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(-5, -30))),
    ("2009-10-05 23:39:59 UTC", aware(2009, 10, 5, 23, 39, 59, tzinfo=UTC)),
    ("2009-10-05 23:39:59 GMT", aware(2009, 10, 5, 23, 39, 59, tzinfo=UTC)),
    ("2009-10-05 23:39:59 Z", aware(2009, 10, 5, 23, 39, 59, tzinfo=UTC)),
    ("2022-01-24 22:56:53 UTC+8", aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(8))),
    ("2022-01-24 22:56 EST", aware(2022, 1, 24, 22, 56, tzinfo=tz(-5))),
    # RFC 2822
    ("Fri, 18 Feb 2022 09:02:13 GMT", aware(2022, 2, 18, 9, 2, 13, tzinfo=UTC)),
    ("Tue, 23 Nov 2021 06:03:01 +0000", aware(2021, 11, 23, 6, 3, 1, tzinfo=UTC)),
    ("Sun, 15 May 2022 05:10:40 GMT", aware(2022, 5, 15, 5, 10, 40, tzinfo=UTC)),
    ("18 Feb 2022 09:02:13 -0500", aware(2022, 2, 18, 9, 2, 13, tzinfo=tz(-5))),
    # Slashes
    ("2013/7/13 20:46:25", naive(2013, 7, 13, 20, 46, 25)),
    ("2013/07/13", d(2013, 7, 13)),
    ("2013/7/13 20:46", naive(2013, 7, 13, 20, 46)),
    # Chinese
    ("2022年5月13日", d(2022, 5, 13)),
    ("2022年5月13日 10:30", naive(2022, 5, 13, 10, 30)),
    ("2022年05月13日10:30:00", naive(2022, 5, 13, 10, 30)),
    ("2022年5月13日 10时30分", naive(2022, 5, 13, 10, 30)),
    ("2022 年 5 月 13 日", d(2022, 5, 13)),
    # English month names
    ("March 5, 2021", d(2021, 3, 5)),
    ("5 March 2021", d(2021, 3, 5)),
    ("Mar 5, 2021 10:00 AM", naive(2021, 3, 5, 10, 0)),
    ("Mar. 5th, 2021 at 10:00 p.m. EST", aware(2021, 3, 5, 22, 0, tzinfo=tz(-5))),
    ("Friday, March 5, 2021", d(2021, 3, 5)),
    ("Sept 5 2021", d(2021, 9, 5)),
    ("March 5, 2021 12:30 AM", naive(2021, 3, 5, 0, 30)),
    ("March 5, 2021 12:00 PM", naive(2021, 3, 5, 12, 0)),
    # Unix timestamp as a string
    ("1643036213", aware(2022, 1, 24, 14, 56, 53, tzinfo=UTC)),
    # Surrounding whitespace, including the ideographic space
    ("  2022-01-24 \n", d(2022, 1, 24)),
    ("\u30002022年5月13日\u3000", d(2022, 5, 13)),
]


@pytest.mark.parametrize(("text", "expected"), PARSEABLE)
def test_parse_date_accepts(text: str, expected: ParsedDate) -> None:
    assert parse_date(text) == expected


UNPARSEABLE = [
    "",
    "   ",
    "  +0800",
    "TBD",
    "2022-13-45",
    "2021-02-29",  # not a leap year
    "2022-01-24 foo",
    "2022-01-24 22:56:53 +0800 extra",
    "2022-01-24T",
    "2022-01-24 25:00",
    "2022-01-24 10:60",
    "2022-01-24 13:00 PM",
    "2022-01-24 0:30 AM",
    "2022-01-24 10:00 +2400",
    "2022-01-24 10:00 +0860",
    "2022-01-24 10:00 ABC",
    "2022-01-24 +0800",  # a zone needs a time
    "2022-05/13",  # mixed separators
    "05/03/2021",  # day-first or month-first: ambiguous
    "2022",
    "2022-05",
    "5月13日",
    "2035年",
    "2022年5月13日下午",
    "March 2021",
    "March 5",
    "Marchy 5, 2021",
    "Fri, 18 Feb 22 09:02:13 GMT",  # two-digit year
    "1.2",
    "v1.2.3",
    "123456789",  # too short for a timestamp
    "13800138000",  # eleven digits: a phone number
]


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


NON_STRING_VALUES = [
    (date(2022, 1, 24), d(2022, 1, 24)),
    (datetime(2022, 1, 24, 0, 0), naive(2022, 1, 24, 0, 0)),
    (datetime(2022, 1, 24, 22, 56, tzinfo=tz(8)), aware(2022, 1, 24, 22, 56, tzinfo=tz(8))),
    (1643036213, aware(2022, 1, 24, 14, 56, 53, tzinfo=UTC)),
    (20220124, None),  # an unquoted YAML 20220124 is an int, and not a plausible timestamp
    (True, None),
    (None, None),
    (3.14, None),
    ([], None),
    ({}, None),
    (time(10, 30), None),
]


@pytest.mark.parametrize(("value", "expected"), NON_STRING_VALUES)
def test_parse_date_non_strings(value: object, expected: ParsedDate | None) -> None:
    assert parse_date(value) == expected


# --- find_dateline ---------------------------------------------------------------------------------

XIZANG_ARTICLE = (
    "中國西藏網 > 即時新聞 > 時政\n\n"
    "我國專精特新“小巨人”企業數量已達1.2萬家\n\n"
    "發布時間:2023-07-28 09:44:00來源: 央視新聞客戶端\n\n"
    "  2023全國專精特新中小企業發展大會今天(26日)在浙江杭州舉行。\n"
)

# (body, expected date text, its start offset, expected date)
DATELINES = [
    # Chinese labels
    (XIZANG_ARTICLE, "2023-07-28 09:44:00", 48, naive(2023, 7, 28, 9, 44)),
    ("标题\n发布时间：2022-05-13 10:00\n正文", "2022-05-13 10:00", 8, naive(2022, 5, 13, 10, 0)),
    ("發佈時間 : 2022/5/13 10:00|來源", "2022/5/13 10:00", 7, naive(2022, 5, 13, 10, 0)),
    ("时间：2022年5月13日 10:30 来源：新华网", "2022年5月13日 10:30", 3, naive(2022, 5, 13, 10, 30)),
    ("時間：2022-05-13", "2022-05-13", 3, d(2022, 5, 13)),
    ("日期：2022年05月13日", "2022年05月13日", 3, d(2022, 5, 13)),
    ("张三 发表于 2022-5-13 10:30", "2022-5-13 10:30", 7, naive(2022, 5, 13, 10, 30)),
    ("發表於2022-05-13", "2022-05-13", 3, d(2022, 5, 13)),
    ("本文发布时间：2022-05-13", "2022-05-13", 7, d(2022, 5, 13)),
    ("<p>发布时间：<span>2022-05-13</span></p>", "2022-05-13", 14, d(2022, 5, 13)),
    ("更新时间：2022-05-14 08:00", "2022-05-14 08:00", 5, naive(2022, 5, 14, 8, 0)),
    # Chinese, unlabelled
    ("来源：新华网 2022-05-13", "2022-05-13", 7, d(2022, 5, 13)),
    # A wire service's dateline follows its name and city with no space.
    ("新华社北京2021年3月5日电（记者张三）", "2021年3月5日", 5, d(2021, 3, 5)),
    ("中新网2021年3月5日电", "2021年3月5日", 3, d(2021, 3, 5)),
    ("新华网\n2022年5月13日\n正文", "2022年5月13日", 4, d(2022, 5, 13)),
    ("2022年5月13日10时30分 来源", "2022年5月13日10时30分", 0, naive(2022, 5, 13, 10, 30)),
    ("2022-05-13 10:30:00  来源：新华网", "2022-05-13 10:30:00", 0, naive(2022, 5, 13, 10, 30)),
    # English labels
    ("Published: March 5, 2021\n\nBody", "March 5, 2021", 11, d(2021, 3, 5)),
    ("Posted on 2021-03-05 by admin", "2021-03-05", 10, d(2021, 3, 5)),
    ("Posted on March 5th, 2021", "March 5th, 2021", 10, d(2021, 3, 5)),
    ("Updated: Mar 5, 2021 10:00 AM", "Mar 5, 2021 10:00 AM", 9, naive(2021, 3, 5, 10, 0)),
    ("Date: 2021-03-05", "2021-03-05", 6, d(2021, 3, 5)),
    (
        "Published: 2021-03-05T10:00:00Z",
        "2021-03-05T10:00:00Z",
        11,
        aware(2021, 3, 5, 10, 0, tzinfo=UTC),
    ),
    ("By Jane Doe | March 5, 2021", "March 5, 2021", 14, d(2021, 3, 5)),
    ("By Jane Doe | Reuters | March 5, 2021 | 3 min read", "March 5, 2021", 24, d(2021, 3, 5)),
    # English, unlabelled: alone on its line
    ("Headline\nMarch 5, 2021\n\nBody", "March 5, 2021", 9, d(2021, 3, 5)),
    ("Headline\n  Friday, 5 March 2021  \nBody", "Friday, 5 March 2021", 11, d(2021, 3, 5)),
    # Precedence: publish label > update label > unlabelled; first occurrence within a kind
    ("2020年1月1日 旧闻\n发布时间：2022-05-13", "2022-05-13", 18, d(2022, 5, 13)),
    (
        "更新时间：2022-05-14 08:00\n发布时间：2022-05-13 10:00",
        "2022-05-13 10:00",
        27,
        naive(2022, 5, 13, 10, 0),
    ),
    ("Updated March 6, 2021\nPublished March 5, 2021", "March 5, 2021", 32, d(2021, 3, 5)),
    ("发布时间：2022-05-13\n时间：2022-05-14", "2022-05-13", 5, d(2022, 5, 13)),
    ("March 5, 2021\n2022-05-13", "March 5, 2021", 0, d(2021, 3, 5)),
    ("2022-05-13\nMarch 5, 2021", "2022-05-13", 0, d(2022, 5, 13)),
    # A label without a date after it falls through to the next candidate
    ("发布时间：待定\n2022年5月13日", "2022年5月13日", 8, d(2022, 5, 13)),
    # 截止日期 (deadline) is not a label, so the later 发稿时间 wins
    ("截止日期：2022-05-20\n发稿时间：2022-05-13", "2022-05-13", 21, d(2022, 5, 13)),
]


@pytest.mark.parametrize(("body", "expected_text", "expected_start", "expected_date"), DATELINES)
def test_find_dateline(body: str, expected_text: str, expected_start: int, expected_date: ParsedDate) -> None:
    found = find_dateline(body)
    assert found is not None
    assert (found.text, found.start, found.end) == (
        expected_text,
        expected_start,
        expected_start + len(expected_text),
    )
    assert body[found.start : found.end] == found.text
    assert found.date == expected_date


NO_DATELINE = [
    "",
    "工業和信息化部將在“十四五”期間...力爭到2025年通過中小企業",
    "11月23日，在国务院新闻办举行",
    "《国民经济和社会发展第十四个五年规划和2035年远景目标纲要》",
    "5月13日下午，由工业和信息化部",
    "企業數量已達1.2萬家",
    "升级到 v2.1.3 版本，Python 3.11",
    "客服电话：400-810-5999 或 010-62345678",
    "电话：0755-12-12",  # year 755: not a plausible publication date
    "since March 5, 2021, the company grew",  # English prose, not alone on its line
    # Dates written into a Chinese sentence are what the article is about, not when it was published.
    "（以下简称《基加利修正案》）已正式生效。《基加利修正案》于2016年10月15日在卢旺达基加利通过。",
    "据统计，截至2021年2月28日，全国共有网约车平台公司236家。",
    "In March 2021 we",
    "Published: yesterday",
    "时间：下午三点",
    "By Jane Doe, staff | 3 min read",
    "https://example.com/2022/05/13/story.html",
    "see release-2022-05-13.tar.gz",
]


@pytest.mark.parametrize("body", NO_DATELINE)
def test_find_dateline_none(body: str) -> None:
    assert find_dateline(body) is None


def test_find_dateline_ignores_dates_past_search_chars() -> None:
    body = "x" * 100 + "\n发布时间：2022-05-13"
    assert find_dateline(body, search_chars=100) is None
    assert find_dateline(body, search_chars=200).text == "2022-05-13"


def test_find_dateline_keeps_a_date_that_starts_inside_the_window() -> None:
    body = "x" * 95 + "\n2022-05-13 10:30:00"
    found = find_dateline(body, search_chars=100)
    assert (found.text, found.start) == ("2022-05-13 10:30:00", 96)


def test_find_dateline_default_window_is_3000_chars() -> None:
    assert find_dateline("x" * 2998 + " 2022-05-13").start == 2999
    assert find_dateline("x" * 2999 + " 2022-05-13") is None


# --- date_from_filename ----------------------------------------------------------------------------

FILENAMES = [
    ("2021-01-08-some-slug.md", d(2021, 1, 8)),
    ("_posts/2021-01-08-some-slug.md", d(2021, 1, 8)),
    ("site\\_posts\\2021-01-08-slug.html", d(2021, 1, 8)),
    ("2021-01-08_slug.md", d(2021, 1, 8)),
    ("2021-1-8-slug.md", d(2021, 1, 8)),  # Jekyll accepts one-digit months and days
    ("_posts__2021-01-08-Scottish nationalism.md", d(2021, 1, 8)),
    ("blog__source___posts__2021-01-08-x.md", d(2021, 1, 8)),
    ("2021-02-30-slug.md", None),
    ("_posts__2021-02-30-slug.md", None),
    ("2021-01-08.md", None),
    ("2021-01-08", None),
    ("slug-2021-01-08-x.md", None),
    ("20210108-slug.md", None),
    ("2021-01-08-slug/index.md", None),
    ("about.md", None),
]


@pytest.mark.parametrize(("name", "expected"), FILENAMES)
def test_date_from_filename(name: str, expected: ParsedDate | None) -> None:
    assert date_from_filename(name) == expected


# --- format_date -----------------------------------------------------------------------------------

FORMATTED = [
    (d(2022, 5, 13), "2022-05-13"),
    (naive(2023, 7, 28, 9, 44), "2023-07-28 09:44:00"),
    (naive(2023, 7, 28, 9, 44, 0, 999999), "2023-07-28 09:44:00"),
    (aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(8)), "2022-01-24 22:56:53 +0800"),
    (aware(2022, 1, 24, 22, 56, 53, tzinfo=tz(-5, -30)), "2022-01-24 22:56:53 -0530"),
    (aware(2022, 2, 18, 9, 2, 13, tzinfo=UTC), "2022-02-18 09:02:13 +0000"),
    # The flags decide what is written, not just the value's type.
    (ParsedDate(datetime(2022, 1, 24, 22, 56, tzinfo=tz(8)), True, False), "2022-01-24 22:56:00"),
    (ParsedDate(datetime(2022, 1, 24, 22, 56), False, False), "2022-01-24"),
]


@pytest.mark.parametrize(("parsed", "expected"), FORMATTED)
def test_format_date(parsed: ParsedDate, expected: str) -> None:
    assert format_date(parsed) == expected


@pytest.mark.parametrize(
    "text",
    ["2022-05-13", "2023-07-28 09:44:00", "2022-01-24 22:56:53 +0800", "2022-01-24 22:56:53 -0530"],
)
def test_format_date_round_trips_jekyll_dates(text: str) -> None:
    assert format_date(parse_date(text)) == text


def test_real_article_end_to_end() -> None:
    found = find_dateline(XIZANG_ARTICLE)
    assert found.date.value == datetime(2023, 7, 28, 9, 44)
    assert (found.date.has_time, found.date.has_timezone) == (True, False)
    assert format_date(found.date) == "2023-07-28 09:44:00"

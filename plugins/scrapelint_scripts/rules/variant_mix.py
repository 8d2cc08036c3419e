"""SC001: Simplified and Traditional Chinese mixed in one document."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding, Fix, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_scripts.names import in_proper_name
from scrapelint_scripts.regions import Region, body_regions, front_matter_region_at, in_url
from scrapelint_scripts.scan import pack_scan
from scrapelint_scripts.variants import (
    HAN,
    KANA,
    LABEL,
    OTHER,
    Variant,
    conversion_config,
    convert,
    variant_pattern,
    variant_tables,
)

TAXONOMY_FIELDS = [
    "author",
    "authors",
    "categories",
    "category",
    "column",
    "keywords",
    "publisher",
    "section",
    "series",
    "site",
    "source",
    "tag",
    "tags",
]
# A run of the other variant is extended over neutral characters up to these, never past them.
_STOPS = frozenset("\r\n。！？；!?;「」『』“”‘’\"'《》〈〉（）()[]【】")
# What may end a quoted sentence before its closing mark.
_CLOSING_PUNCTUATION = frozenset("。！？；!?;…")
_OPENING_QUOTES = {"「": "」", "『": "』", "“": "”", "‘": "’", '"': '"', "《": "》", "〈": "〉", "（": "）", "(": ")"}


class _Run(NamedTuple):
    """Characters of the minority variant, from the first to the last, with no majority character
    between them (text[start:end] starts and ends with one)."""

    region: Region
    start: int
    end: int
    count: int  # characters of the minority variant in it


class VariantVolume(NamedTuple):
    """How much of the document's text is written in each variant: the characters its runs span."""

    simplified: int
    traditional: int

    @property
    def majority(self) -> Variant:
        return "traditional" if self.traditional > self.simplified else "simplified"


VARIANTS: tuple[Variant, Variant] = ("simplified", "traditional")
_URL = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*://\S*|www\.\S+")
_TAG = LazyPattern(r"<(?:!--.*?-->|[A-Za-z/!?][^>]*>)", re.DOTALL)


class ChineseVariantMix(Rule):
    """
    ## What it does
    Finds Simplified and Traditional Chinese mixed in one document. Characters unique to one variant
    (from OpenCC's character tables; characters both use are neutral, and Taiwan and Hong Kong forms
    such as 為, 眾, 啟 and 綫 count as Traditional) are counted in the body's visible text (in the front
    matter too when the body has none); the variant with more of them is the document's. Front-matter
    values and the visible body text are then read for the other variant. Two things are reported:

    - **a run of text in the other variant**: at least `min-run-chars` characters of it with none of
      the document's own between them (a Simplified spam footer in a Traditional article); the span
      is extended over the neutral characters around it to the sentence or line;
    - **a word or value that mixes the variants**: a character distinctive of the other variant
      directly next to one of the document's own (`国內`, `分析師赋能`); the span is that word's
      characters of the other variant.

    A lone character of the other variant that is not next to one of the document's own (a quoted
    form) is not reported, nor is one in a proper name (a person, place or organisation, as the jieba
    segmenter tags the clause: 副总统賴清德), nor a short quotation in the other variant (“…噤聲？”: the
    quoted sentence's own punctuation may close it inside the marks). A whole taxonomy value (category,
    tags, author) in the other variant is the corpus owner's choice, not mixing: in those fields only
    mixed words count. URLs, markup and the targets of Markdown links are not read, and text next to
    Japanese kana is not judged (Japanese kanji mix both variants' forms).

    "Distinctive" leaves out the characters OpenCC calls Simplified that Traditional writers use too
    (in Big5-HKSCS, such as 吓 and 够, or in JIS X 0208, such as 内 and 没): a Hong Kong article that
    writes 填寫内容 is not reported for it.

    ## Why is this bad?
    A corpus meant to be in one variant that carries the other has been assembled from mismatched
    sources or carries injected text: spam footers are often in the other variant. Mixed text reads
    as an error to readers, breaks search (国内 and 國內 are different strings) and skews language
    models trained on it.

    ## Example
    ```markdown
    ---
    categories:
      - 財經－分析師赋能
    ---
    截至目前，我國已累計培育專精特新「小巨人」企業1.2萬餘家，專精特新中小企業超過9.8萬家。
    免费A级毛片无码A∨中文字幕下载 | 亚洲午夜无码AV毛片久久
    ```

    Use instead (the spam line deleted, the category's word converted):
    ```markdown
    ---
    categories:
      - 財經－分析師賦能
    ---
    截至目前，我國已累計培育專精特新「小巨人」企業1.2萬餘家，專精特新中小企業超過9.8萬家。
    ```

    ## Fix
    Unsafe: converts the run to the document's variant with OpenCC (`t2s`, or `s2tw`, `s2hk` or
    `s2t` following the regional forms the document uses), using the surrounding characters as
    context for characters with several forms. It changes only the run's span. A run that is spam is
    better deleted: the conversion keeps its words.

    ## Options
    - `min-run-chars` (integer, default 5): characters of the other variant a run needs to be reported
      as text in the other variant.
    - `min-quoted-run-chars` (integer, default 12): the same for a run inside quotation marks or
      brackets (「」 “” 《》 ...), where the other variant is usually a quotation.
    - `mixed-words` (boolean, default true): report a distinctive character of the other variant next
      to one of the document's own.
    - `taxonomy-fields` (list of strings): front-matter fields whose values may be wholly in the
      other variant (default: author, authors, categories, category, column, keywords, publisher,
      section, series, site, source, tag, tags).
    """

    code = "SC001"
    name = "chinese-variant-mix"
    summary = "Simplified and Traditional Chinese mixed in one document"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE
    options = {
        "min-run-chars": Option(int, 5, "characters of the other variant a run needs to be reported"),
        "min-quoted-run-chars": Option(int, 12, "the same for a run inside quotation marks or brackets"),
        "mixed-words": Option(bool, True, "report a distinctive character next to one of the document's own"),
        "taxonomy-fields": Option(list, TAXONOMY_FIELDS, "fields whose values may be in the other variant", str),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if text.isascii():
            return
        scan = pack_scan(doc)  # a document in one variant ends here
        if not scan.mixed:
            return
        volume = _volume(doc, scan.first)
        majority = volume.majority
        minority = OTHER[majority]
        taxonomy = self._taxonomy()
        body_start = doc.body_start
        body: _Regions | None = None
        for positions in _minority_groups(text, scan.first[minority], minority):
            if not self._may_report(text, positions, majority):
                continue  # most groups: a stray character or two, with no region worked out for them
            if positions[0] < body_start:
                region = front_matter_region_at(doc, positions[0])
                regions = _Regions([region] if region else [])
            else:
                # The body's visible text is only worked out for a document with a run in its body.
                if body is None:
                    body = _Regions(body_regions(doc))
                regions = body
            for run in regions.split(positions):
                if in_url(text, run.start):
                    continue
                findings = self._judge(doc, run, majority, volume, taxonomy)
                if findings and _near_kana(text, run.start):
                    continue  # Japanese: its kanji mix both variants' forms by nature
                yield from findings

    def _taxonomy(self) -> frozenset[str]:
        taxonomy = getattr(self, "_taxonomy_fields", None)
        if taxonomy is None:
            taxonomy = self._taxonomy_fields = frozenset(name.lower() for name in self.settings["taxonomy-fields"])
        return taxonomy

    # -- judging a run ---------------------------------------------------------------------------

    def _may_report(self, text: str, positions: list[int], majority: Variant) -> bool:
        """Whether a group of the minority's characters can give a finding, told before its regions
        are worked out (the body's visible text costs a tokenizer pass). ``_judge`` reports a run, a
        part of a group, only when it holds at least ``min-run-chars`` or ``min-quoted-run-chars``
        characters, or when a distinctive character at one of its ends stands next to a majority
        character: with neither anywhere in the group, none of its runs can be reported."""
        if len(positions) >= min(self.settings["min-run-chars"], self.settings["min-quoted-run-chars"]):
            return True
        if not self.settings["mixed-words"]:
            return False
        tables = variant_tables()
        distinctive = tables.distinctive[OTHER[majority]]
        majority_chars = tables.traditional if majority == "traditional" else tables.simplified
        return any(
            text[position] in distinctive
            and (text[position - 1 : position] in majority_chars or text[position + 1 : position + 2] in majority_chars)
            for position in positions
        )

    def _judge(
        self, doc: Document, run: _Run, majority: Variant, volume: VariantVolume, taxonomy: frozenset[str]
    ) -> list[Finding]:
        """The run as text in the other variant, or the mixed words at its ends (one at each end at most)."""
        text = doc.text
        tables = variant_tables()
        minority = OTHER[majority]
        first, last = run.start, run.end
        minority_chars = variant_pattern(minority).findall(text, first, last)
        in_taxonomy = run.region.field in taxonomy
        start, end = self._extend(text, run.region, first, last, majority)
        quoted = _quoted(text, run.region, start, end)
        needed = self.settings["min-quoted-run-chars"] if quoted else self.settings["min-run-chars"]
        data = {
            "majority": majority,
            "minority": minority,
            "minority_chars": len(minority_chars),
            "characters": "".join(dict.fromkeys(minority_chars)),
            "document_volume": {"simplified": volume.simplified, "traditional": volume.traditional},
        }
        if not in_taxonomy and len(minority_chars) >= needed:
            data["kind"] = "run"
            message = (
                f"{LABEL[minority]} text in a {LABEL[majority]} document: "
                f"{len(minority_chars)} {LABEL[minority]} characters in '{_excerpt(text[start:end])}'"
            )
            return [self.finding(start, end, message, fix=self._fix(doc, start, end, run, majority), data=data)]
        if not self.settings["mixed-words"]:
            return []
        distinctive = tables.distinctive[minority]
        majority_chars = tables.traditional if majority == "traditional" else tables.simplified
        findings: list[Finding] = []
        taken = -1  # the end of the last word reported: a short run is one word, reported once
        for position, neighbour in ((first, first - 1), (last - 1, last)):
            if (
                position >= taken
                and text[position] in distinctive
                and run.region.start <= neighbour < run.region.end
                and text[neighbour] in majority_chars
                and not in_proper_name(text, position, run.region.start, run.region.end)
            ):
                word_start, word_end = _han_word(text, min(position, neighbour), max(position, neighbour) + 1)
                # The span is the word's characters of the other variant, not the whole run: a run can
                # reach from one mixed word to the next ("国內, 分析師赋能").
                span_start, span_end = _minority_part(text, run, position, minority)
                taken = span_end
                word_data = {**data, "kind": "word", "word": text[word_start:word_end]}
                message = (
                    f"{LABEL[minority]} '{text[position]}' next to {LABEL[majority]} '{text[neighbour]}' "
                    f"in '{text[word_start:word_end]}'"
                )
                fix = self._fix(doc, span_start, span_end, run, majority)
                findings.append(self.finding(span_start, span_end, message, fix=fix, data=word_data))
        return findings

    @staticmethod
    def _extend(text: str, region: Region, first: int, last: int, majority: Variant) -> tuple[int, int]:
        """The run widened over neutral characters to the nearest stop, majority character or region edge."""
        majority_chars = variant_tables().traditional if majority == "traditional" else variant_tables().simplified
        start, end = first, last
        while start > region.start and text[start - 1] not in _STOPS and text[start - 1] not in majority_chars:
            start -= 1
        while end < region.end and text[end] not in _STOPS and text[end] not in majority_chars:
            end += 1
        while start < first and text[start].isspace():
            start += 1
        while end > last and text[end - 1].isspace():
            end -= 1
        return start, end

    def _fix(self, doc: Document, start: int, end: int, run: _Run, majority: Variant) -> Fix | None:
        text = doc.text
        tables = variant_tables()
        minority = OTHER[majority]
        if not any(tables.variant_of(char) == minority and char not in tables.unconverted for char in text[start:end]):
            return None  # only characters OpenCC leaves as they are (衞): nothing to convert
        config = doc.memo(f"scripts.conversion.{majority}", lambda d: conversion_config(majority, d.text))

        def edits() -> list[Edit]:
            # Convert the surrounding Han word too, so that characters with several forms get the right one.
            context_start, context_end = _han_word(text, start, end)
            context_start, context_end = max(context_start, run.region.start), min(context_end, run.region.end)
            converted = convert(text[context_start:context_end], config)
            if len(converted) == context_end - context_start:
                replacement = converted[start - context_start : end - context_start]
            else:
                replacement = convert(text[start:end], config)
            return [Edit(start, end, replacement)] if replacement != text[start:end] else []

        # Deferred: OpenCC's dictionaries take a tenth of a second to load, and a report that only says
        # a fix exists needs none of it. That the fix exists is known without them: the span holds a
        # character that OpenCC's table converts.
        return Fix.deferred(f"Convert to {LABEL[majority]} ({config})", self.fix_applicability, edits)


def _volume(doc: Document, firsts: dict[Variant, int | None]) -> VariantVolume:
    """Characters of each variant in the body's prose (in the whole document when it has none):
    tags, comments and URLs are left out.

    The variant met first is most likely the document's: its characters are only counted until they
    outnumber the other's, so a document in one variant with a few characters of the other costs one
    scan for those few."""
    text = doc.text
    prose = text[doc.body_start :]
    if doc.has_markup:
        # Tags and their attributes out by one substitution: the markup view (a tokenizer pass) is
        # not worth building to count characters.
        prose = _TAG.sub(" ", prose)
    if "://" in prose or "www." in prose:
        prose = _URL.sub(" ", prose)
    if all(variant_pattern(v).search(prose) is None for v in VARIANTS):
        prose = text
    likely = min(VARIANTS, key=lambda v: firsts[v])
    other = OTHER[likely]
    others = len(variant_pattern(other).findall(prose))
    counts = {likely: _count_up_to(variant_pattern(likely), prose, others + 1), other: others}
    return VariantVolume(counts["simplified"], counts["traditional"])


def _count_up_to(pattern: re.Pattern[str], text: str, limit: int) -> int:
    """How many times ``pattern`` (one character) matches in ``text``, counted up to ``limit``: the
    matches are taken one at a time and no further than the limit (with a limit of one, that is one
    search, where listing a head of the text would list every character of the variant in it)."""
    return sum(1 for _ in itertools.islice(pattern.finditer(text), limit))


def _minority_groups(text: str, first: int, minority: Variant) -> Iterator[list[int]]:
    """Offsets of the minority variant's characters, grouped: a group ends at a majority character or
    a line break.

    A group is the minority's characters between its first one and the next majority character or
    line break, listed by one search over that stretch. The next majority character and the next line
    break are searched for once and reused by the groups before them, so the text is read once."""
    minority_pattern = variant_pattern(minority)
    majority_pattern = variant_pattern(OTHER[minority])
    length = len(text)
    next_majority = next_break = -1
    position = first
    while (match := minority_pattern.search(text, position)) is not None:
        start = match.start()
        if next_majority < start:
            majority = majority_pattern.search(text, start)
            next_majority = length if majority is None else majority.start()
        if next_break < start:
            next_break = text.find("\n", start)
            if next_break < 0:
                next_break = length
        end = min(next_majority, next_break)
        yield [char.start() for char in minority_pattern.finditer(text, start, end)]
        position = end


class _Regions:
    """Regions in document order, to cut a group of characters into the parts inside each region."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self.starts = [region.start for region in regions]

    def split(self, positions: list[int]) -> Iterator[_Run]:
        # Most groups lie in one region: found by one search, with no walk over their characters.
        starts = self.starts
        index = bisect.bisect_right(starts, positions[0]) - 1
        if (
            index >= 0
            and positions[-1] < self.regions[index].end
            and (index + 1 == len(starts) or starts[index + 1] > positions[-1])
        ):
            yield _Run(self.regions[index], positions[0], positions[-1] + 1, len(positions))
            return
        current: Region | None = None
        run: list[int] = []
        index = -1  # of the last region starting at or before the position
        for position in positions:
            # Positions only grow, and a group's are mostly in one region: search only past the next start.
            if index < 0 or (index + 1 < len(self.starts) and self.starts[index + 1] <= position):
                index = bisect.bisect_right(self.starts, position) - 1
            region = self.regions[index] if index >= 0 and position < self.regions[index].end else None
            if region is not current and run:
                yield _Run(current, run[0], run[-1] + 1, len(run))
                run = []
            current = region
            if region is not None:
                run.append(position)
        if run:
            yield _Run(current, run[0], run[-1] + 1, len(run))


def _quoted(text: str, region: Region, start: int, end: int) -> bool:
    """Whether text[start:end] is what a pair of quotation marks or brackets holds, the sentence's own
    closing punctuation allowed before the closing mark (“…噤聲？”)."""
    if start <= region.start:
        return False
    closing = _OPENING_QUOTES.get(text[start - 1])
    if closing is None:
        return False
    while end < region.end and text[end] in _CLOSING_PUNCTUATION:
        end += 1
    return text[end : end + 1] == closing


def _near_kana(text: str, position: int, reach: int = 200) -> bool:
    """Whether kana stand within ``reach`` characters: the text there is Japanese."""
    return KANA.search(text, max(0, position - reach), position + reach) is not None


def _minority_part(text: str, run: _Run, position: int, minority: Variant) -> tuple[int, int]:
    """The characters of the minority variant around ``position`` that belong to its word: the Han
    characters of the run on either side of it (none of them the majority's), trimmed to the
    minority's characters at both ends."""
    tables = variant_tables()
    start, end = position, position + 1
    while start > run.start and HAN.match(text, start - 1):
        start -= 1
    while end < run.end and HAN.match(text, end):
        end += 1
    while tables.variant_of(text[start]) != minority:
        start += 1
    while tables.variant_of(text[end - 1]) != minority:
        end -= 1
    return start, end


def _han_word(text: str, start: int, end: int, reach: int = 6) -> tuple[int, int]:
    """text[start:end] widened over the Han characters around it (at most ``reach`` on each side)."""
    low = start
    while low > 0 and start - low < reach and HAN.match(text, low - 1):
        low -= 1
    high = end
    while high < len(text) and high - end < reach and HAN.match(text, high):
        high += 1
    return low, high


def _excerpt(value: str, limit: int = 24) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"

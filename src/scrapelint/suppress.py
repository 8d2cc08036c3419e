"""Inline suppression comments, written as HTML comments so that they survive in Markdown and HTML alike.

    <!-- scrapelint: disable=FM001,spam -->      from this line on (no codes: every rule)
    <!-- scrapelint: enable=FM001 -->            ends a disable (no codes: ends them all)
    <!-- scrapelint: disable-next-line=DT001 --> the next line only
    <!-- scrapelint: disable-file=SP -->         the whole file (no codes: every rule)

A selector is a rule code, a rule name or a code prefix, as in the configuration.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from scrapelint.findings import Finding
from scrapelint.rules import matches_any

# The comment is found with str.find and parsed alone: one pattern over the whole text with three
# overlapping whitespace runs took minutes on a hostile "disable=" followed by spaces and no "-->".
_DIRECTIVE = re.compile(r"\s*scrapelint:\s*(disable-next-line|disable-file|disable|enable)\s*(?:=(.*))?", re.S)
ALL: tuple[str, ...] = ("ALL",)


@dataclass
class Suppressions:
    whole_file: list[str] = field(default_factory=list)
    # (start offset, end offset, selectors): a disable ... enable region.
    regions: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    # 0-based line index -> selectors disabled on that line.
    lines: dict[int, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.whole_file or self.regions or self.lines)

    def suppresses(self, finding: Finding, line_index: int) -> bool:
        code, name = finding.code, finding.name
        if matches_any(code, name, self.whole_file):
            return True
        if matches_any(code, name, self.lines.get(line_index, ())):
            return True
        return any(
            start <= finding.start < end and matches_any(code, name, selectors)
            for start, end, selectors in self.regions
        )


def _selectors(text: str | None) -> tuple[str, ...]:
    if not text or not text.strip():
        return ALL
    return tuple(part.strip() for part in text.split(",") if part.strip()) or ALL


def has_suppressions(text: str) -> bool:
    """One substring search: most documents have no directive and need no line index."""
    return "scrapelint:" in text


def parse_suppressions(text: str, line_starts: list[int]) -> Suppressions:
    suppressions = Suppressions()
    if not has_suppressions(text):
        return suppressions
    open_regions: list[tuple[int, tuple[str, ...]]] = []
    for start, end, body in _comments_with_directives(text):
        match = _DIRECTIVE.fullmatch(body)
        if match is None:
            continue
        kind, selectors = match.group(1), _selectors(match.group(2))
        line_index = bisect_right(line_starts, start) - 1
        if kind == "disable-file":
            suppressions.whole_file.extend(selectors)
        elif kind == "disable-next-line":
            suppressions.lines.setdefault(line_index + 1, []).extend(selectors)
        elif kind == "disable":
            # From the start of the comment's line, so a trailing comment covers its own line too.
            open_regions.append((line_starts[line_index], selectors))
        else:
            open_regions = _close(open_regions, selectors, end, suppressions)
    for start, selectors in open_regions:
        suppressions.regions.append((start, len(text), selectors))
    return suppressions


def _comments_with_directives(text: str):
    """(start, end, inside) of each HTML comment that mentions scrapelint:, in order."""
    position = text.find("scrapelint:")
    while position >= 0:
        start = text.rfind("<!--", 0, position)
        end = text.find("-->", position)
        if start < 0 or end < 0:
            return
        if "-->" not in text[start + 4 : position]:  # the mention is inside this comment
            yield start, end + 3, text[start + 4 : end]
        position = text.find("scrapelint:", end + 3)


def _close(
    open_regions: list[tuple[int, tuple[str, ...]]],
    enabled: tuple[str, ...],
    end: int,
    suppressions: Suppressions,
) -> list[tuple[int, tuple[str, ...]]]:
    still_open = []
    for start, selectors in open_regions:
        if enabled == ALL:
            suppressions.regions.append((start, end, selectors))
            continue
        closed = tuple(s for s in selectors if s in enabled)
        kept = tuple(s for s in selectors if s not in enabled)
        if closed:
            suppressions.regions.append((start, end, closed))
        if kept:
            still_open.append((start, kept))
    return still_open


def filter_suppressed(findings: Iterable[Finding], suppressions: Suppressions, line_starts: list[int]) -> list[Finding]:
    if not suppressions:
        return list(findings)
    return [f for f in findings if not suppressions.suppresses(f, bisect_right(line_starts, f.start) - 1)]

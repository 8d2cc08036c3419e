"""The scan the pack's three rules share, through ``Document.memo``.

Each rule of the pack finds nothing in nearly every document, and proving it costs a scan of the
text: one search per variant of Chinese for its first character (a document in one variant finds its
own at once and reads the rest of the text for the other's, which it does not have), and one search
for the rare characters, Greek and Cyrillic letters (homoglyphs) and invisible characters, which
stops at the end of the text in nearly every document.
"""

from __future__ import annotations

from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern
from scrapelint_scripts.variants import Variant, variant_pattern

GREEK_CYRILLIC = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u180e\u115f\u1160\u3164\uffa0\u17b4\u17b5"
_RARE = LazyPattern(f"[{GREEK_CYRILLIC}{INVISIBLE}]")
_GREEK_CYRILLIC_LETTER = LazyPattern(f"[{GREEK_CYRILLIC}]")
_INVISIBLE_RUN = LazyPattern(f"[{INVISIBLE}]+")
VARIANTS: tuple[Variant, Variant] = ("simplified", "traditional")


class PackScan(NamedTuple):
    # Offsets of the first character of each variant, None when the document has none.
    first: dict[Variant, int | None]
    # (start, end) of each line holding a Greek or Cyrillic letter.
    greek_cyrillic_lines: list[tuple[int, int]]
    # (start, end) of each run of invisible characters.
    invisible_runs: list[tuple[int, int]]

    @property
    def mixed(self) -> bool:
        return None not in self.first.values()


def pack_scan(doc: Document) -> PackScan:
    return doc.memo("scripts.scan", _scan)


def _scan(doc: Document) -> PackScan:
    text = doc.text
    if text.isascii():
        return PackScan({"simplified": None, "traditional": None}, [], [])
    first = {}
    for variant in VARIANTS:
        match = variant_pattern(variant).search(text)
        first[variant] = None if match is None else match.start()
    rare = _RARE.search(text)
    if rare is None:
        return PackScan(first, [], [])
    invisible_runs = [run.span() for run in _INVISIBLE_RUN.finditer(text, rare.start())]
    return PackScan(first, _lines_holding(text, _GREEK_CYRILLIC_LETTER, rare.start()), invisible_runs)


def _lines_holding(text: str, pattern: LazyPattern, position: int) -> list[tuple[int, int]]:
    """(start, end) of each line, from ``position`` on, where ``pattern`` matches, without its newline."""
    lines = []
    while (match := pattern.search(text, position)) is not None:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        if line_end < 0:
            line_end = len(text)
        lines.append((line_start, line_end))
        position = line_end
    return lines

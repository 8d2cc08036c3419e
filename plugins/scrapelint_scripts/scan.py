"""One pass over the text for the whole pack, shared through ``Document.memo``.

Each rule of the pack finds nothing in nearly every document, and proving it costs a scan of the
text. A single scan with one character class serves the three: it looks for Greek and Cyrillic
letters (homoglyphs), invisible characters, and Han characters of the *other* variant than the first
variant-specific character met (mixing). In a Chinese document the first such character comes at
once; from there only the other variant's characters, which a document in one variant does not have,
and the rare characters are sought, so the scan stops at almost nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from scrapelint.document import Document
from scrapelint_scripts.variants import OTHER, Variant, variant_tables

GREEK_CYRILLIC = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u180e\u115f\u1160\u3164\uffa0\u17b4\u17b5"
_RARE = f"{GREEK_CYRILLIC}{INVISIBLE}"
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")


@dataclass
class PackScan:
    # Offsets of the first character of each variant, None when the document has none.
    first: dict[Variant, int | None] = field(default_factory=lambda: {"simplified": None, "traditional": None})
    # (start, end) of each line holding a Greek or Cyrillic letter.
    greek_cyrillic_lines: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) of each run of invisible characters.
    invisible_runs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def mixed(self) -> bool:
        return None not in self.first.values()


@functools.cache
def _patterns(state: str, greek_cyrillic: bool) -> re.Pattern[str]:
    """The class to look for: variant characters as the state wants ("any" before the first one, the
    other variant's after it, none once both were met), invisible characters, and Greek and Cyrillic
    letters unless the rest of a line that has one is being read."""
    tables = variant_tables()
    wanted = {
        "any": tables.simplified | tables.traditional,
        "simplified": tables.simplified,
        "traditional": tables.traditional,
        "none": frozenset(),
    }[state]
    han = "".join(sorted(c for c in wanted if ord(c) <= 0xFFFF))
    return re.compile(f"[{han}{INVISIBLE}{GREEK_CYRILLIC if greek_cyrillic else ''}]")


def pack_scan(doc: Document) -> PackScan:
    return doc.memo("scripts.scan", _scan)


def _scan(doc: Document) -> PackScan:
    found = PackScan()
    text = doc.text
    if text.isascii():
        return found
    tables = variant_tables()
    state = "any"
    position = 0
    limit = len(text)
    greek_cyrillic = True  # False while reading the rest of a line already known to hold such a letter
    resume = 0
    while True:
        match = _patterns(state, greek_cyrillic).search(text, position, limit)
        if match is None:
            if greek_cyrillic:
                return found
            # The rest of the line is read: go on after it, looking for Greek and Cyrillic again.
            greek_cyrillic, position, limit = True, resume, len(text)
            continue
        position = match.start()
        char = match.group()
        variant = tables.variant_of(char)
        if variant is not None:
            found.first[variant] = position
            state = "none" if found.mixed else OTHER[variant]
            position += 1
            continue
        run = _INVISIBLE_RUN.match(text, position)
        if run is not None:
            found.invisible_runs.append(run.span())
            position = run.end()
            continue
        # A Greek or Cyrillic letter: the homoglyph rule reads its whole line; read the rest of the
        # line for the other characters only, then go on after it.
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        found.greek_cyrillic_lines.append((line_start, line_end))
        greek_cyrillic, position, limit, resume = False, position + 1, line_end, line_end

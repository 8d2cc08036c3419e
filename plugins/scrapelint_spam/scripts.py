"""Which writing system a stretch of text is in, to see an injected run that is not in the article's.

Seed 003's footer is Simplified Chinese inside a Traditional article; a hidden link is Cyrillic inside a
Spanish post. Han text is told apart by the characters unique to one variant (``data/han_variants.txt``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "han_variants.txt"
# Each pattern matches what is NOT in the script: deleting those leaves the characters to count (a
# C-speed count, where findall would build a list of one-character strings).
_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
_CYRILLIC = re.compile(r"[^\u0400-\u04ff]+")
_GREEK = re.compile(r"[^\u0370-\u03ff]+")
_ARABIC = re.compile(r"[^\u0600-\u06ff]+")
_HANGUL = re.compile(r"[^\uac00-\ud7af]+")
_KANA = re.compile(r"[^\u3040-\u30ff]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.sub("", text))


_OTHER_SCRIPTS = (("Cyrillic", _CYRILLIC), ("Greek", _GREEK), ("Arabic", _ARABIC), ("Hangul", _HANGUL))


@functools.cache
def _variant_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    sets = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name, _, characters = line.partition("\t")
        sets[name] = characters.strip()
    return (
        re.compile("[^" + re.escape(sets["simplified"]) + "]+"),
        re.compile("[^" + re.escape(sets["traditional"]) + "]+"),
    )


def han_variant(text: str) -> str | None:
    """ "Hans" or "Hant" when the text's variant-specific characters clearly lean one way, else None."""
    simplified_pattern, traditional_pattern = _variant_patterns()
    simplified = _count(simplified_pattern, text)
    traditional = _count(traditional_pattern, text)
    if simplified + traditional < 3:
        return None
    if simplified > 2 * traditional:
        return "Hans"
    if traditional > 2 * simplified:
        return "Hant"
    return None


def script_of(text: str) -> str | None:
    """The text's dominant script: Hans, Hant, Han, Japanese, Latin, Cyrillic, Greek, Arabic, Hangul."""
    letters = _count(_NOT_LETTER, text)
    if letters < 3:
        return None
    han = _count(_HAN, text)
    if han >= 0.6 * letters:
        if _count(_KANA, text):
            return "Japanese"
        return han_variant(text) or "Han"
    latin = _count(_LATIN, text)
    if latin >= 0.6 * letters:
        return "Latin"
    for name, pattern in _OTHER_SCRIPTS:
        if _count(pattern, text) >= 0.6 * letters:
            return name
    return None


def script_shift(run_text: str, context_text: str) -> str | None:
    """ "Hans in Hant"-style description when the run is in another script than its context, else None."""
    run = script_of(run_text)
    context = script_of(context_text)
    if run is None or context is None or run == context:
        return None
    # Undecided Han matches either variant: no shift.
    if {run, context} <= {"Han", "Hans", "Hant"} and "Han" in (run, context):
        return None
    return f"{run} in {context}"

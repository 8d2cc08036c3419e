"""Which writing system a stretch of text is in, to see an injected run that is not in the article's.

Seed 003's footer is Simplified Chinese inside a Traditional article; a hidden link is Cyrillic inside a
Spanish post. Han text is told apart by the characters unique to one variant (``data/han_variants.txt``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from scrapelint.patterns import LazyPattern

_DATA = Path(__file__).parent / "data" / "han_variants.txt"
# Each pattern matches what is NOT in the script: deleting those leaves the characters to count (a
# C-speed count, where findall would build a list of one-character strings).
# What counts as Han (counted by _letters_and_han, with the two patterns below).
_HAN = LazyPattern(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = LazyPattern(r"[^A-Za-z\u00c0-\u024f]+")
_CYRILLIC = LazyPattern(r"[^\u0400-\u04ff]+")
_GREEK = LazyPattern(r"[^\u0370-\u03ff]+")
_ARABIC = LazyPattern(r"[^\u0600-\u06ff]+")
_HANGUL = LazyPattern(r"[^\uac00-\ud7af]+")
_KANA = LazyPattern(r"[\u3040-\u30ff]")  # searched for, not counted: one kana makes Han text Japanese
_NOT_LETTER = LazyPattern(r"[\W\d_]+")
# _HAN's ranges split into the letters (every assigned ideograph; tests check it) and the rest.
_HAN_LETTER_RUN = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9]+")
_HAN_NOT_LETTER = LazyPattern(r"[\ufa6e\ufa6f\ufada-\ufaff]")
# A character from the first Han block on: text without one holds no Han. A search, not max(text),
# which makes a string of every character it compares (half the cost of counting a Chinese text).
_FROM_HAN = LazyPattern(r"[\u3400-\U0010ffff]")


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


def _letters_and_han(text: str) -> tuple[int, int]:
    """How many letters the text holds, and how many Han characters (of _HAN's ranges).

    A regular expression pays for every place where it fails to start a match: counting letters one
    class at a time costs about 40 ns a character. Deleting the runs of Han letters first (long in
    Chinese text) leaves little to count letters in."""
    if _FROM_HAN.search(text) is None:
        return _count(_NOT_LETTER, text), 0
    rest = _HAN_LETTER_RUN.sub("", text)
    han_letters = len(text) - len(rest)
    # The code points of _HAN's ranges that are not letters (unassigned) stay in the rest.
    gaps = len(_HAN_NOT_LETTER.findall(rest))
    return han_letters + _count(_NOT_LETTER, rest), han_letters + gaps


def script_of(text: str) -> str | None:
    """The text's dominant script: Hans, Hant, Han, Japanese, Latin, Cyrillic, Greek, Arabic, Hangul."""
    letters, han = _letters_and_han(text)
    if letters < 3:
        return None
    if han >= 0.6 * letters:
        if _KANA.search(text) is not None:
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

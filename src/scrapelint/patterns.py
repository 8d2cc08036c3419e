"""Text-search helpers for rule packs: patterns compiled on first use, compact character classes, and
substring searches that rule a text out fast.

A single-file check pays for everything a pack does at import, and compiling a pattern costs 0.1 ms to a
few milliseconds (a class over wide ranges of code points, such as Han or the supplementary planes, is
the slow kind: ``re`` marks each code point of a range). Most articles need few of a pack's patterns,
so packs declare them with ``LazyPattern`` instead of ``re.compile``: the object is used exactly like
the compiled pattern, and compiles when a method is first called.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# The methods of re.Pattern: after the first use each is the compiled pattern's own bound method, set on
# the instance, so a call costs what it costs on a compiled pattern.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles when it is first used.

    ``compiler`` is another module's compile function with the same signature (``regex_compile``)."""

    def __init__(
        self, pattern: str | bytes, flags: int = 0, *, compiler: Callable[[Any, int], Any] = re.compile
    ) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiler = compiler

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance lacks: the first use of a method (or of groups...).
        compiled = self._compiler(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def regex_compile(pattern: str | bytes, flags: int = 0) -> Any:
    """``regex.compile``, importing the regex module (12 ms) only when a pattern needs it: a
    ``LazyPattern``'s ``compiler`` for patterns the third-party engine runs faster or compiles sooner."""
    import regex

    return regex.compile(pattern, flags)


def class_ranges(code_points: Iterable[int]) -> str:
    """The inside of a character class holding these code points, consecutive ones as ranges
    (``一-龥``): it compiles several times faster than one character after another.

    Only for characters that need no escaping in a class (non-ASCII ones, say).
    """
    ranges: list[list[int]] = []
    for code in sorted(set(code_points)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(chr(low) if low == high else f"{chr(low)}-{chr(high)}" for low, high in ranges)


def find_first(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    """``text.find(needle, start, end)``, searched from the first occurrence of the needle's first
    character: a search for one character runs at memory speed, one for a longer needle at about a
    nanosecond a character (CJK text above all), and most texts lack that character (a backtick, a
    tilde) or hold it only near the needle."""
    end = len(text) if end is None else end
    position = text.find(needle[0], start, end)
    return position if position < 0 else text.find(needle, position, end)


def holds(text: str, needle: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``needle`` occurs in text[start:end] (see ``find_first``)."""
    return find_first(text, needle, start, end) >= 0


def has_code_marks(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds a backtick or "~~~": Markdown code (inline or fenced) has one."""
    end = len(text) if end is None else end
    return text.find("`", start, end) >= 0 or holds(text, "~~~", start, end)

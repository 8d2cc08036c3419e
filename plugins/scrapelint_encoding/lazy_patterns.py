"""Regular expressions compiled on first use, so that loading the pack compiles none.

Most documents need few of the pack's patterns (those of a rule that found a candidate), and a class
over wide ranges of code points (Han, emoji, the supplementary planes) takes milliseconds to compile:
re marks each code point of a range one by one. (The same helper lives in each pack that needs it,
since a pack may depend on the engine only; it belongs in the engine.)
"""

from __future__ import annotations

import re
from typing import Any

# The methods of re.Pattern the pack calls: bound on first use, then found as plain instance attributes.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles when it is first used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance lacks: the first use of a method (or of groups...).
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"

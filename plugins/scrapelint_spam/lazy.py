"""What loading the SP and BP packs defers to first use: regular expressions and the modules that check.

The packs hold some sixty patterns, many of them long Unicode alternations that take a millisecond each
to compile, and most documents need only a few of them (most need none beyond the one-pass scan). A rule
module names the machinery it checks with as a lazy module, run when the first check asks for it.
"""

from __future__ import annotations

import importlib
import re
import sys
from types import ModuleType
from typing import Any

# The methods of re.Pattern the packs call: bound on first use, then found as plain instance attributes.
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


class LazyModule:
    """A module imported when one of its attributes is first used, by the import system (so that two
    threads asking at once get one module), each attribute then kept here as a plain attribute. The
    modules it stands for bind their functions and classes once, when they run."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        # Called only for attributes not kept yet.
        value = getattr(importlib.import_module(self._name), attribute)
        setattr(self, attribute, value)
        return value

    def __repr__(self) -> str:
        return f"LazyModule({self._name!r})"


def lazy_module(name: str) -> ModuleType | LazyModule:
    """The module ``name`` if something imported it already, else a LazyModule for it."""
    return sys.modules.get(name) or LazyModule(name)

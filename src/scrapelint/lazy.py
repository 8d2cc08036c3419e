"""Modules imported on first use, for rule packs whose rule modules must load cheaply.

A single-file check pays for everything a pack imports when it loads, so a rule module can name the
machinery it checks with as a lazy module: the import runs when a check first uses an attribute.
(Patterns compiled on first use are ``scrapelint.patterns.LazyPattern``.)
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


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

"""Patterns compiled on first use behave as the compiled pattern."""

from __future__ import annotations

import re

from scrapelint.lazy import LazyPattern, lazy_compile


def test_a_lazy_pattern_compiles_on_first_use_and_answers_like_the_compiled_one() -> None:
    lazy = lazy_compile(r"(\d+)-(\d+)", re.ASCII)
    assert isinstance(lazy, LazyPattern) and "search" not in vars(lazy)
    compiled = re.compile(r"(\d+)-(\d+)", re.ASCII)
    text = "pages 10-12 and 3-4"
    assert lazy.search(text).span() == compiled.search(text).span()
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("N", text) == compiled.sub("N", text)
    assert lazy.groups == 2 and lazy.pattern == compiled.pattern
    assert "search" in vars(lazy)  # bound once, then a plain attribute

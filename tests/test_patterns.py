"""Patterns compiled on first use behave as the compiled pattern."""

from __future__ import annotations

import re

from scrapelint.patterns import LazyPattern, find_first, has_code_marks, holds


def test_a_lazy_pattern_compiles_on_first_use_and_answers_like_the_compiled_one() -> None:
    lazy = LazyPattern(r"(\d+)-(\d+)", re.ASCII)
    assert "search" not in vars(lazy)
    compiled = re.compile(r"(\d+)-(\d+)", re.ASCII)
    text = "pages 10-12 and 3-4"
    assert lazy.search(text).span() == compiled.search(text).span()
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("N", text) == compiled.sub("N", text)
    assert lazy.groups == 2 and lazy.pattern == compiled.pattern
    assert "search" in vars(lazy)  # bound once, then a plain attribute
    other = LazyPattern(r"(a+)(b)?", re.IGNORECASE)
    assert other.match("AAb").groups() == ("AA", "b") and other.fullmatch("ab") and other.search("zzz") is None
    assert [m.span() for m in other.finditer("xaab a")] == [(1, 4), (5, 6)]


def test_class_ranges_joins_consecutive_code_points() -> None:
    from scrapelint.patterns import class_ranges

    inside = class_ranges(map(ord, "一丁七丈万丆乙"))  # U+4E00 4E01 4E03 4E08 4E07 4E06 4E59
    assert inside == "一-丁七丆-丈乙"
    assert re.fullmatch(f"[{inside}]+", "一丁七丈万丆乙") and not re.search(f"[{inside}]", "三上")


def test_a_lazy_module_imports_on_first_use() -> None:
    import sys

    from scrapelint.lazy import LazyModule, lazy_module

    assert lazy_module("json") is sys.modules["json"] or isinstance(lazy_module("json"), LazyModule)
    name = "xml.dom.minidom"
    sys.modules.pop(name, None)
    lazy = lazy_module(name)
    assert isinstance(lazy, LazyModule) and name not in sys.modules
    assert lazy.parseString("<a/>").documentElement.tagName == "a"
    assert name in sys.modules


def test_find_first_holds_and_code_marks_agree_with_plain_searches() -> None:
    """The searches that look for a needle's first character first must find what ``str.find`` finds,
    in every slice: the character before the needle, after it, or nowhere."""
    text = "w:/ ww www. 中文~~ ~~~ a`b http://x"
    for needle in ("www.", "://", "~~~", "`", "http", "zz"):
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert find_first(text, needle, start, end) == text.find(needle, start, end), (needle, start, end)
                assert holds(text, needle, start, end) == (needle in text[start:end])
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            piece = text[start:end]
            assert has_code_marks(text, start, end) == ("`" in piece or "~~~" in piece), (start, end)
    assert find_first(text, "www.") == text.find("www.") and not holds("", "x") and not has_code_marks("")

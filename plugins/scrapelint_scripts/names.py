"""Proper names in Chinese text (副总统賴清德), told by jieba (rjieba) with its common words only.

Importing the ``rjieba`` package builds jieba's 350,000-word dictionary: 0.12 s, holding the
interpreter, a third of a single-file check, for a question asked of a candidate mixed word in one
article out of sixty. Names are mostly outside the dictionary anyway (许智峰, 蓬佩奥): jieba's
part-of-speech HMM tags them, once the dictionary has cut the common words around them (表示, 总统).
So the tagger here is an empty ``Jieba`` given the ``COMMON_WORDS`` most frequent words (shipped in
``common_words.txt``, built by ``build_data.py``): 45 ms to set up. On the 143 candidates of the
corpora and the tests it agrees with the full dictionary 140 times; of the other three, two are mixed
words the full dictionary took for names (关係, 髮饰品), one an organisation it knew (海協會).
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from scrapelint_scripts.datafiles import read_table
from scrapelint_scripts.variants import convert

COMMON_WORDS = 20_000
COMMON_WORDS_FILE = Path(__file__).with_name("common_words.txt")

# jieba's part-of-speech tags for proper names besides nr* (people): places, organisations, others.
PROPER_NAME_TAGS = frozenset({"ns", "nt", "nz"})


def in_proper_name(text: str, position: int, start: int, end: int, reach: int = 12) -> bool:
    """Whether text[position] belongs to a proper name (a person, place or organisation), as jieba tags
    the clause around it, within text[start:end], once converted to Simplified (jieba's model is)."""
    start, end = max(start, position - reach), min(end, position + reach + 1)
    window = text[start:end]
    simplified = convert(window, "t2s")
    if len(simplified) != len(window):
        simplified = window
    offset = start
    for word, tag in _tagger().tag(simplified):
        if offset <= position < offset + len(word):
            return tag.startswith("nr") or tag in PROPER_NAME_TAGS
        offset += len(word)
    return False


@functools.cache
def _tagger() -> Any:
    """A ``Jieba`` that knows the common words: it cuts them and tags the rest with its HMM."""
    module = sys.modules.get("rjieba")
    if module is None:
        try:
            module = _extension_alone()
        except (ImportError, OSError):
            import rjieba as module  # another layout than rjieba 0.2's: pay for the dictionary
    tagger = module.Jieba.empty()
    for word, entry in read_table(COMMON_WORDS_FILE).items():
        frequency, tag = entry.split()
        tagger.add_word(word, int(frequency), tag)
    return tagger


def _extension_alone() -> Any:
    """rjieba's compiled module, loaded without the package's ``__init__`` (which builds the dictionary).

    It is registered under its own name, so that a later ``import rjieba`` reuses it instead of
    initialising the extension a second time."""
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    package = importlib.util.find_spec("rjieba")
    if package is None or not package.submodule_search_locations:
        raise ImportError("rjieba is not installed")
    for folder in package.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "rjieba" + suffix)
            if os.path.isfile(path):
                spec = importlib.util.spec_from_file_location(name, path)
                if spec is None or spec.loader is None:
                    break
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules[name] = module
                return module
    raise ImportError("rjieba's compiled module was not found")

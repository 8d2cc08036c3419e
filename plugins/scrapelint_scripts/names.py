"""Proper names in Chinese text (副总统賴清德), told by jieba (rjieba) with its common words only.

Importing the ``rjieba`` package builds jieba's 350,000-word dictionary: 0.12 s, holding the
interpreter, a third of a single-file check, for a question asked of a candidate mixed word in one
article out of sixty. Names are mostly outside the dictionary anyway (许智峰, 蓬佩奥): jieba's
part-of-speech HMM tags them, once the dictionary has cut the common words around them (表示, 总统).
So the tagger here is an empty ``Jieba`` given, clause by clause, those of the ``COMMON_WORDS`` most
frequent words (shipped in ``common_words.txt``, built by ``build_data.py``) that the clause holds: 5 ms
to set up, and 26 ms more the first time in a process that the HMM runs (jieba-rs loads its tables then).
On the 143 candidates of the corpora and the tests it agrees with the full dictionary 140 times; of
the other three, two are mixed words the full dictionary took for names (关係, 髮饰品), one an
organisation it knew (海協會).

One tagger serves a thread for the whole run, given the words of each clause as they come: a new
``Jieba`` costs as much as tagging a clause, and a word a clause does not hold plays no part in cutting
it (see ``_Tagger``).
"""

from __future__ import annotations

import bisect
import functools
import importlib.machinery
import importlib.util
import os
import sys
import threading
from pathlib import Path
from typing import Any, NamedTuple

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
    for word, tag in _thread_tagger().tag(simplified):
        if offset <= position < offset + len(word):
            return tag.startswith("nr") or tag in PROPER_NAME_TAGS
        offset += len(word)
    return False


class _Lexicon(NamedTuple):
    """``common_words.txt``: its lines ("word<TAB>frequency part-of-speech", in the words' order) and
    its notes. Words are looked up by bisection: a dictionary of them would cost 10 ms to build."""

    lines: list[str]
    longest: int  # characters of the longest word
    total: int  # the frequencies' sum

    def words_in(self, window: str) -> dict[str, str]:
        """Every common word occurring in the window, with its entry ("frequency part-of-speech"), in the
        order of its first character, then its length.

        One bisection per character the words from a position share with the window: sorted lines that
        start with a prefix are contiguous, and the first of them is the one a bisection for the prefix
        finds, so once it does not start with the prefix no longer word from that position exists. (A
        tab sorts before every character a word holds, so a word itself comes first among them.)"""
        lines = self.lines
        found: dict[str, str] = {}
        for first in range(len(window)):
            index = 0
            for last in range(first + 1, min(len(window), first + self.longest) + 1):
                prefix = window[first:last]
                index = bisect.bisect_left(lines, prefix, index)
                if index == len(lines) or not lines[index].startswith(prefix):
                    break
                line = lines[index]
                if line[len(prefix) : len(prefix) + 1] == "\t":
                    found[prefix] = line[len(prefix) + 1 :]
        return found


@functools.cache
def _lexicon() -> _Lexicon:
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    notes = {}
    while lines and lines[0].startswith("#"):
        name, _, value = lines[0][1:].strip().partition(": ")
        notes[name] = value
        del lines[0]
    return _Lexicon(lines, int(notes["longest"]), int(notes["total"]))


class _Tagger:
    """A ``Jieba`` that cuts each window as one knowing every common word would, and tags the rest with
    its HMM, growing as it goes.

    Giving it all 20,000 words costs 20 ms, and its first tagging as much again, for the few dozen a
    window holds: each window's common words are added the first time a window holds them instead. One
    filler word, a private-use character, carries the frequencies of those not added yet: jieba weighs
    a word against the total of the frequencies, and with the filler that total is the whole lexicon's
    at every window.

    The words added for earlier windows do not change how a later one is cut: a word takes part only
    where the window holds it. Nor does the filler, even in a window that holds it: jieba cuts words
    only out of runs of Han characters, Latin letters and digits, and passes any other character
    through on its own."""

    FILLER = "\ue000"

    def __init__(self) -> None:
        self.jieba = _rjieba().Jieba.empty()
        self.added: set[str] = set()
        self.held = 0  # the added words' frequencies

    def tag(self, window: str) -> list[tuple[str, str]]:
        added = self.added
        new = False
        for word, entry in _lexicon().words_in(window).items():
            if word not in added:
                frequency, tag = entry.split()
                self.jieba.add_word(word, int(frequency), tag)
                added.add(word)
                self.held += int(frequency)
                new = True
        if new:
            # Adding a word jieba knows sets its frequency, and the total with it.
            self.jieba.add_word(self.FILLER, _lexicon().total - self.held, "x")
        return self.jieba.tag(window)


_local = threading.local()


def _thread_tagger() -> _Tagger:
    """This thread's tagger (a ``Jieba`` is changed as it goes: threads do not share one)."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = _Tagger()
    return tagger


@functools.cache
def _rjieba() -> Any:
    """rjieba's module, without the dictionary its package builds when it can (see the module's doc)."""
    module = sys.modules.get("rjieba")
    if module is None:
        try:
            module = _extension_alone()
        except (ImportError, OSError):
            import rjieba as module  # another layout than rjieba 0.2's: pay for the dictionary
    return module


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

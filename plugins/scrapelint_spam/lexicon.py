"""The spam lexicons: terms by language and category, each with a weight, found in one pass.

The data files live in ``lexicons/<language>/<category>.txt`` (see the pack's README for where they
come from). A term's weight says how much it alone tells: 3 only spam writes it, 2 typical of spam and
rare elsewhere, 1 ambiguous (ordinary articles use it too), so that it counts only inside a run of
other terms. No rule flags a document on one term: the rules judge runs.

All terms of every file go into one Aho-Corasick automaton (``ahocorasick_rs``) over the UTF-8 bytes of
the document with ASCII letters lowered, so the whole lexicon costs one pass over the text whatever its
size, and Latin terms match in any case.
"""

from __future__ import annotations

import bisect
import collections
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scrapelint.document import Document
from scrapelint_spam.anchors import register_anchors, registered_anchors  # noqa: F401 - the BP pack's door
from scrapelint_spam.layout import lowered_text, lowered_utf8  # noqa: F401 - shared with the packs

# The options are defined with the rules that take them (loading the pack runs this module only at the
# first check); they stay importable from here.
from scrapelint_spam.options import ALLOW_TERMS_OPTION, EXTEND_TERMS_OPTION, WEIGHTS, TermWeightsOption  # noqa: F401

LEXICON_DIR = Path(__file__).parent / "lexicons"
LANGUAGES = ("zh-hans", "zh-hant", "en")
CATEGORIES = ("porn", "gambling", "pharma", "documents", "loans")
CUSTOM = "custom"  # the category of the terms a user adds
# The text the lexicon scans with its first automaton before it builds the faster one: the DFA's extra
# build time (about 6 ms) is repaid by its faster scan (about 4 ns a byte) after some 1.5 MB, or five
# hundred articles.
DFA_AFTER_BYTES = 1_500_000


# Plain classes and collections.namedtuple: a dataclass or a typing.NamedTuple takes a millisecond or a
# fraction of one to create, and loading the pack creates them all.
class Term:
    __slots__ = ("text", "weight", "category", "language")

    def __init__(self, text: str, weight: int, category: str, language: str) -> None:
        self.text = text  # as written in the lexicon
        self.weight = weight
        self.category = category
        self.language = language

    def __repr__(self) -> str:
        return f"Term({self.text!r}, {self.weight}, {self.category!r}, {self.language!r})"


# One occurrence of a term: text[start:end], offsets into Document.text (a tuple: a spam page has
# hundreds of them).
Hit = collections.namedtuple("Hit", ["start", "end", "term"])
# A namedtuple's own __new__ is a Python function; tuple.__new__ makes the same Hit for a third of the
# cost (a spam page has hundreds).
_new_tuple = tuple.__new__


def _read_lexicon_file(path: Path, category: str, language: str) -> Iterable[Term]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, _, weight = line.partition("\t")
        if not weight.strip().isdigit() or int(weight) not in WEIGHTS:
            raise ValueError(f"{path}:{number}: expected 'term<TAB>weight' with a weight of 1, 2 or 3")
        yield Term(text.strip(), int(weight), category, language)


@functools.cache
def builtin_terms() -> tuple[Term, ...]:
    terms = []
    for language in LANGUAGES:
        for category in CATEGORIES:
            path = LEXICON_DIR / language / f"{category}.txt"
            if path.is_file():
                terms.extend(_read_lexicon_file(path, category, language))
    return tuple(terms)


def _is_word_char(character: str) -> bool:
    return character.isascii() and character.isalnum()


# The bytes of the characters _is_word_char accepts (lowered text holds no capital, but both are here).
_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lowered and nothing else changed (so that offsets stay the same)."""
    return text.encode("utf-8").lower().decode("utf-8")


class Scan:
    """What one pass over a document found: lexicon hits, and the registered anchors (offset, labels)."""

    __slots__ = ("hits", "anchors")

    def __init__(self, hits: list[Hit], anchors: list[tuple[int, tuple[str, ...]]]) -> None:
        self.hits = hits
        self.anchors = anchors


class Lexicon:
    """Terms (and the registered anchors) and the automaton that finds them all in one pass."""

    def __init__(self, terms: Iterable[Term], anchors: Mapping[str, tuple[str, ...]] | None = None) -> None:
        import ahocorasick_rs

        by_key: dict[str, Term] = {}
        for term in terms:
            key = ascii_lower(term.text)
            known = by_key.get(key)
            # The same term in two files (a Simplified term unchanged in Traditional) keeps its highest weight.
            if known is None or term.weight > known.weight:
                by_key[key] = term
        self.terms: tuple[Term, ...] = tuple(by_key.values())
        anchors = dict(anchors or {})
        patterns = list(by_key) + [phrase for phrase in anchors if phrase not in by_key]
        self._term_of: list[Term | None] = [by_key.get(pattern) for pattern in patterns]
        self._labels_of: list[tuple[str, ...]] = [anchors.get(pattern, ()) for pattern in patterns]
        # The scan is leftmost-longest, so a term hides the anchors inside it ("app" in "app下载"): a term
        # carries the labels of the anchors it holds.
        for index, held in _anchors_inside(list(by_key), anchors).items():
            labels = list(self._labels_of[index])
            for anchor in held:
                labels.extend(label for label in anchors[anchor] if label not in labels)
            self._labels_of[index] = tuple(labels)
        # What the scan needs of each pattern, in one tuple: (term, labels, length, bounded before, bounded
        # after). Latin terms must not match inside a longer word ("jav" in "java", "xxx" in "xxxxxxx"); an
        # anchor ending in a digit is a prefix ("c.20" of "c.2021") and may run on.
        self._outcomes = [
            (
                term,
                labels,
                len(pattern),
                _is_word_char(pattern[0]),
                pattern[-1].isascii() and (pattern[-1].isalpha() if term is None else pattern[-1].isalnum()),
            )
            for pattern, term, labels in zip(patterns, self._term_of, self._labels_of, strict=True)
        ]
        self._patterns = patterns
        # Over the UTF-8 bytes (over str, the automaton would encode the text and count characters
        # itself). First a contiguous NFA, which takes two milliseconds to build; once the scans have
        # read enough text to repay it, a DFA, which takes six more and scans twice as fast. Both find
        # the same matches.
        self._encoded = [pattern.encode("utf-8") for pattern in patterns]
        self._automaton = self._build(ahocorasick_rs.Implementation.ContiguousNFA) if patterns else None
        self._scanned = 0  # bytes, until the DFA is built

    def _build(self, implementation: Any) -> Any:
        import ahocorasick_rs

        return ahocorasick_rs.BytesAhoCorasick(
            self._encoded, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=implementation
        )

    def scan(self, text: str, data: bytes | None = None, start: int = 0) -> Scan:
        """Every term and anchor in ``text[start:]`` (leftmost-longest, not overlapping), as character
        offsets. ``data`` is ``text.encode("utf-8").lower()`` when the caller has it already."""
        if self._automaton is None:
            return Scan([], [])
        if data is None:
            data = text.encode("utf-8").lower()
        ascii_only = len(data) == len(text)
        # No term holds a line break, so none runs from the front matter into the body: the body alone
        # is scanned.
        byte_start = start if ascii_only or not start else len(text[:start].encode("utf-8"))
        if self._scanned >= 0:
            self._scanned += len(data) - byte_start
            if self._scanned > DFA_AFTER_BYTES:
                import ahocorasick_rs

                self._automaton = self._build(ahocorasick_rs.Implementation.DFA)
                self._scanned = -1
        matches = self._automaton.find_matches_as_indexes(data[byte_start:] if byte_start else data)
        if not matches:
            return Scan([], [])
        hits = []
        anchors = []
        size = len(data)
        outcomes = self._outcomes
        char_position = start
        byte_position = byte_start
        for index, match_start, match_end in matches:
            term, labels, length, before, after = outcomes[index]
            match_start += byte_start
            # A word character is ASCII, one byte whatever the text: the bounds are tested on the bytes,
            # before the offset is converted.
            if before and match_start and data[match_start - 1] in _WORD_BYTES:
                continue
            if after:
                match_end += byte_start
                if match_end < size and data[match_end] in _WORD_BYTES:
                    continue
            # Byte offsets to character offsets: ASCII text needs nothing; otherwise the text before
            # each match is decoded once, walking forward (the bytes between two matches are whole
            # characters: a match starts and ends at a character's edge).
            if ascii_only:
                char_position = match_start
            else:
                char_position += len(data[byte_position:match_start].decode("utf-8", "surrogatepass"))
                byte_position = match_start
            if term is not None:
                hits.append(_new_tuple(Hit, (char_position, char_position + length, term)))
            if labels:
                anchors.append((char_position, labels))
        return Scan(hits, anchors)

    def find(self, text: str, data: bytes | None = None, start: int = 0) -> list[Hit]:
        """Every term in ``text[start:]``, leftmost-longest, not overlapping, as character offsets."""
        return self.scan(text, data, start).hits


def _anchors_inside(terms: list[str], anchors: Mapping[str, tuple[str, ...]]) -> dict[int, list[str]]:
    """Index of each term -> the anchors (other than itself) it holds, in the anchors' order: one search
    per anchor in all the terms joined, rather than one per anchor and term."""
    joined = "\x00".join(terms)
    starts = []
    position = 0
    for term in terms:
        starts.append(position)
        position += len(term) + 1
    held: dict[int, list[str]] = {}
    for anchor in anchors:
        found = joined.find(anchor)
        while found >= 0:
            index = bisect.bisect_right(starts, found) - 1
            if terms[index] != anchor and anchor not in held.get(index, ()):
                held.setdefault(index, []).append(anchor)
            found = joined.find(anchor, found + 1)
    return held


@functools.lru_cache(maxsize=32)
def _build(extend: tuple[tuple[str, int], ...], allow: frozenset[str], anchors: frozenset) -> Lexicon:
    terms = [term for term in builtin_terms() if term.text.lower() not in allow]
    terms.extend(Term(text, weight, CUSTOM, "custom") for text, weight in extend if text.lower() not in allow)
    return Lexicon(terms, dict(anchors))


def lexicon_for(settings: Mapping[str, Any]) -> Lexicon:
    """The lexicon a rule's ``extend-terms`` and ``allow-terms`` settings make (built once per process)."""
    extend = tuple(sorted((text.strip(), int(weight)) for text, weight in settings.get("extend-terms", {}).items()))
    allow = frozenset(text.strip().lower() for text in settings.get("allow-terms", []))
    return _build(extend, allow, registered_anchors())


def default_lexicon() -> Lexicon:
    """The built-in lexicon, with the registered anchors: what a pack without lexicon settings scans with."""
    return _build((), frozenset(), registered_anchors())


def scan(doc: Document, lexicon: Lexicon) -> Scan:
    """One pass over the document's body (front matter excluded) for the lexicon's terms and the
    registered anchors, computed once per lexicon and shared by every rule that asks."""
    return doc.memo(f"spam.scan:{id(lexicon)}", lambda d: lexicon.scan(d.text, lowered_utf8(d), d.body_start))


def find_hits(doc: Document, lexicon: Lexicon) -> list[Hit]:
    """Every lexicon term in the document's body (front matter excluded)."""
    return scan(doc, lexicon).hits

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

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from scrapelint.document import Document
from scrapelint.rules import Option

LEXICON_DIR = Path(__file__).parent / "lexicons"
LANGUAGES = ("zh-hans", "zh-hant", "en")
CATEGORIES = ("porn", "gambling", "pharma", "documents", "loans")
WEIGHTS = (1, 2, 3)
CUSTOM = "custom"  # the category of the terms a user adds


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as written in the lexicon
    weight: int
    category: str
    language: str


class Hit(NamedTuple):
    """One occurrence of a term: text[start:end], offsets into Document.text (a tuple: a spam page
    has hundreds of them)."""

    start: int
    end: int
    term: Term


class TermWeightsOption(Option):
    """A table of term -> weight (1, 2 or 3), validated item by item."""

    def validate(self, key: str, value: Any) -> Any:
        value = super().validate(key, value)
        for term, weight in value.items():
            if not isinstance(term, str) or not term.strip():
                raise ValueError(f"'{key}' expects non-empty terms, got {term!r}")
            if isinstance(weight, bool) or weight not in WEIGHTS:
                raise ValueError(f"'{key}' expects a weight of 1, 2 or 3 for {term!r}, got {weight!r}")
        return value


# Every SP rule reads the same lexicon; a user extends or narrows it per rule with these two options.
EXTEND_TERMS_OPTION = TermWeightsOption(
    dict,
    {},
    "terms to add, each with its weight: 3 only spam writes it, 2 typical of spam, 1 ambiguous",
)
ALLOW_TERMS_OPTION = Option(
    list,
    [],
    "terms never counted as spam (built-in or added), matched case-insensitively",
    item_type=str,
)


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


# Anchor phrases other packs want found in the same pass (the BP pack's): phrase -> labels. A pack
# registers them when its rules are imported, before any document is scanned.
_ANCHORS: dict[str, tuple[str, ...]] = {}
_ANCHORS_KEY: list[frozenset] = [frozenset()]  # the registry as a hashable key, refreshed on each change


def register_anchors(anchors: Mapping[str, Iterable[str]]) -> None:
    """Have every lexicon scan also report these phrases (lower-cased), with their labels."""
    for phrase, labels in anchors.items():
        key = phrase.lower()
        _ANCHORS[key] = tuple(dict.fromkeys((*_ANCHORS.get(key, ()), *labels)))
    _ANCHORS_KEY[0] = frozenset(_ANCHORS.items())


@dataclass(frozen=True, slots=True)
class Scan:
    """What one pass over a document found: lexicon hits, and the registered anchors (offset, labels)."""

    hits: list[Hit]
    anchors: list[tuple[int, tuple[str, ...]]]


class Lexicon:
    """Terms (and the registered anchors) and the automaton that finds them all in one pass."""

    def __init__(self, terms: Iterable[Term], anchors: Mapping[str, tuple[str, ...]] | None = None) -> None:
        import ahocorasick_rs

        by_key: dict[bytes, Term] = {}
        for term in terms:
            key = term.text.encode("utf-8").lower()
            known = by_key.get(key)
            # The same term in two files (a Simplified term unchanged in Traditional) keeps its highest weight.
            if known is None or term.weight > known.weight:
                by_key[key] = term
        self.terms: tuple[Term, ...] = tuple(by_key.values())
        anchors = dict(anchors or {})
        patterns = list(by_key) + [phrase.encode("utf-8") for phrase in anchors if phrase.encode("utf-8") not in by_key]
        self._term_of: list[Term | None] = [by_key.get(pattern) for pattern in patterns]
        # The scan is leftmost-longest, so a term hides the anchors inside it ("app" in "app下载"): a term
        # carries the labels of the anchors it holds.
        self._labels_of: list[tuple[str, ...]] = []
        for pattern in patterns:
            phrase = pattern.decode("utf-8")
            labels = [*anchors.get(phrase, ())]
            if pattern in by_key:
                for anchor, anchor_labels in anchors.items():
                    if anchor != phrase and anchor in phrase:
                        labels.extend(label for label in anchor_labels if label not in labels)
            self._labels_of.append(tuple(labels))
        # Latin terms must not match inside a longer word ("jav" in "java", "xxx" in "xxxxxxx"); an anchor
        # ending in a digit is a prefix ("c.20" of "c.2021") and may run on.
        self._bounded = [
            (
                pattern[0] < 128 and _is_word_char(chr(pattern[0])),
                pattern[-1] < 128
                and (chr(pattern[-1]).isalpha() if self._term_of[index] is None else _is_word_char(chr(pattern[-1]))),
            )
            for index, pattern in enumerate(patterns)
        ]
        self._patterns = patterns
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                patterns,
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if patterns
            else None
        )
        self._text_automaton: Any = None  # the same patterns over str, built when a page needs it

    def _character_matches(self, text: str, data: bytes, matches: list) -> list:
        """``matches`` with character offsets instead of byte offsets.

        ASCII text needs no conversion. A page with many matches (a spam page has hundreds) is scanned
        again as text, which gives character offsets directly; a few are converted one by one.
        """
        if len(data) == len(text):
            return matches
        if len(matches) > 12:
            lowered = text.lower()
            if len(lowered) == len(text):
                if self._text_automaton is None:
                    import ahocorasick_rs

                    self._text_automaton = ahocorasick_rs.AhoCorasick(
                        [pattern.decode("utf-8") for pattern in self._patterns],
                        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                        implementation=ahocorasick_rs.Implementation.DFA,
                    )
                return self._text_automaton.find_matches_as_indexes(lowered)
        converted = []
        char_position = byte_position = 0
        for index, byte_start, byte_end in matches:
            # Walking forward once over the text before each match.
            char_position += len(data[byte_position:byte_start].decode("utf-8", "replace"))
            byte_position = byte_start
            converted.append(
                (index, char_position, char_position + len(data[byte_start:byte_end].decode("utf-8", "replace")))
            )
        return converted

    def scan(self, text: str, data: bytes | None = None, start: int = 0) -> Scan:
        """Every term and anchor in ``text[start:]`` (leftmost-longest, not overlapping), as
        character offsets. ``data`` is ``text.encode("utf-8").lower()`` when the caller has it already."""
        if self._automaton is None:
            return Scan([], [])
        if data is None:
            data = text.encode("utf-8").lower()
        matches = self._automaton.find_matches_as_indexes(data)
        if not matches:
            return Scan([], [])
        hits = []
        anchors = []
        length = len(text)
        for index, char_position, char_end in self._character_matches(text, data, matches):
            if char_position < start:
                continue
            before, after = self._bounded[index]
            if before and char_position > 0 and _is_word_char(text[char_position - 1]):
                continue
            if after and char_end < length and _is_word_char(text[char_end]):
                continue
            term = self._term_of[index]
            if term is not None:
                hits.append(Hit(char_position, char_end, term))
            if self._labels_of[index]:
                anchors.append((char_position, self._labels_of[index]))
        return Scan(hits, anchors)

    def find(self, text: str, data: bytes | None = None, start: int = 0) -> list[Hit]:
        """Every term in ``text[start:]``, leftmost-longest, not overlapping, as character offsets."""
        return self.scan(text, data, start).hits


@functools.lru_cache(maxsize=32)
def _build(extend: tuple[tuple[str, int], ...], allow: frozenset[str], anchors: frozenset) -> Lexicon:
    terms = [term for term in builtin_terms() if term.text.lower() not in allow]
    terms.extend(Term(text, weight, CUSTOM, "custom") for text, weight in extend if text.lower() not in allow)
    return Lexicon(terms, dict(anchors))


def lexicon_for(settings: Mapping[str, Any]) -> Lexicon:
    """The lexicon a rule's ``extend-terms`` and ``allow-terms`` settings make (built once per process)."""
    extend = tuple(sorted((text.strip(), int(weight)) for text, weight in settings.get("extend-terms", {}).items()))
    allow = frozenset(text.strip().lower() for text in settings.get("allow-terms", []))
    return _build(extend, allow, _ANCHORS_KEY[0])


def default_lexicon() -> Lexicon:
    """The built-in lexicon, with the registered anchors: what a pack without lexicon settings scans with."""
    return _build((), frozenset(), _ANCHORS_KEY[0])


def lowered_utf8(doc: Document) -> bytes:
    """The document's text as UTF-8 with ASCII letters lowered: what the automata scan. Shared."""
    return doc.memo("spam.lowered-utf8", _lowered_utf8)


def _lowered_utf8(doc: Document) -> bytes:
    raw = doc.raw if doc.encoding == "utf-8" else doc.text.encode("utf-8")
    return raw.lower()


def scan(doc: Document, lexicon: Lexicon) -> Scan:
    """One pass over the document's body (front matter excluded) for the lexicon's terms and the
    registered anchors, computed once per lexicon and shared by every rule that asks."""
    return doc.memo(f"spam.scan:{id(lexicon)}", lambda d: lexicon.scan(d.text, lowered_utf8(d), d.body_start))


def find_hits(doc: Document, lexicon: Lexicon) -> list[Hit]:
    """Every lexicon term in the document's body (front matter excluded)."""
    return scan(doc, lexicon).hits

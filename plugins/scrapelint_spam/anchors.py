"""Anchor phrases other packs want found in the spam lexicon's one pass over a document (the BP pack's).

A small module of its own: a pack registers its anchors when it is loaded, before any lexicon is built,
and loading must not build anything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# phrase -> labels. A pack registers them when it is loaded, before any document is scanned.
_ANCHORS: dict[str, tuple[str, ...]] = {}
_ANCHORS_KEY: list[frozenset] = [frozenset()]  # the registry as a hashable key, refreshed on each change


def register_anchors(anchors: Mapping[str, Iterable[str]]) -> None:
    """Have every lexicon scan also report these phrases (lower-cased), with their labels."""
    for phrase, labels in anchors.items():
        key = phrase.lower()
        _ANCHORS[key] = tuple(dict.fromkeys((*_ANCHORS.get(key, ()), *labels)))
    _ANCHORS_KEY[0] = frozenset(_ANCHORS.items())


def registered_anchors() -> frozenset:
    """Every registered anchor with its labels, as a hashable key: a lexicon is built for each."""
    return _ANCHORS_KEY[0]

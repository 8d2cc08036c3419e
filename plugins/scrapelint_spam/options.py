"""Options every SP rule takes: the lexicon's extension and allow-list, and the score thresholds.

Each rule scores what it finds between 0 and 1 on the same scale: 0.5 is a run no ordinary article
writes, 0.7 one that leaves no doubt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapelint.document import Document
from scrapelint.findings import Applicability, Fix
from scrapelint.lazy import lazy_module
from scrapelint.rules import FixAvailability, Option, Rule

if TYPE_CHECKING:
    from scrapelint_spam.lexicon import Lexicon

# Run at the first check, not when the pack is loaded.
lexicons = lazy_module("scrapelint_spam.lexicon")
removal = lazy_module("scrapelint_spam.removal")
WEIGHTS = (1, 2, 3)  # a term's weight: 3 only spam writes it, 2 typical of spam, 1 ambiguous


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


class ScoreOption(Option):
    """A score between 0 and 1."""

    def validate(self, key: str, value: Any) -> Any:
        value = super().validate(key, value)
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"'{key}' expects a score between 0 and 1, got {value!r}")
        return value


MIN_SCORE_OPTION = ScoreOption((float, int), 0.5, "the score from which a finding is reported")
SAFE_SCORE_OPTION = ScoreOption((float, int), 0.7, "the score from which the fix is safe (below it, unsafe)")

SPAM_OPTIONS: dict[str, Option] = {
    "extend-terms": EXTEND_TERMS_OPTION,
    "allow-terms": ALLOW_TERMS_OPTION,
    "min-score": MIN_SCORE_OPTION,
    "safe-score": SAFE_SCORE_OPTION,
}


class SpamRule(Rule):
    """What the SP rules share: their lexicon (built once per process for each setting) and how a
    score turns into a finding's fix."""

    options = SPAM_OPTIONS
    fix_availability = FixAvailability.SOMETIMES
    _lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon the rule's settings make, built on the first check rather than with the rule:
        loading the pack stays cheap, and a run that never checks a document never builds it."""
        if self._lexicon is None:
            self._lexicon = lexicons.lexicon_for(self.settings)
        return self._lexicon

    def removal_fix(self, doc: Document, spans: list[tuple[int, int]], score: float, what: str) -> Fix:
        """A fix deleting each span with the wrapper and line it leaves empty: safe from ``safe-score``.
        Its edits are worked out only when someone needs them (see ``removal.deferred_removal``)."""
        applicability = Applicability.SAFE if score >= self.settings["safe-score"] else Applicability.UNSAFE
        return Fix.deferred(f"Remove the {what}", applicability, removal.deferred_removal(doc, spans))

"""Options every SP rule takes: the lexicon's extension and allow-list, and the score thresholds.

Each rule scores what it finds between 0 and 1 on the same scale: 0.5 is a run no ordinary article
writes, 0.7 one that leaves no doubt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Fix
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_spam.lexicon import ALLOW_TERMS_OPTION, EXTEND_TERMS_OPTION, lexicon_for
from scrapelint_spam.removal import removal_span


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

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        self.lexicon = lexicon_for(self.settings)

    def removal_fix(self, doc: Document, spans: list[tuple[int, int]], score: float, what: str) -> Fix:
        """A fix deleting each span with the wrapper and line it leaves empty: safe from ``safe-score``."""
        removals = sorted(removal_span(doc, start, end) for start, end in spans)
        merged: list[tuple[int, int]] = []
        for start, end in removals:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        edits = [Edit.delete(start, end) for start, end in merged]
        applicability = Applicability.SAFE if score >= self.settings["safe-score"] else Applicability.UNSAFE
        return self.fix(f"Remove the {what}", *edits, applicability=applicability)

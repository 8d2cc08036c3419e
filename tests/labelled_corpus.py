"""Scoring a pack's rules against the labelled corpus beside the repository (../shared/corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapelint.document import Document
from scrapelint.engine import lint_document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

needs_labelled_corpus = pytest.mark.skipif(
    not (CORPUS / "labels.jsonl").is_file(), reason="the labelled corpus is not beside the repository"
)


def precision_and_recall(rules: list, defect_class: str) -> tuple[float, float]:
    """Document level: an article is flagged when any of ``rules`` finds something in it; articles whose
    label for ``defect_class`` is null (ambiguous) are not scored."""
    true_positive = false_positive = false_negative = 0
    for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label.get(defect_class) is None:
            continue
        path = CORPUS / label["file"]
        flagged = bool(lint_document(Document.from_bytes(path.read_bytes(), str(path)), rules))
        true_positive += flagged and label[defect_class]
        false_positive += flagged and not label[defect_class]
        false_negative += not flagged and label[defect_class]
    return true_positive / (true_positive + false_positive), true_positive / (true_positive + false_negative)

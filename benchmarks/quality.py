"""Precision and recall of every rule pack against document-level labels.

The labels file holds one JSON object per line: ``file`` (relative to the corpus folder) and one boolean
(or null: ambiguous, not scored) per defect class, as ``../shared/corpus/labels.jsonl`` does. A document
counts as flagged for a class when any rule of the class's pack reports something in it.

    python benchmarks/quality.py ../shared/corpus
    python benchmarks/quality.py ../shared/corpus --labels other.jsonl --select SP,BP --details
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# Which pack (code prefix) answers for which labelled defect class.
PACK_CLASSES = {
    "SP": "spam",
    "BP": "boilerplate",
    "FM": "front_matter",
    "DT": "date",
    "SC": "mixed_script",
    "EN": "encoding",
    "TR": "tracking",
}


@dataclass
class ClassScore:
    name: str
    true_positives: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    negatives: int = 0

    @property
    def precision(self) -> float:
        flagged = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        positives = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / positives if positives else 1.0


def lint_corpus(corpus: Path, files: list[str], select: list[str] | None) -> dict[str, dict[str, list[str]]]:
    """file -> class -> the codes that flagged it."""
    from scrapelint.config import ConfigResolver, Overrides
    from scrapelint.plugins import load_plugins
    from scrapelint.runner import CheckOptions, Target, check_file

    loaded = load_plugins()
    resolver = ConfigResolver(loaded.rules, overrides=Overrides(select=tuple(select) if select else None))
    flagged: dict[str, dict[str, list[str]]] = {}
    for name in files:
        path = corpus / name
        result = check_file(Target(str(path), name), resolver.for_path(path), CheckOptions())
        by_class: dict[str, list[str]] = defaultdict(list)
        if result.error:
            print(f"warning: {name}: {result.error}", file=sys.stderr)
        for finding in result.findings:
            defect_class = PACK_CLASSES.get(finding.code[:2])
            if defect_class:
                by_class[defect_class].append(finding.code)
        flagged[name] = dict(by_class)
    return flagged


def score(labels: list[dict], flagged: dict[str, dict[str, list[str]]]) -> dict[str, ClassScore]:
    scores = {name: ClassScore(name) for name in PACK_CLASSES.values()}
    for label in labels:
        name = label["file"]
        for defect_class, class_score in scores.items():
            truth = label.get(defect_class)
            if truth is None:
                continue
            found = bool(flagged.get(name, {}).get(defect_class))
            if truth and found:
                class_score.true_positives.append(name)
            elif truth:
                class_score.false_negatives.append(name)
            elif found:
                class_score.false_positives.append(name)
            else:
                class_score.negatives += 1
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the folder the labels' file paths are relative to")
    parser.add_argument("--labels", type=Path, help="labels file (default: CORPUS/labels.jsonl)")
    parser.add_argument("--select", help="rules to run, comma-separated (default: the defaults)")
    parser.add_argument("--classes", help="only these classes, comma-separated (e.g. spam,boilerplate)")
    parser.add_argument("--details", action="store_true", help="list the true positives too, with their codes")
    args = parser.parse_args(argv)

    labels_path = args.labels or args.corpus / "labels.jsonl"
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    select = args.select.split(",") if args.select else None
    flagged = lint_corpus(args.corpus, [label["file"] for label in labels], select)
    scores = score(labels, flagged)
    wanted = set(args.classes.split(",")) if args.classes else set(PACK_CLASSES.values())

    print(f"{len(labels)} labelled documents in {args.corpus}")
    print(f"{'class':14}{'pack':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'precision':>11}{'recall':>8}")
    packs = {defect_class: pack for pack, defect_class in PACK_CLASSES.items()}
    for name, class_score in scores.items():
        if name not in wanted:
            continue
        print(
            f"{name:14}{packs[name]:>5}{len(class_score.true_positives):>5}{len(class_score.false_positives):>5}"
            f"{len(class_score.false_negatives):>5}{class_score.negatives:>5}"
            f"{class_score.precision:>11.2f}{class_score.recall:>8.2f}"
        )
    for name, class_score in scores.items():
        if name not in wanted:
            continue
        listing = [("false positive", class_score.false_positives), ("false negative", class_score.false_negatives)]
        if args.details:
            listing.insert(0, ("true positive", class_score.true_positives))
        for kind, files in listing:
            for file in files:
                codes = ",".join(sorted(set(flagged.get(file, {}).get(name, [])))) or "-"
                print(f"  {name} {kind}: {file} [{codes}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

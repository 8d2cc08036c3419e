"""What each rule pack costs: once per process (start-up) and per article (its rules' checks).

- start-up: in a fresh interpreter per pack, the time to import the pack and hand over its rules
  (``scrapelint_rules``), then the first check of one article (lazy tables, automatons, patterns built
  on first use), both in milliseconds. A single-file `scrapelint check` pays every pack's start-up.
- per article: every default rule run over the folder's articles in this process (after a warm-up),
  as CPU microseconds per article and findings per article, per pack and for the costliest rules.
  A pack's first rule also pays for the document views its pack shares (they are memoised).

CPU time (``time.process_time``) is used throughout, so that other work on the machine inflates the
numbers less than it would wall time.

    python benchmarks/rules.py seeds
    python benchmarks/rules.py ../shared/corpus --pack SP --pack BP --top 10
    python benchmarks/rules.py seeds --startup-only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ARTICLE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}


def articles(folder: Path, limit: int) -> list[Path]:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not found:
        raise SystemExit(f"no articles in {folder}")
    return found[:limit]


def startup_probe(pack: str, article: str) -> None:
    """Runs in a fresh interpreter: print the pack's load and first-check times as JSON."""
    from importlib.metadata import entry_points

    from scrapelint.document import Document

    doc = Document.from_bytes(Path(article).read_bytes(), article)
    (entry_point,) = [ep for ep in entry_points(group="scrapelint") if ep.name == pack]
    started = time.perf_counter()
    plugin = entry_point.load()
    rules = [cls() for cls in plugin.scrapelint_rules() if cls.default_enabled]
    loaded = time.perf_counter()
    for rule in rules:
        list(rule.check(doc))
    checked = time.perf_counter()
    print(json.dumps({"load": (loaded - started) * 1e3, "first_check": (checked - loaded) * 1e3}))


def measure_startup(packs: list[str], article: Path, repeat: int) -> None:
    print(f"start-up per pack (fresh interpreter, best of {repeat}; first check on {article.name}):")
    print(f"  {'pack':14}{'load ms':>9}{'first check ms':>16}")
    totals = Counter()
    for pack in packs:
        runs = []
        for _ in range(repeat):
            child = subprocess.run(
                [sys.executable, __file__, "--probe", pack, str(article)], capture_output=True, text=True
            )
            if child.returncode:
                raise SystemExit(f"probe of {pack} failed:\n{child.stderr[-2000:]}")
            runs.append(json.loads(child.stdout.splitlines()[-1]))
        load = min(run["load"] for run in runs)
        first = min(run["first_check"] for run in runs)
        totals["load"] += load
        totals["first"] += first
        print(f"  {pack:14}{load:>9.1f}{first:>16.1f}")
    print(f"  {'all':14}{totals['load']:>9.1f}{totals['first']:>16.1f}\n")


def measure_per_article(paths: list[Path], prefixes: set[str], top: int) -> None:
    from scrapelint.document import Document
    from scrapelint.plugins import load_plugins

    rules = [cls() for cls in load_plugins().rules if cls.default_enabled]
    if prefixes:
        rules = [rule for rule in rules if rule.code[:2] in prefixes]
    sources = [(path.read_bytes(), str(path)) for path in paths]
    for data, name in sources[:20]:  # warm-up: lazy tables and patterns are start-up, not per article
        doc = Document.from_bytes(data, name)
        for rule in rules:
            list(rule.check(doc))
    cpu: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for data, name in sources:
        doc = Document.from_bytes(data, name)  # fresh: memoised views are paid again, as in a real run
        for rule in rules:
            started = time.process_time()
            count = sum(1 for _ in rule.check(doc))
            cpu[rule.code] += time.process_time() - started
            found[rule.code] += count
    n = len(sources)
    per_pack: Counter[str] = Counter()
    pack_findings: Counter[str] = Counter()
    for code, seconds in cpu.items():
        per_pack[code[:2]] += seconds
        pack_findings[code[:2]] += found[code]
    print(f"per article ({n} articles, CPU time):")
    print(f"  {'pack':6}{'us/article':>12}{'findings/article':>18}")
    for pack, seconds in per_pack.most_common():
        print(f"  {pack:6}{seconds / n * 1e6:>12.0f}{pack_findings[pack] / n:>18.2f}")
    print(f"  {'all':6}{sum(cpu.values()) / n * 1e6:>12.0f}{sum(found.values()) / n:>18.2f}")
    print(f"\ncostliest rules:\n  {'rule':6}{'us/article':>12}{'findings/article':>18}")
    for code, seconds in cpu.most_common(top):
        print(f"  {code:6}{seconds / n * 1e6:>12.0f}{found[code] / n:>18.2f}")


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--probe":
        startup_probe(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="articles to run the rules on")
    parser.add_argument("--pack", action="append", default=[], help="only rules with this code prefix (repeatable)")
    parser.add_argument("--limit", type=int, default=2000, help="at most this many articles (default 2000)")
    parser.add_argument("--top", type=int, default=15, help="costliest rules to list")
    parser.add_argument("--repeat", type=int, default=3, help="start-up runs per pack; the best is kept")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    args = parser.parse_args(argv)

    from importlib.metadata import entry_points

    from scrapelint.plugins import load_plugins

    paths = articles(args.folder, args.limit)
    prefixes = {prefix.upper() for prefix in args.pack}
    if not args.no_startup:
        registry = load_plugins().rules
        packs = sorted({rule.pack for rule in registry if not prefixes or rule.code[:2] in prefixes})
        packs = [ep.name for ep in entry_points(group="scrapelint") if ep.name in packs]
        # The largest article stands for the worst first check.
        measure_startup(packs, max(paths, key=lambda path: path.stat().st_size), args.repeat)
    if not args.startup_only:
        measure_per_article(paths, prefixes, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

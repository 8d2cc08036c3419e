"""Throughput of the whole `scrapelint check` path, next to the floor of merely reading the files.

Builds a corpus of N articles by copying the seed articles (and, with --from, the articles of another
folder) under unique names, then times, in one process:

- read: reading every file's bytes and decoding them (the floor no linter can beat);
- check: `scrapelint check` on the folder (discovery, reading, every selected rule, the report written
  to a file), through the main() the console script calls (without the console script's garbage
  collector settings, which serve one run per process: see cli.console_main).

Each is run --repeat times and the best run is reported, as articles/s and MB/s.

    python benchmarks/throughput.py --articles 5000
    python benchmarks/throughput.py --articles 5000 --from ../shared/corpus --select FM,DT
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}


def build_corpus(target: Path, count: int, sources: list[Path]) -> int:
    """Copy articles round-robin into ``target`` until there are ``count`` (or ``count`` of them, evenly
    spread, when there are more); returns the total bytes."""
    articles = sorted(
        path for source in sources for path in source.rglob("*") if path.suffix.lower() in ARTICLE_SUFFIXES
    )
    if not articles:
        raise SystemExit(f"no articles found in {', '.join(map(str, sources))}")
    if count < len(articles):
        # An even spread over the sorted articles, not their head: a folder of several sources is
        # sampled from each of them.
        articles = [articles[index * len(articles) // count] for index in range(count)]
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, article in zip(range(count), itertools.cycle(articles)):
        data = article.read_bytes()
        # A subfolder per thousand keeps folders a realistic size.
        folder = target / f"{index // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{index:06d}{article.suffix}").write_bytes(data)
        total += len(data)
    return total


def time_read(corpus: Path) -> float:
    start = time.perf_counter()
    for folder, _dirs, files in os.walk(corpus):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                data.decode("latin-1")
    return time.perf_counter() - start


def time_check(corpus: Path, extra: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole check (one process: --jobs 1, no cache)."""
    from scrapelint.cli import main

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as report:
        report_path = report.name
    try:
        start, cpu_start = time.perf_counter(), time.process_time()
        main(["check", str(corpus), "--output-file", report_path, "--exit-zero", "--jobs", "1", "--no-cache", *extra])
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    finally:
        os.unlink(report_path)
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="corpus size (default 5000)")
    parser.add_argument(
        "--from",
        dest="sources",
        type=Path,
        action="append",
        default=[],
        help="also copy articles from this folder (repeatable); the seeds are always used",
    )
    parser.add_argument("--no-seeds", action="store_true", help="use only the --from folders")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    parser.add_argument("--select", help="rules to run (default: the configured defaults)")
    parser.add_argument("--output-format", default="full", help="report format (default: full)")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args(argv)

    sources = ([] if args.no_seeds else [ROOT / "seeds"]) + args.sources
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="scrapelint-bench-"))
    corpus = workdir / "corpus"
    try:
        if corpus.exists():
            shutil.rmtree(corpus)
        total_bytes = build_corpus(corpus, args.articles, sources)
        extra = ["--output-format", args.output_format]
        if args.select:
            extra += ["--select", args.select]
        read = min(time_read(corpus) for _ in range(args.repeat))
        checks = [time_check(corpus, extra) for _ in range(args.repeat)]
        check = min(elapsed for elapsed, _ in checks)
        check_cpu = min(cpu for _, cpu in checks)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    megabytes = total_bytes / 1e6
    print(f"corpus: {args.articles} articles, {megabytes:.1f} MB, from {', '.join(map(str, sources))}")
    print(f"python {sys.version.split()[0]}, best of {args.repeat}, one process")
    print(f"{'':10}{'seconds':>10}{'articles/s':>14}{'MB/s':>10}{'us/article':>12}")
    for label, seconds in (("read", read), ("check", check), ("check cpu", check_cpu)):
        print(
            f"{label:10}{seconds:>10.3f}{args.articles / seconds:>14,.0f}{megabytes / seconds:>10.1f}"
            f"{seconds / args.articles * 1e6:>12.0f}"
        )
    print("(check cpu: the process's CPU time, steadier than wall time on a busy machine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

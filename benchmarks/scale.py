"""Scale: parallel speed-up, warm-cache speed-up and memory against corpus size, for the real command.

Builds corpora from the seeds and the labelled corpus (see throughput.py), then runs
`scrapelint check` as a separate process each time and reports:

- jobs: articles/s with --jobs 1 and --jobs 2 (no cache), and the ratio;
- cache: a cold run (empty cache) and a warm re-run, and the ratio;
- memory: the peak resident memory of the largest process of a run, at two corpus sizes.

    python benchmarks/scale.py --articles 20000 --small 5000
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import ROOT, build_corpus

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB, largest process) of one run, measured from a fresh process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    # The probe runs the command as its only child, so RUSAGE_CHILDREN covers this run alone.
    output = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, kilobytes = output.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def check_command(corpus: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scrapelint",
        "check",
        str(corpus),
        "--exit-zero",
        "--output-format",
        "concise",
        *extra,
    ]


def _ratios(slower: list[float], faster: list[float]) -> str:
    return ", ".join(f"{a / b:.2f}x" for a, b in zip(slower, faster, strict=True))


def best(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(command) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), max(memory for _, memory in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000, help="the large corpus (default 20000)")
    parser.add_argument("--small", type=int, default=5000, help="the small corpus, for memory (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept (default 3)")
    parser.add_argument(
        "--from",
        dest="sources",
        type=Path,
        action="append",
        default=[],
        help="article folders besides the seeds (default: ../shared/corpus)",
    )
    args = parser.parse_args(argv)

    sources = [ROOT / "seeds", *(args.sources or ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else []))]
    workdir = Path(tempfile.mkdtemp(prefix="scrapelint-scale-"))
    try:
        large, small = workdir / "large", workdir / "small"
        megabytes = build_corpus(large, args.articles, sources) / 1e6
        build_corpus(small, args.small, sources)
        n = args.articles
        print(f"corpus: {n} articles, {megabytes:.1f} MB, from {', '.join(map(str, sources))}")
        print(f"python {sys.version.split()[0]}, best of {args.repeat}, each run a separate process\n")

        # Interleaved, like the cold and warm runs below: a shared machine's speed drifts over minutes, and
        # all the --jobs 1 runs before all the --jobs 2 runs would put the drift in the ratio. Each pair
        # swaps the order of the one before (1 2, 2 1, 1 2...), so that going first or second favours neither.
        ones, twos = [], []
        for turn in range(args.repeat):
            for jobs in ("1", "2") if turn % 2 == 0 else ("2", "1"):
                (ones if jobs == "1" else twos).append(measure(check_command(large, "--no-cache", "--jobs", jobs))[0])
        one, two = min(ones), min(twos)
        print(f"jobs   --jobs 1 {n / one:>8,.0f} articles/s   --jobs 2 {n / two:>8,.0f} articles/s", end="")
        print(f"   ratio {one / two:.2f}x   (pair by pair: {_ratios(ones, twos)})")

        colds, warms = [], []
        for _ in range(args.repeat):
            cache = workdir / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(measure(check_command(large, "--cache-dir", str(cache)))[0])
            warms.append(measure(check_command(large, "--cache-dir", str(cache)))[0])
        cold, warm = min(colds), min(warms)
        print(f"cache  cold     {n / cold:>8,.0f} articles/s   warm     {n / warm:>8,.0f} articles/s", end="")
        print(f"   ratio {cold / warm:.2f}x   (pair by pair: {_ratios(colds, warms)})")

        _, memory_small = best(check_command(small, "--no-cache"), 1)
        _, memory_large = best(check_command(large, "--no-cache"), 1)
        growth = (memory_large / memory_small - 1) * 100
        print(
            f"memory {args.small} articles {memory_small:.1f} MiB   {n} articles {memory_large:.1f} MiB   "
            f"growth {growth:+.1f}% (peak of the largest process, default jobs)"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"\n({time.perf_counter() - started:.0f} s)")
    raise SystemExit(code)

"""Throughput of scrapelint in pipelines: the CLI, datatrove's local executor and a Dask LocalCluster.

Builds one JSON Lines corpus of N records (real articles from the seeds and ../shared/corpus, round-robin,
in 8 shards), then lints it, with 1 and with 2 workers, three ways:

- cli: `scrapelint check --jobs N --no-cache --output-format json-lines` on the shards, report to a file;
- datatrove: LocalPipelineExecutor(JsonlReader -> ScrapelintAnnotator -> JsonlWriter), 8 tasks, N workers;
- dask: LocalCluster(N worker processes, one thread each), lint_bag on the shards, findings to JSON Lines.

Each run is a separate process started from here; "end to end" is that process's wall time (interpreter,
imports, plugin loading, pool or cluster start-up, the work, the output), "work" the part spent after
start-up (for the CLI, the whole process), "machine busy" the cores the whole machine kept busy meanwhile
(every process, ours and any other: well above the number of workers, something else was running).
Every setting is run --repeat times, in rounds, and the best run is kept.

    python benchmarks/pipelines.py --records 20000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus"]
ARTICLE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}
SHARDS = 8


def build_corpus(folder: Path, count: int) -> int:
    """``count`` records in SHARDS JSON Lines files; returns the bytes written."""
    articles = sorted(path for source in SOURCES for path in source.rglob("*") if path.suffix in ARTICLE_SUFFIXES)
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in articles]
    folder.mkdir(parents=True)
    shards: list[list[str]] = [[] for _ in range(SHARDS)]
    for number, text in zip(range(count), itertools.cycle(texts)):
        line = json.dumps({"id": f"record-{number:06d}", "text": text, "url": f"https://example.org/{number}"})
        shards[number * SHARDS // count].append(line + "\n")  # contiguous blocks, as a crawler writes them
    for shard, lines in enumerate(shards):
        (folder / f"part-{shard:05d}.jsonl").write_text("".join(lines), encoding="utf-8")
    return sum(len(line.encode("utf-8")) for lines in shards for line in lines)


# -- one run, in its own process ----------------------------------------------------------------------


def run_cli(corpus: Path, workers: int, output: Path) -> float:
    started = time.perf_counter()
    shards = sorted(str(path) for path in corpus.glob("*.jsonl"))
    report = ["--output-format", "json-lines", "--output-file", str(output / "findings.jsonl")]
    command = [sys.executable, "-m", "scrapelint", "check", "--no-cache", "--exit-zero", "--jobs", str(workers)]
    subprocess.run([*command, *report, *shards], check=True)
    return time.perf_counter() - started


def run_datatrove(corpus: Path, workers: int, output: Path) -> float:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from scrapelint.integrations.datatrove import ScrapelintAnnotator

    pipeline = [JsonlReader(str(corpus)), ScrapelintAnnotator(), JsonlWriter(str(output / "docs"), compression=None)]
    executor = LocalPipelineExecutor(pipeline, tasks=SHARDS, workers=workers, logging_dir=str(output / "logs"))
    started = time.perf_counter()
    executor.run()
    return time.perf_counter() - started


def run_dask(corpus: Path, workers: int, output: Path) -> float:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from scrapelint.integrations.dask import lint_bag

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster):
        started = time.perf_counter()
        bags = [
            lint_bag(db.read_text(str(shard), blocksize="1MiB").map(json.loads), source=str(shard))
            for shard in sorted(corpus.glob("*.jsonl"))
        ]
        db.concat(bags).map(json.dumps).to_textfiles(str(output / "findings-*.jsonl"))
        return time.perf_counter() - started


RUNNERS = {"cli": run_cli, "datatrove": run_datatrove, "dask": run_dask}


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot, every process counted (Linux)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(kind: str, corpus: Path, workers: int, scratch: Path) -> tuple[float, float, float]:
    """(end-to-end seconds, work seconds, busy CPU seconds of the machine) of one run in a fresh process."""
    output = scratch / f"{kind}-{workers}"
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    before = busy_cpu_seconds()
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--run", kind, "--workers", str(workers), "--corpus", str(corpus), str(output)],
        capture_output=True,
        text=True,
    )
    end_to_end = time.perf_counter() - started
    busy = busy_cpu_seconds() - before
    if child.returncode != 0:
        raise SystemExit(f"{kind} with {workers} workers failed:\n{child.stderr[-3000:]}")
    return end_to_end, float(child.stdout.split()[-1]), busy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000, help="corpus size (default 20000)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each setting; the best is kept")
    parser.add_argument("--only", choices=sorted(RUNNERS), action="append", help="run only these (repeatable)")
    parser.add_argument("--run", choices=sorted(RUNNERS), help=argparse.SUPPRESS)  # a child process's one run
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("output", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(RUNNERS[args.run](args.corpus, args.workers, args.output))
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="scrapelint-pipelines-"))
    try:
        corpus = scratch / "corpus"
        megabytes = build_corpus(corpus, args.records) / 1e6
        n = args.records
        print(f"corpus: {n} records, {megabytes:.1f} MB in {SHARDS} JSON Lines shards; every default rule")
        print(f"python {sys.version.split()[0]}, best of {args.repeat}, each run a separate process\n")
        print(
            f"{'':10} {'workers':>7} {'end to end':>16} {'work':>16} {'machine busy':>13}   {'speed-up':>8}"
            f"   {'vs cli -j2':>10}"
        )
        settings = [(kind, workers) for kind in args.only or list(RUNNERS) for workers in (1, 2)]
        runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {setting: [] for setting in settings}
        # Round after round, so that a burst of other work on the machine spoils one run of a setting, not all.
        for _ in range(args.repeat):
            for kind, workers in settings:
                runs[kind, workers].append(measure(kind, corpus, workers, scratch))
        best = {setting: min(measured) for setting, measured in runs.items()}
        for kind, workers in settings:
            total, _, busy = best[kind, workers]
            work = min(run[1] for run in runs[kind, workers])
            line = f"{kind:10} {workers:>7} {n / total:>10,.0f} rec/s {n / work:>10,.0f} rec/s {busy / total:>13.2f}"
            if workers == 2:
                line += f"   {best[kind, 1][0] / total:>7.2f}x"
                if ("cli", 2) in best:
                    line += f"   {best['cli', 2][0] / total:>9.0%}"
            print(line)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    if "--run" not in sys.argv:
        print(f"\n({time.perf_counter() - started:.0f} s)")
    raise SystemExit(code)

"""The check command as an application object (flake8's model): the CLI parses, this runs.

It turns paths into jobs (files, and the records of JSON Lines and Parquet corpora), runs them (in worker
processes and through the cache when asked), filters through a baseline, feeds the reporter, writes fixed
corpora, shows progress on a terminal, and computes the exit code.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scrapelint.config import ConfigError, ConfigResolver, ResolvedConfig, Settings
from scrapelint.corpus import JSONL_SUFFIXES, CorpusWriter, Record, is_blank, read_records
from scrapelint.discovery import discover
from scrapelint.messages import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, print_error, print_warning
from scrapelint.parquet import PARQUET_SUFFIXES
from scrapelint.reporters.base import Reporter, RunSummary
from scrapelint.runner import FileJob, FileResult, Job, JobResult, RecordJob, RunOptions, Workers, run_jobs


@dataclass(frozen=True)
class CheckRequest:
    paths: list[str]
    run: RunOptions
    input_format: str = "auto"  # "auto" (by suffix), "files", "jsonl" or "parquet"
    text_field: str = "text"
    id_field: str = "id"
    force_exclude: bool = False
    exit_zero: bool = False
    exit_non_zero_on_fix: bool = False
    statistics: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    progress: bool = False


@dataclass
class CheckOutcome:
    summary: RunSummary = field(default_factory=RunSummary)
    errors: int = 0
    changed: bool = False  # --diff printed something


class CheckRun:
    def __init__(self, request: CheckRequest, resolver: ConfigResolver, reporter: Reporter, output: TextIO) -> None:
        self.request = request
        self.resolver = resolver
        self.reporter = reporter
        self.output = output
        self.outcome = CheckOutcome()
        self._settings_keys: dict[int, int] = {}  # id(Settings) -> small key sent with jobs
        self._progress = _Progress(enabled=request.progress)
        self.baseline = None
        self.new_baseline = None

    # -- entry point ---------------------------------------------------------------------------------

    def run(self) -> int:
        from scrapelint.baseline import Baseline, BaselineError

        try:
            if self.request.baseline is not None:
                self.baseline = Baseline.load(self.request.baseline)
            if self.request.write_baseline is not None:
                self.new_baseline = Baseline(self.request.write_baseline)
        except BaselineError as error:
            print_error(str(error))
            return EXIT_ERROR
        corpora, files = self._split_paths()
        self.reporter.start()
        self.workers = Workers(self.request.run)  # one pool for the folder and every corpus file
        try:
            if files:
                self._consume(run_jobs(self._file_jobs(files), self.request.run, self.workers))
            for corpus in corpora:
                if self._is_parquet(corpus):
                    self._check_parquet(corpus)
                else:
                    self._check_corpus(corpus)
        except ConfigError as error:
            print_error(str(error))
            return EXIT_ERROR
        finally:
            self.workers.close()
            self._progress.stop()
        if not self.request.run.check.diff:
            if self.request.statistics:
                _print_statistics(self.outcome.summary, self.output)
            else:
                self.reporter.finish(self.outcome.summary)
        if self.new_baseline is not None:
            self.new_baseline.write(self.request.write_baseline)
        return self._exit_code()

    def _exit_code(self) -> int:
        summary = self.outcome.summary
        for code in sorted(summary.unsettled):
            print_warning(f"fixes of {code} did not settle after repeated passes; some findings remain")
        if self.outcome.errors:
            return EXIT_ERROR
        if self.request.run.check.diff:
            return EXIT_FINDINGS if self.outcome.changed else EXIT_CLEAN
        if self.request.exit_non_zero_on_fix and summary.fixed:
            return EXIT_FINDINGS
        if summary.findings and not self.request.exit_zero:
            return EXIT_FINDINGS
        return EXIT_CLEAN

    # -- jobs ----------------------------------------------------------------------------------------

    def _split_paths(self) -> tuple[list[str], list[str]]:
        if self.request.input_format in ("jsonl", "parquet"):
            return list(self.request.paths), []
        if self.request.input_format == "files":
            return [], list(self.request.paths)
        corpus_suffixes = JSONL_SUFFIXES | PARQUET_SUFFIXES
        corpora = [p for p in self.request.paths if Path(p).suffix.lower() in corpus_suffixes]
        return corpora, [p for p in self.request.paths if p not in corpora]

    def _is_parquet(self, display: str) -> bool:
        if self.request.input_format == "auto":
            return Path(display).suffix.lower() in PARQUET_SUFFIXES
        return self.request.input_format == "parquet"

    def _settings(self, path: Path | str, config: ResolvedConfig | None = None) -> tuple[int, Settings]:
        settings = (config or self.resolver.for_path(Path(path))).settings
        key = self._settings_keys.setdefault(id(settings), len(self._settings_keys))
        return key, settings

    def _file_jobs(self, paths: list[str]) -> Iterator[tuple[Job, Settings]]:
        for target in discover(paths, self.resolver, force_exclude=self.request.force_exclude):
            if target.missing or target.error:
                problem = f"cannot read folder: {target.error}" if target.error else "path does not exist"
                print_error(f"{target.display}: {problem}" if target.error else f"{problem}: {target.display}")
                self.outcome.errors += 1
                continue
            key, settings = self._settings(target.path, target.config)
            yield FileJob(target.path, target.display, key), settings

    def _check_corpus(self, display: str) -> None:
        path = Path(display)
        if not path.is_file():
            print_error(f"path does not exist: {display}")
            self.outcome.errors += 1
            return
        # The configuration first: a broken one stops here, before a writer leaves a temporary file.
        key, settings = self._settings(path)
        fixing = self.request.run.check.fix
        writer = CorpusWriter(path) if fixing else None
        records: deque[Record] = deque()  # read ahead of the results, in the same order

        def jobs() -> Iterator[tuple[Job, Settings]]:
            for record in read_records(path, self.request.text_field, self.request.id_field):
                if is_blank(record):
                    if writer is not None and not records:
                        writer.write(record.raw)  # nothing pending: keep the blank line in place
                    else:
                        records.append(record)
                    continue
                records.append(record)
                error = f"cannot read record: {record.error}" if record.error else None
                yield RecordJob(path, record.name(display), key, record.text, error, record.line_number), settings

        try:
            for job_result in run_jobs(jobs(), self.request.run, self.workers):
                record = records.popleft()
                while is_blank(record):
                    if writer is not None:
                        writer.write(record.raw)
                    record = records.popleft()
                self._handle(job_result)
                if writer is not None:
                    fixed = job_result.fixed_text
                    writer.write(record.with_text(fixed) if fixed is not None else record.raw)
            while records and writer is not None:
                writer.write(records.popleft().raw)
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        if writer is not None:
            writer.commit()

    def _check_parquet(self, display: str) -> None:
        """A Parquet corpus: a job per row, in order; with --fix, row groups written back as results arrive."""
        from scrapelint.parquet import FixedParquetWriter, ParquetCorpus, ParquetCorpusError, Row

        path = Path(display)
        if not path.is_file():
            print_error(f"path does not exist: {display}")
            self.outcome.errors += 1
            return
        try:
            corpus = ParquetCorpus(path, self.request.text_field, self.request.id_field)
        except ParquetCorpusError as error:
            print_error(f"{display}: {error}")
            self.outcome.errors += 1
            return
        key, settings = self._settings(path)  # before the writer: see _check_corpus
        fixing = self.request.run.check.fix
        writer = FixedParquetWriter(corpus) if fixing else None
        rows: deque[Row] = deque()  # read ahead of the results, in the same order
        broken: list[str] = []  # why the file stopped being readable part-way, if it did

        def jobs() -> Iterator[tuple[Job, Settings]]:
            try:
                for row in corpus.rows(whole_row_groups=fixing):
                    rows.append(row)
                    error = f"cannot read record: {row.error}" if row.error else None
                    yield RecordJob(path, row.name(display), key, row.text, error), settings
            except ParquetCorpusError as error:
                broken.append(str(error))  # the rows read so far are still checked and reported

        try:
            for job_result in run_jobs(jobs(), self.request.run, self.workers):
                row = rows.popleft()
                self._handle(job_result)
                if writer is not None:
                    writer.add(row, job_result.fixed_text)
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        if broken:
            print_error(f"{display}: {broken[0]}" + ("; the corpus was not rewritten" if writer is not None else ""))
            self.outcome.errors += 1
            if writer is not None:
                writer.abort()
        elif writer is not None:
            writer.commit()

    # -- results -------------------------------------------------------------------------------------

    def _consume(self, results: Iterator[JobResult]) -> None:
        for job_result in results:
            self._handle(job_result)

    def _handle(self, job_result: JobResult) -> None:
        result: FileResult = job_result.result
        if result.error:
            print_error(f"{result.path}: {result.error}")
            self.outcome.errors += 1
        if self.new_baseline is not None:
            self.new_baseline.record(result)
        if self.baseline is not None:
            self.baseline.filter(result)
        self.outcome.summary.add(result)
        if self.request.run.check.diff:
            # --diff prints the patch itself, as files are checked; the reporter stays silent.
            self.output.write(result.diff)
            self.outcome.changed = self.outcome.changed or bool(result.diff)
        elif not self.request.statistics:
            self.reporter.handle(result)
        self._progress.advance(self.outcome.summary)


def _print_statistics(summary: RunSummary, output: TextIO) -> None:
    """ruff's --statistics: one line per rule, most frequent first, [*] when fixable with --fix."""
    tallies = sorted(summary.rules.values(), key=lambda t: (-t.findings, t.code))
    width = max((len(str(t.findings)) for t in tallies), default=1)
    for tally in tallies:
        if not tally.findings:
            continue
        marker = "[*]" if tally.fixable == tally.findings else "[-]" if tally.fixable or tally.unsafe_fixable else "   "
        output.write(f"{tally.findings:>{width}}  {tally.code}  {marker} {tally.name}\n")


class _Progress:
    """A rich progress line on stderr for long runs: shown only after a second, never for short runs."""

    DELAY = 1.0

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.bar = None
        self.task = None
        self.drawn = 0.0

    def advance(self, summary: RunSummary) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("[bold]scrapelint[/]"),
                BarColumn(bar_width=None),
                TextColumn(
                    "{task.completed:,} files · {task.fields[rate]:,.0f} files/s · {task.fields[findings]:,} findings"
                    " · {task.fields[elapsed]:.0f} s"
                ),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,  # no refresh thread: worker processes are forked from this one
            )
            self.bar.start()
            self.task = self.bar.add_task("check", total=None, rate=0.0, findings=0, elapsed=0.0)
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.bar.update(
            self.task, completed=summary.files, rate=summary.files / elapsed, findings=summary.findings, elapsed=elapsed
        )
        now = time.monotonic()
        if now - self.drawn > 0.1:
            self.drawn = now
            self.bar.refresh()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()

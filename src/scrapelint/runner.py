"""Files in, results out: discovery, reading, checking or fixing each file, and atomic writes."""

from __future__ import annotations

import collections
import datetime
import difflib
import itertools
import os
import stat
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapelint.atomic import write_atomic
from scrapelint.config import ResolvedConfig, Settings
from scrapelint.discovery import Target
from scrapelint.document import Document, UnreadableDocument
from scrapelint.engine import lint_document
from scrapelint.findings import Finding
from scrapelint.fixes import fix_document


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read or written
    fixed: Counter[str] = field(default_factory=Counter)  # rule code -> fixes applied
    rule_names: dict[str, str] = field(default_factory=dict)  # code -> name of the rules in `fixed`
    diff: str = ""
    unsettled_rules: list[str] = field(default_factory=list)
    # The source lines the findings point at (1-based row -> text), for code frames in reports.
    lines: dict[int, str] = field(default_factory=dict)
    # A corpus record: its name in the corpus (its id, or its line or row) and, in JSON Lines, the
    # corpus file's line that holds it. Its findings' rows and columns are those of the record's text;
    # CI formats, which annotate files, point at this line.
    record: str | None = None
    record_line: int | None = None


@dataclass(frozen=True)
class CheckOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute what --fix would do, write nothing
    # Collect the source lines findings point at (FileResult.lines): code frames and baselines need them.
    source_lines: bool = True
    # Findings carry their data and fix edits (machine formats show them). Without, deferred fixes are
    # left unworked (see Fix.deferred) and findings read from the cache are decoded without either.
    finding_details: bool = True


# -- one file -----------------------------------------------------------------------------------


def _source_lines(doc: Document, findings: Sequence[Finding], context_rows: int = 3) -> dict[int, str]:
    lines: dict[int, str] = {}
    text = doc.text
    starts = doc.line_starts
    for finding in findings:
        first = finding.row
        last = min(finding.end_location.row if finding.end_location else first, first + context_rows - 1)
        for row in range(first, last + 1):
            if row not in lines and row <= len(starts):
                end = starts[row] if row < len(starts) else len(text)
                lines[row] = text[starts[row - 1] : end].rstrip("\r\n")
    return lines


def check_document(
    doc: Document, config: ResolvedConfig, options: CheckOptions, path: Path | None = None
) -> tuple[FileResult, Document | None]:
    """Lint one document, and with fix/diff options fix it in memory. Writes nothing.

    Returns the result and, when fixes changed the text, the fixed document.
    """
    ignored = config.ignored_for(path) if path is not None else ()
    rules = config.rules

    fixing = options.fix or options.diff

    def lint(current: Document) -> list[Finding]:
        return lint_document(current, rules, ignored, resolve_fixes=fixing or options.finding_details)

    result = FileResult(doc.path)
    if fixing:
        outcome = fix_document(doc, lint, unsafe=options.unsafe_fixes, is_fixable=config.is_fixable)
        result.findings = outcome.findings
        result.fixed = outcome.applied
        result.rule_names = outcome.rule_names
        result.unsettled_rules = outcome.unsettled_rules
        if outcome.changed:
            result.diff = unified_diff(doc.text, outcome.document.text, doc.path)
            if outcome.document.encoding != doc.encoding:
                result.diff = (
                    f"# {doc.path}: would be written as {outcome.document.encoding} (now {doc.encoding})\n"
                    + result.diff
                )
        final = outcome.document
    else:
        result.findings = lint(doc)
        final = doc
    if options.source_lines:
        result.lines = _source_lines(final, result.findings)
    return result, (final if final is not doc else None)


def unified_diff(before: str, after: str, path: str) -> str:
    """A patch `patch` and `git apply` accept, with the marker for a last line without a newline."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), path, path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def check_file(target: Target, config: ResolvedConfig, options: CheckOptions) -> FileResult:
    """Check (and with ``options.fix`` fix and write) one file, in this process, without the cache."""
    path = Path(target.path)
    try:
        doc = Document.from_bytes(path.read_bytes(), target.display)
    except OSError as error:
        return FileResult(target.display, error=f"cannot read: {error.strerror or error}")
    except UnreadableDocument as error:
        return FileResult(target.display, error=f"cannot read: {error}")
    return _check_and_write(doc, path, config, options)


def _check_and_write(doc: Document, path: Path, config: ResolvedConfig, options: CheckOptions) -> FileResult:
    result, fixed = check_document(doc, config, options, path)
    if fixed is not None and options.fix and not options.diff:
        try:
            write_atomic(path, fixed.encoded())
        except (OSError, UnicodeError) as error:
            result.error = f"cannot write fixes: {error}"
            result.fixed.clear()
    return result


# -- jobs: files and corpus records, checked in this process or in worker processes ---------------------

# Documents per task sent to a worker: enough that small files do not drown in inter-process overhead,
# few enough that workers stay evenly loaded and the output keeps flowing.
CHUNK_SIZE = 32
# Results (cached ones) held back behind a chunk that is still being linted, at most.
MAX_HELD_BACK = 16 * CHUNK_SIZE
# Below this many documents a pool costs more than it saves.
PARALLEL_THRESHOLD = 2 * CHUNK_SIZE


@dataclass(slots=True)
class FileJob:
    """One file to check. Treated as immutable; not a frozen dataclass, which is built four times slower,
    and a warm run makes one per file (nor hashable, then: nothing keys by a job)."""

    path: str  # as discovery gives it (see Target.path)
    display: str
    config_key: int

    def __reduce__(self) -> tuple[Any, tuple[str, str, int]]:
        # Jobs cross to worker processes by the thousand: a tuple pickles faster than the slots' state.
        return FileJob, (self.path, self.display, self.config_key)


@dataclass(frozen=True)
class RecordJob:
    """One record of a corpus file (JSON Lines): its text, checked under the corpus file's configuration."""

    path: Path  # the corpus file: per-file ignores and configuration follow it
    display: str  # how reports name the record: corpus.jsonl::<id>
    config_key: int
    text: str | None  # None: the record could not be read (``error`` says why)
    error: str | None = None
    line: int | None = None  # the corpus file's line that holds it (JSON Lines; a Parquet row has none)

    @property
    def name(self) -> str:
        """The record's name in its corpus (the display is ``corpus::name``)."""
        return self.display.partition("::")[2]

    def result(self, findings: list[Finding] | None = None, error: str | None = None) -> FileResult:
        """A result for this record, marked as one."""
        return FileResult(self.display, findings or [], error, record=self.name, record_line=self.line)


Job = FileJob | RecordJob


@dataclass
class JobResult:
    result: FileResult
    fixed_text: str | None = None  # records: the text after fixes, for the corpus writer
    # A worker's findings on their way to the main process, encoded as the cache stores them
    # (``result.findings`` is empty meanwhile): pickling the dataclasses costs five times more, on both
    # sides, and the main process, which also reports, is what limits a parallel run.
    packed_findings: bytes | None = None

    def pack(self, encoded: bytes | None = None) -> JobResult:
        """The findings encoded (``encoded``: already, for the cache) for the trip to the main process."""
        from scrapelint.cache import findings_to_value

        if self.result.findings:
            self.packed_findings = encoded or findings_to_value(self.result.findings)
            self.result.findings = []
        return self

    def unpack(self, details: bool) -> JobResult:
        """The findings back (see ``findings_from_value`` for ``details``)."""
        if self.packed_findings is not None:
            from scrapelint.cache import findings_from_value

            self.result.findings = findings_from_value(self.packed_findings, self.result.path, details)
            self.packed_findings = None
        return self


@dataclass(frozen=True)
class RunOptions:
    check: CheckOptions = CheckOptions()
    jobs: int = 1
    cache_dir: Path | None = None  # None: no cache


class _Worker:
    """Everything one process needs to run jobs: the plugins, resolved configurations, the cache."""

    def __init__(self, options: RunOptions) -> None:
        from scrapelint.cache import Cache
        from scrapelint.plugins import load_plugins

        self.loaded = load_plugins()
        self.options = options
        self.configs: dict[int, tuple[ResolvedConfig, bytes]] = {}
        self.code: bytes | None = None
        self._real_folders: dict[str, str] = {}
        # Only findings are cached: fixing always starts from the current bytes.
        fixing = options.check.fix or options.check.diff
        self.cache = Cache(options.cache_dir) if options.cache_dir is not None and not fixing else None

    def _config(self, key: int, settings: Settings) -> tuple[ResolvedConfig, bytes]:
        if key not in self.configs:
            from scrapelint import __version__
            from scrapelint.cache import SCHEMA, fingerprint

            config = ResolvedConfig(settings, self.loaded.rules)
            context = fingerprint(
                SCHEMA,
                # Rules compare dates with today (a date in the future): an entry is good for one day.
                datetime.date.today().isoformat(),
                __version__,
                sorted(self.loaded.versions.items()),
                self._code_stamp(),
                settings,
                sorted(config.enabled_codes),
            )
            self.configs[key] = (config, context)
        return self.configs[key]

    def _code_stamp(self) -> bytes:
        if self.code is None:
            import sys

            from scrapelint.cache import code_stamp

            # The engine and every plugin package: their code and their data files.
            roots = {"scrapelint"} | {
                getattr(plugin, "__name__", "").partition(".")[0] for plugin in self.loaded.manager.get_plugins()
            }
            self.code = code_stamp([sys.modules[name] for name in sorted(roots) if name in sys.modules])
        return self.code

    def look_up_many(self, jobs: Sequence[tuple[Job, Settings]]) -> list[JobResult | tuple[bytes | None, bytes | None]]:
        """Each job's result if it needs no linting (cached, or unreadable); else its bytes and cache key.

        Without a cache nothing is read here (None, None): whoever lints the file reads it. With one,
        files are first looked up by their stamp (one ``stat``, no read), the rest by their content's
        key; each kind in one query for the chunk.
        """
        if self.cache is None:
            return [(None, None)] * len(jobs)
        from scrapelint.cache import content_key

        details = self.options.check.finding_details
        stamps = self._stamps(jobs)
        remembered = self.cache.get_stamped([path_key for path_key, _stamp, _name in stamps.values()])
        answers: list[JobResult | tuple[bytes | None, bytes | None]] = []
        asked: list[int] = []  # positions in answers of the jobs to look up by content
        for index, (job, settings) in enumerate(jobs):
            path_key, stamp, name = stamps.get(index) or (None, None, None)
            entry = remembered.get(path_key) if path_key is not None else None
            if entry is not None and entry[0] == stamp:
                findings = self.cache.decode(entry[1], job.display, details)
                if findings is not None:
                    answers.append(self._cached_result(job, None, findings))
                    continue
            raw = _read(job)
            if isinstance(raw, JobResult):
                answers.append(raw)
                continue
            _config, context = self._config(job.config_key, settings)
            key = content_key(context, name or self._key_name(job), raw)
            answers.append((raw, key))
            asked.append(len(answers) - 1)
            if path_key is not None:
                self.cache.remember_stamp(path_key, stamp, key)
        stored = self.cache.get_many([answers[i][1] for i in asked], [jobs[i][0].display for i in asked], details)
        for index, findings in zip(asked, stored, strict=True):
            if findings is not None:
                answers[index] = self._cached_result(jobs[index][0], answers[index][0], findings)
        return answers

    def _stamps(self, jobs: Sequence[tuple[Job, Settings]]) -> dict[int, tuple[bytes, bytes, str]]:
        """Position -> (path key, stamp, key name) of the files that can be known by their stamp."""
        from scrapelint.cache import file_stamp, path_key

        now = time.time_ns()
        stamps = {}
        for index, (job, settings) in enumerate(jobs):
            if not isinstance(job, FileJob):
                continue
            try:
                # One call tells both the stamp and whether the name is a link (most are not).
                status = os.lstat(job.path)
                link = stat.S_ISLNK(status.st_mode)
                if link:
                    status = os.stat(job.path)
            except OSError:
                continue  # reading it will say why
            stamp = file_stamp(status, now)
            if stamp is not None:
                _config, context = self._config(job.config_key, settings)
                name = self._key_name(job, link)
                stamps[index] = (path_key(context, name), stamp, name)
        return stamps

    def _key_name(self, job: Job, link: bool | None = None) -> str:
        # Both names: rules read the displayed one, per-file ignores match the real one.
        return f"{job.display}\0{self._real_path(job.path, link)}"

    def _cached_result(self, job: Job, raw: bytes | None, findings: list[Finding]) -> JobResult:
        result = job.result(findings) if isinstance(job, RecordJob) else FileResult(job.display, findings)
        if findings and self.options.check.source_lines:  # decoding is cheap; linting is what is saved
            if raw is None:
                raw = _read(job)
                if isinstance(raw, JobResult):
                    return raw  # gone since its stat
            result.lines = _source_lines(_load(job, raw), findings)
        return JobResult(result)

    def compute(
        self, job: Job, settings: Settings, raw: bytes | None, key: bytes | None, pack: bool = False
    ) -> JobResult:
        """Lint (and fix) the job's bytes (read now if None), and remember the findings under ``key``;
        with ``pack``, the result is packed for another process (see ``JobResult.pack``)."""
        config, _context = self._config(job.config_key, settings)
        if raw is None:
            raw = _read(job)
            if isinstance(raw, JobResult):
                return raw
        try:
            doc = _load(job, raw)
        except UnreadableDocument as error:
            return JobResult(FileResult(job.display, error=f"cannot read: {error}"))
        if isinstance(job, RecordJob):
            result, fixed = check_document(doc, config, self.options.check, job.path)
            result.record, result.record_line = job.name, job.line
            fixed_text = fixed.text if fixed is not None and self.options.check.fix else None
            job_result = JobResult(result, fixed_text)
        else:
            job_result = JobResult(_check_and_write(doc, Path(job.path), config, self.options.check))
        encoded = None
        if key is not None and self.cache is not None:
            from scrapelint.cache import findings_to_value

            encoded = findings_to_value(job_result.result.findings)
            self.cache.put(key, encoded)
        # In a worker, the findings go to the main process in the form the cache stores: encoded once.
        return job_result.pack(encoded) if pack else job_result

    def _real_path(self, path: Path | str, link: bool | None = None) -> str:
        """``os.path.realpath(path)``, resolving each folder once: it costs a system call per path part.
        ``link`` says whether the file's own name is a symbolic link, when the caller knows."""
        if os.altsep:  # Windows: two separators, and drives
            folder, name = os.path.split(path)
        else:
            # str.rpartition, not os.path.split and join: this runs for every file of a warm run.
            folder, separator, name = os.fspath(path).rpartition(os.sep)
            if separator and not folder:
                folder = os.sep  # a file at the root
        real_folder = self._real_folders.get(folder)
        if real_folder is None:
            real_folder = self._real_folders[folder] = os.path.realpath(folder)
        candidate = real_folder + name if real_folder.endswith(os.sep) else real_folder + os.sep + name
        if link is None:
            link = os.path.islink(candidate)
        return os.path.realpath(candidate) if link else candidate

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def _read(job: Job) -> bytes | JobResult:
    """The job's bytes, or the result that says why there are none."""
    if isinstance(job, RecordJob):
        if job.text is None:
            return JobResult(job.result(error=job.error))
        return job.text.encode("utf-8", "surrogatepass")
    try:
        with open(job.path, "rb") as handle:
            return handle.read()
    except OSError as error:
        return JobResult(FileResult(job.display, error=f"cannot read: {error.strerror or error}"))


def _load(job: Job, raw: bytes) -> Document:
    if isinstance(job, RecordJob):
        return Document(job.text, job.display)
    return Document.from_bytes(raw, job.display)


_WORKER: _Worker | None = None


def _start_worker(options: RunOptions) -> None:
    global _WORKER
    from multiprocessing.util import Finalize

    _WORKER = _Worker(options)
    # Cache writes are batched: the last batch is written when the pool stops the worker. A worker
    # killed before that only loses cache entries, never findings.
    Finalize(_WORKER, _WORKER.close, exitpriority=10)


def _run_chunk(chunk: list[tuple[Job, bytes | None, bytes | None]], settings: dict[int, Settings]) -> list[JobResult]:
    assert _WORKER is not None
    return [_WORKER.compute(job, settings[job.config_key], raw, key, pack=True) for job, raw, key in chunk]


class Workers:
    """The processes a run lints with: this one (cache look-ups, small batches) and, once there is
    enough to lint, a pool of ``options.jobs`` worker processes, kept for the whole run.

    One pool serves every ``run_jobs`` call of a run (a folder and each corpus file): a worker's first
    documents pay for the packs' lazily built tables, patterns and imports, which a pool per corpus
    file would pay again. Before the pool is forked, this process lints a first chunk itself, so that
    the workers inherit those tables already built instead of each building its own.
    """

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.here = _Worker(options)
        self._pool: Any = None

    def submit(self, chunk: list[tuple[Job, bytes | None, bytes | None]], settings: dict[int, Settings]) -> Any:
        """Send a chunk to the pool (started, and its processes forked, on the first call)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork shares the loaded plugins with the workers (no second start-up); elsewhere, spawn.
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self._pool = ProcessPoolExecutor(
                self.options.jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(self.options,),
            )
            # SQLite must not be open across a fork (the child would share the parent's locks and lose
            # writes), and a fork pool forks its processes at the first submit: close the look-up
            # connection now; it reopens, after the fork, when next used.
            if self.here.cache is not None:
                self.here.cache.close()
        return self._pool.submit(_run_chunk, chunk, settings)

    @property
    def started(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        self.here.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def run_jobs(
    jobs: Iterable[tuple[Job, Settings]], options: RunOptions, workers: Workers | None = None
) -> Iterator[JobResult]:
    """Run every job and yield the results in the jobs' order, whatever the number of processes.

    With ``options.jobs`` > 1, chunks go to a pool of worker processes; at most a few chunks per worker
    are in flight, so memory does not grow with the corpus. Pass the run's ``workers`` to share one
    pool between calls; without it the call makes its own and closes it.
    """
    if workers is None:
        with Workers(options) as own:
            yield from run_jobs(jobs, options, own)
        return
    iterator = iter(jobs)
    first = list(itertools.islice(iterator, PARALLEL_THRESHOLD))
    if options.jobs <= 1 or (len(first) < PARALLEL_THRESHOLD and not workers.started):
        here = workers.here
        for _number, (job, settings), looked_up in _looked_up(here, itertools.chain(first, iterator)):
            yield looked_up if isinstance(looked_up, JobResult) else here.compute(job, settings, *looked_up)
        return
    yield from _run_in_pool(itertools.chain(first, iterator), workers)


def _looked_up(
    worker: _Worker, jobs: Iterable[tuple[Job, Settings]]
) -> Iterator[tuple[int, tuple[Job, Settings], JobResult | tuple[bytes | None, bytes | None]]]:
    """Each job (numbered) with what the cache says of it, looked up a chunk at a time."""
    numbered = enumerate(jobs)
    while block := list(itertools.islice(numbered, CHUNK_SIZE)):
        answers = worker.look_up_many([pair for _number, pair in block])
        for (number, pair), answer in zip(block, answers, strict=True):
            yield number, pair, answer


def _run_in_pool(jobs: Iterator[tuple[Job, Settings]], workers: Workers) -> Iterator[JobResult]:
    """Look every job up in the cache here; send only what must be linted to worker processes.

    A warm run then never starts the pool, and a partly warm one ships only the misses: shipping a
    cached result back from a worker would cost more than reading it here. Results keep the jobs' order:
    each job holds a place in ``ahead``, either its result or the chunk (and index) that will produce it.
    """
    from concurrent.futures import Future

    here, jobs_per_pool = workers.here, workers.options.jobs
    details = workers.options.check.finding_details
    ahead: collections.deque[JobResult | tuple[Future, int] | None] = collections.deque()
    in_flight: collections.deque[Future] = collections.deque()
    batch: list[tuple[Job, bytes | None, bytes | None]] = []
    batch_settings: dict[int, Settings] = {}
    batch_slots: list[int] = []
    released = 0  # results yielded so far: ahead[0] is job number `released`

    warmed = workers.started

    def submit() -> None:
        nonlocal warmed
        if not warmed:
            # The first chunk is linted here, before the fork: the workers inherit what it built.
            for (job, raw, key), slot in zip(batch, batch_slots, strict=True):
                ahead[slot - released] = here.compute(job, batch_settings[job.config_key], raw, key)
            warmed = True
        else:
            future = workers.submit(list(batch), dict(batch_settings))
            for index, slot in enumerate(batch_slots):
                ahead[slot - released] = (future, index)
            in_flight.append(future)
        batch.clear()
        batch_settings.clear()
        batch_slots.clear()

    def release(wait: bool) -> Iterator[JobResult]:
        """Yield the results at the head of ``ahead`` that are there (with ``wait``: every one)."""
        nonlocal released
        while ahead and ahead[0] is not None:
            item = ahead[0]
            if not isinstance(item, JobResult):
                future, index = item
                if not (wait or future.done()):
                    return
                item = future.result()[index].unpack(details)
            ahead.popleft()
            released += 1
            yield item

    for number, (job, settings), looked_up in _looked_up(here, jobs):
        if isinstance(looked_up, JobResult):
            if not ahead:  # nothing to wait for: a warm run's every file comes straight through
                released += 1
                yield looked_up
                continue
            ahead.append(looked_up)
        else:
            ahead.append(None)  # filled in when its chunk is submitted
            batch.append((job, *looked_up))
            batch_settings[job.config_key] = settings
            batch_slots.append(number)
            if len(batch) >= CHUNK_SIZE:
                submit()
        if batch and len(ahead) > MAX_HELD_BACK:
            submit()  # a lone miss among many hits: do not hold them all back until its chunk fills
        yield from release(wait=False)
        # Bounded memory: a few chunks per worker in flight, and not too many results held back.
        while in_flight and (len(in_flight) >= jobs_per_pool * 4 or len(ahead) > MAX_HELD_BACK):
            in_flight.popleft().result()
            yield from release(wait=False)
    if batch:
        submit()
    yield from release(wait=True)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1

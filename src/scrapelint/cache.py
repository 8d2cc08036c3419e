"""The findings cache: a re-run skips every document whose content, path, configuration and code are unchanged.

One SQLite database per project (``.scrapelint_cache/cache.sqlite3`` beside the nearest configuration):
indexed look-ups, memory that does not grow with the corpus, and locking that keeps concurrent runs
(pre-commit starts several) safe. Values are JSON, never pickle: a cache directory is a file anyone can
commit, and loading it must not run code.

The key of an entry is a hash of
- the document's bytes,
- the path it is reported under (rules read it: dates in Jekyll file names),
- the effective configuration (enabled rules, their options, per-file ignores),
- the versions of scrapelint and of every loaded plugin.
Only findings are cached: ``--fix`` always works on the current bytes.

A second table remembers, per file (path and configuration), its stamp (size, inode, modification and
change times) and the key of its content, as git's index does: a re-run finds an unchanged file by one
``stat``, without reading and hashing it. A file whose stamp is not settled yet (changed in the last
two seconds, so that a second write could share its clock tick) is not remembered.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import orjson

from scrapelint.findings import Applicability, Edit, Finding, Fix, Location, Severity

CACHE_DIR_NAME = ".scrapelint_cache"
DATABASE_NAME = "cache.sqlite3"
LOCK_TIMEOUT = 60  # seconds a run waits for another run's write before it checks without the cache
SCHEMA = 5  # the layout of a cached value: bump when findings_to_value changes


def fingerprint(*parts: object) -> bytes:
    """A short, stable digest of anything with a deterministic repr."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def code_stamp(modules: list) -> bytes:
    """A digest of the files (code and data) of these packages: size and modification time of each.

    Versions alone miss an editable install, where a rule or a lexicon changes under the same version:
    a cache keyed by version would then serve findings of code that no longer exists.
    """
    import os

    entries = []
    for module in modules:
        origin = getattr(module, "__file__", None)
        if not origin:
            continue
        folder = os.path.dirname(origin) if os.path.basename(origin) == "__init__.py" else None
        files = (
            [origin]
            if folder is None
            else [
                os.path.join(root, name)
                for root, dirs, names in os.walk(folder)
                if "__pycache__" not in root
                for name in names
                if not name.endswith((".pyc", ".pyo"))
            ]
        )
        for file in sorted(files):
            try:
                stat = os.stat(file)
            except OSError:
                continue
            entries.append((file, stat.st_size, stat.st_mtime_ns))
    return fingerprint(entries)


def content_key(context: bytes, path: str, content: bytes) -> bytes:
    digest = hashlib.blake2b(content, digest_size=16, key=context)
    digest.update(path.encode("utf-8", "surrogatepass"))
    return digest.digest()


_KEYED_HASHES: dict[bytes, Any] = {}  # context -> blake2b keyed with it, nothing hashed yet (one per configuration)


def path_key(context: bytes, path: str) -> bytes:
    """The key a file's stamp is remembered under: its path, in one configuration and code."""
    # A warm run asks for one per file: copying a hash already keyed costs a third less than keying one.
    keyed = _KEYED_HASHES.get(context)
    if keyed is None:
        keyed = _KEYED_HASHES[context] = hashlib.blake2b(digest_size=16, key=context)
    digest = keyed.copy()
    digest.update(path.encode("utf-8", "surrogatepass"))
    return digest.digest()


# How long after its last change a file's stamp is trusted (git's "racily clean" problem): a file
# stamped within the clock tick of a write could be written again, same size, within that tick.
SETTLED_NS = 2_000_000_000


def file_stamp(status: os.stat_result, now_ns: int) -> bytes | None:
    """What tells that a file (of this ``os.stat``) has not changed without reading it, or None when that
    cannot be trusted yet. The change time moves on every write and no tool can set it back, so a file
    replaced under the same size and mtime still differs."""
    if now_ns - status.st_ctime_ns < SETTLED_NS or now_ns - status.st_mtime_ns < SETTLED_NS:
        return None
    return f"{status.st_size}:{status.st_dev}:{status.st_ino}:{status.st_mtime_ns}:{status.st_ctime_ns}".encode()


# -- findings <-> JSON --------------------------------------------------------------------------------
# A value is two JSON arrays on two lines: first what every report shows of each finding (its rule,
# message, place, severity and whether a fix comes with it), then its details (the rule's data and the
# fix's edits), which only the machine formats read. A warm run decodes every cached finding, a seed
# article has a dozen and its details weigh more than the rest: a report that does not show them does
# not decode them. Items are positional arrays, not objects, for the same reason.

# In place of a fix's edits: a deferred fix (Fix.deferred) that the run which stored the value did not
# need to work out. Its details are unreadable, so a run that shows edits lints the file again.
UNRESOLVED = False


class IncompleteValue(ValueError):
    """A stored value without the details a run asked for."""


_SEVERITIES = {severity.value: severity for severity in Severity}
_APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}


def findings_to_value(findings: list[Finding]) -> bytes:
    """The stored form of one document's findings: the summary line, a newline, the details line."""
    return _dumps([_summary_to_json(f) for f in findings]) + b"\n" + _dumps([_details_to_json(f) for f in findings])


def findings_from_value(value: bytes, path: str, details: bool = True) -> list[Finding]:
    """The findings of a stored value. Without ``details`` their ``data`` is empty and their fixes have
    no edits: enough for a report of what was found, not for one of what a fix would change."""
    summary, _newline, rest = value.partition(b"\n")
    findings = [_summary_from_json(item, path) for item in _loads(summary)]
    if details:
        for finding, item in zip(findings, _loads(rest), strict=True):
            _add_details(finding, item)
    return findings


def _summary_to_json(finding: Finding) -> list[Any]:
    fix = finding.fix
    location, end_location = finding.location, finding.end_location
    return [
        finding.code,
        finding.name,
        finding.message,
        finding.start,
        finding.end,
        finding.severity.value,
        None if fix is None else [fix.applicability.value, fix.message, fix.encoding],
        [location.row, location.column, end_location.row, end_location.column] if location and end_location else None,
    ]


def _details_to_json(finding: Finding) -> list[Any]:
    location, end_location = finding.location, finding.end_location
    fix = finding.fix
    return [
        finding.data,
        None if fix is None else UNRESOLVED if fix.pending else [[e.start, e.end, e.content] for e in fix.edits],
        # 0 for an edit over the finding's own span (most are): decoding then reuses its locations.
        [
            0 if a == location and b == end_location else [a.row, a.column, b.row, b.column]
            for a, b in finding.edit_locations
        ],
    ]


def _dumps(items: list[Any]) -> bytes:
    try:
        # Datetimes and dataclasses are refused, as json refuses them, so that what is stored never
        # depends on which of the two wrote it. Neither writes a raw newline: the value's two lines hold.
        return orjson.dumps(items, option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS)
    except TypeError:
        # A lone surrogate from a corpus record (not valid UTF-8) or a key that is not a string:
        # json escapes the one and converts the other.
        return json.dumps(items).encode("ascii")


def _loads(value: bytes | str) -> Any:
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:  # escaped lone surrogates, which orjson refuses
        return json.loads(value)


def _summary_from_json(item: list[Any], path: str) -> Finding:
    code, name, message, start, end, severity, fix_head, span = item
    fix = None
    if fix_head is not None:
        applicability, fix_message, encoding = fix_head
        fix = Fix((), _APPLICABILITIES[applicability], fix_message, encoding)
    location = end_location = None
    if span is not None:
        location, end_location = Location(span[0], span[1]), Location(span[2], span[3])
    return Finding(code, name, message, start, end, _SEVERITIES[severity], fix, {}, path, location, end_location)


def _add_details(finding: Finding, item: list[Any]) -> None:
    data, edits, edit_spans = item
    if edits is UNRESOLVED:
        raise IncompleteValue("stored by a run that left a deferred fix unworked")
    finding.data = data
    if finding.fix is not None and edits:
        finding.fix.edits = tuple([Edit(*edit) for edit in edits])
    if edit_spans:
        location, end_location = finding.location, finding.end_location
        finding.edit_locations = tuple(
            [
                (location, end_location) if span == 0 else (Location(span[0], span[1]), Location(span[2], span[3]))
                for span in edit_spans
            ]
        )


# -- the store ----------------------------------------------------------------------------------------


class Cache:
    """Findings by key. Opens lazily, so that a forked worker opens its own connection."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._connection: sqlite3.Connection | None = None
        self._pending: list[tuple[bytes, bytes]] = []
        self._pending_stamps: list[tuple[bytes, bytes, bytes]] = []
        self.disabled_reason: str | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and self.disabled_reason is None:
            try:
                _prepare_directory(self.directory)
                connection = sqlite3.connect(self.directory / DATABASE_NAME, timeout=LOCK_TIMEOUT, isolation_level=None)
                # WAL: readers never wait for the writer; concurrent runs queue their writes briefly.
                _use_write_ahead_log(connection)
                connection.execute("PRAGMA synchronous=NORMAL")
                # Reads through a memory map, not a read() per page: a warm run looks up every file.
                connection.execute("PRAGMA mmap_size=268435456")
                # A rowid table: values of a few kilobytes fill its own pages, where a WITHOUT ROWID
                # table (which ``findings`` was) spills them to overflow pages and a look-up costs three
                # times as much.
                connection.execute("CREATE TABLE IF NOT EXISTS documents (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
                connection.execute("DROP TABLE IF EXISTS findings")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS stamps"
                    " (path_key BLOB PRIMARY KEY, stamp BLOB NOT NULL, content_key BLOB NOT NULL) WITHOUT ROWID"
                )
                _forget_other_days(connection)
                self._connection = connection
            except (OSError, sqlite3.Error) as error:
                self.disabled_reason = f"cache disabled ({self.directory}): {error}"
        return self._connection

    def probe(self) -> str | None:
        """Open (creating if needed) and close the store: why it cannot be used, or None."""
        self._connect()
        self.close()
        return self.disabled_reason

    def get_many(self, keys: list[bytes], paths: list[str], details: bool = True) -> list[list[Finding] | None]:
        """The findings stored under each key (None: not stored), in one query for them all; with
        ``details`` False, without their data and fix edits (see ``findings_from_value``)."""
        found: dict[bytes, bytes] = {}
        connection = self._connect()
        if connection is not None and keys:
            try:
                marks = ",".join("?" * len(keys))
                found = dict(connection.execute(f"SELECT key, value FROM documents WHERE key IN ({marks})", keys))
            except sqlite3.Error:
                found = {}
        return [self.decode(found.get(key), path, details) for key, path in zip(keys, paths, strict=True)]

    def get_stamped(self, path_keys: list[bytes]) -> dict[bytes, tuple[bytes, bytes]]:
        """Path key -> (stamp, stored value) of the files remembered with findings stored
        for their content, in one query for them all."""
        connection = self._connect()
        if connection is None or not path_keys:
            return {}
        marks = ",".join("?" * len(path_keys))
        query = (
            "SELECT s.path_key, s.stamp, f.value FROM stamps AS s"
            f" JOIN documents AS f ON f.key = s.content_key WHERE s.path_key IN ({marks})"
        )
        try:
            return {path_key: (stamp, value) for path_key, stamp, value in connection.execute(query, path_keys)}
        except sqlite3.Error:
            return {}

    @staticmethod
    def decode(value: bytes | None, path: str, details: bool) -> list[Finding] | None:
        if value is None:
            return None
        try:
            return findings_from_value(value, path, details)
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # an entry this code cannot read: recompute

    def put(self, key: bytes, value: bytes) -> None:
        """Store a document's findings, encoded by ``findings_to_value``."""
        self._pending.append((key, value))
        if len(self._pending) >= 256:
            self.flush()

    def remember_stamp(self, path_key: bytes, stamp: bytes, content_key: bytes) -> None:
        """Remember that the file under ``path_key`` with this stamp holds the content of ``content_key``
        (whose findings whoever lints it stores: until then a look-up by stamp finds nothing)."""
        self._pending_stamps.append((path_key, stamp, content_key))
        if len(self._pending_stamps) >= 1024:
            self.flush()

    def flush(self) -> None:
        connection = self._connect()
        if connection is None or not (self._pending or self._pending_stamps):
            self._pending.clear()
            self._pending_stamps.clear()
            return
        try:
            with _transaction(connection):
                connection.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?)", self._pending)
                connection.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)", self._pending_stamps)
        except sqlite3.Error as error:
            self.disabled_reason = f"cache disabled ({self.directory}): {error}"
        self._pending.clear()
        self._pending_stamps.clear()

    def close(self) -> None:
        self.flush()
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _use_write_ahead_log(connection: sqlite3.Connection) -> None:
    """Switch the database to WAL, waiting for concurrent runs that are switching it too.

    SQLite does not call its busy handler when another connection holds the lock that switching a new
    database's journal mode needs: "database is locked" comes back at once, whatever the timeout. Runs
    started together on a fresh cache (pre-commit starts several) meet that; they retry instead.
    """
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            import random  # here, not at the top: every run imports this module, few ever retry

            time.sleep(random.uniform(0.005, 0.05))  # jitter, so that the runs do not retry in step


def _forget_other_days(connection: sqlite3.Connection) -> None:
    """Empty the store when its entries were written on another day than today.

    Every key holds the day it was computed on (rules compare dates with today, see the runner), so an
    entry of another day can never be found again: without this the store would grow by a corpus's
    worth of entries each day it is used. The day of the entries is the database's user_version.
    """
    today = datetime.date.today().toordinal()
    if connection.execute("PRAGMA user_version").fetchone()[0] == today:
        return
    with _transaction(connection):
        connection.execute("DELETE FROM documents")
        connection.execute("DELETE FROM stamps")
        connection.execute(f"PRAGMA user_version = {today}")


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection):
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _prepare_directory(directory: Path) -> None:
    """Create the cache folder, marked so that backups skip it and git ignores it (as pytest does)."""
    directory.mkdir(parents=True, exist_ok=True)
    gitignore = directory / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("# Created by scrapelint automatically.\n*\n", encoding="utf-8")
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by scrapelint.\n",
            encoding="utf-8",
        )

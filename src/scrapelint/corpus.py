"""Corpora kept as JSON Lines (one article per line: ``text`` plus metadata, as datatrove and dolma write
them): reading records one at a time, and writing a fixed corpus back atomically.

A fixed record changes only its text field's JSON value: every other byte of the line, and every line
without a fix, stays exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scrapelint.atomic import AtomicFile

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class Record:
    """One line of a corpus file: the raw bytes, and the text to lint or why there is none."""

    line_number: int  # 1-based
    raw: bytes
    text: str | None
    record_id: str | None = None
    error: str | None = None
    # Where the text field's JSON value stands in the decoded line, for a precise rewrite.
    value_span: tuple[int, int] | None = None

    def name(self, display: str) -> str:
        """How reports name the record: by its id, else by its line."""
        return f"{display}::{self.record_id}" if self.record_id is not None else f"{display}::line-{self.line_number}"

    def with_text(self, text: str) -> bytes:
        """The line with the text field's value replaced, everything else byte for byte."""
        line = self.raw.decode("utf-8")
        start, end = self.value_span
        # Keep the line's escaping style: an all-ASCII line was written with \u escapes. A lone surrogate
        # can only be written escaped.
        encoded = json.dumps(text, ensure_ascii=line.isascii())
        if not line.isascii() and _has_surrogate(text):
            encoded = json.dumps(text)
        return (line[:start] + encoded + line[end:]).encode("utf-8")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def top_level_values(line: str) -> dict[str, tuple[int, int, object]]:
    """Each top-level key of a JSON object line -> (value start, value end, value)."""
    position = _skip(line, 0)
    if not line.startswith("{", position):
        raise ValueError("not a JSON object")
    position = _skip(line, position + 1)
    values: dict[str, tuple[int, int, object]] = {}
    if line.startswith("}", position):
        return values
    while True:
        if not line.startswith('"', position):
            raise ValueError(f"expected a key at column {position + 1}")
        key, position = json.decoder.scanstring(line, position + 1)
        position = _skip(line, position)
        if not line.startswith(":", position):
            raise ValueError(f"expected ':' at column {position + 1}")
        start = _skip(line, position + 1)
        value, end = _DECODER.raw_decode(line, start)
        values[key] = (start, end, value)
        position = _skip(line, end)
        if line.startswith("}", position):
            if line[position + 1 :].strip(_WHITESPACE):
                raise ValueError("extra data after the object")
            return values
        if not line.startswith(",", position):
            raise ValueError(f"expected ',' or '}}' at column {position + 1}")
        position = _skip(line, position + 1)


def _skip(line: str, position: int) -> int:
    while position < len(line) and line[position] in _WHITESPACE:
        position += 1
    return position


def read_records(path: Path, text_field: str = "text", id_field: str = "id") -> Iterator[Record]:
    """Every non-blank line of the file as a Record, in order, one at a time."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            yield parse_record(number, raw, text_field, id_field)


def parse_record(number: int, raw: bytes, text_field: str, id_field: str) -> Record:
    if not raw.strip():
        return Record(number, raw, None, error=None)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Record(number, raw, None, error=f"line {number}: not UTF-8 ({error.reason} at byte {error.start})")
    try:
        values = top_level_values(line.rstrip("\r\n"))
    except ValueError as error:
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return Record(number, raw, None, error=f"line {number}: not a JSON object ({message})")
    if text_field not in values:
        return Record(number, raw, None, error=f"line {number}: no '{text_field}' field")
    start, end, text = values[text_field]
    if not isinstance(text, str):
        return Record(number, raw, None, error=f"line {number}: '{text_field}' is not a string")
    record_id = values.get(id_field)
    shown_id = None if record_id is None or isinstance(record_id[2], (dict, list)) else str(record_id[2])
    return Record(number, raw, text, shown_id, value_span=(start, end))


def is_blank(record: Record) -> bool:
    return record.text is None and record.error is None


class CorpusWriter(AtomicFile):
    """Writes a corpus in place of the original, replacing it in one step when everything went well."""

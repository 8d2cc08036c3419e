"""Corpora kept as Parquet (one article per row: a text column beside metadata columns, as datatrove and
Hugging Face datasets write them): reading rows in bounded memory, and writing a fixed corpus atomically.

Checking reads only the text and id columns, a batch of rows at a time. Fixing reads one row group at a
time with every column, replaces the text of the rows that fixes changed, and writes the row group to a
temporary file beside the corpus with the same schema (metadata included) and the same compression;
the corpus is replaced in one step at the end. Every other column, and the text of every row without a
fix, is written back as it was read.

pyarrow is an optional dependency (``pip install 'scrapelint[parquet]'``): it is imported only when a
Parquet corpus is opened, and a missing pyarrow is reported in a sentence.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PARQUET_SUFFIXES = frozenset({".parquet"})
# Rows decoded at a time when only checking: enough to amortise pyarrow's per-batch cost, small enough
# that memory does not depend on the corpus (or on its row group size).
BATCH_ROWS = 1024


class ParquetCorpusError(Exception):
    """The file cannot be read as a Parquet corpus: pyarrow missing, not Parquet, no usable text column."""


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ParquetCorpusError(
            "reading Parquet corpora needs pyarrow, which is not installed: pip install 'scrapelint[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet


def _one_line(error: Exception) -> str:
    # Arrow's messages span lines; a report line must not.
    return " ".join(str(error).split())


def _is_text_type(pa: Any, data_type: Any) -> bool:
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    is_string_view = getattr(pa.types, "is_string_view", None)  # pyarrow 16 and later
    return (
        pa.types.is_string(data_type)
        or pa.types.is_large_string(data_type)
        or (is_string_view is not None and is_string_view(data_type))
    )


@dataclass
class RowGroup:
    """A row group read with every column, waiting for its rows' fixed texts before it is written."""

    index: int
    table: Any  # pyarrow.Table
    texts: list[str | None]
    fixed: dict[int, str] = field(default_factory=dict)  # row index in the group -> fixed text
    received: int = 0  # rows whose result has arrived


@dataclass(frozen=True)
class Row:
    """One row of a Parquet corpus: the text to lint or why there is none, and where it stands."""

    number: int  # 1-based, over the whole file
    text: str | None
    record_id: str | None = None
    error: str | None = None
    group: RowGroup | None = None  # when fixing: the row group to write the row back into
    index_in_group: int = 0

    def name(self, display: str) -> str:
        """How reports name the row: by its id, else by its 1-based row number."""
        return f"{display}::{self.record_id}" if self.record_id is not None else f"{display}::row-{self.number}"


def _shown_id(value: Any) -> str | None:
    # The same rule as JSON Lines records: a scalar id is shown as text; a list, a struct or null is no id.
    if value is None or isinstance(value, (dict, list, tuple)):
        return None
    return str(value)


class ParquetCorpus:
    """An open Parquet corpus whose schema has been checked: the text column exists and holds strings."""

    def __init__(self, path: Path, text_field: str = "text", id_field: str = "id") -> None:
        pa, pq = _pyarrow()
        self.path = path
        try:
            self.file = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as error:
            raise ParquetCorpusError(f"not a readable Parquet file ({_one_line(error)})") from None
        self.schema = self.file.schema_arrow
        names = self.schema.names
        if text_field not in names:
            raise ParquetCorpusError(f"no '{text_field}' column (columns: {', '.join(names)}); see --text-field")
        self.text_field = text_field
        self.text_type = self.schema.field(text_field).type
        if not _is_text_type(pa, self.text_type):
            raise ParquetCorpusError(f"column '{text_field}' holds {self.text_type}, not strings")
        self.id_field = id_field if id_field in names and id_field != text_field else None

    def rows(self, *, whole_row_groups: bool = False) -> Iterator[Row]:
        """Every row in order. With ``whole_row_groups`` (to fix), rows carry their row group, read whole.

        A file that turns out to be damaged part-way raises ParquetCorpusError after the rows read so far.
        """
        pa, _ = _pyarrow()
        try:
            yield from self._rows_by_group() if whole_row_groups else self._rows_by_batch()
        except (OSError, pa.ArrowException) as error:
            raise ParquetCorpusError(f"cannot read the file past this point ({_one_line(error)})") from None

    def _rows_by_batch(self) -> Iterator[Row]:
        columns = [self.text_field] + ([self.id_field] if self.id_field else [])
        number = 0
        # Row group by row group: a damaged group stops the reading there, after every row before it.
        for group in range(self.file.num_row_groups):
            for batch in self.file.iter_batches(BATCH_ROWS, row_groups=[group], columns=columns, use_threads=False):
                texts = batch.column(0).to_pylist()
                ids = batch.column(1).to_pylist() if self.id_field else [None] * len(texts)
                for text, record_id in zip(texts, ids, strict=True):
                    number += 1
                    yield self._row(number, text, record_id)

    def _rows_by_group(self) -> Iterator[Row]:
        number = 0
        for index in range(self.file.num_row_groups):
            table = self.file.read_row_group(index, use_threads=False)
            texts = table.column(self.text_field).to_pylist()
            ids = table.column(self.id_field).to_pylist() if self.id_field else [None] * len(texts)
            group = RowGroup(index, table, texts)
            for position, (text, record_id) in enumerate(zip(texts, ids, strict=True)):
                number += 1
                yield self._row(number, text, record_id, group, position)

    def _row(self, number: int, text: Any, record_id: Any, group: RowGroup | None = None, position: int = 0) -> Row:
        shown = _shown_id(record_id)
        if text is None:
            error = f"row {number}: '{self.text_field}' is null"
            return Row(number, None, shown, error, group, position)
        return Row(number, text, shown, None, group, position)

    def format_version(self) -> dict[str, str]:
        """The Parquet format version to write, as a keyword for ParquetWriter (none when pyarrow cannot)."""
        version = self.file.metadata.format_version
        return {"version": version} if version in ("1.0", "2.4", "2.6") else {}

    def compression(self) -> str | dict[str, str]:
        """The codec the file was written with: one name, or one per column when they differ."""
        metadata = self.file.metadata
        if metadata.num_row_groups == 0:
            return "snappy"
        first = metadata.row_group(0)
        codecs = {}
        for column in range(first.num_columns):
            chunk = first.column(column)
            codec = chunk.compression.lower()
            codecs[chunk.path_in_schema] = "none" if codec == "uncompressed" else codec
        kinds = Counter(codecs.values())
        return next(iter(kinds)) if len(kinds) == 1 else codecs


class FixedParquetWriter:
    """Writes the corpus, with fixed texts, beside the original; replaces it in one step on commit."""

    def __init__(self, corpus: ParquetCorpus) -> None:
        pa, pq = _pyarrow()
        self._pa = pa
        self.corpus = corpus
        self.path = corpus.path
        descriptor, self._temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".scrapelint-tmp", dir=self.path.parent
        )
        os.close(descriptor)
        self._writer = pq.ParquetWriter(
            self._temporary,
            corpus.schema,
            compression=corpus.compression(),
            **corpus.format_version(),
        )
        self._text_column = corpus.schema.get_field_index(corpus.text_field)

    def add(self, row: Row, fixed_text: str | None) -> None:
        """The row's result has arrived: remember its fixed text; write its row group once it is complete."""
        group = row.group
        if fixed_text is not None and fixed_text != row.text:
            group.fixed[row.index_in_group] = fixed_text
        group.received += 1
        if group.received == len(group.texts):
            self._write(group)

    def _write(self, group: RowGroup) -> None:
        table = group.table
        if group.fixed:
            texts = [group.fixed.get(position, text) for position, text in enumerate(group.texts)]
            column_field = self.corpus.schema.field(self.corpus.text_field)
            table = table.set_column(self._text_column, column_field, self._text_array(texts, column_field.type))
        self._writer.write_table(table, row_group_size=max(table.num_rows, 1))
        # The group is written: let go of its columns before the next one is read.
        group.table = None
        group.texts = []

    def _text_array(self, texts: list[str | None], data_type: Any) -> Any:
        pa = self._pa
        if pa.types.is_dictionary(data_type):
            return pa.array(texts, type=data_type.value_type).dictionary_encode().cast(data_type)
        return pa.array(texts, type=data_type)

    def commit(self) -> None:
        self._writer.close()
        mode = self.path.stat().st_mode & 0o7777
        with open(self._temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(self._temporary, mode)
        os.replace(self._temporary, self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._temporary)

"""scrapelint on Dask: lint and fix a bag of records or a dataframe's text column, on any Dask scheduler.

    import json
    import dask.bag as db
    from scrapelint.integrations.dask import FINDINGS_META, lint_bag

    records = db.read_text("corpus.jsonl", blocksize="8MiB").map(json.loads)
    findings = lint_bag(records, config="pyproject.toml", source="corpus.jsonl")
    findings.map(json.dumps).to_textfiles("findings-jsonl/*.jsonl")              # JSON Lines
    findings.to_dataframe(meta=FINDINGS_META).to_parquet("findings-parquet/")    # or Parquet

Findings are flat rows, one per finding: the record's ``id`` and the columns of ``FINDING_COLUMNS`` (code,
name, message, severity, offsets, rows and columns, fix applicability), typed so that every partition of a
dataframe has the same Parquet schema. Each record is checked as ``scrapelint check`` checks a corpus
record (``scrapelint.integrations.records``); pass ``source`` (the corpus file, named as you would name it
to the command) or ``source_field`` for the very names, and so the very findings, of the command.

Work is a pure function of each partition: when a worker dies, Dask recomputes its partitions elsewhere
and the result is the same. A record whose text is null has nothing to lint and is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapelint.api import ConfigLike
from scrapelint.integrations.records import FINDING_COLUMNS, RecordLinter, finding_row, record_name

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

try:
    import dask  # noqa: F401 - only to fail early, with the extra's name, when Dask is missing
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError("scrapelint.integrations.dask needs Dask: pip install 'scrapelint[dask]'") from error

# The columns of a findings dataframe and their dtypes: the record id, then FINDING_COLUMNS.
FINDINGS_META: dict[str, str] = {"id": "string", **FINDING_COLUMNS}


def lint_bag(
    records: dask.bag.Bag,
    *,
    config: ConfigLike = None,
    text_field: str = "text",
    id_field: str = "id",
    source: str | None = None,
    source_field: str | None = None,
) -> dask.bag.Bag:
    """A bag of finding rows (dicts with the keys of FINDINGS_META), one per finding, in record order.

    ``records`` holds mappings with a text field and an id field. ``config`` is a path to a
    ``pyproject.toml``/``scrapelint.toml`` or a mapping of ``[tool.scrapelint]`` keys (None: the defaults).
    ``source`` names the corpus every record comes from; ``source_field`` a field naming each record's own.
    """
    linter = RecordLinter(config)
    return records.map_partitions(
        _lint_records, linter=linter, fields=(text_field, id_field, source, source_field), fix=False
    )


def fix_bag(
    records: dask.bag.Bag,
    *,
    config: ConfigLike = None,
    text_field: str = "text",
    id_field: str = "id",
    source: str | None = None,
    source_field: str | None = None,
    unsafe_fixes: bool = False,
) -> dask.bag.Bag:
    """The records with the configuration's fixes applied to their text (safe ones; unsafe on request).

    Every other field is unchanged; the fixed text equals what ``scrapelint check --fix`` writes.
    """
    linter = RecordLinter(config, unsafe_fixes=unsafe_fixes)
    return records.map_partitions(
        _lint_records, linter=linter, fields=(text_field, id_field, source, source_field), fix=True
    )


def _lint_records(
    records: Iterable[dict[str, Any]], linter: RecordLinter, fields: tuple[str, str, str | None, str | None], fix: bool
) -> list[dict[str, Any]]:
    text_field, id_field, source, source_field = fields
    out: list[dict[str, Any]] = []
    for record in records:
        text = record.get(text_field)
        if not isinstance(text, str):
            if fix:
                out.append(record)
            continue
        record_id = _record_id(record.get(id_field), id_field)
        record_source = record.get(source_field) if source_field else source
        name = record_name(record_id, record_source)
        if fix:
            outcome = linter.fix(text, name, record_source)
            out.append({**record, text_field: outcome.text} if outcome.changed else record)
        else:
            outcome = linter.check(text, name, record_source)
            out.extend({"id": record_id, **finding_row(finding)} for finding in outcome.findings)
    return out


def _record_id(value: Any, id_field: str) -> str:
    if _is_missing(value):
        raise ValueError(f"a record has no '{id_field}': findings need a record id (see id_field/id_column)")
    return str(value)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, as dataframes write a missing number
    except TypeError:  # pandas.NA: its comparisons are NA themselves
        return True


def lint_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    config: ConfigLike = None,
    text_column: str = "text",
    id_column: str | None = "id",
    source: str | None = None,
    source_column: str | None = None,
) -> dask.dataframe.DataFrame:
    """A dataframe of findings, one row per finding, with the columns and dtypes of FINDINGS_META.

    ``id_column=None`` takes record ids from the index. It writes straight to Parquet (``.to_parquet``)
    and to JSON Lines (``.to_json(..., orient="records", lines=True)``).
    """
    import pandas

    linter = RecordLinter(config)
    meta = pandas.DataFrame({column: pandas.Series(dtype=dtype) for column, dtype in FINDINGS_META.items()})
    return frame.map_partitions(_lint_partition, linter, (text_column, id_column, source, source_column), meta=meta)


def fix_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    config: ConfigLike = None,
    text_column: str = "text",
    id_column: str | None = "id",
    source: str | None = None,
    source_column: str | None = None,
    unsafe_fixes: bool = False,
) -> dask.dataframe.DataFrame:
    """The dataframe with the configuration's fixes applied to its text column; other columns unchanged."""
    linter = RecordLinter(config, unsafe_fixes=unsafe_fixes)
    return frame.map_partitions(
        _fix_partition, linter, (text_column, id_column, source, source_column), meta=frame._meta
    )


def _partition_records(partition: Any, columns: tuple[str, str | None, str | None, str | None]) -> Iterator[tuple]:
    """(position, text, record id, source) for each row of a pandas partition."""
    text_column, id_column, source, source_column = columns
    ids = partition[id_column] if id_column is not None else partition.index
    sources = partition[source_column] if source_column is not None else [source] * len(partition)
    rows = zip(partition[text_column], ids, sources, strict=True)
    for position, (text, record_id, record_source) in enumerate(rows):
        if isinstance(text, str):
            yield position, text, _record_id(record_id, id_column or "index"), record_source


def _lint_partition(partition: Any, linter: RecordLinter, columns: tuple) -> Any:
    import pandas

    rows = [
        {"id": record_id, **finding_row(finding)}
        for _, text, record_id, record_source in _partition_records(partition, columns)
        for finding in linter.check(text, record_name(record_id, record_source), record_source).findings
    ]
    table = pandas.DataFrame.from_records(rows, columns=list(FINDINGS_META))
    return table.astype(FINDINGS_META)


def _fix_partition(partition: Any, linter: RecordLinter, columns: tuple) -> Any:
    import pandas

    text_column = columns[0]
    texts = list(partition[text_column])
    changed = False
    for position, text, record_id, record_source in _partition_records(partition, columns):
        outcome = linter.fix(text, record_name(record_id, record_source), record_source)
        if outcome.changed:
            texts[position] = outcome.text
            changed = True
    if not changed:
        return partition
    fixed = partition.copy()
    fixed[text_column] = pandas.Series(texts, index=partition.index, dtype=partition[text_column].dtype)
    return fixed

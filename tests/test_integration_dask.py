"""scrapelint on a real Dask cluster (a LocalCluster of two worker processes): the findings and fixes of
bags and dataframes equal those of `scrapelint check` on the same files, also when a worker dies."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import pandas
import pytest
from dask.distributed import Client, LocalCluster, as_completed

from integration_corpus import (
    Reference,
    example_config,
    finding_keys,
    readme_python_blocks,
    records_by_id,
    reference,
    run_cli,
    run_example,
    write_example_corpus,
)
from scrapelint.integrations.dask import FINDINGS_META, fix_bag, fix_dataframe, lint_bag, lint_dataframe
from scrapelint.integrations.records import FINDING_COLUMNS

# Blocks small enough for several partitions per shard, so that two workers share the work.
BLOCKSIZE = 256 * 1024


@pytest.fixture(scope="module")
def ref(tmp_path_factory) -> Reference:
    return reference(tmp_path_factory)


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def shard_bags(ref: Reference, build, **options) -> db.Bag:
    """``build`` applied to each shard as its own bag, naming the shard as the command does, then joined."""
    config = ref.corpus.config
    bags = []
    for shard in ref.corpus.shards:
        records = db.read_text(str(shard), blocksize=BLOCKSIZE).map(json.loads)
        bags.append(build(records, config=config, source=str(shard), **options))
    return db.concat(bags)


def test_lint_bag_finds_what_the_command_finds(client: Client, ref: Reference) -> None:
    rows = shard_bags(ref, lint_bag).compute()
    assert set(rows[0]) == set(FINDINGS_META)
    ref.assert_equal(finding_keys(rows), ref.findings)


def test_lint_dataframe_writes_the_command_findings_to_parquet(client: Client, ref: Reference, tmp_path: Path) -> None:
    frame = dd.read_json(
        [str(shard) for shard in ref.corpus.shards], lines=True, blocksize=BLOCKSIZE, include_path_column="path"
    )
    findings = lint_dataframe(frame, config=ref.corpus.config, source_column="path")
    findings.to_parquet(tmp_path / "findings", write_index=False)
    table = pandas.read_parquet(tmp_path / "findings")
    assert list(table.columns) == list(FINDINGS_META)
    assert str(table["row"].dtype) == "int64" and table["fix"].isna().any() and not table["fix"].isna().all()
    ref.assert_equal(finding_keys(table.to_dict("records")), ref.findings)


def test_fix_bag_equals_the_command_fix(client: Client, ref: Reference) -> None:
    fixed = records_by_id(shard_bags(ref, fix_bag).compute())
    ref.assert_equal(fixed, ref.fixed)  # every field of every record, the fixed texts included


def test_fix_dataframe_fixes_the_text_column_only(client: Client, ref: Reference) -> None:
    shard = ref.corpus.shards[0]
    frame = dd.read_json([str(shard)], lines=True, blocksize=BLOCKSIZE)
    fixed = fix_dataframe(frame, config=ref.corpus.config, source=str(shard)).compute()
    original = frame.compute()
    assert list(fixed.columns) == list(original.columns) and (fixed.dtypes == original.dtypes).all()
    for column in original.columns:
        if column != "text":
            assert fixed[column].equals(original[column]), column
    expected = {record_id: ref.fixed[record_id]["text"] for record_id in original["id"]}
    ref.assert_equal(dict(zip(fixed["id"], fixed["text"], strict=False)), expected)
    assert (fixed["text"] != original["text"]).sum() > 0


def test_findings_rows_are_typed_even_for_partitions_without_findings(client: Client, ref: Reference) -> None:
    clean = "---\ntitle: Clean\ndate: 2021-03-05 10:00:00 +0800\n---\nNothing.\n"
    frame = dd.from_pandas(pandas.DataFrame({"text": [clean, "\n" + clean]}, index=["a", "b"]), npartitions=2)
    findings = lint_dataframe(frame, config={"select": ["FM"]}, id_column=None).compute()
    assert findings.dtypes.astype(str).to_dict() == FINDINGS_META
    assert findings[["id", "code", "row", "column", "fix"]].values.tolist() == [["b", "FM001", 1, 1, "safe"]]
    assert set(FINDING_COLUMNS) < set(findings.columns)


def test_a_record_without_an_id_is_an_error_that_names_the_field(client: Client) -> None:
    with pytest.raises(ValueError, match="a record has no 'doc_id'"):
        lint_bag(db.from_sequence([{"text": "x"}]), id_field="doc_id").compute()


def test_a_worker_killed_mid_run_changes_nothing(client: Client, ref: Reference) -> None:
    pids_before = client.run(os.getpid)
    partitions = shard_bags(ref, lint_bag).to_delayed()
    futures = client.compute(partitions)
    next(as_completed(futures))  # some work is done ...
    deadline = time.monotonic() + 30
    busy: list[str] = []
    while not busy and time.monotonic() < deadline:  # ... and a worker is at work on the rest
        busy = [worker for worker, keys in client.processing().items() if keys]
        time.sleep(0.02)
    assert busy and sum(future.done() for future in futures) < len(futures)
    os.kill(pids_before[busy[0]], signal.SIGKILL)

    rows = [row for partition in client.gather(futures) for row in partition]
    ref.assert_equal(finding_keys(rows), ref.findings)
    # The nanny started a new worker process in place of the one killed.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids_after = client.run(os.getpid)
        if len(pids_after) == 2:
            break
        time.sleep(0.5)
    assert pids_before[busy[0]] not in pids_after.values() and len(pids_after) == 2


def test_the_readme_dask_example_runs_as_written(tmp_path: Path) -> None:
    example, read_back = readme_python_blocks("### Dask")
    shards = write_example_corpus(tmp_path)
    run_example(example, tmp_path, "example.py")

    select = ",".join(example_config(example)["select"])
    report = run_cli("--select", select, "--output-format", "json", *map(str, shards))
    expected = [
        {**finding, "id": finding["filename"].partition("::")[2], **finding_location(finding)}
        for finding in json.loads(report.stdout)
    ]
    findings = pandas.read_parquet(tmp_path / "findings")
    assert finding_keys(findings.to_dict("records")) == finding_keys(expected) and expected

    first = tmp_path / "corpus" / "part-0.jsonl"
    run_cli("--select", select, "--fix", "--quiet", str(first))
    fixed = [json.loads(line) for path in sorted((tmp_path / "fixed").glob("*.jsonl")) for line in path.open()]
    assert fixed == [json.loads(line) for line in first.open()]

    output = run_example(read_back, tmp_path, "read_back.py").stdout
    for code, count in findings.groupby("code").size().items():
        assert re.search(rf"^{code}\s+{count}$", output, re.MULTILINE), (code, count, output)


def finding_location(finding: dict) -> dict:
    """The row and column fields of a `scrapelint check --output-format json` finding, flattened."""
    start, end = finding["location"], finding["end_location"]
    return {"row": start["row"], "column": start["column"], "end_row": end["row"], "end_column": end["column"]}

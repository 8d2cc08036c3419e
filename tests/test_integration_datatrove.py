"""scrapelint's datatrove steps, run by datatrove's own executors (local with worker processes, and Ray on a
local Ray instance): findings and fixes equal those of `scrapelint check` on the same files, statistics
add up, and a run stopped part-way resumes with the remaining tasks only."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import re
from collections import Counter
from pathlib import Path

import cloudpickle
import dill
import pytest
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor, RayPipelineExecutor
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

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
from scrapelint.config import ConfigError
from scrapelint.integrations.datatrove import ScrapelintAnnotator, ScrapelintFilter, ScrapelintFixer
from scrapelint.integrations.records import FINDING_COLUMNS

TASKS = 4


@pytest.fixture(scope="module")
def ref(tmp_path_factory) -> Reference:
    return reference(tmp_path_factory)


def lint_pipeline(ref: Reference, output: Path) -> list:
    """Read the shards, record each document's findings, fix it, write it: datatrove's usual shape."""
    return [
        JsonlReader(str(ref.corpus.folder), glob_pattern="part-*.jsonl"),
        ScrapelintAnnotator(config=ref.corpus.config),
        ScrapelintFixer(config=ref.corpus.config),
        JsonlWriter(str(output), compression=None),
    ]


def read_output(folder: Path) -> dict[str, dict]:
    return records_by_id(json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open())


def annotated_findings(documents: dict[str, dict]) -> list:
    return finding_keys(
        {"id": record_id, **row} for record_id, doc in documents.items() for row in doc["metadata"]["scrapelint"]
    )


def merged_stats(logging_dir: Path, step: str) -> dict[str, int]:
    """The totals of one step's statistics in the executor's stats.json."""
    for entry in json.loads((logging_dir / "stats.json").read_text(encoding="utf-8")):
        if entry["name"] == step:
            # A metric datatrove saw only with the value 1 is saved as a plain count.
            return {
                name: int(value if isinstance(value, int) else value["total"]) for name, value in entry["stats"].items()
            }
    raise AssertionError(f"no statistics for {step}")


def assert_matches_the_command(ref: Reference, documents: dict[str, dict]) -> None:
    assert set(documents) == set(ref.corpus.ids)
    ref.assert_equal(annotated_findings(documents), ref.findings)
    ref.assert_equal({i: doc["text"] for i, doc in documents.items()}, {i: r["text"] for i, r in ref.fixed.items()})
    for record in ref.corpus.records:  # the other fields travel untouched, in the metadata
        metadata = documents[record["id"]]["metadata"]
        assert (metadata["url"], metadata["kind"], metadata["score"]) == (
            record["url"],
            record["kind"],
            record["score"],
        )


@pytest.fixture(scope="module")
def local_run(ref: Reference, tmp_path_factory) -> Path:
    """The pipeline on datatrove's local executor: 4 tasks in 2 worker processes. Returns its folder."""
    base = tmp_path_factory.mktemp("datatrove-local")
    executor = LocalPipelineExecutor(
        lint_pipeline(ref, base / "output"), tasks=TASKS, workers=2, logging_dir=str(base / "logs")
    )
    executor.run()
    return base


def test_local_executor_finds_and_fixes_what_the_command_does(ref: Reference, local_run: Path) -> None:
    documents = read_output(local_run / "output")
    assert_matches_the_command(ref, documents)
    assert len(list((local_run / "output").glob("*.jsonl"))) == TASKS  # every task had a shard to work on
    rows = [row for doc in documents.values() for row in doc["metadata"]["scrapelint"]]
    assert set(rows[0]) == set(FINDING_COLUMNS) and {row["fix"] for row in rows} >= {"safe", None}


def test_statistics_count_documents_findings_and_fixes(ref: Reference, local_run: Path) -> None:
    annotator = merged_stats(local_run / "logs", "🏷️ - ANNOTATE: 🧹 scrapelint")
    fixer = merged_stats(local_run / "logs", "✂️ - FORMAT: 🧹 scrapelint")
    per_rule = Counter(key[1] for key in ref.findings)
    assert annotator["total"] == fixer["total"] == len(ref.corpus.records)
    assert annotator["flagged"] == len({key[0] for key in ref.findings})
    assert annotator["findings"] == len(ref.findings)
    assert {name[8:]: count for name, count in annotator.items() if name.startswith("finding_")} == per_rule
    changed = sum(ref.fixed[record["id"]]["text"] != record["text"] for record in ref.corpus.records)
    assert fixer["fixed"] == changed and sum(v for k, v in fixer.items() if k.startswith("fix_")) >= changed


def test_ray_executor_finds_and_fixes_what_the_command_does(ref: Reference, tmp_path: Path, monkeypatch) -> None:
    import ray

    # A private Ray instance on this machine: two CPUs, no dashboard, no usage report, loopback only.
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    # address="local": a new instance even when another Ray runs on this machine (another test session).
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    try:
        executor = RayPipelineExecutor(
            lint_pipeline(ref, tmp_path / "output"),
            tasks=TASKS,
            workers=2,
            logging_dir=str(tmp_path / "logs"),
            cpus_per_task=1,
            mem_per_cpu_gb=0.5,
        )
        executor.run()
    finally:
        ray.shutdown()
    assert not ray.is_initialized()
    assert sorted(os.listdir(tmp_path / "logs" / "completions")) == [f"{rank:05d}" for rank in range(TASKS)]
    assert_matches_the_command(ref, read_output(tmp_path / "output"))


class FailOnRank(PipelineStep):
    """Passes documents through, but raises in one task: a machine lost part-way through a run."""

    name = "failure"
    type = "🧪 - TEST"

    def __init__(self, rank: int) -> None:
        super().__init__()
        self.failing_rank = rank

    def run(self, data, rank: int = 0, world_size: int = 1):
        for number, doc in enumerate(data):
            if rank == self.failing_rank and number == 10:
                raise RuntimeError(f"task {rank} lost")
            yield doc


def test_a_stopped_run_resumes_with_the_remaining_tasks_only(ref: Reference, local_run: Path, tmp_path: Path) -> None:
    logs, output = tmp_path / "logs", tmp_path / "output"
    first = lint_pipeline(ref, output)
    first.insert(1, FailOnRank(2))
    # One worker: tasks run in order, so 0 and 1 complete, 2 fails part-way and 3 never starts.
    with pytest.raises(RuntimeError, match="task 2 lost"):
        LocalPipelineExecutor(first, tasks=TASKS, workers=1, logging_dir=str(logs)).run()
    assert sorted(os.listdir(logs / "completions")) == ["00000", "00001"]
    done_before = {path: path.stat().st_mtime_ns for path in [*(logs / "stats").iterdir(), *output.iterdir()]}

    LocalPipelineExecutor(lint_pipeline(ref, output), tasks=TASKS, workers=2, logging_dir=str(logs)).run()
    assert sorted(os.listdir(logs / "completions")) == [f"{rank:05d}" for rank in range(TASKS)]
    # Tasks 0 and 1 did not run again: their statistics and their output are the files of the first run.
    for path, modified in done_before.items():
        if path.name.startswith(("00000", "00001")):
            assert path.stat().st_mtime_ns == modified, path
    assert sorted(path.name for path in (logs / "stats").iterdir()) == [f"{rank:05d}.json" for rank in range(TASKS)]
    # The output is that of a run that never stopped, file for file.
    for clean in sorted((local_run / "output").iterdir()):
        assert (output / clean.name).read_bytes() == clean.read_bytes(), clean.name


def test_filter_drops_spam_with_its_code_as_the_reason(ref: Reference, tmp_path: Path) -> None:
    shard = ref.corpus.shards[0]
    pipeline = [
        JsonlReader(str(shard.parent), glob_pattern=shard.name),
        ScrapelintFilter(
            drop=["SP"],
            config=ref.corpus.config,
            exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), compression=None),
        ),
        JsonlWriter(str(tmp_path / "kept"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    kept, dropped = read_output(tmp_path / "kept"), read_output(tmp_path / "dropped")

    shard_ids = {json.loads(line)["id"] for line in shard.open()}
    spam = {}  # record id -> code of its first spam finding, in source order
    for record_id, code, _row, _column, *_ in sorted(ref.findings, key=lambda key: (key[0], key[2], key[3], key[1])):
        if record_id in shard_ids and code.startswith("SP"):
            spam.setdefault(record_id, code)
    assert spam and set(dropped) == set(spam) and set(kept) == shard_ids - set(spam)
    assert {record_id: doc["metadata"]["filter_reason"] for record_id, doc in dropped.items()} == spam
    stats = merged_stats(tmp_path / "logs", "🔻 - FILTER: 🧹 scrapelint")
    assert stats["dropped"] == len(spam) and stats["forwarded"] == len(kept)
    assert {name[8:]: count for name, count in stats.items() if name.startswith("dropped_")} == Counter(spam.values())


def test_unsafe_fixes_on_request_equal_the_command(ref: Reference, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = ref.corpus.shards[1].read_text(encoding="utf-8").splitlines(keepends=True)[:120]
    (corpus / "part.jsonl").write_text("".join(lines), encoding="utf-8")
    (corpus / "scrapelint.toml").write_text(ref.corpus.config.read_text(encoding="utf-8"), encoding="utf-8")
    documents = {}
    for unsafe in (False, True):
        step = ScrapelintFixer(config=corpus / "scrapelint.toml", unsafe_fixes=unsafe)
        docs = JsonlReader(str(corpus), glob_pattern="*.jsonl")()
        documents[unsafe] = {doc.id: doc.text for doc in step(docs)}
    run_cli(
        "--config", str(corpus / "scrapelint.toml"), "--fix", "--unsafe-fixes", "--quiet", str(corpus / "part.jsonl")
    )
    by_command = {record["id"]: record["text"] for record in map(json.loads, (corpus / "part.jsonl").open())}
    ref.assert_equal(documents[True], by_command)
    assert documents[True] != documents[False]  # some fixes here are unsafe ones


def test_steps_pickle_with_every_pickler_datatrove_executors_use() -> None:
    steps = [ScrapelintFilter(drop="SP"), ScrapelintAnnotator(config={"select": ["FM"]}), ScrapelintFixer()]
    doc = Document(text="\n---\ntitle: x\ndate: 2021-03-05\n---\nBody\n", id="a")
    for module in (pickle, dill, cloudpickle):
        filter_step, annotator, fixer = (module.loads(module.dumps(step)) for step in steps)
        assert filter_step.filter(Document(text=doc.text, id="a")) is True
        (annotated,) = annotator([Document(text=doc.text, id="a")])
        assert [row["code"] for row in annotated.metadata["scrapelint"]] == ["FM001"]
        (fixed,) = fixer([Document(text=doc.text, id="a")])
        assert fixed.text == doc.text[1:]


def test_configuration_mistakes_fail_when_the_pipeline_is_built(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="drop='SP' names no rule that the configuration enables"):
        ScrapelintFilter(drop="SP", config={"select": ["FM"]})
    with pytest.raises(ConfigError, match="unknown key 'selekt'"):
        ScrapelintAnnotator(config={"selekt": ["FM"]})


def test_the_readme_datatrove_example_runs_as_written(tmp_path: Path) -> None:
    pipeline, cluster, read_back = readme_python_blocks("### datatrove")
    compile(cluster, "README: Slurm and Ray", "exec")  # shown, not run here: it needs a cluster
    shards = write_example_corpus(tmp_path)
    run_example(pipeline, tmp_path, "pipeline.py")

    # What the command says about the same files, with the example's rules.
    select = ",".join(example_config(pipeline)["select"])
    report = run_cli("--select", select, "--output-format", "json", *map(str, shards))
    spam = {f["filename"].partition("::")[2] for f in json.loads(report.stdout) if f["code"].startswith("SP")}
    run_cli("--select", select, "--fix", "--quiet", *map(str, shards))
    fixed = {record["id"]: record["text"] for shard in shards for record in map(json.loads, shard.open())}

    def read(folder: str) -> dict[str, dict]:
        return records_by_id(
            json.loads(line) for path in (tmp_path / folder).glob("*.jsonl.gz") for line in gzip.open(path, "rt")
        )

    clean, dropped = read("clean"), read("spam")
    assert spam and set(dropped) == spam and set(clean) == set(fixed) - spam
    assert {record_id: doc["text"] for record_id, doc in clean.items()} == {i: fixed[i] for i in clean}
    assert all(doc["metadata"]["filter_reason"].startswith("SP") for doc in dropped.values())

    output = run_example(read_back, tmp_path, "read_back.py").stdout
    remaining = Counter(row["code"] for doc in clean.values() for row in doc["metadata"]["scrapelint"])
    reasons = Counter(doc["metadata"]["filter_reason"] for doc in dropped.values())
    for code, count in (remaining + reasons).items():
        assert re.search(rf"^{code}\s+{count}$", output, re.MULTILINE), (code, count, output)

"""scrapelint as datatrove pipeline steps: a filter, an annotator and a fixer, run by datatrove's Local,
Slurm and Ray executors like its own steps.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from scrapelint.integrations.datatrove import ScrapelintAnnotator, ScrapelintFilter, ScrapelintFixer

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("corpus/"),
            ScrapelintFilter(drop=["SP"], config="pyproject.toml", exclusion_writer=JsonlWriter("spam/")),
            ScrapelintFixer(config="pyproject.toml"),
            ScrapelintAnnotator(config="pyproject.toml"),
            JsonlWriter("clean/"),
        ],
        tasks=4,
        workers=2,
    ).run()

Each document is checked exactly as ``scrapelint check corpus.jsonl`` checks a record: its name is
``<file_path>::<id>`` (the file the reader took it from, in ``doc.metadata["file_path"]``, and its id), and
per-file ignores are matched against that file. ``config`` is what the command line takes: a path to a
``pyproject.toml``/``scrapelint.toml``, or a mapping of ``[tool.scrapelint]`` keys (None: the defaults).

Statistics (in the executor's ``stats.json``, per step): ``total`` documents seen, ``flagged`` documents
with findings, ``findings`` and ``finding_<CODE>`` per rule; the fixer adds ``fixed`` documents changed and
``fix_<CODE>`` fixes applied per rule; the filter adds datatrove's ``dropped``/``forwarded`` and
``dropped_<CODE>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from scrapelint.api import ConfigLike
from scrapelint.integrations.records import RecordLinter, RecordOutcome, finding_row, record_name
from scrapelint.rules import matches_any, selector_matches

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils.typeshelper import StatHints
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "scrapelint.integrations.datatrove needs datatrove: pip install 'scrapelint[datatrove]'"
    ) from error

STEP_NAME = "🧹 scrapelint"
# The metadata key that names the file a document was read from (datatrove's readers set it).
SOURCE_KEY = "file_path"


class _Linting:
    """What the three steps share: the linter, a document's name, and the statistics of an outcome."""

    linter: RecordLinter
    source_key: str | None

    def _lint(self, doc: Document, *, fix: bool = False) -> RecordOutcome:
        source = doc.metadata.get(self.source_key) if self.source_key else None
        source = str(source) if source else None
        name = record_name(doc.id, source)
        with self.track_time():
            return self.linter.check(doc.text, name, source, fix=fix)

    def _count_findings(self, outcome: RecordOutcome) -> None:
        if not outcome.findings:
            return
        self.stat_update("flagged")
        self.stat_update("findings", value=len(outcome.findings))
        for code, count in Counter(finding.code for finding in outcome.findings).items():
            self.stat_update(f"finding_{code}", value=count)


class ScrapelintFilter(_Linting, BaseFilter):
    """Drops the documents with findings of the rules in ``drop`` (all enabled rules when None); keeps the rest.

    ``drop`` takes codes, names or code prefixes, as ``--select`` does (``["SP"]``: spam). The drop reason
    is the code of the document's first such finding: datatrove counts it (``dropped_SP001``) and, with an
    ``exclusion_writer``, writes it in the dropped document's ``metadata["filter_reason"]``. With
    ``annotate``, every document (kept or dropped) also gets its findings in ``metadata["scrapelint"]``.
    """

    name = STEP_NAME

    def __init__(
        self,
        drop: Sequence[str] | str | None = None,
        config: ConfigLike = None,
        exclusion_writer: DiskWriter | None = None,
        *,
        annotate: bool = False,
        source_key: str | None = SOURCE_KEY,
    ) -> None:
        super().__init__(exclusion_writer)
        self.linter = RecordLinter(config)
        self.drop = (drop,) if isinstance(drop, str) else tuple(drop) if drop is not None else None
        self.annotate = annotate
        self.source_key = source_key
        if self.drop is not None:
            self._check_drop_selectors()

    def _check_drop_selectors(self) -> None:
        # A selector that matches no enabled rule would silently keep everything: refuse it now.
        enabled = self.linter.resolved.rules
        for selector in self.drop:
            if not any(selector_matches(selector, rule) for rule in enabled):
                raise ValueError(f"drop={selector!r} names no rule that the configuration enables")

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        outcome = self._lint(doc)
        self._count_findings(outcome)
        if self.annotate:
            doc.metadata["scrapelint"] = [finding_row(finding) for finding in outcome.findings]
        for finding in outcome.findings:
            if self.drop is None or matches_any(finding.code, finding.name, self.drop):
                return False, finding.code
        return True


class ScrapelintAnnotator(_Linting, PipelineStep):
    """Keeps every document and records its findings in ``doc.metadata[metadata_key]``.

    Each finding is a mapping of plain values (``scrapelint.integrations.records.FINDING_COLUMNS``): code,
    name, message, severity, start/end offsets, row/column and end_row/end_column, fix applicability
    ("safe", "unsafe" or None). A document without findings gets an empty list.
    """

    name = STEP_NAME
    type = "🏷️ - ANNOTATE"

    def __init__(
        self, config: ConfigLike = None, *, metadata_key: str = "scrapelint", source_key: str | None = SOURCE_KEY
    ) -> None:
        super().__init__()
        self.linter = RecordLinter(config)
        self.metadata_key = metadata_key
        self.source_key = source_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            outcome = self._lint(doc)
            self._count_findings(outcome)
            doc.metadata[self.metadata_key] = [finding_row(finding) for finding in outcome.findings]
            yield doc


class ScrapelintFixer(_Linting, PipelineStep):
    """Applies the fixes the configuration allows to ``doc.text``: safe ones, and unsafe ones on request.

    The fixing is that of ``scrapelint check --fix`` (the same function, under the same name), content
    preservation checks included, so the text equals what the command writes. Counted: ``fixed`` documents,
    ``fix_<CODE>`` fixes per rule, and the findings that remain (``flagged``, ``finding_<CODE>``).
    """

    name = STEP_NAME
    type = "✂️ - FORMAT"

    def __init__(
        self, config: ConfigLike = None, *, unsafe_fixes: bool = False, source_key: str | None = SOURCE_KEY
    ) -> None:
        super().__init__()
        self.linter = RecordLinter(config, unsafe_fixes=unsafe_fixes)
        self.source_key = source_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            outcome = self._lint(doc, fix=True)
            self._count_findings(outcome)
            if outcome.changed:
                doc.text = outcome.text
                self.stat_update("fixed")
                for code, count in outcome.fixed.items():
                    self.stat_update(f"fix_{code}", value=count)
            if outcome.unsettled_rules:
                self.stat_update("unsettled")
            yield doc

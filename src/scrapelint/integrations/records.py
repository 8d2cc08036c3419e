"""What every pipeline integration shares: how a record is named, how it is checked or fixed, and how its
findings are written down.

A record is checked by ``runner.check_document``, the function ``scrapelint check corpus.jsonl`` calls for
each record, under the same name (``<corpus>::<id>``, see ``record_name``) and with per-file ignores
matched against the corpus file, so an integration finds and fixes exactly what the command does.
Nothing here imports datatrove, Dask or pyarrow.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrapelint.api import ConfigLike
from scrapelint.document import Document
from scrapelint.findings import Finding

# The columns of a finding row, with the pandas dtype each has in a dataframe (and so in Parquet).
FINDING_COLUMNS: dict[str, str] = {
    "code": "string",
    "name": "string",
    "message": "string",
    "severity": "string",
    "start": "int64",  # offsets into the record's text, in code points
    "end": "int64",
    "row": "int64",  # 1-based; columns count code points, as in `scrapelint check --output-format json`
    "column": "int64",
    "end_row": "int64",
    "end_column": "int64",
    "fix": "string",  # "safe", "unsafe", or null when the rule offers no fix
}


def record_name(record_id: object, source: str | None = None) -> str:
    """The name a record goes by, in reports and for the rules that read names (Jekyll dates in file names).

    ``scrapelint check corpus.jsonl`` names each record ``corpus.jsonl::<id>`` (``Record.name``); given the
    corpus file as ``source``, this is the same name, so path-reading rules see the same thing. Without a
    source the record's id is its name.
    """
    return f"{source}::{record_id}" if source else str(record_id)


def finding_row(finding: Finding) -> dict[str, Any]:
    """A finding as a flat row of plain values (the keys of FINDING_COLUMNS)."""
    location, end = finding.location, finding.end_location
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "row": location.row if location else 0,
        "column": location.column if location else 0,
        "end_row": end.row if end else 0,
        "end_column": end.column if end else 0,
        "fix": finding.fix.applicability.value if finding.fix is not None else None,
    }


@dataclass
class RecordOutcome:
    """What checking (and perhaps fixing) one record gave."""

    findings: list[Finding]  # after fixing, those that remain
    text: str  # the text after fixes (the original when nothing was fixed)
    fixed: Counter[str] = field(default_factory=Counter)  # rule code -> fixes applied
    unsettled_rules: list[str] = field(default_factory=list)  # fixes that did not settle

    @property
    def changed(self) -> bool:
        return sum(self.fixed.values()) > 0


@lru_cache(maxsize=32)
def _resolve(mapping_json: str | None, config_path: str | None, root: str) -> Any:
    # api.resolve_config, with the folder a mapping is relative to fixed by the caller.
    from scrapelint.config import ResolvedConfig, Settings, read_config_file, settings_from_mapping
    from scrapelint.plugins import load_plugins

    registry = load_plugins().rules
    if config_path is not None:
        settings = read_config_file(Path(config_path), registry)
    elif mapping_json is not None:
        settings = settings_from_mapping(json.loads(mapping_json), Path(root), registry)
    else:
        settings = Settings(root=Path(root))
    return ResolvedConfig(settings, registry)


class RecordLinter:
    """Checks and fixes record texts under one configuration, in whatever process it is unpickled in.

    ``config`` is what the command line takes: a path to a ``pyproject.toml``/``scrapelint.toml``, or a
    mapping with the keys of ``[tool.scrapelint]``; None means the defaults (no discovery: a pipeline's
    working folder says nothing about its data). Only the configuration is pickled; each process resolves
    it once (plugins and rules are loaded on first use).
    """

    def __init__(self, config: ConfigLike = None, *, unsafe_fixes: bool = False) -> None:
        # Everything is pinned now, where the pipeline is built: workers may start in another folder.
        self.root = str(Path.cwd())  # what a mapping's relative patterns (per-file-ignores) are relative to
        if isinstance(config, Mapping):
            self.config: str | None = json.dumps(dict(config), sort_keys=True, default=str)
            self.config_path: str | None = None
        else:
            self.config = None
            self.config_path = str(Path(config).resolve()) if config is not None else None
        self.unsafe_fixes = unsafe_fixes
        self.resolved  # noqa: B018 - a broken configuration fails here, not in a worker an hour later

    @property
    def resolved(self) -> Any:
        """The ResolvedConfig, built once per process."""
        return _resolve(self.config, self.config_path, self.root)

    def check(self, text: str, name: str, source: str | None = None, *, fix: bool = False) -> RecordOutcome:
        """Lint one record's text (and with ``fix`` apply the allowed fixes), as `scrapelint check` does.

        ``name`` is the record's name (``record_name``); ``source`` the corpus file, whose path per-file
        ignores are matched against.
        """
        from scrapelint.runner import CheckOptions, check_document

        options = CheckOptions(fix=fix, unsafe_fixes=self.unsafe_fixes, source_lines=False)
        result, fixed = check_document(
            Document(text, name), self.resolved, options, Path(source) if source else Path(name)
        )
        return RecordOutcome(
            findings=result.findings,
            text=fixed.text if fixed is not None else text,
            fixed=result.fixed,
            unsettled_rules=result.unsettled_rules,
        )

    def fix(self, text: str, name: str, source: str | None = None) -> RecordOutcome:
        """Apply the fixes the configuration allows (safe ones; unsafe ones too with ``unsafe_fixes``)."""
        return self.check(text, name, source, fix=True)

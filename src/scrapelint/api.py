"""scrapelint as a library, for corpus pipelines: lint or fix one article's text, no files involved.

    >>> from scrapelint import lint_text, fix_text
    >>> [f.code for f in lint_text("\\n---\\ntitle: x\\ndate: 2021-03-05\\n---\\nBody\\n")]
    ['FM001']
    >>> fix_text("\\n---\\ntitle: x\\ndate: 2021-03-05\\n---\\nBody\\n").text
    '---\\ntitle: x\\ndate: 2021-03-05\\n---\\nBody\\n'

Results are plain dataclasses: they pickle, so they cross process boundaries (multiprocessing, Dask).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.findings import Finding
from scrapelint.fixes import fix_document

ConfigLike = str | Path | Mapping[str, Any] | None


@dataclass
class FixedText:
    """The text after every allowed fix, what was fixed, and the findings that remain."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    fixed: Counter[str] = field(default_factory=Counter)  # rule code -> fixes applied

    @property
    def changed(self) -> bool:
        return sum(self.fixed.values()) > 0


def lint_text(text: str, path: str | None = None, config: ConfigLike = None) -> list[Finding]:
    """The findings for one article's text.

    ``path`` is the name the article goes by (rules read it: dates in Jekyll file names; per-file
    ignores match it). ``config`` is a pyproject.toml or scrapelint.toml path, a mapping with the keys of
    ``[tool.scrapelint]``, or None for the defaults.
    """
    resolved = resolve_config(config)
    doc = Document(text, path or "<text>")
    return lint_document(doc, resolved.rules, _ignored(resolved, path))


def fix_text(text: str, path: str | None = None, config: ConfigLike = None, *, unsafe: bool = False) -> FixedText:
    """Apply the configuration's fixable fixes (safe ones, and unsafe ones with ``unsafe=True``)."""
    resolved = resolve_config(config)
    ignored = _ignored(resolved, path)
    outcome = fix_document(
        Document(text, path or "<text>"),
        lambda doc: lint_document(doc, resolved.rules, ignored),
        unsafe=unsafe,
        is_fixable=resolved.is_fixable,
    )
    return FixedText(outcome.document.text, outcome.findings, outcome.applied)


def _ignored(resolved: Any, path: str | None) -> tuple[str, ...]:
    return resolved.ignored_for(Path(path)) if path else ()


def resolve_config(config: ConfigLike) -> Any:
    """A ResolvedConfig for a path, a mapping or None, built once per process for each."""
    if isinstance(config, Mapping):
        return _resolve(json.dumps(config, sort_keys=True, default=str), None)
    return _resolve(None, str(Path(config).resolve()) if config is not None else None)


@lru_cache(maxsize=32)
def _resolve(mapping_json: str | None, config_path: str | None) -> Any:
    from scrapelint.config import ResolvedConfig, Settings, read_config_file, settings_from_mapping
    from scrapelint.plugins import load_plugins

    registry = load_plugins().rules
    if config_path is not None:
        settings = read_config_file(Path(config_path), registry)
    elif mapping_json is not None:
        settings = settings_from_mapping(json.loads(mapping_json), Path.cwd(), registry)
    else:
        settings = Settings(root=Path.cwd())
    return ResolvedConfig(settings, registry)

"""Reading the pack's data files (built by ``build_data.py``)."""

from __future__ import annotations

from pathlib import Path


def read_table(path: Path) -> dict[str, str]:
    """A data file's lines as key -> value (a key, a tab and the value a line; ``#`` starts a comment)."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("\t")
            table[key] = value
    return table

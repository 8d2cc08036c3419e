"""The README's examples run as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def code_block(after_heading: str, language: str) -> str:
    section = README.split(f"\n{after_heading}\n", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.DOTALL).group(1)


def test_library_api_example_runs_as_written(tmp_path: Path) -> None:
    records = [
        {"id": "a", "url": "2021-03-05-a.md", "text": "\n---\ntitle: x\ndate: 2021-03-05\n---\nBody\n"},
        {"id": "b", "url": "b.md", "text": "No front matter.\n"},
    ]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "example.py").write_text(code_block("## Library API", "python"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "{'id': 'a', 'findings': [('FM001', 1, 1)]}",
        "{'id': 'b', 'findings': [('DT001', 1, 1)]}",
        "---",
        "title: x",
        "---",
        "",
    ]

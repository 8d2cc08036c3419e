from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# tests/plugin_example is a separate package, installed by its own test; never collected here.
collect_ignore = ["plugin_example"]


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed articles that a test may fix."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def run_cli():
    """Run the real console entry point in a subprocess: (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "scrapelint", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=env,
        )

    return run


@pytest.fixture
def modules_after_check():
    """Run ``scrapelint check ARGS`` in a fresh interpreter: (its stdout, the modules it had imported).

    For the tests that a run loads nothing it does not need (OpenCC, ftfy, an unused output format)."""

    def run(*args: str, cwd: Path | None = None) -> tuple[str, set[str]]:
        probe = (
            "import sys\n"
            "from scrapelint.cli import main\n"
            f"main(['check', *{list(args)!r}])\n"
            "print('\\nLOADED', *sorted(sys.modules))\n"
        )
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True)
        output, _, loaded = result.stdout.rpartition("\nLOADED")
        return output, set(loaded.split())

    return run

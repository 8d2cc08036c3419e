"""The pre-commit hooks in ``.pre-commit-hooks.yaml``, run for real by ``pre-commit try-repo``.

Each test builds the hook's environment as a user's pre-commit would (a virtualenv with scrapelint
installed from this repository, its dependencies from the package index as pip is configured here),
then runs the hook with ``--all-files`` on a fresh git repository holding the seed articles.

``try-repo`` clones the repository it is given at its HEAD commit and adds only *tracked* changes
(staged files and ``git add -u``): an untracked file, such as a new ``.pre-commit-hooks.yaml`` or a new
module, would be missing. So the tests point it at a snapshot of this working tree (every file git
tracks or would add, as one commit), which is what the repository would hold once committed.
``try-repo`` also installs into a store of its own in a temporary folder, whatever ``PRE_COMMIT_HOME``
says, so each run builds the environment anew (about ten seconds here).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO_ROOT / "seeds").glob("*.txt"))
FIXED_BY_SAFE_FIXES = ("000", "001", "002")  # FM001: one blank line before the front matter, nothing else safe
UNTOUCHED = ("003", "004")  # nothing safe to fix (003: DT001, an unsafe fix only)

# pre-commit keeps these GIT_* variables for the git it runs (transport and configuration only); every
# other one (GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE, ... exported by an enclosing git hook) would point
# the nested git commands at the wrong repository.
_KEPT_GIT_VARIABLES = {
    "GIT_EXEC_PATH",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_SSL_CAINFO",
    "GIT_SSL_NO_VERIFY",
    "GIT_CONFIG_COUNT",
    "GIT_HTTP_PROXY_AUTHMETHOD",
    "GIT_ALLOW_PROTOCOL",
    "GIT_ASKPASS",
}


def _environment(pre_commit_home: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_")
        or name in _KEPT_GIT_VARIABLES
        or name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
    }
    # Not SKIP (it would skip our hooks) nor FORCE_COLOR (styled output). PIP_* and HOME stay: pip in the
    # hook environment must reach the index exactly as the ordinary pip does.
    for name in ("SKIP", "FORCE_COLOR", "PRE_COMMIT_COLOR"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _init_repo(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True)
    _git("init", "-q", cwd=path, env=env)
    _git("config", "user.name", "scrapelint tests", cwd=path, env=env)
    _git("config", "user.email", "tests@scrapelint.invalid", cwd=path, env=env)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One environment, and one PRE_COMMIT_HOME (pre-commit's log, nothing of ~/.cache), for the module."""
    # A missing pre-commit is a broken test set-up, not a reason to skip: it is in the `test` extra.
    assert importlib.util.find_spec("pre_commit") is not None, "pre-commit is missing: pip install -e '.[test]'"
    return _environment(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This working tree as a one-commit repository: what ``git add -A && git commit`` would hold."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_ROOT, env=env)
    snapshot = tmp_path_factory.mktemp("hook-repo") / "scrapelint"
    _init_repo(snapshot, env)
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if not os.path.lexists(source):  # deleted in the working tree, not yet in the index
            continue
        (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, snapshot / name, follow_symlinks=False)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git("add", "-A", cwd=snapshot, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=snapshot, env=env)
    return snapshot


def _seed(number: str) -> Path:
    matches = [seed for seed in SEEDS if seed.name.startswith(f"{number}_")]
    assert len(matches) == 1, f"expected one seed {number}_*.txt in {REPO_ROOT / 'seeds'}, found {matches}"
    return matches[0]


@pytest.fixture
def articles(tmp_path: Path, env: dict[str, str]) -> Path:
    """A fresh git repository with the seed articles added (not committed), as a user's project."""
    project = tmp_path / "articles"
    _init_repo(project, env)
    for seed in SEEDS:
        shutil.copyfile(seed, project / seed.name)
    # What these tests promise about the seeds is the foundation packs' behaviour (FM, DT); other packs
    # add findings and safe fixes of their own, tested where they are built.
    (project / "scrapelint.toml").write_text('select = ["FM", "DT"]\n', encoding="utf-8")
    _git("add", "--", *(seed.name for seed in SEEDS), cwd=project, env=env)
    return project


def _try_repo(hook_repo: Path, hook: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )


def _describe(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_check_hook_fails_with_findings(hook_repo: Path, articles: Path, env: dict[str, str]) -> None:
    result = _try_repo(hook_repo, "scrapelint", articles, env)

    assert result.returncode == 1, _describe(result)
    assert "- hook id: scrapelint\n" in result.stdout, _describe(result)
    assert "FM001" in result.stdout, _describe(result)
    assert "DT001" in result.stdout, _describe(result)
    assert "files were modified by this hook" not in result.stdout, _describe(result)
    for seed in SEEDS:  # the check hook writes nothing
        assert (articles / seed.name).read_bytes() == seed.read_bytes(), seed.name


def test_fix_hook_applies_safe_fixes_only(hook_repo: Path, articles: Path, env: dict[str, str]) -> None:
    result = _try_repo(hook_repo, "scrapelint-fix", articles, env)

    assert result.returncode == 1, _describe(result)
    assert "- hook id: scrapelint-fix\n" in result.stdout, _describe(result)
    assert "files were modified by this hook" in result.stdout, _describe(result)
    for number in FIXED_BY_SAFE_FIXES:
        seed = _seed(number)
        original = seed.read_bytes()
        assert original.startswith(b"\n"), seed.name
        after = (articles / seed.name).read_bytes()
        assert after == original[1:], f"{seed.name}: expected exactly its leading blank line removed"
    for number in UNTOUCHED:
        seed = _seed(number)
        after = (articles / seed.name).read_bytes()
        assert after == seed.read_bytes(), f"{seed.name}: changed, but it has nothing safe to fix"

"""The remembered list of installed entry points: used while what is installed stays the same, looked up
again as soon as a distribution appears or disappears on sys.path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrapelint import plugin_index


def fake_distribution(folder: Path, name: str, entry_point: str) -> Path:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[scrapelint]\n{entry_point}\n", encoding="utf-8")
    return info


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def names() -> list[str]:
    return sorted(entry_point.name for entry_point in plugin_index.installed_entry_points())


def test_the_built_in_packs_are_found_and_remembered(cache_home: Path) -> None:
    first = plugin_index.installed_entry_points()
    assert {"frontmatter", "dates", "spam"} <= {entry_point.name for entry_point in first}
    assert (cache_home / "scrapelint" / "entry-points.json").is_file()
    assert plugin_index.installed_entry_points() == first


def test_a_distribution_installed_or_removed_later_is_seen(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = names()
    assert "extra" not in before
    info = fake_distribution(site, "scrapelint_extra", "extra = scrapelint_extra.rules")
    assert names() == sorted([*before, "extra"])
    (entry,) = [e for e in plugin_index.installed_entry_points() if e.name == "extra"]
    assert (entry.value, entry.distribution, entry.version) == ("scrapelint_extra.rules", "scrapelint_extra", "1.0")
    for child in info.iterdir():
        child.unlink()
    info.rmdir()
    assert names() == before


def test_a_broken_cache_file_is_ignored_and_rewritten(cache_home: Path) -> None:
    path = cache_home / "scrapelint" / "entry-points.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert "frontmatter" in names()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == plugin_index.FORMAT


def test_an_unwritable_cache_folder_costs_time_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder should be
    assert "frontmatter" in names()


def test_a_run_with_a_remembered_list_does_not_import_importlib_metadata(cache_home: Path) -> None:
    probe = (
        "import sys; from scrapelint.plugin_index import installed_entry_points as found; "
        "print(len(found()), 'importlib.metadata' in sys.modules)"
    )
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment, check=True)
        for _ in range(2)
    ]
    first, second = (run.stdout.split() for run in runs)
    assert first[0] == second[0] and int(first[0]) >= 7
    assert first[1] == "True" and second[1] == "False"


def test_runs_alternating_between_two_sys_paths_each_keep_their_list(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console script and ``python -m`` from a project folder see different sys.path lists: each is
    remembered, and looking one up does not throw the other's away."""
    first = plugin_index.installed_entry_points()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert plugin_index.installed_entry_points() == first
    monkeypatch.setattr(plugin_index, "_look_up", lambda: pytest.fail("looked up again"))
    assert plugin_index.installed_entry_points() == first
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setattr(plugin_index, "_look_up", lambda: pytest.fail("looked up again"))
    assert plugin_index.installed_entry_points() == first


def test_load_resolves_module_and_attribute() -> None:
    entry = plugin_index.PluginEntryPoint("x", "os.path:join", "", "")
    assert entry.load() is os.path.join
    assert plugin_index.PluginEntryPoint("y", "os.path", "", "").load() is os.path


def test_without_a_home_folder_nothing_is_written(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # as when no home folder is known
    monkeypatch.chdir(tmp_path)
    assert "frontmatter" in names()
    assert list(tmp_path.iterdir()) == []

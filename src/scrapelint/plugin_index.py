"""The ``scrapelint`` entry points installed, remembered between runs.

Finding entry points means importing ``importlib.metadata`` (which pulls in the ``email`` package) and
reading every installed distribution's metadata: about 30 ms, a tenth of a single-file check. What is
installed changes rarely, and when it does the folders on ``sys.path`` change with it (pip adds or
removes a ``*.dist-info`` folder in site-packages; a new ``--target`` or PYTHONPATH folder is a new
path). So the entry points found are stored in the user's cache folder, keyed by the interpreter and
``sys.path``, with the metadata folders found on it and their modification times; a run that finds the
same uses the stored list, any other run looks them up again and rewrites it. (stevedore caches
plugins in a similar way.)
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_STORED = 16  # interpreters and sys.path variants (venvs, PYTHONPATH settings) remembered
GROUP = "scrapelint"


@dataclass(frozen=True)
class PluginEntryPoint:
    """What the run needs of an entry point: its name, what it loads and which distribution provides it."""

    name: str
    value: str  # "package.module" or "package.module:attribute"
    distribution: str
    version: str

    def load(self) -> Any:
        """Import the module and resolve the attribute, as ``importlib.metadata.EntryPoint.load`` does."""
        module_name, _, attribute = self.value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def cache_file() -> Path | None:
    """Where the list is kept; None when there is no user cache folder to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home folder known: never write a "~" folder into the working folder
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "scrapelint" / "entry-points.json"


METADATA_SUFFIXES = (".dist-info", ".egg-info")


def _fingerprint() -> list[list[Any]]:
    """Every sys.path entry with the metadata folders in it and their modification times.

    pip installs, upgrades or removes a distribution by creating or deleting its ``*.dist-info``
    folder, so a change of what is installed changes this list. The folders' own modification times
    would change too often to be used (a path entry can be the working folder, or /tmp).
    """
    stamps: list[list[Any]] = []
    for entry in sys.path:
        found = []
        try:
            with os.scandir(entry or ".") as listing:
                for item in listing:
                    if item.name.endswith(METADATA_SUFFIXES):
                        found.append([item.name, item.stat().st_mtime_ns])
        except OSError:  # not a folder (a zip file, a path hook) or gone
            pass
        found.sort()
        stamps.append([entry, found])
    return stamps


def _look_up() -> list[PluginEntryPoint]:
    from importlib.metadata import entry_points

    found = []
    for entry_point in entry_points(group=GROUP):
        dist = entry_point.dist
        name = dist.metadata["Name"] if dist is not None else ""
        version = dist.version if dist is not None else ""
        found.append(PluginEntryPoint(entry_point.name, entry_point.value, name or "", version or ""))
    return found


def installed_entry_points() -> list[PluginEntryPoint]:
    """The ``scrapelint`` entry points of this interpreter, from the cache file when it is still true."""
    key = json.dumps([sys.executable, sys.path])
    fingerprint = _fingerprint()
    path = cache_file()
    if path is None:
        return _look_up()
    stored: dict[str, Any] = {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        # Another interpreter's or sys.path's entries stay: runs alternate between them (a console
        # script, ``python -m`` from some folder, pre-commit's environment).
        entry = stored["interpreters"].get(key) if stored.get("format") == FORMAT else None
        if entry is not None and entry["fingerprint"] == fingerprint:
            return [PluginEntryPoint(*fields) for fields in entry["entry_points"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        stored = {}  # no file yet, or not one this code wrote: start afresh
    found = _look_up()
    if stored.get("format") != FORMAT or not isinstance(stored.get("interpreters"), dict):
        stored = {"format": FORMAT, "interpreters": {}}
    interpreters = stored["interpreters"]
    interpreters.pop(key, None)
    while len(interpreters) >= MAX_STORED:  # the oldest first: dicts keep insertion order
        del interpreters[next(iter(interpreters))]
    interpreters[key] = {
        "fingerprint": fingerprint,
        "entry_points": [[e.name, e.value, e.distribution, e.version] for e in found],
    }
    _store(path, stored)
    return found


def _store(path: Path, content: dict[str, Any]) -> None:
    """Write the cache file atomically; a cache that cannot be written is no error, only slower next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(content), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass

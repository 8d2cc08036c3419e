"""Which files to check: paths named on the command line, folders walked with exclusions applied.

Folders are walked in a stable (sorted) order; `.git`, virtual environments, caches and `_site` are
skipped by name; `exclude` patterns and `.gitignore` files apply below the folder that holds them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrapelint.config import DEFAULT_EXCLUDED_DIRS, ConfigResolver, ResolvedConfig

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".txt", ".text"})


@dataclass(slots=True)
class Target:
    # The file's path as a string (a folder's path joined with the name the walk found, or a named file's
    # path as pathlib spells it): what is opened, stat'ed and resolved. A corpus folder holds thousands
    # of files, and a Path per file (then its string) costs more than looking the file up in a warm cache.
    path: str
    display: str
    missing: bool = False
    # The configuration of the file's folder when discovery already resolved it (folders walked).
    config: ResolvedConfig | None = None
    error: str | None = None  # a folder that could not be read


class _GitignoreStack:
    """The .gitignore files of the folders walked (and of the folders above, up to the repository's
    root), each applied to the paths below it."""

    def __init__(self) -> None:
        self._specs: dict[str, object] = {}

    def load(self, folder: Path, names: Sequence[str]) -> None:
        if ".gitignore" in names:
            import pathspec

            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return
            self._specs[os.path.abspath(folder)] = pathspec.GitIgnoreSpec.from_lines(lines)

    def load_parents(self, root: Path) -> None:
        """The .gitignore files above ``root`` up to the git repository's root (none outside a repository)."""
        folder = Path(os.path.abspath(root))
        parents = []
        for parent in folder.parents:
            parents.append(parent)
            if (parent / ".git").exists():
                for holder in parents:
                    if (holder / ".gitignore").is_file():
                        self.load(holder, [".gitignore"])
                return

    def ignores(self, path: str | Path, is_dir: bool) -> bool:
        if not self._specs:
            return False
        absolute = os.path.abspath(path)
        for folder, spec in self._specs.items():
            if not absolute.startswith(folder + os.sep):
                continue
            relative = Path(os.path.relpath(absolute, folder)).as_posix()
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False


def discover(paths: Sequence[str], resolver: ConfigResolver, *, force_exclude: bool = False) -> Iterator[Target]:
    """Files to check, in a stable order, each once. Folders are walked; a named file is always checked,
    unless ``force_exclude`` applies the exclusions to it too (pre-commit names every file it hands over)."""
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Target(str(path), given, missing=True)
            continue
        # A named file's path as pathlib spells it, not as typed: open() refuses the "a.md/" that pathlib
        # reads as "a.md". abspath, not realpath: string work only (realpath costs system calls on every file).
        named = [(Target(str(path), given), os.path.abspath(path))]
        targets = _walk(path, given, resolver) if path.is_dir() else named
        for target, absolute in targets:
            if absolute in seen:  # named twice, or named and inside a named folder: checked (and fixed) once
                continue
            seen.add(absolute)
            if not (force_exclude and not path.is_dir() and _excluded_file(target.path, resolver)):
                yield target


def _excluded_file(name: str, resolver: ConfigResolver) -> bool:
    path = Path(name)
    if any(part in DEFAULT_EXCLUDED_DIRS for part in path.parent.parts):
        return True
    return resolver.for_path(path).is_excluded(path)


def _walk(root: Path, display_root: str, resolver: ConfigResolver) -> Iterator[tuple[Target, str]]:
    """The files below ``root`` to check, each with its absolute path (worked out once per folder: a
    corpus folder holds thousands of files)."""
    gitignore = _GitignoreStack()
    if resolver.for_directory(root).settings.respect_gitignore:
        gitignore.load_parents(root)
    unreadable: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        yield from _unreadable(unreadable)
        unreadable.clear()
        folder_path = Path(folder)
        absolute_folder = os.path.abspath(folder)
        relative_folder = os.path.relpath(folder, root)
        display_folder = display_root if relative_folder == "." else os.path.join(display_root, relative_folder)
        config = resolver.for_directory(folder_path)
        if config.settings.respect_gitignore:
            gitignore.load(folder_path, filenames)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if name not in DEFAULT_EXCLUDED_DIRS
            and not config.is_excluded(folder_path / name)
            and not gitignore.ignores(folder_path / name, is_dir=True)
        )
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            path = os.path.join(folder, name)
            # A Path only where an exclude pattern has to be matched: most folders have none.
            if gitignore.ignores(path, is_dir=False) or config.has_exclusions and config.is_excluded(Path(path)):
                continue
            yield Target(path, os.path.join(display_folder, name), config=config), os.path.join(absolute_folder, name)
    yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterator[tuple[Target, str]]:
    """Folders the walk could not read, as targets that say why."""
    for error in errors:
        yield Target(error.filename, error.filename, error=error.strerror), os.path.abspath(error.filename)

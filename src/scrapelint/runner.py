"""Files in, results out: discovery, reading, checking or fixing each file, and atomic writes."""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scrapelint.config import DEFAULT_EXCLUDED_DIRS, ConfigResolver, ResolvedConfig
from scrapelint.document import Document, UnreadableDocument
from scrapelint.engine import lint_document
from scrapelint.findings import Finding
from scrapelint.fixes import fix_document

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".txt", ".text"})


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read or written
    fixed: Counter[str] = field(default_factory=Counter)  # rule code -> fixes applied
    rule_names: dict[str, str] = field(default_factory=dict)  # code -> name of the rules in `fixed`
    diff: str = ""
    unsettled_rules: list[str] = field(default_factory=list)
    # The source lines the findings point at (1-based row -> text), for code frames in reports.
    lines: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute what --fix would do, write nothing


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    missing: bool = False


# -- discovery -----------------------------------------------------------------------------------


class _GitignoreStack:
    """The .gitignore files of the folders walked, applied to the paths below each."""

    def __init__(self) -> None:
        self._specs: dict[Path, object] = {}

    def load(self, folder: Path, names: Sequence[str]) -> None:
        if ".gitignore" in names:
            import pathspec

            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return
            self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines)

    def ignores(self, path: Path, is_dir: bool) -> bool:
        for folder, spec in self._specs.items():
            try:
                relative = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False


def discover(paths: Sequence[str], resolver: ConfigResolver, *, force_exclude: bool = False) -> Iterator[Target]:
    """Files to check, in a stable order. Folders are walked; a named file is always checked, unless
    ``force_exclude`` applies the exclusions to it too (pre-commit names every file it hands over)."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Target(path, given, missing=True)
        elif path.is_dir():
            yield from _walk(path, given, resolver)
        elif not (force_exclude and _excluded_file(path, resolver)):
            yield Target(path, given)


def _excluded_file(path: Path, resolver: ConfigResolver) -> bool:
    if any(part in DEFAULT_EXCLUDED_DIRS for part in path.parent.parts):
        return True
    return resolver.for_path(path).is_excluded(path)


def _walk(root: Path, display_root: str, resolver: ConfigResolver) -> Iterator[Target]:
    gitignore = _GitignoreStack()
    for folder, dirnames, filenames in os.walk(root):
        folder_path = Path(folder)
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
            path = folder_path / name
            if config.is_excluded(path) or gitignore.ignores(path, is_dir=False):
                continue
            yield Target(path, os.path.join(display_folder, name))


# -- one file -----------------------------------------------------------------------------------


def _source_lines(doc: Document, findings: Sequence[Finding], context_rows: int = 3) -> dict[int, str]:
    lines: dict[int, str] = {}
    text = doc.text
    starts = doc.line_starts
    for finding in findings:
        first = finding.row
        last = min(finding.end_location.row if finding.end_location else first, first + context_rows - 1)
        for row in range(first, last + 1):
            if row not in lines and row <= len(starts):
                end = starts[row] if row < len(starts) else len(text)
                lines[row] = text[starts[row - 1] : end].rstrip("\r\n")
    return lines


def check_document(
    doc: Document, config: ResolvedConfig, options: CheckOptions, path: Path | None = None
) -> tuple[FileResult, Document | None]:
    """Lint one document, and with fix/diff options fix it in memory. Writes nothing.

    Returns the result and, when fixes changed the text, the fixed document.
    """
    ignored = config.ignored_for(path) if path is not None else ()
    rules = config.rules

    def lint(current: Document) -> list[Finding]:
        return lint_document(current, rules, ignored)

    result = FileResult(doc.path)
    if options.fix or options.diff:
        outcome = fix_document(doc, lint, unsafe=options.unsafe_fixes, is_fixable=config.is_fixable)
        result.findings = outcome.findings
        result.fixed = outcome.applied
        result.rule_names = outcome.rule_names
        result.unsettled_rules = outcome.unsettled_rules
        if outcome.changed:
            result.diff = unified_diff(doc.text, outcome.document.text, doc.path)
            if outcome.document.encoding != doc.encoding:
                result.diff = (
                    f"# {doc.path}: would be written as {outcome.document.encoding} (now {doc.encoding})\n"
                    + result.diff
                )
        final = outcome.document
    else:
        result.findings = lint(doc)
        final = doc
    result.lines = _source_lines(final, result.findings)
    return result, (final if final is not doc else None)


def unified_diff(before: str, after: str, path: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), path, path))


def check_file(target: Target, config: ResolvedConfig, options: CheckOptions) -> FileResult:
    try:
        raw = target.path.read_bytes()
        doc = Document.from_bytes(raw, target.display)
    except OSError as error:
        return FileResult(target.display, error=f"cannot read: {error.strerror or error}")
    except UnreadableDocument as error:
        return FileResult(target.display, error=f"cannot read: {error}")
    result, fixed_document = check_document(doc, config, options, target.path)
    if fixed_document is not None and options.fix and not options.diff:
        try:
            write_atomic(target.path, fixed_document.text.encode(fixed_document.encoding))
        except (OSError, UnicodeEncodeError) as error:
            result.error = f"cannot write fixes: {error}"
            result.fixed.clear()
    return result


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file's bytes all at once: a crash leaves the old file or the new, never half of one."""
    folder = path.parent
    mode = path.stat().st_mode & 0o7777
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".scrapelint-tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

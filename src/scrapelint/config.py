"""Configuration: ``[tool.scrapelint]`` in pyproject.toml or a ``scrapelint.toml``, validated strictly.

For each file the nearest configuration wins (scrapelint.toml before pyproject.toml in the same
folder); ``--config PATH`` overrides discovery. Unknown keys, bad values and unknown rule codes are
errors that name the key, because a typo that silently disables a rule is worse than a failed run.

    [tool.scrapelint]
    select = ["FM", "DT"]          # default: every rule that is on by default
    extend-select = ["DT004"]
    ignore = ["FM008"]
    exclude = ["drafts/"]          # gitignore-style patterns, relative to the config's folder
    per-file-ignores = { "archive/**" = ["DT"] }
    fixable = ["ALL"]
    unfixable = ["DT001"]

    [tool.scrapelint.rules.front-matter-required-field]   # a rule's code or name
    required = ["title", "date"]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from scrapelint.rules import Rule, RuleRegistry, apply_selection_layer, matches_any, resolve_enabled

CONFIG_FILE_NAMES = ("scrapelint.toml", "pyproject.toml")
TOP_LEVEL_KEYS = frozenset(
    {
        "select",
        "extend-select",
        "ignore",
        "exclude",
        "extend-exclude",
        "per-file-ignores",
        "fixable",
        "unfixable",
        "rules",
        "respect-gitignore",
    }
)
# Folders that never hold articles worth linting; matched by name anywhere in the tree.
DEFAULT_EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".scrapelint_cache",
        ".tox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "_site",
        ".jekyll-cache",
        "site-packages",
    }
)


class ConfigError(Exception):
    """A configuration that cannot be used: the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """One configuration, as written (rule selectors not yet resolved against the registry)."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fixable: tuple[str, ...] = ("ALL",)
    unfixable: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    respect_gitignore: bool = True
    # The command line's selection: a later layer, resolved after the file's (see ResolvedConfig).
    cli: Overrides | None = None

    def describe(self) -> str:
        return str(self.source) if self.source else "defaults"


@dataclass(frozen=True)
class Overrides:
    """What the command line says about rule selection; it beats every configuration file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, cli=self)


def _string_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings, got {value!r}")
    return tuple(value)


def _check_selectors(selectors: Iterable[str], key: str, where: str, registry: RuleRegistry) -> None:
    for selector in selectors:
        if not registry.is_selector(selector):
            raise ConfigError(f"{where}: '{key}' names unknown rule or prefix '{selector}'")


def settings_from_mapping(
    table: Mapping[str, Any], root: Path, registry: RuleRegistry, source: Path | None = None
) -> Settings:
    """Validate a ``[tool.scrapelint]`` table (or a mapping given by a library user)."""
    where = str(source) if source else "configuration"
    unknown = sorted(set(table) - TOP_LEVEL_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' in [tool.scrapelint]")
    values: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore", "fixable", "unfixable"):
        if key in table:
            selectors = _string_list(table[key], key, where)
            _check_selectors(selectors, key, where, registry)
            values[key.replace("-", "_")] = selectors
    for key in ("exclude", "extend-exclude"):
        if key in table:
            values.setdefault("exclude", ())
            values["exclude"] += _string_list(table[key], key, where)
    if "respect-gitignore" in table:
        if not isinstance(table["respect-gitignore"], bool):
            raise ConfigError(f"{where}: 'respect-gitignore' must be true or false")
        values["respect_gitignore"] = table["respect-gitignore"]
    if "per-file-ignores" in table:
        per_file = table["per-file-ignores"]
        if not isinstance(per_file, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of pattern = [codes]")
        pairs = []
        for pattern, selectors in per_file.items():
            codes = _string_list(selectors, f"per-file-ignores.{pattern}", where)
            _check_selectors(codes, f"per-file-ignores.{pattern}", where, registry)
            pairs.append((pattern, codes))
        values["per_file_ignores"] = tuple(pairs)
    if "rules" in table:
        values["rule_options"] = _rule_options(table["rules"], where, registry)
    return Settings(root=root, source=source, **values)


def _rule_options(table: Any, where: str, registry: RuleRegistry) -> dict[str, dict[str, Any]]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of rule tables")
    options: dict[str, dict[str, Any]] = {}
    for rule_key, settings in table.items():
        rule = registry.get(rule_key)
        if rule is None:
            raise ConfigError(f"{where}: [rules.{rule_key}] names an unknown rule")
        if not isinstance(settings, dict):
            raise ConfigError(f"{where}: [rules.{rule_key}] must be a table of options")
        for key, value in settings.items():
            option = rule.options.get(key)
            if option is None:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(f"{where}: unknown option 'rules.{rule_key}.{key}' (options of {rule.code}: {known})")
            try:
                option.validate(key, value)
            except ValueError as error:
                raise ConfigError(f"{where}: rules.{rule_key}.{error}") from None
        options.setdefault(rule.code, {}).update(settings)
    return options


def read_config_file(path: Path, registry: RuleRegistry) -> Settings:
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    # scrapelint.toml holds the table at top level; accept [tool.scrapelint] there too.
    table = tool.get("scrapelint", {} if path.name == "pyproject.toml" else document)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.scrapelint] must be a table")
    return settings_from_mapping(table, path.parent.resolve(), registry, path)


@lru_cache(maxsize=1024)
def _has_scrapelint_table(pyproject: Path) -> bool:
    """Does this pyproject.toml configure scrapelint? (Once per file: every folder below asks again.)"""
    try:
        with open(pyproject, "rb") as handle:
            tool = tomllib.load(handle).get("tool", {})
    except OSError:
        return False
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: not valid TOML: {error}") from None
    return isinstance(tool, dict) and "scrapelint" in tool


def find_config_file(directory: Path) -> Path | None:
    """The nearest scrapelint.toml, or pyproject.toml with a [tool.scrapelint] table, at or above."""
    for folder in (directory, *directory.parents):
        candidate = folder / "scrapelint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_scrapelint_table(candidate):
            return candidate
    return None


class ResolvedConfig:
    """Settings resolved against the rule registry: the enabled rules, their instances, the matchers."""

    def __init__(self, settings: Settings, registry: RuleRegistry) -> None:
        self.settings = settings
        self.registry = registry
        enabled = resolve_enabled(registry, settings.select, settings.extend_select, settings.ignore)
        if settings.cli is not None:  # the command line: a later layer (ruff's precedence)
            cli = settings.cli
            enabled = apply_selection_layer(enabled, registry, cli.select, cli.extend_select, cli.ignore)
        self.enabled_codes = enabled

    @cached_property
    def rules(self) -> list[Rule]:
        return [
            rule_class(self.settings.rule_options.get(rule_class.code))
            for rule_class in self.registry
            if rule_class.code in self.enabled_codes
        ]

    def is_fixable(self, code: str, name: str) -> bool:
        return matches_any(code, name, self.settings.fixable) and not matches_any(code, name, self.settings.unfixable)

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            return None

    @cached_property
    def _exclude_spec(self) -> Any:
        if not self.settings.exclude:
            return None
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.settings.exclude)

    @property
    def has_exclusions(self) -> bool:
        return self._exclude_spec is not None

    def is_excluded(self, path: Path) -> bool:
        if self._exclude_spec is None:
            return False
        relative = self.relative(path)
        return relative is not None and self._exclude_spec.match_file(relative)

    @cached_property
    def _per_file_specs(self) -> list[tuple[Any, tuple[str, ...]]]:
        if not self.settings.per_file_ignores:
            return []
        import pathspec

        return [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), codes) for pattern, codes in self.settings.per_file_ignores
        ]

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Selectors that per-file-ignores turn off for this file."""
        if not self._per_file_specs:
            return ()
        relative = self.relative(path) or path.as_posix()
        ignored: list[str] = []
        for spec, codes in self._per_file_specs:
            if spec.match_file(relative):
                ignored.extend(codes)
        return tuple(ignored)


class ConfigResolver:
    """Finds, loads and caches the configuration that governs each file."""

    def __init__(
        self,
        registry: RuleRegistry,
        *,
        config_path: Path | None = None,
        overrides: Overrides | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.registry = registry
        self.overrides = overrides or Overrides()
        self.cwd = (cwd or Path.cwd()).resolve()
        self._by_source: dict[Path | None, ResolvedConfig] = {}
        self._by_directory: dict[Path, ResolvedConfig] = {}
        self._fixed = self._load(config_path.resolve()) if config_path else None

    def _load(self, source: Path | None) -> ResolvedConfig:
        if source not in self._by_source:
            if source is None:
                settings = Settings(root=self.cwd)
                _check_selectors(self.overrides.select or (), "--select", "command line", self.registry)
            else:
                settings = read_config_file(source, self.registry)
            for key, selectors in (
                ("--select", self.overrides.select or ()),
                ("--extend-select", self.overrides.extend_select),
                ("--ignore", self.overrides.ignore),
            ):
                _check_selectors(selectors, key, "command line", self.registry)
            self._by_source[source] = ResolvedConfig(self.overrides.apply(settings), self.registry)
        return self._by_source[source]

    def for_directory(self, directory: Path) -> ResolvedConfig:
        if self._fixed is not None:
            return self._fixed
        # Keyed by the folder as given: resolving it costs a system call per lookup.
        if directory not in self._by_directory:
            self._by_directory[directory] = self._load(find_config_file(directory.resolve()))
        return self._by_directory[directory]

    def for_path(self, path: Path) -> ResolvedConfig:
        """The configuration of a file (discovery starts in its folder)."""
        return self.for_directory(path.parent)

    def default(self) -> ResolvedConfig:
        return self.for_directory(self.cwd)

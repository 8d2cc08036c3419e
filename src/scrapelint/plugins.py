"""Assembling scrapelint from plugins: built-in reporters, built-in rule packs and outside packs alike.

Discovery order: the core's own reporters first, then every entry point of the group ``scrapelint``
sorted by name (built-in packs are entry points of this distribution, exactly like an outside plugin).
A plugin that fails to import or hands over a broken rule is reported and skipped; the run goes on.
Set ``SCRAPELINT_DISABLE_PLUGINS=name,name`` to block plugins by entry-point name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pluggy

from scrapelint import hookspecs
from scrapelint.rules import RuleDefinitionError, RuleRegistry

if TYPE_CHECKING:
    from scrapelint.reporters.base import Reporter

ENTRY_POINT_GROUP = "scrapelint"


@dataclass(frozen=True)
class PluginFailure:
    name: str
    error: str


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    rules: RuleRegistry
    reporters: dict[str, type[Reporter]]
    failures: list[PluginFailure] = field(default_factory=list)
    # name -> version of each distribution that provided a plugin (for caches and `--version`).
    versions: dict[str, str] = field(default_factory=dict)


def _entry_points() -> list:
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _blocked() -> set[str]:
    return {name.strip() for name in os.environ.get("SCRAPELINT_DISABLE_PLUGINS", "").split(",") if name.strip()}


@lru_cache(maxsize=1)
def load_plugins() -> LoadedPlugins:
    """Load every plugin once per process."""
    from scrapelint.reporters import builtin

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, name="scrapelint.reporters")
    registry = RuleRegistry()
    failures: list[PluginFailure] = []
    versions: dict[str, str] = {}
    blocked = _blocked()

    for entry_point in _entry_points():
        if entry_point.name in blocked or manager.has_plugin(entry_point.name):
            continue
        plugin = None
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
            for rule in _rules_of(manager, entry_point.name):
                registry.add(rule, entry_point.name)
        except Exception as error:  # noqa: BLE001 - foreign code failing is reported, never fatal
            if plugin is not None and manager.is_registered(plugin):
                manager.unregister(plugin)
            registry.discard_pack(entry_point.name)
            failures.append(PluginFailure(entry_point.name, f"{type(error).__name__}: {error}"))
            continue
        if entry_point.dist is not None:
            versions[entry_point.name] = entry_point.dist.version

    reporters: dict[str, type[Reporter]] = {}
    for provided in manager.hook.scrapelint_reporters():
        for name, reporter in provided.items():
            if name in reporters:
                failures.append(PluginFailure(name, f"output format '{name}' is defined twice"))
                continue
            reporters[name] = reporter
    return LoadedPlugins(manager, registry, reporters, failures, versions)


def _rules_of(manager: pluggy.PluginManager, plugin_name: str) -> list:
    """Call one plugin's scrapelint_rules, so that its rules are attributed to it and its failure is its own."""
    rules: list = []
    for impl in manager.hook.scrapelint_rules.get_hookimpls():
        if impl.plugin_name == plugin_name:
            rules.extend(impl.function() or [])
    return rules


__all__ = ["LoadedPlugins", "PluginFailure", "RuleDefinitionError", "load_plugins"]

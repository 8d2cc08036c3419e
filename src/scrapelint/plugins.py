"""Assembling scrapelint from plugins: built-in reporters, built-in rule packs and outside packs alike.

Discovery order: the core's own reporters first, then every entry point of the group ``scrapelint``
sorted by name (built-in packs are entry points of this distribution, exactly like an outside plugin).
A plugin that fails to import or hands over a broken rule is reported and skipped; the run goes on.
Set ``SCRAPELINT_DISABLE_PLUGINS=name,name`` to block plugins by entry-point name.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pluggy

from scrapelint import hookspecs
from scrapelint.plugin_index import PluginEntryPoint, installed_entry_points
from scrapelint.rules import RuleDefinitionError, RuleRegistry

if TYPE_CHECKING:
    from scrapelint.reporters.base import Reporter

ENTRY_POINT_GROUP = "scrapelint"
BUILTIN_REPORTERS = "scrapelint.reporters"


@dataclass(frozen=True)
class PluginFailure:
    name: str
    error: str


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    rules: RuleRegistry
    reporters: dict[str, type[Reporter] | str]  # a class, or "module:Class" imported when chosen
    failures: list[PluginFailure] = field(default_factory=list)
    # Plugin name -> version of the distribution that provided it (part of what a cache is keyed by).
    versions: dict[str, str] = field(default_factory=dict)
    reporter_owners: dict[str, str] = field(default_factory=dict)  # output format -> plugin name

    def reporter(self, name: str) -> type[Reporter] | None:
        """The reporter class of an output format, imported now if the plugin named it by path."""
        reporter = self.reporters.get(name)
        if isinstance(reporter, str):
            module, _, attribute = reporter.partition(":")
            reporter = getattr(importlib.import_module(module), attribute)
            self.reporters[name] = reporter
        return reporter


def _entry_points() -> list[PluginEntryPoint]:
    """Entry points of the group: this distribution's own packs first, then the others by name.

    Built-in packs go first so that an outside plugin claiming a built-in code or output format is
    the one rejected, never the built-in pack.
    """
    found = installed_entry_points()
    return sorted(found, key=lambda entry_point: (entry_point.distribution != hookspecs.PROJECT_NAME, entry_point.name))


def _blocked() -> set[str]:
    return {name.strip() for name in os.environ.get("SCRAPELINT_DISABLE_PLUGINS", "").split(",") if name.strip()}


@lru_cache(maxsize=1)
def load_plugins() -> LoadedPlugins:
    """Load every plugin once per process."""
    from scrapelint.reporters import builtin

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, name=BUILTIN_REPORTERS)
    registry = RuleRegistry()
    reporters: dict[str, type[Reporter] | str] = {}
    loaded = LoadedPlugins(manager, registry, reporters)
    blocked = _blocked()

    _add_reporters(loaded, BUILTIN_REPORTERS)
    for entry_point in _entry_points():
        if entry_point.name in blocked or manager.has_plugin(entry_point.name):
            continue
        plugin = None
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
            # A hook implementation whose name matches no spec is a typo (scrapelint_rule): say so.
            manager.check_pending()
            for rule in _call_own(manager.hook.scrapelint_rules, entry_point.name):
                registry.add(rule, entry_point.name)
            _add_reporters(loaded, entry_point.name)
        except Exception as error:  # noqa: BLE001 - foreign code failing is reported, never fatal
            if plugin is not None and manager.is_registered(plugin):
                manager.unregister(plugin)
            registry.discard_pack(entry_point.name)
            for name in [name for name, owner in loaded.reporter_owners.items() if owner == entry_point.name]:
                del reporters[name], loaded.reporter_owners[name]
            loaded.failures.append(PluginFailure(entry_point.name, f"{type(error).__name__}: {error}"))
            continue
        if entry_point.version:
            loaded.versions[entry_point.name] = entry_point.version
    return loaded


def _call_own(hook: pluggy.HookCaller, plugin_name: str) -> list:
    """Call one plugin's implementation of a hook, so that what it returns and how it fails are its own."""
    results: list = []
    for impl in hook.get_hookimpls():
        if impl.plugin_name == plugin_name:
            result = impl.function()
            if result:
                results.append(result)
    return [item for result in results for item in (result if isinstance(result, list) else [result])]


def _add_reporters(loaded: LoadedPlugins, plugin_name: str) -> None:
    for provided in _call_own(loaded.manager.hook.scrapelint_reporters, plugin_name):
        for name, reporter in provided.items():
            owner = loaded.reporter_owners.get(name)
            if owner is not None:
                raise RuleDefinitionError(f"output format '{name}' is already defined by {owner}")
            loaded.reporters[name] = reporter
            loaded.reporter_owners[name] = plugin_name


__all__ = ["LoadedPlugins", "PluginFailure", "RuleDefinitionError", "load_plugins"]

"""The hooks a scrapelint plugin may implement: the whole contract between the engine and a rule pack.

A plugin is a module (or object) registered under the entry-point group ``scrapelint``; it implements
some of these hooks with the ``scrapelint.hookimpl`` marker. Built-in packs use the same door. Call
hooks with keyword arguments only. Keep this set small: every hook here is a promise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from scrapelint.reporters.base import Reporter
    from scrapelint.rules import Rule

PROJECT_NAME = "scrapelint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def scrapelint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides.

    Called once per process when the rule registry is built. Each class must subclass
    ``scrapelint.rules.Rule`` and declare a unique ``code`` (two capitals of the pack + three digits)
    and kebab-case ``name``; a clash or a malformed rule makes the plugin fail to load, reported and
    skipped like any plugin error. Import rule modules inside the hook so start-up stays cheap.

    Implemented by: every rule pack. All results are collected.
    """


@hookspec
def scrapelint_reporters() -> dict[str, type[Reporter] | str]:
    """Return output formats this plugin adds, as ``{format_name: Reporter subclass}``.

    A value may also name the class as ``"package.module:Class"``: it is then imported only when
    that format is chosen, which keeps every other run from paying for the module's imports.

    The names become choices of ``--output-format``; the built-in formats (full, concise, json,
    json-lines) are registered through this hook too. A name already taken is an error.

    Implemented by: plugins that add output formats. All results are collected.
    """

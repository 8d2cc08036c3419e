"""Rules: their declared identity, their options, and selection by code, name or code prefix.

A rule is a class. Its identity (code, name, summary, fix availability...) is declared as class
attributes and validated when the pack hands it over; its docstring is its documentation, under the
headings What it does / Why is this bad? / Example / Fix / Options.
"""

from __future__ import annotations

import copy
import enum
import inspect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding, Fix, Severity

CODE_PATTERN = re.compile(r"^[A-Z]{2}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_HEADINGS = ("What it does", "Why is this bad?", "Example", "Fix", "Options")


class FixAvailability(str, enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class RuleDefinitionError(Exception):
    """A pack declared a rule wrongly (bad code, duplicate name, missing attribute)."""


@dataclass(frozen=True)
class Option:
    """One configurable option of a rule: its type, its default and what it means."""

    type: type | tuple[type, ...]
    default: Any
    help: str
    item_type: type | None = None  # for list options: the type of each item
    choices: tuple[Any, ...] | None = None

    def validate(self, key: str, value: Any) -> Any:
        """The value when it fits, else ValueError naming the key and what was expected."""
        expected = self.type if isinstance(self.type, tuple) else (self.type,)
        # bool is an int in Python; an option that wants a number must not take true/false.
        if isinstance(value, bool) and bool not in expected:
            raise ValueError(f"'{key}' expects {self.describe()}, got {value!r}")
        if not isinstance(value, expected):
            raise ValueError(f"'{key}' expects {self.describe()}, got {value!r}")
        if self.item_type is not None and isinstance(value, list):
            bad = [item for item in value if not isinstance(item, self.item_type)]
            if bad:
                raise ValueError(f"'{key}' expects a list of {self.item_type.__name__}, got {bad[0]!r} in it")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"'{key}' must be one of {', '.join(map(repr, self.choices))}, got {value!r}")
        return value

    def describe(self) -> str:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        text = " or ".join(t.__name__ for t in types)
        if self.item_type is not None:
            text += f" of {self.item_type.__name__}"
        return text


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    default_enabled: ClassVar[bool] = True
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE
    fix_applicability: ClassVar[Applicability] = Applicability.SAFE
    options: ClassVar[Mapping[str, Option]] = {}
    # Set by the registry: the pack (plugin name) that handed the rule over.
    pack: ClassVar[str] = ""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        settings = settings or {}
        # Defaults are copied: a rule that changes a list setting must not change it for every instance.
        self.settings = {
            key: settings[key] if key in settings else copy.deepcopy(option.default)
            for key, option in self.options.items()
        }

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------------------

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            message=message,
            start=start,
            end=end,
            severity=self.severity,
            fix=fix,
            data=data or {},
        )

    def fix(self, message: str, *edits: Edit, applicability: Applicability | None = None) -> Fix:
        return Fix(tuple(edits), applicability or self.fix_applicability, message)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def missing_doc_headings(cls) -> list[str]:
        doc = cls.documentation()
        return [heading for heading in DOC_HEADINGS if not re.search(rf"^## {re.escape(heading)}\s*$", doc, re.M)]


def validate_rule_class(rule: type[Rule]) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RuleDefinitionError(f"{rule!r} is not a Rule subclass")
    for attribute in ("code", "name", "summary"):
        if not isinstance(getattr(rule, attribute, None), str):
            raise RuleDefinitionError(f"{rule.__name__} has no {attribute}")
    if not CODE_PATTERN.match(rule.code):
        raise RuleDefinitionError(f"{rule.__name__}: code {rule.code!r} is not two capitals and three digits")
    if not NAME_PATTERN.match(rule.name):
        raise RuleDefinitionError(f"{rule.__name__}: name {rule.name!r} is not kebab-case")
    if rule.check is Rule.check:
        raise RuleDefinitionError(f"{rule.__name__} does not implement check()")


class RuleRegistry:
    """Every known rule, by code and by name."""

    def __init__(self) -> None:
        self._by_code: dict[str, type[Rule]] = {}
        self._by_name: dict[str, type[Rule]] = {}

    def add(self, rule: type[Rule], pack: str) -> None:
        validate_rule_class(rule)
        for index, key in ((self._by_code, rule.code), (self._by_name, rule.name)):
            other = index.get(key)
            if other is not None and other is not rule:
                raise RuleDefinitionError(f"{key} is claimed by both {other.pack} and {pack}")
        rule.pack = pack
        self._by_code[rule.code] = rule
        self._by_name[rule.name] = rule

    def discard_pack(self, pack: str) -> None:
        """Forget the rules a pack added before it failed, so a half-loaded plugin leaves nothing."""
        for index in (self._by_code, self._by_name):
            for key in [key for key, rule in index.items() if rule.pack == pack]:
                del index[key]

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self._by_code.values(), key=lambda rule: rule.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code_or_name: str) -> type[Rule] | None:
        return self._by_code.get(code_or_name.upper()) or self._by_name.get(code_or_name.lower())

    def is_selector(self, selector: str) -> bool:
        return selector_specificity(selector, self) is not None


def selector_matches(selector: str, rule: type[Rule]) -> bool:
    if selector == "ALL":
        return True
    if selector.lower() == rule.name:
        return True
    return rule.code.startswith(selector.upper())


def selector_specificity(selector: str, registry: RuleRegistry) -> int | None:
    """How specific a selector is (longer code prefixes win), or None when it matches no rule."""
    if selector == "ALL":
        return 0
    if any(rule.name == selector.lower() for rule in registry):
        return 100
    prefix = selector.upper()
    if re.fullmatch(r"[A-Z]{1,2}\d{0,3}", prefix) and any(rule.code.startswith(prefix) for rule in registry):
        return len(prefix)
    return None


def resolve_enabled(
    registry: RuleRegistry,
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> set[str]:
    """Codes of the enabled rules, ruff-style: for each rule the most specific selector decides.

    Without ``select`` the default set is every rule that is on by default. A selector that names a
    rule, its code or a prefix of it enables it even when it is off by default. On a tie, ignore wins.
    """
    chosen = list(select) if select is not None else None
    enabled = set()
    for rule in registry:
        best_select = -1 if chosen is not None else (0 if rule.default_enabled else -1)
        for selector in [*(chosen or []), *extend_select]:
            if selector_matches(selector, rule):
                best_select = max(best_select, selector_specificity(selector, registry) or 0)
        best_ignore = max(
            (selector_specificity(s, registry) or 0 for s in ignore if selector_matches(s, rule)),
            default=-1,
        )
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(rule.code)
    return enabled


def apply_selection_layer(
    enabled: set[str],
    registry: RuleRegistry,
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> set[str]:
    """A later layer of selection (the command line over the configuration), ruff-style.

    A layer's ``select`` replaces what came before; without it, the layer's extend-select adds and its
    ignore removes. Within the layer the most specific selector decides, and ignore wins a tie.
    """
    extend_select, ignore = list(extend_select), list(ignore)
    if select is None and not extend_select and not ignore:
        return set(enabled)
    selectors = [*(select or []), *extend_select]
    result = set()
    for rule in registry:
        best_select = max(
            (selector_specificity(s, registry) or 0 for s in selectors if selector_matches(s, rule)), default=-1
        )
        best_ignore = max(
            (selector_specificity(s, registry) or 0 for s in ignore if selector_matches(s, rule)), default=-1
        )
        if best_select < 0 and best_ignore < 0:
            keep = select is None and rule.code in enabled
        else:
            keep = best_select > best_ignore
        if keep:
            result.add(rule.code)
    return result


def matches_any(rule_code: str, rule_name: str, selectors: Iterable[str]) -> bool:
    """Used by suppressions and per-file ignores: does any selector name this rule?"""
    for selector in selectors:
        if selector == "ALL" or selector.lower() == rule_name or rule_code.startswith(selector.upper()):
            return True
    return False

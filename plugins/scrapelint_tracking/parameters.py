"""Which query and fragment parameters of a URL are tracking parameters, and the URL without them.

The catalogue is not typed here: it is the ClearURLs rule set (``data.min.json``, LGPL-3.0) as shipped
by the Unalix-Rev package, plus the AdGuard URL Tracking filter's rules for Chinese portals that ClearURLs
lacks (``data/adguard_portal_parameters.json``, GPL-3.0) and one fragment form, AddThis's address-bar
sharing hash (``data/fragments.json``). See the pack's README for sources and licences.

Only a provider's ``rules`` (and, when asked, its ``referralMarketing``) are used: ``rawRules`` and
``redirections`` rewrite paths or unwrap redirect links, which is not removing a parameter.

A URL is taken apart on the source text, so that the rewrite is an exact edit: the separators between
parameters may be written ``&``, ``&amp;`` or ``&#038;`` (HTML attributes and scraped Markdown), and what
is kept is kept byte for byte.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from scrapelint.patterns import LazyPattern

DATA = Path(__file__).parent / "data"
CLEARURLS_IGNORED_PROVIDERS = frozenset(
    {
        "ClearURLsTest",
        "ClearURLsTest2",
        "ClearURLsTestBlock",
        "ClearURLsTestBlock2",
        "site.com",
        "site2.com",
        "site3.com",
    }
)
# A separator between parameters, as scraped text writes it: "&", or the same character as an entity,
# escaped once or, by a scraper that escaped escaped markup, several times ("&amp;amp;").
_SEPARATOR = LazyPattern(r"&(?:(?:amp;)+|#0*38;|#x0*26;)?", re.IGNORECASE)
_ENTITY_AMPERSAND = LazyPattern(r"&(?:(?:amp;)+|#0*38;|#x0*26;)", re.IGNORECASE)
_HOST = LazyPattern(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#:@]*@)?([^/?#:]+)", re.IGNORECASE)

# The values below are named tuples rather than dataclasses: a dataclass costs about a millisecond to
# define, which every start-up would pay.


class Parameter(NamedTuple):
    """One ``name=value`` item of a query or fragment, with its offsets in the URL text."""

    name: str
    start: int  # where the name starts
    end: int  # where the value ends
    separator_start: int  # where the separator before it starts (the "?" or "#" for the first item)


class Match(NamedTuple):
    name: str
    source: str  # which rule set named it: "ClearURLs:<provider>", "AdGuard:<host>", "option", "AddThis"

    @property
    def is_fragment(self) -> bool:
        return self.name.startswith("#")


class Cleaned(NamedTuple):
    url: str  # the URL without its tracking parameters
    start: int  # the part of the URL text that changes: url_text[start:end] becomes replacement
    end: int
    replacement: str
    removed: tuple[Match, ...]


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    usable = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error:
            continue
        usable.append(f"(?:{pattern})")
    return re.compile("|".join(usable), re.IGNORECASE) if usable else None


class _Provider:
    """One ClearURLs provider. Its patterns are compiled on first use: most never match an article's URLs,
    and compiling the whole rule set would cost a quarter of a second in every worker process."""

    def __init__(self, name: str, spec: dict) -> None:
        self.name = name
        self.spec = spec
        self.is_global = spec["urlPattern"] == ".*"
        self.complete = bool(spec.get("completeProvider"))
        # A literal the URL must contain for the pattern to match ("amazon", "bilibili.com"): a cheap pre-test.
        prefix = _PATTERN_PREFIX.match(spec["urlPattern"])
        rest = spec["urlPattern"][prefix.end() :] if prefix else spec["urlPattern"]
        literal = _LITERAL.match(rest.replace("\\.", "."))
        self.keyword = literal.group().lower() if literal and len(literal.group()) >= 2 else None
        self._compiled = False

    def _compile(self) -> None:
        spec = self.spec
        try:
            self._url_pattern: re.Pattern[str] | None = re.compile(spec["urlPattern"], re.IGNORECASE)
        except re.error:
            self._url_pattern = None
        exceptions = []
        for pattern in spec.get("exceptions", ()):
            try:
                exceptions.append(re.compile(pattern, re.IGNORECASE))
            except re.error:
                continue
        self._exceptions = tuple(exceptions)
        self._rules = _compile(spec.get("rules", ()))
        self._referral = _compile(spec.get("referralMarketing", ()))
        self._compiled = True

    def applies_to(self, url: str, lowered: str | None = None) -> bool:
        """Whether the provider's URL pattern matches (exceptions aside). ``lowered`` is ``url.lower()``,
        when the caller tries many providers on one URL."""
        if self.keyword is not None and self.keyword not in (url.lower() if lowered is None else lowered):
            return False
        if not self._compiled:
            self._compile()
        return self._url_pattern is not None and self._url_pattern.search(url) is not None

    def names(self, name: str, *, referral: bool) -> bool:
        if not self._compiled:
            self._compile()
        if self._rules is not None and self._rules.fullmatch(name):
            return True
        return referral and self._referral is not None and self._referral.fullmatch(name) is not None

    def excepted(self, url: str) -> bool:
        if not self._compiled:
            self._compile()
        return any(exception.search(url) for exception in self._exceptions)


_PATTERN_PREFIX = LazyPattern(r"\^?https\?:(?:\\/|/){2}(?:\(\?:\[a-z0-9-\]\+\\\.\)\*\?)?")
_LITERAL = LazyPattern(r"[a-z0-9][a-z0-9.-]*")


def clearurls_rules_path() -> Path:
    """The ClearURLs rules file that Unalix-Rev ships, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec("unalix")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the tracking rules need the Unalix-Rev package (ClearURLs rules): pip install Unalix-Rev")
    return Path(next(iter(spec.submodule_search_locations))) / "package_data" / "rulesets" / "data.min.json"


@lru_cache(maxsize=1)
def clearurls_providers() -> tuple[_Provider, ...]:
    import json

    data = json.loads(clearurls_rules_path().read_text(encoding="utf-8"))
    return tuple(
        _Provider(name, spec) for name, spec in data["providers"].items() if name not in CLEARURLS_IGNORED_PROVIDERS
    )


class _PortalRule(NamedTuple):
    host: str  # "taobao.com", or "weibo." for any public suffix
    path: str
    names: frozenset[str]


@lru_cache(maxsize=1)
def portal_rules() -> tuple[_PortalRule, ...]:
    import json

    data = json.loads((DATA / "adguard_portal_parameters.json").read_text(encoding="utf-8"))
    rules = []
    for provider in data["providers"]:
        host = provider["host"].lower()
        host = host[:-1] if host.endswith(".*") else host
        rules.append(_PortalRule(host, provider.get("path", ""), frozenset(n.lower() for n in provider["parameters"])))
    return tuple(rules)


@lru_cache(maxsize=1)
def _portal_rules_naming() -> dict[str, list[_PortalRule]]:
    """The portal rules by the parameter names they list, each list in the rules' order (the first that
    applies to a URL names the parameter)."""
    by_name: dict[str, list[_PortalRule]] = {}
    for rule in portal_rules():
        for name in rule.names:
            by_name.setdefault(name, []).append(rule)
    return by_name


@lru_cache(maxsize=1)
def fragment_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    import json

    data = json.loads((DATA / "fragments.json").read_text(encoding="utf-8"))
    return tuple((rule["name"], re.compile(rule["pattern"])) for rule in data["fragments"])


def host_of(url: str) -> str:
    match = _HOST.match(url)
    if match is None:
        if url[:4].lower() == "www.":
            return url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
        return ""
    return match.group(2).lower().rstrip(".")


def host_matches(host: str, pattern: str) -> bool:
    """``pattern`` is a host (it and its subdomains) or, ending in ".", a name under any public suffix."""
    if pattern.endswith("."):
        return host.startswith(pattern) or f".{pattern}" in f".{host}"
    return host == pattern or host.endswith(f".{pattern}")


def split_parameters(url: str, start: int, end: int, opener: str) -> list[Parameter]:
    """The ``name=value`` items of url[start:end] (the text after ``opener``, "?" or "#")."""
    items: list[Parameter] = []
    position = start
    separator_start = start - 1
    while position <= end:
        separator = _SEPARATOR.search(url, position, end)
        item_end = separator.start() if separator else end
        if item_end > position:
            item = url[position:item_end]
            equals = item.find("=")
            name = item[:equals] if equals >= 0 else item
            items.append(Parameter(name, position, item_end, separator_start))
        if separator is None:
            break
        separator_start = separator.start()
        position = separator.end()
    return items


class ParameterCatalogue:
    """The tracking parameters of a rule's configuration: the data sets, less what the user keeps."""

    def __init__(
        self,
        *,
        keep: Sequence[str] = (),
        extend: Sequence[str] = (),
        allow_hosts: Sequence[str] = (),
        referral_marketing: bool = False,
        fragments: bool = True,
    ) -> None:
        self._keep = _ScopedNames(keep)
        self._extend = _ScopedNames(extend)
        allowed = [host.lower().lstrip(".") for host in allow_hosts]
        # Plain hosts are looked up, for the URL's host and each parent domain; "name." patterns are tried.
        self._allow_hosts = frozenset(host for host in allowed if not host.endswith("."))
        self._allow_host_patterns = tuple(host for host in allowed if host.endswith("."))
        self._referral_marketing = referral_marketing
        self._fragments = fragments
        self._providers_for = lru_cache(maxsize=4096)(self._providers_uncached)
        self._exceptions_cache: dict[tuple[str, str], bool] = {}

    def _providers_uncached(self, prefix: str) -> tuple[_Provider, ...]:
        return tuple(p for p in clearurls_providers() if not p.is_global and p.applies_to(prefix))

    def clean(self, url: str) -> Cleaned | None:
        """The URL without its tracking parameters, or None when it has none."""
        query_at = url.find("?")
        fragment_at = url.find("#")
        if query_at < 0 and fragment_at < 0:
            return None
        if 0 <= fragment_at < query_at:
            query_at = -1  # a "?" inside the fragment is not a query
        host = host_of(url)
        if self._allowed_host(host):
            return None
        query_end = fragment_at if fragment_at >= 0 else len(url)
        removed: list[Match] = []
        drop: list[Parameter] = []
        query_items = split_parameters(url, query_at + 1, query_end, "?") if query_at >= 0 else []
        fragment_items: list[Parameter] = []
        fragment_whole: Match | None = None
        if fragment_at >= 0 and self._fragments:
            fragment = url[fragment_at + 1 :]
            for name, pattern in fragment_rules():
                if pattern.fullmatch(fragment):
                    fragment_whole = Match(f"#{fragment}", name)
                    break
            else:
                if "=" in fragment:
                    fragment_items = split_parameters(url, fragment_at + 1, len(url), "#")
        if not query_items and not fragment_items and fragment_whole is None:
            return None
        decoded = _ENTITY_AMPERSAND.sub("&", url)
        prefix = decoded.split("?", 1)[0].split("#", 1)[0]
        providers = self._providers_for(prefix)
        for item in (*query_items, *fragment_items):
            match = self._match(item.name, host, prefix, decoded, providers)
            if match is not None:
                removed.append(match)
                drop.append(item)
        if fragment_whole is not None:
            removed.append(fragment_whole)
        if not removed:
            return None
        # Rebuild the query and the fragment from what is kept, each item with the separator written before it.
        change_start = query_at if query_at >= 0 else fragment_at
        pieces = []
        if query_at >= 0:
            pieces.append(_rebuild(url, "?", query_items, drop))
        if fragment_at >= 0:
            if fragment_whole is not None:
                pass
            elif fragment_items:
                pieces.append(_rebuild(url, "#", fragment_items, drop))
            else:
                pieces.append(url[fragment_at:])
        replacement = "".join(pieces)
        cleaned = url[:change_start] + replacement
        return Cleaned(cleaned, change_start, len(url), replacement, tuple(removed))

    def _allowed_host(self, host: str) -> bool:
        """Whether some allowed host is ``host`` or a parent domain of it (what ``host_matches`` accepts)."""
        domain = host
        while True:
            if domain in self._allow_hosts:
                return True
            dot = domain.find(".")
            if dot < 0:
                break
            domain = domain[dot + 1 :]
        return any(host_matches(host, pattern) for pattern in self._allow_host_patterns)

    def _excepted(self, provider: _Provider, decoded: str) -> bool:
        # Most exceptions name a host or a path, so the answer for one URL holds for the next on that page.
        key = (provider.name, decoded)
        cached = self._exceptions_cache.get(key)
        if cached is None:
            cached = self._exceptions_cache[key] = provider.excepted(decoded)
            if len(self._exceptions_cache) > 4096:
                self._exceptions_cache.clear()
        return cached

    def _match(
        self, raw_name: str, host: str, prefix: str, decoded: str, providers: tuple[_Provider, ...]
    ) -> Match | None:
        name = raw_name.lower()
        if name.startswith("%3f"):
            name = name[3:]
        if not name or self._keep.matches(name, host):
            return None
        if self._extend.matches(name, host):
            return Match(raw_name, "option")
        for rule in _portal_rules_naming().get(name, ()):
            if host_matches(host, rule.host) and _path_of(prefix).startswith(rule.path):
                return Match(raw_name, f"AdGuard:{rule.host}")
        for provider in (*_global_providers(), *providers):
            if provider.names(name, referral=self._referral_marketing) and not self._excepted(provider, decoded):
                return Match(raw_name, f"ClearURLs:{'globalRules' if provider.is_global else provider.name}")
        return None


@lru_cache(maxsize=1)
def _global_providers() -> tuple[_Provider, ...]:
    return tuple(p for p in clearurls_providers() if p.is_global)


def blocked_host(url: str) -> str | None:
    """The ClearURLs provider that blocks this URL outright (an ad or tracking server), or None."""
    lowered = url.lower()
    screen = _blocking_keywords()
    if screen is not None and screen.search(lowered) is None:
        return None  # the URL holds none of the literals that every blocking provider's pattern needs
    for provider in _complete_providers():
        if provider.applies_to(url, lowered):
            return provider.name
    return None


@lru_cache(maxsize=1)
def _complete_providers() -> tuple[_Provider, ...]:
    return tuple(p for p in clearurls_providers() if p.complete)


@lru_cache(maxsize=1)
def _blocking_keywords() -> re.Pattern[str] | None:
    """One pattern for the keywords of the blocking providers (one search instead of a test each), or
    None when some provider has no keyword, and so no cheap test."""
    providers = _complete_providers()
    if not providers or any(provider.keyword is None for provider in providers):
        return None
    return re.compile("|".join(re.escape(provider.keyword) for provider in providers))


def _path_of(prefix: str) -> str:
    match = _HOST.match(prefix)
    return prefix[match.end() :] if match else ""


def _rebuild(url: str, opener: str, items: list[Parameter], drop: list[Parameter]) -> str:
    dropped = {item.start for item in drop}
    kept = [item for item in items if item.start not in dropped]
    if not kept:
        return ""
    pieces = [opener, url[kept[0].start : kept[0].end]]
    for item in kept[1:]:
        # The separator written before this item in the source, kept as written.
        separator = _SEPARATOR.match(url, item.separator_start)
        pieces.append(separator.group(0) if separator else "&")
        pieces.append(url[item.start : item.end])
    return "".join(pieces)


class _ScopedNames:
    """Parameter names or glob patterns, each optionally scoped to a host: ``"utm_*"``, ``"weibo.com:from"``."""

    def __init__(self, entries: Sequence[str]) -> None:
        self._everywhere: list[str] = []
        self._scoped: list[tuple[str, str]] = []
        for entry in entries:
            host, _, name = entry.rpartition(":")
            if host:
                self._scoped.append((host.lower().lstrip("."), name.lower()))
            else:
                self._everywhere.append(name.lower())
        self._exact = {name for name in self._everywhere if not any(c in name for c in "*?[")}
        self._globs = [name for name in self._everywhere if name not in self._exact]

    def matches(self, name: str, host: str) -> bool:
        # (Asked for every parameter of every URL, mostly with no globs and no scoped names configured.)
        if name in self._exact or (self._globs and any(fnmatch.fnmatchcase(name, glob) for glob in self._globs)):
            return True
        return bool(self._scoped) and any(
            host_matches(host, scope) and fnmatch.fnmatchcase(name, glob) for scope, glob in self._scoped
        )

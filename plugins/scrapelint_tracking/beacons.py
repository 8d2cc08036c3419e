"""Tracking pixels: images fetched to count a reader rather than to show anything."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from scrapelint.patterns import LazyPattern
from scrapelint_tracking.parameters import blocked_host, host_matches, host_of
from scrapelint_tracking.styles import declarations

if TYPE_CHECKING:
    from scrapelint.markup import Tag

# A beacon entry: (position in beacons.json, path prefix, what it is). The position keeps the file's
# order deciding between entries that both match, as a scan of the list would.
_Beacon = tuple[int, str, str]


_PIXELS = LazyPattern(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", re.IGNORECASE)
_PATH = LazyPattern(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*(/[^?#]*)?", re.IGNORECASE)


@cache
def _beacons() -> tuple[dict[str, list[_Beacon]], tuple[tuple[str, _Beacon], ...]]:
    """beacons.json indexed by host: {host: entries} for plain hosts, and the public-suffix patterns
    ("name.", see ``host_matches``) apart, which a dictionary cannot look up."""
    import json

    data = json.loads((Path(__file__).parent / "data" / "beacons.json").read_text(encoding="utf-8"))
    by_host: dict[str, list[_Beacon]] = {}
    by_suffix_pattern = []
    for position, entry in enumerate(data["beacons"]):
        beacon = (position, entry.get("path", ""), entry["what"])
        if entry["host"].endswith("."):
            by_suffix_pattern.append((entry["host"], beacon))
        else:
            by_host.setdefault(entry["host"], []).append(beacon)
    return by_host, tuple(by_suffix_pattern)


def _pixels(value: str | None) -> float | None:
    if not value:
        return None
    match = _PIXELS.match(value)
    return float(match.group(1)) if match else None


def _beacon_entries(host: str) -> list[_Beacon]:
    """The beacon entries whose host is ``host`` or one of its parent domains (what ``host_matches`` accepts)."""
    by_host, by_suffix_pattern = _beacons()
    found = []
    domain = host
    while True:
        entries = by_host.get(domain)
        if entries is not None:
            found.extend(entries)
        dot = domain.find(".")
        if dot < 0:
            break
        domain = domain[dot + 1 :]
    if by_suffix_pattern:
        found.extend(beacon for pattern, beacon in by_suffix_pattern if host_matches(host, pattern))
    return found


def beacon_url(url: str) -> str | None:
    """What the URL is, when it is a known beacon or served by an ad server; None otherwise."""
    host = host_of(url)
    if not host:
        return None
    entries = _beacon_entries(host)
    if entries:
        path_match = _PATH.match(url)
        path = (path_match.group(1) or "/") if path_match else "/"
        matching = [entry for entry in entries if path.startswith(entry[1])]
        if matching:
            return min(matching)[2]
    provider = blocked_host(url)
    if provider is not None:
        return f"served by an ad or tracking server (ClearURLs blocks {provider})"
    return None


def tiny_size(tag: Tag) -> str | None:
    """'1x1', '0x0'... when the image declares a size no reader can see, else None."""
    width_attribute = height_attribute = style = None
    for attribute in tag.attributes:  # one pass, first of each name, as Tag.attribute() finds them
        name = attribute.name
        if name == "width":
            width_attribute = width_attribute or attribute
        elif name == "height":
            height_attribute = height_attribute or attribute
        elif name == "style":
            style = style or attribute
    if width_attribute is None and height_attribute is None and style is None:
        return None  # the common case: an image that declares no size at all
    width = _pixels(width_attribute.value if width_attribute else None)
    height = _pixels(height_attribute.value if height_attribute else None)
    if style is not None and style.value:
        found = declarations(style.value)
        width = _pixels(found.get("width")) if "width" in found else width
        height = _pixels(found.get("height")) if "height" in found else height
    if width is not None and height is not None and width <= 1 and height <= 1:
        return f"{width:g}x{height:g}"
    if (width is not None and width == 0) or (height is not None and height == 0):
        return f"{'?' if width is None else f'{width:g}'}x{'?' if height is None else f'{height:g}'}"
    return None

"""Tracking pixels: images fetched to count a reader rather than to show anything."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from scrapelint.markup import Tag
from scrapelint_tracking.parameters import blocked_host, host_matches, host_of
from scrapelint_tracking.styles import declarations

_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", re.IGNORECASE)
_PATH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*(/[^?#]*)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _beacons() -> tuple[tuple[str, str, str], ...]:
    data = json.loads((Path(__file__).parent / "data" / "beacons.json").read_text(encoding="utf-8"))
    return tuple((entry["host"], entry.get("path", ""), entry["what"]) for entry in data["beacons"])


def _pixels(value: str | None) -> float | None:
    if not value:
        return None
    match = _PIXELS.match(value)
    return float(match.group(1)) if match else None


def beacon_url(url: str) -> str | None:
    """What the URL is, when it is a known beacon or served by an ad server; None otherwise."""
    host = host_of(url)
    if not host:
        return None
    path_match = _PATH.match(url)
    path = (path_match.group(1) or "/") if path_match else "/"
    for beacon_host, beacon_path, what in _beacons():
        if host_matches(host, beacon_host) and path.startswith(beacon_path):
            return what
    provider = blocked_host(url)
    if provider is not None:
        return f"served by an ad or tracking server (ClearURLs blocks {provider})"
    return None


def tiny_size(tag: Tag) -> str | None:
    """'1x1', '0x0'... when the image declares a size no reader can see, else None."""
    width_attribute = tag.attribute("width")
    height_attribute = tag.attribute("height")
    width = _pixels(width_attribute.value if width_attribute else None)
    height = _pixels(height_attribute.value if height_attribute else None)
    style = tag.attribute("style")
    if style is not None and style.value:
        found = declarations(style.value)
        width = _pixels(found.get("width")) if "width" in found else width
        height = _pixels(found.get("height")) if "height" in found else height
    if width is not None and height is not None and width <= 1 and height <= 1:
        return f"{width:g}x{height:g}"
    if (width is not None and width == 0) or (height is not None and height == 0):
        return f"{'?' if width is None else f'{width:g}'}x{'?' if height is None else f'{height:g}'}"
    return None

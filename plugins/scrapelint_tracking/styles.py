"""Inline CSS: the declarations of a ``style`` attribute, and whether they hide the element.

Removing ``style="text-align:center"`` changes how an article looks, not what it says. Removing a style
that hides its element (``display:none``, a zero-sized box with its overflow hidden, text moved off
screen...) reveals text the publisher hid, which is a change of content: fixes that remove such a style
go through the content-preservation check.
"""

from __future__ import annotations

from scrapelint.patterns import LazyPattern

_DECLARATION = LazyPattern(r"\s*([-A-Za-z]+)\s*:\s*([^;]*)")
_ZERO = LazyPattern(r"^-?0*\.?0*(?:px|em|rem|pt|%|vh|vw|ex|ch)?$")
_LENGTH = LazyPattern(r"^(-?\d+(?:\.\d+)?)(px|em|rem|pt|%|vw|vh)?$")


def declarations(value: str) -> dict[str, str]:
    """``{property: value}`` of a style attribute, lower-cased, ``!important`` dropped; the last one wins."""
    if "&" in value:
        import html  # only for the rare escaped style: html.entities costs a millisecond to import

        value = html.unescape(value)
    result = {}
    for part in value.split(";"):
        match = _DECLARATION.match(part)
        if match:
            result[match.group(1).lower()] = match.group(2).strip().lower().replace("!important", "").strip()
    return result


def _is_zero(value: str) -> bool:
    return bool(value) and _ZERO.match(value.replace(" ", "")) is not None


def _far_off_screen(value: str) -> bool:
    match = _LENGTH.match(value.replace(" ", ""))
    if match is None:
        return False
    amount = float(match.group(1))
    unit = match.group(2) or "px"
    return amount <= -999 if unit == "px" else amount <= -100


def hiding_declarations(value: str) -> list[str]:
    """The declarations of a style attribute that hide the element's content from a reader."""
    found = declarations(value)
    hiding = []
    if found.get("display") == "none":
        hiding.append("display:none")
    if found.get("visibility") in {"hidden", "collapse"}:
        hiding.append(f"visibility:{found['visibility']}")
    if "opacity" in found and _is_zero(found["opacity"]):
        hiding.append("opacity:0")
    if "font-size" in found and _is_zero(found["font-size"]):
        hiding.append("font-size:0")
    clipped = found.get("overflow", "") in {"hidden", "clip"}
    for box in ("height", "width", "max-height", "max-width"):
        if box in found and _is_zero(found[box]) and clipped:
            hiding.append(f"{box}:0 with overflow:{found['overflow']}")
    for offset in ("left", "top", "right", "bottom", "text-indent", "margin-left", "margin-top"):
        if offset in found and _far_off_screen(found[offset]):
            hiding.append(f"{offset}:{found[offset]}")
    return hiding

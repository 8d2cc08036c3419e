"""The front-matter view: where the block is, its format, and its parsed fields, or why it did not parse.

Safety first: YAML is parsed with PyYAML's safe loader (the libyaml C loader when present), and a
document holding anchors, aliases or non-core tags is refused before anything is constructed, so an
alias bomb is never expanded and ``!!python/object`` never reaches a constructor. Very large blocks are
not parsed at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Bigger than any real front matter; bounds parse time and memory on hostile input.
MAX_FRONT_MATTER_CHARS = 64 * 1024
# libyaml's scanner slows down sharply with deep flow nesting ("[[[[..."): 20,000 levels take a
# second. Real metadata nests two or three levels.
MAX_FLOW_DEPTH = 100

_LEADING_BLANK = re.compile(r"\ufeff?(?:[ \t]*\r?\n)*")
_OPENING = re.compile(r"(---|\+\+\+)([ \t]*)(\r?\n|$)")
# Some scrapers collapse the block onto a few lines: "--- layout: post title: x ... ---".
_OPENING_INLINE = re.compile(r"---[ \t]+[\w-]+:")
_YAML_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_INLINE_CLOSING = re.compile(r"---[ \t]*(?:\r?\n|\Z)")
_TOML_ERROR_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_KEY_LINE = re.compile(r"^[ \t]*([A-Za-z0-9_-]+|\"[^\"\n]*\")[ \t]*=[ \t]*(.*?)[ \t]*$", re.MULTILINE)

_CORE_TAGS = frozenset(
    ["str", "int", "float", "bool", "null", "timestamp", "binary", "seq", "map", "set", "omap", "pairs"]
)


class FieldSpan(NamedTuple):
    """Offsets (into Document.text) of a top-level key and its value."""

    key_start: int
    key_end: int
    value_start: int
    value_end: int


@dataclass(frozen=True)
class Problem:
    """Something wrong with the block, at an offset into Document.text."""

    message: str
    offset: int
    end: int | None = None


@dataclass
class FrontMatter:
    format: str  # "yaml", "toml" or "json"
    start: int  # the opening delimiter (text[:start] is what wrongly stands before it)
    end: int  # just past the closing delimiter line; len(text) when unclosed
    content_start: int
    content_end: int
    closed: bool = True
    inline_delimiters: bool = False
    data: dict[str, Any] | None = None
    error: Problem | None = None
    refused: list[Problem] = field(default_factory=list)
    duplicate_keys: list[Problem] = field(default_factory=list)
    fields: dict[str, FieldSpan] = field(default_factory=dict)
    too_large: bool = False
    raw: str = ""  # the block's content, between the delimiters, exactly as written

    @property
    def parsed(self) -> bool:
        return self.data is not None


def find_front_matter(text: str) -> FrontMatter | None:
    """The front-matter block at the top of ``text``, after any BOM and blank lines, parsed; or None."""
    front_matter = locate_front_matter(text)
    if front_matter is not None and front_matter.format in ("yaml", "toml") and front_matter.closed:
        _parse(front_matter, text)
    return front_matter


def locate_front_matter(text: str) -> FrontMatter | None:
    """The block's place and format, from its delimiters alone: a YAML or TOML block is not parsed (its
    fields stay unset). Where the body starts costs a few pattern matches, not a YAML parse."""
    start = _LEADING_BLANK.match(text).end()
    if text.startswith("{", start):
        return _json_front_matter(text, start)
    opening = _OPENING.match(text, start)
    if opening is None:
        if _OPENING_INLINE.match(text, start):
            return _inline_front_matter(text, start)
        return None
    fmt = "yaml" if opening.group(1) == "---" else "toml"
    content_start = opening.end()
    closing = (_YAML_CLOSING if fmt == "yaml" else _TOML_CLOSING).search(text, content_start)
    if closing is None:
        return FrontMatter(fmt, start, len(text), content_start, len(text), closed=False, raw=text[content_start:])
    return FrontMatter(fmt, start, closing.end(), content_start, closing.start())


def _inline_front_matter(text: str, start: int) -> FrontMatter:
    closing = _INLINE_CLOSING.search(text, start + 3)
    end = closing.end() if closing else len(text)
    return FrontMatter(
        "yaml",
        start,
        end,
        start + 3,
        closing.start() if closing else end,
        closed=False,
        inline_delimiters=True,
    )


def _json_front_matter(text: str, start: int) -> FrontMatter | None:
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except RecursionError:
        return FrontMatter(
            "json", start, len(text), start, len(text), closed=False,
            error=Problem("JSON front matter is nested too deeply", start),
        )  # fmt: skip
    except json.JSONDecodeError as error:
        # A lone "{" line is a JSON block that failed; anything else is just text starting with "{".
        if not re.match(r"\{[ \t]*\r?\n", text[start:]):
            return None
        return FrontMatter(
            "json",
            start,
            len(text),
            start,
            len(text),
            closed=False,
            error=Problem(f"JSON front matter does not parse: {error.msg}", error.pos),
        )
    line_end = text.find("\n", end)
    block_end = len(text) if line_end < 0 else line_end + 1
    front_matter = FrontMatter("json", start, block_end, start, end, raw=text[start:end])
    if isinstance(data, dict):
        front_matter.data = data
    else:
        front_matter.error = Problem("JSON front matter is not an object", start)
    return front_matter


def _parse(front_matter: FrontMatter, text: str) -> None:
    raw = front_matter.raw = text[front_matter.content_start : front_matter.content_end]
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        front_matter.too_large = True
        return
    if front_matter.format == "yaml":
        _parse_yaml(front_matter, raw)
    else:
        _parse_toml(front_matter, raw)


# -- YAML --------------------------------------------------------------------------------------------


def _yaml_loader_base() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_LOADER: type | None = None
_STR_TAG = "tag:yaml.org,2002:str"


def _loader_class() -> type:
    """A safe loader that records duplicate keys instead of silently keeping the last one."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class DuplicateRecordingLoader(_yaml_loader_base()):  # type: ignore[misc]
            def __init__(self, stream: str) -> None:
                super().__init__(stream)
                self.duplicates: list[yaml.Node] = []

            def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
                seen: set[str] = set()
                plain_keys = True
                for key_node, _value in node.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        if key_node.value in seen:
                            self.duplicates.append(key_node)
                        seen.add(key_node.value)
                        plain_keys = plain_keys and key_node.tag == _STR_TAG
                    else:
                        plain_keys = False
                if not plain_keys:  # merge keys ("<<" is tagged merge), complex keys: PyYAML's way
                    return super().construct_mapping(node, deep)
                # Front matter is a flat mapping of string fields: a string scalar's value is its text,
                # exactly what PyYAML's constructor would return, without a constructor call per field.
                mapping = {}
                for key_node, value_node in node.value:
                    if value_node.tag == _STR_TAG and isinstance(value_node, yaml.ScalarNode):
                        mapping[key_node.value] = value_node.value
                    else:
                        mapping[key_node.value] = self.construct_object(value_node, deep=deep)
                return mapping

        _LOADER = DuplicateRecordingLoader
    return _LOADER


def _unsafe_tokens(raw: str, base: int) -> list[Problem]:
    """Anchors, aliases and non-core tags, found by the scanner alone: nothing is composed or built."""
    import yaml

    problems = []
    for token in yaml.scan(raw, Loader=_yaml_loader_base()):
        offset = base + token.start_mark.index
        end = base + token.end_mark.index
        if isinstance(token, yaml.AliasToken):
            problems.append(
                Problem(f"YAML alias '*{token.value}' is refused (aliases are never expanded)", offset, end)
            )
        elif isinstance(token, yaml.AnchorToken):
            problems.append(Problem(f"YAML anchor '&{token.value}' is refused", offset, end))
        elif isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            if not (handle == "!!" and suffix in _CORE_TAGS):
                problems.append(
                    Problem(f"YAML tag '{handle or ''}{suffix}' is refused (tags are never run)", offset, end)
                )
    return problems


def _parse_yaml(front_matter: FrontMatter, raw: str) -> None:
    import yaml

    base = front_matter.content_start
    depth_at = _too_deep(raw)
    if depth_at is not None:
        front_matter.error = Problem(f"YAML is nested more than {MAX_FLOW_DEPTH} levels deep", base + depth_at)
        return
    try:
        # The scanner pass costs as much as a parse, so only run it when the block could hold one.
        if "&" in raw or "*" in raw or "!" in raw:
            front_matter.refused = _unsafe_tokens(raw, base)
            if front_matter.refused:
                return
        loader = _loader_class()(raw)
        try:
            node = loader.get_single_node()
            if node is not None and isinstance(node, yaml.MappingNode):
                front_matter.fields = _yaml_field_spans(node, base)
            data = loader.construct_document(node) if node is not None else {}
            front_matter.duplicate_keys = [
                Problem(f"duplicate key '{key.value}'", base + key.start_mark.index, base + key.end_mark.index)
                for key in loader.duplicates
            ]
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = base + (mark.index if mark is not None else 0)
        front_matter.error = Problem(f"YAML does not parse: {error.problem or error.context}", offset)
        return
    except yaml.YAMLError as error:
        front_matter.error = Problem(f"YAML does not parse: {error}", base)
        return
    except RecursionError:
        front_matter.error = Problem("YAML is nested too deeply", base)
        return
    except UnicodeEncodeError as error:  # a lone surrogate (from a JSON corpus) that libyaml cannot take
        front_matter.error = Problem(f"YAML holds a character that is not text: {error.reason}", base + error.start)
        return
    if data is None:
        data = {}
    if isinstance(data, dict):
        front_matter.data = data
    else:
        front_matter.error = Problem(f"front matter is a {type(data).__name__}, not a mapping of fields", base)


_FLOW_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep(raw: str) -> int | None:
    """Offset where flow nesting exceeds MAX_FLOW_DEPTH, or None. Quotes are ignored: an overestimate
    only for values holding over a hundred unbalanced brackets, which are no metadata either."""
    if raw.count("[") + raw.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _FLOW_BRACKET.finditer(raw):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            return match.start()
    return None


def _yaml_field_spans(node: Any, base: int) -> dict[str, FieldSpan]:
    spans = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if isinstance(key, str) and key not in spans:
            spans[key] = FieldSpan(
                base + key_node.start_mark.index,
                base + key_node.end_mark.index,
                base + value_node.start_mark.index,
                base + value_node.end_mark.index,
            )
    return spans


# -- TOML --------------------------------------------------------------------------------------------


def _parse_toml(front_matter: FrontMatter, raw: str) -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    base = front_matter.content_start
    try:
        front_matter.data = tomllib.loads(raw)
    except RecursionError:
        front_matter.error = Problem("TOML is nested too deeply", base)
        return
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        offset = base
        position = _TOML_ERROR_POSITION.search(message)
        if position:
            line, column = int(position.group(1)), int(position.group(2))
            lines = raw.split("\n")
            offset = base + sum(len(item) + 1 for item in lines[: line - 1]) + column - 1
            message = message[: position.start()].rstrip()
        front_matter.error = Problem(f"TOML does not parse: {message}", offset)
        return
    # Top-level keys come before the first [table] header.
    table = re.search(r"^[ \t]*\[", raw, re.MULTILINE)
    for match in _TOML_KEY_LINE.finditer(raw, 0, table.start() if table else len(raw)):
        key = match.group(1).strip('"')
        front_matter.fields.setdefault(
            key,
            FieldSpan(base + match.start(1), base + match.end(1), base + match.start(2), base + match.end(2)),
        )

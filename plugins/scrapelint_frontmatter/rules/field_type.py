from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Option, Rule


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return "a string"


class FrontMatterFieldType(Rule):
    """
    ## What it does
    Finds front-matter fields whose value has a type the site generator does not expect: a mapping or a
    number where `tags`/`categories` want a list, a list or mapping where `title` wants text.

    A single string for a list field is accepted, as Jekyll, Hexo and Hugo accept it
    (`categories: news`); set `strict-lists` to require real lists.

    ## Why is this bad?
    Generators coerce or drop such values: a post silently leaves its category pages, a title renders
    as `["a", "b"]`.

    ## Example
    ```yaml
    ---
    title: [Breaking, news]
    tags: {finance: true}
    ---
    ```

    Use instead:
    ```yaml
    ---
    title: "Breaking news"
    tags: [finance]
    ---
    ```

    ## Fix
    None.

    ## Options
    - `list-fields` (list of strings, default `["tags", "categories", "keywords", "aliases"]`): fields
      that hold a list.
    - `text-fields` (list of strings, default `["title", "description", "summary", "slug", "layout"]`):
      fields that hold one piece of text.
    - `strict-lists` (boolean, default `false`): report a single string in a list field too.
    """

    code = "FM008"
    name = "front-matter-field-type"
    summary = "A front-matter field has the wrong type"
    options = {
        "list-fields": Option(
            list, ["tags", "categories", "keywords", "aliases"], "fields that hold a list", item_type=str
        ),
        "text-fields": Option(
            list, ["title", "description", "summary", "slug", "layout"], "fields that hold text", item_type=str
        ),
        "strict-lists": Option(bool, False, "report a single string in a list field"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.data is None:
            return
        data = front_matter.data
        allowed_in_list_field = (list,) if self.settings["strict-lists"] else (list, str)
        for name in self.settings["list-fields"]:
            value = data.get(name)
            if value is not None and not isinstance(value, allowed_in_list_field):
                yield self._finding(doc, name, value, "a list")
        for name in self.settings["text-fields"]:
            value = data.get(name)
            # Numbers and dates are text that YAML typed for us (title: 1984); only structures are wrong.
            if isinstance(value, (list, dict)):
                yield self._finding(doc, name, value, "text")

    def _finding(self, doc: Document, name: str, value: Any, expected: str) -> Finding:
        span = doc.front_matter.fields.get(name)
        start, end = (span.key_start, span.value_end) if span else doc.line_span(doc.front_matter.start)
        return self.finding(
            start,
            end,
            f"Front-matter field '{name}' should be {expected}, not {type_name(value)}",
            data={"field": name, "expected": expected, "found": type_name(value)},
        )

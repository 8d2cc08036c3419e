from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Option, Rule


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


class FrontMatterRequiredField(Rule):
    """
    ## What it does
    Finds front matter that lacks a required field, or has it empty (`title: ""`, `title:`). Files
    without any front matter are left to the date rules.

    ## Why is this bad?
    A post without a title is listed as "Untitled" or by its file name, and an empty field usually
    means the scraper's selector missed: the article text is probably wrong too.

    ## Example
    ```yaml
    ---
    title: ""
    date: 2022-05-26 10:00:00 +0800
    ---
    ```

    Use instead:
    ```yaml
    ---
    title: "Honeywell to supply refrigerant for NIO ET7"
    date: 2022-05-26 10:00:00 +0800
    ---
    ```

    ## Fix
    None: the value cannot be invented.

    ## Options
    - `required` (list of strings, default `["title"]`): the fields every article must have.
    """

    code = "FM007"
    name = "front-matter-required-field"
    summary = "A required front-matter field is missing or empty"
    options = {"required": Option(list, ["title"], "fields every article must have", item_type=str)}

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.data is None:
            return
        data = front_matter.data
        for field_name in self.settings["required"]:
            if field_name not in data:
                _, line_end = doc.line_span(front_matter.start)
                yield self.finding(
                    front_matter.start,
                    line_end,
                    f"Front matter has no '{field_name}' field",
                    data={"field": field_name, "problem": "missing"},
                )
            elif is_empty(data[field_name]):
                span = front_matter.fields.get(field_name)
                start, end = (span.key_start, span.value_end) if span else doc.line_span(front_matter.start)
                yield self.finding(
                    start,
                    end,
                    f"Front-matter field '{field_name}' is empty",
                    data={"field": field_name, "problem": "empty"},
                )

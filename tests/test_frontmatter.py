"""Front matter values are what a YAML safe load gives, whatever shortcut the parser takes."""

from __future__ import annotations

import pytest
import yaml

from scrapelint.frontmatter import find_front_matter

CASES = [
    "title: 'A title'\nauthor: plain words\ncomments: false\ncount: 3\n",
    "date: 2022-02-18 09:02:13\ntags:\n - a\n - b\nnested:\n  key: value\n  deeper: {x: 1}\n",
    "base: {a: 1}\n<<: {b: 2, c: three}\nd: 4\n",  # a merge key without anchors
    "1: one\n2.5: two and a half\nyes: true\n",  # keys that are not strings
    "'quoted key': \"double\"\nempty:\nnull_value: null\n",
    "dup: first\ndup: second\n",
]


@pytest.mark.parametrize("block", CASES)
def test_yaml_front_matter_loads_like_a_yaml_safe_load(block: str) -> None:
    front_matter = find_front_matter(f"---\n{block}---\nBody.\n")
    assert front_matter is not None and front_matter.error is None
    assert front_matter.data == yaml.safe_load(block)


def test_duplicate_keys_are_recorded_and_the_last_value_wins() -> None:
    front_matter = find_front_matter("---\ndup: first\ndup: second\n---\n")
    assert front_matter.data == {"dup": "second"}
    assert [problem.message for problem in front_matter.duplicate_keys] == ["duplicate key 'dup'"]


def test_where_the_body_starts_is_known_without_parsing_the_yaml() -> None:
    from scrapelint.document import Document
    from scrapelint.frontmatter import locate_front_matter

    text = "\n---\ntitle: x\ndate: 2021-01-01\n---\n<p>Body</p>\n"
    located = locate_front_matter(text)
    assert (located.format, located.start, located.end, located.closed, located.data) == ("yaml", 1, 35, True, None)
    doc = Document(text, "a.html")
    assert doc.body_start == 35 and doc.has_markup
    assert "front_matter" not in doc.__dict__  # nothing parsed
    assert doc.front_matter.data == {"title": "x", "date": __import__("datetime").date(2021, 1, 1)}
    assert doc.body_start == doc.front_matter.end

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from html.entities import html5

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.patterns import LazyPattern, regex_compile
from scrapelint.rules import FixAvailability, Option, Rule

# Han, kana, CJK punctuation and full-width forms: text where an ASCII "_" never belongs.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A "_" standing where the scraper replaced a quote, colon or slash it could not put in a file name:
# next to CJK text ("加大_专精特新_中小企业"), or ending a word before a space ("Futures_ No Crystal Ball").
# Compiled on first use, by regex: the stdlib takes 4 ms over these wide classes, regex a quarter of it.
_REPLACED_PUNCTUATION = LazyPattern(rf"(?<=[{_CJK}])_|_(?=[{_CJK}])|(?<=\w)_(?=\s)", compiler=regex_compile)
_ENTITY = LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = LazyPattern(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _is_entity(text: str) -> bool:
    return text.startswith("&#") or text[1:] in html5


class FrontMatterMangledTitle(Rule):
    """
    ## What it does
    Finds titles that a scraper mangled: quotes, colons or slashes replaced by `_`
    (`进一步加大_专精特新_中小企业`, `Dow Jones Futures_ No Crystal Ball`), HTML entities left
    escaped (`Q&amp;A`, `It&#39;s`), or markup inside the title (`<b>Breaking</b>`).

    An underscore between two Latin letters (`snake_case`) is left alone.

    ## Why is this bad?
    The title is what readers and search engines see first; an index or a training set learns the
    garbage as if it were the headline.

    ## Example
    ```yaml
    title: '工信部：进一步加大_专精特新_中小企业培育力度'
    title: 'Q&amp;A: <b>rates</b>'
    ```

    Use instead:
    ```yaml
    title: '工信部：进一步加大“专精特新”中小企业培育力度'
    title: 'Q&A: rates'
    ```

    ## Fix
    Unsafe, and only for entities and markup: decodes the entities and removes the tags, rewriting the
    value as a double-quoted string. Replaced punctuation has no fix: whether `_` stood for `“`, `:`
    or `/` cannot be known.

    ## Options
    - `fields` (list of strings, default `["title"]`): the fields to check.
    """

    code = "FM009"
    name = "front-matter-mangled-title"
    summary = "A title has punctuation replaced by '_', escaped entities or markup"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE
    options = {"fields": Option(list, ["title"], "the fields to check", item_type=str)}

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None or front_matter.data is None:
            return
        for field_name in self.settings["fields"]:
            value = front_matter.data.get(field_name)
            span = front_matter.fields.get(field_name)
            if not isinstance(value, str) or span is None:
                continue
            finding = self._check_value(field_name, value, span.value_start, span.value_end)
            if finding is not None:
                yield finding

    def _check_value(self, field_name: str, value: str, start: int, end: int) -> Finding | None:
        problems = []
        # Most titles hold none of "_", "&" and "<": each pattern runs only on a title that could match it.
        underscores = _REPLACED_PUNCTUATION.findall(value) if "_" in value else []
        if underscores:
            problems.append(f"{len(underscores)} '_' standing for replaced punctuation")
        entities = [match for match in _ENTITY.findall(value) if _is_entity(match)] if "&" in value else []
        if entities:
            problems.append(f"escaped HTML entities ({', '.join(sorted(set(entities))[:3])})")
        tags = _TAG.findall(value) if "<" in value else []
        if tags:
            problems.append(f"markup ({', '.join(sorted(set(tags))[:3])})")
        if not problems:
            return None
        fix = None
        if entities or tags:
            cleaned = html.unescape(_TAG.sub("", value)).strip()
            if cleaned and cleaned != value:
                fix = self.fix(
                    f"Rewrite the {field_name} as {json.dumps(cleaned, ensure_ascii=False)}",
                    Edit(start, end, json.dumps(cleaned, ensure_ascii=False)),
                )
        return self.finding(
            start,
            end,
            f"Front-matter {field_name} looks mangled: {'; '.join(problems)}",
            fix=fix,
            data={"field": field_name, "underscores": len(underscores), "entities": entities, "tags": tags},
        )

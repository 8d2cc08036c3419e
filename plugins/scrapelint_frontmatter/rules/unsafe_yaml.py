from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.rules import Rule


class FrontMatterUnsafeYaml(Rule):
    """
    ## What it does
    Finds YAML anchors (`&name`), aliases (`*name`) and non-core tags (`!!python/object`, `!custom`)
    in front matter. scrapelint refuses such a block: it is never expanded and nothing in it is run.

    ## Why is this bad?
    Article metadata has no use for them, and they are how YAML attacks work: a few hundred bytes of
    nested aliases expand to gigabytes (the "billion laughs"), and language tags ask an unsafe loader to
    build objects or call functions. Tools further down the pipeline may not load YAML as safely.

    ## Example
    ```yaml
    ---
    a: &a ["lol", "lol"]
    b: [*a, *a]
    title: !!python/object/apply:os.system ["id"]
    ---
    ```

    Use instead: plain scalars, lists and mappings.

    ## Fix
    None: the block must be rewritten by hand.

    ## Options
    None.
    """

    code = "FM005"
    name = "front-matter-unsafe-yaml"
    summary = "Front matter uses YAML anchors, aliases or language tags"

    def check(self, doc: Document) -> Iterator[Finding]:
        front_matter = doc.front_matter
        if front_matter is None:
            return
        for problem in front_matter.refused:
            yield self.finding(problem.offset, problem.end or problem.offset, problem.message)

"""EN003: UTF-8 text decoded as GBK or Big5 (鍙戝竷 for 发布), and the 锟斤拷 / 烫烫烫 patterns of lost data."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.rules import FixAvailability, Rule
from scrapelint_encoding.mojibake import cjk_mojibake


class CjkMojibake(Rule):
    """
    ## What it does
    Finds mojibake of the CJK family:

    - UTF-8 text decoded as GBK or Big5 (`鍙戝竷鏃堕棿` for `发布时间`): a run of characters whose bytes
      in that codec decode as UTF-8 into Chinese text. The run is reported with what it said.
    - UTF-8 punctuation decoded as GBK: curly quotes, dashes and the ellipsis (bytes E2 80 xx) become
      `鈥` and a character made of their last byte and the next one (`Taylor鈥檚` for `Taylor’s`,
      `鈥淭rue` for `“True`); `鈥�` when that last byte was lost.
    - the patterns of data lost before or during such a decoding: `锟斤拷` (the UTF-8 bytes of U+FFFD,
      the replacement character, read as GBK), `烫烫烫` and `屯屯屯` (uninitialised memory, bytes CC
      and CD, read as GBK), and `锘` (a UTF-8 byte-order mark read as GBK).

    One finding per run, spanning it.

    ## Why is this bad?
    The text is unreadable and searchable by nobody; the characters are real CJK ideographs, so no
    font or tool shows that anything is wrong, and language models learn the garbage as Chinese.

    ## Example
    ```text
    鍙戝竷鏃堕棿锛�2023骞�
    ```

    Use instead:
    ```text
    发布时间：2023年
    ```

    ## Fix
    Unsafe: replaces a run whose round trip is clean with the text it decodes to. The lost-data
    patterns have no fix: what they stood for is gone.

    ## Options
    None.
    """

    code = "EN003"
    name = "cjk-mojibake"
    summary = "UTF-8 text decoded as GBK or Big5, or the 锟斤拷/烫烫烫 patterns of lost data"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for item in cjk_mojibake(doc):
            damaged = text[item.start : item.end]
            data = {"mojibake": damaged, "repaired": item.repaired, "damage": item.explanation}
            if item.repaired is None:
                yield self.finding(item.start, item.end, f"'{damaged}': {item.explanation}", data=data)
                continue
            message = f"Mojibake '{damaged}' for '{item.repaired}' ({item.explanation})"
            fix = self.fix(f"Replace with '{item.repaired}'", Edit(item.start, item.end, item.repaired))
            yield self.finding(item.start, item.end, message, fix=fix, data=data)

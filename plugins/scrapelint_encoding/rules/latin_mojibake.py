"""EN002: UTF-8 text decoded as Latin-1 or Windows-1252 (Weâ€™re, cafÃ©)."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.rules import FixAvailability, Rule
from scrapelint_encoding.mojibake import latin_mojibake


class LatinMojibake(Rule):
    """
    ## What it does
    Finds mojibake of the Latin-1 family: UTF-8 text that was decoded as Latin-1 or Windows-1252 on the
    way (`Weâ€™re` for `We’re`, `cafÃ©` for `café`, `Ã¢â‚¬â„¢` when it happened twice). The `ftfy`
    library is the detector and the repairer; it only sees the words where a cheap scan found a Latin-1
    lead character followed by a continuation character, so most documents never load it. One finding
    per damaged sequence, spanning exactly its characters; the data says what they were and how they
    were damaged.

    ## Why is this bad?
    Mojibake is unreadable, breaks search for the words it hits, and marks every later copy of the
    text as damaged. It is the commonest trace of a scraper that guessed an encoding.

    ## Example
    ```text
    Weâ€™re not sure the cafÃ© is open.
    ```

    Use instead:
    ```text
    We’re not sure the café is open.
    ```

    ## Fix
    Unsafe: replaces each sequence with the text its bytes decode to (ftfy's `fix_encoding`), when that
    round trip is clean. Sequences that lost a byte on the way (`doesnâ€t`) are reported without a fix:
    what was there cannot be known.

    ## Options
    None.
    """

    code = "EN002"
    name = "latin1-mojibake"
    summary = "UTF-8 text decoded as Latin-1 or Windows-1252 (mojibake)"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for item in latin_mojibake(doc):
            damaged = text[item.start : item.end]
            data = {"mojibake": damaged, "repaired": item.repaired, "damage": item.explanation, "detector": "ftfy"}
            if item.repaired is None:
                message = f"Mojibake '{damaged}': UTF-8 read as Windows-1252 with bytes lost; it cannot be repaired"
                yield self.finding(item.start, item.end, message, data=data)
                continue
            message = f"Mojibake '{damaged}' for '{item.repaired}' (UTF-8 read as Windows-1252)"
            fix = self.fix(f"Replace with '{item.repaired}'", Edit(item.start, item.end, item.repaired))
            yield self.finding(item.start, item.end, message, fix=fix, data=data)

"""SC003: invisible and bidirectional control characters inside text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_scripts.scan import pack_scan

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\u180e")
# Invisible characters with no use in running text: invisible math operators, fillers.
INVISIBLE = frozenset("\u2061\u2062\u2063\u2064\u115f\u1160\u3164\uffa0\u17b4\u17b5")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
BIDI_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u2066\u2067\u2068\u2069")
BIDI_OVERRIDES = frozenset("\u202d\u202e")
# Scripts that need ZWJ/ZWNJ to shape or separate words: Arabic, Syriac, Thaana, N'Ko, the Indic
# scripts, Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian, and Arabic presentation forms.
_JOINING = LazyPattern(
    "[\u0600-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u18af\ua8e0-\ua8ff"
    "\ufb50-\ufdff\ufe70-\ufeff]"
)
_RIGHT_TO_LEFT = LazyPattern("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Emoji: a ZWJ joins two of them (family, profession sequences).
_EMOJI = LazyPattern("[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff\U0001f3fb-\U0001f3ff]")


def _name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


class InvisibleCharacter(Rule):
    """
    ## What it does
    Finds invisible and bidirectional control characters inside the text, one finding per run of
    them, spanning the run:

    - zero-width characters (ZERO WIDTH SPACE, ZERO WIDTH JOINER and NON-JOINER, WORD JOINER,
      MONGOLIAN VOWEL SEPARATOR), the invisible math operators and the Hangul fillers;
    - bidirectional overrides (LRO, RLO), embeddings and isolates (LRE, RLE, PDF, LRI, RLI, FSI, PDI)
      and marks (LRM, RLM, ALM).

    Not reported: a zero-width joiner or non-joiner, or a zero-width space, next to a script that needs
    it (Arabic, Persian, the Indic scripts, Thai, Khmer, Myanmar...), a joiner between emoji (👩‍💻),
    and bidirectional marks, embeddings and isolates on a line with right-to-left text. Overrides are
    always reported. U+FEFF is the encoding pack's (byte-order mark).

    ## Why is this bad?
    Invisible characters split words that look whole (search, deduplication and tokenisers see two
    words), hide text from filters, and bidirectional overrides can make text display in an order
    other than the one it is stored in ("Trojan Source"). Scraped from HTML, they are leftovers of
    `&#8203;` entities and of editors, never content.

    ## Example
    ```text
    Pre​mium watches at a dis‌count
    ```
    (a ZERO WIDTH SPACE after "Pre" and a ZERO WIDTH NON-JOINER after "dis")

    Use instead:
    ```text
    Premium watches at a discount
    ```

    ## Fix
    Removes the run. Safe when it holds only zero-width characters and invisible fillers that no
    neighbouring script needs (removing them changes no visible character); unsafe when it holds
    bidirectional controls, whose removal can change how the line is displayed.

    ## Options
    - `allow` (list of strings): characters never reported, as code points such as `U+200B`.
    """

    code = "SC003"
    name = "invisible-character"
    summary = "Invisible or bidirectional control characters inside the text"
    fix_availability = FixAvailability.ALWAYS
    options = {
        "allow": Option(list, [], "characters never reported, as code points (U+200B)", str),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        allowed = {chr(int(code.upper().removeprefix("U+"), 16)) for code in self.settings["allow"]}
        for start, end in pack_scan(doc).invisible_runs:
            run = "".join(
                char for char in text[start:end] if char not in allowed and not self._needed(text, start, end, char)
            )
            if run:
                yield self._finding(text, start, end, run)

    @staticmethod
    def _needed(text: str, start: int, end: int, char: str) -> bool:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if char in ("\u200c", "\u200d", "\u200b"):
            if _JOINING.match(before) or _JOINING.match(after):
                return True
            return char == "\u200d" and bool(_EMOJI.match(before)) and bool(_EMOJI.match(after))
        if char in BIDI_MARKS or char in BIDI_EMBEDDINGS:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            return _RIGHT_TO_LEFT.search(text, line_start, line_end if line_end >= 0 else len(text)) is not None
        return False

    def _finding(self, text: str, start: int, end: int, reported: str) -> Finding:
        chars = text[start:end]
        names = list(dict.fromkeys(_name(char) for char in reported))
        bidi = any(char in BIDI_MARKS or char in BIDI_EMBEDDINGS or char in BIDI_OVERRIDES for char in chars)
        count = len(chars)
        message = f"{count} invisible character{'s' * (count != 1)} ({', '.join(names)})"
        if reported != chars:
            # Some characters of the run are needed (a joiner between Arabic letters): report, do not remove.
            fix = None
        else:
            applicability = Applicability.UNSAFE if bidi else Applicability.SAFE
            fix = self.fix(f"Remove {message}", Edit.delete(start, end), applicability=applicability)
        data = {
            "characters": [f"U+{ord(char):04X}" for char in chars],
            "names": [_name(char) for char in chars],
            "bidirectional": bidi,
        }
        return self.finding(start, end, message, fix=fix, data=data)

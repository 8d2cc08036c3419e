"""SC002: Latin words spelled with Greek or Cyrillic look-alike letters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_scripts.homoglyphs import ASCII_WORD, WORD, latin_lookalikes, script_of
from scrapelint_scripts.scan import pack_scan


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    latin: int
    other: int  # Greek and Cyrillic letters
    spoofed: tuple[int, ...]  # offsets (in the word) of the look-alike letters that stand for Latin ones
    genuine: bool  # has a Greek or Cyrillic letter with no Latin look-alike: a real Greek/Cyrillic word


def _analyse_word(start: int, end: int, text: str, lookalikes: dict[str, str]) -> _Word:
    scripts = [script_of(char) for char in text]
    latin = scripts.count("Latin")
    other_positions = [i for i, script in enumerate(scripts) if script in ("Greek", "Cyrillic")]
    spoofed = []
    genuine = False
    for i in other_positions:
        if text[i] not in lookalikes:
            genuine = True
            continue
        # Greek letters are symbols in Latin text (TNFα, γH2AX, αB-crystallin): only one standing
        # between Latin letters of the word spells a Latin word.
        if scripts[i] == "Greek" and latin and not ("Latin" in scripts[:i] and "Latin" in scripts[i + 1 :]):
            genuine = True
            continue
        spoofed.append(i)
    return _Word(start, end, text, latin, len(other_positions), tuple(spoofed), genuine)


class HomoglyphInWord(Rule):
    """
    ## What it does
    Finds Latin words spelled with Greek or Cyrillic letters that look like Latin ones, the trick
    spam uses to slip past keyword filters (`саsinо` with Cyrillic `а` and `о`, `Vιagra` with Greek
    `ι`): a word of mostly Latin letters whose Greek or Cyrillic letters all have a Latin look-alike in
    Unicode's confusables data (UTS #39), and, in a line of Latin words, a word made only of such
    look-alikes (`сор` standing for `cop`), at least `min-whole-word-letters` long. One finding per
    word, spanning it; the data lists each look-alike, its code point and the Latin letter it imitates.

    Not reported: Greek and Cyrillic prose (its words have letters with no Latin look-alike), Greek
    letters used as symbols at the edge of a Latin word (`TNFα`, `γH2AX`), and Han, kana or digits next
    to Latin letters (they are not letters of one word here).

    ## Why is this bad?
    A word that looks Latin but is not cannot be found by search, breaks spell checking and
    tokenisation, and is the usual sign of injected spam or of a phishing link text.

    ## Example
    ```text
    Play at the best online саsinо today.
    ```

    Use instead:
    ```text
    Play at the best online casino today.
    ```

    ## Fix
    Unsafe: replaces each look-alike letter of the word with the Latin letter it imitates; nothing else
    changes. Whether the word should be there at all (spam) is for other rules to say.

    ## Options
    - `min-whole-word-letters` (integer, default 3): length from which a word made only of look-alikes
      is reported in a line of Latin words.
    """

    code = "SC002"
    name = "homoglyph-in-word"
    summary = "A Latin word spelled with Greek or Cyrillic look-alike letters"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = Applicability.UNSAFE
    options = {
        "min-whole-word-letters": Option(int, 3, "length from which a word of look-alikes alone is reported"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for line_start, line_end in pack_scan(doc).greek_cyrillic_lines:
            yield from self._check_line(doc.text, line_start, line_end)

    def _check_line(self, text: str, start: int, end: int) -> Iterator[Finding]:
        lookalikes = latin_lookalikes()
        words = [_analyse_word(m.start(), m.end(), m.group(), lookalikes) for m in WORD.finditer(text, start, end)]
        latin_words = sum(1 for word in words if not word.other and ASCII_WORD.fullmatch(word.text))
        foreign_context = any(word.genuine for word in words)
        for word in words:
            if not word.other or word.genuine or not word.spoofed:
                continue
            if word.latin:
                if word.latin < word.other:
                    continue  # a Greek or Cyrillic word with a stray Latin letter: not a Latin word
                kind = "mixed"
            else:
                if foreign_context or latin_words < 2 or len(word.text) < self.settings["min-whole-word-letters"]:
                    continue
                kind = "whole-script"
            yield self._finding(word, kind, lookalikes)

    def _finding(self, word: _Word, kind: str, lookalikes: dict[str, str]) -> Finding:
        chars = word.text
        replaced = "".join(lookalikes[c] if i in word.spoofed else c for i, c in enumerate(chars))
        described = ", ".join(
            f"{script_of(chars[i])} {chars[i]} (U+{ord(chars[i]):04X}, like {lookalikes[chars[i]]})"
            for i in word.spoofed
        )
        what = "mixes Latin with" if kind == "mixed" else "is written entirely in"
        message = f"'{chars}' {what} look-alike letters: {described}"
        data = {
            "word": chars,
            "kind": kind,
            "latin_spelling": replaced,
            "lookalikes": [
                {
                    "char": chars[i],
                    "codepoint": f"U+{ord(chars[i]):04X}",
                    "script": script_of(chars[i]),
                    "looks_like": lookalikes[chars[i]],
                }
                for i in word.spoofed
            ],
        }
        fix = self.fix(f"Spell '{replaced}' with Latin letters", Edit(word.start, word.end, replaced))
        return self.finding(word.start, word.end, message, fix=fix, data=data)

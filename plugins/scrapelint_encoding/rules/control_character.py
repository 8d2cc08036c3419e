"""EN006: control characters (C0 other than tab and line breaks, DEL, C1) inside the text."""

from __future__ import annotations

from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Applicability, Edit, Finding
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Rule
from scrapelint_encoding.mojibake import latin_mojibake

# C0 controls and DEL, or C1 controls: a run holds one kind, since their fixes differ (see the docs).
_CONTROL_RUN = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+|[\x80-\x9f]+")
# Bytes that are fine in a UTF-8 or ASCII file: printable ASCII, tab, line breaks, and every byte of a
# multi-byte sequence. Deleting them leaves only C0 controls and DEL: a C-speed test for most files.
_FINE_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
_C1_UTF8 = LazyPattern(rb"\xc2[\x80-\x9f]")
# Controls that act as white space (vertical tab, form feed, the information separators, NEL).
_SPACING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")


def _has_controls(doc: Document) -> bool:
    if doc.encoding in ("utf-8", "ascii"):
        raw = doc.raw
        return bool(raw.translate(None, _FINE_BYTES)) or _C1_UTF8.search(raw) is not None
    return _CONTROL_RUN.search(doc.text) is not None


def _name(char: str) -> str:
    return f"U+{ord(char):04X}"


class ControlCharacter(Rule):
    """
    ## What it does
    Finds control characters inside the text: C0 controls other than tab, line feed and carriage
    return (U+0000..U+001F), DEL (U+007F) and C1 controls (U+0080..U+009F). One finding per run of
    one kind (C0 and DEL, or C1), spanning it. A C1 character inside Latin mojibake (`â€\\x9d`) is the
    mojibake rule's.

    ## Why is this bad?
    Control characters are not text: they are invisible or shown as boxes, break YAML front matter
    (which refuses them), XML and JSON exports, and usually stand where a scraper lost a character or
    kept a byte of a binary format.

    ## Example
    ```text
    《\x16蘋果日報》照片
    ```

    Use instead:
    ```text
    《蘋果日報》照片
    ```

    ## Fix
    Deletes the run: safe for C0 controls and DEL, since they are never content. A run that holds a
    C1 control gets the same fix as an unsafe one: a C1 character is most often a byte of another code
    page read as Latin-1 (a cp1252 quote, a Shift_JIS lead byte in a file whose encoding was guessed),
    and deleting it loses that character. A run that holds a control acting as white space (vertical
    tab, form feed, the information separators, NEL) is replaced by a space instead, and that fix is
    unsafe: the control may have separated two words or pages.

    ## Options
    None.
    """

    code = "EN006"
    name = "control-character"
    summary = "Control characters inside the text"
    fix_availability = FixAvailability.ALWAYS

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _has_controls(doc):
            return
        text = doc.text
        mojibake = None
        for match in _CONTROL_RUN.finditer(text):
            start, end = match.span()
            run = match.group()
            c1 = run[0] >= "\x80"  # a run holds C1 controls only, or none
            if c1:
                if mojibake is None:
                    mojibake = [(item.start, item.end) for item in latin_mojibake(doc)]
                if any(low <= start < high for low, high in mojibake):
                    continue
            names = ", ".join(dict.fromkeys(_name(char) for char in run))
            count = len(run)
            message = f"{count} control character{'s' * (count != 1)} ({names})"
            if any(char in _SPACING for char in run):
                fix = self.fix(
                    f"Replace {message} with a space", Edit(start, end, " "), applicability=Applicability.UNSAFE
                )
            else:
                # A C1 control is most often a byte of another code page read as Latin-1 (a cp1252 quote,
                # a Shift_JIS lead byte in a file whose encoding was guessed): deleting it loses that
                # character, so only --unsafe-fixes does it.
                fix = self.fix(
                    f"Remove {message}",
                    Edit.delete(start, end),
                    applicability=Applicability.UNSAFE if c1 else Applicability.SAFE,
                )
            data = {"characters": [_name(char) for char in run]}
            yield self.finding(start, end, message, fix=fix, data=data)

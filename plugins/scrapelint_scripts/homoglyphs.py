"""Greek and Cyrillic letters that look like Latin ones, from Unicode's confusables data (UTS #39).

The data is ``confusables.txt`` of Unicode Technical Standard #39, as the ``confusable_homoglyphs``
package ships it (``confusables_data``: a character and the characters it can be mistaken for). Only
look-alikes of a plain Latin letter (a-z, A-Z) are kept: Greek ``ο`` (o), Cyrillic ``а`` (a), ``Ј`` (J).
``build_data.py`` extracts them into ``latin_lookalikes.txt``: importing the package's JSON and
sifting it cost about 55 ms at run time.
"""

from __future__ import annotations

import functools
from pathlib import Path

from scrapelint.patterns import LazyPattern
from scrapelint_scripts.datafiles import read_table

# A word for this purpose: a run of Latin, Greek or Cyrillic letters (with their combining marks).
# Han, kana and digits end it, so that Han text next to Latin letters is never one "word".
WORD = LazyPattern(
    "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff"
    "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f\u0300-\u036f]+"
)
ASCII_WORD = LazyPattern("[A-Za-z]{2,}")
# Built by build_data.py from confusable_homoglyphs; a test checks it against what the script builds.
LOOKALIKES_FILE = Path(__file__).with_name("latin_lookalikes.txt")


def script_of(char: str) -> str | None:
    """'Latin', 'Greek' or 'Cyrillic' for a letter of those scripts, else None."""
    code = ord(char)
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return "Greek" if char.isalpha() else None
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF or 0xA640 <= code <= 0xA69F:
        return "Cyrillic" if char.isalpha() else None
    if char.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "Latin" if char.isalpha() else None
    return None


@functools.cache
def latin_lookalikes() -> dict[str, str]:
    """Greek or Cyrillic letter -> the plain Latin letter UTS #39 says it can be mistaken for."""
    return read_table(LOOKALIKES_FILE)

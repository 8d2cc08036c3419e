"""Text that went through the wrong decoder: where it is, and what it said before.

Two families:

- **Latin**: UTF-8 bytes decoded as Latin-1 or Windows-1252 (``Weâ€™re``, ``cafÃ©``). ftfy is the
  reference: its badness heuristic says whether a word is mojibake and ``fix_encoding`` repairs it.
  ftfy costs milliseconds to import and hundreds of microseconds a call, so it only sees words that a
  cheap pre-scan found: a lead character (``Â``..``ô``, the Latin-1 reading of the UTF-8 lead bytes
  C2..F4) followed by a continuation character (the reading of bytes 80..BF). In the file's UTF-8 bytes
  such a lead character always starts with the byte C3, so the pre-scan runs on bytes, where the regular
  expression engine finds a literal first byte at memory speed.
- **CJK**: UTF-8 bytes decoded as GBK or Big5 (``鍙戝竷`` for 发布). A run of such characters encodes
  back to bytes that decode as UTF-8 into Chinese: that round trip is the test and the repair. The
  telltale patterns of lost data, ``锟斤拷`` (U+FFFD's UTF-8 bytes read as GBK) and ``烫烫烫``/``屯屯屯``
  (uninitialised memory, bytes CC and CD, read as GBK), have no repair.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern, class_ranges

# Bytes of a UTF-8 file where a Latin-1 lead character (U+00C2..U+00F4, bytes C3 82..C3 B4) is followed
# by the UTF-8 bytes of a continuation character: U+0080..U+00BF or a Windows-1252 specific (€ ‚ ƒ „
# … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
_LATIN_PAIR_BYTES = LazyPattern(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2(?:\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\x82\xac|\x84\xa2))"
)
_CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = "\u0080-\u00bf" + _CP1252_SPECIALS
LATIN_PAIR = LazyPattern(f"[\u00c2-\u00f4][{_CONTINUATION}]")
_TOKEN_END = LazyPattern(r"[\s<>\"'()\[\]{}]")

# Patterns of lost data in GBK-read UTF-8 or memory dumps.
LOST_PATTERNS = LazyPattern("(?:锟斤拷)+|锟斤|斤拷|烫{3,}|屯{3,}")
_BOM_READ_AS_GBK = LazyPattern("锘[?\ufffd]?")
_HAN = LazyPattern("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


class Mojibake(NamedTuple):
    start: int
    end: int
    family: str  # "latin" or "cjk"
    repaired: str | None  # None: data was lost, there is no repair
    explanation: str  # how the text was damaged, for the finding's data


# -- Latin ---------------------------------------------------------------------------------------------


def _raw_utf8(doc: Document) -> bytes | None:
    """The document's bytes when they are UTF-8 (the pre-scan runs on them), else None."""
    if doc.encoding not in ("utf-8", "ascii"):
        return None
    return doc.raw


def has_latin_candidates(doc: Document) -> bool:
    text = doc.text
    if text.isascii():
        return False
    raw = _raw_utf8(doc)
    if raw is not None:
        return _LATIN_PAIR_BYTES.search(raw) is not None
    return LATIN_PAIR.search(text) is not None


def latin_mojibake(doc: Document) -> list[Mojibake]:
    """Every Latin-family mojibake span, confirmed and repaired by ftfy."""
    return doc.memo("encoding.latin_mojibake", _find_latin)


def _find_latin(doc: Document) -> list[Mojibake]:
    if not has_latin_candidates(doc):
        return []
    import ftfy
    from ftfy.badness import is_bad

    text = doc.text
    found: list[Mojibake] = []
    done_until = 0
    for match in LATIN_PAIR.finditer(text):
        if match.start() < done_until:
            continue
        start, end = _token(text, match.start(), match.end())
        done_until = end
        token = text[start:end]
        if not is_bad(token):
            continue
        repaired, steps = ftfy.fix_encoding_and_explain(token)
        if repaired != token and steps and any(step[0] == "decode" for step in steps):
            explanation = " then ".join(
                f"{action} {codec}" for action, codec in steps if action in ("encode", "decode")
            )
            for low, high, replacement in _changes(token, repaired):
                found.append(Mojibake(start + low, start + high, "latin", replacement, explanation))
        else:
            # ftfy sees mojibake it cannot undo (a byte was lost): report the characters, no repair.
            first, last = match.start(), match.end()
            for more in LATIN_PAIR.finditer(text, match.end(), end):
                last = more.end()
            while last < end and re.match(f"[{_CONTINUATION}]", text[last]):
                last += 1
            found.append(Mojibake(first, last, "latin", None, "UTF-8 read as windows-1252, bytes lost"))
    return found


def _token(text: str, start: int, end: int, reach: int = 60, longest: int = 2000) -> tuple[int, int]:
    """The whitespace-delimited token around text[start:end], at most ``reach`` characters each way.

    Chinese read as Latin-1 has no white space and only characters that stand for bytes, three a
    character: through those the token goes on past ``reach`` (to ``longest``), so that it is not cut
    inside a character; and a U+00A0 or U+0085 that is the next byte of a character begun before it
    (传 is E4 BC A0) does not end it, while a real no-break space does."""
    low = start
    while low > 0 and start - low < longest and not _ends_token(text, low - 1):
        if start - low >= reach and _byte(text[low - 1]) is None:
            break
        low -= 1
    high = end
    while high < len(text) and not _ends_token(text, high):
        if high - end >= longest or (high - end >= reach and _byte(text[high]) is None):
            # Cut short, not at white space: never inside a character.
            return low, _character_boundary(text, low, high)
        high += 1
    return low, high


def _ends_token(text: str, index: int) -> bool:
    if not _TOKEN_END.match(text, index):
        return False
    return not (text[index] in "\xa0\x85" and _continues_a_character(text, index))


def _byte(char: str) -> int | None:
    """The byte 80..FF that ``char`` stands for when UTF-8 is read as Latin-1 or windows-1252, or None."""
    code = ord(char)
    if 0x80 <= code <= 0xFF:
        return code
    try:
        encoded = char.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 1 and encoded[0] >= 0x80 else None


def _sequence_length(byte: int) -> int:
    """How many bytes a UTF-8 character that starts with ``byte`` takes (0: not a lead byte)."""
    return 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 4 if 0xF0 <= byte <= 0xF4 else 0


def _continues_a_character(text: str, index: int) -> bool:
    """Whether text[index] is a continuation byte of a UTF-8 character of three or four bytes (CJK,
    punctuation) whose lead byte stands before it. A two-byte lead (Ã, É: C3, C9) before a no-break
    space is as likely real typography ("AMANHÃ\xa0!") as mojibake: there the space ends the word."""
    continuations = 0
    position = index - 1
    while position >= 0 and continuations < 3:
        byte = _byte(text[position])
        if byte is None:
            return False
        if 0x80 <= byte <= 0xBF:
            continuations += 1
            position -= 1
            continue
        length = _sequence_length(byte)
        return length >= 3 and continuations + 1 < length
    return False


def _character_boundary(text: str, low: int, high: int) -> int:
    """``high``, or where the UTF-8 character cut by it begins: a token never ends inside one."""
    for back in range(1, 4):
        position = high - back
        if position < low:
            break
        byte = _byte(text[position])
        if byte is None or not 0x80 <= byte <= 0xBF:
            length = _sequence_length(byte) if byte is not None else 0
            return position if length > back else high
    return high


def _changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """The spans of ``before`` that differ from ``after`` and what replaces each: one per mojibake
    sequence when the rest of the word is unchanged (``â€œquotedâ€\x9d`` gives two)."""
    if len(before) > 400:
        # A long token (a paragraph of Chinese read as Latin-1) changes as a whole: one span, found in
        # linear time (difflib's matching is quadratic on long strings).
        prefix, suffix = _common_affixes(before, after)
        return [(prefix, len(before) - suffix, after[prefix : len(after) - suffix])]
    from difflib import SequenceMatcher

    changes = []
    for tag, low, high, new_low, new_high in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if low == high:  # an insertion: fall back to one span over everything that changed
            prefix, suffix = _common_affixes(before, after)
            return [(prefix, len(before) - suffix, after[prefix : len(after) - suffix])]
        changes.append((low, high, after[new_low:new_high]))
    return changes


def _common_affixes(before: str, after: str) -> tuple[int, int]:
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, suffix


# -- CJK -----------------------------------------------------------------------------------------------


def _decodable_pairs(codec: str, leads: range, trails: range) -> frozenset[str]:
    """The non-ASCII characters that a lead byte followed by a trail byte decodes to in ``codec``.

    Every pair is decoded in a single call, each pair followed by a line feed: a line feed is neither
    a lead nor a trail byte in GBK or Big5, so the decoder, which keeps no state between characters,
    starts afresh after it, and splitting the result on it gives each pair's own decoding. A pair that
    does not decode gives U+FFFD (with the "replace" handler), alone or beside another character.
    """
    data = b"\n".join(bytes((lead, trail)) for lead in leads for trail in trails)
    return frozenset(
        char
        for char in data.decode(codec, "replace").split("\n")
        if len(char) == 1 and char != "\ufffd" and not char.isascii()
    )


def _class(chars: frozenset[str]) -> str:
    """A regular-expression class of ``chars`` (all non-ASCII: nothing to escape)."""
    return "[" + class_ranges(map(ord, chars)) + "]"


@functools.cache
def _cjk_candidate_pattern() -> re.Pattern[str]:
    """Where UTF-8 Chinese read as GBK or Big5 begins. The bytes of two Chinese characters, L1 C1 C2
    L2 C3 C4 (L a lead byte E2..EF, C a continuation byte 80..BF), become three characters: (L1 C1),
    (C2 L2) and (C3 C4). In GBK the third is from a region outside GB 2312, which Simplified text hardly
    uses; legitimate text rarely shows the three in a row."""
    continuation = range(0x80, 0xC0)
    leads = range(0xE2, 0xF0)
    first = _decodable_pairs("gbk", leads, continuation) | _decodable_pairs("big5", leads, continuation)
    second = _decodable_pairs("gbk", continuation, leads) | _decodable_pairs("big5", continuation, leads)
    third = _decodable_pairs("gbk", continuation, continuation) | _decodable_pairs("big5", continuation, continuation)
    # One leading class for both kinds keeps it a single fast scan; which kind matched is told after.
    lost_first = frozenset("锟斤烫屯")
    return re.compile(f"{_class(first | lost_first)}(?=[斤拷烫屯]|{_class(second)}{_class(third)})")


def cjk_mojibake(doc: Document) -> list[Mojibake]:
    return doc.memo("encoding.cjk_mojibake", _find_cjk)


def _find_cjk(doc: Document) -> list[Mojibake]:
    text = doc.text
    if text.isascii() or not _has_wide_characters(text):
        return []  # Latin-1 text holds no Han character
    found: list[Mojibake] = []
    if "锘" in text:  # a UTF-8 byte-order mark read as GBK, wherever it stands
        found.extend(
            Mojibake(m.start(), m.end(), "cjk", None, _lost_explanation(m.group()))
            for m in _BOM_READ_AS_GBK.finditer(text)
        )
    pattern = _cjk_candidate_pattern()
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            break
        start = match.start()
        lost = LOST_PATTERNS.match(text, start)
        if lost is not None:
            found.append(Mojibake(start, lost.end(), "cjk", None, _lost_explanation(lost.group())))
            position = lost.end()
            continue
        end = start
        while end < len(text) and not text[end].isascii() and not text[end].isspace():
            end += 1
        position = start + 1
        repair = _round_trip(text[start:end])
        if repair is not None:
            found.append(Mojibake(start, start + repair[0], "cjk", repair[1], repair[2]))
            position = start + repair[0]
    if "鈥" in text:
        taken = [(item.start, item.end) for item in found]
        found.extend(
            item
            for item in _punctuation_read_as_gbk(text)
            if not any(a < item.end and item.start < b for a, b in taken)
        )
    found.sort(key=lambda item: item.start)
    return found


# UTF-8's punctuation (quotes, dashes, the ellipsis: U+2010..U+203F, bytes E2 80 xx) read as GBK: E2 80
# becomes 鈥, an ideograph no text uses, and xx pairs with the next byte (’s -> 鈥檚, “T -> 鈥淭).
_GBK_PUNCTUATION = LazyPattern(r"鈥[^\x00-\x7f\s]")
_LOST_PUNCTUATION = LazyPattern("鈥[?\ufffd]")


def _punctuation_read_as_gbk(text: str) -> Iterator[Mojibake]:
    """Each run of UTF-8 punctuation read as GBK, with what it said; 鈥 before a lost byte (鈥�) with none."""
    for match in _LOST_PUNCTUATION.finditer(text):
        yield Mojibake(match.start(), match.end(), "cjk", None, "UTF-8 punctuation read as GBK, its last byte lost")
    position = 0
    while (match := _GBK_PUNCTUATION.search(text, position)) is not None:
        start = end = match.start()
        # Whole pairs "鈥" + next character, as long as they follow one another. (Repeated punctuation,
        # "——", puts its next E2 in the pair's second character, 鈥斺: not decoded here, reported by EN004
        # when a byte was lost.)
        repaired = ""
        while _GBK_PUNCTUATION.match(text, end):
            try:
                said = text[end : end + 2].encode("gbk").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                break
            if not ("\u2010" <= said[0] <= "\u203f"):
                break
            repaired += said
            end += 2
        position = max(end, start + 1)
        if end > start:
            yield Mojibake(start, end, "cjk", repaired, "UTF-8 punctuation read as GBK")


# Longest run tried: real damage is decoded a paragraph at a time, and a Chinese paragraph without a
# space or ASCII character can be long; the rest of a longer run is tried from where this one stops.
_MAX_RUN = 400


def _round_trip(run: str) -> tuple[int, str, str] | None:
    """(characters consumed, repaired text, explanation) when ``run`` begins with UTF-8 read as GBK or
    Big5: its bytes in that codec decode as UTF-8 into Chinese. The longest clean prefix is taken."""
    run = run[:_MAX_RUN]
    best = None
    for codec, superset in (("gbk", "gb18030"), ("big5", "big5hkscs")):
        # Three characters of damage are six bytes, two UTF-8 characters: legitimate text almost never
        # gets that far, so most candidates end here.
        if _clean_utf8_prefix(run[:3], superset) < 6:
            continue
        consumed = _clean_characters(run, superset)
        if consumed < 3:
            continue
        repaired = run[:consumed].encode(superset).decode("utf-8")
        plausible = len(repaired) < consumed and _plausible_repair(run[:consumed], repaired)
        if plausible and (best is None or consumed > best[0]):
            best = (consumed, repaired, f"UTF-8 read as {codec}")
    return best


def _clean_utf8_prefix(text: str, codec: str) -> int:
    """How many bytes of ``text`` encoded with ``codec`` decode as UTF-8, from the start."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return len(data)


def _clean_characters(run: str, codec: str) -> int:
    """The most characters of ``run`` whose bytes in ``codec`` decode as UTF-8 and end on a boundary."""
    try:
        data = run.encode(codec)
    except UnicodeEncodeError as error:
        run = run[: error.start]
        data = run.encode(codec)
    clean = _clean_utf8_prefix(run, codec) if len(data) else 0
    total = 0
    boundary = 0
    for count, char in enumerate(run, 1):
        total += len(char.encode(codec))
        if total > clean:
            break
        try:
            data[:total].decode("utf-8")
        except UnicodeDecodeError:
            continue
        boundary = count
    return boundary


def _plausible_repair(damaged: str, repaired: str) -> bool:
    """Whether ``repaired`` is what ``damaged`` said: Chinese text in one character set (GB 2312, or
    Big5), at least two Han characters, and either three characters or more, or a damaged run holding
    a character outside both sets. Legitimate text whose bytes happen to decode as UTF-8 gives rare
    characters (extension A, letters of other scripts) or a mix of the two sets."""
    han = sum(1 for char in repaired if _HAN.match(char))
    if han < 2 or han * 10 < len(repaired) * 6:
        return False
    if not (_encodable(repaired, "gb2312") or _encodable(repaired, "big5")):
        return False
    return len(repaired) >= 3 or any(not _encodable(c, "gb2312") and not _encodable(c, "big5") for c in damaged)


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _lost_explanation(pattern: str) -> str:
    if pattern.startswith(("锟", "斤")):
        return "U+FFFD replacement characters in UTF-8 read as GBK: the original characters were lost before"
    if pattern.startswith("锘"):
        return "a UTF-8 byte-order mark read as GBK"
    return "uninitialised memory (bytes CC or CD) read as GBK: the text was never written"


def _has_wide_characters(text: str) -> bool:
    """Whether any character is beyond U+00FF (encoding stops at the first one: cheap either way)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return False

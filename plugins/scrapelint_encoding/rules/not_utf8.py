"""EN001: a file that is not in UTF-8."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.findings import Applicability, Finding, Fix, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule

_NON_ASCII_RUN = LazyPattern(r"[^\x00-\x7f]+")


class Detection(NamedTuple):
    name: str  # the encoding as the detector names it (GB2312, Big5, UTF-16)
    confidence: float
    detector: str  # "chardet" or "byte-order mark"


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def detect(doc: Document) -> Detection:
    """What the file's bytes are, as chardet names it (the engine decoded them with a superset)."""
    if doc.encoding.startswith(("utf-16", "utf-32")):
        return Detection(doc.encoding.split("-le")[0].split("-be")[0].upper(), 1.0, "byte-order mark")
    if _canonical(doc.encoding) == "utf-8":
        return Detection("UTF-8", 1.0, "decoded as UTF-8")
    import chardet  # milliseconds: only for the rare file that is not UTF-8

    guess = chardet.detect(doc.raw)
    return Detection(guess.get("encoding") or doc.encoding, float(guess.get("confidence") or 0.0), "chardet")


class FileNotUtf8(Rule):
    """
    ## What it does
    Finds files that are not in UTF-8 (or in the encoding the `encoding` option names): scrapelint
    reads a file as UTF-8 and only when that fails asks chardet what it is. The finding names the
    encoding chardet detected (GB2312, GB18030, Big5...), its confidence, and the codec the file was
    decoded with (a superset of the detected one: gb18030 for GB2312 and GBK, big5hkscs for Big5), and
    it spans the first run of non-ASCII characters, where UTF-8 decoding failed.

    ## Why is this bad?
    Tools that read the corpus as UTF-8, which is nearly all of them, either fail on the file or turn
    its text into replacement characters and mojibake. A corpus in mixed encodings cannot be searched,
    diffed or concatenated safely.

    ## Example
    An article saved in GBK: the bytes `B7 A2 B2 BC` for `发布`, which UTF-8 cannot decode.

    Use instead: the same article in UTF-8, the bytes `E5 8F 91 E5 B8 83`.

    ## Fix
    Transcodes the file: it is written in UTF-8 (or the `encoding` option's encoding) from the text it
    was decoded to; no character changes. Safe when chardet's confidence is at least
    `min-safe-confidence`, unsafe below it (a wrong guess would write mojibake in UTF-8). chardet 7's
    confidences are low even when right: on 315 articles of the corpora re-encoded in GBK, Big5 and
    Windows-1252, every wrong guess scored 0.34 or less, while half of the right ones scored above 0.3.

    ## Options
    - `encoding` (string, default `utf-8`): the encoding files should be in.
    - `min-safe-confidence` (number, default 0.5): the chardet confidence from which the transcoding is
      a safe fix.
    """

    code = "EN001"
    name = "file-not-utf8"
    summary = "The file is not in UTF-8"
    severity = Severity.ERROR
    fix_availability = FixAvailability.ALWAYS
    options = {
        "encoding": Option(str, "utf-8", "the encoding files should be in"),
        "min-safe-confidence": Option((int, float), 0.5, "chardet confidence from which transcoding is safe"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        target = self.settings["encoding"]
        if _canonical(doc.encoding) == _canonical(target):
            return
        detection = doc.memo("encoding.detection", detect)
        try:
            doc.text.encode(target)
        except (UnicodeEncodeError, LookupError):
            fix = None  # the text holds characters the target encoding cannot write
        else:
            safe = detection.confidence >= self.settings["min-safe-confidence"]
            fix = Fix(
                (),
                Applicability.SAFE if safe else Applicability.UNSAFE,
                f"Write the file in {target} (now {doc.encoding})",
                encoding=target,
            )
        first = _NON_ASCII_RUN.search(doc.text)
        start, end = first.span() if first else (0, 0)
        message = (
            f"The file is {detection.name}, not {target}"
            f" ({detection.detector}, confidence {detection.confidence:.2f}; read as {doc.encoding})"
        )
        data = {
            "encoding": detection.name,
            "confidence": round(detection.confidence, 4),
            "detector": detection.detector,
            "decoded_as": doc.encoding,
            "target": target,
        }
        yield self.finding(start, end, message, fix=fix, data=data)

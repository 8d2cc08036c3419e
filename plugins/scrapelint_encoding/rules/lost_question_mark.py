"""EN005: a `?` that stands for a character an encoder could not write (亚洲?V, Jos? Mar?a)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrapelint.document import Document
from scrapelint.findings import Finding
from scrapelint.patterns import LazyPattern
from scrapelint.rules import Option, Rule

_HAN = LazyPattern("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ALNUM = LazyPattern("[A-Za-z0-9]")
_LETTER = LazyPattern("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LOWER = LazyPattern("[a-z\u00df-\u00f6\u00f8-\u00ff]")
# A token holding one of these is a URL, a path, a query or code: its "?" is syntax.
_SYNTAX = LazyPattern(r"[/=&:%#@\\.()\[\]{}<>_|$*+^~`]")
# Punctuation a word may carry at its edges ("Mar?a.", "(Jos?)", "*Mar?a*") without being code.
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}*_"
_TOKEN_BREAK = LazyPattern(r"[\s\"'“”‘’「」『』《》（），。、！：；]")
# Words that make a clause a question: a "?" after them is a question mark, even an ASCII one.
_QUESTION_WORD_ALTERNATIVES = (
    "什么|什麼|甚麼|甚么|怎|为何|為何|为什么|為什麼|谁|誰|哪|几|幾|多少|是否|难道|難道|岂|豈|何|如何"
    "|是不是|有没有|有沒有|能否|可否|会不会|會不會|要不要|对不对|對不對|好不好|吗|嗎|呢|吧|嘛|么|麼|啊|呀|咩|乜|點解"
)
_QUESTION_WORDS = LazyPattern(_QUESTION_WORD_ALTERNATIVES)
_CLAUSE_START = LazyPattern("[。！？!?；;，,、\n]")
# What an alternative question goes on with after its first choice.
_ALTERNATIVE = LazyPattern("还是|還是|或是|抑或")
# The question words of two characters or more, none a part of an ordinary word (几 is, in 几乎), and
# the Cantonese question forms and 还是: what makes a clause a question after a Latin word.
_QUESTION_FORMS = LazyPattern(
    "|".join(
        [word for word in _QUESTION_WORD_ALTERNATIVES.split("|") if len(word) >= 2]
        + ["还是", "還是", "有冇", "係咪", "係唔係", "會唔會", "得唔得", "使唔使", "好唔好"]
    )
)
_FENCE = LazyPattern(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_TAG_OPEN = LazyPattern(r"<[A-Za-z/!]")
_CODE_ELEMENT_START = LazyPattern(r"<(?:code|pre|kbd|samp|script|style)\b", re.IGNORECASE)
_CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


class _Syntax:
    """Whether an offset is in a URL, in code or in markup, where a "?" is syntax. Tested locally
    around each candidate; the code and element spans are worked out once, only for documents with
    code fences or code elements."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._blocks: list[tuple[int, int]] | None = None

    def covers(self, offset: int) -> bool:
        text = self.doc.text
        line_start = max(text.rfind("\n", 0, offset) + 1, offset - 2000)
        line = text[line_start:offset]
        if line.count("`") % 2:
            return True  # inside a Markdown code span
        opening = line.rfind("<")
        if opening > line.rfind(">") and _TAG_OPEN.match(line, opening):
            return True  # inside a tag
        token = line[line.rfind(" ") + 1 :] if line and not line[-1].isspace() else ""
        if "://" in token or "www." in token:
            return True
        return any(start <= offset < end for start, end in self._code_blocks())

    def _code_blocks(self) -> list[tuple[int, int]]:
        if self._blocks is None:
            doc, text = self.doc, self.doc.text
            blocks = []
            if "```" in text or "~~~" in text:
                blocks.extend(m.span() for m in _FENCE.finditer(text))
            if "<" in text and _CODE_ELEMENT_START.search(text):
                open_code: dict[str, int] = {}
                for tag in doc.tags:
                    if tag.name in _CODE_ELEMENTS:
                        if tag.kind == "start" and not tag.self_closing:
                            open_code.setdefault(tag.name, tag.start)
                        elif tag.kind == "end" and tag.name in open_code:
                            blocks.append((open_code.pop(tag.name), tag.end))
            self._blocks = blocks
        return self._blocks


class LostCharacterQuestionMark(Rule):
    """
    ## What it does
    Finds a `?` that stands for a character an encoder could not write (encoding to GBK, Big5 or
    Latin-1 with `errors="replace"` writes `?`):

    - between a Han character and a Latin letter or digit, with no space (`亚洲?V`, `?V无码`), unless a
      lone `?` ends a question typed in ASCII: the clause asks (`是什么?不`, `你有冇用過Facebook?我冇用`)
      or an alternative question goes on (`iPhone?还是Android`);
    - inside a Latin word, between a letter and a lower-case letter (`Mar?a`, `Jos?ph`);
    - with `between-han` on, between two Han characters when the clause before it has no question word
      (`聚合?链锁反应`; off by default: Chinese text often types its question mark in ASCII, `是什么?不`).

    A run of `?` is one finding. Not reported: a `?` in a URL, a path or query, code (Markdown code
    spans and blocks, `<code>`, `<pre>`), markup, or a token holding URL or code syntax (`a?b:c`,
    `page.php?id=1`), and a `?` that ends a question (followed by a space or the end of the line).

    ## Why is this bad?
    The character is lost: a name, a word or a brand is now unreadable, and the `?` reads as a
    question mark where there is none. Often the whole document went through a lossy encoder.

    ## Example
    ```text
    国产亚洲?V无码
    José Mar?a Aznar
    ```

    Use instead: the text from a source that kept the characters (`María`).

    ## Fix
    None: the lost character cannot be known from the text.

    ## Options
    - `between-han` (boolean, default false): also report a `?` between two Han characters when the
      clause before it has no question word.
    """

    code = "EN005"
    name = "lost-character-question-mark"
    summary = "A '?' stands for a character that an encoder could not write"
    options = {
        "between-han": Option(bool, False, "also report a '?' between two Han characters outside questions"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        position = text.find("?")
        if position < 0:
            return
        syntax: _Syntax | None = None
        while position >= 0:
            end = position + 1
            while end < len(text) and text[end] == "?":
                end += 1
            kind = self._kind(text, position, end)
            if kind is not None:
                if syntax is None:
                    syntax = _Syntax(doc)
                if not syntax.covers(position):
                    yield self._finding(text, position, end, kind)
            position = text.find("?", end)

    def _kind(self, text: str, start: int, end: int) -> str | None:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or not after:
            return None
        if _HAN.match(before) and _ALNUM.match(after):
            return None if self._in_question(text, start) else "han-latin"
        if _ALNUM.match(before) and _HAN.match(after):
            # A lone "?" ending a question typed in ASCII: an alternative question ("你用的是iPhone?还是
            # Android?"), or a clause with a question form of two characters or more ("你有冇用過
            # Facebook?"; one character, 几 or 何, is also a part of ordinary words: 几乎, 任何).
            if end - start == 1 and (_ALTERNATIVE.match(text, end) or _asks(text, start)):
                return None
            return "han-latin"
        if _LETTER.match(before) and _LOWER.match(after):
            # The white-space-delimited token around the "?": a URL or code token is syntax.
            head = text[max(0, start - 40) : start].split()
            tail = text[end : end + 40].split()
            token = ((head[-1] if head else "") + "?" + (tail[0] if tail else "")).strip(_EDGE_PUNCTUATION)
            if _SYNTAX.search(token) is None:
                return "latin-word"
            return None
        between_han = self.settings["between-han"] and _HAN.match(before) and _HAN.match(after)
        if between_han and not self._in_question(text, start):
            return "between-han"
        return None

    @staticmethod
    def _in_question(text: str, position: int) -> bool:
        """Whether the clause before ``position`` asks something (has a question word): the "?" is
        then a question mark typed in ASCII (是什么?不, 为什么?Because)."""
        return _clause_holds(text, position, _QUESTION_WORDS)

    def _finding(self, text: str, start: int, end: int, kind: str) -> Finding:
        token_start, token_end = _token(text, start, end)
        word = text[token_start:token_end]
        count = end - start
        what = "a character" if count == 1 else f"{count} characters"
        message = f"'?' in '{word}' stands for {what} lost in encoding"
        return self.finding(start, end, message, data={"word": word, "count": count, "context": kind})


def _asks(text: str, position: int) -> bool:
    """Whether the clause before ``position`` holds a question form of two characters or more."""
    return _clause_holds(text, position, _QUESTION_FORMS)


def _clause_holds(text: str, position: int, pattern: LazyPattern, reach: int = 40) -> bool:
    """Whether ``pattern`` occurs in the clause before ``position`` (back to a clause mark, at most
    ``reach`` characters)."""
    clause_start = position
    limit = max(0, position - reach)
    while clause_start > limit and not _CLAUSE_START.match(text, clause_start - 1):
        clause_start -= 1
    return pattern.search(text, clause_start, position) is not None


def _token(text: str, start: int, end: int, reach: int = 30) -> tuple[int, int]:
    """The word around text[start:end], up to white space, quotes and CJK punctuation."""
    head = _TOKEN_BREAK.split(text[max(0, start - reach) : start])[-1]
    tail = _TOKEN_BREAK.split(text[end : end + reach], maxsplit=1)[0]
    return start - len(head), end + len(tail)

"""Keyword runs: the stretch of spam phrases a hacked site strings together, judged as a run.

A run is a sequence of short items (split at ``|``, ``_``, ``,``, ``、``, line breaks, tags, links...)
most of which hold lexicon terms, with no sentence among them. One term, or many terms spread through
sentences (a story about a casino company, a lottery draw, a drug), is never a run.

Scoring, in points (the finding's ``data`` lists each):

- ``terms``: the distinct terms' weights (1 counts half), at most 12;
- ``chain``: 3 when three or more items are joined by separators;
- ``position``: 2 when nothing a reader would read comes after the run (tail) or before it (head);
- ``script``: 3 when the run is in another script than the article (Simplified in Traditional...);
- ``links``: 2 when the run links to two or more other sites;
- ``topic``: -3 when the rest of the article uses three or more strong terms itself (its topic);
- ``sentence``: -5 when the run is a list a sentence makes: a sentence leads into its first term,
  its items are joined only by commas, and its block ends with a full stop (a court report listing
  gambling sites).

``score`` is the points over 20, at most 1.0. The rule reports runs from ``min-score`` on; its fix is
safe from ``safe-score`` on, unsafe below.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from scrapelint.document import Document
from scrapelint.patterns import LazyPattern
from scrapelint_spam.layout import (
    block_bounds,
    external_link_hosts,
    reader_text,
    running_text_hits,
    visible_count,
)
from scrapelint_spam.lexicon import Hit, Lexicon, find_hits
from scrapelint_spam.scripts import script_shift

MAX_POINTS = 20.0
# Hits further apart than this (in characters) are not one run.
_GAP = 80
# At most this many items without a term inside a run ("日韩欧美中文在线" between two spam phrases).
_MAX_GAP_ITEMS = 3
# The lookaround in front only says where a separator can start (after a sentence mark, or at a blank or
# a separator character): the search rejects other places with two character tests instead of every
# branch. It matches exactly what the rest alone matches (tests check).
_SEPARATOR_START = r"(?:(?<=[。！？])|(?=[\s<\[\]|｜¦_,，、;；/\\•·●◆★☆♥→»«]))"
_SEPARATOR = LazyPattern(
    _SEPARATOR_START
    + r"(?:[ \t]*(?:<[^>\n]*>|\]\([^)\n]*\)|[\[\]\n|｜¦_,，、;；/\\•·●◆★☆♥→»«]|\s[-–—]\s|\u3000|[ \t]{2,}"
    r"|(?<=[^\x00-\x7f])[ \t]+(?=[^\x00-\x7f])|(?<=[。！？]))[ \t]*)+"
)
_EXPLICIT_SEPARATOR = LazyPattern(r"[\n|｜¦_,，、;；/\\•·●◆★☆♥→»«<\]\[]|\s[-–—]\s")
_HAN = LazyPattern(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = LazyPattern(r"[^\W\d_]+")
# A sentence ends inside the item: a CJK full stop followed by more text, or a Latin one, a space, more.
_SENTENCE_END = LazyPattern(r"[。！？][^\s)）」』”\"']|[.!?][ \t]+[^\W\d_]")
# Characters and words of running prose, all but absent from keyword lists.
_FUNCTION_CHARACTER = LazyPattern(
    "[的了是和与對对将將把被就也都而及其並并着著過过们們这這那我你他她它吗嗎呢吧因所以但如果已经經]"
)
# What a short item needs for a closer look: a sentence mark, a function character, or Latin words
# (two letters in a row). Written to open with one character class, which the search skips to, rather
# than as "[marks and characters]|[A-Za-z]{2,}", which it tries at every position: a mark or character
# matches at once, a letter when another follows. Only whether it matches is asked.
_PROSE_HINT_CHARACTERS = "。！？.!?的了是和与對对将將把被就也都而並并着著過过们們这這那我你他她它吗嗎呢吧因所以但如果"
_PROSE_HINT = LazyPattern(rf"[{_PROSE_HINT_CHARACTERS}A-Za-z](?:(?<=[{_PROSE_HINT_CHARACTERS}])|[A-Za-z])")
_FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "of", "to", "in", "is", "are", "was", "were", "be", "been", "that", "this", "it", "its",
        "for", "on", "with", "as", "by", "at", "from", "and", "or", "but", "has", "have", "had", "their", "his",
        "her", "which", "who", "will", "would", "can", "could", "said", "says", "el", "la", "los", "las", "de",
        "que", "en", "y", "un", "una", "por", "con", "para", "se", "del", "al", "est", "le", "les", "des", "et",
        "du", "une", "dans", "pour", "pas", "qui", "sur",
    }
)  # fmt: skip


_new_tuple = tuple.__new__


class Item(NamedTuple):
    start: int
    end: int
    hits: tuple[Hit, ...]
    prose: bool
    short: bool


class KeywordRun:
    # A plain class: a dataclass costs a millisecond to create when the pack is loaded.
    __slots__ = ("start", "end", "hits", "items", "term_items", "points", "script", "position", "hosts")

    def __init__(self, start: int, end: int, hits: list[Hit], items: int, term_items: int) -> None:
        self.start = start
        self.end = end
        self.hits = hits
        self.items = items
        self.term_items = term_items
        self.points: dict[str, float] = {}
        self.script: str | None = None
        self.position = "inline"
        self.hosts: list[str] = []

    @property
    def score(self) -> float:
        return round(min(1.0, max(0.0, sum(self.points.values()) / MAX_POINTS)), 2)

    @property
    def terms(self) -> list[str]:
        seen: dict[str, None] = {}
        for hit in self.hits:
            seen.setdefault(hit.term.text, None)
        return list(seen)

    @property
    def categories(self) -> list[str]:
        return sorted({hit.term.category for hit in self.hits})


def _kind_of_item(text: str) -> tuple[bool, bool]:
    """(prose, short): whether an item reads as a sentence rather than a keyword phrase, and whether it
    is short enough to sit between keyword phrases."""
    if len(text) <= 24 and not _PROSE_HINT.search(text):
        return False, True  # a short phrase with no sentence mark and no function word: the usual item
    han = len(_HAN.findall(text))
    words = _WORD.findall(text)
    short = han <= 40 and len(words) <= 8 + han
    if _SENTENCE_END.search(text) or text.rstrip().endswith(("。", "！", "？")):
        return True, short
    if han >= len(words):
        function = len(_FUNCTION_CHARACTER.findall(text))
        return function >= 4 or (function >= 2 and function >= 0.12 * han), short
    latin = [word.lower() for word in words if word.isascii()]
    function = sum(1 for word in latin if word in _FUNCTION_WORDS)
    return len(latin) >= 12 or (len(latin) >= 5 and function >= 0.25 * len(latin)), short


def _items(doc: Document, start: int, end: int, hits: list[Hit]) -> list[Item]:
    text = doc.text
    hit_starts = [hit.start for hit in hits]
    items: list[Item] = []
    first = 0  # the first hit at or after the item (items and hits both run forward)
    position = start
    for separator in [*_SEPARATOR.finditer(text, start, end), None]:
        item_end = separator.start() if separator is not None else end
        if item_end > position:
            piece = text[position:item_end]
            if not piece.isspace():
                # The hits that start in the item (hits never span a separator they would not match).
                first = bisect_left(hit_starts, position, first)
                last = bisect_left(hit_starts, item_end, first)
                prose, short = _kind_of_item(piece)
                # tuple.__new__, not Item's own __new__ (a Python function): the same Item, cheaper.
                items.append(_new_tuple(Item, (position, item_end, tuple(hits[first:last]), prose, short)))
        if separator is None:
            break
        position = separator.end()
    return items


def _clusters(hits: list[Hit]) -> list[list[Hit]]:
    clusters: list[list[Hit]] = []
    for hit in hits:
        if clusters and hit.start - clusters[-1][-1].end <= _GAP:
            clusters[-1].append(hit)
        else:
            clusters.append([hit])
    return clusters


def _promising(hits: list[Hit]) -> bool:
    """A cheap test before any markup is looked at: enough distinct terms, one of them strong."""
    if len(hits) < 3:
        return False
    weights: dict[str, int] = {}
    for hit in hits:
        weights[hit.term.text] = hit.term.weight
    return len(weights) >= 2 and max(weights.values()) >= 2 and sum(weights.values()) >= 5


def _core_runs(items: list[Item]) -> list[tuple[int, int]]:
    """Index ranges [first, last] of item sequences: term items with at most a few short non-prose
    items between them, never a sentence."""
    runs = []
    index = 0
    while index < len(items):
        if not items[index].hits or items[index].prose:
            index += 1
            continue
        first = last = index
        gap = 0
        scan = index + 1
        while scan < len(items):
            item = items[scan]
            if item.prose:
                break
            if item.hits:
                last = scan
                gap = 0
            else:
                gap += 1
                if gap > _MAX_GAP_ITEMS or not item.short:
                    break
            scan += 1
        runs.append((first, last))
        index = last + 1
    return runs


def _extend(items: list[Item], first: int, last: int) -> tuple[int, int]:
    """Take in the rest of the block when it holds only short keyword-like items (the chain's ends)."""
    if all(item.short and not item.prose for item in items[:first]):
        first = 0
    if all(item.short and not item.prose for item in items[last + 1 :]):
        last = len(items) - 1
    return first, last


def _judge(
    doc: Document, items: list[Item], first: int, last: int, outside_strong: int, block: tuple[int, int]
) -> KeywordRun | None:
    core = items[first : last + 1]
    term_items = [item for item in core if item.hits]
    hits = [hit for item in term_items for hit in item.hits]
    weights: dict[str, int] = {}
    for hit in hits:
        weights[hit.term.text] = hit.term.weight
    strong = [weight for weight in weights.values() if weight >= 2]
    dense = len(core) < 3 and len(hits) >= 4 and len(weights) >= 3 and len(strong) >= 2
    if not dense and (len(term_items) < 3 or len(term_items) < 0.5 * len(core)):
        return None
    if len(weights) < 2 or not strong:
        return None
    first, last = _extend(items, first, last)
    start, end = items[first].start, items[last].end
    text = doc.text
    # A run that reaches the block's edge takes the separators there too ("... | 免费无码午夜福利片 |").
    if first == 0:
        start = block[0] + len(text[block[0] : start]) - len(text[block[0] : start].lstrip())
    if last == len(items) - 1:
        end = block[1] - (len(text[end : block[1]]) - len(text[end : block[1]].rstrip()))
    points = {"terms": min(12.0, sum(strong) + 0.5 * (len(weights) - len(strong)))}
    separators = _EXPLICIT_SEPARATOR.findall(text, start, end)
    if len(term_items) >= 3 and len(separators) >= 2:
        points["chain"] = 3.0
    run = KeywordRun(start, end, hits, last - first + 1, len(term_items))
    if visible_count(doc, end, len(text), cap=40) < 40:
        run.position = "tail"
        points["position"] = 2.0
    elif visible_count(doc, doc.body_start, start, cap=40) < 40:
        run.position = "head"
        points["position"] = 2.0
    # A sample of each is enough to tell a script (and keeps a long spam page cheap).
    run_text = reader_text(doc, start, min(end, start + 600))
    context = reader_text(doc, max(doc.body_start, start - 600), start) + " " + reader_text(doc, end, end + 600)
    run.script = script_shift(run_text, context)
    if run.script:
        points["script"] = 3.0
    run.hosts = external_link_hosts(doc, start, end)
    if len(run.hosts) >= 2:
        points["links"] = 2.0
    if outside_strong >= 3:
        points["topic"] = -3.0
    if _enumeration_in_a_sentence(doc, separators, end, hits[0].start):
        points["sentence"] = -5.0
    run.points = points
    return run


def _enumeration_in_a_sentence(doc: Document, separators: list[str], end: int, first_hit: int) -> bool:
    """Whether the run is a list that a sentence makes: a sentence leads into its first term ("判决书列明的
    赌博项目包括：百家乐、龙虎斗、六合彩。", "该团伙为“太阳城”、“皇冠体育”等网站"), its items are joined only
    by commas (、，,), and the block it ends in closes with a full stop. An injected line starts with its
    terms (or right after a full stop) and is joined by | _ or spaces. ``separators`` are the run's
    explicit separators (``_EXPLICIT_SEPARATOR``), which the run's score counts too."""
    marks = set(separators) - {"<", "[", "]"}
    if not marks or not marks <= _ENUMERATION_COMMAS:
        return False
    lead = reader_text(doc, block_bounds(doc, first_hit)[0], first_hit)
    lead = lead[max(lead.rfind(mark) for mark in "。！？!?") + 1 :]  # the sentence the list is in
    if len(_LEAD_WORDS.findall(lead)) < 4:
        return False
    return reader_text(doc, *block_bounds(doc, end - 1)).rstrip().endswith(_SENTENCE_ENDS)


# Characters of a sentence leading into a list (Han characters and letters, not marks or digits).
_LEAD_WORDS = LazyPattern(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_ENUMERATION_COMMAS = frozenset({"、", "，", ","})
_SENTENCE_ENDS = ("。", "！", "？", "。”", "。」")


def keyword_runs(doc: Document, lexicon: Lexicon) -> list[KeywordRun]:
    """Every keyword run of the document's body, scored; computed once per lexicon."""
    return doc.memo(f"spam.runs:{id(lexicon)}", lambda d: _keyword_runs(d, lexicon))


def _keyword_runs(doc: Document, lexicon: Lexicon) -> list[KeywordRun]:
    hits = find_hits(doc, lexicon)
    if not _promising(hits):
        return []
    clusters = _clusters(hits)
    # A single cluster is every hit, found promising just now.
    promising = [True] if len(clusters) == 1 else [_promising(cluster) for cluster in clusters]
    if not any(promising):
        return []
    # Only now look at markup: drop the terms a reader never reads (tags, URLs, code, comments). Most
    # runs lose none, and keep their clusters.
    visible = running_text_hits(doc, hits)
    if len(visible) < len(hits):
        clusters = _clusters(visible)
        promising = [_promising(cluster) for cluster in clusters]
    candidates = [cluster for cluster, kept in zip(clusters, promising, strict=True) if kept]
    # The clusters partition the visible hits: those outside the candidates are the other clusters'.
    outside_strong = len(
        {
            hit.term.text
            for cluster, kept in zip(clusters, promising, strict=True)
            if not kept
            for hit in cluster
            if hit.term.weight >= 2
        }
    )
    runs: list[KeywordRun] = []
    for cluster in candidates:
        block_start = block_bounds(doc, cluster[0].start)[0]
        block_end = block_bounds(doc, cluster[-1].end - 1)[1]
        items = _items(doc, block_start, block_end, cluster)
        for first, last in _core_runs(items):
            run = _judge(doc, items, first, last, outside_strong, (block_start, block_end))
            if run is not None:
                runs.append(run)
    return runs

"""The TR pack on real articles: the seeds' leftovers, exact fixes, and the content-preservation check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scrapelint.cli import main
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.findings import Edit
from scrapelint.fixes import apply_edits, fix_document
from scrapelint.plugins import load_plugins
from scrapelint_tracking.inventory import inventory
from scrapelint_tracking.parameters import ParameterCatalogue
from scrapelint_tracking.preservation import article_text, difference, text_change, without_url_tails

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("00[012]_*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"


def tr_rules(options: dict | None = None) -> list:
    options = options or {}
    return [rule(options.get(rule.code)) for rule in load_plugins().rules if rule.code.startswith("TR")]


def lint(doc: Document, rules: list | None = None) -> list:
    return lint_document(doc, rules if rules is not None else tr_rules())


def paragraph_texts(text: str) -> list[str]:
    return [p.get_text() for p in BeautifulSoup(text, "html.parser").find_all("p")]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_seed_leftovers_are_all_reported(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    findings = lint(Document(text, seed.name))
    by_code: dict[str, list] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    assert len(by_code["TR005"]) == text.count("<!--")
    assert {text[f.start : f.end] for f in by_code["TR005"]} == set(re.findall(r"<!--.*?-->", text, re.S))
    assert len(by_code["TR006"]) == text.count("<style")
    attributes = [text[f.start : f.end].split("=")[0] for f in by_code["TR008"]]
    assert attributes.count("cms-style") == text.count("cms-style=")
    assert attributes.count("referrerpolicy") == text.count("referrerpolicy=")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_seed_fix_touches_only_the_leftovers_and_keeps_every_paragraph(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = Document(text, seed.name)
    findings = lint(doc)
    outcome = fix_document(doc, lint)
    fixed = outcome.document.text
    for leftover in ("<!--", "<style", "cms-style", "referrerpolicy"):
        assert leftover not in fixed
    assert paragraph_texts(fixed) == paragraph_texts(text)
    assert not lint(outcome.document)
    # Every leftover goes in the first pass: the fixed text is the original with exactly these edits.
    edits = [edit for finding in findings for edit in finding.fix.edits]
    assert apply_edits(text, edits) == fixed
    removable = re.compile(
        r"\s*(?:<!--.*?-->|<style>.*?</style>|\s(?:cms-style|referrerpolicy)=\"[^\"]*\")\s*", re.DOTALL
    )
    for edit in edits:
        assert edit.content == ""
        assert removable.fullmatch(text[edit.start : edit.end]), text[edit.start : edit.end]
        # A whole-line removal takes the line and its break, never part of a neighbouring line.
        if text[edit.end - 1 : edit.end] == "\n":
            assert edit.start == 0 or text[edit.start - 1] == "\n"


def test_excerpt_separator_is_not_reported_but_cms_comments_are() -> None:
    text = "---\ntitle: x\n---\nIntro.\n\n<!-- more -->\n\nBody.<!--more-->\n\n<!-- EM_StockImg_Start -->\n"
    codes = [(f.code, f.row) for f in lint(Document(text, "post.md"))]
    assert codes == [("TR005", 10)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '<p><a href="https://example.com/a?id=7&utm_source=rss&utm_medium=feed#top">a</a></p>\n',
            '<p><a href="https://example.com/a?id=7#top">a</a></p>\n',
        ),
        (
            "[a](https://example.com/a?id=7&utm_source=rss&utm_medium=feed#top)\n",
            "[a](https://example.com/a?id=7#top)\n",
        ),
        (
            "See https://example.com/a?id=7&utm_source=rss&utm_medium=feed#top today.\n",
            "See https://example.com/a?id=7#top today.\n",
        ),
        (
            # Separators escaped once, and twice by a scraper that escaped escaped markup.
            '<p><a href="https://example.com/a?id=7&amp;utm_source=rss&amp;amp;utm_medium=feed&amp;amp;p=2">a</a></p>\n',
            '<p><a href="https://example.com/a?id=7&amp;amp;p=2">a</a></p>\n',
        ),
    ],
    ids=["html", "markdown", "bare", "escaped-separators"],
)
def test_tracking_parameters_are_removed_in_html_and_markdown(tmp_path: Path, text: str, expected: str) -> None:
    article = tmp_path / "article.md"
    article.write_text(text, encoding="utf-8")
    code = main(["check", "--select", "TR001", "--fix", "--no-cache", "-j", "1", str(article)])
    assert code == 0
    assert article.read_text(encoding="utf-8") == expected


def test_parameters_come_from_clearurls_and_meaningful_ones_are_kept() -> None:
    catalogue = ParameterCatalogue(keep=["source", "ref", "id", "page"])
    cleaned = catalogue.clean("https://www.google.com/search?q=scrapers&source=hp&ei=abc&ref=x&page=2")
    assert cleaned is not None
    # "source" is in ClearURLs' google rules, but it is one of the meaningful names never removed.
    assert cleaned.url == "https://www.google.com/search?q=scrapers&source=hp&ref=x&page=2"
    assert [(m.name, m.source) for m in cleaned.removed] == [("ei", "ClearURLs:google")]
    bilibili = catalogue.clean("https://www.bilibili.com/video/BV1/?vd_source=f00&p=2")
    assert bilibili is not None and bilibili.removed[0].source == "ClearURLs:bilibili.com"
    wechat = catalogue.clean("https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab&chksm=cd&scene=21#wechat_redirect")
    assert wechat is not None
    assert wechat.url == "https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab#wechat_redirect"
    assert catalogue.clean("https://example.com/page?q=1&lang=en#section-2") is None


def test_users_extend_and_allow_list_parameters_and_hosts() -> None:
    options = {
        "TR001": {
            "keep-parameters": ["source", "ref", "id", "page", "utm_campaign"],
            "extend-parameters": ["share_token", "news.example.com:from"],
            "allow-hosts": ["partner.example.org"],
        }
    }
    text = (
        "[a](https://news.example.com/x?from=feed&utm_campaign=c&utm_source=s&share_token=t)\n"
        "[b](https://partner.example.org/x?utm_source=s) [c](https://other.example.com/x?from=2020)\n"
    )
    rules = tr_rules(options)
    findings = lint(Document(text, "a.md"), rules)
    assert [f.data["parameters"] for f in findings] == [["from", "utm_source", "share_token"]]
    fixed = fix_document(Document(text, "a.md"), lambda doc: lint(doc, rules)).document.text
    assert fixed.splitlines()[0] == "[a](https://news.example.com/x?utm_campaign=c)"


def test_a_fix_that_would_reveal_hidden_text_is_withheld_and_says_why(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.html"
    original = (
        '<p style="text-align:center">Shown.</p>\n'
        '<p style="display:none">cheap pills casino</p>\n'
        '<div style="display:none"></div>\n'
    )
    article.write_text(original, encoding="utf-8")
    main(["check", "--select", "TR007", "--fix", "--no-cache", "-j", "1", "--output-format", "json", str(article)])
    fixed = article.read_text(encoding="utf-8")
    assert fixed == '<p>Shown.</p>\n<p style="display:none">cheap pills casino</p>\n<div></div>\n'
    remaining = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["location"]["row"]) for f in remaining] == [("TR007", 2)]
    assert remaining[0]["fix"] is None
    assert "fix withheld" in remaining[0]["message"]
    assert "cheap pills casino" in remaining[0]["message"]
    assert remaining[0]["data"]["fix_withheld"]["after"].endswith("cheap pills casino")


def test_a_change_that_only_shows_blocks_is_described_as_revealing_them() -> None:
    before = ("Lead paragraph.", "Second paragraph.")
    shown = difference(before, ("Lead paragraph.", "Autoplay", "Second paragraph."))
    assert (shown.before, shown.after) == ("", "Autoplay")
    assert shown.describe() == "it would reveal text a reader does not see now: 'Autoplay'"
    hidden = difference(before, ("Second paragraph.",))
    assert hidden.describe() == "it would remove article text: 'Lead paragraph.'"
    changed = difference(before, ("Lead paragraph. Second paragraph.",))  # two paragraphs joined
    assert (changed.before, changed.after) == ("Lead paragraph.", "Lead paragraph. Second paragraph.")


def test_preservation_check_sees_paragraphs_headings_items_and_captions() -> None:
    markup = "<h2>Title</h2><p>One <b>two</b></p><ul><li>item</li></ul><figure><figcaption>cap</figcaption></figure>"
    assert article_text(markup) == ("Title", "One two", "item", "cap")
    assert article_text("Para one.\n\n![](https://x/p.gif) Para [two](https://x).\n") == ("Para one.", "Para two.")
    text = "First paragraph.\n<!-- EM_StockImg_Start -->\nSecond paragraph.\n"
    doc = Document(text, "a.md")
    # Deleting the comment's whole line would join the two Markdown paragraphs into one: the check sees it.
    line = text.index("<!--")
    change = text_change(doc, [Edit.delete(line, text.index("Second"))])
    assert change is not None and change.before == "First paragraph." and "Second" in change.after
    # The rule's own fix empties the line instead, and the check agrees that nothing changes.
    (finding,) = lint(doc)
    assert text_change(doc, finding.fix.edits) is None


def _documents() -> list[Path]:
    files = [*SEEDS]
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix in {".md", ".html"})
    return files


@pytest.mark.parametrize("path", _documents(), ids=lambda path: path.name[:40])
def test_no_offered_fix_changes_the_article_text(path: Path) -> None:
    """The rules judge, without parsing, that most fixes cannot reach the text; check them with the parser."""
    doc = Document.from_bytes(path.read_bytes(), path.name)
    findings = lint(doc)
    fixes = [f for f in findings if f.fix is not None]
    if not fixes:
        return
    outcome = fix_document(doc, lint, unsafe=True)
    # A bare URL's query is the one thing a fix may change in the text a reader sees.
    before = without_url_tails(article_text(doc.text[doc.body_start :]))
    after = without_url_tails(article_text(outcome.document.text[outcome.document.body_start :]))
    assert after == before


@pytest.mark.parametrize("path", _documents(), ids=lambda path: path.name[:40])
def test_removing_styles_is_judged_as_parsing_the_fixed_text_would(path: Path) -> None:
    """text_change reads the parsed tree again, rather than parsing the fixed text, when edits only delete
    style attributes: on every style of the seeds and the corpus, alone and all at once, it must answer
    what the parse of the fixed text answers."""
    doc = Document.from_bytes(path.read_bytes(), path.name)
    styles = [attribute for _, attribute in inventory(doc).attributes if attribute.name == "style"]
    if not styles:
        return
    before = article_text(doc.text[doc.body_start :])
    for edits in [*([Edit.delete(a.start, a.end)] for a in styles), [Edit.delete(a.start, a.end) for a in styles]]:
        after = article_text(apply_edits(doc.text, edits)[doc.body_start :])
        # The tree read again, and the fixed text parsed, must give the same article text: the same
        # answer, down to the block and its text.
        change, expected = text_change(doc, edits), difference(before, after)
        assert (change is None) == (after == before)
        if change is not None:
            assert (change.index, change.before, change.after) == (expected.index, expected.before, expected.after)


def test_a_hiding_style_on_an_element_that_holds_nothing_is_fixed_without_a_parse(monkeypatch) -> None:
    from scrapelint_tracking import preservation

    checked = []
    monkeypatch.setattr(preservation, "_text_change", lambda doc, edits, ignore: checked.append(edits))
    rules = [rule for rule in tr_rules() if rule.code == "TR007"]
    empty = '<p>A <span style="display:none"></span>B <input style="display:none" type="text"></p>\n'
    assert [f.fix is not None for f in lint(Document(empty, "a.html"), rules)] == [True, True]
    assert checked == []
    # Whitespace is text, and an attribute written flush against the next one is not the simple case:
    # both are checked.
    for text in ('<p>A</p><span style="display:none"> </span>\n', '<p>A</p>\n<div style="display:none"hidden></div>\n'):
        lint(Document(text, "a.html"), rules)
    assert len(checked) == 2


def test_beacon_lookup_agrees_with_a_scan_of_the_beacon_list() -> None:
    """beacon_url looks hosts up in an index of beacons.json; it must answer what a scan of the list would."""
    from scrapelint_tracking.beacons import _PATH, beacon_url
    from scrapelint_tracking.parameters import blocked_host, host_matches, host_of

    entries = json.loads((ROOT / "plugins" / "scrapelint_tracking" / "data" / "beacons.json").read_text())["beacons"]

    def scanned(url: str) -> str | None:
        host = host_of(url)
        if not host:
            return None
        match = _PATH.match(url)
        path = (match.group(1) or "/") if match else "/"
        for entry in entries:
            if host_matches(host, entry["host"]) and path.startswith(entry.get("path", "")):
                return entry["what"]
        provider = blocked_host(url)
        return f"served by an ad or tracking server (ClearURLs blocks {provider})" if provider else None

    hosts = {entry["host"] for entry in entries} | {"example.com", "wp.com", "feedburner.com", "doubleclick.net"}
    paths = ["", "/", "/b.gif?x=1", "/~r/feed/~4/item", "/~ff/feed?a=b", "/1.0/comments/x", "/tr?id=1", "/~/i/1"]
    urls = [
        f"{scheme}{prefix}{host}{path}"
        for scheme in ("https://", "//", "HTTP://")
        for prefix in ("", "a.", "x.y.", "not")
        for host in sorted(hosts)
        for path in paths
    ]
    urls += ["https://securepubads.g.doubleclick.net/gampad/ad", "https://pagead2.googlesyndication.com/x.gif", ""]
    assert [beacon_url(url) for url in urls] == [scanned(url) for url in urls]


def test_loading_the_pack_compiles_no_pattern_and_imports_nothing_else() -> None:
    """Start-up is paid by every `scrapelint check`: patterns, data files and heavy modules wait for first use."""
    import subprocess
    import sys

    probe = (
        "import re, sys, json\n"
        "import scrapelint.document, scrapelint.rules, scrapelint.patterns\n"
        "modules, patterns = set(sys.modules), len(re._cache)\n"
        "import scrapelint_tracking\n"
        "rules = [rule() for rule in scrapelint_tracking.scrapelint_rules()]\n"
        "added = sorted(m for m in set(sys.modules) - modules if not m.startswith('scrapelint_tracking'))\n"
        "print(json.dumps({'modules': added, 'patterns': len(re._cache) - patterns}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {"modules": [], "patterns": 0}


def test_attributes_are_removed_without_gluing_the_rest_of_the_tag_together() -> None:
    rules = [rule for rule in tr_rules() if rule.code == "TR008"]
    # A lazy image's per-screen sources are the picture, not trackers.
    assert (
        lint(Document('<p>Text.</p>\n<img class="b-lazy" data-src-small="s.jpg" data-src-mobile="m.jpg">\n'), rules)
        == []
    )
    # Another attribute right after the value, with no space between: the space before stays.
    doc = Document('<p>Text.</p>\n<img alt="x"     data-lazyloaded="image-formats"data-pb-id="7">\n')
    fixed = fix_document(doc, lambda d: lint(d, rules)).document.text
    assert fixed == '<p>Text.</p>\n<img alt="x">\n'
    # A value broken by unescaped quotes runs on into the tag: reported, with no fix that would leave its
    # debris glued to the attribute before it.
    for broken in (
        '<p>Text.</p>\n<a class="v" data-video-attributes="&#123;"floating": "true"&#125;" href="/v">Video</a>\n',
        '<p>Text.</p>\n<a class="share" data-share-text="Watch "The Crown" trailer" href="/v">v</a>\n',
    ):
        [finding] = lint(Document(broken), rules)
        assert finding.fix is None and "no fix: its value runs into the rest of the tag" in finding.message
    # A bare attribute that ends the tag is an attribute: both hiding styles go, in TR007 too.
    styles = [rule for rule in tr_rules() if rule.code == "TR007"]
    doc = Document('<p>Text.</p>\n<div style="display:none"hidden><p style="display:none">secret</p></div>\n')
    fixed = fix_document(doc, lambda d: lint(d, styles)).document.text
    assert fixed == "<p>Text.</p>\n<div hidden><p>secret</p></div>\n"

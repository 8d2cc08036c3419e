"""The BP pack (publisher boilerplate) on the seeds, its fixes, metadata lines and configured phrases.

The fixture files (tests/fixtures/rules/BP*.yml) hold the rules' small cases; here are the seeds the
issue names, what the fixes keep byte for byte, and the options a corpus owner sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapelint.cli import main
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.fixes import fix_document
from scrapelint.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QR_BLOCK = (
    '            <div class="clearfix appendQr_wrap">\n'
    '                <div class="appendQr_normal"><img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"'
    ' referrerpolicy="no-referrer"></div>\n'
    '                <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>\n'
    "            </div>\n"
)


def boilerplate_rules(options: dict | None = None) -> list:
    return [rule(options) for rule in load_plugins().rules if rule.code.startswith("BP")]


def seed(name: str) -> Document:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return Document.from_bytes(path.read_bytes(), str(path))


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_sina_seeds_have_the_app_blurb_and_nothing_else(name: str) -> None:
    doc = seed(name)
    findings = lint_document(doc, boilerplate_rules())
    assert [finding.code for finding in findings] == ["BP001"]
    assert doc.text[findings[0].start : findings[0].end] == "海量资讯、精准解读，尽在新浪财经APP"
    assert findings[0].data["position"] == "tail"


def test_seed_004_has_the_navigation_links() -> None:
    doc = seed("004")
    findings = lint_document(doc, boilerplate_rules())
    assert [finding.code for finding in findings] == ["BP002"]
    last_line = doc.text[doc.text.rindex("\n") + 1 :]
    assert doc.text[findings[0].start : findings[0].end] == last_line
    assert last_line.startswith("[返回证券时报网新闻]")


def test_seed_003_has_the_copyright_notice() -> None:
    doc = seed("003")
    findings = lint_document(doc, boilerplate_rules())
    assert [finding.code for finding in findings] == ["BP003"]
    assert doc.text[findings[0].start : findings[0].end].startswith("版權聲明:凡注明")


def test_fixing_the_qr_blurb_removes_its_block_and_keeps_every_other_byte() -> None:
    doc = seed("000")
    rules = boilerplate_rules()
    outcome = fix_document(doc, lambda d: lint_document(d, rules))
    assert QR_BLOCK in doc.text
    assert outcome.document.text == doc.text.replace(QR_BLOCK, "", 1)
    assert lint_document(outcome.document, rules) == []


@pytest.mark.parametrize(
    "layout",
    [
        # A wire-service notice in its own paragraph, indented as the page was (AFP on RFI's pages). The
        # phrase "copyright" in its class is markup, not the notice.
        '<div class="body">            <p>{article}</p>            {notice}        </div>\n',
        '<div class="body"><p>{article}</p>{notice}</div>\n',
    ],
)
def test_fixing_a_notice_in_its_own_paragraph_removes_the_whole_paragraph(layout: str) -> None:
    article = "The vaccine campaign reached two million people this week, the ministry said on Friday."
    notice = '<p class="t-copyright">© 2020 AFP</p>'
    doc = Document("---\ntitle: t\n---\n" + layout.format(article=article, notice=notice))
    rules = boilerplate_rules()
    [finding] = lint_document(doc, rules)
    assert (finding.code, doc.text[finding.start : finding.end]) == ("BP003", "© 2020 AFP")
    [edit] = finding.fix.edits
    assert doc.text[edit.start : edit.end] == notice  # its start tag and its end tag: no "</p>" left alone
    fixed = fix_document(doc, lambda d: lint_document(d, rules)).document.text
    assert fixed == doc.text.replace(notice, "", 1)


def test_fixing_every_seed_with_both_packs_through_the_command_line(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert main(["check", "--select", "SP,BP", "--fix", "--no-cache", "--exit-zero", str(tmp_path)]) == 0
    assert main(["check", "--select", "SP,BP", "--no-cache", str(tmp_path)]) == 0
    fixed = (tmp_path / "004_df4b0940cadb3621.txt").read_bytes()
    original = (SEEDS / "004_df4b0940cadb3621.txt").read_bytes()
    assert fixed == original[: original.rindex(b"\n")]


def test_editor_credits_and_source_lines_are_metadata_unless_configured() -> None:
    for name in ("000", "004"):
        doc = seed(name)
        for finding in lint_document(doc, boilerplate_rules()):
            covered = doc.text[finding.start : finding.end]
            assert "责任编辑" not in covered and "文章来源" not in covered
    doc = seed("000")
    rules = [rule() for rule in load_plugins().rules if rule.code.startswith("BP") and rule.code != "BP007"]
    rules.append(load_plugins().rules.get("BP007")({"phrases": ["责任编辑"]}))
    findings = [finding for finding in lint_document(doc, rules) if finding.code == "BP007"]
    assert [doc.text[finding.start : finding.end] for finding in findings] == ["责任编辑：张亚楠"]
    fixed = fix_document(doc, lambda d: lint_document(d, rules)).document.text
    assert '<p class="article-editor">' not in fixed
    assert fixed.count("\n") == doc.text.count("\n") - QR_BLOCK.count("\n") - 1


def test_a_corpus_phrase_from_the_configuration(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("正文第一段。\n\n本文由某某网独家提供，欢迎阅读\n", encoding="utf-8")
    assert main(["check", "--select", "BP", "--no-cache", str(article)]) == 0
    (tmp_path / "scrapelint.toml").write_text(
        '[rules.copyright-notice]\nextra-phrases = ["独家提供"]\n', encoding="utf-8"
    )
    assert main(["check", "--select", "BP", "--no-cache", str(article)]) == 1
    assert main(["check", "--select", "BP", "--no-cache", "--fix", str(article)]) == 0
    assert article.read_text(encoding="utf-8") == "正文第一段。\n\n"
    (tmp_path / "scrapelint.toml").write_text(
        '[rules.copyright-notice]\nextra-phrases = "独家提供"\n', encoding="utf-8"
    )
    assert main(["check", "--select", "BP", "--no-cache", str(article)]) == 2


def test_every_rule_reports_its_kind_and_evidence() -> None:
    text = (
        "<p>Story text that is long enough to be the article itself, with several sentences in it.</p>\n"
        '<p>The post <a href="https://example.com/p">Title</a> appeared first on <a href="https://example.com">Site</a>.</p>\n'
    )
    (finding,) = lint_document(Document(text), boilerplate_rules())
    assert finding.code == "BP004"
    assert finding.data == {
        "kind": "feed-footer",
        "pattern": "feed footer",
        "position": "tail",
        "text": "The post Title appeared first on Site .",
    }


def test_boilerplate_in_code_is_quoted_not_boilerplate() -> None:
    text = "Our template printed this footer:\n\n```\nThe post X appeared first on Y.\n返回首页\n```\n"
    assert lint_document(Document(text), boilerplate_rules()) == []


def test_the_comment_shortcut_agrees_with_searching_back() -> None:
    from scrapelint_boilerplate.detection import _in_comment, _in_comment_searching_back

    text = "a <!-- b --> c <!-- d <!-- e --> f --> g <!--> h <!-- i"
    doc = Document(text, "page.html")
    for offset in range(len(text) + 1):
        expected = text.rfind("<!--", 0, offset) > text.rfind("-->", 0, offset)
        assert _in_comment(doc, offset) == expected, offset
        assert _in_comment_searching_back(doc, offset) == expected, offset
    for test in (_in_comment, _in_comment_searching_back):
        assert not test(Document("no comment --> here", "page.html"), 12)


def test_a_removal_that_opens_an_element_takes_its_end_tag_when_nothing_else_is_left_in_it() -> None:
    from scrapelint_spam.removal import removal_span

    text = '<div><p>Article text.</p><p>Listen on: <a href="x">Apple</a> | <a href="y">Spotify</a></p></div>\n'
    doc = Document(text)
    start, end = text.index("<p>Listen"), text.index("</p></div>")
    assert (
        text[slice(*removal_span(doc, start, end))]
        == '<p>Listen on: <a href="x">Apple</a> | <a href="y">Spotify</a></p>'
    )
    # When the element goes on with something a reader sees, the span is left as it was.
    text = '<div><p>Article.</p><p>Listen on: <a href="x">Apple</a> and read the rest of the story.</p></div>\n'
    doc = Document(text)
    start, end = text.index("<p>Listen"), text.index(" and read")
    assert removal_span(doc, start, end) == (start, end)


def test_a_related_link_in_its_heading_block_does_not_take_the_next_subheading() -> None:
    article = (
        "---\ntitle: t\n---\n"
        "眾所週知，這份文件已經寫入黨章，顯示其地位不凡，各方都在研究它對未來五年政策的影響。\n\n"
        "相關文章： [十九大的核心議題（上）](https://example.com/article/7917)\n\n"
        "**三、個人崇拜**\n\n"
        "這一部分討論的是個人崇拜的問題，以及它在過去幾十年中的演變，還有它對黨內民主的影響。\n"
    )
    doc = Document(article)
    rules = boilerplate_rules()
    [finding] = lint_document(doc, rules)
    assert finding.code == "BP006"
    fixed = fix_document(doc, lambda d: lint_document(d, rules)).document.text
    # The line and its line break go; the subheading and its paragraph stay.
    assert fixed == article.replace("相關文章： [十九大的核心議題（上）](https://example.com/article/7917)\n", "", 1)


@pytest.mark.parametrize(
    ("code", "block"),
    [
        ("BP005", "[請支持《眾新聞》，立即按此訂閱成為我們的訂戶](https://example.com/aboutus/#subscribe)"),
        (
            "BP005",
            "感谢阅读今天的简报，新读者请点击此处订阅。点击这里查看往日更新。"
            "欢迎在Twitter(@nytchinese)和Facebook(@nytchinese)上关注我们，或通过cn.letters@nytimes.com给我们写信。",
        ),
        ("BP005", "For more coverage, sign up for Checks and Balance, our weekly newsletter on American politics."),
        ("BP006", "【相關報道】 [再多3人獲保釋](https://example.com/article/39217)"),
        ("BP006", '<p><a href="https://example.com/article/55255287">更多阅读：媒体聚焦拜登对华政策</a></p>'),
    ],
)
def test_prompts_and_related_links_phrased_the_ways_corpora_phrase_them(code: str, block: str) -> None:
    article = (
        "---\ntitle: t\n---\n"
        "The committee met on Tuesday to review the budget, and its members agreed to publish the figures "
        "next month after the auditors have checked them.\n\n"
        "委員會週二開會審議預算，成員同意在核數師核實後於下月公布數字。\n\n"
        f"{block}\n"
    )
    doc = Document(article)
    rules = boilerplate_rules()
    [finding] = lint_document(doc, rules)
    assert finding.code == code
    fixed = fix_document(doc, lambda d: lint_document(d, rules)).document.text
    assert fixed == article.replace(f"\n{block}\n", "\n", 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents can sign up for alerts through the county's emergency newsletter.",
        "More than a million readers sign up for the Substack newsletters each month, the company said.",
        "平台表示，老用户若按此订阅方案续费，每月需多支付五元。",
        "警方提醒，诈骗分子常以快递延误为由发送短信，诱导收件人点击这里订阅所谓的物流提醒服务，从而窃取银行卡信息。",
        "更多阅读：该公司在[年报](https://example.com/r)中披露，海外营收占比首次超过一半。",
        "【相关报道】据[路透社](https://example.com/r)报道，该公司将在明年裁员三百人。",
    ],
)
def test_news_sentences_that_mention_subscribing_or_reports_are_article_text(sentence: str) -> None:
    # Last in the article, where prompts and related links usually are: still the article's own sentence.
    article = (
        "---\ntitle: t\n---\n"
        "委員會週二開會審議預算，成員同意在核數師核實後於下月公布數字。\n\n"
        "The committee met on Tuesday to review the budget and agreed to publish the figures next month.\n\n"
        f"{sentence}\n"
    )
    assert lint_document(Document(article), boilerplate_rules()) == []


def test_a_run_of_lines_reads_as_its_blocks_texts_joined() -> None:
    # A finding over several lines takes its text from the lines' blocks where reader_text of the whole
    # stretch would read the same; the lines below are the cases where it would not.
    from scrapelint_boilerplate import blocks, detection
    from scrapelint_spam.layout import reader_text

    lines = [
        "Tom &amp; Jerry, subscribe",
        "請加入成為眾新聞的月費訂戶，長期支持我們的工作。",
        "月費訂戶 [網址：hkcnews.com/aboutus/#subscribe](/web/2021/https://www.hkcnews.com/aboutus/#subscribe)",
        "Read more at https://example.com/a. And www.example.org",
        "**Subscribe** to __our__ newsletter ![logo](logo.png) [here]( ) and `code`",
        "> Share this story",
        "###",
        "Follow us [on the app](",
        ")",
        "A line ending in a backslash\\   ",
        "# Related  ",
        "*",
        "*emphasis",
        'Share this <a class="x"',
        'href="https://example.com/s">story</a> now',
    ]
    for separator in ("\n", "\n\n", "\r\n", "\n  "):
        doc = Document(separator.join(lines) + "\n", "post.md")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + len(separator))
        for offset in starts:
            run = [blocks.block_at(doc, offset)]
            if run[0] is None:
                continue
            for _ in range(3):
                following = blocks.next_block(doc, run[-1])
                if following is None:
                    break
                run.append(following)
                whole = " ".join(reader_text(doc, run[0].start, run[-1].end).split())
                assert detection._run_text(doc, run) == whole, (separator, [block.raw for block in run])


# A block-level tag whose attribute quotes ">": the search for a block's bounds does not see that tag
# around an anchor in the attribute, so the block it gives the anchor runs over the tag.
LEAD = "<p>The bill passed on Tuesday after a long debate in the chamber, and members said more work was needed.</p>\n"
QUOTED_TAG = '<p title="Home > Follow us on Twitter">Follow us on Twitter for more updates.</p></div>\n'


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Reporting by Jane Doe. ", [("BP001", "Follow us on Twitter for more updates.")]),
        ("Share this story ", [("BP005", "Share this story"), ("BP001", "Follow us on Twitter for more updates.")]),
    ],
)
def test_a_prompt_after_a_tag_quoting_a_closing_bracket_is_found_in_its_own_block(before: str, expected: list) -> None:
    doc = Document(LEAD + "<div>" + before + QUOTED_TAG, "page.html")
    findings = lint_document(doc, boilerplate_rules())
    assert [(finding.code, doc.text[finding.start : finding.end]) for finding in findings] == expected


def test_the_blocks_left_unjudged_are_those_whose_findings_would_be_dropped() -> None:
    """``_KeptReach`` tells, while findings are found, which would be dropped as overlaps: judging only
    the others must keep what judging every block keeps, starts shared by several blocks included."""
    import random

    from scrapelint_boilerplate.detection import Boilerplate, _KeptReach, _without_overlaps

    generator = random.Random(7)
    for _ in range(3000):
        # A candidate's start and, when it is boilerplate, its finding's end, in the order of the starts
        # (blocks that share one in any order).
        candidates = sorted(
            (
                (start, generator.choice([None, start + generator.randint(1, 8)]))
                for start in (generator.randint(0, 30) for _ in range(generator.randint(1, 8)))
            ),
            key=lambda candidate: candidate[0],
        )
        found = [Boilerplate("k", start, end, "p", True, "tail", "") for start, end in candidates if end is not None]
        judged = []
        kept = _KeptReach()
        for start, end in candidates:
            if kept.covers(start) or end is None:
                continue
            judged.append(Boilerplate("k", start, end, "p", True, "tail", ""))
            kept.add(end)
        spans = [(item.start, item.end) for item in _without_overlaps(found)]
        assert [(item.start, item.end) for item in _without_overlaps(judged)] == spans, candidates

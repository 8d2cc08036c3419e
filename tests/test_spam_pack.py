"""The SP pack (spam injection) on the seeds, on long clean articles about its own topics, and its data.

The fixture files (tests/fixtures/rules/SP*.yml) hold the rules' small cases; here are the seeds the
issue names, articles of about 5,000 words that a lexicon of single words would call spam (a casino
company, a lottery draw, a drug story), the lexicon files, the options and the one-pass scan.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from scrapelint.cli import main
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.fixes import fix_document
from scrapelint.plugins import load_plugins
from scrapelint_spam import lexicon as lexicon_module
from scrapelint_spam.lexicon import CATEGORIES, LANGUAGES, LEXICON_DIR, TermWeightsOption, builtin_terms
from scrapelint_spam.options import ScoreOption

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SPAM_SEED = SEEDS / "003_5914db9d001bb131.txt"


def spam_rules(options: dict | None = None) -> list:
    return [rule(options) for rule in load_plugins().rules if rule.code.startswith("SP")]


def lint(text: str, path: str = "article.md", rules: list | None = None) -> list:
    return lint_document(Document(text, path), rules if rules is not None else spam_rules())


# -- the seeds ---------------------------------------------------------------------------------------


def test_seed_003_has_one_finding_spanning_exactly_the_final_keyword_line() -> None:
    raw = SPAM_SEED.read_bytes()
    doc = Document.from_bytes(raw, str(SPAM_SEED))
    findings = lint_document(doc, spam_rules())
    assert [finding.code for finding in findings] == ["SP001"]
    finding = findings[0]
    last_line_start = doc.text.rindex("\n") + 1
    assert (finding.start, finding.end) == (last_line_start, len(doc.text))
    assert finding.data["position"] == "tail"
    assert finding.data["script"] == "Hans in Hant"
    assert finding.data["score"] == 1.0
    assert {"无码", "熟妇", "午夜福利"} <= set(finding.data["terms"])
    assert finding.data["categories"] == ["porn"]
    assert finding.fix.applicability.value == "safe"


def test_seed_003_fix_removes_the_line_and_keeps_every_other_byte(tmp_path: Path) -> None:
    raw = SPAM_SEED.read_bytes()
    target = tmp_path / SPAM_SEED.name
    target.write_bytes(raw)
    assert main(["check", "--select", "SP", "--fix", "--no-cache", "--exit-zero", str(target)]) == 0
    # The last line has no newline: the line goes with the line break before it.
    assert target.read_bytes() == raw[: raw.rindex(b"\n")]
    assert main(["check", "--select", "SP", "--no-cache", str(target)]) == 0


@pytest.mark.parametrize("name", ["000_615a92d336f754fb.txt", "001_1963778fe24dd00c.txt", "002_caea89e28de8b229.txt",
                                  "004_df4b0940cadb3621.txt"])  # fmt: skip
def test_no_spam_finding_on_the_clean_seeds(name: str) -> None:
    doc = Document.from_bytes((SEEDS / name).read_bytes(), name)
    assert lint_document(doc, spam_rules()) == []


# -- long clean articles about the lexicon's topics ------------------------------------------------------

CASINO_COMPANY = [
    "Las Vegas Sands reported on Wednesday that revenue from its Macau casinos rose 12 percent in the third "
    "quarter, as mass-market gamblers returned to the baccarat tables of the Venetian and the Londoner after "
    "three years of border closures. The company said its operating income beat analysts' forecasts.",
    "The operator runs baccarat, blackjack, roulette and poker tables, plus several thousand slot machines, across "
    "its properties on the Cotai Strip. Executives told investors that the slot floor had recovered faster than the "
    "VIP rooms, where junket operators once brought high rollers from the mainland.",
    "Analysts at Morgan Stanley said the casino company was better placed than its rivals because it had kept its "
    "hotel rooms open during the pandemic. They raised their price target and said the shares, which have gained 30 "
    "percent this year, still traded at a discount to Wynn Resorts and MGM China.",
    "In the United States, the group has no casino resorts left after selling its Las Vegas properties, but it is "
    "lobbying for a licence in New York, where the state plans to award three downstate casino licences. Rivals "
    "including Caesars and Hard Rock have also bid, promising jobs and tax revenue.",
    "The company has stayed out of online casino games and sports betting, which have spread to more than 30 states "
    "since the Supreme Court struck down a federal ban in 2018. Its chief executive said online gambling was a "
    "different business with thin margins and heavy marketing costs.",
    "Competitors have spent heavily on promotions to win online customers. DraftKings cut its spending on casino "
    "bonus offers and free spins last year after investors complained about losses, and regulators in several "
    "states have restricted how such promotions can be advertised to young people.",
    "Macau's government requires the six concessionaires to invest in non-gaming attractions under the new licences "
    "that began this year. Sands has promised concerts, sports events and convention business, and said it would "
    "spend billions of dollars on its properties over the next decade.",
    "Gross gaming revenue in the territory is still below its 2019 level, when it reached about 36 billion dollars. "
    "Economists expect a full recovery to take until 2025, depending on air connections and visa rules for visitors "
    "from mainland China, who make up most of the market.",
    "The shares rose 4 percent in extended trading. Investors were also encouraged by the company's plan to resume "
    "dividend payments, which it suspended in 2020, and by its decision to buy back stock. The board approved a "
    "repurchase programme of two billion dollars.",
    "Problem gambling groups warned that the recovery should not come at the expense of player protection. They "
    "called on regulators to require operators to fund treatment programmes and to limit the jackpot advertising "
    "that appears on billboards across the city.",
    "The company's founder, Sheldon Adelson, who died in 2021, built the first Sands casino in Macau in 2004. His "
    "family remains the largest shareholder. The firm also owns Marina Bay Sands in Singapore, which reported record "
    "earnings as tourism there rebounded.",
]

LOTTERY_DRAW = [
    "中国福利彩票双色球第2023088期开奖结果昨晚揭晓，本期红球号码为03、08、15、21、27、32，蓝球号码为09。"
    "本期全国共中出一等奖6注，单注奖金为695万元，分落广东、江苏、浙江等地。",
    "据中国福利彩票发行管理中心介绍，本期双色球销量为3.6亿元，计奖后奖池金额累计至18.5亿元，下期彩民"
    "仍有机会以2元博取1000万元的头奖。二等奖中出112注，单注奖金为20万元。",
    "广东省一位中奖者在广州市天河区一家投注站购买了一张复式彩票，投注金额为28元。投注站工作人员表示，"
    "这位彩民是店里的老顾客，已经坚持购买同一组号码三年多。",
    "体育彩票超级大乐透当晚也进行了开奖，前区号码为05、11、18、26、33，后区号码为02、07。本期大乐透"
    "未开出一等奖，奖池累计至9.2亿元。中国体育彩票管理中心提醒彩民理性购彩。",
    "财政部近日公布的数据显示，今年上半年全国共销售彩票2797亿元，同比增长53%。其中，福利彩票销售"
    "1005亿元，体育彩票销售1792亿元。即开型彩票和竞彩的销量增幅较大。",
    "专家指出，彩票销量回升与线下投注站恢复营业有关。按照现行规定，互联网销售彩票仍未放开，任何机构"
    "不得开展网上投注业务。公安部门近年多次打击非法彩票平台和境外赌博网站。",
    "2015年，财政部等部门暂停了互联网彩票销售，此后多个高频彩种也陆续停售，2019年重庆时时彩等高频"
    "快开游戏正式退市。业内人士认为，这有助于防范彩民沉迷。",
    "中国福利彩票发行管理中心表示，将继续加强销售管理，严格禁止向未成年人销售彩票，并在投注站张贴"
    "理性购彩提示。彩票公益金将继续用于养老服务、残疾人事业和青少年体育等领域。",
    "据统计，今年以来全国已有超过40位彩民中得双色球千万元以上大奖。最高一注奖金出现在3月，一位山东"
    "彩民以一张倍投彩票独中5.6亿元，创下双色球历史纪录。",
    "兑奖方面，单注奖金超过1万元的，需要到省级福彩中心兑奖，并依法缴纳20%的个人所得税。中奖者可以"
    "选择不公开个人信息，福彩中心将为其保密。",
]

DRUG_STORY = [
    "The Food and Drug Administration warned consumers on Tuesday about counterfeit versions of Viagra and Cialis "
    "sold by websites that pose as a Canadian pharmacy. Tests of pills bought by agency investigators found "
    "sildenafil doses ranging from none at all to twice the approved amount.",
    "Erectile dysfunction drugs such as Viagra, Cialis and Levitra are among the medicines most often counterfeited, "
    "according to the World Health Organization. Generic sildenafil and tadalafil have been available since 2017, "
    "which has lowered prices, but demand for cheaper pills online persists.",
    "Doctors say that men who buy Viagra online without seeing a physician risk missing a diagnosis of heart disease "
    "or diabetes, for which erectile problems can be an early sign. Some patients take nitrates for chest pain, "
    "which can cause a dangerous drop in blood pressure when combined with sildenafil.",
    "The agency also flagged sites offering Xanax, Valium and tramadol with no prescription. Those drugs are "
    "controlled substances in the United States, and pharmacies may dispense them only against a valid prescription "
    "written after a medical examination.",
    "Investigators said many of the sites were registered abroad and shipped orders from India and China. Payment "
    "was often taken in cryptocurrency. The FDA and the Justice Department have shut down hundreds of domains in "
    "recent years, but new ones appear within days.",
    "Pharmacists urged patients to check that an online pharmacy is licensed in their state and displays the "
    "accreditation seal of the National Association of Boards of Pharmacy. Legitimate services always ask for a "
    "prescription and provide a pharmacist who can answer questions.",
    "Telehealth companies such as Hims and Ro now prescribe sildenafil and tadalafil after an online consultation "
    "with a licensed doctor. Their growth has been rapid since the pandemic, and they have spent heavily on "
    "advertising during sports broadcasts.",
    "A study published in the Journal of Urology found that about a third of men who had bought erectile dysfunction "
    "drugs without a prescription had at least one condition that made the medicine unsafe for them. The authors "
    "called for wider access to affordable consultations.",
    "The warning comes as regulators in Europe reported a rise in seizures of fake weight loss pills and of "
    "semaglutide pens sold through social media. Officials said the same criminal networks often sell counterfeit "
    "potency drugs and slimming products.",
    "Consumers who have taken pills bought from unlicensed sellers and feel unwell should seek medical help and "
    "report the product to the FDA's MedWatch programme, the agency said. It also asked payment companies to refuse "
    "transactions with the sites it has identified.",
]

MACAU_STORY = [
    "澳门特区政府博彩监察协调局公布，上月澳门博彩毛收入为185亿澳门元，按年上升逾三倍，恢复至疫情前约七成"
    "水平。分析员指出，中场业务复苏带动整体收入，贵宾厅业务则持续萎缩。",
    "今年起生效的新博彩法规定，六家承批公司须在非博彩元素方面大幅增加投资。银河、金沙、美高梅、永利、"
    "新濠及澳娱综合均承诺在未来十年投资逾千亿澳门元，发展会展、体育及文化旅游项目。",
    "去年底，太阳城集团行政总裁周焯华涉嫌非法赌博及洗钱被捕，案件今年初宣判，周焯华被判处监禁18年。"
    "案件揭示了贵宾厅中介人透过境外网上赌场接受内地客户投注的运作模式。",
    "检方指出，有关集团在菲律宾、柬埔寨等地经营网络赌场，接受中国内地居民以信贷方式下注，涉案金额逾"
    "八千亿港元。法院认定相关行为构成不法经营赌博罪。",
    "随着贵宾厅全面停业，新葡京、威尼斯人等娱乐场的赌桌资源转向中场，百家乐仍是最受欢迎的游戏，占博彩"
    "收入近九成。老虎机及电子游戏的比重亦有所上升。",
    "内地公安部门近年持续打击跨境赌博，多次通报查处组织内地居民出境参赌的案件，并提醒民众警惕各类网络"
    "赌博平台的诱骗手法。有关部门亦加强了对资金外流的监管。",
    "业界人士认为，澳门博彩业要实现可持续发展，必须摆脱对单一客源市场的依赖，积极开拓国际客源。澳门国际"
    "机场近月陆续恢复多条东南亚航线，旅客人次稳步回升。",
    "澳门大学博彩研究所所长表示，博彩业的社会成本不容忽视，政府应加强问题赌博的预防和辅导工作，并在娱乐场"
    "内设置更多负责任博彩资讯站。",
    "统计暨普查局数据显示，今年首季澳门本地生产总值按年实质上升逾五成，其中博彩服务出口增长最为显著。"
    "失业率亦回落至百分之三以下。",
]


def long_article(paragraphs: list[str], words: int, english: bool) -> str:
    """Paragraphs in turn until the article has about ``words`` words (Chinese: characters / 1.5)."""
    out: list[str] = []
    count = 0
    for paragraph in itertools.cycle(paragraphs):
        out.append(paragraph)
        count += len(paragraph.split()) if english else int(len(paragraph) / 1.5)
        if count >= words:
            break
    return "---\ntitle: A long article\ndate: 2023-08-01\n---\n\n" + "\n\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("paragraphs", "english"),
    [(CASINO_COMPANY, True), (LOTTERY_DRAW, False), (DRUG_STORY, True), (MACAU_STORY, False)],
    ids=["casino-company", "lottery-draw", "drug-story", "macau-casinos"],
)
def test_long_clean_articles_about_the_topics_get_no_spam_finding(paragraphs: list[str], english: bool) -> None:
    text = long_article(paragraphs, 5000, english)
    assert len(text.split()) >= 4800 if english else len(text) >= 7000
    assert lint(text) == []
    # The same article as HTML paragraphs.
    html = "<div>\n" + "\n".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n")[1:]) + "\n</div>\n"
    assert lint(html, "article.html") == []


def test_the_same_terms_strung_together_are_a_run() -> None:
    """The control for the long articles: their topic's terms, as a keyword chain, are reported."""
    chain = "buy viagra online | cheap cialis | tramadol no prescription | buy xanax | canadian pharmacy"
    text = long_article(DRUG_STORY, 800, True).rstrip("\n") + "\n\n" + chain + "\n"
    findings = lint(text)
    assert [finding.code for finding in findings] == ["SP001"]
    assert text[findings[0].start : findings[0].end] == chain
    assert findings[0].data["categories"] == ["pharma"]


COURT_REPORT = (
    "---\ntitle: 浙江法院审结特大网络赌博案\n---\n<div>\n"
    "<p>浙江省丽水市中级人民法院近日审结一起特大开设赌场案，被告人王某等32人分别被判处有期徒刑一年至十一年不等。</p>"
    "<p>法院查明，2018年至2020年间，该团伙为“太阳城”、“皇冠体育”、“澳门新葡京”、“金沙娱乐”等境外赌博网站提供支付结算服务，"
    "涉案资金流水高达120亿元。</p>"
    "<p>判决书列明的赌博项目包括：百家乐、龙虎斗、六合彩、时时彩、北京赛车、足球投注。</p>\n</div>\n"
)


def test_a_list_a_sentence_makes_is_not_a_run_but_the_same_terms_on_a_line_are() -> None:
    # A court report lists the gambling sites and games in its sentences: news, not spam.
    assert lint(COURT_REPORT, "court.md") == []
    # The same games as an injected line are a run, joined by bars, or by commas and closed by a full
    # stop, at the tail or inside a paragraph after its sentence: no sentence leads into them.
    injections = [
        # (the injected text, what the finding spans)
        (
            "百家乐 | 龙虎斗 | 六合彩 | 时时彩 | 北京赛车 | 足球投注\n",
            "百家乐 | 龙虎斗 | 六合彩 | 时时彩 | 北京赛车 | 足球投注",
        ),
        (
            "真人百家乐、网上赌场、澳门新葡京、六合彩、时时彩、北京赛车。\n",
            "真人百家乐、网上赌场、澳门新葡京、六合彩、时时彩",  # an item closed by a full stop reads as a sentence
        ),
        # Inside a paragraph, after its sentence (the last item runs on into the next sentence: left out).
        (
            "<p>市政府表示将继续推进。真人百家乐、网上赌场、澳门新葡京、六合彩、时时彩、北京赛车欢迎市民监督。</p>\n",
            "真人百家乐、网上赌场、澳门新葡京、六合彩、时时彩",
        ),
    ]
    for injection, spanned in injections:
        injected = COURT_REPORT + injection
        [finding] = lint(injected, "court.md")
        assert (finding.code, injected[finding.start : finding.end]) == ("SP001", spanned)


# -- lexicons -------------------------------------------------------------------------------------------


def test_every_language_and_category_has_a_lexicon_file_with_valid_weights() -> None:
    for language in LANGUAGES:
        for category in CATEGORIES:
            assert (LEXICON_DIR / language / f"{category}.txt").is_file(), (language, category)
    terms = builtin_terms()
    assert len(terms) > 500
    assert all(term.weight in (1, 2, 3) and term.text == term.text.strip() and term.text for term in terms)


@pytest.mark.parametrize(
    "word", ["性", "成人", "彩票", "casino", "lottery", "色情", "赌博", "赌场", "poker", "sex", "viagra"]
)
def test_generic_words_alone_are_absent_or_weak(word: str) -> None:
    weights = [term.weight for term in builtin_terms() if term.text.lower() == word]
    assert max(weights, default=1) == 1, word


# -- options --------------------------------------------------------------------------------------------


def test_options_are_validated() -> None:
    weights = TermWeightsOption(dict, {}, "")
    assert weights.validate("extend-terms", {"acme pills": 3}) == {"acme pills": 3}
    for bad in ({"acme": 4}, {"acme": True}, {"": 2}, ["acme"]):
        with pytest.raises(ValueError, match="extend-terms"):
            weights.validate("extend-terms", bad)
    score = ScoreOption((float, int), 0.5, "")
    assert score.validate("min-score", 1) == 1
    with pytest.raises(ValueError, match="min-score"):
        score.validate("min-score", 1.5)


def test_configuration_sets_and_validates_options(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Visit us.\n\nacme pills | acme casino | acme loans | acme pills online\n", encoding="utf-8")
    config = tmp_path / "scrapelint.toml"
    config.write_text(
        '[rules.spam-keyword-run]\nextend-terms = { "acme pills" = 3, "acme casino" = 3, "acme loans" = 3 }\n',
        encoding="utf-8",
    )
    assert main(["check", "--select", "SP", "--no-cache", str(article)]) == 1
    config.write_text('[rules.spam-keyword-run]\nextend-terms = { "acme pills" = 5 }\n', encoding="utf-8")
    assert main(["check", "--select", "SP", "--no-cache", str(article)]) == 2


def test_min_score_raises_the_bar() -> None:
    text = "Text.\n北京赛车pk10_pk10正规开户平台_北京pk10网上开户_时时彩注册送\n"
    (finding,) = lint(text)
    assert lint(text, rules=spam_rules({"min-score": finding.data["score"]})) != []
    chain = "Intro paragraph of the article, long enough to be read as prose by anyone. " * 8
    text = f"{chain}\n\nbuy viagra | cheap cialis | buy xanax | levitra\n\n{chain}\n"
    (finding,) = lint(text)
    assert finding.data["score"] < 1.0
    assert lint(text, rules=spam_rules({"min-score": finding.data["score"] + 0.01})) == []


# -- one pass ---------------------------------------------------------------------------------------------


def test_every_sp_and_bp_rule_shares_one_scan_of_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = lexicon_module.Lexicon.scan

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(lexicon_module.Lexicon, "scan", counting)
    rules = [rule() for rule in load_plugins().rules if rule.code[:2] in ("SP", "BP")]
    doc = Document.from_bytes(SPAM_SEED.read_bytes(), str(SPAM_SEED))
    codes = {finding.code for finding in lint_document(doc, rules)}
    assert {"SP001", "BP003"} <= codes
    assert len(calls) == 1


# -- hidden text and fixes ----------------------------------------------------------------------------------


def test_hidden_link_fix_keeps_the_rest_of_the_markdown_file() -> None:
    text = (
        "---\ntitle: 'Constructive stone'\n---\nJust like in real life, stones are easier to find.  \n"
        "<font style='position: absolute;overflow: hidden;height: 0;width: 0'><br /> "
        '<a href="http://www.hppc.example/talk/?page_id=1205"> Two girl one cup </a><br /> </font>  \n'
        "<!--more-->\n\nThere are several possible definitions of finite sets.\n"
    )
    rules = spam_rules()
    doc = Document(text)
    findings = lint_document(doc, rules)
    assert [finding.code for finding in findings] == ["SP002"]
    assert findings[0].data["techniques"] == ["zero-size"]
    assert findings[0].data["hosts"] == ["hppc.example"]
    fixed = fix_document(doc, lambda d: lint_document(d, rules)).document.text
    assert fixed == text.replace(text.splitlines(keepends=True)[4], "")


# -- shortcuts: the pack's cheap views agree with the core's -------------------------------------------------
# The SP and BP packs find the body, tags, blocks and code without parsing front matter or tokenizing whole
# documents (see the pack's README, "Start-up and cost"). Each shortcut must give what the core's view gives.

CORPUS = ROOT.parent / "shared" / "corpus"
TRICKY_MARKUP = [
    "<p>a</p><!-- <div> x </div> --><p>返回首页</p>",
    '<div title="a>b">x<br/>y</div><script>var s = "<p>in script</p>";</script><p>after</p>',
    "<iframe src=x><p>fallback</p></iframe><p>app 下载</p>\n<TITLE><div>t</div></TITLE><div>z</div>",
    "<p>unclosed comment <!-- <p> here\n<p>next line</p>",
    '<div style="display:none"><div><a href="http://x.example/">a b</a></div></div><p>c</p>',
    "<![CDATA[ <p> ]]><P CLASS=x>upper</P><br>done<div\u3000class=x>ideographic space</div>",
    "`<div style='display:none'>code</div>` and <span style='height:0'>x y</span>\n```\n<p>fenced</p>\n```\n",
    "<textarea><div>raw</div></textarea><noembed><p>n</p></noembed><xmp><div>x</div></xmp><div>end",
]
FRONT_MATTER = [
    "---\ntitle: x\n---\nbody",
    "\ufeff\n\n---\ntitle: x\n...\nbody",
    "+++\ntitle = 'x'\n+++\r\nbody",
    "---\ntitle: unclosed\nbody",
    "--- layout: post title: x ---\nbody",
    '{"title": "json"}\nbody',
    "{ not json\nbody",
    "no front matter\n---\nrule\n---\n",
    "---\r\ntitle: crlf\r\n---\r\nbody",
]


def sample_documents() -> list[Document]:
    paths = sorted(SEEDS.iterdir())
    if CORPUS.is_dir():
        paths += sorted(path for path in CORPUS.rglob("*") if path.suffix in (".md", ".html", ".txt"))
    docs = [Document.from_bytes(path.read_bytes(), str(path)) for path in paths]
    docs += [Document(text, name) for text in TRICKY_MARKUP + FRONT_MATTER for name in ("page.html", "post.md")]
    return docs


def test_where_the_body_starts_without_a_parse_is_where_the_parsed_block_ends() -> None:
    for doc in sample_documents():
        fresh = Document(doc.text, doc.path)
        cheap = fresh.body_start  # from the delimiters: nothing parsed yet
        front_matter = fresh.front_matter
        assert cheap == (front_matter.end if front_matter is not None and front_matter.closed else 0), doc.path


def test_tag_spans_are_the_tokenizers_tags_without_attributes() -> None:
    from scrapelint.markup import tokenize
    from scrapelint_spam.layout import tag_spans

    for doc in sample_documents():
        expected = [(t.kind, t.name, t.start, t.end, t.self_closing) for t in tokenize(doc.text)]
        assert [(t.kind, t.name, t.start, t.end, t.self_closing) for t in tag_spans(doc.text)] == expected


def test_block_bounds_without_tokenizing_agree_with_the_tokens() -> None:
    from scrapelint_spam.layout import _block_bounds_from_tags, block_bounds, line_span

    for doc in sample_documents():
        text = doc.text
        offsets = [match.start() for match in re.finditer(r"app|返回|[a-z]{4}|首页", text)][:60]
        for offset in offsets:
            line_start, line_end = line_span(doc, offset)
            assert line_span(doc, offset) == doc.line_span(offset)
            fast = block_bounds(Document(text, doc.path), offset)
            slow = _block_bounds_from_tags(Document(text, doc.path), offset, line_start, line_end)
            assert fast == slow, (doc.path, offset)


def test_tag_positions_and_closing_tags_agree_with_the_documents_tags() -> None:
    from scrapelint.markup import code_spans, matching_end
    from scrapelint_spam.layout import closing_tag, in_markdown_code, is_tag_position, tag_spans

    for doc in sample_documents():
        if not doc.has_markup:
            continue
        tags = doc.tags
        starts = {tag.start: index for index, tag in enumerate(tags)}
        for token in tag_spans(doc.text, doc.body_start):
            if token.kind != "start":
                continue
            assert is_tag_position(doc, token.start) == (token.start in starts), (doc.path, token.start)
            if token.start in starts and not token.self_closing:
                index = starts[token.start]
                closing = matching_end(tags, index)
                expected = (tags[closing].start, tags[closing].end) if closing is not None else None
                assert closing_tag(doc, token.name, token.end) == expected, (doc.path, token.start)
        if doc.is_markdown:
            spans = code_spans(doc.text, doc.body_start)
            for offset in range(doc.body_start, len(doc.text), 7):
                assert in_markdown_code(doc, offset) == any(a <= offset < b for a, b in spans), (doc.path, offset)


def test_every_automaton_of_the_lexicon_finds_the_same_terms_and_anchors() -> None:
    import ahocorasick_rs

    from scrapelint_spam.lexicon import _anchors_inside, default_lexicon, lowered_utf8

    load_plugins()  # the BP pack registers its anchors
    lexicon = default_lexicon()
    dfa = lexicon._build(ahocorasick_rs.Implementation.DFA)
    nfa = lexicon._build(ahocorasick_rs.Implementation.ContiguousNFA)
    for doc in sample_documents():
        data = lowered_utf8(doc)
        assert dfa.find_matches_as_indexes(data) == nfa.find_matches_as_indexes(data)
    # The anchors a term holds, found with one search per anchor, are those a check of every pair finds.
    terms = [pattern for pattern, term in zip(lexicon._patterns, lexicon._term_of, strict=True) if term is not None]
    anchors = {phrase: () for phrase in lexicon._patterns[len(terms) :]} | {"app": (), "下载": (), "pk10": ()}
    naive = {}
    for index, term in enumerate(terms):
        held = [anchor for anchor in anchors if anchor != term and anchor in term]
        if held:
            naive[index] = held
    assert _anchors_inside(terms, anchors) == naive


def test_loading_the_packs_builds_nothing_a_check_may_not_need() -> None:
    # Start-up: loading the SP and BP packs imports no parser, builds no automaton and compiles no pattern;
    # a document pays only for what it uses.
    import subprocess
    import sys

    probe = (
        "import sys, re\n"
        "from scrapelint import document, rules\n"
        "import scrapelint_spam, scrapelint_boilerplate\n"
        "compiled = []\n"
        "original = re._compile\n"
        "re._compile = lambda *args: compiled.append(args[0]) or original(*args)\n"
        "rules = [rule() for pack in (scrapelint_spam, scrapelint_boilerplate) for rule in pack.scrapelint_rules()]\n"
        "heavy = {'scrapelint.markup', 'scrapelint.frontmatter', 'html', 'ahocorasick_rs', 'yaml'} & set(sys.modules)\n"
        "print(sorted(heavy), len(compiled))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "0"]


def test_letters_and_han_are_counted_as_one_class_at_a_time_would() -> None:
    from scrapelint_spam import scripts

    for low, high in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        for character in map(chr, range(low, high + 1)):
            is_letter = re.fullmatch(r"[^\W\d_]", character) is not None
            assert is_letter == (scripts._HAN_LETTER_RUN.fullmatch(character) is not None), hex(ord(character))
    samples = [doc.text[start : start + 600] for doc in sample_documents() for start in (0, 600, 1800)]
    samples += ["", "abc", "中文 text 混合 123 ___", "\ufa6e\ufada 中 \ufa6d", "ひらがな漢字", "Кириллица 中"]
    for sample in samples:
        expected = (scripts._count(scripts._NOT_LETTER, sample), scripts._count(scripts._HAN, sample))
        assert scripts._letters_and_han(sample) == expected


def test_the_visible_text_pattern_strips_what_the_case_insensitive_one_did() -> None:
    from scrapelint_spam.layout import _STRIPPED

    original = re.compile(
        r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>|\]\([^)\s]*\)|https?://\S+", re.S | re.I
    )
    texts = [doc.text for doc in sample_documents()]
    texts.append("<SCRIPT>x</script> HTTPS://A.b hTTp://x <STYLE a>y</STYLE > <ſtyle>z</ſtyle> httpſ://q ]( x)")
    for text in texts:
        assert _STRIPPED.sub(" ", text) == original.sub(" ", text)


def test_the_separator_pattern_matches_what_it_did_without_its_start_test() -> None:
    from scrapelint_spam import runs

    original = re.compile(runs._SEPARATOR.pattern.removeprefix(runs._SEPARATOR_START))
    texts = [doc.text for doc in sample_documents()]
    texts.append("a。b！ c ， d｜e\u3000f  g - h <b>i</b> j](k) 中 文 l\u00a0m")
    for text in texts:
        assert [match.span() for match in runs._SEPARATOR.finditer(text)] == [
            match.span() for match in original.finditer(text)
        ]


def test_the_markdown_syntax_pattern_removes_what_it_did_without_its_lookahead() -> None:
    from scrapelint_spam.layout import _MARKDOWN_SYNTAX

    original = re.compile(r"!?\[|\]\(\s*\)|\]|[*_]{2,}|^#{1,6}\s|^>\s?|\\$", re.M)
    texts = [doc.text for doc in sample_documents()]
    texts.append("## a ![b](c) [d]( ) **e** __f_ *g\n> h\n>i \\\n###\n#j \\ k](\n)! [")
    for text in texts:
        assert _MARKDOWN_SYNTAX.sub(" ", text) == original.sub(" ", text)


def test_the_hiding_css_pattern_finds_what_its_branches_alone_find() -> None:
    from scrapelint_spam import hidden

    original = re.compile(hidden._HIDING_CSS_BRANCHES)
    values = [doc.text.lower().encode("utf-8") for doc in sample_documents()]
    values.append(
        b"display: none; visibility:hidden; x-height:0; height:0px !important; max-height: 0%; font-size:0;"
        b" line-height:0em} opacity:0.00; -opacity:0; left:-9999px; top: -100px; text-indent:-999em;"
        b" margin-left:-5000px; margin-top:-300px; width:0; width:0.5; Display:none"
    )
    for value in values:
        position = 0
        while True:
            found, expected = hidden._HIDING_CSS.search(value, position), original.search(value, position)
            assert (found and (found.span(), found.groupdict())) == (
                expected and (expected.span(), expected.groupdict())
            )
            if found is None:
                break
            position = found.start() + 1


def test_word_bounds_tested_on_the_bytes_are_those_of_the_characters() -> None:
    # The scan tests a match's bounds on the bytes before it converts offsets: what testing the
    # characters around the match, at character offsets, keeps.
    from scrapelint_spam.lexicon import _is_word_char, default_lexicon, lowered_utf8

    load_plugins()  # the BP pack registers its anchors
    lexicon = default_lexicon()
    texts = ["java jav JAV. xxxxxxx xxx", "c.2021 c.20 ©2020 (c)2019", "é中jav文 jav1 1jav 下载app appstore"]
    for doc in sample_documents() + [Document(text, "post.md") for text in texts]:
        text, data = doc.text, lowered_utf8(doc)
        expected_hits, expected_anchors = [], []
        for index, byte_start, byte_end in lexicon._automaton.find_matches_as_indexes(data):
            start, end = len(data[:byte_start].decode()), len(data[:byte_end].decode())
            pattern, term, labels = lexicon._patterns[index], lexicon._term_of[index], lexicon._labels_of[index]
            if _is_word_char(pattern[0]) and start > 0 and _is_word_char(text[start - 1]):
                continue
            last = pattern[-1]
            bounded_after = last.isascii() and (last.isalpha() if term is None else last.isalnum())
            if bounded_after and end < len(text) and _is_word_char(text[end]):
                continue
            if term is not None:
                expected_hits.append((start, end, term))
            if labels:
                expected_anchors.append((start, labels))
        found = lexicon.scan(text, data)
        assert [tuple(hit) for hit in found.hits] == expected_hits, doc.path
        assert found.anchors == expected_anchors, doc.path


def test_the_style_attribute_pattern_rejects_what_the_python_test_did() -> None:
    from scrapelint_spam.hidden import _STYLE_ATTRIBUTE
    from scrapelint_spam.lexicon import lowered_utf8

    original = re.compile(rb"style\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')")
    samples = [lowered_utf8(doc) for doc in sample_documents()]
    samples.append(b"style='a' <p cms-style=\"x\" data-style='y' style=\"display:none\"/style='z'>")
    for data in samples:
        kept = [
            match.span()
            for match in original.finditer(data)
            if match.start() == 0 or data[match.start() - 1 : match.start()] in b" \t\n\r\"'/"
        ]
        assert [match.span() for match in _STYLE_ATTRIBUTE.finditer(data)] == kept


def test_text_without_a_tag_link_or_url_mark_has_nothing_the_visible_count_strips() -> None:
    from scrapelint_spam.layout import _STRIPPED

    lines = [line for doc in sample_documents() for line in doc.text.splitlines()]
    lines += ["https//x http:/y ]x( >a< h ttps", "HTTP://A.b", "<b>", "](x)"]
    for line in lines:
        if "<" not in line and "](" not in line and "://" not in line:
            assert _STRIPPED.search(line) is None, line


def test_a_lone_surrogate_before_the_spam_run_leaves_the_scan_and_its_offsets_intact() -> None:
    # Corpus records may hold lone surrogates (JSON "\ud800"): the scan's byte-to-character offsets must
    # count one character for it, and no rule may fail on it.
    seed = (SEEDS / "003_5914db9d001bb131.txt").read_text(encoding="utf-8")
    rules = [rule() for rule in load_plugins().rules if rule.code[:2] in ("SP", "BP")]
    plain = lint_document(Document(seed, "a.txt"), rules)
    with_surrogate = lint_document(Document("\ud800 lone\n" + seed, "a.txt"), rules)
    assert not [f for f in with_surrogate if f.code == "SL001"]
    assert [(f.code, f.row + 1, f.column) for f in plain] == [(f.code, f.row, f.column) for f in with_surrogate]
    assert any(f.code == "SP001" for f in plain)


def test_the_prose_hint_matches_where_a_hint_character_or_two_letters_in_a_row_are() -> None:
    # _PROSE_HINT opens with one character class (a faster search): it must match exactly where
    # "[hint characters]|[A-Za-z]{2,}" does.
    from scrapelint_spam.runs import _PROSE_HINT, _PROSE_HINT_CHARACTERS

    plain = re.compile(f"[{_PROSE_HINT_CHARACTERS}]|[A-Za-z]{{2,}}")
    alphabet = ["a", "Z", "的", "。", ".", "?", "中", " ", "1", "_", "é"]
    texts = ["".join(chars) for size in range(5) for chars in itertools.product(alphabet, repeat=size)]
    texts += ["亚洲Av无码专区国产乱码DVD", "免费A级毛片无码A∨中文字幕下载", "好看的中文字幕", "x y z", "ab"]
    for text in texts:
        assert (_PROSE_HINT.search(text) is None) == (plain.search(text) is None), text

"""The EN pack (encoding damage): files in GBK and Big5 end to end, the seeds, and what stays quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labelled_corpus import needs_labelled_corpus, precision_and_recall
from scrapelint.api import fix_text
from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def pack_rules() -> list:
    return [rule() for rule in load_plugins().rules if rule.code.startswith("EN")]


def seed_text(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def seed_003_article() -> str:
    """Seed 003 without its Simplified spam footer, which Big5 cannot encode, and with the breadcrumb's
    no-break spaces as spaces (Big5 has no U+00A0): what a Big5 copy of the article holds."""
    text = seed_text("003")
    return text[: text.index("免费A级毛片")].replace("\xa0", " ")


COPIES = {
    "gbk-001": (lambda: seed_text("001"), "gbk", ("GB2312", "GBK", "GB18030")),
    "big5-003": (seed_003_article, "big5", ("Big5",)),
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_legacy_copy_is_reported_and_fixed_to_the_utf8_original(name: str, tmp_path: Path, run_cli) -> None:
    make_text, codec, family = COPIES[name]
    original = make_text().encode("utf-8")
    path = tmp_path / f"{name}.txt"
    path.write_bytes(original.decode("utf-8").encode(codec))

    result = run_cli("check", "--no-cache", "--select", "EN001", "--output-format", "json", str(path))
    (finding,) = json.loads(result.stdout)
    assert finding["data"]["encoding"] in family, finding["data"]
    assert finding["data"]["decoded_as"]  # the codec the engine read it with (a superset of the family)
    assert finding["fix"]["applicability"] == "safe"

    fixed = run_cli("check", "--no-cache", "--select", "EN001", "--fix", str(path))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert path.read_bytes() == original
    again = run_cli("check", "--no-cache", "--select", "EN001", "--fix", str(path))
    assert again.returncode == 0 and path.read_bytes() == original


def test_seed_003_question_marks_for_lost_characters() -> None:
    text = seed_text("003")
    findings = lint_document(Document(text), pack_rules())
    position = text.index("亚洲?V") + 2
    assert [f.code for f in findings if f.start == position and f.end == position + 1] == ["EN005"]


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_clean_seeds_have_no_encoding_finding(name: str) -> None:
    assert lint_document(Document(seed_text(name)), pack_rules()) == []


def test_mojibake_is_repaired_with_evidence() -> None:
    doc = Document("Weâ€™re at the cafÃ©. 鍙戝竷鏃堕棿 2023\n")
    findings = lint_document(doc, pack_rules())
    assert [(f.code, f.data["repaired"]) for f in findings] == [("EN002", "’"), ("EN002", "é"), ("EN003", "发布时间")]
    assert findings[0].data["detector"] == "ftfy"


def test_ftfy_and_chardet_are_only_loaded_for_documents_that_need_them(tmp_path: Path, modules_after_check) -> None:
    article = tmp_path / "clean.md"
    article.write_text("---\ntitle: A clean article\n---\nCafé, naïve, “quotes” and 中文 text.\n", encoding="utf-8")
    _report, loaded = modules_after_check("--no-cache", "--exit-zero", "--select", "EN", str(article))
    assert "scrapelint_encoding" in loaded and not {"ftfy", "chardet"} & loaded


def test_mixed_newlines_fix_to_the_dominant_style(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "mixed.md"
    path.write_bytes(b"one\r\ntwo\nthree\r\nfour\r\n")
    result = run_cli("check", "--no-cache", "--select", "EN008", "--fix", str(path))
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == b"one\r\ntwo\r\nthree\r\nfour\r\n"


def test_byte_order_mark_and_control_characters_are_removed(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff《\x16蘋果日報》照片\n".encode())
    result = run_cli("check", "--no-cache", "--select", "EN006,EN007", "--fix", str(path))
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == "《蘋果日報》照片\n".encode()


def test_rules_declare_what_the_docs_say() -> None:
    rules = {rule.code: rule for rule in load_plugins().rules if rule.code.startswith("EN")}
    assert sorted(rules) == [f"EN00{n}" for n in range(1, 9)]
    assert all(rule.pack == "encoding" and not rule.missing_doc_headings() for rule in rules.values())


@needs_labelled_corpus
def test_labelled_corpus_precision_and_recall() -> None:
    precision, recall = precision_and_recall(pack_rules(), "encoding")
    assert precision >= 0.95 and recall >= 0.90


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_decodable_pairs_decoded_together_equal_each_pair_decoded_alone(codec: str) -> None:
    # _decodable_pairs decodes every pair in one call, line feeds between them: it must find exactly
    # the characters that decoding each pair on its own finds.
    from scrapelint_encoding.mojibake import _decodable_pairs

    continuation, leads = range(0x80, 0xC0), range(0xE2, 0xF0)
    for first, second in ((leads, continuation), (continuation, leads), (continuation, continuation)):
        alone = set()
        for lead in first:
            for trail in second:
                try:
                    char = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(char) == 1 and not char.isascii():
                    alone.add(char)
        assert _decodable_pairs(codec, first, second) == alone


def test_c1_controls_of_a_misread_file_are_not_deleted_by_a_safe_fix(tmp_path: Path, run_cli) -> None:
    # English with curly quotes saved as Shift_JIS: chardet can only guess ISO-8859-1, which reads the
    # quotes' lead bytes (0x81) as C1 controls. Deleting them would lose the quotes for good.
    text = (
        "---\ntitle: A story\n---\n" + "He said \u201cjust do it\u201d and left. The board\u2019s decision stands. " * 6
    )
    path = tmp_path / "story.md"
    path.write_bytes(text.encode("shift_jis"))
    before = path.read_bytes()
    report = run_cli("check", "--no-cache", "--output-format", "json", "--select", "EN006", str(path))
    findings = json.loads(report.stdout)
    assert findings and all(f["fix"]["applicability"] == "unsafe" for f in findings)
    run_cli("check", "--no-cache", "--fix", "--select", "EN", str(path))
    assert path.read_bytes() == before


def test_punctuation_read_as_gbk_is_reported_and_repaired_where_its_bytes_survived() -> None:
    damaged = "Taylor’s “true” story".encode().decode("gbk", errors="replace")
    assert damaged == "Taylor鈥檚 鈥渢rue鈥� story"
    findings = lint_document(Document(damaged + "\n"), pack_rules())
    assert [(f.code, damaged[f.start : f.end], f.data["repaired"]) for f in findings] == [
        ("EN003", "鈥檚", "’s"),
        ("EN003", "鈥渢", "“t"),
        ("EN003", "鈥�", None),  # the closing quote's last byte is gone: reported, no repair
    ]
    fixed = fix_text(damaged + "\n", "a.md", config={"select": ["EN"]}, unsafe=True).text
    assert fixed == "Taylor’s “true鈥� story\n"


@pytest.mark.parametrize(
    "text",
    [
        "Android?机",
        "微软发布Windows?系统",  # ® lost
        "碧昂絲Beyonc?演唱會",  # é lost
        "他在Twitter???上发文",  # a run of "?" is never a question mark
        "他几乎每天都看AV?片",  # 几 of 几乎 asks nothing
        "任何人都知道2?年前的事",  # nor 何 of 任何
    ],
)
def test_a_lost_character_after_a_latin_word_is_still_found(text: str) -> None:
    assert [f.code for f in lint_document(Document(text + "\n"), pack_rules())] == ["EN005"]


def test_a_c0_control_next_to_a_c1_control_keeps_its_safe_fix() -> None:
    text = "Hello\x01\x81world\n"
    findings = lint_document(Document(text), pack_rules())
    assert [(f.code, text[f.start : f.end], f.fix.applicability.value) for f in findings] == [
        ("EN006", "\x01", "safe"),
        ("EN006", "\x81", "unsafe"),
    ]
    assert fix_text(text, "a.md", config={"select": ["EN006"]}).text == "Hello\x81world\n"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # Chinese read as Latin-1: 传 is E4 BC A0, so U+00A0 stands inside the mojibake; no white space.
        (
            "我们要从根本上解决问题，传统的做法已经不够了。".encode().decode("latin-1"),
            "我们要从根本上解决问题，传统的做法已经不够了。",
        ),
        # A real no-break space next to mojibake still ends the word, whose repair is kept.
        ("新闻 " + "发布时间".encode().decode("latin-1") + "\xa0今天。", "新闻 发布时间\xa0今天。"),
        ("Le cafÃ©\xa0! Très bon.", "Le café\xa0! Très bon."),
    ],
)
def test_latin_1_mojibake_is_repaired_whole_and_real_no_break_spaces_stay(damaged: str, repaired: str) -> None:
    text = f"第一段正常的文字。\n{damaged}\n"
    assert fix_text(text, "a.md", config={"select": ["EN"]}, unsafe=True).text == f"第一段正常的文字。\n{repaired}\n"

"""The engine's promises: crashes contained, suppressions honoured, selection, the fix loop."""

from __future__ import annotations

from scrapelint.document import Document
from scrapelint.engine import lint_document
from scrapelint.findings import Edit, Fix
from scrapelint.fixes import apply_edits, fix_document
from scrapelint.plugins import load_plugins
from scrapelint.rules import Rule, resolve_enabled

REGISTRY = load_plugins().rules


def rules(*codes: str) -> list[Rule]:
    return [REGISTRY.get(code)() for code in codes]


class Exploding(Rule):
    """A rule with a bug."""

    code = "ZZ001"
    name = "exploding"
    summary = "raises"

    def check(self, doc):
        raise KeyError("boom")


class AppendsX(Rule):
    """Wants the text to end with one more 'x' than it has: its fix never settles."""

    code = "ZZ002"
    name = "appends-x"
    summary = "never satisfied"

    def check(self, doc):
        end = len(doc.text)
        yield self.finding(0, 0, "more x", fix=self.fix("append x", Edit.insert(end, "x")))


def codes(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.row, f.column) for f in findings]


def test_a_rule_that_raises_becomes_a_finding_and_the_others_still_run() -> None:
    doc = Document("\n---\ntitle: x\n---\n", "a.md")
    findings = lint_document(doc, [Exploding(), *rules("FM001")])
    assert codes(findings) == [("SL001", 1, 1), ("FM001", 1, 1)]
    assert "internal error in rule ZZ001 (exploding): KeyError" in findings[0].message


TWO_DUPLICATES = "---\ntitle: a\ntitle: b\n{between}tags: [x]\ntags: [y]\n---\n"


def test_no_suppression() -> None:
    text = TWO_DUPLICATES.format(between="")
    assert codes(lint_document(Document(text), rules("FM004"))) == [("FM004", 3, 1), ("FM004", 5, 1)]


def test_disable_next_line_by_code_name_or_prefix() -> None:
    for selector in ("FM004", "front-matter-duplicate-key", "FM", "FM00"):
        text = f"---\ntitle: a\n# <!-- scrapelint: disable-next-line={selector} -->\ntitle: b\n---\n"
        assert lint_document(Document(text), rules("FM004")) == [], selector


def test_disable_next_line_of_another_rule_does_not_suppress() -> None:
    text = "---\ntitle: a\n# <!-- scrapelint: disable-next-line=FM001 -->\ntitle: b\n---\n"
    assert codes(lint_document(Document(text), rules("FM004"))) == [("FM004", 4, 1)]


def test_disable_file() -> None:
    for directive in ("disable-file=DT001", "disable-file=date-missing", "disable-file=DT", "disable-file"):
        text = f"Intro\n<!-- scrapelint: {directive} -->\n"
        assert lint_document(Document(text), rules("DT001")) == [], directive


def test_disable_enable_region() -> None:
    # Only the duplicate inside the region (line 4) is suppressed; the one after `enable` is reported.
    text = (
        "---\n# <!-- scrapelint: disable=FM004 -->\ntitle: a\ntitle: b\n"
        "# <!-- scrapelint: enable=FM004 -->\ntags: [x]\ntags: [y]\n---\n"
    )
    assert codes(lint_document(Document(text), rules("FM004"))) == [("FM004", 7, 1)]
    unclosed = "---\ntitle: a\n# <!-- scrapelint: disable -->\ntitle: b\ntags: [x]\ntags: [y]\n---\n"
    assert lint_document(Document(unclosed), rules("FM004")) == []


def test_selection_is_most_specific_wins() -> None:
    assert "FM001" not in resolve_enabled(REGISTRY, ["FM"], ignore=["FM001"])
    assert "FM002" in resolve_enabled(REGISTRY, ["FM"], ignore=["FM001"])
    assert "FM001" in resolve_enabled(REGISTRY, ["FM001"], ignore=["FM"])
    assert "FM001" not in resolve_enabled(REGISTRY, ["FM001"], ignore=["front-matter-not-at-start"])
    defaults = resolve_enabled(REGISTRY, None)
    assert "DT004" not in defaults and "DT001" in defaults  # DT004 is off by default
    assert "DT004" in resolve_enabled(REGISTRY, None, extend_select=["DT004"])
    assert "DT004" in resolve_enabled(REGISTRY, ["DT"])  # a selected prefix enables it
    others = {rule.code for rule in REGISTRY if not rule.code.startswith(("FM", "DT"))}
    assert resolve_enabled(REGISTRY, ["ALL"], ignore=["FM", "DT"]) == others


def test_fix_loop_names_the_rule_that_does_not_settle() -> None:
    doc = Document("text")
    outcome = fix_document(doc, lambda d: lint_document(d, [AppendsX()]))
    assert not outcome.converged
    assert outcome.unsettled_rules == ["ZZ002"]
    assert outcome.document.text == "text" + "x" * 10


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    # FM001 deletes the leading blank line; DT001 (unsafe) inserts a date before the closing delimiter.
    doc = Document("\n---\ntitle: x\n---\n發布時間:2023-07-28 09:44:00\n", "a.md")
    outcome = fix_document(doc, lambda d: lint_document(d, rules("FM001", "DT001")), unsafe=True)
    assert outcome.document.text == "---\ntitle: x\ndate: 2023-07-28 09:44:00\n---\n發布時間:2023-07-28 09:44:00\n"
    assert outcome.converged and outcome.applied == {"FM001": 1, "DT001": 1}


def test_apply_edits_leaves_everything_else_alone() -> None:
    text = "abcdef"
    assert apply_edits(text, [Edit(1, 2, "B"), Edit(4, 4, "+"), Edit(5, 6)]) == "aBcd+e"


class TranscodesToUtf8(Rule):
    """Reports files that are not UTF-8, with a fix that changes only the encoding."""

    code = "ZZ003"
    name = "not-utf-8"
    summary = "not utf-8"

    def check(self, doc):
        if doc.encoding != "utf-8":
            yield self.finding(0, 0, "not UTF-8", fix=Fix((), encoding="utf-8", message="transcode"))


def test_a_fix_can_change_the_encoding_and_the_writer_uses_it(tmp_path) -> None:
    from scrapelint.runner import CheckOptions, Target, check_document, check_file

    text = "工信部：进一步加大专精特新中小企业培育力度。" * 4
    doc = Document.from_bytes(text.encode("gbk"), "a.md")
    outcome = fix_document(doc, lambda d: lint_document(d, [TranscodesToUtf8()]))
    assert outcome.document.encoding == "utf-8" and outcome.document.text == text
    assert outcome.applied == {"ZZ003": 1} and outcome.converged

    class OnlyThisRule:
        rules = [TranscodesToUtf8()]

        def ignored_for(self, path):
            return ()

        def is_fixable(self, code, name):
            return True

    result, fixed = check_document(doc, OnlyThisRule(), CheckOptions(diff=True))
    assert result.diff == "# a.md: would be written as utf-8 (now gb18030)\n"
    path = tmp_path / "a.md"
    path.write_bytes(text.encode("gbk"))
    check_file(Target(str(path), str(path)), OnlyThisRule(), CheckOptions(fix=True))
    assert path.read_bytes() == text.encode("utf-8")


def test_a_diff_marks_a_last_line_without_newline() -> None:
    from scrapelint.runner import unified_diff

    assert unified_diff("a\nb", "a\nc", "f.md").endswith(
        "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
    )


class DeferredUpper(Rule):
    """Upper-cases the first word, with its edit worked out only when asked for (Fix.deferred)."""

    code = "ZZ003"
    name = "deferred-upper"
    summary = "deferred fix"
    calls = 0

    def check(self, doc):
        end = doc.text.find(" ")

        def edits():
            DeferredUpper.calls += 1
            return [Edit(0, end, doc.text[:end].upper())]

        yield self.finding(0, end, "shout", fix=Fix.deferred("upper-case", self.fix_applicability, edits))


def test_a_deferred_fix_is_worked_out_only_when_resolved_and_once() -> None:
    import pickle

    DeferredUpper.calls = 0
    doc = Document("hello world\nsecond line\n")
    [terse] = lint_document(doc, [DeferredUpper()], resolve_fixes=False)
    assert terse.fix.pending and terse.fix.edits == () and terse.edit_locations == ()
    assert DeferredUpper.calls == 0
    [full] = lint_document(doc, [DeferredUpper()])
    assert not full.fix.pending and full.fix.edits == (Edit(0, 5, "HELLO"),)
    assert [(a.row, a.column, b.row, b.column) for a, b in full.edit_locations] == [(1, 1, 1, 6)]
    # Pickling (a worker's result, a pipeline step) works the edits out rather than failing on the function.
    copy = pickle.loads(pickle.dumps(terse))
    assert copy.fix.edits == (Edit(0, 5, "HELLO"),) and not copy.fix.pending
    assert DeferredUpper.calls == 2
    outcome = fix_document(doc, lambda d: lint_document(d, [DeferredUpper()]))
    assert outcome.document.text.startswith("HELLO world")

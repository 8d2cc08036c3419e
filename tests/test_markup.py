"""The markup view: tags, attributes, comments, URLs and visible text with exact offsets."""

from __future__ import annotations

from scrapelint.document import Document
from scrapelint.markup import find_urls, matching_end, tokenize, visible_text_spans


def spans(text: str, tags) -> list[str]:
    return [text[tag.start : tag.end] for tag in tags]


def test_tags_comments_and_declarations_with_exact_spans() -> None:
    text = '<!DOCTYPE html><p cms-style="font-L">x < y</p><!-- news_keyword_pub,stock, --><br/><o:p></o:p>'
    tags = tokenize(text)
    assert spans(text, tags) == [
        "<!DOCTYPE html>", '<p cms-style="font-L">', "</p>", "<!-- news_keyword_pub,stock, -->", "<br/>",
        "<o:p>", "</o:p>",
    ]  # fmt: skip
    assert [tag.kind for tag in tags] == ["doctype", "start", "end", "comment", "start", "start", "end"]
    assert tags[4].self_closing and tags[5].name == "o:p"


def test_attribute_spans_delete_cleanly() -> None:
    text = '<img src="a.png" alt referrerpolicy="no-referrer" data-x=1 title=\'t\'>'
    (tag,) = tokenize(text)
    names = [(a.name, a.value) for a in tag.attributes]
    assert names == [
        ("src", "a.png"),
        ("alt", None),
        ("referrerpolicy", "no-referrer"),
        ("data-x", "1"),
        ("title", "t"),
    ]
    policy = tag.attribute("referrerpolicy")
    assert text[: policy.start] + text[policy.end :] == "<img src=\"a.png\" alt data-x=1 title='t'>"
    assert text[policy.value_start : policy.value_end] == "no-referrer"


def test_script_and_style_content_is_not_markup() -> None:
    text = "<script>if (a<b) { document.write('<p>x</p>') }</script><style>.a{b:c}</style><p>y</p>"
    assert [(tag.kind, tag.name) for tag in tokenize(text)] == [
        ("start", "script"), ("end", "script"), ("start", "style"), ("end", "style"), ("start", "p"), ("end", "p"),
    ]  # fmt: skip


def test_unclosed_comment_runs_to_the_end() -> None:
    text = "<p>a</p><!-- never closed <p>b</p>"
    assert spans(text, tokenize(text))[-1] == "<!-- never closed <p>b</p>"


def test_an_autolink_is_not_a_tag() -> None:
    text = "see <http://a.example/x> and a < b > c"
    assert tokenize(text) == []


def test_matching_end_respects_nesting() -> None:
    text = "<div><div>a</div><p>b</p></div>"
    tags = tokenize(text)
    assert text[tags[matching_end(tags, 0)].start :] == "</div>"
    assert text[tags[matching_end(tags, 1)].start :].startswith("</div><p>")


def test_visible_text_skips_markup_scripts_and_styles() -> None:
    text = "<p>Hello <b>world</b></p><script>var x;</script><style>.a{}</style><!-- c -->Bye"
    tags = tokenize(text)
    assert "".join(text[a:b] for a, b in visible_text_spans(tags, 0, len(text))) == "Hello worldBye"


def test_urls_in_every_context() -> None:
    text = (
        '<a href="https://ex.com/a?utm_source=x">l</a> '
        "[md](https://md.example/p?id=7) ![img](/i.png) <https://auto.example/q> "
        "bare https://bare.example/r?x=1. and www.example.org, (https://paren.example/z)\n"
    )
    urls = find_urls(text, tokenize(text), 0, len(text))
    assert [(u.context, u.url) for u in urls] == [
        ("attribute", "https://ex.com/a?utm_source=x"),
        ("markdown", "https://md.example/p?id=7"),
        ("markdown", "/i.png"),
        ("autolink", "https://auto.example/q"),
        ("bare", "https://bare.example/r?x=1"),
        ("bare", "www.example.org"),
        ("bare", "https://paren.example/z"),
    ]
    for url in urls:
        assert text[url.start : url.end] == url.url


def test_document_views_cover_the_body_only() -> None:
    doc = Document('---\ntitle: "<b>x</b>"\nurl: https://fm.example/\n---\n<p>Body https://body.example/</p>\n')
    assert [tag.name for tag in doc.tags] == ["p", "p"]
    assert [url.url for url in doc.urls] == ["https://body.example/"]
    assert "".join(doc.text[a:b] for a, b in doc.visible_spans) == "Body https://body.example/\n"
    assert Document("plain text only\n").tags == []


def test_an_image_inside_a_link_and_each_srcset_candidate_are_urls() -> None:
    text = '[![](http://a.example/p.gif)](http://b.example) <img srcset="a.jpg?x=1 1x, b.jpg 2x">'
    urls = find_urls(text, tokenize(text), 0, len(text))
    assert [(u.context, u.attribute, u.url) for u in urls] == [
        ("markdown", "", "http://a.example/p.gif"),
        ("markdown", "", "http://b.example"),
        ("attribute", "srcset", "a.jpg?x=1"),
        ("attribute", "srcset", "b.jpg"),
    ]
    assert all(text[u.start : u.end] == u.url for u in urls)


def test_markup_quoted_in_markdown_code_is_not_markup() -> None:
    text = "Put `<script>` before `</script>`.\n\n```html\n<style>a{}</style>\n```\n<p>real</p>\n"
    assert [(tag.kind, tag.name) for tag in Document(text, "post.md").tags] == [("start", "p"), ("end", "p")]
    # In HTML, a line of tildes or a backtick is text: nothing is hidden from the rules.
    html = "<p>Story.</p>\n~~~~~~~~~~~~\n<!-- scraped by bot -->\n"
    assert [tag.kind for tag in Document(html, "page.html").tags] == ["start", "end", "comment"]


def test_iframe_fallback_text_is_not_visible() -> None:
    text = '<p>a</p><iframe src="x">Your browser does not support iframes</iframe><p>b</p>'
    tags = tokenize(text)
    assert "".join(text[a:b] for a, b in visible_text_spans(tags, 0, len(text))) == "ab"

"""The kinds of publisher boilerplate, each as anchors (for the one-pass pre-scan) and block patterns.

Patterns are publisher-agnostic: they describe how boilerplate is phrased (a prompt to install an app
or scan a QR code, "return to" links, a copyright or reprint notice, an RSS footer, a share or
subscribe prompt, a "related posts" list), never a given site's wording. A pattern matches a whole
block, short, and, unless its phrasing is unmistakable, at the tail or head of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from scrapelint.document import Document
from scrapelint.lazy import lazy_module
from scrapelint.patterns import LazyPattern

if TYPE_CHECKING:
    from scrapelint_boilerplate.blocks import Block

blocks = lazy_module("scrapelint_boilerplate.blocks")  # run at the first check

_I = re.IGNORECASE


# Plain classes (see Block).
class Match:
    __slots__ = ("pattern", "safe", "anywhere")

    def __init__(self, pattern: str, safe: bool, anywhere: bool = False) -> None:
        self.pattern = pattern  # what was recognised, for the message and data
        self.safe = safe  # whether removing the block is certain enough to be a safe fix
        self.anywhere = anywhere  # the phrasing is unmistakable: no need to be at the tail or head


class Kind:
    __slots__ = ("name", "anchors", "match", "max_length", "continues", "takes_links")

    def __init__(
        self,
        name: str,
        anchors: tuple[str, ...],
        match: Callable[[Document, Block], Match | None],
        max_length: int,
        continues: bool = False,
        takes_links: bool = False,
    ) -> None:
        self.name = name
        self.anchors = anchors  # lowercase literals; a block holding none of them is never looked at
        self.match = match
        self.max_length = max_length  # the longest block text (characters) the kind accepts
        self.continues = continues  # adjacent blocks of the same kind join the finding
        self.takes_links = takes_links  # so do adjacent bare links ("获取更多RSS：" then its URLs)


def _short(block: Block, limit: int) -> bool:
    return 0 < len(block.text) <= limit


# -- app, QR-code and follow prompts ---------------------------------------------------------------

_APP_PROMPT = LazyPattern(
    r"(?:尽在|盡在|下载|下載|打开|打開|安装|安裝|登录|登錄)[^。！？!?\n]{0,20}(?:app|客户端|客戶端|應用程式)"
    r"|(?:扫描|掃描|扫一扫|掃一掃|扫码|掃碼|长按|長按|识别|識別)[^。！？!?\n]{0,20}"
    r"(?:二维码|二維碼|关注|關注|下载|下載|阅读|閱讀|订阅|訂閱)"
    r"|(?:关注|關注|加入)[^。！？!?\n]{0,15}(?:公众号|公眾號|微信号|微信號|官方微信|官方微博|视频号|視頻號|抖音号|抖音號)",
    _I,
)
_QR_CAPTION = LazyPattern(r"(?:官[网方網]|官方|本[站报報刊])?(?:微信|微博)(?:公众号|公眾號|二维码|二維碼|号|號)?", _I)
_EN_APP_PROMPT = LazyPattern(
    r"\b(?:download|get|install|try)\b[^.!?\n]{0,30}\bapps?\b[^.!?\n]{0,40}(?:[.!]|$)"
    r"|\b(?:available|download (?:it|now)|get it) on (?:the )?(?:app store|google play)"
    r"|\bfollow (?:us|@\w+) on (?:twitter|facebook|instagram|linkedin|weibo|wechat|telegram|youtube|tiktok)"
    r"|\bscan the qr code\b|\blike us on facebook\b",
    _I,
)


def _app_promotion(doc: Document, block: Block) -> Match | None:
    text = block.text
    if _QR_CAPTION.fullmatch(text):
        return Match("QR-code caption", safe=True)
    if not _short(block, 80):
        return None
    if re.search(r"(?:尽在|盡在)[^。！？!?\n]{0,20}(?:app|客户端|客戶端)", text, _I):
        return Match("app prompt", safe=True, anywhere=True)
    # A prompt opens its block ("下载新浪财经客户端", "Download the app"); a sentence that mentions
    # downloading an app ("旅客必須使用追蹤應用軟體（App）") does not.
    for pattern in (_APP_PROMPT, _EN_APP_PROMPT):
        match = pattern.search(text)
        if match is not None and match.start() <= 6 and len(text) <= 60:
            return Match("app or follow prompt", safe=True)
    return None


APP_PROMOTION = Kind(
    "app-promotion",
    (
        "app", "客户端", "客戶端", "應用程式", "二维码", "二維碼", "扫码", "掃碼", "扫一扫", "掃一掃",
        "公众号", "公眾號", "微信", "微博", "视频号", "視頻號", "抖音", "follow us", "follow @", "qr code",
        "app store", "google play", "like us on",
    ),
    _app_promotion,
    80,
)  # fmt: skip


# -- "return to" navigation ---------------------------------------------------------------------------

# Link texts that only navigation uses; a generic "返回X" counts only as a link ("返回地球" is a headline).
_NAV_PHRASE = (
    r"(?:返回|回到)(?:首页|首頁|顶部|頂部|頂端|列表|目录|目錄|上一?页|上一?頁|主页|主頁|网站首页|網站首頁)"
    r"|回首[页頁]|(?:上一篇|下一篇|上一則|下一則)"
    r"|(?:back|return|go back|go) to (?:the )?(?:top|home ?page|home|index|main page|front page)"
    r"|(?:previous|next|older|newer) (?:post|article|story|entry|page)s?"
)
_NAV_LINK_TEXT = LazyPattern(
    rf"\s*(?:[←«‹<]\s*)?(?:{_NAV_PHRASE}|(?:返回|回到)[^\s\[\]<>｜|]{{1,15}}|(?:back|return) to [\w .'-]{{1,40}}?)"
    r"\s*(?:[→»›>]\s*)?",
    _I,
)
_MARKDOWN_LINK = LazyPattern(r"\[([^\[\]\n]{1,60})\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_HTML_LINK = LazyPattern(r"<a\b[^>]*>((?:(?!</a>)[^\n]){0,200})</a>", _I)
_TAG = LazyPattern(r"<[^>]*>")
_NAV_LEFTOVER = LazyPattern(r"[\s｜|/·•,，、:：\-–—\\]*")
_NAV_ALONE = LazyPattern(rf"\s*(?:{_NAV_PHRASE})(?:[:：].{{0,60}})?\s*", _I)


def _navigation(doc: Document, block: Block) -> Match | None:
    if not _short(block, 160):
        return None
    found = []

    def strip_link(match: re.Match[str]) -> str:
        label = _TAG.sub("", match.group(1))
        if _NAV_LINK_TEXT.fullmatch(label):
            found.append(label.strip())
            return " "
        return match.group(0)

    rest = _MARKDOWN_LINK.sub(strip_link, block.raw)
    rest = _HTML_LINK.sub(strip_link, rest)
    rest = _TAG.sub(" ", rest)
    if found and _NAV_LEFTOVER.fullmatch(rest):
        return Match("navigation links", safe=True, anywhere=True)
    if not found and _NAV_ALONE.fullmatch(block.text):
        return Match("navigation line", safe=True)
    return None


NAVIGATION = Kind(
    "navigation-links",
    (
        "返回", "回到首页", "回到首頁", "回到顶部", "回到頂部", "回首页", "回首頁", "上一篇", "下一篇",
        "上一則", "下一則", "back to", "return to", "go to the top", "go to top", "previous post", "next post",
        "older post", "newer post", "previous article", "next article", "previous story", "next story",
    ),
    _navigation,
    160,
    continues=True,
)  # fmt: skip


# -- copyright and reprint notices -------------------------------------------------------------------

_COPYRIGHT = LazyPattern(
    r"版[权權](?:所有|声明|聲明|归|歸|屬|属|說明|说明)"
    r"|(?:未经|未經)[^。\n]{0,30}(?:授权|授權|许可|許可|同意)[^。\n]{0,20}(?:不得|禁止|严禁|嚴禁|请勿|請勿)[^。\n]{0,10}"
    r"(?:转载|轉載|复制|複製|使用|摘编|摘編|转贴|轉貼)"
    r"|(?:转载|轉載)(?:请|請|須|须)(?:注明|註明|联系|聯繫|聯絡|经|經)"
    r"|(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d{2}"
    r"|\ball rights reserved\b|^c\.\s?(?:19|20)\d{2}\s+\S"
    r"|\breuse this content\b|\breprints? (?:and|&) permissions\b",
    _I,
)
# A sentence boundary followed by more text: the notice is not the block's last sentence.
_SENTENCE_GOES_ON = LazyPattern(r"(?:[。！？]|[.!?]\s)\s*\S")
# The publisher's standards link that closes syndicated wire copy.
_STANDARDS = LazyPattern(
    r"(?:the trust project|(?:thomson reuters )?trust principles"
    r"|(?:汤森路透|湯森路透)?\s*[“\"「『]?(?:信任原则|信任原則)[”\"」』]?)",
    _I,
)


def _copyright(doc: Document, block: Block) -> Match | None:
    if not _short(block, 320):
        return None
    # A notice opens its block ("版權聲明:…", "© 2020 AFP") or closes it as its last sentence ("本文为原创。
    # 版权所有，未经许可不得转载。"); a caption crediting a photo ("（圖取自…，版權屬公有領域）") or a sentence
    # about copyright in a story only mentions it.
    text = block.text
    match = _COPYRIGHT.search(text)
    if match is not None and (
        match.start() <= 12
        or (
            re.search(r"(?:[。！？|｜]|[.!?]\s)\s*$", text[: match.start()])
            and not _SENTENCE_GOES_ON.search(text, match.end())
        )
    ):
        return Match("copyright notice", safe=True)
    if _STANDARDS.fullmatch(block.text):
        return Match("publisher standards link", safe=True)
    return None


COPYRIGHT = Kind(
    "copyright-notice",
    (
        "版权", "版權", "未经", "未經", "转载", "轉載", "©", "(c)", "copyright", "all rights reserved", "c.19",
        "c.20", "c. 19", "c. 20", "reuse this content", "reprints and permissions", "reprints & permissions",
        "trust project", "trust principles", "信任原则", "信任原則",
    ),
    _copyright,
    320,
)  # fmt: skip


# -- RSS and aggregator footers -------------------------------------------------------------------------

_FEED_FOOTER = LazyPattern(
    r"\bthe post\b.{1,300}\bappeared first on\b"
    r"|\b(?:this|the) (?:post|article|story)\b.{0,200}\bfirst appeared on\b"
    r"|^original post by\b.{1,150}"
    r"|^via \S{0,20}ifttt\S{0,5}$"
    r"|^(?:获取|獲取|订阅|訂閱|get|subscribe to)\s*(?:更多|more)?\s*(?:rss|feeds?)(?:\s*(?:订阅|訂閱|源))?\s*[:：]?",
    _I,
)
_CONTINUE_READING = LazyPattern(
    r"(?:continue reading|read more|read the (?:full|rest of the) (?:article|story|post)|keep reading)\b.{0,80}"
    r"|(?:\.{3}|…)\s*more"
    r"|this entry was posted in\b.{0,300}",
    _I,
)


def _feed_footer(doc: Document, block: Block) -> Match | None:
    raw = block.raw
    if "feeds.feedburner.com/~ff/" in raw and not block.text:
        return Match("FeedBurner share links", safe=True, anywhere=True)
    if not _short(block, 400):
        return None
    text = block.text
    if _FEED_FOOTER.search(text):
        return Match("feed footer", safe=True, anywhere=True)
    if "ift.tt/" in raw and re.match(r"from\b", text, _I) and len(text) <= 160:
        return Match("IFTTT footer", safe=True, anywhere=True)
    if _CONTINUE_READING.fullmatch(text):
        return Match("feed footer", safe=False)
    return None


FEED_FOOTER = Kind(
    "feed-footer",
    (
        "appeared first on", "first appeared on", "original post by", "ifttt", "ift.tt/",
        "feedburner.com/~ff/", "continue reading", "read more", "read the full", "read the rest",
        "keep reading", "this entry was posted", "rss", "...more", "…more", "... more",
    ),
    _feed_footer,
    400,
    continues=True,
    takes_links=True,
)  # fmt: skip


# -- share and subscribe prompts --------------------------------------------------------------------------

_SHARE_PROMPT = LazyPattern(
    r"^(?:share(?: this| the)?(?: (?:article|story|post|page))?|share (?:on|via|to)"
    r"|分享到|分享至|分享本文|分享此文|分享：)"
    r"(?:\s*[:：]?\s*(?:\S{1,20}(?:\s+|$)){0,8})$"
    r"|(?:请|請|欢迎|歡迎|立即|马上|馬上)\s*(?:支持[^。\n]{0,10}?)?(?:按此|点此|點此|点击|點擊)?\s*(?:订阅|訂閱)?\s*"
    r"(?:加入|成為|成为|做)[^。\n]{0,15}(?:订户|訂戶|会员|會員|訂閱者|订阅者)"
    r"|月費訂戶|月费订户"
    # A request to the reader ("新读者请点击此处订阅", "欢迎点击此处订阅"), opening its clause; a sentence
    # that reports someone clicking ("诱导收件人点击这里订阅") is news.
    r"|(?:^|[。！？，,；;（(]\s*)[^。！？，,；;\n]{0,4}(?:请|請|欢迎|歡迎)\s*(?:点击|點擊)\s*(?:此处|此處|这里|這裡)\s*"
    r"(?:订阅|訂閱)"
    r"|\bsubscribe (?:to (?:our|the|my)|for|now|today|here)\b"
    r"|^sign up\b"
    r"|\bsign up (?:for|to) (?:our|the|my) [^.!?\n]{0,40}\b(?:newsletter|digest|briefing|updates)\b"
    r"|\bsign up (?:for|to)\b[^.!?\n]{0,40},\s*our\b[^.!?\n]{0,30}\bnewsletters?\b"
    r"|\b(?:get|receive) (?:our|the) [^.!?\n]{0,30}newsletter\b"
    r"|^listen (?:on|to (?:it|us|this|the podcast) on)\b\s*:?",
    _I,
)
# Prompts that are also the words of a sentence ("如果您喜欢我们的节目，欢迎点赞订阅，感谢收看"):
# only a short block made of little else counts.
_SHORT_SHARE_PROMPT = LazyPattern(
    r"(?:点击|點擊)\s*(?:此处\s*|此處\s*)?(?:订阅|訂閱|关注|關注)|(?:欢迎|歡迎)\s*(?:点击此处\s*|點擊此處\s*)?(?:订阅|訂閱)"
    r"|(?:喜欢|喜歡|觉得不错|覺得不錯)[^。\n]{0,10}(?:点赞|點讚|点个赞|點個讚|转发|轉發|在看)",
    _I,
)
_SHARE_BUTTONS = LazyPattern(
    r"(?:(?:tweet|share|email|print|pin it|facebook|twitter|linkedin|reddit|whatsapp|telegram|微信|微博|qq空间|qq空間"
    r"|豆瓣|line)\s*[|·,/]?\s*){3,}",
    _I,
)


def _share_prompt(doc: Document, block: Block) -> Match | None:
    if not _short(block, 200):
        return None
    if _SHARE_BUTTONS.fullmatch(block.text):
        return Match("share buttons", safe=True)
    if _SHARE_PROMPT.search(block.text):
        return Match("share or subscribe prompt", safe=True)
    if len(block.text) <= 60 and _SHORT_SHARE_PROMPT.search(block.text):
        return Match("share or subscribe prompt", safe=True)
    return None


SHARE_PROMPT = Kind(
    "share-subscribe-prompt",
    (
        "share this", "share on", "share via", "share to", "share the", "share:", "分享到", "分享至",
        "分享本文", "分享此文", "分享：", "订户", "訂戶", "成为会员", "成為會員", "加入会员", "加入會員",
        "订阅", "訂閱", "点击关注", "點擊關注", "点赞", "點讚", "点个赞", "點個讚", "subscribe", "sign up",
        "newsletter", "tweet", "listen on", "listen to",
    ),
    _share_prompt,
    200,
    continues=True,
)  # fmt: skip


# -- "related posts" and link-exchange lists ----------------------------------------------------------------

_RELATED_HEADING = LazyPattern(
    r"(?:related(?: (?:posts|articles|stories|reading|content|links|coverage))?|you (?:may|might) also like"
    r"|see also|further reading|read (?:also|next)|more (?:stories|from [^:：\n]{1,40})"
    r"|recommended(?: for you| reading)?"
    r"|相关(?:阅读|文章|新闻|链接|推荐|报道)|相關(?:閱讀|文章|新聞|連結|鏈接|推薦|報導|報道)|延伸(?:阅读|閱讀)|推荐阅读|推薦閱讀"
    r"|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|友情(?:链接|連結|鏈接))\s*[:：]?\s*",
    _I,
)
# The same headings in brackets, or with a word after them ("【相關報道】", "相關新聞參考："), and "more reading".
_BRACKETED_RELATED_HEADING = LazyPattern(
    r"[【\[〔]\s*(?:相关|相關)(?:阅读|文章|新闻|链接|报道|閱讀|新聞|連結|鏈接|報導|報道)\s*[】\]〕]\s*[:：]?\s*"
    r"|(?:相关|相關)(?:新闻|新聞|报道|報道|報導)(?:参考|參考)\s*[:：]\s*"
    r"|更多(?:阅读|閱讀)\s*[:：]\s*",
    _I,
)
_LINK = LazyPattern(r"\[[^\[\]\n]{1,200}\]\([^()\s]+|<a\b[^>]*\bhref=", _I)
# What may stand between the links of one line besides their texts: separators, brackets, emphasis.
_LINK_SEPARATORS = LazyPattern(r"[*_|｜、,，;；·•:：\-–—/\\【】\[\]()（）〔〕<>《》]+")
_LIST_MARKER = LazyPattern(r"^(?:[-*+]|\d{1,2}[.)])\s+")
_WHOLE_HTML_LINK = LazyPattern(r"<a\b[^>]*>.*?</a\s*>", re.IGNORECASE | re.DOTALL)


def _related_links(doc: Document, block: Block) -> Match | None:
    heading = _RELATED_HEADING.match(block.text) or _BRACKETED_RELATED_HEADING.match(block.text)
    if heading is None:
        return None
    rest = block.text[heading.end() :]
    if rest:
        # The heading and its links in one block ("友情链接：<a>…</a>"): the rest must be link texts, not a
        # sentence that links a source ("更多阅读：该公司在[年报](…)中披露…").
        if len(rest) > 200 or not _LINK.search(block.raw):
            return None
        unlinked = _LINK_SEPARATORS.sub("", _outside_links(block.raw).replace("".join(heading.group(0).split()), "", 1))
        return Match("related links", safe=True, anywhere=True) if len(unlinked) <= 4 else None
    items = following_items(doc, block)
    if items and any(_LINK.search(item.raw) for item in items):
        return Match("related links", safe=True, anywhere=True)
    if len(items) >= 2:
        return Match("related list", safe=False)
    return None


def has_link(block: Block) -> bool:
    """Whether the block holds a link (Markdown or HTML)."""
    return _LINK.search(block.raw) is not None


def _outside_links(raw: str) -> str:
    """The text of ``raw`` outside its links (Markdown and HTML), without tags and blanks."""
    rest = _MARKDOWN_LINK.sub("", raw)
    rest = _WHOLE_HTML_LINK.sub("", rest)
    return "".join(_TAG.sub("", rest).split())


def following_items(doc: Document, block: Block) -> list[Block]:
    """The list after a "related posts" heading: links, or (all of them) short unlinked titles. Found
    once per heading: matching the heading and judging its block both ask."""
    known: dict[tuple[int, int], list[Block]] = doc.memo("boilerplate.following-items", lambda d: {})
    items = known.get((block.start, block.end))
    if items is None:
        items = known[(block.start, block.end)] = _following_items(doc, block)
    return items


def _following_items(doc: Document, block: Block) -> list[Block]:
    items: list[Block] = []
    linked = None
    current = blocks.next_block(doc, block)
    while current is not None and len(items) < 30:
        is_link = _LINK.search(current.raw) is not None
        if linked is None:
            linked = is_link
        if is_link != linked:
            break
        if is_link:
            # A link item is links and little else ("1. [title](url)"), not a paragraph with a link.
            if len(_outside_links(current.raw)) > 20:
                break
        else:
            title = _LIST_MARKER.sub("", current.text)
            if not 0 < len(title) <= 60 or re.search(r"[。！？]|[.!?]\s", title):
                break
        items.append(current)
        current = blocks.next_block(doc, current)
    return items


RELATED_LINKS = Kind(
    "related-links",
    (
        "related", "you may also like", "you might also like", "see also", "further reading", "read also",
        "read next", "more stories", "more from", "recommended", "相关阅读", "相关文章", "相关新闻",
        "相关链接", "相关推荐", "相关报道", "相關閱讀", "相關文章", "相關新聞", "相關連結", "相關鏈接",
        "相關推薦", "相關報導", "相關報道", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "猜你喜欢",
        "猜你喜歡", "热门推荐", "熱門推薦", "友情链接", "友情連結", "友情鏈接", "更多阅读", "更多閱讀",
    ),
    _related_links,
    300,
)  # fmt: skip


KINDS = {kind.name: kind for kind in (APP_PROMOTION, NAVIGATION, COPYRIGHT, FEED_FOOTER, SHARE_PROMPT, RELATED_LINKS)}

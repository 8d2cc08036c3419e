from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapelint.document import Document
from scrapelint.findings import Edit, Finding, Severity
from scrapelint.patterns import LazyPattern
from scrapelint.rules import FixAvailability, Option, Rule
from scrapelint_tracking.inventory import inventory
from scrapelint_tracking.markdown_images import markdown_images
from scrapelint_tracking.parameters import Match, ParameterCatalogue
from scrapelint_tracking.preservation import guarded_fix, withheld_message

_SRCSET_URL = LazyPattern(r"(?:^|,)\s*([^\s,](?:[^\s,]|,(?!\s))*)")
# What makes a URL worth looking at: "?" or "#" and then, within the next 119 characters and before anything
# that ends a URL (whitespace, a quote, "<" or ">"), a "name=" with a name; or "#" and an AddThis id. One
# pattern per marker: a literal first character is found by a fast scan, a class of two ("[?#]") is tested
# at every position.
_QUERY_CANDIDATE = LazyPattern(r"""\?[^\s"'<>=]{1,118}+=""")
_FRAGMENT_CANDIDATE = LazyPattern(r"""#(?:\.[A-Za-z0-9_-]{11}|[^\s"'<>=]{1,118}+=)""")
# Parameters that name what the page shows as often as they track: never removed unless a user says so.
MEANINGFUL_PARAMETERS = ["source", "ref", "id", "page"]
# Web archives: a snapshot's URL holds the address exactly as it was captured, tracking parameters included.
ARCHIVE_HOSTS = ["web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is"]


class TrackingParameter(Rule):
    """
    ## What it does
    Finds tracking parameters in the URLs of an article: in links and images (`href`, `src`,
    `srcset`...), Markdown links and images, autolinks, bare URLs, and URL values of front-matter
    fields (`url:`, `original_url:`). The parameters are those of the
    [ClearURLs](https://github.com/ClearURLs/Rules) rules (`utm_*`, `fbclid`, `gclid`, `spm`,
    Bilibili's `vd_source` and `spm_id_from`, Taobao's `scm`...), the AdGuard URL Tracking filter's
    rules for Chinese portals (WeChat's `chksm` and `scene`, Sohu's `_f`...), and AddThis's
    address-bar sharing fragment (`#.VEXHkFZ-_8s`). Parameters that often carry meaning (`source`,
    `ref`, `id`, `page`) are never reported unless configured. URLs inside Markdown code are quoted
    text and are left alone.

    ## Why is this bad?
    The parameters record where a reader came from (a feed, a newsletter, a share button) and follow
    every reader of the copy back to the publisher's analytics. They make the same page look like many
    different URLs, and they are noise in every link a reader copies.

    ## Example
    ```markdown
    [the report](https://example.com/a?id=7&utm_source=rss&utm_medium=feed#top)
    ```

    Use instead:
    ```markdown
    [the report](https://example.com/a?id=7#top)
    ```

    ## Fix
    Safe: rewrites the URL without the tracking parameters, keeping every other parameter, its
    separator (`&`, `&amp;`, `&#038;`) and the fragment exactly as written; a `?` or `#` left with
    nothing after it goes too. Nothing else changes. For a bare URL, which readers see, the fix goes
    through the content-preservation check, comparing the article text with URLs' queries set aside.

    ## Options
    - `keep-parameters` (list of strings, default `["source", "ref", "id", "page"]`): names or glob
      patterns never removed; `host:name` keeps a name on one host and its subdomains only.
    - `extend-parameters` (list of strings, default `[]`): more tracking names or glob patterns, with
      the same `host:name` form (`"weibo.com:from"`).
    - `allow-hosts` (list of strings, default `["web.archive.org", "archive.org", "archive.today",
      "archive.ph", "archive.is"]`): URLs on these hosts (and their subdomains) are never changed; a
      web archive's snapshot URL holds the captured address exactly, parameters included.
    - `referral-marketing` (boolean, default `false`): also remove the referral and affiliate
      parameters of ClearURLs' `referralMarketing` lists (`ref_`, `referrer`, Amazon's `tag`...).
    - `fragments` (boolean, default `true`): also remove tracking fragments (AddThis `#.xxxxxxxxxxx`).
    """

    code = "TR001"
    name = "tracking-query-parameter"
    summary = "A URL carries tracking parameters (utm_*, fbclid, spm...)"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    options = {
        "keep-parameters": Option(list, MEANINGFUL_PARAMETERS, "parameter names never removed", item_type=str),
        "extend-parameters": Option(list, [], "more tracking parameter names or globs", item_type=str),
        "allow-hosts": Option(list, ARCHIVE_HOSTS, "hosts whose URLs are never changed", item_type=str),
        "referral-marketing": Option(bool, False, "also remove ClearURLs' referral-marketing parameters"),
        "fragments": Option(bool, True, "also remove tracking fragments such as AddThis's #.xxxxxxxxxxx"),
    }

    def __init__(self, settings: Any = None) -> None:
        super().__init__(settings)
        self._catalogue: ParameterCatalogue | None = None

    @property
    def catalogue(self) -> ParameterCatalogue:
        if self._catalogue is None:
            self._catalogue = ParameterCatalogue(
                keep=self.settings["keep-parameters"],
                extend=self.settings["extend-parameters"],
                allow_hosts=self.settings["allow-hosts"],
                referral_marketing=self.settings["referral-marketing"],
                fragments=self.settings["fragments"],
            )
        return self._catalogue

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _has_candidate(doc.text, 0):
            return  # no "name=" after a "?" or "#", and no AddThis fragment: no URL to look up
        code = inventory(doc).code
        candidates = []
        for url in doc.urls:
            if ("?" not in url.url and "#" not in url.url) or code.covers(url.start):
                continue
            if url.attribute.endswith("srcset"):
                # A srcset is a list: "a.jpg?w=1 1x, b.jpg 2x". Each candidate URL runs to its descriptor.
                for match in _SRCSET_URL.finditer(url.url):
                    start = url.start + match.start(1)
                    candidates.append((match.group(1), start, start + len(match.group(1)), url.context))
            else:
                candidates.append((url.url, url.start, url.end, url.context))
        candidates.extend(_front_matter_urls(doc))
        # Image sources inside image links, which Document.urls does not list.
        candidates.extend(
            (image.src, image.src_start, image.src_end, "markdown")
            for image in markdown_images(doc)
            if image.in_link and ("?" in image.src or "#" in image.src)
        )
        seen = set()
        for url, start, end, context in sorted(candidates, key=lambda candidate: candidate[1]):
            if start in seen:
                continue
            seen.add(start)
            cleaned = self.catalogue.clean(url)
            if cleaned is None:
                continue
            names = [match.name for match in cleaned.removed]
            listing = ", ".join(names)
            message = f"Tracking {_describe(cleaned.removed)} in URL"
            edit = Edit(start + cleaned.start, end, cleaned.replacement)
            fix, change = guarded_fix(
                self,
                doc,
                f"Remove {listing} from the URL",
                [edit],
                could_change_text=context in ("bare", "autolink"),  # the others are markup or metadata
                ignore_url_tails=True,
            )
            data: dict[str, Any] = {
                "url": url,
                "cleaned": cleaned.url,
                "parameters": [match.name for match in cleaned.removed if not match.is_fragment],
                "fragment": next((match.name for match in cleaned.removed if match.is_fragment), None),
                "sources": {match.name: match.source for match in cleaned.removed},
                "context": context,
            }
            if change is not None:
                message = withheld_message(message, change)
                data["fix_withheld"] = change.as_data()
            yield self.finding(start, end, message, fix=fix, data=data)


def _describe(removed: tuple[Match, ...]) -> str:
    parameters = [match.name for match in removed if not match.is_fragment]
    fragments = [f"{match.source} fragment {match.name}" for match in removed if match.is_fragment]
    parts = []
    if parameters:
        parts.append(f"{'parameter' if len(parameters) == 1 else 'parameters'} {', '.join(parameters)}")
    return " and ".join(parts + fragments)


def _has_candidate(text: str, start: int) -> bool:
    """Whether some "?" or "#" is followed by a "name=" (or "#" by an AddThis id) before the URL could end.

    Listing a document's URLs costs far more than this one search, and most articles have none.
    """
    return _QUERY_CANDIDATE.search(text, start) is not None or _FRAGMENT_CANDIDATE.search(text, start) is not None


_QUOTED_URL = LazyPattern(r"""(["']?)((?:https?:)?//[^\s"'#?]*[?#][^\s"']*)\1\s*\Z""")


def _front_matter_urls(doc: Document) -> list[tuple[str, int, int, str]]:
    """URL values of top-level front-matter fields (``url:``, ``original_url:``, ``link:``...)."""
    front_matter = doc.front_matter
    if front_matter is None or not front_matter.fields:
        return []
    text = doc.text
    found = []
    for span in front_matter.fields.values():
        value = text[span.value_start : span.value_end]
        if "?" not in value and "#" not in value:
            continue
        match = _QUOTED_URL.match(value)
        if match is not None:
            start = span.value_start + match.start(2)
            found.append((match.group(2), start, start + len(match.group(2)), "front-matter"))
    return found

"""Page metadata: title, byline, dates, canonical URL, section, declared language.

Read from what publishers declare for machines, in order of trust: JSON-LD (schema.org
NewsArticle), OpenGraph / article:* meta tags, then the visible page (`<h1>`, `<time>`,
`<title>`), gathered with CSS selectors on the lexbor parse (`gather`). A page that
declares no date is read for one in its URL and date-like elements (`_stamped`, still
lexbor), and htmldate (an lxml parse) runs only when those find none either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import SplitResult, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["Facts", "PageMeta", "gather", "parse_datetime", "read_meta", "with_guessed_date"]

_TITLE_SUFFIX = re.compile(r"\s+[|\-–—·:»]\s+[^|\-–—·:»]{2,60}$")
_SPACE = re.compile(r"\s+")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "webpage", "report", "liveblogposting", "opinionnewsarticle"}


Ld = dict[str, Any]  # one JSON-LD object

_PUBLISHED_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
                   "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date",
                   "parsely-pub-date")
# Date-like elements read before htmldate (see `_stamped`).
_STAMP_SEL = ('abbr[title], [itemprop="datePublished"], [itemprop="dateCreated"], '
              '[class*="date"], [class*="Date"], [class*="datum"], [class*="published"], '
              '[class*="posted"], [class*="time"], [id*="date"]')
_STAMP_NODES = 30
_COMMENT_DEPTH = 6
_STAMP_CHARS = 200
_MONTHS = {name: number + 1 for number, names in enumerate([
    "january jan januar janvier enero", "february feb februar fevrier février febrero",
    "march mar märz maerz mars marzo", "april apr avril abril", "may mai mayo",
    "june jun juni juin junio", "july jul juli juillet julio", "august aug août agosto",
    "september sep sept septembre septiembre", "october oct oktober okt octobre octubre",
    "november nov novembre noviembre", "december dec dezember dez décembre diciembre",
]) for name in names.split()}
_ISO_DAY = re.compile(r"\b((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b")
_DMY = re.compile(r"\b(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(
    r"\b([A-Za-zäéû]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zäéû]{3,10})\.?,?\s+((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    byline: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    canonical_url: str | None = None
    section: str | None = None
    lang: str | None = None
    free: bool | None = None  # JSON-LD isAccessibleForFree, when declared


def parse_datetime(value: object) -> datetime | None:
    """An ISO-8601-ish date or datetime as an aware datetime (naive values are taken as UTC)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


@dataclass(frozen=True, slots=True)
class Facts:
    """What metadata is read from, gathered in one go from the lexbor parse of the page."""

    metas: dict[str, str]  # meta tag key (lowercased) -> first content
    jsonld: list[str]
    h1: list[str]
    title: str | None
    authors: list[str]  # text of rel=author / itemprop=author elements
    times: list[str]  # <time datetime> values
    canonical: str | None
    lang: str | None
    stamps: tuple[str, ...] = ()  # attribute values and text of date-like elements


def gather(tree: LexborHTMLParser) -> Facts:
    """Collect the metadata sources of a page with CSS selectors (lexbor: ~0.1 ms each)."""
    metas: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and (value := _clean(attrs.get("content"))):
            metas.setdefault(key.strip().lower(), value)
    title = tree.css_first("title")
    canonical = tree.css_first('link[rel="canonical"]')
    root = tree.css_first("html")
    jsonld = [n.text(deep=True) for n in tree.css('script[type="application/ld+json"]')[:20]]
    times = [v for n in tree.css("time[datetime]")[:3] if (v := n.attributes.get("datetime"))]
    # Stamps are read only when no date is declared (0.23 ms a page on lexbor).
    declared = bool(times) or any(k in metas for k in _PUBLISHED_KEYS) or any(
        "datePublished" in script for script in jsonld)
    return Facts(
        metas=metas,
        jsonld=jsonld,
        h1=[n.text(deep=True) for n in tree.css("h1")[:3]],
        title=title.text(deep=True) if title is not None else None,
        authors=[n.text(deep=True) for n in tree.css('[rel="author"], [itemprop="author"]')[:2]],
        times=times,
        canonical=canonical.attributes.get("href") if canonical is not None else None,
        stamps=() if declared else _stamps(tree),
        lang=(root.attributes.get("lang") or root.attributes.get("xml:lang"))
        if root is not None else None,
    )


def _stamps(tree: LexborHTMLParser) -> tuple[str, ...]:
    """Date-like elements' content/datetime/title attributes and text, in page order."""
    found: list[str] = []
    for node in tree.css(_STAMP_SEL)[:_STAMP_NODES]:
        if _in_comment(node):
            continue  # a reader comment's date, not the article's
        attrs = node.attributes
        found.extend(v for k in ("content", "datetime", "title") if (v := attrs.get(k)))
        found.append(node.text(deep=True, strip=True)[:_STAMP_CHARS])
    return tuple(found)


def _in_comment(node: LexborNode) -> bool:
    """The node or one of its nearest ancestors is labelled as a comment."""
    current: LexborNode | None = node
    for _ in range(_COMMENT_DEPTH):
        if current is None:
            return False
        attrs = current.attributes
        if "comment" in f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower():
            return True
        current = current.parent
    return False


def _day(year: str, month: str | int, day: str) -> datetime | None:
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None


def _read_day(text: str) -> datetime | None:
    """A day written in a visible stamp: 2021-03-04, 4.3.2021, March 4, 2021, 4. März 2021."""
    if not text or len(text) > _STAMP_CHARS:
        return None
    if found := _ISO_DAY.search(text):
        return _day(*found.groups())
    if found := _DMY.search(text):
        return _day(found[3], found[2], found[1])
    if (found := _MONTH_DAY.search(text)) and found[1].lower() in _MONTHS:
        return _day(found[3], _MONTHS[found[1].lower()], found[2])
    if (found := _DAY_MONTH.search(text)) and found[2].lower() in _MONTHS:
        return _day(found[3], _MONTHS[found[2].lower()], found[1])
    return None


def _stamped(facts: Facts, url: str | None) -> datetime | None:
    """The day in the URL, else in the page's date-like elements, else its modified time.

    Read before htmldate because it needs no lxml parse: on the trafilatura-eval pages the
    fast path keeps that declare no date (171), this finds one on 89 (78 right) and
    htmldate on the rest brings the total right to 121, against htmldate alone 117.
    """
    if url and (found := _ISO_DAY.search(url)) and (day := _day(*found.groups())):
        return day
    for stamp in facts.stamps:
        if day := parse_datetime(stamp) or _read_day(stamp):
            return day
    return parse_datetime(_meta(facts.metas, "og:updated_time", "article:modified_time"))


def _meta(metas: dict[str, str], *keys: str) -> str | None:
    """The first of `keys` the page declares."""
    return next((metas[k] for k in keys if k in metas), None)


def _jsonld_objects(facts: Facts) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening @graph and top-level lists."""
    for script in facts.jsonld:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item[:50])
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _ld_type(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value[:5]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    return _clean(value)


def _ld_article(facts: Facts) -> dict[str, Any]:
    """The page's article object from JSON-LD (first article-like type), or {}."""
    for obj in _jsonld_objects(facts):
        if _ld_type(obj) & _ARTICLE_TYPES and ("headline" in obj or "datePublished" in obj):
            return obj
    return {}


def _free(facts: Facts, article: dict[str, Any]) -> bool | None:
    for obj in [article, *_jsonld_objects(facts)]:
        value = obj.get("isAccessibleForFree")
        if value is None and isinstance(obj.get("hasPart"), dict):
            value = obj["hasPart"].get("isAccessibleForFree")
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() not in {"false", "no", "0"}
    return None


def _title(facts: Facts, article: Ld) -> str | None:
    found = (_meta(facts.metas, "og:title", "twitter:title") or _clean(article.get("headline")))
    if found:
        return found
    for h1 in facts.h1:
        if text := _clean(h1):
            return text
    if text := _clean(facts.title):
        return _TITLE_SUFFIX.sub("", text) or text
    return None


def _byline(facts: Facts, article: Ld) -> str | None:
    name = _ld_name(article.get("author"))
    if name:
        return name
    meta = _meta(facts.metas, "author", "article:author", "byl", "dc.creator", "sailthru.author")
    if meta and not meta.startswith("http"):
        return re.sub(r"^by\s+", "", meta, flags=re.I)
    for author in facts.authors:
        if (text := _clean(author)) and len(text) < 80:
            return re.sub(r"^by\s+", "", text, flags=re.I)
    return None


def _published(facts: Facts, article: Ld) -> datetime | None:
    return (
        parse_datetime(article.get("datePublished"))
        or parse_datetime(_meta(facts.metas, *_PUBLISHED_KEYS))
        or next(filter(None, map(parse_datetime, facts.times)), None)
    )


def _updated(facts: Facts, article: Ld) -> datetime | None:
    return parse_datetime(article.get("datemodified")) or parse_datetime(
        _meta(facts.metas, "article:modified_time", "og:updated_time", "datemodified")
    )


def page_address(canonical: str | None, url: str | None) -> str | None:
    """The page's canonical URL, unless it names a site's home page: a common CMS
    misconfiguration on article pages, and trusting it would make every article of the
    site one item (the URL is the revision key). Then the page's own URL, if any."""
    try:
        home = canonical is not None and _is_home(urlsplit(canonical))
    except ValueError:  # a malformed canonical names nothing
        return url
    return url if home or not canonical else canonical


def _is_home(parts: SplitResult) -> bool:
    return parts.path.strip("/") == "" and not parts.query


def _canonical(facts: Facts) -> str | None:
    if (url := _clean(facts.canonical)) and url.startswith("http"):
        return url
    og = _meta(facts.metas, "og:url")
    return og if og and og.startswith("http") else None


def _section(facts: Facts, article: Ld) -> str | None:
    value = article.get("articleSection")
    if isinstance(value, list):
        value = value[0] if value else None
    return _clean(value) or _meta(facts.metas, "article:section", "section", "parsely-section")


def _lang(facts: Facts) -> str | None:
    code = (facts.lang or "").strip().lower().split("-")[0].split("_")[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _guess_date(page: HtmlElement | str, url: str | None) -> datetime | None:
    """htmldate's reading of URL, visible dates and markup: a day, taken as 00:00 UTC."""
    try:
        found = find_date(page, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError, RecursionError):
        return None
    return parse_datetime(found) if isinstance(found, str) else None


def read_meta(facts: Facts, page: HtmlElement | str | None,
              url: str | None = None) -> PageMeta:
    """Everything the page declares about itself; each field None when absent.

    `page` (the lxml tree, or the HTML when there is none; None: no guess, see
    `with_guessed_date`) is only read by the htmldate
    fallback, when the page declares no date.
    """
    article = _ld_article(facts)
    return PageMeta(
        title=_title(facts, article),
        byline=_byline(facts, article),
        published_at=_published(facts, article) or _stamped(facts, url)
        or (_guess_date(page, url) if page is not None else None),
        updated_at=_updated(facts, article),
        canonical_url=_canonical(facts),
        section=_section(facts, article),
        lang=_lang(facts),
        free=_free(facts, article),
    )


def with_guessed_date(meta: PageMeta, page: HtmlElement | str, url: str | None) -> PageMeta:
    """`meta` with htmldate's guess when the page declares no date (the guess costs a few
    ms, so the fast path asks for it only once it has kept the page)."""
    if meta.published_at is not None:
        return meta
    return replace(meta, published_at=_guess_date(page, url))

"""Page metadata: title, byline, dates, canonical URL, section, declared language.

Read from what publishers declare for machines, in order of trust: JSON-LD (schema.org
NewsArticle), OpenGraph / article:* meta tags, then the visible page (`<h1>`, `<time>`,
`<title>`). Cheap XPath lookups only; the date fallback (htmldate) runs only when the
page declares no date at all, because it is the slowest part of metadata extraction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

__all__ = ["PageMeta", "parse_datetime", "read_meta"]

_TITLE_SUFFIX = re.compile(r"\s+[|\-–—·:»]\s+[^|\-–—·:»]{2,60}$")
_SPACE = re.compile(r"\s+")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "webpage", "report", "liveblogposting", "opinionnewsarticle"}


Metas = dict[str, str]  # meta tag key (lowercased) -> content
Ld = dict[str, Any]  # one JSON-LD object


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


def _metas(tree: HtmlElement) -> dict[str, str]:
    """All `<meta property|name|itemprop=key content=...>` of the page, first value per key."""
    found: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        if key and (value := _clean(node.get("content"))):
            found.setdefault(key.strip().lower(), value)
    return found


def _meta(metas: dict[str, str], *keys: str) -> str | None:
    """The first of `keys` the page declares."""
    return next((metas[k] for k in keys if k in metas), None)


def _jsonld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening @graph and top-level lists."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:20]:
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


def _ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The page's article object from JSON-LD (first article-like type), or {}."""
    for obj in _jsonld_objects(tree):
        if _ld_type(obj) & _ARTICLE_TYPES and ("headline" in obj or "datePublished" in obj):
            return obj
    return {}


def _free(tree: HtmlElement, article: dict[str, Any]) -> bool | None:
    for obj in [article, *_jsonld_objects(tree)]:
        value = obj.get("isAccessibleForFree")
        if value is None and isinstance(obj.get("hasPart"), dict):
            value = obj["hasPart"].get("isAccessibleForFree")
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() not in {"false", "no", "0"}
    return None


def _title(tree: HtmlElement, metas: Metas, article: Ld) -> str | None:
    found = (_meta(metas, "og:title", "twitter:title") or _clean(article.get("headline")))
    if found:
        return found
    for h1 in tree.xpath("//h1")[:3]:
        if text := _clean(h1.text_content()):
            return text
    titles = tree.xpath("//title/text()")
    if titles and (text := _clean(titles[0])):
        return _TITLE_SUFFIX.sub("", text) or text
    return None


def _byline(tree: HtmlElement, metas: Metas, article: Ld) -> str | None:
    name = _ld_name(article.get("author"))
    if name:
        return name
    meta = _meta(metas, "author", "article:author", "byl", "dc.creator", "sailthru.author")
    if meta and not meta.startswith("http"):
        return re.sub(r"^by\s+", "", meta, flags=re.I)
    for node in tree.xpath('//*[@rel="author" or @itemprop="author"]')[:2]:
        if (text := _clean(node.text_content())) and len(text) < 80:
            return re.sub(r"^by\s+", "", text, flags=re.I)
    return None


def _published(tree: HtmlElement, metas: Metas, article: Ld) -> datetime | None:
    return (
        parse_datetime(article.get("datePublished"))
        or parse_datetime(_meta(metas, "article:published_time", "og:published_time",
                                "datepublished", "pubdate", "publishdate", "date",
                                "dc.date", "dc.date.issued",
                                "sailthru.date", "parsely-pub-date"))
        or next(filter(None, map(parse_datetime, tree.xpath("//time/@datetime")[:3])), None)
    )


def _updated(tree: HtmlElement, metas: Metas, article: Ld) -> datetime | None:
    return parse_datetime(article.get("datemodified")) or parse_datetime(
        _meta(metas, "article:modified_time", "og:updated_time", "datemodified")
    )


def _canonical(tree: HtmlElement, metas: dict[str, str]) -> str | None:
    for href in tree.xpath('//link[@rel="canonical"]/@href')[:1]:
        if (url := _clean(href)) and url.startswith("http"):
            return url
    og = _meta(metas, "og:url")
    return og if og and og.startswith("http") else None


def _section(tree: HtmlElement, metas: Metas, article: Ld) -> str | None:
    value = article.get("articleSection")
    if isinstance(value, list):
        value = value[0] if value else None
    return _clean(value) or _meta(metas, "article:section", "section", "parsely-section")


def _lang(tree: HtmlElement) -> str | None:
    for value in tree.xpath("/html/@lang | /html/@xml:lang")[:1]:
        code = str(value).strip().lower().split("-")[0].split("_")[0]
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return None


def _guess_date(tree: HtmlElement, url: str | None) -> datetime | None:
    """htmldate's reading of URL, visible dates and markup: a day, taken as 00:00 UTC."""
    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError, RecursionError):
        return None
    return parse_datetime(found) if isinstance(found, str) else None


def read_meta(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Everything the page declares about itself; each field None when absent."""
    article = _ld_article(tree)
    metas = _metas(tree)
    return PageMeta(
        title=_title(tree, metas, article),
        byline=_byline(tree, metas, article),
        published_at=_published(tree, metas, article) or _guess_date(tree, url),
        updated_at=_updated(tree, metas, article),
        canonical_url=_canonical(tree, metas),
        section=_section(tree, metas, article),
        lang=_lang(tree),
        free=_free(tree, article),
    )

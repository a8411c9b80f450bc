"""Feed autodiscovery from a homepage, and sitemaps / Google News sitemaps.

Autodiscovery reads `<link rel="alternate" type="application/rss+xml|atom+xml|
feed+json">` (the RSS Board's autodiscovery convention) with selectolax. Sitemaps are
XML read with lxml with entity resolution and network access off; a `.gz` sitemap is
inflated with a cap, so a hostile sitemap cannot become a decompression bomb.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from signaldesk.errors import InputError
from signaldesk.sources.fetch import Fetcher

__all__ = ["Sitemap", "SitemapURL", "discover", "discover_feeds", "parse_sitemap"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
               "application/rdf+xml", "application/json")
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_MAX_SITEMAP = 50_000_000  # the sitemaps.org limit for one uncompressed file


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs a page advertises, absolute, in page order, without duplicates."""
    found: list[str] = []
    for node in LexborHTMLParser(html).css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().split(";")[0].strip()
        href = (node.attributes.get("href") or "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            url = urljoin(base_url, href)
            if url not in found:
                found.append(url)
    return found


@dataclass(frozen=True, slots=True)
class SitemapURL:
    loc: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_published_at: datetime | None = None
    news_publication: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    urls: list[SitemapURL] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


def parse_sitemap(data: bytes, url: str = "<sitemap>") -> Sitemap:
    if data[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflated:
            data = inflated.read(_MAX_SITEMAP + 1)
        if len(data) > _MAX_SITEMAP:
            raise InputError(f"{url}: sitemap larger than {_MAX_SITEMAP} bytes inflated")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{url}: not a sitemap ({exc})") from exc
    if root is None or etree.QName(root).localname not in {"urlset", "sitemapindex"}:
        raise InputError(f"{url}: not a sitemap (no <urlset> or <sitemapindex>)")
    if etree.QName(root).localname == "sitemapindex":
        return Sitemap(sitemaps=[urljoin(url, t) for t in _texts(root, f"{_SM}sitemap/{_SM}loc")])
    urls = []
    for node in root.iter(f"{_SM}url"):
        loc = (node.findtext(f"{_SM}loc") or "").strip()
        if not loc:
            continue
        urls.append(SitemapURL(
            loc=urljoin(url, loc), lastmod=_date(node.findtext(f"{_SM}lastmod")),
            news_title=_clean(node.findtext(f"{_NEWS}news/{_NEWS}title")),
            news_published_at=_date(node.findtext(f"{_NEWS}news/{_NEWS}publication_date")),
            news_publication=_clean(
                node.findtext(f"{_NEWS}news/{_NEWS}publication/{_NEWS}name")),
        ))
    return Sitemap(urls=urls)


async def discover(fetcher: Fetcher, url: str) -> list[str]:
    """Feeds for `url`: itself if it is a feed, else those its page advertises."""
    from signaldesk.sources.feeds import parse_feed
    from signaldesk.sources.poller import decode_html

    result = await fetcher.fetch(url)
    try:
        parse_feed(result.body, result.url, result.headers)
        return [result.url]
    except InputError:
        pass
    html = decode_html(result.body, result.headers.get("content-type", ""))
    return discover_feeds(html, result.url)


def _texts(root: etree._Element, path: str) -> list[str]:
    return [t.strip() for t in (n.text for n in root.iterfind(path)) if t and t.strip()]


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


def _date(text: str | None) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)

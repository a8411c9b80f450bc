"""Feed autodiscovery and (news) sitemaps, on pages and sitemaps written for the tests."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime

import httpx
import pytest

from signaldesk.errors import InputError
from signaldesk.settings import Settings
from signaldesk.sources.discover import discover, discover_feeds, parse_sitemap
from signaldesk.sources.fetch import Fetcher

HOME = """<!doctype html><html><head><title>Lighthouse Times (fictional)</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="All" href="/feeds/all.xml">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://cdn.example/a">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="/feeds/all.xml">
</head><body>News</body></html>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://lh.example/a</loc><lastmod>2026-03-03T08:00:00+01:00</lastmod>
  <news:news><news:publication><news:name>Lighthouse Times</news:name></news:publication>
   <news:publication_date>2026-03-03T07:55:00Z</news:publication_date>
   <news:title>Fictional port strike ends</news:title></news:news></url>
 <url><loc>/b</loc><lastmod>2026-03-02</lastmod></url>
 <url><loc>  </loc></url>
</urlset>"""

INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://lh.example/news.xml</loc></sitemap><sitemap><loc>/old.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_discover_feeds_from_links() -> None:
    assert discover_feeds(HOME, "https://lh.example/section/") == [
        "https://lh.example/feeds/all.xml", "https://cdn.example/a",
        "https://lh.example/section/feed.json"]
    assert discover_feeds("<html><body>no feeds</body></html>", "https://x.example/") == []


def test_news_sitemap_and_index() -> None:
    sm = parse_sitemap(URLSET, "https://lh.example/sitemap.xml")
    assert [u.loc for u in sm.urls] == ["https://lh.example/a", "https://lh.example/b"]
    first = sm.urls[0]
    assert first.news_title == "Fictional port strike ends"
    assert first.news_published_at == datetime(2026, 3, 3, 7, 55, tzinfo=UTC)
    assert first.lastmod == datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
    assert first.news_publication == "Lighthouse Times"
    assert sm.urls[1].lastmod == datetime(2026, 3, 2, tzinfo=UTC)
    gz = parse_sitemap(gzip.compress(INDEX), "https://lh.example/index.xml.gz")
    assert gz.sitemaps == ["https://lh.example/news.xml", "https://lh.example/old.xml.gz"]


def test_hostile_sitemaps_are_refused() -> None:
    with pytest.raises(InputError, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>")
    bomb = gzip.compress(b"<urlset>" + b" " * 60_000_000)
    with pytest.raises(InputError, match="larger than"):
        parse_sitemap(bomb)
    entity = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>https://e.example/&x;</loc></url></urlset>")
    urls = parse_sitemap(entity).urls
    assert all("root:" not in u.loc for u in urls)  # external entities never resolved


def test_discover_follows_a_homepage_or_accepts_a_feed() -> None:
    feed = b'<rss version="2.0"><channel><title>T</title></channel></rss>'

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feeds/all.xml":
            return httpx.Response(200, content=feed)
        return httpx.Response(200, text=HOME, headers={"Content-Type": "text/html"})

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    async def main(url: str) -> list[str]:
        async with Fetcher(Settings(), httpx.MockTransport(handler), public, host_rate=0) as f:
            return await discover(f, url)

    assert asyncio.run(main("https://lh.example/"))[0] == "https://lh.example/feeds/all.xml"
    assert asyncio.run(main("https://lh.example/feeds/all.xml")) == [
        "https://lh.example/feeds/all.xml"]

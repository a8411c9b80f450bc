"""Feed parsing on small feeds written for these tests (fictional outlets and news)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signaldesk.errors import InputError
from signaldesk.sources import entry_to_doc, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
 <title>Harbor Ledger (fictional)</title>
 <link>https://ledger.example/</link>
 <atom:link rel="hub" href="https://hub.example/"/>
 <atom:link rel="self" href="https://ledger.example/rss"/>
 <item>
  <title>Quillmark central bank holds rates</title>
  <link>/news/rates-hold</link>
  <guid isPermaLink="false">ledger-1001</guid>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Full body <b>here</b>.</p><script>alert(1)</script>]]>
  </content:encoded>
  <pubDate>Tue, 03 Mar 2026 09:30:00 +0100</pubDate>
  <dc:creator>Ana Fictive</dc:creator>
 </item>
 <item>
  <title>Older item</title>
  <link>https://ledger.example/news/older</link>
  <pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
 </item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Copperfield Wire (fictional)</title>
 <link href="https://wire.example/"/>
 <id>urn:wire</id>
 <entry>
  <id>urn:wire:7</id>
  <title>Brent edges higher in a fictional session</title>
  <link rel="alternate" href="https://wire.example/7"/>
  <updated>2026-03-03T10:00:00Z</updated>
  <published>2026-03-03T09:58:00Z</published>
  <author><name>Desk Editor</name></author>
  <content type="html">&lt;p&gt;Body text.&lt;/p&gt;</content>
 </entry>
</feed>"""


def _json_feed(version: str) -> bytes:
    item = {"id": "j-1", "url": "https://json.example/1", "title": "Made-up bond auction",
            "content_html": "<p>Auction body.</p>", "summary": "Teaser",
            "date_published": "2026-03-03T07:15:00-05:00"}
    if version.endswith("1.1"):
        item["authors"] = [{"name": "Staff"}]
    else:
        item["author"] = {"name": "Staff"}
    return json.dumps({"version": version, "title": "Json Gazette (fictional)",
                       "home_page_url": "https://json.example/", "items": [item]}).encode()


def test_rss_entry_fields_and_sanitising() -> None:
    feed = parse_feed(RSS, "https://ledger.example/rss")
    assert (feed.format, feed.version, feed.title) == ("rss", "rss20", "Harbor Ledger (fictional)")
    first = feed.entries[0]
    assert first.id == "ledger-1001"
    assert first.url == "https://ledger.example/news/rates-hold"  # resolved against the URL
    assert first.published_at == datetime(2026, 3, 3, 8, 30, tzinfo=UTC)
    assert first.author == "Ana Fictive"
    assert first.summary == "Short teaser."
    assert first.content_html is not None and "<b>here</b>" in first.content_html
    assert "script" not in first.content_html
    assert feed.hubs == ["https://hub.example/"]
    assert feed.self_url == "https://ledger.example/rss"
    # an entry without a guid is identified by its link
    assert feed.entries[1].id == "https://ledger.example/news/older"
    newest = feed.newest()
    assert newest is not None and newest.id == "ledger-1001"


def test_atom_entry() -> None:
    feed = parse_feed(ATOM, "https://wire.example/atom")
    assert feed.format == "atom" and feed.version == "atom10"
    entry = feed.entries[0]
    assert (entry.id, entry.url, entry.author) == ("urn:wire:7", "https://wire.example/7",
                                                    "Desk Editor")
    assert entry.published_at == datetime(2026, 3, 3, 9, 58, tzinfo=UTC)
    assert entry.updated_at == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    assert entry.content_html == "<p>Body text.</p>"


@pytest.mark.parametrize(("version", "name"), [("https://jsonfeed.org/version/1", "json1"),
                                               ("https://jsonfeed.org/version/1.1", "json11")])
def test_json_feed_versions(version: str, name: str) -> None:
    feed = parse_feed(_json_feed(version), "https://json.example/feed.json")
    assert feed.format == "jsonfeed" and feed.version == name
    entry = feed.entries[0]
    assert entry.published_at == datetime(2026, 3, 3, 12, 15, tzinfo=UTC)
    assert entry.author == "Staff"
    assert entry.content_html == "<p>Auction body.</p>" and entry.summary == "Teaser"


@pytest.mark.parametrize("body", [
    b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hello</body></html>",
    b"\x00\x01\x02 not a feed \xff\xfe",
    b"",
    b'{"version": "https://jsonfeed.org/version/9", "items": []}',
    b"{not json",
    b"[1, 2]",
])
def test_non_feeds_are_refused_with_the_url(body: bytes) -> None:
    with pytest.raises(InputError, match=r"https://bad\.example/x"):
        parse_feed(body, "https://bad.example/x")


def test_body_that_looks_like_a_file_name_is_never_opened(tmp_path: object) -> None:
    # feedparser opens a str/bytes argument as a file name if it can; we must not.
    with pytest.raises(InputError):
        parse_feed(b"/etc/passwd", "https://bad.example/x")


def test_entry_to_doc_is_stable_and_tz_aware() -> None:
    feed = parse_feed(RSS, "https://ledger.example/rss")
    doc = entry_to_doc(feed.entries[0], "Harbor Ledger", "https://ledger.example/rss",
                       tier="premium")
    again = entry_to_doc(parse_feed(RSS, "https://ledger.example/rss").entries[0],
                         "Harbor Ledger", "https://ledger.example/rss")
    other = entry_to_doc(feed.entries[1], "Harbor Ledger", "https://ledger.example/rss")
    assert doc.id == again.id != other.id
    assert doc.source == "Harbor Ledger" and doc.tier == "premium"
    assert doc.guid == "ledger-1001" and doc.html is not None and "Full body" in doc.html
    assert doc.published_at is not None and doc.published_at.tzinfo is not None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000) | st.builds(lambda head, tail: RSS[:head] + tail + RSS[head:],
                                              st.integers(0, len(RSS)),
                                              st.binary(max_size=50)))
def test_any_bytes_parse_or_raise_input_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, "https://fuzz.example/feed")
    except InputError as exc:
        assert "https://fuzz.example/feed" in str(exc)
        return
    for entry in feed.entries:
        assert entry.published_at is None or entry.published_at.tzinfo is not None

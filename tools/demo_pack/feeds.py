"""One feed per outlet in RSS 2.0, Atom 1.0 or JSON Feed 1.1, as of the end of the day.

Hand-built from strings with escaping rather than a feed library: the project only reads
feeds (feedparser), and a generator must control every byte to stay byte-identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from outlets import Outlet
from render import NOTICE, local


@dataclass(frozen=True)
class Entry:
    doc_id: str
    url: str
    headline: str
    summary: str
    author: str
    desk: str
    tier: str
    published: datetime  # UTC
    updated: datetime | None


def _description(o: Outlet) -> str:
    return NOTICE.format(name=o.name).replace("on this page", "in this feed")


def _latest(entries: list[Entry]) -> datetime:
    return max((e.updated or e.published) for e in entries)


def _ordered(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.updated or e.published, e.doc_id), reverse=True)


def rss(o: Outlet, entries: list[Entry]) -> str:
    items = []
    for e in _ordered(entries):
        when = format_datetime(local(e.published, o))
        upd = ""
        if e.updated is not None:
            upd = f"\n      <atom:updated>{local(e.updated, o).isoformat()}</atom:updated>"
        items.append(
            f"    <item>\n      <title>{escape(e.headline)}</title>\n"
            f"      <link>{escape(e.url)}</link>\n"
            f'      <guid isPermaLink="false">{escape(o.slug)}:{escape(e.doc_id)}</guid>\n'
            f"      <pubDate>{when}</pubDate>{upd}\n"
            f"      <dc:creator>{escape(e.author)}</dc:creator>\n"
            f"      <category>{escape(e.desk)}</category>\n"
            f"      <category>{e.tier}</category>\n"
            f"      <description>{escape(e.summary)}</description>\n    </item>"
        )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n  <channel>\n'
        f"    <title>{escape(o.name)} (fictional)</title>\n"
        f"    <link>{escape(o.home)}</link>\n"
        f"    <description>{escape(_description(o))}</description>\n"
        "    <language>en</language>\n"
        f"    <lastBuildDate>{format_datetime(local(_latest(entries), o))}</lastBuildDate>\n"
        f'    <atom:link href={quoteattr(o.home + "feed.xml")} rel="self" '
        'type="application/rss+xml"/>\n'
    )
    return head + "\n".join(items) + "\n  </channel>\n</rss>\n"


def atom(o: Outlet, entries: list[Entry]) -> str:
    host = o.home.split("/")[2]
    out = []
    for e in _ordered(entries):
        updated = local(e.updated or e.published, o).isoformat()
        out.append(
            f"  <entry>\n    <title>{escape(e.headline)}</title>\n"
            f'    <link rel="alternate" type="text/html" href={quoteattr(e.url)}/>\n'
            f"    <id>tag:{host},2026-03-12:{escape(e.doc_id)}</id>\n"
            f"    <published>{local(e.published, o).isoformat()}</published>\n"
            f"    <updated>{updated}</updated>\n"
            f"    <author><name>{escape(e.author)}</name></author>\n"
            f"    <category term={quoteattr(e.desk)}/>\n"
            f"    <category term={quoteattr(e.tier)} label=\"tier\"/>\n"
            f'    <summary type="text">{escape(e.summary)}</summary>\n  </entry>'
        )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(o.name)} (fictional)</title>\n"
        f"  <subtitle>{escape(_description(o))}</subtitle>\n"
        f"  <id>tag:{host},2026:feed</id>\n"
        f"  <updated>{local(_latest(entries), o).isoformat()}</updated>\n"
        f'  <link rel="self" href={quoteattr(o.home + "feed.atom")}/>\n'
        f'  <link rel="alternate" href={quoteattr(o.home)}/>\n'
        f"  <rights>Fictional demo content for SignalDesk</rights>\n"
    )
    return head + "\n".join(out) + "\n</feed>\n"


def jsonfeed(o: Outlet, entries: list[Entry]) -> str:
    items = []
    for e in _ordered(entries):
        item: dict[str, object] = {
            "id": f"{o.slug}:{e.doc_id}",
            "url": e.url,
            "title": e.headline,
            "summary": e.summary,
            "date_published": local(e.published, o).isoformat(),
        }
        if e.updated is not None:
            item["date_modified"] = local(e.updated, o).isoformat()
        item["authors"] = [{"name": e.author}]
        item["tags"] = [e.desk]
        item["_signaldesk_demo"] = {"tier": e.tier, "fictional": True}
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{o.name} (fictional)",
        "home_page_url": o.home,
        "feed_url": o.home + "feed.json",
        "description": _description(o),
        "language": "en",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def write_feed(o: Outlet, entries: list[Entry]) -> str:
    return {"rss": rss, "atom": atom, "jsonfeed": jsonfeed}[o.format](o, entries)

"""OPML 1.0/2.0 import and export of source lists.

The stdlib ElementTree reads OPML; Python's bundled expat (>= 2.4) refuses entity
expansion bombs, and ElementTree never fetches external entities. Outlines may nest
(folders); every outline with an `xmlUrl` is a feed. SignalDesk's own fields travel as
extra attributes (`signaldeskDesk`, `signaldeskTier`, `signaldeskInterval`), which
other readers ignore.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from signaldesk.errors import InputError
from signaldesk.sources.registry import SourceRecord

__all__ = ["OpmlFeed", "read_opml", "write_opml"]


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    desk: str | None = None
    tier: str = "free"
    interval_s: float | None = None


def read_opml(data: bytes, name: str = "<opml>") -> list[OpmlFeed]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{name}: not valid OPML ({exc})") from exc
    if root.tag.lower() != "opml":
        raise InputError(f"{name}: not OPML (root element <{root.tag}>)")
    feeds = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url:
            continue
        interval = node.get("signaldeskInterval")
        try:
            interval_s = float(interval) if interval else None
        except ValueError:
            interval_s = None
        feeds.append(OpmlFeed(url=url, title=node.get("title") or node.get("text"),
                              desk=node.get("signaldeskDesk"),
                              tier=node.get("signaldeskTier") or "free",
                              interval_s=interval_s))
    return feeds


def write_opml(records: list[SourceRecord], title: str = "SignalDesk sources") -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for rec in sorted(records, key=lambda r: r.url):
        attrs = {"type": "rss", "text": rec.outlet, "title": rec.outlet, "xmlUrl": rec.url,
                 "signaldeskTier": rec.tier}
        if rec.desk:
            attrs["signaldeskDesk"] = rec.desk
        if rec.interval_s is not None:
            attrs["signaldeskInterval"] = f"{rec.interval_s:g}"
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")

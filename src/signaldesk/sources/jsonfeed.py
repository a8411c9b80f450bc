"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1).

Hand-written because feedparser 6.0 (the pinned, released version) does not read JSON
Feed and the format is plain JSON with a dozen documented keys: the stdlib `json`
module does the parsing, this module only maps keys. The result has the shape of a
feedparser result (`feed`, `entries`, `version`, `bozo`), so the rest of SignalDesk,
and the feedparser test suite's expressions, read both alike.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from feedparser import FeedParserDict

from signaldesk.errors import InputError

__all__ = ["parse_json_feed"]

_VERSIONS = {
    "https://jsonfeed.org/version/1": "json1",
    "https://jsonfeed.org/version/1.1": "json11",
}


def parse_json_feed(data: bytes, name: str = "<feed>") -> Any:
    """Parse JSON Feed bytes into a feedparser-shaped `FeedParserDict`."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{name}: not a feed (invalid JSON: {exc})") from exc
    if not isinstance(doc, dict):
        raise InputError(f"{name}: not a feed (JSON top level is not an object)")
    version = str(doc.get("version") or "").rstrip("/")
    if version not in _VERSIONS:
        raise InputError(f"{name}: not a JSON Feed (version {version or 'missing'!r})")
    items = doc.get("items")
    if not isinstance(items, list):
        raise InputError(f"{name}: JSON Feed without an 'items' list")
    feed = FeedParserDict(
        title=_str(doc.get("title")),
        link=_str(doc.get("home_page_url")),
        subtitle=_str(doc.get("description")),
        links=_links(doc),
    )
    _author(feed, doc)
    entries = [_item(i) for i in items if isinstance(i, dict)]
    return FeedParserDict(
        feed=feed, entries=entries, version=_VERSIONS[version], bozo=0, encoding="utf-8",
        namespaces={},
    )


def _links(doc: dict[str, Any]) -> list[Any]:
    links = []
    if _str(doc.get("feed_url")):
        links.append(FeedParserDict(rel="self", href=_str(doc["feed_url"])))
    for hub in doc.get("hubs") or []:
        if isinstance(hub, dict) and _str(hub.get("url")):
            links.append(FeedParserDict(rel="hub", href=_str(hub["url"])))
    return links


def _item(item: dict[str, Any]) -> Any:
    entry = FeedParserDict()
    for key, src in (("id", "id"), ("link", "url"), ("title", "title"),
                     ("summary", "summary"), ("image", "image")):
        if _str(item.get(src)) is not None:
            entry[key] = _str(item[src])
    content = []
    if _str(item.get("content_html")):
        content.append(FeedParserDict(type="text/html", value=_str(item["content_html"])))
    if _str(item.get("content_text")):
        content.append(FeedParserDict(type="text/plain", value=_str(item["content_text"])))
    if content:
        entry["content"] = content
        entry.setdefault("summary", content[0]["value"])
    for key, src in (("published", "date_published"), ("updated", "date_modified")):
        when = _date(item.get(src))
        if when is not None:
            entry[key] = item[src]
            entry[f"{key}_parsed"] = when.utctimetuple()
    _author(entry, item)
    return entry


def _author(target: Any, obj: dict[str, Any]) -> None:
    """JSON Feed 1.1 `authors` list, or 1.0's single `author` object."""
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj["author"]] if isinstance(obj.get("author"), dict) else []
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    names = [n for n in names if n]
    if names:
        target["author"] = names[0]
        target["authors"] = [FeedParserDict(name=n) for n in names]


def _date(value: Any) -> datetime | None:
    """RFC 3339 dates; a date without a zone is taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None

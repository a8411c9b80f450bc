"""Feed parsing: RSS 0.9x/1.0/2.0, RDF, CDF, Atom 0.3/1.0 (feedparser) and JSON Feed.

feedparser is the parser the field trusts for XML feeds (it survives the ill-formed
feeds real outlets publish, detects encodings and sanitises HTML we re-serve). It is
only ever handed bytes, wrapped in a file object: given a str or bytes it may treat
the input as a URL or a *file name* and open it, which a hostile feed body must never
be able to trigger. JSON Feed is handled by `sources.jsonfeed` (feedparser 6.0 has no
JSON Feed support).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from signaldesk.errors import InputError
from signaldesk.models import Doc, Tier

__all__ = ["FeedEntry", "ParsedFeed", "entry_fingerprint", "entry_to_doc", "parse_feed"]

# Channel-level elements only feeds have (an HTML page parses to a bare `summary`).
_FEED_KEYS = ("title", "link", "links", "subtitle", "updated", "id")
_RSS_PREFIX = re.compile(rb"<(/?)rss:")
_FORMATS = (("json", "jsonfeed"), ("atom", "atom"), ("rss10", "rdf"), ("rss090", "rdf"),
            ("rss", "rss"), ("cdf", "cdf"))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, reduced to the fields SignalDesk uses."""

    id: str | None
    url: str | None
    title: str | None
    summary: str | None
    content_html: str | None
    published_at: datetime | None
    updated_at: datetime | None
    author: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed. `raw` is the feedparser-shaped result the entries came from."""

    format: str  # rss | rdf | atom | cdf | jsonfeed | unknown
    version: str  # feedparser's version string: rss20, atom10, json11, ...
    title: str | None
    link: str | None
    entries: list[FeedEntry]
    bozo: bool = False  # the feed was ill-formed but parsed anyway
    bozo_reason: str | None = None
    encoding: str | None = None
    hubs: list[str] = field(default_factory=list)  # WebSub hubs the feed advertises
    self_url: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def newest(self) -> FeedEntry | None:
        dated = [e for e in self.entries if e.published_at]
        if dated:
            return max(dated, key=lambda e: e.published_at or datetime.min.replace(tzinfo=UTC))
        return self.entries[0] if self.entries else None


def parse_feed(
    data: bytes, url: str | None = None, headers: Mapping[str, str] | None = None
) -> ParsedFeed:
    """Parse feed bytes; relative links resolve against `url` (or Content-Location).

    Raises `InputError` naming `url` when the bytes are not a feed at all (an HTML page,
    garbage, an empty body). An ill-formed feed that still yields entries is returned
    with `bozo=True`: real feeds are often slightly broken and still worth reading.
    """
    name = url or "<feed>"
    if not isinstance(data, bytes | bytearray):
        raise InputError(f"{name}: feed data must be bytes, got {type(data).__name__}")
    hdrs = {k.lower(): v for k, v in (headers or {}).items()}
    if _looks_like_json(data, hdrs.get("content-type", "")):
        from signaldesk.sources.jsonfeed import parse_json_feed

        raw = parse_json_feed(bytes(data), name)
    else:
        raw = _feedparser(bytes(data), url, hdrs)
        if raw.get("bozo") and not raw.get("entries") and _RSS_PREFIX.search(data):
            # Some CMSes prefix every element with an undeclared `rss:`; feedparser then
            # finds no items. Dropping the prefix recovers them (fastfeedparser does too).
            raw = _feedparser(_RSS_PREFIX.sub(rb"<\1", bytes(data)), url, hdrs)
    parsed = _from_raw(raw)
    meta = raw.get("feed") or {}
    if not parsed.version and not parsed.entries and (
        parsed.bozo or not any(k in meta for k in _FEED_KEYS)
    ):
        reason = parsed.bozo_reason or "no feed elements found"
        raise InputError(f"{name}: not a feed ({reason})")
    return parsed


def _looks_like_json(data: bytes, content_type: str) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    # Trust the bytes over the header: servers label RSS as application/json too.
    return head.startswith(b"{") or ("json" in content_type.lower() and not head.startswith(b"<"))


def _feedparser(data: bytes, url: str | None, hdrs: dict[str, str]) -> Any:
    response_headers = dict(hdrs)
    # feedparser resolves relative links against Content-Location; make it absolute
    # against the URL we fetched, as a browser would.
    location = hdrs.get("content-location")
    if url:
        base = urljoin(url, location) if location else url
        # a base must be a web address: a `javascript:` Content-Location is ignored
        response_headers["content-location"] = base if base.startswith(("http:", "https:")) \
            else url
        # Without a Content-Type feedparser flags any header set as "non-XML"; a feed
        # read from a file or a test carries none, so say what a web server would.
        response_headers.setdefault("content-type", "application/xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # feedparser warns on odd input; bozo says it all
        try:
            return feedparser.parse(
                io.BytesIO(data), response_headers=response_headers, sanitize_html=True,
                resolve_relative_uris=True,
            )
        except Exception as exc:  # feedparser can still crash on hostile bytes (fuzzed:
            # an encoding name with a NUL raises ValueError); that is this input's problem.
            name = url or "<feed>"
            raise InputError(f"{name}: not a feed (parser failed: {type(exc).__name__}: "
                             f"{exc})") from exc


def _from_raw(raw: Any) -> ParsedFeed:
    meta = raw.get("feed", {})
    version = str(raw.get("version") or "")
    exc = raw.get("bozo_exception")
    links = meta.get("links") or []
    return ParsedFeed(
        format=_format(version),
        version=version,
        title=_text(meta.get("title")),
        link=_text(meta.get("link")),
        entries=[_entry(e) for e in raw.get("entries", [])],
        bozo=bool(raw.get("bozo")),
        bozo_reason=f"{type(exc).__name__}: {exc}" if exc else None,
        encoding=raw.get("encoding"),
        hubs=[str(x["href"]) for x in links if x.get("rel") == "hub" and x.get("href")],
        self_url=next((str(x["href"]) for x in links if x.get("rel") == "self"
                       and x.get("href")), None),
        raw=raw,
    )


def _format(version: str) -> str:
    for prefix, name in _FORMATS:
        if version.startswith(prefix):
            return name
    return "unknown"


def _entry(e: Mapping[str, Any]) -> FeedEntry:
    summary = _text(e.get("summary"))
    return FeedEntry(
        # An entry's identity: its id/guid, else its link (as most feed readers do).
        id=_text(e.get("id")) or _text(e.get("guid")) or _text(e.get("link")),
        url=_text(e.get("link")),
        title=_text(e.get("title")),
        summary=summary,
        content_html=_content(e) or summary,
        published_at=_when(e.get("published_parsed")) or _when(e.get("created_parsed"))
        or _when(e.get("updated_parsed")),
        updated_at=_when(e.get("updated_parsed")),
        author=_text(e.get("author")),
    )


def _content(e: Mapping[str, Any]) -> str | None:
    """The fullest body the entry carries: HTML content first, then any content."""
    parts = [c for c in e.get("content") or [] if c.get("value")]
    html = [c for c in parts if "html" in str(c.get("type", ""))]
    best = html or parts
    return str(max(best, key=lambda c: len(c["value"]))["value"]) if best else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _when(value: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime (None when absent or absurd)."""
    if not isinstance(value, time.struct_time | tuple):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(tuple(value)), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def entry_to_doc(
    entry: FeedEntry,
    source: str | None,
    feed_url: str | None = None,
    fetched_at: datetime | None = None,
    tier: Tier | None = None,
) -> Doc:
    """A feed entry as a pipeline `Doc`; its id is stable across polls of the same feed."""
    key = entry.id or entry.url or f"{entry.title}|{entry.published_at}"
    digest = hashlib.sha1(f"{feed_url or source}\x00{key}".encode(), usedforsecurity=False)
    return Doc(
        id=f"feed-{digest.hexdigest()[:20]}",
        html=entry.content_html,
        url=entry.url,
        title=entry.title,
        summary=entry.summary,
        source=source,
        published_at=entry.published_at,
        fetched_at=fetched_at,
        guid=entry.id,
        tier=tier,
    )


def entry_fingerprint(entry: FeedEntry) -> str:
    """A short digest of what a reader of `entry` sees: title, summary and body.

    The entry's id (see `entry_to_doc`) says *which* item it is; this says *which version*:
    the same id with another fingerprint is the publisher's edit of that item, delivered
    again as its next revision. Runs of whitespace count as one space, so a feed that is
    only re-indented or re-wrapped is not an edit. The entry's updated date is left out
    on purpose: no stage shows it (the doc does not carry it), so a feed that restamps
    `updated` on every build would send every entry through the pipeline (and, with
    `--pages`, fetch its page) on every poll, only for dedupe to drop it as `replayed`.
    (The date still matters for records saved before fingerprints were kept: see
    `Poller._fresh`.)
    """
    parts = (entry.title, entry.summary, entry.content_html)
    text = "\x00".join(" ".join(p.split()) if p else "" for p in parts)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]

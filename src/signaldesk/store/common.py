"""What both stores share: index fields of an item, times, cursors, search text, stories.

Kept free of any database driver so that SQLite and PostgreSQL behave the same by
construction: they differ only in SQL, never in what they extract from an item or in
how a story page is assembled.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from signaldesk.errors import InputError, StoreError

MAX_LIMIT = 500  # largest page `list_items` returns; a bigger `limit` is clamped
MAX_QUERY_CHARS = 512  # longer full-text queries are cut, not refused
MAX_QUERY_TERMS = 32
_CURSOR_PREFIX = "s1:"


class ItemRejected(StoreError):
    """This one item cannot be stored (no id, a bad time, data that is not JSON);
    the store itself is fine, so a pipeline drops the item and carries on."""


@dataclass(frozen=True, slots=True)
class IndexFields:
    """The columns a revision is filtered and sorted by; the body is kept whole beside them."""

    item_id: str
    doc_id: str | None
    story_id: str | None
    tier: str
    published_at: str | None
    recorded_at: str
    desks: tuple[str, ...]
    entities: tuple[str, ...]
    instruments: tuple[str, ...]
    headline: str
    lead: str
    text: str


def utc_text(value: datetime) -> str:
    """A fixed-width ISO text in UTC, so that text order is time order (naive means UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(value: Any) -> datetime | None:
    """A datetime from an ISO string or datetime; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def index_fields(item: dict[str, Any], now: datetime) -> IndexFields:
    """Extract the indexed columns of `item`; refuse an item the store cannot key."""
    item_id = item.get("item_id") or item.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise ItemRejected(f"item has no item_id (got {item_id!r}); set Doc.item_id or Doc.id")
    recorded = parse_time(item.get("recorded_at"))
    if item.get("recorded_at") and recorded is None:
        raise ItemRejected(f"item {item_id}: recorded_at {item['recorded_at']!r} is not ISO 8601")
    published = parse_time(item.get("published_at"))
    story = item.get("story_id")
    doc_id = item.get("id")
    return IndexFields(
        item_id=item_id,
        doc_id=doc_id if isinstance(doc_id, str) else None,
        story_id=story if isinstance(story, str) and story else None,
        tier=str(item.get("tier") or "free"),
        published_at=utc_text(published) if published else None,
        recorded_at=utc_text(recorded or now),
        desks=_names(item.get("desks"), "desk"),
        entities=_names(item.get("entities"), "id"),
        instruments=_names(item.get("instruments"), "symbol"),
        headline=_text(item.get("headline")),
        lead=_text(item.get("lead")),
        text=_text(item.get("text")),
    )


def _names(values: Any, key: str) -> tuple[str, ...]:
    """Distinct names from a list of dicts (or plain strings), in order; junk is skipped."""
    out: dict[str, None] = {}
    for value in values if isinstance(values, list) else []:
        name = value.get(key) if isinstance(value, dict) else value
        if isinstance(name, str) and name:
            out[name] = None
    return tuple(out)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def dumps(value: Any, what: str, error: type[StoreError] = StoreError) -> str:
    """Strict JSON (no NaN, so PostgreSQL's jsonb and SQLite agree); datetimes as ISO."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise error(f"{what} is not JSON-serialisable: {exc}") from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def encode_cursor(seq: int) -> str:
    raw = f"{_CURSOR_PREFIX}{seq}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    """The seq a page continues below; a cursor we did not issue is an `InputError`."""
    if cursor is None or cursor == "":
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        if not raw.startswith(_CURSOR_PREFIX):
            raise ValueError(raw)
        seq = int(raw[len(_CURSOR_PREFIX):])
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InputError(f"cursor {cursor[:40]!r} is not valid: pass the `next` of a page") from exc
    if seq < 0:
        raise InputError(f"cursor {cursor[:40]!r} is not valid: pass the `next` of a page")
    return seq


_RANK_PREFIX = "r1:"
ORDERS = ("newest", "relevance")


def ranked(order: str, q: str | None) -> bool:
    """True when a query is ordered by full-text rank (which needs words to rank by)."""
    if order not in ORDERS:
        raise InputError(f"order {order[:20]!r} is not one of {', '.join(ORDERS)}")
    return order == "relevance" and q is not None


def encode_rank_cursor(snapshot: int, offset: int) -> str:
    raw = f"{_RANK_PREFIX}{snapshot}:{offset}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_rank_cursor(cursor: str | None) -> tuple[int | None, int]:
    """(snapshot seq, offset) of a ranked page: later pages rank only what the first saw,
    so new arrivals cannot push results from one page onto the next."""
    if cursor is None or cursor == "":
        return None, 0
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii"))
        text = raw.decode("ascii")
        if not text.startswith(_RANK_PREFIX):
            raise ValueError(text)
        snapshot, offset = (int(v) for v in text[len(_RANK_PREFIX):].split(":"))
        if snapshot < 0 or not 0 <= offset <= 100_000:
            raise ValueError(text)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InputError(f"cursor {cursor[:40]!r} is not valid: pass the `next` of a page") from exc
    return snapshot, offset


def clamp_limit(limit: int) -> int:
    if limit < 1:
        raise InputError(f"limit must be at least 1 (got {limit})")
    return min(limit, MAX_LIMIT)


_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def query_terms(q: str | None) -> list[tuple[str, bool]]:
    """Split a user's search into (phrase, is_prefix) terms, all words and nothing else.

    Hand-written because FTS5's own query syntax (NEAR, column filters, bare operators,
    unbalanced quotes) raises on hostile input; we keep only what users mean: words,
    "quoted phrases" and a trailing `*` for a prefix. All terms must match (AND).
    """
    terms: list[tuple[str, bool]] = []
    for phrase, word in _QUERY_PART.findall((q or "")[:MAX_QUERY_CHARS]):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append((" ".join(words), bool(word) and word.endswith("*")))
    return terms[:MAX_QUERY_TERMS]


def fts5_query(q: str | None) -> str | None:
    """A safe FTS5 MATCH expression for `q`, or None when it holds no word at all."""
    parts = [f'"{text}"' + ("*" if prefix else "") for text, prefix in query_terms(q)]
    return " AND ".join(parts) or None


STORIES_NS = "stories"  # the cluster stage's story records (stories/ledger.py)
STORY_SOURCES_NS = "stories.sources"  # extra outlet copies: key story_id (list) or story_id/...


class StateReader(Protocol):
    def state_get(self, ns: str, key: str) -> Any | None: ...

    def state_scan(self, ns: str, prefix: str = "") -> Iterator[tuple[str, Any]]: ...


def story_extras(store: StateReader, story_id: str) -> tuple[dict[str, Any] | None, list[Any]]:
    """The cluster stage's record of a story and every source copy it recorded."""
    record = store.state_get(STORIES_NS, story_id)
    record = record if isinstance(record, dict) else None
    extra: list[Any] = list(record.get("sources") or []) if record else []
    values = [store.state_get(STORY_SOURCES_NS, story_id)]
    values += [v for _, v in store.state_scan(STORY_SOURCES_NS, story_id + "/")]
    for value in values:
        extra.extend(value if isinstance(value, list) else [value])
    return record, [e for e in extra if isinstance(e, dict)]


def build_story(
    story_id: str,
    items: list[dict[str, Any]],
    extra_sources: list[dict[str, Any]],
    record: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The story page: latest items, every outlet's copy once, and who had it first.

    `items` are latest revisions (any order); `extra_sources` are copies the cluster
    stage recorded without an item of their own (e.g. syndicated duplicates); `record`
    is its story record, whose chosen headline wins over the first item's.
    """
    items = sorted(items, key=_item_time)
    sources = merge_sources(items, extra_sources)
    headline = (record or {}).get("headline")
    if not isinstance(headline, str) or not headline:
        headline = next((i.get("headline") for i in items if i.get("headline")), None)
    return {
        "story_id": story_id,
        "headline": headline,
        "items": items,
        "sources": sources,
        "first": first_source(sources),
    }


def _item_time(item: dict[str, Any]) -> tuple[str, str]:
    when = item.get("first_seen_at") or item.get("published_at") or item.get("recorded_at")
    moment = parse_time(when)
    return (utc_text(moment) if moment else "~", str(item.get("item_id")))


def merge_sources(
    items: list[dict[str, Any]], extra: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One entry per (outlet, url), keeping the earliest times seen; oldest first."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    candidates: list[Any] = []
    for item in items:
        candidates.append(
            {"outlet": item.get("source"), "url": item.get("url"),
             "published_at": item.get("published_at"),
             "first_seen_at": item.get("first_seen_at"), "doc_id": item.get("id")}
        )
        candidates.extend(item.get("sources") or [])
    candidates.extend(extra)
    for raw in candidates:
        if not isinstance(raw, dict) or not (raw.get("outlet") or raw.get("url")):
            continue
        ref = {k: raw.get(k) for k in ("outlet", "url", "published_at", "first_seen_at")}
        key = (str(ref["outlet"] or ""), str(ref["url"] or ""))
        if key in merged:
            for field in ("published_at", "first_seen_at"):
                merged[key][field] = _earliest(merged[key][field], ref[field])
        else:
            merged[key] = ref
    return sorted(merged.values(), key=lambda s: (_source_time(s) or "~", s["outlet"] or ""))


def _earliest(a: Any, b: Any) -> Any:
    ta, tb = parse_time(a), parse_time(b)
    if ta is None:
        return b
    if tb is None:
        return a
    return a if ta <= tb else b


def _source_time(source: dict[str, Any]) -> str | None:
    """When an outlet had it: when we first saw it (as the cluster stage orders sources),
    else its own claimed publication time."""
    moment = parse_time(source.get("first_seen_at")) or parse_time(source.get("published_at"))
    return utc_text(moment) if moment else None


def first_source(sources: list[dict[str, Any]]) -> dict[str, Any] | None:
    """{outlet, lead_seconds}: the first outlet and how long it led the next *other* outlet."""
    timed = [(parse_time(_source_time(s)), s) for s in sources if _source_time(s)]
    if not timed:
        return None
    first_time, first = timed[0]
    later = [t for t, s in timed[1:] if t and s.get("outlet") != first.get("outlet")]
    lead = (later[0] - first_time).total_seconds() if later and first_time else None
    return {"outlet": first.get("outlet"), "lead_seconds": lead}

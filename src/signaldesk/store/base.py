"""The `Store` protocol: one narrow interface, SQLite (embedded) and PostgreSQL (team).

Items are kept as revisions: `append_revision` never overwrites, so an item's history
can be replayed as known at any instant (`get_item(..., as_of=t)`). Every revision
gets a global, increasing `seq`, which is the offset the stream resumes from
(`Last-Event-ID`). Stage state that outlives a batch (dedupe signatures, open
stories, source schedules and health) lives in namespaced key/value state.

Item dicts are the shape of `Doc.to_item()`; `item_id` is the stable item id, `id` the
id of the document that produced the revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class ItemQuery:
    """Filters of the wire and `GET /api/v1/items`; all optional, combined with AND."""

    desk: str | None = None
    entity: str | None = None  # a namespaced entity id, e.g. country:JP
    instrument: str | None = None  # a symbol, e.g. USDJPY
    story_id: str | None = None
    q: str | None = None  # full-text query (FTS5 / tsvector)
    since: datetime | None = None  # recorded_at >= since
    limit: int = 50
    cursor: str | None = None  # opaque, from the previous page's `next`
    # "newest" (by seq) or "relevance" (full-text rank: bm25 / ts_rank; only with `q`)
    order: str = "newest"
    # True for a viewer who may not read premium bodies: premium rows then match (and
    # rank) on headline and lead only, so search is no oracle for their hidden text.
    public_only_text: bool = False


@dataclass(frozen=True, slots=True)
class ItemPage:
    items: list[dict[str, Any]]
    next: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One appended revision, as the stream announces it."""

    seq: int
    item_id: str
    revision: int
    action: str
    recorded_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)


class Store(Protocol):
    """What every store does. Implementations: `store.sqlite.SQLiteStore`, `store.postgres`."""

    # -- items and revisions
    def append_revision(self, item: dict[str, Any]) -> Event:
        """Append `item` as the next revision of `item["item_id"]`; return its event."""
        ...

    def get_item(self, item_id: str, as_of: datetime | None = None) -> dict[str, Any] | None:
        """The latest revision, or the one current at `as_of` (point in time)."""
        ...

    def item_history(self, item_id: str) -> list[dict[str, Any]]:
        """Every revision of an item, oldest first."""
        ...

    def get_revision(self, item_id: str, revision: int) -> dict[str, Any] | None:
        """Revision number `revision` of an item (what its event announced), or None."""
        ...

    def list_items(self, query: ItemQuery) -> ItemPage:
        """Latest revisions matching `query`, newest first, with cursor pagination."""
        ...

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """{story_id, headline, items: [latest revisions], sources: [...], first: {...}}."""
        ...

    def events_since(self, seq: int, limit: int = 500) -> list[Event]:
        """Events with seq > `seq`, oldest first: how the stream resumes."""
        ...

    def last_seq(self) -> int:
        """The seq of the newest event (0 when empty): where a new stream starts."""
        ...

    # -- stage state
    def state_put(self, ns: str, key: str, value: Any) -> None: ...

    def state_put_many(self, entries: Iterable[tuple[str, str, Any]]) -> None:
        """Several `state_put`s as one write (one transaction): all are kept or none.

        `entries` are (ns, key, value); a later entry for the same (ns, key) wins. Stages
        buffer their state per batch and write it with this: one commit, not one per key.
        """
        ...

    def state_get(self, ns: str, key: str) -> Any | None: ...

    def state_delete(self, ns: str, key: str) -> None: ...

    def state_scan(self, ns: str, prefix: str = "") -> Iterator[tuple[str, Any]]: ...

    def close(self) -> None: ...

"""Story records shared by the dedupe and cluster stages: sources, headline, who was first.

Both stages get the same `StoryLedger` through `ctx.shared("stories.ledger", ...)`. The
dedupe stage runs before the cluster stage, so when a wire copy and its original arrive
in the same batch the original has no story yet: the ledger keeps the dropped copy as
pending and the cluster stage resolves it when it places the original.

Persisted state (store namespaces, JSON values):
  "stories"       story_id -> Story.to_json(): {id, headline, headline_score, created_at,
                  last_at, items, sources [{outlet, url, published_at, first_seen_at,
                  doc_id}], first_outlet, lead_seconds}
  "stories.item"  item_id -> story_id (revisions and duplicates find their story here)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from signaldesk.models import Doc, SourceRef
from signaldesk.store.base import Store
from signaldesk.stories.state import StateMap


@dataclass
class Story:
    id: str
    headline: str | None = None
    headline_score: float = -1.0
    created_at: datetime | None = None
    last_at: datetime | None = None
    items: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    headline_item: str | None = None
    scores: dict[str, tuple[int, float | None]] = field(default_factory=dict)  # novelty, days

    @property
    def first_outlet(self) -> str | None:
        return self.sources[0].outlet if self.sources else None

    @property
    def lead_seconds(self) -> float | None:
        """How long the first outlet had it before any other outlet (None: only one)."""
        if not self.sources or self.sources[0].first_seen_at is None:
            return None
        first = self.sources[0]
        for ref in self.sources[1:]:
            if ref.outlet != first.outlet and ref.first_seen_at is not None:
                return (ref.first_seen_at - first.first_seen_at).total_seconds()  # type: ignore[operator]
        return None

    def add_source(self, ref: SourceRef) -> None:
        if any(s.doc_id == ref.doc_id for s in self.sources):
            return
        self.sources.append(ref)
        # Timeline order: first seen, then published, then arrival (sort is stable).
        self.sources.sort(key=lambda s: (_ts(s.first_seen_at), _ts(s.published_at)))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "headline_score": self.headline_score,
            "created_at": _iso(self.created_at),
            "last_at": _iso(self.last_at),
            "items": list(self.items),
            "sources": [_ref_json(s) for s in self.sources],
            "first_outlet": self.first_outlet,
            "lead_seconds": self.lead_seconds,
            "headline_item": self.headline_item,
            "scores": {k: list(v) for k, v in self.scores.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=str(data["id"]),
            headline=data.get("headline"),
            headline_score=float(data.get("headline_score", -1.0)),
            created_at=_dt(data.get("created_at")),
            last_at=_dt(data.get("last_at")),
            items=[str(i) for i in data.get("items", [])],
            sources=[_ref_from(s) for s in data.get("sources", [])],
            headline_item=data.get("headline_item"),
            scores={str(k): (int(v[0]), v[1]) for k, v in data.get("scores", {}).items()},
        )


class StoryLedger:
    """Story records and the item -> story map, persisted when there is a store."""

    def __init__(self, store: Store | None) -> None:
        self._stories = StateMap(store, "stories")
        self._items = StateMap(store, "stories.item")
        self._cache: dict[str, Story] = {}
        self._pending: dict[str, list[tuple[Doc, SourceRef | None]]] = {}

    @property
    def state(self) -> tuple[StateMap, StateMap]:
        """Its state maps, for the stage that flushes them with its own (`flush_state`)."""
        return self._stories, self._items

    def get(self, story_id: str) -> Story | None:
        if story_id not in self._cache:
            data = self._stories.get(story_id)
            if data is None:
                return None
            self._cache[story_id] = Story.from_json(data)
        return self._cache[story_id]

    def save(self, story: Story) -> None:
        self._cache[story.id] = story
        if self._stories.store is not None:  # in memory the cache is the state
            self._stories.put(story.id, story.to_json())

    def forget(self, story_id: str) -> None:
        """Drop a closed story from the memory cache (it stays in the store, if any)."""
        if self._stories.store is not None:
            self._cache.pop(story_id, None)

    def story_of(self, item_id: str) -> str | None:
        value = self._items.get(item_id)
        return str(value) if value is not None else None

    def assign(self, item_id: str, story_id: str) -> None:
        """Record that `item_id` belongs to `story_id` and settle its pending copies."""
        self._items.put(item_id, story_id)
        story = self.get(story_id)
        for doc, ref in self._pending.pop(item_id, []):
            doc.story_id = story_id
            if story is not None:
                if ref is not None:
                    story.add_source(ref)
                doc.sources = list(story.sources)
        if story is not None:
            self.save(story)

    def clear_pending(self) -> None:
        """Forget copies whose original never reached the cluster stage (it was dropped
        later, or the pipeline stops before `cluster`): called at each new batch."""
        self._pending.clear()

    def add_duplicate(self, original_item: str, doc: Doc, ref: SourceRef | None) -> None:
        """A dropped copy of `original_item` gets its story and, with a `ref` (another
        outlet's copy, not a re-poll of the same address), becomes one more source."""
        story_id = self.story_of(original_item)
        story = self.get(story_id) if story_id else None
        if story is None:
            self._pending.setdefault(original_item, []).append((doc, ref))
            return
        doc.story_id = story.id
        if ref is not None:
            story.add_source(ref)
            self.save(story)
        doc.sources = list(story.sources)


def source_ref(doc: Doc, first_seen: datetime | None) -> SourceRef:
    return SourceRef(
        outlet=doc.source,
        url=doc.canonical_url or doc.url,
        published_at=as_utc(doc.published_at) if doc.published_at else None,
        first_seen_at=first_seen,
        doc_id=doc.id,
    )


def _ts(value: datetime | None) -> float:
    return value.timestamp() if value is not None else float("inf")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _ref_json(ref: SourceRef) -> dict[str, Any]:
    return {
        "outlet": ref.outlet,
        "url": ref.url,
        "published_at": _iso(ref.published_at),
        "first_seen_at": _iso(ref.first_seen_at),
        "doc_id": ref.doc_id,
    }


def _ref_from(data: dict[str, Any]) -> SourceRef:
    return SourceRef(
        outlet=data.get("outlet"),
        url=data.get("url"),
        published_at=_dt(data.get("published_at")),
        first_seen_at=_dt(data.get("first_seen_at")),
        doc_id=data.get("doc_id"),
    )


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC so that times from any source compare."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def doc_time(doc: Doc, clock: Callable[[], datetime]) -> datetime:
    """When the event happened, as well as we know: published, else fetched, else now.

    A publication date more than a day after the fetch (or after now) is a feed's error,
    not the future: it would otherwise close every open story at once. A date before
    1970 is one too (feeds send Go's zero time, year 1): time arithmetic on it overflows."""
    seen = as_utc(doc.fetched_at or clock())
    if doc.published_at is not None:
        published = as_utc(doc.published_at)
        if EPOCH <= published <= seen + timedelta(days=1):
            return published
    return seen


def seen_at(doc: Doc, clock: Callable[[], datetime]) -> datetime:
    """When SignalDesk first saw the document: fetched, else published, else now."""
    if doc.fetched_at is not None:
        return as_utc(doc.fetched_at)
    if doc.published_at is not None and as_utc(doc.published_at) >= EPOCH:
        return as_utc(doc.published_at)
    return as_utc(clock())

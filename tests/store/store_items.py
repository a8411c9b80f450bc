"""Fictional items for the store tests, built through `Doc.to_item()` like the pipeline does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from signaldesk.models import DeskScore, Doc, Entity, Instrument
from signaldesk.store.base import Store

StoreFactory = Callable[[], Store]

T0 = datetime(2031, 3, 4, 9, 0, tzinfo=UTC)


def make_item(
    item_id: str,
    headline: str = "Freedonia central bank holds rates",
    *,
    text: str = "The Freedonia central bank kept its policy rate unchanged on Tuesday.",
    desks: tuple[str, ...] = ("central-banks",),
    entities: tuple[str, ...] = ("country:FD",),
    instruments: tuple[str, ...] = ("FDD",),
    story_id: str | None = "story-1",
    recorded_at: datetime | None = None,
    source: str = "Daily Ledger",
    tier: str = "free",
    action: str = "created",
) -> dict[str, Any]:
    doc = Doc(id=f"doc-{item_id}-{headline[:8]}", item_id=item_id, headline=headline, text=text,
              story_id=story_id, source=source, url=f"https://ledger.invalid/{item_id}",
              published_at=T0, recorded_at=recorded_at or T0, tier=tier,  # type: ignore[arg-type]
              action=action)  # type: ignore[arg-type]
    doc.desks = [DeskScore(d, 0.9) for d in desks]
    doc.entities = [Entity(e, e.split(":")[-1], e.split(":")[0]) for e in entities]
    doc.instruments = [Instrument(s, "currency", "test") for s in instruments]
    return doc.to_item()

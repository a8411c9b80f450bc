"""PublishStage: each stored revision is announced on topic `items` with its seq."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, ClassVar

from signaldesk.bus.memory import MemoryBus
from signaldesk.bus.stage import PublishStage
from signaldesk.models import DeskScore, Doc
from signaldesk.pipeline import Context, Pipeline, Stage
from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.store.stage import StoreStage

NOW = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)


class Headline(Stage):
    name = "headline"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"headline"})

    def process_doc(self, doc: Doc) -> None:
        doc.headline = doc.text
        doc.desks = [DeskScore("energy", 0.9), DeskScore("commodities", 0.5)]
        doc.story_id = "story-" + doc.id


def run(store: SQLiteStore | None) -> list[dict[str, Any]]:
    async def main() -> list[dict[str, Any]]:
        bus = MemoryBus()
        sub = bus.subscribe("items")
        ctx = Context(Settings(), store=store, bus=bus, clock=lambda: NOW)
        pipe = Pipeline([Headline(), StoreStage(), PublishStage()], ctx)
        docs = [Doc(id="a", text="Oil up"), Doc(id="b", text="Gas down", tier="premium"),
                Doc(id="c", text="Oil up more", item_id="a")]
        # The pipeline runs in a worker thread, as it does beside the web app.
        await asyncio.to_thread(lambda: list(pipe.pipe(docs, batch_size=2)))
        await bus.aclose()
        return [m async for m in sub]

    return asyncio.run(main())


def test_publish_announces_every_stored_revision() -> None:
    with SQLiteStore(":memory:") as store:
        messages = run(store)
        events = store.events_since(0)
    assert messages == [
        {"seq": events[0].seq, "item_id": "a", "revision": 1, "action": "created",
         "story_id": "story-a", "desks": ["energy", "commodities"], "tier": "free"},
        {"seq": events[1].seq, "item_id": "b", "revision": 1, "action": "created",
         "story_id": "story-b", "desks": ["energy", "commodities"], "tier": "premium"},
        {"seq": events[2].seq, "item_id": "a", "revision": 2, "action": "updated",
         "story_id": "story-c", "desks": ["energy", "commodities"], "tier": "free"},
    ]


def test_publish_without_a_store_has_no_seq() -> None:
    messages = run(None)
    assert [(m["seq"], m["item_id"]) for m in messages] == [(None, "a"), (None, "b"),
                                                            (None, "a")]

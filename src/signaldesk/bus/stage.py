"""The `publish` stage: announce each stored revision on the bus (topic `items`).

Payload: {seq, item_id, revision, action, story_id, desks, tier}. `seq` is the store's
event offset (None when the pipeline runs without a store); subscribers that need the
item read it from the store by `seq`, so the bus carries no item text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage
from signaldesk.store.base import Event
from signaldesk.store.stage import EVENTS_KEY

ITEMS_TOPIC = "items"


class PublishStage(Stage):
    name: ClassVar[str] = "publish"
    requires: ClassVar[frozenset[str]] = frozenset({"recorded_at"})
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, topic: str = ITEMS_TOPIC) -> None:
        self.topic = topic

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        self.events: dict[str, Event] = ctx.shared(EVENTS_KEY, dict)

    def process(self, batch: list[Doc]) -> list[Doc]:
        bus = self.ctx.bus
        for doc in batch:
            event = self.events.pop(doc.id, None)
            if bus is not None:
                bus.publish(self.topic, payload_of(doc, event))
        return batch


def payload_of(doc: Doc, event: Event | None) -> dict[str, Any]:
    """The announcement of one revision; the event's values win over the doc's."""
    return {
        "seq": event.seq if event else None,
        "item_id": event.item_id if event else (doc.item_id or doc.id),
        "revision": event.revision if event else doc.revision,
        "action": event.action if event else doc.action,
        "story_id": doc.story_id,
        "desks": [d.desk for d in doc.desks],
        "tier": doc.tier or "free",
    }

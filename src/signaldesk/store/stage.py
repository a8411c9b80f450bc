"""The `store` stage: append each document's item as a revision and stamp `recorded_at`.

The events it gets back (seq, revision, action) are left for the `publish` stage in a
dict shared through the context (`ctx.shared(EVENTS_KEY, dict)`), keyed by doc id. It is
cleared at the start of each batch: by then `publish` has sent the previous batch, and
without a publish stage (`--until store`) it never grows past one batch.

An item the store rejects on its own account (`ItemRejected`: e.g. a NaN score) is
dropped with reason `unstorable`; any other `StoreError` (the database is gone) stops
the run, since dropping every document would lose the wire silently.
"""

from __future__ import annotations

from typing import ClassVar

from signaldesk.errors import Drop
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage
from signaldesk.store.base import Event
from signaldesk.store.common import ItemRejected

EVENTS_KEY = "store.events"


class StoreStage(Stage):
    name: ClassVar[str] = "store"
    requires: ClassVar[frozenset[str]] = frozenset({"headline"})
    assigns: ClassVar[frozenset[str]] = frozenset({"recorded_at"})

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        self.events: dict[str, Event] = ctx.shared(EVENTS_KEY, dict)

    def process(self, batch: list[Doc]) -> list[Doc]:
        self.events.clear()
        for doc in batch:
            now = self.ctx.clock()
            doc.recorded_at = now
            if doc.first_seen_at is None:
                doc.first_seen_at = now
            if self.ctx.store is not None:
                try:
                    event = self.ctx.store.append_revision(doc.to_item())
                except ItemRejected as exc:  # this item only; a broken store still raises
                    self.drop(doc, Drop("unstorable", str(exc)))
                    continue
                # The store numbers revisions; keep the doc in step with what was kept.
                doc.revision = event.revision
                doc.action = event.action  # type: ignore[assignment]
                self.events[doc.id] = event
        return batch

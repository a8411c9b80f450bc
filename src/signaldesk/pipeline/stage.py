"""The stage contract (DESIGN.md §3).

A stage is a small object with a `name`, the `Doc` fields it `requires` and `assigns`,
`open(ctx)`, `process(batch) -> batch` and `close()`. The default `process` calls
`process_doc` for each document and turns a raised `Drop` into a dropped document;
stages that need the whole batch at once (vectorised scoring, one transaction)
override `process` and call `self.drop(doc, exc)` themselves.

A stage keeps its state on itself or in the store (through `ctx`), never in module
globals, so two pipelines in one process never share anything by accident.
"""

from __future__ import annotations

from typing import ClassVar

from signaldesk.errors import Drop
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context


class Stage:
    """Base class of every pipeline stage."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def open(self, ctx: Context) -> None:
        """Acquire what the stage needs (models, store handles). Called once, before use."""
        self.ctx = ctx

    def process(self, batch: list[Doc]) -> list[Doc]:
        """Process a batch in place and return it; dropped documents get `doc.dropped` set."""
        for doc in batch:
            try:
                self.process_doc(doc)
            except Drop as exc:
                self.drop(doc, exc)
        return batch

    def process_doc(self, doc: Doc) -> None:
        """Process one document; raise `Drop` to take it out of the pipeline."""
        raise NotImplementedError(f"stage {self.name} must implement process_doc or process")

    def close(self) -> None:
        """Release what `open` acquired and flush state. Called once, at the end."""

    def drop(self, doc: Doc, exc: Drop) -> None:
        """Mark `doc` as dropped by this stage, for the reason `exc` carries."""
        doc.dropped = exc.reason
        doc.dropped_by = self.name
        doc.drop_detail = exc.detail or None
        if exc.duplicate_of:
            doc.duplicate_of = exc.duplicate_of

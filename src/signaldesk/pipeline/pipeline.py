"""A chain of stages, checked when built and streamed in batches."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from signaldesk.errors import ConfigError, Drop, PipelineError, StoreError
from signaldesk.models import INPUT_FIELDS, Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage

log = logging.getLogger(__name__)

# Errors that are the run's fault, not one document's: they stop the run.
FATAL = (StoreError, PipelineError, ConfigError, MemoryError, KeyboardInterrupt)


class Pipeline:
    """Runs documents through `stages` in order.

    Every document that goes in comes out, in order: a dropped document skips the
    later stages but is still yielded, with `dropped` set, so callers can report it.
    """

    def __init__(self, stages: Sequence[Stage], ctx: Context) -> None:
        check_stages(stages)
        self.stages = list(stages)
        self.ctx = ctx
        self.drops: Counter[tuple[str, str]] = Counter()
        self._opened = False

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def open(self) -> None:
        if not self._opened:
            for stage in self.stages:
                stage.open(self.ctx)
            self._opened = True

    def close(self) -> None:
        if self._opened:
            for stage in self.stages:
                stage.close()
            self._opened = False

    def __enter__(self) -> Pipeline:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Stream `docs` through the stages, `batch_size` at a time."""
        it = iter(docs)
        while batch := list(islice(it, max(1, batch_size))):
            self.process_batch(batch)
            yield from batch

    def process_batch(self, batch: list[Doc]) -> list[Doc]:
        """Run one batch through every stage, in place; dropped documents stay in it."""
        self.open()
        live = [d for d in batch if not d.dropped]
        for stage in self.stages:
            if not live:
                break
            self._run_isolated(stage, live)
            kept = []
            for doc in live:
                if doc.dropped:
                    self.drops[(doc.dropped_by or stage.name, doc.dropped)] += 1
                else:
                    kept.append(doc)
            live = kept
        return batch

    def _run_isolated(self, stage: Stage, live: list[Doc]) -> None:
        """Run `stage` on the batch; if it fails, find the document that made it fail.

        A bug or an unforeseen input in one document must not lose the others: the
        batch is rerun one document at a time and only the documents that still fail
        are dropped (`stage_error`). Failures of the run itself (the store refusing,
        a broken configuration) are not a document's fault and still stop the run.
        """
        try:
            stage.process(live)
            return
        except FATAL:
            raise
        except Exception:
            log.warning(
                "stage %s failed on a batch of %d; retrying one by one",
                stage.name,
                len(live),
                exc_info=True,
            )
        for doc in live:
            if doc.dropped:
                continue
            try:
                stage.process([doc])
            except FATAL:
                raise
            except Exception as exc:
                log.warning("stage %s dropped document %s: %r", stage.name, doc.id, exc)
                stage.drop(doc, Drop("stage_error", f"{type(exc).__name__}: {exc}"[:500]))

    def __call__(self, doc: Doc) -> Doc:
        """Process a single document: a thin wrapper over `pipe`."""
        return next(self.pipe([doc], batch_size=1))


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise `PipelineError` unless every stage's requirements are met by earlier stages."""
    available = set(INPUT_FIELDS)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
        seen.add(stage.name)
        missing = sorted(stage.requires - available)
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                f"assigns; put the stage that assigns it first (order: {', '.join(seen)})"
            )
        available |= stage.assigns

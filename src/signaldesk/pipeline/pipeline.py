"""A chain of stages, checked when built and streamed in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from signaldesk.errors import PipelineError
from signaldesk.models import INPUT_FIELDS, Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage


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
            stage.process(live)
            kept = []
            for doc in live:
                if doc.dropped:
                    self.drops[(doc.dropped_by or stage.name, doc.dropped)] += 1
                else:
                    kept.append(doc)
            live = kept
        return batch

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

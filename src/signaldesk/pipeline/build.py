"""Assemble the standard pipeline (DESIGN.md §3) from settings.

The order differs from the diagram in one place on purpose: `tag` runs before
`cluster`, so that story clustering can use entity overlap as well as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType

from signaldesk.bus.base import Bus
from signaldesk.errors import PipelineError
from signaldesk.pipeline.context import Context, utcnow
from signaldesk.pipeline.pipeline import Pipeline
from signaldesk.pipeline.stage import Stage
from signaldesk.settings import Settings
from signaldesk.store.base import Store


def _extract() -> Stage:
    from signaldesk.extract.stage import ExtractStage

    return ExtractStage()


def _dedupe() -> Stage:
    from signaldesk.dedupe.stage import DedupeStage

    return DedupeStage()


def _tag() -> Stage:
    from signaldesk.tag.stage import TagStage

    return TagStage()


def _cluster() -> Stage:
    from signaldesk.stories.stage import StoryStage

    return StoryStage()


def _classify() -> Stage:
    from signaldesk.classify.stage import ClassifyStage

    return ClassifyStage()


def _score() -> Stage:
    from signaldesk.classify.score import ScoreStage

    return ScoreStage()


def _brief() -> Stage:
    from signaldesk.brief.stage import BriefStage

    return BriefStage()


def _store() -> Stage:
    from signaldesk.store.stage import StoreStage

    return StoreStage()


def _publish() -> Stage:
    from signaldesk.bus.stage import PublishStage

    return PublishStage()


# Stage name -> factory, in pipeline order. Factories import lazily so that
# `--until extract` does not pay for loading the knowledge base or models.
STAGES: Mapping[str, Callable[[], Stage]] = MappingProxyType(
    {
        "extract": _extract,
        "dedupe": _dedupe,
        "tag": _tag,
        "cluster": _cluster,
        "classify": _classify,
        "score": _score,
        "brief": _brief,
        "store": _store,
        "publish": _publish,
    }
)


def build_pipeline(
    settings: Settings,
    *,
    until: str | None = None,
    store: Store | None = None,
    bus: Bus | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Pipeline:
    """The standard pipeline, cut after stage `until` when given."""
    if until is not None and until not in STAGES:
        raise PipelineError(f"--until {until!r}: no such stage; stages are {', '.join(STAGES)}")
    stages: list[Stage] = []
    for name, factory in STAGES.items():
        stages.append(factory())
        if name == until:
            break
    ctx = Context(settings=settings, store=store, bus=bus, clock=clock or utcnow)
    return Pipeline(stages, ctx)


__all__ = ["STAGES", "build_pipeline", "utcnow"]

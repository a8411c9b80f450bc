"""StoreStage: revisions appended through the pipeline, times stamped, events kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

from signaldesk.models import DeskScore, Doc
from signaldesk.pipeline import Context, Pipeline, Stage
from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.store.stage import EVENTS_KEY, StoreStage

NOW = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)


class Headline(Stage):
    name = "headline"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"headline"})

    def process_doc(self, doc: Doc) -> None:
        doc.headline = (doc.text or "").split(".")[0]
        doc.desks = [DeskScore("fx", 0.8)]


def docs() -> list[Doc]:
    return [Doc(id="d1", text="Freedonia dollar slips. More text."),
            Doc(id="d2", text="Sylvania bonds rally. More text.", item_id="d1"),
            Doc(id="d3", text="Copper steady.", first_seen_at=NOW - timedelta(hours=1))]


def test_store_stage_appends_revisions_and_stamps_times() -> None:
    with SQLiteStore(":memory:") as store:
        ctx = Context(Settings(), store=store, clock=lambda: NOW)
        stage = StoreStage()
        out = list(Pipeline([Headline(), stage], ctx).pipe(docs(), batch_size=10))
        assert [d.recorded_at for d in out] == [NOW, NOW, NOW]
        assert [d.first_seen_at for d in out] == [NOW, NOW, NOW - timedelta(hours=1)]
        assert [(d.revision, d.action) for d in out] == [(1, "created"), (2, "updated"),
                                                         (1, "created")]
        history = store.item_history("d1")
        assert [h["headline"] for h in history] == ["Freedonia dollar slips",
                                                    "Sylvania bonds rally"]
        assert history[0]["recorded_at"] == NOW.isoformat(timespec="microseconds")
        events = ctx.shared(EVENTS_KEY, dict)
        assert sorted(events) == ["d1", "d2", "d3"]
        assert events["d2"].revision == 2


def test_store_stage_without_a_store_still_stamps_times() -> None:
    ctx = Context(Settings(), clock=lambda: NOW)
    out = list(Pipeline([Headline(), StoreStage()], ctx).pipe(docs()))
    assert all(d.recorded_at == NOW for d in out)
    assert ctx.shared(EVENTS_KEY, dict) == {}


def test_events_of_one_batch_do_not_pile_up() -> None:
    with SQLiteStore(":memory:") as store:
        ctx = Context(Settings(), store=store, clock=lambda: NOW)
        list(Pipeline([Headline(), StoreStage()], ctx).pipe(docs(), batch_size=1))
        assert list(ctx.shared(EVENTS_KEY, dict)) == ["d3"]


def test_an_unstorable_item_is_dropped_and_the_rest_stored() -> None:
    with SQLiteStore(":memory:") as store:
        ctx = Context(Settings(), store=store, clock=lambda: NOW)
        batch = docs()
        batch[1].relevance = float("nan")  # type: ignore[assignment]  # jsonb refuses NaN
        batch[1].item_id = "d2"
        pipe = Pipeline([Headline(), StoreStage()], ctx)
        out = list(pipe.pipe(batch, batch_size=10))
        assert [d.dropped for d in out] == [None, "unstorable", None]
        assert pipe.drops == {("store", "unstorable"): 1}
        assert store.get_item("d2") is None
        assert store.get_item("d1") is not None and store.get_item("d3") is not None

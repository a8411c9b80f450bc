from __future__ import annotations

from typing import ClassVar

import pytest

from signaldesk.errors import Drop, PipelineError, StoreError
from signaldesk.models import Doc
from signaldesk.pipeline import Context, Pipeline, Stage
from signaldesk.settings import Settings


class Upper(Stage):
    name = "upper"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"headline"})

    def process_doc(self, doc: Doc) -> None:
        if not doc.text:
            raise Drop("empty", "no text")
        doc.headline = doc.text.upper()


class NeedsBullets(Stage):
    name = "needs-bullets"
    requires: ClassVar[frozenset[str]] = frozenset({"bullets"})


def test_requirements_are_checked_when_built() -> None:
    with pytest.raises(PipelineError, match="requires bullets"):
        Pipeline([NeedsBullets()], Context(Settings()))


def test_duplicate_stage_names_are_refused() -> None:
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Upper(), Upper()], Context(Settings()))


def test_every_doc_comes_out_in_order_and_drops_are_counted() -> None:
    pipe = Pipeline([Upper()], Context(Settings()))
    docs = [Doc(id=str(i), text="x" if i % 3 else "") for i in range(10)]
    out = list(pipe.pipe(docs, batch_size=4))
    assert [d.id for d in out] == [str(i) for i in range(10)]
    assert [d.dropped for d in out if d.dropped] == ["empty"] * 4
    assert pipe.drops[("upper", "empty")] == 4
    assert out[1].headline == "X"


def test_batch_of_one_equals_batch_of_n() -> None:
    texts = ["a", "", "b c"]
    one = [Pipeline([Upper()], Context(Settings()))(Doc(id=t, text=t)).to_item() for t in texts]
    many = [
        d.to_item()
        for d in Pipeline([Upper()], Context(Settings())).pipe(
            [Doc(id=t, text=t) for t in texts], batch_size=8
        )
    ]
    assert one == many


class Fragile(Stage):
    """Fails on documents whose text says so, like a bug meeting an unforeseen input."""

    name = "fragile"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})

    def process_doc(self, doc: Doc) -> None:
        if doc.text == "boom":
            raise ValueError("cannot handle this one")
        doc.headline = "ok"


class BrokenStore(Stage):
    name = "broken-store"

    def process_doc(self, doc: Doc) -> None:
        raise StoreError("database is locked")


def test_a_failing_document_is_dropped_alone() -> None:
    pipe = Pipeline([Fragile(), Upper()], Context(Settings()))
    docs = [Doc(id="a", text="fine"), Doc(id="b", text="boom"), Doc(id="c", text="also")]
    out = list(pipe.pipe(docs, batch_size=3))
    assert [d.dropped for d in out] == [None, "stage_error", None]
    assert out[1].dropped_by == "fragile" and "ValueError" in (out[1].drop_detail or "")
    assert out[0].headline == "FINE" and out[2].headline == "ALSO"
    assert pipe.drops[("fragile", "stage_error")] == 1


def test_a_store_failure_stops_the_run() -> None:
    pipe = Pipeline([BrokenStore()], Context(Settings()))
    with pytest.raises(StoreError):
        list(pipe.pipe([Doc(id="a", text="x")]))

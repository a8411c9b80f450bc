"""Replaying input after a restart: what the store holds already is not stored again.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

from datetime import UTC, datetime

from signaldesk.dedupe import DedupeStage
from signaldesk.models import Doc
from signaldesk.pipeline import Context
from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.store.stage import StoreStage

NOW = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)
TEXT = ("The fictional Ostmark central bank raised its policy rate by a quarter point on "
        "Tuesday and said it was ready to act again if the currency kept weakening.")


def _pass(store: SQLiteStore, docs: list[Doc]) -> list[Doc]:
    """One run of dedupe + store: a fresh process over the same store."""
    ctx = Context(Settings(), store=store, clock=lambda: NOW)
    stages = [DedupeStage(), StoreStage()]
    for stage in stages:
        stage.open(ctx)
    live = docs
    for stage in stages:
        live = [d for d in stage.process(live) if not d.dropped]
    for stage in stages:
        stage.close()
    return docs


def _doc(text: str = TEXT) -> Doc:
    return Doc(id="a", title="Ostmark rate rise", text=text, headline="Ostmark rate rise",
               url="https://ledger.example/ostmark", published_at=NOW)


def test_a_replayed_document_already_stored_gives_no_second_revision(tmp_path: object) -> None:
    with SQLiteStore(f"{tmp_path}/wire.db") as store:
        first = _pass(store, [_doc()])
        again = _pass(store, [_doc()])
        assert (first[0].revision, first[0].action, first[0].dropped) == (1, "created", None)
        assert again[0].dropped == "replayed"
        assert len(store.item_history("a")) == 1
        # A real edit under the same address is still the next revision.
        edited = _pass(store, [_doc(TEXT + " Bond yields rose.")])
        assert (edited[0].item_id, edited[0].revision, edited[0].action) == ("a", 2, "updated")
        assert [h["revision"] for h in store.item_history("a")] == [1, 2]


def test_a_replay_whose_store_write_was_lost_is_stored_now(tmp_path: object) -> None:
    """The run stopped after dedupe saved its state but before the store wrote the item:
    the replay must go through, or the item would be lost."""
    with SQLiteStore(f"{tmp_path}/wire.db") as store:
        ctx = Context(Settings(), store=store, clock=lambda: NOW)
        dedupe = DedupeStage()
        dedupe.open(ctx)
        dedupe.process([_doc()])  # state saved, nothing stored
        dedupe.close()
        out = _pass(store, [_doc()])
        assert (out[0].dropped, out[0].revision, out[0].action) == (None, 1, "created")
        assert len(store.item_history("a")) == 1


def test_a_replay_is_recognised_by_content_when_the_numberings_differ(tmp_path: object) -> None:
    """An edit dropped after dedupe (here: never handed to the store) leaves dedupe's
    revision numbers one ahead of the store's; a replay of the next, stored, revision
    must still be known as stored."""
    with SQLiteStore(f"{tmp_path}/wire.db") as store:
        _pass(store, [_doc()])
        ctx = Context(Settings(), store=store, clock=lambda: NOW)
        dedupe = DedupeStage()
        dedupe.open(ctx)
        dedupe.process([_doc(TEXT + " A line a later stage drops.")])  # dedupe: revision 2
        dedupe.close()
        third = _pass(store, [_doc(TEXT + " Bond yields rose.")])  # dedupe 3, store 2
        assert (third[0].revision, third[0].action) == (2, "updated")
        again = _pass(store, [_doc(TEXT + " Bond yields rose.")])
        assert again[0].dropped == "replayed"
        assert [h["revision"] for h in store.item_history("a")] == [1, 2]

"""`Store.get_revision`: one named revision of an item, on every store.

Items are fictional and written for these tests.
"""

from __future__ import annotations

from store_items import StoreFactory, make_item

from signaldesk.store.base import Store


def test_get_revision_returns_that_revision_not_the_latest(store: Store) -> None:
    store.append_revision(make_item("a", "Freedonia holds rates"))
    store.append_revision(make_item("a", "Freedonia holds rates, revised", action="updated"))
    store.append_revision(make_item("a", "Freedonia item withdrawn", action="removed"))
    first, second, third = (store.get_revision("a", n) for n in (1, 2, 3))
    assert first is not None and second is not None and third is not None
    assert (first["revision"], first["headline"]) == (1, "Freedonia holds rates")
    assert (second["revision"], second["headline"]) == (2, "Freedonia holds rates, revised")
    assert third["action"] == "removed"
    assert first == store.item_history("a")[0]


def test_get_revision_of_an_unknown_item_or_number_is_none(store: Store) -> None:
    store.append_revision(make_item("a"))
    assert store.get_revision("a", 2) is None
    assert store.get_revision("a", 0) is None
    assert store.get_revision("nope", 1) is None


def test_get_revision_survives_restart(store_factory: StoreFactory) -> None:
    if store_factory.kind == "sqlite-memory":  # type: ignore[attr-defined]
        return  # a private in-memory database has nothing to reopen
    store = store_factory()
    store.append_revision(make_item("a", "Freedonia first"))
    store.append_revision(make_item("a", "Freedonia second", action="updated"))
    store.close()
    again = store_factory()
    first = again.get_revision("a", 1)
    assert first is not None and first["headline"] == "Freedonia first"

"""Search for a viewer without premium access (`ItemQuery.public_only_text`), every store.

A premium item's body is hidden from such a viewer, so it must neither decide whether
the item matches nor where it ranks; free items still match on their whole text.
Items are fictional and written for these tests.
"""

from __future__ import annotations

from store_items import make_item

from signaldesk.store.base import ItemQuery, Store


def _ids(store: Store, q: str, public: bool, order: str = "newest") -> list[str]:
    page = store.list_items(ItemQuery(q=q, order=order, public_only_text=public))
    return [i["item_id"] for i in page.items]


def _fill(store: Store) -> None:
    store.append_revision(make_item("prem-body", "Freedonia mill output report",
                                    text="The zorblat merger is secret.", tier="premium"))
    store.append_revision(make_item("prem-head", "Zorblat talks stall in Freedonia",
                                    text="Little else is known.", tier="premium"))
    store.append_revision(make_item("free-body", "Freedonia port report",
                                    text="Dockers mention zorblat twice: zorblat.", tier="free"))


def test_premium_body_is_no_search_oracle(store: Store) -> None:
    _fill(store)
    for order in ("newest", "relevance"):
        assert sorted(_ids(store, "zorblat", public=True, order=order)) == [
            "free-body", "prem-head"]
        assert sorted(_ids(store, '"zorblat merger"', public=True, order=order)) == []
        assert sorted(_ids(store, "zorbl*", public=True, order=order)) == [
            "free-body", "prem-head"]


def test_entitled_search_still_reads_premium_bodies(store: Store) -> None:
    _fill(store)
    assert sorted(_ids(store, "zorblat", public=False)) == ["free-body", "prem-body", "prem-head"]
    assert _ids(store, '"zorblat merger"', public=False, order="relevance") == ["prem-body"]


def test_hidden_text_does_not_move_a_premium_rank(store: Store) -> None:
    # Same headline, same body length; only the older one repeats the word in its body.
    store.append_revision(make_item("older", "Copper output report",
                                    text="copper copper copper", tier="premium"))
    store.append_revision(make_item("newer", "Copper output report",
                                    text="nickel nickel nickel", tier="premium"))
    assert _ids(store, "copper", public=False, order="relevance") == ["older", "newer"]
    # Without the body the two tie, and a tie goes to the newest.
    assert _ids(store, "copper", public=True, order="relevance") == ["newer", "older"]


def test_public_search_keeps_other_filters(store: Store) -> None:
    _fill(store)
    store.append_revision(make_item("prem-fx", "Zorblat hedges the florin", tier="premium",
                                    desks=("fx",)))
    page = store.list_items(ItemQuery(q="zorblat", desk="fx", public_only_text=True))
    assert [i["item_id"] for i in page.items] == ["prem-fx"]

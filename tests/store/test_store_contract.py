"""The Store contract, run against every implementation (see conftest's `store_factory`).

Items here are fictional and written for these tests.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from store_items import T0, make_item

from conftest import StoreFactory
from signaldesk.errors import InputError, StoreError
from signaldesk.models import SourceRef
from signaldesk.store.base import ItemQuery, Store


def test_revisions_are_appended_never_overwritten(store: Store) -> None:
    first = store.append_revision(make_item("a", "Rates held"))
    second = store.append_revision(make_item("a", "Rates held, guidance changed",
                                             recorded_at=T0 + timedelta(minutes=5)))
    assert (first.revision, first.action) == (1, "created")
    assert (second.revision, second.action) == (2, "updated")
    assert second.seq > first.seq
    history = store.item_history("a")
    assert [h["headline"] for h in history] == ["Rates held", "Rates held, guidance changed"]
    assert [h["revision"] for h in history] == [1, 2]
    latest = store.get_item("a")
    assert latest is not None and latest["headline"] == "Rates held, guidance changed"


def test_get_item_as_of_is_point_in_time(store: Store) -> None:
    store.append_revision(make_item("a", "First take", recorded_at=T0))
    store.append_revision(make_item("a", "Second take", recorded_at=T0 + timedelta(hours=1)))
    before = store.get_item("a", as_of=T0 - timedelta(seconds=1))
    at_first = store.get_item("a", as_of=T0 + timedelta(minutes=30))
    after = store.get_item("a", as_of=T0 + timedelta(hours=2))
    assert before is None
    assert at_first is not None and at_first["headline"] == "First take"
    assert after is not None and after["headline"] == "Second take"
    assert store.get_item("missing") is None


def test_events_since_resume_in_order(store: Store) -> None:
    assert store.last_seq() == 0
    events = [store.append_revision(make_item(f"i{n}")) for n in range(5)]
    resumed = store.events_since(events[1].seq)
    assert [e.item_id for e in resumed] == ["i2", "i3", "i4"]
    assert resumed[0].extra == {"story_id": "story-1", "desks": ["central-banks"], "tier": "free"}
    assert store.events_since(events[-1].seq) == []
    assert store.last_seq() == events[-1].seq
    assert [e.seq for e in store.events_since(0, limit=2)] == [events[0].seq, events[1].seq]


def test_list_items_filters_combine(store: Store) -> None:
    store.append_revision(make_item("cb", desks=("central-banks",), entities=("country:FD",)))
    store.append_revision(make_item("oil", "Crude climbs on supply worry", text="Oil rose.",
                                    desks=("energy", "commodities"), entities=("commodity:OIL",),
                                    instruments=("BRENT",), story_id="story-2"))
    store.append_revision(make_item("fx", "Dollar slips", text="The currency fell.",
                                    desks=("fx",), instruments=("FDDUSD",), story_id="story-3",
                                    entities=("currency:FDD",)))

    def ids(**kw: Any) -> list[str]:
        return [i["item_id"] for i in store.list_items(ItemQuery(**kw)).items]

    assert ids() == ["fx", "oil", "cb"]
    assert ids(desk="energy") == ["oil"]
    assert ids(desk="commodities", instrument="BRENT") == ["oil"]
    assert ids(desk="energy", instrument="FDDUSD") == []
    assert ids(entity="country:FD") == ["cb"]
    assert ids(story_id="story-3") == ["fx"]
    assert ids(q="crude") == ["oil"]
    assert ids(q="climbing supply") == ["oil"]  # stemmed words, all must match
    assert ids(q="currency", desk="fx") == ["fx"]


def test_list_items_shows_latest_revision_once(store: Store) -> None:
    store.append_revision(make_item("a", "Old wording about bonds"))
    store.append_revision(make_item("b", "Another item"))
    store.append_revision(make_item("a", "New wording about gilts"))
    page = store.list_items(ItemQuery())
    assert [(i["item_id"], i["revision"]) for i in page.items] == [("a", 2), ("b", 1)]
    assert [i["item_id"] for i in store.list_items(ItemQuery(q="bonds")).items] == []
    assert [i["item_id"] for i in store.list_items(ItemQuery(q="gilts")).items] == ["a"]


def test_removed_items_leave_the_list_but_keep_history(store: Store) -> None:
    store.append_revision(make_item("a"))
    event = store.append_revision(make_item("a", action="removed"))
    assert event.action == "removed"
    assert store.list_items(ItemQuery()).items == []
    assert len(store.item_history("a")) == 2


def test_since_filters_on_recorded_at(store: Store) -> None:
    store.append_revision(make_item("early", recorded_at=T0))
    store.append_revision(make_item("late", recorded_at=T0 + timedelta(hours=3)))
    page = store.list_items(ItemQuery(since=T0 + timedelta(hours=1)))
    assert [i["item_id"] for i in page.items] == ["late"]


def test_pagination_is_stable_while_items_arrive(store: Store) -> None:
    for n in range(7):
        store.append_revision(make_item(f"i{n}"))
    seen: list[str] = []
    page = store.list_items(ItemQuery(limit=3))
    seen += [i["item_id"] for i in page.items]
    store.append_revision(make_item("newcomer"))  # must not shift later pages
    while page.next:
        page = store.list_items(ItemQuery(limit=3, cursor=page.next))
        seen += [i["item_id"] for i in page.items]
    assert seen == [f"i{n}" for n in range(6, -1, -1)]


@pytest.mark.parametrize("cursor", ["garbage", "czE6eA", "!!", "czE6LTE"])
def test_a_forged_cursor_is_a_clear_input_error(store: Store, cursor: str) -> None:
    with pytest.raises(InputError, match="cursor"):
        store.list_items(ItemQuery(cursor=cursor))


def test_bad_limit_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="limit"):
        store.list_items(ItemQuery(limit=0))


HOSTILE = ['"', 'rates"', "AND", "OR OR", "NOT", "NEAR(a b)", "headline:rates", "*", "^rates",
           "(", "rates)", "'; DROP TABLE revisions; --", "a" * 5000, "\x00", "-rates", "+",
           "rates AND (", '"unbalanced phrase', "col:*", "{headline lead}: x", "😀", ""]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_search_strings_never_raise(store: Store, q: str) -> None:
    store.append_revision(make_item("a", "Freedonia rates held"))
    page = store.list_items(ItemQuery(q=q))
    assert all(i["item_id"] == "a" for i in page.items)
    assert store.get_item("a") is not None  # and nothing was harmed


def test_search_phrases_and_prefixes(store: Store) -> None:
    store.append_revision(make_item("a", "Freedonia rates held steady"))
    store.append_revision(make_item("b", "Steady hand as rates held", text="Nothing here."))

    def ids(q: str) -> list[str]:
        return sorted(i["item_id"] for i in store.list_items(ItemQuery(q=q)).items)

    assert ids('"rates held steady"') == ["a"]
    assert ids("steady rates") == ["a", "b"]
    assert ids("freedon*") == ["a"]
    assert ids("freedon") == []


def test_relevance_order_ranks_headline_matches_first(store: Store) -> None:
    store.append_revision(make_item("body", "Markets quiet", text="Copper copper copper."))
    store.append_revision(make_item("headline", "Copper surges on mine strike",
                                    text="Prices of copper jumped."))
    store.append_revision(make_item("none", "Wheat steady", text="Nothing about metals."))
    page = store.list_items(ItemQuery(q="copper", order="relevance"))
    assert [i["item_id"] for i in page.items] == ["headline", "body"]
    newest = store.list_items(ItemQuery(q="copper"))
    assert [i["item_id"] for i in newest.items] == ["headline", "body"]


def test_relevance_pages_are_stable_while_items_arrive(store: Store) -> None:
    for n in range(7):
        store.append_revision(make_item(f"i{n}", "Copper " + "copper " * n, text="Metal."))
    page = store.list_items(ItemQuery(q="copper", order="relevance", limit=3))
    seen = [i["item_id"] for i in page.items]
    store.append_revision(make_item("newcomer", "Copper copper copper copper copper copper"))
    while page.next:
        page = store.list_items(ItemQuery(q="copper", order="relevance", limit=3,
                                          cursor=page.next))
        seen += [i["item_id"] for i in page.items]
    assert sorted(seen) == sorted(f"i{n}" for n in range(7))
    assert len(seen) == 7


def test_unknown_order_and_mixed_cursors_are_input_errors(store: Store) -> None:
    store.append_revision(make_item("a", "Copper"))
    store.append_revision(make_item("b", "Copper"))
    with pytest.raises(InputError, match="order"):
        store.list_items(ItemQuery(order="sideways"))
    newest = store.list_items(ItemQuery(q="copper", limit=1))
    with pytest.raises(InputError, match="cursor"):
        store.list_items(ItemQuery(q="copper", order="relevance", cursor=newest.next))


def test_get_story_collects_every_outlet(store: Store) -> None:
    first = make_item("a", source="Daily Ledger")
    first["published_at"] = T0.isoformat()
    second = make_item("b", "Rates unchanged, says bank", source="Harbour Wire")
    second["published_at"] = (T0 + timedelta(minutes=4)).isoformat()
    second["sources"] = [{"outlet": "Syndicate Post", "url": "https://post.invalid/x",
                          "published_at": (T0 + timedelta(minutes=9)).isoformat(),
                          "first_seen_at": None}]
    store.append_revision(first)
    store.append_revision(second)
    story = store.get_story("story-1")
    assert story is not None
    assert [i["item_id"] for i in story["items"]] == ["a", "b"]
    assert story["headline"] == "Freedonia central bank holds rates"
    assert [s["outlet"] for s in story["sources"]] == ["Daily Ledger", "Harbour Wire",
                                                       "Syndicate Post"]
    assert story["first"] == {"outlet": "Daily Ledger", "lead_seconds": 240.0}
    assert store.get_story("no-such-story") is None


def test_story_sources_recorded_in_state_are_included(store: Store) -> None:
    store.append_revision(make_item("a"))
    copy = SourceRef("Copy Desk", "https://copy.invalid/1", T0 - timedelta(minutes=1), None)
    store.state_put("stories.sources", "story-1/copy-1",
                    {"outlet": copy.outlet, "url": copy.url,
                     "published_at": copy.published_at.isoformat() if copy.published_at else None,
                     "first_seen_at": None})
    story = store.get_story("story-1")
    assert story is not None
    assert story["first"]["outlet"] == "Copy Desk"
    assert len(story["sources"]) == 2


def test_state_is_namespaced(store: Store) -> None:
    store.state_put("dedupe", "k1", {"hash": "abc", "n": [1, 2]})
    store.state_put("dedupe", "k2", 2)
    store.state_put("dedupe", "j1", "x")
    store.state_put("other", "k1", "other value")
    assert store.state_get("dedupe", "k1") == {"hash": "abc", "n": [1, 2]}
    assert store.state_get("other", "k1") == "other value"
    assert list(store.state_scan("dedupe", "k")) == [("k1", {"hash": "abc", "n": [1, 2]}),
                                                     ("k2", 2)]
    store.state_put("dedupe", "k1", "replaced")
    store.state_delete("dedupe", "k2")
    assert dict(store.state_scan("dedupe")) == {"j1": "x", "k1": "replaced"}
    assert store.state_get("dedupe", "nothing") is None


def test_state_put_many_writes_every_key_at_once(store: Store) -> None:
    store.state_put("dedupe", "k0", "before")
    store.state_put_many([("dedupe", "k0", "overwritten"), ("dedupe", "k1", {"n": [1, 2]}),
                          ("stories", "k1", 3), ("dedupe", "k2", "first"),
                          ("dedupe", "k2", "last wins")])
    assert dict(store.state_scan("dedupe")) == {"k0": "overwritten", "k1": {"n": [1, 2]},
                                                "k2": "last wins"}
    assert store.state_get("stories", "k1") == 3
    store.state_put_many([])  # nothing to write is fine
    store.state_put_many(iter([("gen", "k", True)]))  # any iterable
    assert store.state_get("gen", "k") is True


def test_state_put_many_is_all_or_nothing(store: Store) -> None:
    store.state_put("ns", "kept", 1)
    with pytest.raises(StoreError, match="JSON"):
        store.state_put_many([("ns", "kept", 2), ("ns", "new", 3), ("ns", "bad", object())])
    assert dict(store.state_scan("ns")) == {"kept": 1}


def test_state_put_many_survives_restart(store_factory: StoreFactory) -> None:
    store = store_factory()
    store.state_put_many([("stories.model", f"st-{n}", {"n": n}) for n in range(50)])
    store.close()
    if store_factory.kind == "sqlite-memory":  # type: ignore[attr-defined]
        return  # nothing outlives the process by design (see test_restart_keeps_everything)
    again = store_factory()
    assert [v["n"] for _, v in again.state_scan("stories.model")] == sorted(
        range(50), key=lambda n: f"st-{n}")


def test_state_scan_pages_through_many_keys(store: Store) -> None:
    store.scan_page = 7  # type: ignore[attr-defined]  # small pages: many page boundaries
    for n in range(40):
        store.state_put("big", f"key-{n:05d}", n)
    store.state_put("big", "kez", "after the prefix")
    store.state_put("bi", "key-00001", "another namespace")
    values = [v for _, v in store.state_scan("big", "key-")]
    assert values == list(range(40))
    assert len(list(store.state_scan("big"))) == 41


def test_non_json_state_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="JSON"):
        store.state_put("ns", "k", object())
    with pytest.raises(StoreError, match="JSON"):
        store.state_put("ns", "k", float("nan"))


def test_item_without_id_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="item_id"):
        store.append_revision({"headline": "no id"})


def test_restart_keeps_everything(store_factory: StoreFactory) -> None:
    store = store_factory()
    store.append_revision(make_item("a", "Before restart"))
    last = store.append_revision(make_item("a", "Still before restart"))
    store.state_put("dedupe", "sig", [1, 2, 3])
    store.close()
    again = store_factory()
    if store_factory.kind == "sqlite-memory":  # type: ignore[attr-defined]
        assert again.get_item("a") is None  # by design: nothing outlives the process
        return
    assert [h["headline"] for h in again.item_history("a")] == [
        "Before restart", "Still before restart"]
    assert again.state_get("dedupe", "sig") == [1, 2, 3]
    assert [i["item_id"] for i in again.list_items(ItemQuery(q="restart")).items] == ["a"]
    after = again.append_revision(make_item("a", "After restart"))
    assert after.seq > last.seq and after.revision == 3


def test_concurrent_writers_lose_nothing(store: Store) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(25):
                store.append_revision(make_item(f"w{worker}-{n % 5}"))
                store.state_put("workers", f"{worker}-{n}", n)
                store.list_items(ItemQuery(limit=5))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    events = store.events_since(0, limit=500)
    assert len(events) == 150
    assert len({e.seq for e in events}) == 150
    for worker in range(6):
        for item in range(5):
            assert [h["revision"] for h in store.item_history(f"w{worker}-{item}")] == [
                1, 2, 3, 4, 5]
    assert len(list(store.state_scan("workers"))) == 150

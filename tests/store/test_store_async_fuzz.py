"""AsyncStore delegates without blocking the loop; random search text never raises."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_items import T0, make_item

from signaldesk.store.aio import AsyncStore
from signaldesk.store.base import ItemQuery, Store
from signaldesk.store.sqlite import SQLiteStore


def test_async_store_runs_every_method() -> None:
    async def main() -> None:
        store = AsyncStore(SQLiteStore(":memory:"))
        event = await store.append_revision(make_item("a", "Async copper rally"))
        await store.append_revision(make_item("a", "Async copper rally extends"))
        assert (await store.get_item("a", as_of=T0)) is not None
        assert [h["revision"] for h in await store.item_history("a")] == [1, 2]
        page = await store.list_items(ItemQuery(q="copper"))
        assert [i["revision"] for i in page.items] == [2]
        assert (await store.get_story("story-1")) is not None
        assert (await store.events_since(0))[0].seq == event.seq
        await store.state_put("ns", "k1", {"v": 1})
        await store.state_put("ns", "k2", 2)
        assert await store.state_get("ns", "k1") == {"v": 1}
        await store.state_delete("ns", "k1")
        assert await store.state_scan("ns") == [("k2", 2)]
        await store.state_put_many(("ns", f"m{n}", n) for n in range(3))  # a generator
        assert await store.state_scan("ns", "m") == [("m0", 0), ("m1", 1), ("m2", 2)]
        await store.aclose()

    asyncio.run(main())


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=80) | st.text(alphabet='"*():^-+ {}NEARORANDNOT ab', max_size=30))
def test_any_search_text_is_safe(store: Store, q: str) -> None:
    if store.get_item("seed") is None:
        store.append_revision(make_item("seed", "Copper and rates held"))
    page = store.list_items(ItemQuery(q=q))
    assert all(i["item_id"] == "seed" for i in page.items)
    ranked = store.list_items(ItemQuery(q=q, order="relevance"))
    assert [i["item_id"] for i in ranked.items] == [i["item_id"] for i in page.items]

"""The JSON API: filters, cursor pagination, errors, point in time."""

from __future__ import annotations

from datetime import timedelta

from webtools import NOW, TestClient, make_item

from signaldesk.store.sqlite import SQLiteStore


def _fill(store: SQLiteStore) -> None:
    store.append_revision(make_item("fx-1", desk="fx", minutes=1))
    store.append_revision(make_item("en-1", desk="energy", minutes=2, symbol="BRENTX",
                                    entity=("commodity:OILX", "Exoil", "commodity"),
                                    headline="Pipeline outage in Ruritania lifts crude"))
    store.append_revision(make_item("fx-2", desk="fx", minutes=3,
                                    entity=("country:RU", "Ruritania", "country")))
    store.append_revision(make_item("ra-1", desk="rates", minutes=4, symbol="XLGB10Y"))
    store.append_revision(make_item("fx-3", desk="fx", minutes=5))


def _ids(response_json: dict[str, object]) -> list[str]:
    items = response_json["items"]
    assert isinstance(items, list)
    return [i["item_id"] for i in items]


def test_list_is_newest_first_and_filters_by_desk(client: TestClient, store: SQLiteStore) -> None:
    _fill(store)
    everything = client.get("/api/v1/items").json()
    assert _ids(everything) == ["fx-3", "ra-1", "fx-2", "en-1", "fx-1"]
    assert everything["next"] is None
    assert _ids(client.get("/api/v1/items?desk=fx").json()) == ["fx-3", "fx-2", "fx-1"]


def test_entity_instrument_and_search_filters(client: TestClient, store: SQLiteStore) -> None:
    _fill(store)
    assert _ids(client.get("/api/v1/items?entity=country:RU").json()) == ["fx-2"]
    assert _ids(client.get("/api/v1/items?instrument=BRENTX").json()) == ["en-1"]
    found = client.get("/api/v1/items", params={"q": "pipeline outage"}).json()
    assert _ids(found) == ["en-1"]
    assert "outage" in found["items"][0]["snippet"].lower()


def test_since_keeps_later_items(client: TestClient, store: SQLiteStore) -> None:
    _fill(store)
    since = (NOW - timedelta(hours=1) + timedelta(minutes=4)).isoformat()
    assert _ids(client.get("/api/v1/items", params={"since": since}).json()) == ["fx-3", "ra-1"]


def test_cursor_pagination_walks_every_item_once(client: TestClient, store: SQLiteStore) -> None:
    _fill(store)
    seen: list[str] = []
    url = "/api/v1/items?limit=2"
    pages = 0
    while True:
        page = client.get(url).json()
        pages += 1
        assert len(page["items"]) <= 2
        seen += _ids(page)
        if page["next"] is None:
            break
        url = f"/api/v1/items?limit=2&cursor={page['next']}"
    assert pages == 3
    assert seen == ["fx-3", "ra-1", "fx-2", "en-1", "fx-1"]


def test_bad_parameters_are_400_with_a_specific_message(client: TestClient) -> None:
    cases = {
        "desk=forex": "desk 'forex' is unknown",
        "limit=0": "limit '0'",
        "limit=ten": "limit 'ten'",
        "limit=5000": "limit '5000'",
        "since=yesterday": "since 'yesterday'",
        "entity=Japan": "entity 'Japan'",
        "instrument=%3Cx%3E": "instrument '<x>'",
        "colour=red": "unknown parameter 'colour'",
        "desk=fx&desk=rates": "'desk' given more than once",
        "cursor=notacursor": "cursor",
        "order=random": "order 'random'",
        "order=relevance": "needs a search",
    }
    for query, expected in cases.items():
        response = client.get(f"/api/v1/items?{query}")
        assert response.status_code == 400, query
        body = response.json()
        assert body["error"]["status"] == 400
        assert expected in body["error"]["message"], (query, body)


def test_item_by_id_and_404s(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("fx-1"))
    item = client.get("/api/v1/items/fx-1").json()
    assert item["item_id"] == "fx-1" and item["access"] == "full"
    missing = client.get("/api/v1/items/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message": "item 'nope' not found"}}
    assert client.get("/api/v1/stories/nope").status_code == 404
    assert client.get("/api/v1/items/nope/history").status_code == 404
    assert client.get("/api/v1/no-such-route").json()["error"]["status"] == 404


def test_story_lists_its_items_and_sources(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("a", story_id="s-1", minutes=1, source="Ledger One",
                                    url="https://one.example/a"))
    store.append_revision(make_item("b", story_id="s-1", minutes=7, source="Courier Two",
                                    url="https://two.example/b"))
    story = client.get("/api/v1/stories/s-1").json()
    assert story["story_id"] == "s-1"
    assert sorted(i["item_id"] for i in story["items"]) == ["a", "b"]
    outlets = [s["outlet"] for s in story["sources"]]
    assert outlets == ["Ledger One", "Courier Two"]
    assert story["first"]["outlet"] == "Ledger One"


def test_history_and_point_in_time(client: TestClient, store: SQLiteStore) -> None:
    first = make_item("fx-1", headline="First take")
    store.append_revision(first)
    second = make_item("fx-1", headline="Corrected take", minutes=30, action="updated")
    store.append_revision(second)
    history = client.get("/api/v1/items/fx-1/history").json()["revisions"]
    assert [r["headline"] for r in history] == ["First take", "Corrected take"]
    as_of = (NOW - timedelta(minutes=45)).isoformat()
    old = client.get("/api/v1/items/fx-1", params={"as_of": as_of}).json()
    assert old["headline"] == "First take"
    assert client.get("/api/v1/items/fx-1").json()["headline"] == "Corrected take"
    page = client.get("/items/fx-1").text
    assert "rev 1" in page and "First take" in page and "Corrected take" in page


def test_healthz(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("fx-1"))
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["stream"]["clients"] == 0


def test_relevance_order_ranks_the_better_match_first(
    client: TestClient, store: SQLiteStore
) -> None:
    store.append_revision(make_item("strong", headline="Tanker tanker tanker seized",
                                    lead="A tanker was seized. Tanker crews wait.", minutes=1))
    store.append_revision(make_item("weak", headline="Port traffic report", minutes=2,
                                    lead="One tanker among many ships. Traffic was calm."))
    newest = client.get("/api/v1/items", params={"q": "tanker"}).json()
    assert _ids(newest) == ["weak", "strong"]
    best = client.get("/api/v1/items", params={"q": "tanker", "order": "relevance"}).json()
    assert _ids(best) == ["strong", "weak"]

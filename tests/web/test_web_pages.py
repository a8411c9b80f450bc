"""The server-rendered wire: filters, paging, story and search pages, error pages."""

from __future__ import annotations

import re

from webtools import TestClient, make_item

from signaldesk.store.sqlite import SQLiteStore


def _rows(html: str) -> list[str]:
    return re.findall(r'<article class="item[^"]*" data-item-id="([^"]+)"', html)


def test_wire_filters_by_desk_entity_and_instrument(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("fx-1", desk="fx", minutes=1))
    store.append_revision(make_item("en-1", desk="energy", minutes=2, symbol="BRENTX",
                                    entity=("commodity:OILX", "Exoil", "commodity")))
    assert _rows(client.get("/").text) == ["en-1", "fx-1"]
    assert _rows(client.get("/?desk=energy").text) == ["en-1"]
    assert _rows(client.get("/?entity=commodity:OILX").text) == ["en-1"]
    assert _rows(client.get("/?instrument=USDXLD").text) == ["fx-1"]
    page = client.get("/").text
    assert 'href="/?entity=commodity%3AOILX"' in page
    assert 'href="/?instrument=BRENTX"' in page
    # the live stream of a filtered wire is filtered the same way
    assert 'data-stream="desk=energy"' in client.get("/?desk=energy").text


def test_wire_pages_back_through_older_items(client: TestClient, store: SQLiteStore) -> None:
    for n in range(53):
        store.append_revision(make_item(f"i{n:02d}", desk="rates", minutes=n))
    first = client.get("/?desk=rates").text
    assert len(_rows(first)) == 50 and _rows(first)[0] == "i52"
    older = re.search(r'<a href="/\?([^"]+)">Older items', first)
    assert older is not None
    second = client.get("/?" + older.group(1).replace("&amp;", "&")).text
    assert _rows(second) == ["i02", "i01", "i00"]
    assert "Older items" not in second


def test_story_page_lists_every_source_with_first_seen(
    client: TestClient, store: SQLiteStore
) -> None:
    store.append_revision(make_item("a", story_id="s-9", minutes=1, source="Ledger One",
                                    url="https://one.example/a"))
    store.append_revision(make_item("b", story_id="s-9", minutes=12, source="Courier Two",
                                    url="https://two.example/b"))
    html = client.get("/stories/s-9").text
    table = html.split('<table class="sources">')[1].split("</table>")[0]
    assert table.index("Ledger One") < table.index("Courier Two")
    assert "2026-03-02 11:01:00 UTC" in table and "2026-03-02 11:12:00 UTC" in table
    assert 'href="https://two.example/b" rel="nofollow noopener noreferrer"' in table
    assert "First: Ledger One, 11.0 min ahead" in html


def test_search_page_marks_hits(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("s-1", headline="Refinery strike in Exlandia"))
    store.append_revision(make_item("s-2", headline="Quiet day for invented bonds"))
    html = client.get("/search", params={"q": "refinery"}).text
    assert "<mark>Refinery</mark>" in html
    assert "Quiet day" not in html
    assert "Nothing matches" in client.get("/search", params={"q": "zebra"}).text
    assert client.get("/search", params={"q": "x", "order": "sideways"}).status_code == 400


def test_error_pages_are_html_with_the_reason(client: TestClient) -> None:
    missing = client.get("/items/nope")
    assert missing.status_code == 404 and "item &#39;nope&#39; not found" in missing.text
    assert missing.headers["content-type"].startswith("text/html")
    bad = client.get("/?desk=sideways")
    assert bad.status_code == 400 and "desk &#39;sideways&#39; is unknown" in bad.text
    assert client.get("/no/such/page").status_code == 404


def test_overlong_item_and_story_ids_are_refused_before_the_store(
    client: TestClient, store: SQLiteStore
) -> None:
    long_id = "x" * 301
    store.append_revision(make_item(long_id))  # even if such an item existed
    for path in (f"/items/{long_id}", f"/stories/{long_id}"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert response.headers["content-type"].startswith("text/html")
        assert "expected 1 to 300 characters" in response.text
        assert long_id not in response.text  # the reason, not a 300-char echo
    ok_id = "y" * 300
    store.append_revision(make_item(ok_id))
    assert client.get(f"/items/{ok_id}").status_code == 200


def test_entity_chips_show_the_entity_tone(client: TestClient, store: SQLiteStore) -> None:
    item = make_item("tone-1")
    item["entities"][0]["tone"] = {"label": "negative", "score": -0.62, "confidence": 81}
    store.append_revision(item)
    store.append_revision(make_item("flat-1", minutes=5))  # its entity has no tone
    page = client.get("/").text
    chips = re.findall(r'<a class="chip ent([^"]*)"[^>]*title="([^"]*)"', page)
    assert (" t-negative", "country:XL · relevance 80 · tone negative -0.62") in chips
    assert ("", "country:XL · relevance 80") in chips

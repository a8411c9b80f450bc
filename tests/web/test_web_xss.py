"""Items come from hostile pages: everything they carry is escaped, links are http(s) only."""

from __future__ import annotations

from webtools import TestClient, login, make_item

from signaldesk.store.sqlite import SQLiteStore

SCRIPT = '<script>alert("headline")</script>'
IMG = "<img src=x onerror=alert(1)>"
ATTR_BREAK = '"><svg onload=alert(2)>'


def _hostile(store: SQLiteStore, tier: str = "free") -> None:
    store.append_revision(make_item(
        "x-1", tier=tier, headline=SCRIPT, lead=f"Lead with {IMG} inside. Then more.",
        bullets=[f"Bullet {ATTR_BREAK}"], text=f"Body {SCRIPT}", story_id="s-x",
        entity=("country:XL", ATTR_BREAK, "country"), symbol="USDXLD",
        url="javascript:alert(3)", source=f"Outlet {IMG}",
    ))


def _assert_inert(html: str) -> None:
    for raw in (SCRIPT, IMG, ATTR_BREAK, "<svg", "onerror=alert(1)>"):
        assert raw not in html, raw
    assert "javascript:" not in html.lower()
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_pages_escape_item_fields(client: TestClient, store: SQLiteStore, trial_user: str) -> None:
    _hostile(store)
    for path in ("/", "/items/x-1", "/stories/s-x", "/search?q=lead"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_inert(response.text)
    login(client, trial_user)
    _assert_inert(client.get("/items/x-1").text)


def test_teasers_escape_too(client: TestClient, store: SQLiteStore) -> None:
    _hostile(store, tier="premium")
    _assert_inert(client.get("/").text)


def test_query_and_errors_are_escaped(client: TestClient) -> None:
    page = client.get("/search", params={"q": SCRIPT}).text
    assert SCRIPT not in page and "&lt;script&gt;" in page
    error = client.get("/", params={"desk": SCRIPT})
    assert error.status_code == 400
    assert SCRIPT not in error.text


def test_security_headers_forbid_inline_script(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_api_returns_json_not_html(client: TestClient, store: SQLiteStore) -> None:
    _hostile(store)
    response = client.get("/api/v1/items/x-1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["headline"] == SCRIPT  # data kept intact; clients must escape

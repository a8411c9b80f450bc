"""Operators only: the /sources page and /api/v1/sources, SSRF refusals, escaping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from starlette.applications import Starlette
from webtools import NOW, PASSWORD, TestClient, csrf_of, login

from signaldesk.accounts.users import Accounts
from signaldesk.settings import Settings
from signaldesk.sources.registry import SourceRegistry
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web import create_app

# A made-up DNS: names under .example resolve to a public documentation-free address,
# `rebind.example` to the metadata service, everything else to nothing.
_PUBLIC = "93.184.216.34"


async def fake_dns(host: str, port: int) -> list[str]:
    answers = {"feeds.example": [_PUBLIC], "rebind.example": [_PUBLIC, "169.254.169.254"],
               "intranet.example": ["10.1.2.3"]}
    if host in answers:
        return answers[host]
    raise OSError(f"{host}: name not known")


@pytest.fixture
def admin_app(store: SQLiteStore) -> Starlette:
    settings = Settings(secret_key="test-secret-key-not-for-production")
    return create_app(settings, store, None, clock=lambda: NOW, poll_s=0.05, resolver=fake_dns)


@pytest.fixture
def admin_client(admin_app: Starlette) -> Iterator[TestClient]:
    with TestClient(admin_app, follow_redirects=False) as client:
        yield client


@pytest.fixture
def keys(accounts: Accounts) -> dict[str, str]:
    accounts.add("ops@example.test", PASSWORD, plan="free", operator=True)
    accounts.add("reader@example.test", PASSWORD, plan="paid", trial=timedelta(days=1))
    return {"operator": accounts.create_api_key("ops@example.test"),
            "reader": accounts.create_api_key("reader@example.test")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_needs_an_operator(admin_client: TestClient, keys: dict[str, str]) -> None:
    feed = {"url": "https://feeds.example/rss.xml", "desk": "fx"}
    assert admin_client.get("/api/v1/sources").status_code == 401
    assert admin_client.post("/api/v1/sources", json=feed).status_code == 401
    # A paying reader is entitled to content, not to administration.
    reader = bearer(keys["reader"])
    assert admin_client.get("/api/v1/sources", headers=reader).status_code == 403
    assert admin_client.post("/api/v1/sources", json=feed, headers=reader).status_code == 403
    assert admin_client.delete("/api/v1/sources", params={"url": feed["url"]},
                               headers=reader).status_code == 403
    ops = bearer(keys["operator"])
    created = admin_client.post("/api/v1/sources", json=feed, headers=ops)
    assert created.status_code == 201, created.text
    rows = admin_client.get("/api/v1/sources", headers=ops).json()["sources"]
    assert [(r["url"], r["desk"], r["consecutive_failures"]) for r in rows] == [
        (feed["url"], "fx", 0)]
    assert admin_client.delete("/api/v1/sources", params={"url": feed["url"]},
                               headers=ops).status_code == 204
    assert admin_client.get("/api/v1/sources", headers=ops).json()["sources"] == []


def test_api_works_with_an_operator_session(admin_client: TestClient,
                                            keys: dict[str, str]) -> None:
    login(admin_client, "ops@example.test")
    assert admin_client.get("/api/v1/sources").status_code == 200


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:8000/admin", "loopback"),
    ("http://[::1]/feed", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (private)"),
    ("http://intranet.example/feed", "private"),
    ("http://rebind.example/feed", "169.254.169.254"),  # one bad answer among good ones
    ("file:///etc/passwd", "scheme"),
    ("gopher://feeds.example/", "scheme"),
])
def test_unsafe_urls_are_refused_with_a_clear_message(
        admin_client: TestClient, keys: dict[str, str], url: str, reason: str) -> None:
    response = admin_client.post("/api/v1/sources", json={"url": url},
                                 headers=bearer(keys["operator"]))
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert reason in message
    assert "SSRF" in message or "not allowed" in message
    assert admin_client.get("/api/v1/sources",
                            headers=bearer(keys["operator"])).json()["sources"] == []


def test_unresolvable_host_is_refused(admin_client: TestClient, keys: dict[str, str]) -> None:
    response = admin_client.post("/api/v1/sources", json={"url": "https://nowhere.example/"},
                                 headers=bearer(keys["operator"]))
    assert response.status_code == 400 and "cannot resolve" in response.json()["error"]["message"]


def test_private_urls_allowed_when_the_operator_says_so(
        store: SQLiteStore, keys: dict[str, str]) -> None:
    settings = Settings(secret_key="k" * 32, fetch_allow_private=True)
    app = create_app(settings, store, None, clock=lambda: NOW, resolver=fake_dns)
    with TestClient(app) as client:
        response = client.post("/api/v1/sources", json={"url": "http://10.0.0.7/rss"},
                               headers=bearer(keys["operator"]))
    assert response.status_code == 201


def test_page_access_and_nav_link(admin_client: TestClient, keys: dict[str, str]) -> None:
    anonymous = admin_client.get("/sources")
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    assert 'href="/sources"' not in admin_client.get("/").text
    login(admin_client, "reader@example.test")
    assert admin_client.get("/sources").status_code == 403
    assert 'href="/sources"' not in admin_client.get("/").text
    admin_client.cookies.clear()
    login(admin_client, "ops@example.test")
    assert 'href="/sources"' in admin_client.get("/").text
    page = admin_client.get("/sources")
    assert page.status_code == 200 and "No sources yet" in page.text


def test_page_shows_health_and_escapes_hostile_values(
        admin_client: TestClient, keys: dict[str, str], store: SQLiteStore) -> None:
    registry = SourceRegistry(store)
    record = registry.add("https://feeds.example/rss.xml", desk="fx")
    record.title = "<script>alert('title')</script>"
    record.last_error = '<img src=x onerror="alert(1)">boom'
    record.last_error_at = record.last_success_at = NOW.isoformat()
    record.consecutive_failures = 3
    record.lags_s = [30.0, 90.0, 600.0]
    record.arrivals = [(NOW - timedelta(hours=h)).isoformat() for h in (1, 2, 3, 4)]
    registry.save(record)
    login(admin_client, "ops@example.test")
    html = admin_client.get("/sources").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;boom" in html
    row = html[html.index("feeds.example/rss.xml"):]
    assert "<td>3</td>" in row  # consecutive failures
    assert "<td>90 s</td>" in row  # median lag of 30 s, 90 s, 600 s
    assert "<td>4.00</td>" in row  # 4 items within the last day
    assert "2026-03-02 12:00:00 UTC" in row  # last success / error
    assert "failing" in row


def test_page_form_adds_and_refuses(admin_client: TestClient, keys: dict[str, str]) -> None:
    login(admin_client, "ops@example.test")
    token = csrf_of(admin_client, "/sources")
    refused = admin_client.post("/sources", data={"url": "http://127.0.0.1/x", "csrf": token})
    assert refused.status_code == 400 and "refused by the SSRF guard" in refused.text
    forged = admin_client.post("/sources", data={"url": "https://feeds.example/a", "csrf": "x"})
    assert forged.status_code == 403
    added = admin_client.post("/sources", data={"url": "https://feeds.example/a",
                                                "tier": "premium", "csrf": token})
    assert added.status_code == 303
    assert "https://feeds.example/a" in admin_client.get("/sources").text
    removed = admin_client.post("/sources/remove", data={"url": "https://feeds.example/a",
                                                         "csrf": token})
    assert removed.status_code == 303
    assert "No sources yet" in admin_client.get("/sources").text

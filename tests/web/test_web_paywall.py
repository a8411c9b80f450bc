"""One entitlement check on every surface: pages, API, stream, search snippets."""

from __future__ import annotations

import re

from starlette.applications import Starlette
from webtools import TestClient, login, make_item, read_stream

from signaldesk.accounts.users import Accounts
from signaldesk.store.sqlite import SQLiteStore

LEAD = "Exlandia's treasury plans a surprise bond swap, two invented officials said. " \
       "The swap would retire short bills early."
SECOND_SENTENCE = "retire short bills early"
BULLET = "Curve steepening risk for Exlandia bonds."
BODY = "Deep in the body sits the zanzibarite clause of the swap."


def _premium(store: SQLiteStore) -> None:
    store.append_revision(make_item("pr-1", tier="premium", lead=LEAD, bullets=[BULLET],
                                    text=BODY, headline="Exlandia plans surprise bond swap"))


def _hidden_everywhere(text: str) -> None:
    for secret in (SECOND_SENTENCE, BULLET, "zanzibarite", "We watch the data"):
        assert secret not in text, secret


def test_api_gives_anonymous_a_teaser_and_trial_the_full_item(
    client: TestClient, store: SQLiteStore, trial_user: str
) -> None:
    _premium(store)
    anonymous = client.get("/api/v1/items/pr-1")
    teaser = anonymous.json()
    assert teaser["access"] == "teaser"
    assert teaser["headline"] == "Exlandia plans surprise bond swap"
    assert teaser["lead"] == "Exlandia's treasury plans a surprise bond swap, two invented " \
                             "officials said."
    assert teaser["bullets"] == [] and teaser["quotes"] == [] and teaser["text"] is None
    assert "free trial" in teaser["cta"]["message"].lower()
    _hidden_everywhere(anonymous.text)
    _hidden_everywhere(client.get("/api/v1/items").text)
    _hidden_everywhere(client.get("/api/v1/stories/story-pr-1").text)

    login(client, trial_user)
    full = client.get("/api/v1/items/pr-1").json()
    assert full["access"] == "full"
    assert full["bullets"] == [BULLET] and full["text"] == BODY and full["lead"] == LEAD


def test_free_items_are_whole_for_everyone(client: TestClient, store: SQLiteStore) -> None:
    store.append_revision(make_item("fr-1", bullets=[BULLET]))
    item = client.get("/api/v1/items/fr-1").json()
    assert item["access"] == "full" and item["bullets"] == [BULLET]


def test_api_key_unlocks_and_a_bad_key_is_401(
    client: TestClient, store: SQLiteStore, accounts: Accounts, trial_user: str
) -> None:
    _premium(store)
    key = accounts.create_api_key(trial_user)
    full = client.get("/api/v1/items/pr-1", headers={"Authorization": f"Bearer {key}"})
    assert full.json()["bullets"] == [BULLET]
    bad = client.get("/api/v1/items/pr-1", headers={"Authorization": "Bearer sdk_wrong"})
    assert bad.status_code == 401
    assert bad.headers["www-authenticate"] == "Bearer"
    accounts.revoke_api_key(key)
    revoked = client.get("/api/v1/items/pr-1", headers={"Authorization": f"Bearer {key}"})
    assert revoked.status_code == 401


def test_expired_trial_gets_the_teaser_with_its_own_call_to_action(
    client: TestClient, store: SQLiteStore, expired_user: str
) -> None:
    _premium(store)
    login(client, expired_user)
    item = client.get("/api/v1/items/pr-1").json()
    assert item["access"] == "teaser"
    assert "trial has ended" in item["cta"]["message"]
    page = client.get("/")
    assert "trial has ended" in page.text
    _hidden_everywhere(page.text)


def test_pages_show_teaser_to_anonymous_and_everything_to_trial(
    client: TestClient, store: SQLiteStore, trial_user: str
) -> None:
    _premium(store)
    for path in ("/", "/items/pr-1", "/stories/story-pr-1"):
        html = client.get(path).text
        assert "Exlandia plans surprise bond swap" in html, path
        assert "two invented officials said." in html, path
        assert "Start your free trial" in html, path
        _hidden_everywhere(html)
    login(client, trial_user)
    for path in ("/", "/items/pr-1", "/stories/story-pr-1"):
        html = client.get(path).text
        assert BULLET in html, path
        assert "Start your free trial" not in html, path


def test_search_snippets_are_cut_like_the_teaser(
    client: TestClient, store: SQLiteStore, trial_user: str
) -> None:
    _premium(store)
    # A teaser word finds the item; an anonymous snippet still quotes the teaser only.
    found = client.get("/api/v1/items", params={"q": "treasury"}).json()["items"]
    assert [i["item_id"] for i in found] == ["pr-1"]
    assert SECOND_SENTENCE not in found[0]["snippet"]
    html = client.get("/search", params={"q": "treasury"}).text
    assert "Exlandia plans surprise bond swap" in html
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert len(snippets) == 1
    assert "two invented officials said." in snippets[0]
    _hidden_everywhere(snippets[0])
    login(client, trial_user)
    found = client.get("/api/v1/items", params={"q": "zanzibarite"}).json()["items"]
    assert "zanzibarite" in found[0]["snippet"]
    assert "<mark>zanzibarite</mark>" in client.get("/search", params={"q": "zanzibarite"}).text


def test_search_is_no_oracle_for_a_premium_body(
    client: TestClient, store: SQLiteStore, trial_user: str, expired_user: str
) -> None:
    _premium(store)
    store.append_revision(make_item("fr-2", headline="Exlandia port report",
                                    text="A free body may mention zanzibarite."))
    for order in ("newest", "relevance"):
        params = {"q": "zanzibarite", "order": order}
        found = client.get("/api/v1/items", params=params).json()["items"]
        assert [i["item_id"] for i in found] == ["fr-2"], order  # free bodies still match
        assert "Exlandia plans surprise bond swap" not in client.get("/search", params=params).text
    # The lead's second sentence is hidden by the teaser too: no oracle there either.
    assert client.get("/api/v1/items", params={"q": '"short bills"'}).json()["items"] == []
    login(client, expired_user)
    found = client.get("/api/v1/items", params={"q": "zanzibarite"}).json()["items"]
    assert [i["item_id"] for i in found] == ["fr-2"]
    client.cookies.clear()
    login(client, trial_user)
    found = client.get("/api/v1/items", params={"q": "zanzibarite"}).json()["items"]
    assert sorted(i["item_id"] for i in found) == ["fr-2", "pr-1"]
    found = client.get("/api/v1/items", params={"q": '"short bills"'}).json()["items"]
    assert [i["item_id"] for i in found] == ["pr-1"]
    assert "Exlandia plans surprise bond swap" in client.get(
        "/search", params={"q": "zanzibarite"}).text


def test_stream_frames_pass_the_same_check(
    client: TestClient, app: Starlette, store: SQLiteStore, accounts: Accounts, trial_user: str
) -> None:
    def until(events: list[dict[str, object]]) -> bool:
        return len(events) >= 1

    key = accounts.create_api_key(trial_user)
    anonymous = client.portal.call(
        lambda: read_stream(app, "last_event_id=0", until=until, during=lambda: _premium(store)))
    shown = anonymous[1]["data"]["item"]
    assert shown["access"] == "teaser" and shown["bullets"] == []
    _hidden_everywhere(str(anonymous))
    full = client.portal.call(lambda: read_stream(
        app, "last_event_id=0", {"Authorization": f"Bearer {key}"}, until=until))
    assert full[1]["data"]["item"]["bullets"] == [BULLET]


def test_personal_responses_are_never_shared_by_caches(client: TestClient) -> None:
    for path in ("/", "/api/v1/items", "/login"):
        headers = client.get(path).headers
        assert headers["cache-control"] == "private, no-store", path
        assert "Cookie" in headers["vary"], path
    assert "no-store" not in client.get("/static/wire.css").headers.get("cache-control", "")


def test_me_tells_the_api_who_is_asking(
    client: TestClient, accounts: Accounts, trial_user: str
) -> None:
    assert client.get("/api/v1/me").json() == {"email": None, "plan": None, "entitled": False}
    key = accounts.create_api_key(trial_user)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert me["email"] == trial_user and me["entitled"] is True and me["plan"] == "trial"

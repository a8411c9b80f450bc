"""Login, logout, signup and CSRF; the session cookie's flags; safe redirects."""

from __future__ import annotations

from starlette.applications import Starlette
from webtools import PASSWORD, TestClient, csrf_of, login

from signaldesk.accounts.users import FAILURES_NS, Accounts
from signaldesk.store.sqlite import SQLiteStore


def test_login_sets_a_signed_httponly_lax_cookie(client: TestClient, trial_user: str) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"email": trial_user, "password": PASSWORD,
                                           "csrf": token, "next": "/search"})
    assert response.status_code == 303
    assert response.headers["location"] == "/search"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert trial_user in client.get("/").text


def test_wrong_password_is_refused_without_saying_which_part(
    client: TestClient, trial_user: str
) -> None:
    token = csrf_of(client)
    wrong = client.post("/login", data={"email": trial_user, "password": "nope", "csrf": token})
    unknown = client.post("/login", data={"email": "who@example.test", "password": "nope",
                                          "csrf": token})
    assert wrong.status_code == unknown.status_code == 401
    assert "wrong e-mail or password" in wrong.text and "wrong e-mail or password" in unknown.text
    assert trial_user not in client.get("/").text.split("<main>")[0]


def test_forms_without_the_csrf_token_are_refused(client: TestClient, trial_user: str) -> None:
    csrf_of(client)  # a session exists, but the form below does not carry its token
    forged = client.post("/login", data={"email": trial_user, "password": PASSWORD,
                                         "csrf": "forged"})
    assert forged.status_code == 403
    missing = client.post("/login", data={"email": trial_user, "password": PASSWORD})
    assert missing.status_code == 403
    login(client, trial_user)
    assert client.post("/logout", data={}).status_code == 403
    assert trial_user in client.get("/").text


def test_logout_needs_the_token_and_ends_the_session(client: TestClient, trial_user: str) -> None:
    login(client, trial_user)
    token = csrf_of(client, "/")
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    assert "Log in" in client.get("/").text
    assert trial_user not in client.get("/").text


def test_next_never_leaves_the_site(client: TestClient, trial_user: str) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client.cookies.clear()
        token = csrf_of(client)
        response = client.post("/login", data={"email": trial_user, "password": PASSWORD,
                                               "csrf": token, "next": target})
        assert response.headers["location"] == "/", target


def test_signup_starts_a_trial(client: TestClient, accounts: Accounts) -> None:
    token = csrf_of(client, "/signup")
    response = client.post("/signup", data={"email": "New@Example.test", "password": "long enough",
                                            "csrf": token})
    assert response.status_code == 303
    user = accounts.get("new@example.test")
    assert user is not None and user.plan == "trial"
    assert user.entitled(accounts.now())
    again = client.post("/signup", data={"email": "new@example.test", "password": "long enough",
                                         "csrf": csrf_of(client, "/signup")})
    assert again.status_code == 400 and "already exists" in again.text


def test_account_page_makes_an_api_key(
    client: TestClient, accounts: Accounts, trial_user: str
) -> None:
    assert client.get("/account").headers["location"].startswith("/login")
    login(client, trial_user)
    page = client.post("/account/keys", data={"csrf": csrf_of(client, "/account")})
    key = page.text.split('<pre class="key">')[1].split("</pre>")[0]
    user = accounts.user_for_api_key(key)
    assert user is not None and user.email == trial_user


def test_a_login_flood_for_unknown_e_mails_writes_nothing(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    token = csrf_of(client)
    for n in range(5):
        response = client.post("/login", data={"email": f"ghost{n}@example.test",
                                               "password": "guess", "csrf": token})
        assert response.status_code == 401
    assert list(store.state_scan(FAILURES_NS)) == []
    assert app.state.hash_limiter.total_tokens == app.state.accounts.hash_slots

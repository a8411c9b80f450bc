"""The `cookie_secure` setting and the warning about an empty `secret_key`."""

from __future__ import annotations

import logging

import pytest
from webtools import NOW, PASSWORD, TestClient, csrf_of

from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web import create_app


def _login_cookie(store: SQLiteStore, settings: Settings, user: str) -> str:
    app = create_app(settings, store, None, clock=lambda: NOW, poll_s=0.05)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        token = csrf_of(client)
        response = client.post("/login", data={"email": user, "password": PASSWORD,
                                               "csrf": token, "next": "/"})
        assert response.status_code == 303, response.text
        return response.headers["set-cookie"].lower()


def test_cookie_secure_marks_the_session_cookie(store: SQLiteStore, trial_user: str) -> None:
    secure = _login_cookie(store, Settings(secret_key="k" * 32, cookie_secure=True), trial_user)
    assert "; secure" in secure and "httponly" in secure
    plain = _login_cookie(store, Settings(secret_key="k" * 32), trial_user)
    assert "; secure" not in plain and "httponly" in plain


def test_an_empty_secret_key_is_warned_about(
    store: SQLiteStore, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="signaldesk.web.app"):
        create_app(Settings(secret_key="k" * 32), store, None, clock=lambda: NOW)
        assert not [r for r in caplog.records if "secret_key" in r.getMessage()]
        create_app(Settings(), store, None, clock=lambda: NOW)
    warned = [r for r in caplog.records if "secret_key is empty" in r.getMessage()]
    assert len(warned) == 1 and warned[0].levelno == logging.WARNING

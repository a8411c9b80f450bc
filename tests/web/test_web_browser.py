"""The live wire in a real browser (Debian's chromium driven by Playwright).

Checks what only a browser can: new items appear without a reload, an updated item
replaces its row, premium items arrive as teasers, and hostile text never runs
(no dialog opens, no element is injected).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from webtools import PASSWORD, make_item, running_server

from signaldesk.store.sqlite import SQLiteStore

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    if not os.path.exists(CHROMIUM):
        _missing("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_new_items_appear_live_and_hostile_text_stays_inert(
    page: Any, app: Starlette, store: SQLiteStore
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    store.append_revision(make_item("before", headline="Already on the wire"))
    with running_server(app) as base:
        page.goto(f"{base}/")
        assert page.locator("article.item").count() == 1
        page.wait_for_selector("#live.on", timeout=10000)  # the stream is connected

        hostile_item = make_item("live-1", headline=f"Hostile {HOSTILE}",
                                 bullets=[f"bullet {HOSTILE}"], minutes=5)
        hostile_item["entities"][0]["tone"] = {"label": f'x" {HOSTILE}', "score": 0.1,
                                               "confidence": 1}
        store.append_revision(hostile_item)
        premium = make_item("live-2", tier="premium", minutes=6,
                            headline="Premium arrives live",
                            bullets=["a bullet only subscribers read"])
        premium["entities"][0]["tone"] = {"label": "positive", "score": 0.5, "confidence": 70}
        store.append_revision(premium)
        row = page.wait_for_selector('article[data-item-id="live-2"]', timeout=10000)
        hostile = page.locator('article[data-item-id="live-1"]')
        assert "<script>alert(2)</script>" in hostile.locator("h2").inner_text()
        assert hostile.locator("img, script").count() == 0
        assert "a bullet only subscribers read" not in row.inner_text()
        assert "Start your free trial" in row.inner_text()
        # Entity tone colours the chip; an unknown label never becomes a class.
        assert page.locator('article[data-item-id="live-2"] .chip.t-positive').count() == 1
        assert hostile.locator(".chip.ent").get_attribute("class") == "chip ent"
        order = page.locator("article.item").evaluate_all("rows => rows.map(r => r.dataset.itemId)")
        assert order == ["live-2", "live-1", "before"]

        store.append_revision(make_item("live-1", headline="Hostile, corrected", minutes=7,
                                        action="updated"))
        page.wait_for_selector('article[data-item-id="live-1"] .rev', timeout=10000)
        assert page.locator('article[data-item-id="live-1"]').count() == 1
        assert page.locator("article.item").first.get_attribute("data-item-id") == "live-1"
        page.goto("about:blank")  # close the EventSource, so the server stops at once
    assert dialogs == []


def test_logged_in_trial_reads_live_premium_items_whole(
    page: Any, app: Starlette, store: SQLiteStore, trial_user: str
) -> None:
    with running_server(app) as base:
        page.goto(f"{base}/login")
        page.fill("input[name=email]", trial_user)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.box button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.wait_for_selector("#live.on", timeout=10000)
        store.append_revision(make_item("live-p", tier="premium", headline="Premium, whole",
                                        bullets=["a bullet only subscribers read"]))
        row = page.wait_for_selector('article[data-item-id="live-p"]', timeout=10000)
        assert "a bullet only subscribers read" in row.inner_text()
        assert "Start your free trial" not in row.inner_text()
        page.goto("about:blank")

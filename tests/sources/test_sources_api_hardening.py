"""The sources API refuses non-JSON posts (no cross-site forms) and bad values, clearly."""

from __future__ import annotations

import asyncio
import math

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request

from signaldesk.errors import InputError
from signaldesk.models import DESKS
from signaldesk.sources.api import routes
from signaldesk.sources.registry import SourceRegistry
from signaldesk.store.sqlite import SQLiteStore

FEED = "https://a.example/rss"


def _post_all(posts: list[dict[str, object]]) -> tuple[list[httpx.Response], list[str]]:
    store = SQLiteStore(":memory:")

    def operator(request: Request) -> bool:
        return True

    app = Starlette(routes=routes(store, operator))

    async def main() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as c:
            return [await c.post("/api/v1/sources", **kw) for kw in posts]  # type: ignore[arg-type]

    try:
        responses = asyncio.run(main())
        return responses, [r.url for r in SourceRegistry(store).all()]
    finally:
        store.close()


def test_a_form_post_cannot_add_a_source() -> None:
    body = b'{"url": "https://a.example/rss"}'
    responses, kept = _post_all([
        {"data": {"url": FEED}},  # what a cross-site HTML form sends
        {"content": body, "headers": {"content-type": "text/plain"}},
        {"content": body},  # no Content-Type at all
    ])
    assert [r.status_code for r in responses] == [415, 415, 415]
    assert "application/json" in responses[0].json()["error"]["message"]
    assert kept == []


def test_json_with_a_charset_is_accepted() -> None:
    responses, kept = _post_all([{"content": b'{"url": "https://a.example/rss"}',
                                  "headers": {"content-type": "Application/JSON; charset=utf-8"}}])
    assert responses[0].status_code == 201 and kept == [FEED]


@pytest.mark.parametrize("body", [
    {"url": FEED, "interval_s": "nan"}, {"url": FEED, "interval_s": "inf"},
    {"url": FEED, "interval_s": -5}, {"url": FEED, "interval_s": 0},
    {"url": FEED, "desk": "astrology"}, {"url": FEED, "desk": ["fx"]},
    {"url": FEED, "name": {"x": 1}},
])
def test_bad_values_are_a_clear_400(body: dict[str, object]) -> None:
    responses, kept = _post_all([{"json": body}])
    assert responses[0].status_code == 400
    assert responses[0].json()["error"]["message"]
    assert kept == []


@pytest.mark.parametrize("interval", [math.nan, math.inf, -math.inf, 0.0, -1.0])
def test_registry_refuses_intervals_that_are_not_finite_and_positive(interval: float) -> None:
    with SQLiteStore(":memory:") as store:
        with pytest.raises(InputError, match="interval must be a positive number"):
            SourceRegistry(store).add(FEED, interval_s=interval)
        assert SourceRegistry(store).all() == []


def test_registry_refuses_unknown_desks_and_names_the_known_ones() -> None:
    with SQLiteStore(":memory:") as store:
        registry = SourceRegistry(store)
        with pytest.raises(InputError, match="unknown desk 'astrology'") as info:
            registry.add(FEED, desk="astrology")
        assert DESKS[0] in str(info.value)
        assert registry.add(FEED, desk=DESKS[0], interval_s=30.0).desk == DESKS[0]
        assert registry.add(FEED, desk="").desk == DESKS[0]  # empty keeps the desk it had

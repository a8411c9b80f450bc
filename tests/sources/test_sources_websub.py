"""WebSub: subscribe, verify intent, HMAC-verified pushes, lease renewal."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import httpx
import pytest
from starlette.applications import Starlette

from signaldesk.errors import FetchError, InputError
from signaldesk.settings import Settings
from signaldesk.sources.feeds import ParsedFeed
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.websub import Subscription, WebSubSubscriber, routes, sign
from signaldesk.store.sqlite import SQLiteStore

TOPIC = "https://quay.example/feed"
HUB = "https://hub.example/"
PUSH = (b'<rss version="2.0"><channel><title>Quay Bulletin (fictional)</title><item>'
        b'<title>Pushed item</title><guid isPermaLink="false">q1</guid></item></channel></rss>')


class Hub:
    def __init__(self, status: int = 202) -> None:
        self.forms: list[dict[str, str]] = []
        self.status = status

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.forms.append({k: v[0] for k, v in parse_qs(request.content.decode()).items()})
        return httpx.Response(self.status)


async def public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def setup(hub: Hub, clock: list[datetime]) -> tuple[WebSubSubscriber, Fetcher, SQLiteStore]:
    store = SQLiteStore(":memory:")
    fetcher = Fetcher(Settings(), httpx.MockTransport(hub), public, host_rate=0)
    sub = WebSubSubscriber(fetcher, "https://me.example/websub", store, lease_s=3600,
                           clock=lambda: clock[0])
    return sub, fetcher, store


def test_subscribe_verify_push_and_renew() -> None:
    hub = Hub()
    clock = [datetime(2026, 3, 3, 9, 0, tzinfo=UTC)]
    subscriber, fetcher, store = setup(hub, clock)
    sub = asyncio.run(subscriber.subscribe(TOPIC, HUB))
    form = hub.forms[0]
    assert form["hub.mode"] == "subscribe" and form["hub.topic"] == TOPIC
    assert form["hub.callback"] == f"https://me.example/websub/{sub.id}"
    assert len(form["hub.secret"]) == 64 and form["hub.lease_seconds"] == "3600"

    # verification of intent: only for our topic, echoing the challenge
    assert subscriber.verify_intent(sub.id, {"hub.mode": "subscribe", "hub.topic": "x",
                                             "hub.challenge": "c"})[0] == 404
    assert subscriber.verify_intent(sub.id, {"hub.mode": "subscribe", "hub.topic": TOPIC,
                                             "hub.challenge": "c0ffee",
                                             "hub.lease_seconds": "1800"}) == (200, "c0ffee")
    active = subscriber.get(sub.id)
    assert active is not None and active.state == "active" and active.lease_s == 1800

    # pushes: a valid signature parses, a forged or missing one is refused
    good = {"X-Hub-Signature": sign(sub.secret, PUSH, "sha1"),
            "Content-Type": "application/rss+xml"}
    feed = subscriber.handle_push(sub.id, PUSH, good)
    assert feed.entries[0].id == "q1"
    for bad in [{"X-Hub-Signature": sign("wrong", PUSH)}, {}, {"X-Hub-Signature": "md5=ab"}]:
        with pytest.raises(InputError):
            subscriber.handle_push(sub.id, PUSH, bad)
    with pytest.raises(InputError):
        subscriber.handle_push(sub.id, PUSH + b" ", good)  # body changed after signing

    # renewal: nothing due now; due when the lease nears its end
    assert asyncio.run(subscriber.renew_due()) == []
    clock[0] += timedelta(seconds=1700)
    assert asyncio.run(subscriber.renew_due()) == [sub.id]
    assert len(hub.forms) == 2 and hub.forms[1]["hub.secret"] == sub.secret
    asyncio.run(fetcher.aclose())
    store.close()


def test_hub_refusal_is_a_fetch_error_and_denial_is_recorded() -> None:
    clock = [datetime(2026, 3, 3, tzinfo=UTC)]
    subscriber, fetcher, store = setup(Hub(status=400), clock)
    with pytest.raises(FetchError, match="HTTP 400"):
        asyncio.run(subscriber.subscribe(TOPIC, HUB))
    subscriber2, fetcher2, store2 = setup(Hub(), clock)
    sub = asyncio.run(subscriber2.subscribe(TOPIC, HUB))
    assert subscriber2.verify_intent(sub.id, {"hub.mode": "denied", "hub.topic": TOPIC,
                                              "hub.reason": "no"})[0] == 200
    denied = subscriber2.get(sub.id)
    assert denied is not None and denied.state == "denied"
    with pytest.raises(InputError):
        subscriber2.handle_push(sub.id, PUSH, {"X-Hub-Signature": sign(sub.secret, PUSH)})
    for f, s in ((fetcher, store), (fetcher2, store2)):
        asyncio.run(f.aclose())
        s.close()


def test_unsafe_hub_is_refused() -> None:
    clock = [datetime(2026, 3, 3, tzinfo=UTC)]
    store = SQLiteStore(":memory:")
    fetcher = Fetcher(Settings(), httpx.MockTransport(Hub()), host_rate=0)
    subscriber = WebSubSubscriber(fetcher, "https://me.example/websub", store,
                                  clock=lambda: clock[0])
    with pytest.raises(FetchError, match="SSRF"):
        asyncio.run(subscriber.subscribe(TOPIC, "http://127.0.0.1:9/hub"))
    asyncio.run(fetcher.aclose())
    store.close()


def test_callback_routes() -> None:
    clock = [datetime(2026, 3, 3, tzinfo=UTC)]
    subscriber, fetcher, store = setup(Hub(), clock)
    sub = asyncio.run(subscriber.subscribe(TOPIC, HUB))
    received: list[tuple[Subscription, ParsedFeed]] = []

    async def on_feed(s: Subscription, feed: ParsedFeed) -> None:
        received.append((s, feed))

    app = Starlette(routes=routes(subscriber, on_feed))

    async def calls() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://me.example") as client:
            r = await client.get(f"/websub/{sub.id}", params={
                "hub.mode": "subscribe", "hub.topic": TOPIC, "hub.challenge": "xyz"})
            assert (r.status_code, r.text) == (200, "xyz")
            r = await client.post(f"/websub/{sub.id}", content=PUSH, headers={
                "X-Hub-Signature": sign(sub.secret, PUSH, "sha512")})
            assert r.status_code == 202 and len(received) == 1
            r = await client.post(f"/websub/{sub.id}", content=PUSH,
                                  headers={"X-Hub-Signature": sign("forged", PUSH)})
            assert r.status_code == 202 and len(received) == 1  # ignored, silently

    asyncio.run(calls())
    assert received[0][1].title == "Quay Bulletin (fictional)"
    asyncio.run(fetcher.aclose())
    store.close()


HUBBED = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
          b"<title>Quay Bulletin (fictional)</title>"
          b'<atom:link rel="hub" href="https://hub.example/"/>'
          b'<atom:link rel="self" href="https://quay.example/feed"/>'
          b'<item><title>Polled item</title><guid isPermaLink="false">q0</guid></item>'
          b"</channel></rss>")


def test_poller_subscribes_to_advertised_hub_and_accepts_pushes() -> None:
    from signaldesk.sources.poller import Poller
    from signaldesk.sources.registry import SourceRegistry, next_interval

    hub = Hub()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return hub(request)
        return httpx.Response(200, content=HUBBED)

    async def main() -> None:
        store = SQLiteStore(":memory:")
        settings = Settings()
        async with Fetcher(settings, httpx.MockTransport(handler), public, host_rate=0) as f:
            subscriber = WebSubSubscriber(f, "https://me.example/websub", store)
            registry = SourceRegistry(store)
            registry.add("https://quay.example/feed")
            poller = Poller(settings, registry, f, websub=subscriber)
            first = await poller.poll_due()
            assert [d.guid for d in first[0].docs] == ["q0"]
            assert hub.forms[0]["hub.topic"] == "https://quay.example/feed"
            record = registry.get("https://quay.example/feed")
            assert record.websub_id is not None
            now = datetime.now(UTC)
            assert next_interval(record, now, settings) == settings.poll_max_s
            sub = subscriber.get(record.websub_id)
            assert sub is not None
            subscriber.verify_intent(sub.id, {"hub.mode": "subscribe", "hub.topic": sub.topic,
                                              "hub.challenge": "ok"})
            feed = subscriber.handle_push(sub.id, PUSH, {"X-Hub-Signature": sign(sub.secret,
                                                                                 PUSH)})
            docs = await poller.accept_push(sub, feed)
            assert [d.guid for d in docs] == ["q1"] and docs[0].source == "Quay Bulletin " \
                "(fictional)"
            assert await poller.accept_push(sub, feed) == []  # the same push twice: no dup
            await poller.poll_source(registry.get("https://quay.example/feed"))
            assert len(hub.forms) == 1  # subscribed once, not on every poll
        store.close()

    asyncio.run(main())

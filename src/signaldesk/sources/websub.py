"""WebSub subscriber (W3C Recommendation, 2018): subscribe, verify intent, verify pushes.

* `subscribe(topic, hub)` POSTs `hub.mode=subscribe` with a fresh random `hub.secret`
  through the guarded `Fetcher` (the hub URL is user-controlled too).
* The hub then GETs our callback with `hub.challenge`: `verify_intent` echoes it only
  for a subscription we asked for, on the same topic, and records the lease.
* Every push is checked with `X-Hub-Signature: <sha1|sha256|sha384|sha512>=<hex HMAC of
  the body with our secret>`; a push without a valid signature is ignored (the spec
  says to answer 2xx anyway, so an attacker learns nothing).
* `renew_due()` re-subscribes before leases run out.

Subscriptions live in the store (`websub` namespace), or in memory without a store.
`routes(subscriber, on_feed)` gives Starlette routes for the callback, for the app.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from signaldesk.errors import FetchError, InputError
from signaldesk.sources.feeds import ParsedFeed, parse_feed
from signaldesk.sources.fetch import Fetcher
from signaldesk.store.base import Store

__all__ = ["Subscription", "WebSubSubscriber", "routes", "sign"]

NAMESPACE = "websub"
_DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
            "sha512": hashlib.sha512}


@dataclass
class Subscription:
    id: str
    topic: str
    hub: str
    callback: str
    secret: str
    state: str = "pending"  # pending | active | denied | unsubscribed
    lease_s: int | None = None
    expires_at: str | None = None
    requested_at: str | None = None
    reason: str | None = None


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    """The `X-Hub-Signature` value a hub sends for `body` (also used by tests/bench)."""
    mac = hmac.new(secret.encode(), body, _DIGESTS[method]).hexdigest()
    return f"{method}={mac}"


class WebSubSubscriber:
    def __init__(
        self,
        fetcher: Fetcher,
        callback_base: str,
        store: Store | None = None,
        *,
        lease_s: int = 86_400,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.callback_base = callback_base.rstrip("/")
        self.store = store
        self.lease_s = lease_s
        self._clock = clock or (lambda: datetime.now(UTC))
        self._memory: dict[str, dict[str, Any]] = {}

    # -- persistence
    def get(self, sub_id: str) -> Subscription | None:
        data = self.store.state_get(NAMESPACE, sub_id) if self.store else self._memory.get(sub_id)
        if data is None:
            return None
        known = {f.name for f in fields(Subscription)}
        return Subscription(**{k: v for k, v in data.items() if k in known})

    def save(self, sub: Subscription) -> None:
        if self.store is not None:
            self.store.state_put(NAMESPACE, sub.id, asdict(sub))
        else:
            self._memory[sub.id] = asdict(sub)

    def all(self) -> list[Subscription]:
        ids = ([k for k, _ in self.store.state_scan(NAMESPACE)] if self.store
               else list(self._memory))
        return [s for s in (self.get(i) for i in ids) if s is not None]

    # -- subscribing
    async def subscribe(self, topic: str, hub: str, mode: str = "subscribe") -> Subscription:
        sub_id = hashlib.sha256(f"{hub}\x00{topic}".encode()).hexdigest()[:24]
        sub = self.get(sub_id) or Subscription(
            id=sub_id, topic=topic, hub=hub, callback=f"{self.callback_base}/{sub_id}",
            secret=secrets.token_hex(32))
        sub.state = "pending" if mode == "subscribe" else sub.state
        sub.requested_at = self._clock().isoformat()
        self.save(sub)
        form = {"hub.mode": mode, "hub.topic": topic, "hub.callback": sub.callback}
        if mode == "subscribe":
            form |= {"hub.secret": sub.secret, "hub.lease_seconds": str(self.lease_s)}
        await self.fetcher.post_form(hub, form)  # 202 Accepted; raises FetchError otherwise
        return sub

    async def unsubscribe(self, sub_id: str) -> None:
        sub = self.get(sub_id)
        if sub is not None:
            await self.subscribe(sub.topic, sub.hub, mode="unsubscribe")

    def verify_intent(self, sub_id: str, params: Mapping[str, str]) -> tuple[int, str]:
        """Answer the hub's verification GET: (status, body)."""
        sub = self.get(sub_id)
        mode, topic = params.get("hub.mode", ""), params.get("hub.topic", "")
        if sub is None or topic != sub.topic:
            return 404, "unknown subscription"
        if mode == "denied":
            sub.state, sub.reason = "denied", params.get("hub.reason")
            self.save(sub)
            return 200, ""
        challenge = params.get("hub.challenge")
        if mode not in {"subscribe", "unsubscribe"} or not challenge:
            return 400, "bad verification request"
        if mode == "subscribe":
            try:
                lease = int(params.get("hub.lease_seconds") or self.lease_s)
            except ValueError:
                return 400, "bad hub.lease_seconds"
            sub.state, sub.lease_s = "active", lease
            sub.expires_at = (self._clock() + timedelta(seconds=lease)).isoformat()
        else:
            sub.state = "unsubscribed"
        self.save(sub)
        return 200, challenge

    def verify_push(self, sub_id: str, body: bytes, signature: str | None) -> Subscription:
        """The subscription a push belongs to, if its HMAC signature is valid."""
        sub = self.get(sub_id)
        if sub is None or sub.state not in {"active", "pending"}:
            raise InputError(f"push to unknown or inactive subscription {sub_id!r}")
        method, _, mac = (signature or "").partition("=")
        if method not in _DIGESTS or not mac:
            raise InputError(f"push for {sub.topic}: missing or unsupported X-Hub-Signature")
        if not hmac.compare_digest(sign(sub.secret, body, method), f"{method}={mac.lower()}"):
            raise InputError(f"push for {sub.topic}: X-Hub-Signature does not match; ignored")
        return sub

    def handle_push(self, sub_id: str, body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
        """Verify and parse a pushed feed document."""
        lowered = {k.lower(): v for k, v in headers.items()}
        sub = self.verify_push(sub_id, body, lowered.get("x-hub-signature"))
        return parse_feed(body, sub.topic, lowered)

    async def renew_due(self, margin: timedelta = timedelta(hours=1)) -> list[str]:
        """Re-subscribe active subscriptions whose lease ends within `margin` (at most a
        tenth of the lease, so a short lease is not renewed on every call)."""
        renewed = []
        now = self._clock()
        for sub in self.all():
            if sub.state != "active" or not sub.expires_at:
                continue
            window = min(margin, timedelta(seconds=(sub.lease_s or self.lease_s) / 10))
            if datetime.fromisoformat(sub.expires_at) <= now + window:
                try:
                    await self.subscribe(sub.topic, sub.hub)
                    renewed.append(sub.id)
                except FetchError as exc:
                    sub.reason = f"renewal failed: {exc}"
                    self.save(sub)
        return renewed


def routes(subscriber: WebSubSubscriber,
           on_feed: Callable[[Subscription, ParsedFeed], Awaitable[None]],
           path: str = "/websub/{sub_id}", max_bytes: int = 10_000_000) -> list[Any]:
    """Starlette routes for the callback: GET verifies intent, POST receives pushes."""
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    async def verify(request: Request) -> Response:
        status, text = subscriber.verify_intent(request.path_params["sub_id"],
                                                dict(request.query_params))
        return PlainTextResponse(text, status_code=status)

    async def push(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                return PlainTextResponse("too large", status_code=413)
        sub_id = request.path_params["sub_id"]
        try:
            feed = subscriber.handle_push(sub_id, body, dict(request.headers))
            sub = subscriber.get(sub_id)
        except InputError:
            return Response(status_code=202)  # ignored, as the spec asks: reveal nothing
        if sub is not None:
            await on_feed(sub, feed)
        return Response(status_code=202)

    return [Route(path, verify, methods=["GET"]), Route(path, push, methods=["POST"])]

"""The sources API, for the web app to mount (operators only: it passes `authorize`).

    GET    /api/v1/sources              [{url, outlet, desk, tier, healthy, last_success_at,
                                          last_error, consecutive_failures, items_per_day,
                                          median_lag_s, next_poll_at}, ...]
    POST   /api/v1/sources              {"url", "desk"?, "tier"?, "interval_s"?, "name"?}
    DELETE /api/v1/sources?url=URL

The same registry as `signaldesk sources ...`, so the CLI, the API and the sources
page always agree.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from signaldesk.errors import FetchError, InputError, NotFound
from signaldesk.sources.registry import SourceRegistry
from signaldesk.store.base import Store

__all__ = ["routes"]


def routes(store: Store, authorize: Callable[[Request], bool],
           path: str = "/api/v1/sources", *,
           clock: Callable[[], datetime] | None = None,
           validate: Callable[[str], Awaitable[None]] | None = None,
           on_change: Callable[[], None] | None = None) -> list[Route]:
    """Starlette routes; `authorize(request)` must say whether the caller is an operator.

    `validate(url)` runs before a source is added and raises `FetchError` (e.g. the SSRF
    guard's `UnsafeURLError`) to refuse it with a 400 and its message; `on_change()` is
    called after a source is added or removed (the running poller reloads its schedule).
    """
    changed = on_change or (lambda: None)
    registry = SourceRegistry(store)
    now = clock or (lambda: datetime.now(UTC))

    def error(status: int, message: str) -> Response:  # the web API's error shape
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)

    async def denied(request: Request) -> Response | None:
        # `authorize` may read the session's user from the store: off the event loop.
        allowed = await run_in_threadpool(authorize, request)
        return None if allowed else error(403, "operators only")

    def listing() -> list[dict[str, Any]]:
        return sorted((r.health(now()) for r in registry.all()), key=lambda h: h["url"])

    async def list_sources(request: Request) -> Response:
        if (refusal := await denied(request)) is not None:
            return refusal
        return JSONResponse({"sources": await run_in_threadpool(listing)})

    async def add_source(request: Request) -> Response:
        if (refusal := await denied(request)) is not None:
            return refusal
        # A cross-site HTML form can send a cookie-authenticated POST, but never with
        # Content-Type application/json (that needs CORS): so JSON only, or CSRF is back.
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return error(415, "send the source as JSON (Content-Type: application/json)")
        try:
            body: Any = json.loads(await request.body())
            if not isinstance(body, dict) or not isinstance(body.get("url"), str):
                raise InputError("body must be a JSON object with a 'url' string")
            for key in ("name", "desk", "tier"):
                if body.get(key) is not None and not isinstance(body[key], str):
                    raise InputError(f"{key!r} must be a string")
            interval = body.get("interval_s")
            if validate is not None:
                await validate(body["url"])
            record = await run_in_threadpool(
                registry.add, body["url"], name=body.get("name"), desk=body.get("desk"),
                tier=str(body.get("tier") or "free"),
                interval_s=float(interval) if interval is not None else None)
        except (json.JSONDecodeError, InputError, FetchError, TypeError, ValueError) as exc:
            return error(400, str(exc))
        changed()
        return JSONResponse(record.health(now()), status_code=201)

    async def remove_source(request: Request) -> Response:
        if (refusal := await denied(request)) is not None:
            return refusal
        try:
            await run_in_threadpool(registry.remove, request.query_params.get("url", ""))
        except NotFound as exc:
            return error(404, str(exc))
        changed()
        return Response(status_code=204)

    return [Route(path, list_sources, methods=["GET"]), Route(path, add_source, methods=["POST"]),
            Route(path, remove_source, methods=["DELETE"])]

"""`create_app(settings, store, bus)`: the ASGI app of the wire, API and stream.

All state (store, bus, accounts, templates, the stream's broadcaster) is made here and
kept on `app.state`; nothing lives at module level, so two apps in one process (tests)
never share anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import signaldesk
from signaldesk.accounts.users import Accounts
from signaldesk.bus.base import Bus
from signaldesk.settings import Settings
from signaldesk.sources import api as sources_api
from signaldesk.sources.live import LiveIngest
from signaldesk.sources.ssrf import Resolver, check_source_url, system_resolver
from signaldesk.store.base import Store
from signaldesk.web import admin, api, pages
from signaldesk.web.auth import require_operator
from signaldesk.web.openapi import openapi_schema
from signaldesk.web.stream import Broadcaster
from signaldesk.web.templating import install_filters

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
SESSION_MAX_AGE_S = 14 * 24 * 3600
# Scripts and styles only from our own origin: even if escaping ever failed, an
# injected inline <script> would not run.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Pure ASGI middleware (no buffering, so the SSE stream is untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        personal = not str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                if personal and not any(k.lower() == b"cache-control" for k, _ in headers):
                    # What a page shows depends on who asks (full item or teaser): a
                    # shared cache must never hand a subscriber's copy to someone else.
                    headers += [(b"cache-control", b"private, no-store"),
                                (b"vary", b"Cookie, Authorization")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_secret(settings: Settings) -> str:
    """The key that signs sessions; without `secret_key`, a random one and a warning."""
    if settings.secret_key:
        return settings.secret_key
    # Logged because it bites silently: every restart (and every worker) signs with a
    # different key, so everyone is logged out and sessions do not cross workers.
    log.warning("secret_key is empty: using a random session key for this run; every "
                "restart logs everyone out. Set SIGNALDESK_SECRET_KEY to a long random value")
    return secrets.token_urlsafe(32)


def create_app(
    settings: Settings,
    store: Store,
    bus: Bus | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    poll_s: float = 1.0,
    queue_size: int = 256,
    ingest: LiveIngest | None = None,
    poll: bool = False,
    poll_idle_s: float = 1.0,
    resolver: Resolver = system_resolver,
) -> Starlette:
    """The web app over `store` (and `bus`, whose messages wake the stream up).

    `clock` decides trial expiry (tests pass a fixed one); `poll_s` is how often the
    stream checks the store when the bus is quiet; `queue_size` is how many frames a
    client may fall behind before it is dropped. `ingest` receives WebSub pushes (made
    from settings when not given); with `poll` it also polls the sources while the app
    runs, checking for due sources every `poll_idle_s`. `resolver` is what the SSRF
    check of a new source asks (tests inject one; no network).
    """
    broadcaster = Broadcaster(store, bus, poll_s=poll_s, queue_size=queue_size)
    live = ingest or LiveIngest(settings, store, bus)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await broadcaster.start()
        loop = asyncio.get_running_loop()

        def wake() -> None:  # from the ingest worker thread: hop onto the loop
            loop.call_soon_threadsafe(broadcaster.wake)

        live.on_stored = wake
        stop = asyncio.Event()
        poller = (asyncio.create_task(live.run(stop, idle_s=poll_idle_s), name="signaldesk-poll")
                  if poll else None)
        try:
            yield
        finally:
            stop.set()
            if poller is not None:
                await asyncio.gather(poller, return_exceptions=True)
            await live.aclose()
            await broadcaster.stop()

    async def check_url(url: str) -> None:
        await check_source_url(url, resolver, settings.fetch_allow_private)

    def authorize(request: Request) -> bool:
        require_operator(request)  # 401 anonymous / 403 non-operator, as JSON
        return True

    secret = session_secret(settings)
    app = Starlette(
        routes=[*_routes(), *admin.routes(),
                *sources_api.routes(store, authorize, clock=clock, validate=check_url,
                                    on_change=live.sources_changed),
                *live.routes()],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(SessionMiddleware, secret_key=secret, session_cookie="signaldesk",
                       max_age=SESSION_MAX_AGE_S, same_site="lax",
                       https_only=settings.cookie_secure),
        ],
        exception_handlers={HTTPException: _http_error, 404: _not_found},
        lifespan=lifespan,
    )
    templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
        undefined=jinja2.ChainableUndefined,  # a partial item renders, never 500s
    ))
    install_filters(templates.env)
    app.state.settings = settings
    app.state.store = store
    app.state.bus = bus
    app.state.accounts = Accounts(store, clock=clock or (lambda: datetime.now(UTC)))
    app.state.hash_limiter = anyio.CapacityLimiter(app.state.accounts.hash_slots)
    app.state.templates = templates
    app.state.broadcaster = broadcaster
    app.state.ingest = live
    app.state.check_source_url = check_url
    app.state.openapi = openapi_schema(signaldesk.__version__)
    return app


def _routes() -> list[Route | Mount]:
    return [
        Route("/", pages.wire, name="wire"),
        Route("/items/{item_id:path}", pages.item_page, name="item"),
        Route("/stories/{story_id:path}", pages.story_page, name="story"),
        Route("/search", pages.search_page, name="search"),
        Route("/login", pages.login_form, methods=["GET"]),
        Route("/login", pages.login, methods=["POST"]),
        Route("/logout", pages.logout, methods=["POST"]),
        Route("/signup", pages.signup_form, methods=["GET"]),
        Route("/signup", pages.signup, methods=["POST"]),
        Route("/account", pages.account_page, methods=["GET"]),
        Route("/account/keys", pages.new_api_key, methods=["POST"]),
        Route("/api/v1/items", api.list_items),
        Route("/api/v1/items/{item_id:path}/history", api.item_history),
        Route("/api/v1/items/{item_id:path}", api.get_item),
        Route("/api/v1/stories/{story_id:path}", api.get_story),
        Route("/api/v1/stream", api.stream),
        Route("/api/v1/me", api.me),
        Route("/healthz", api.healthz),
        Route("/openapi.json", _openapi),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def _openapi(request: Request) -> Response:
    return JSONResponse(request.app.state.openapi)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in {"/healthz", "/openapi.json"}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 401 and _wants_json(request):
        headers.setdefault("WWW-Authenticate", "Bearer")
    if _wants_json(request):
        body: dict[str, Any] = {"error": {"status": exc.status_code, "message": exc.detail}}
        return JSONResponse(body, status_code=exc.status_code, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    try:
        html = templates.get_template("error.html").render(
            status=exc.status_code, message=exc.detail)
    except jinja2.TemplateError:  # the error page must not fail in turn
        html = f"<h1>{exc.status_code}</h1>"
    return HTMLResponse(html, status_code=exc.status_code, headers=headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return await _http_error(request, exc)
    return await _http_error(request, HTTPException(404, "not found"))

"""The operators' sources page: health per source, add and remove (forms with CSRF).

Only `auth.is_operator` opens it; anonymous visitors are sent to log in, other
accounts get a 403. Every value shown (feed titles, error messages, URLs) comes from
outside and is rendered by the autoescaping templates; links go through `safe_url`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from signaldesk.errors import FetchError, InputError, NotFound
from signaldesk.sources.live import LiveIngest
from signaldesk.web.auth import check_csrf, require_operator, viewer_for
from signaldesk.web.pages import render

__all__ = ["routes"]


def routes() -> list[Route]:
    return [
        Route("/sources", sources_page, methods=["GET"], name="sources"),
        Route("/sources", add_source, methods=["POST"]),
        Route("/sources/remove", remove_source, methods=["POST"]),
    ]


def _gate(request: Request) -> Response | None:
    """A login redirect for anonymous visitors; raises 403 for non-operators."""
    if viewer_for(request).user is None:
        return RedirectResponse("/login?next=/sources", status_code=303)
    require_operator(request)
    return None


def _rows(request: Request) -> list[dict[str, Any]]:
    live: LiveIngest = request.app.state.ingest
    now: datetime = request.app.state.accounts.now()  # the app's clock (tests fix it)
    return sorted((r.health(now) for r in live.registry.all()), key=lambda h: h["url"])


def _page(request: Request, status: int = 200, **context: Any) -> Response:
    live: LiveIngest = request.app.state.ingest
    return render(request, "sources.html", status=status, sources=_rows(request),
                  ingest={"docs_in": live.docs_in, "batches_done": live.batches_done,
                          "batch_failures": live.batch_failures,
                          "last_error": live.last_error}, **context)


async def sources_page(request: Request) -> Response:
    if (redirect := _gate(request)) is not None:
        return redirect
    return await run_in_threadpool(_page, request)


async def add_source(request: Request) -> Response:
    if (redirect := _gate(request)) is not None:
        return redirect
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    url = str(form.get("url") or "").strip()
    desk = str(form.get("desk") or "").strip() or None
    tier = str(form.get("tier") or "free")
    live: LiveIngest = request.app.state.ingest
    try:
        await request.app.state.check_source_url(url)
        await run_in_threadpool(lambda: live.registry.add(url, desk=desk, tier=tier))
        live.sources_changed()
    except (FetchError, InputError) as exc:
        message = str(exc)
        return await run_in_threadpool(lambda: _page(request, 400, error=message, url=url))
    return RedirectResponse("/sources", status_code=303)


async def remove_source(request: Request) -> Response:
    if (redirect := _gate(request)) is not None:
        return redirect
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    live: LiveIngest = request.app.state.ingest
    try:
        await run_in_threadpool(live.registry.remove, str(form.get("url") or ""))
        live.sources_changed()
    except NotFound as exc:
        message = str(exc)
        return await run_in_threadpool(lambda: _page(request, 404, error=message))
    return RedirectResponse("/sources", status_code=303)

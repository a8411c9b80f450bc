"""The server-rendered pages: wire, item, story, search, login, signup, account.

Everything shown passes through `Viewer.present`; templates autoescape, and links to
outside URLs go through the `safe_url` filter (only http and https survive).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlencode

from anyio import to_thread
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from signaldesk.accounts.users import Accounts
from signaldesk.errors import AuthError, InputError
from signaldesk.models import DESKS
from signaldesk.settings import Settings
from signaldesk.store.base import ItemQuery
from signaldesk.web import params
from signaldesk.web.api import path_id, present_page, present_story, run_query, store_of
from signaldesk.web.auth import (
    check_csrf,
    csrf_token,
    is_operator,
    log_in,
    log_out,
    safe_next,
    viewer_for,
)
from signaldesk.web.snippets import snippet
from signaldesk.web.stream import Broadcaster

PAGE_SIZE = 50


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    base = {
        "viewer": viewer_for(request),
        "csrf": csrf_token(request),
        "desks": DESKS,
        "path": request.url.path,
        "operator": is_operator(request),
    }
    response: Response = templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status
    )
    return response


def wire(request: Request) -> Response:
    raw = params.single(request.query_params, {"desk", "entity", "instrument", "cursor"})
    query = ItemQuery(
        desk=params.desk_param(raw.get("desk")),
        entity=params.entity_param(raw.get("entity")),
        instrument=params.instrument_param(raw.get("instrument")),
        limit=PAGE_SIZE,
        cursor=params.cursor_param(raw.get("cursor")),
    )
    broadcaster: Broadcaster = request.app.state.broadcaster
    head = broadcaster.last_seq  # read before the list: the stream resumes from here
    viewer = viewer_for(request)
    page = run_query(store_of(request), query, viewer)
    items = present_page(viewer, page, None)
    filters = {k: v for k, v in (("desk", query.desk), ("entity", query.entity),
                                 ("instrument", query.instrument)) if v}
    older = urlencode({**filters, "cursor": page.next}) if page.next else None
    return render(request, "wire.html", items=items, desk=query.desk, filters=filters,
                  stream_query=urlencode(filters), older=older, head_seq=head)


def item_page(request: Request) -> Response:
    item_id = path_id(request, "item_id")  # capped like the API: no megabyte ids to the store
    item = store_of(request).get_item(item_id)
    if item is None:
        raise HTTPException(404, f"item {item_id!r} not found")
    viewer = viewer_for(request)
    history = store_of(request).item_history(item_id) if item.get("revision", 1) > 1 else []
    revisions = [viewer.present(r) for r in history]
    return render(request, "item.html", item=viewer.present(item), revisions=revisions)


def story_page(request: Request) -> Response:
    story_id = path_id(request, "story_id")
    story = store_of(request).get_story(story_id)
    if story is None:
        raise HTTPException(404, f"story {story_id!r} not found")
    return render(request, "story.html", story=present_story(viewer_for(request), story))


def search_page(request: Request) -> Response:
    raw = params.single(request.query_params, {"q", "desk", "cursor", "order"})
    q = params.q_param(raw.get("q"))
    desk = params.desk_param(raw.get("desk"))
    order = params.order_param(raw.get("order"), q, default="relevance")
    results: list[tuple[dict[str, Any], list[tuple[str, bool]]]] = []
    next_cursor = None
    if q:
        query = ItemQuery(q=q, desk=desk, limit=PAGE_SIZE, order=order,
                          cursor=params.cursor_param(raw.get("cursor")))
        viewer = viewer_for(request)
        page = run_query(store_of(request), query, viewer)
        results = [(viewer.present(i), snippet(viewer.readable_text(i), q)) for i in page.items]
        next_cursor = page.next
    more = urlencode({k: v for k, v in (("q", q), ("desk", desk), ("order", order),
                                        ("cursor", next_cursor)) if v}) if next_cursor else None
    return render(request, "search.html", q=q or "", desk=desk, order=order, results=results,
                  more=more)


T = TypeVar("T")


async def hashing(request: Request, fn: Callable[[], T]) -> T:
    """Run `fn` (which hashes or checks a password) in a thread of the app's hashing limiter.

    `Accounts` already lets only a few scrypt runs happen at once; waiting for a slot
    here, on the event loop, keeps a login flood from parking every pool thread too.
    """
    return await to_thread.run_sync(fn, limiter=request.app.state.hash_limiter)


def login_form(request: Request) -> Response:
    return render(request, "login.html", next=safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    target = safe_next(form.get("next"))
    accounts: Accounts = request.app.state.accounts
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    try:
        user = await hashing(request, partial(accounts.authenticate, email, password))
    except AuthError as exc:
        return render(request, "login.html", status=401, error=str(exc), next=target,
                      email=email)
    log_in(request, user.email)
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    log_out(request)
    return RedirectResponse("/", status_code=303)


def signup_form(request: Request) -> Response:
    return render(request, "signup.html")


async def signup(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    accounts: Accounts = request.app.state.accounts
    settings: Settings = request.app.state.settings
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    trial = timedelta(days=settings.trial_days)
    try:
        if len(password) < 8:
            raise InputError("password: use at least 8 characters")
        user = await hashing(request, partial(accounts.add, email, password, trial=trial))
    except InputError as exc:
        return render(request, "signup.html", status=400, error=str(exc), email=email)
    log_in(request, user.email)
    return RedirectResponse("/", status_code=303)


def account_page(request: Request) -> Response:
    viewer = viewer_for(request)
    if viewer.user is None:
        return RedirectResponse("/login?next=/account", status_code=303)
    return render(request, "account.html", user=viewer.user)


async def new_api_key(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    viewer = viewer_for(request)
    if viewer.user is None:
        return RedirectResponse("/login?next=/account", status_code=303)
    accounts: Accounts = request.app.state.accounts
    token = await run_in_threadpool(accounts.create_api_key, viewer.user.email, "web")
    return render(request, "account.html", user=viewer.user, api_key=token)

"""The JSON API (`/api/v1/...`) and `/healthz`. Every item goes through `Viewer.present`.

Handlers are plain functions: Starlette runs them in its thread pool, which is where
the synchronous `Store` calls belong.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from signaldesk.accounts.viewer import Viewer
from signaldesk.errors import InputError, StoreError
from signaldesk.store.base import ItemPage, ItemQuery, Store
from signaldesk.web import params
from signaldesk.web.auth import viewer_for
from signaldesk.web.snippets import matches, plain, snippet
from signaldesk.web.stream import Broadcaster, StreamFilter

_ITEM_ID_MAX = 300


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def run_query(store: Store, query: ItemQuery, viewer: Viewer) -> ItemPage:
    """`store.list_items` for `viewer`, with the store's complaints about input as a 400.

    A viewer who may not read premium bodies searches premium items by headline and
    lead only: otherwise which teasers come back would reveal words of the hidden body.
    """
    query = replace(query, public_only_text=not viewer.entitled)
    try:
        page = store.list_items(query)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from exc
    except StoreError as exc:  # e.g. a search over its time budget
        raise HTTPException(503, f"the store could not answer: {exc}") from exc
    if query.q and not viewer.entitled:
        # The store matched premium rows on the whole lead, but a teaser shows only its
        # first sentence: keep a premium hit only when the teaser itself explains it.
        # (A page may then hold fewer than `limit` items; `next` still continues it.)
        kept = [i for i in page.items
                if viewer.can_read(i) or matches(viewer.readable_text(i), query.q)]
        page = ItemPage(items=kept, next=page.next)
    return page


def present_page(viewer: Viewer, page: ItemPage, q: str | None) -> list[dict[str, Any]]:
    shown = []
    for item in page.items:
        out = viewer.present(item)
        if q:
            out["snippet"] = plain(snippet(viewer.readable_text(item), q))
        shown.append(out)
    return shown


def list_items(request: Request) -> Response:
    query = params.item_query(request.query_params)
    viewer = viewer_for(request)
    page = run_query(store_of(request), query, viewer)
    return JSONResponse({"items": present_page(viewer, page, query.q), "next": page.next})


def get_item(request: Request) -> Response:
    item_id = path_id(request, "item_id")
    raw = params.single(request.query_params, {"as_of"})
    as_of = params.time_param("as_of", raw.get("as_of"))
    item = store_of(request).get_item(item_id, as_of=as_of)
    if item is None:
        raise HTTPException(404, f"item {item_id!r} not found")
    return JSONResponse(viewer_for(request).present(item))


def item_history(request: Request) -> Response:
    item_id = path_id(request, "item_id")
    params.single(request.query_params, ())
    history = store_of(request).item_history(item_id)
    if not history:
        raise HTTPException(404, f"item {item_id!r} not found")
    viewer = viewer_for(request)
    return JSONResponse({"item_id": item_id, "revisions": [viewer.present(i) for i in history]})


def get_story(request: Request) -> Response:
    story_id = path_id(request, "story_id")
    params.single(request.query_params, ())
    story = store_of(request).get_story(story_id)
    if story is None:
        raise HTTPException(404, f"story {story_id!r} not found")
    return JSONResponse(present_story(viewer_for(request), story))


def present_story(viewer: Viewer, story: dict[str, Any]) -> dict[str, Any]:
    """The story with each of its items through the viewer (sources are public links)."""
    out = dict(story)
    out["items"] = [viewer.present(i) for i in story.get("items") or [] if isinstance(i, dict)]
    return out


async def stream(request: Request) -> Response:
    raw = params.single(request.query_params, {"desk", "entity", "instrument", "last_event_id"})
    wanted = StreamFilter(
        desk=params.desk_param(raw.get("desk")),
        entity=params.entity_param(raw.get("entity")),
        instrument=params.instrument_param(raw.get("instrument")),
    )
    resume = params.last_event_id(request.headers.get("last-event-id"), raw.get("last_event_id"))
    viewer = viewer_for(request)
    # A stream outlives the request's clock: entitlement is re-checked per frame.
    live_viewer = Viewer(user=viewer.user, clock=request.app.state.accounts.now)
    broadcaster: Broadcaster = request.app.state.broadcaster
    return StreamingResponse(
        broadcaster.subscribe(live_viewer, wanted, resume),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def me(request: Request) -> Response:
    """Who the API thinks is asking, and whether premium items come whole."""
    params.single(request.query_params, ())
    viewer = viewer_for(request)
    user = viewer.user
    if user is None:
        return JSONResponse({"email": None, "plan": None, "entitled": False})
    return JSONResponse({
        "email": user.email,
        "plan": user.plan,
        "entitled": viewer.entitled,
        "trial_ends_at": user.trial_ends_at.isoformat() if user.trial_ends_at else None,
    })


def healthz(request: Request) -> Response:
    store = store_of(request)
    try:
        store.events_since(0, limit=1)
    except StoreError as exc:
        return JSONResponse({"status": "error", "store": str(exc)}, status_code=503)
    broadcaster: Broadcaster = request.app.state.broadcaster
    return JSONResponse({
        "status": "ok",
        "stream": {
            "clients": len(broadcaster.clients),
            "last_seq": broadcaster.last_seq,
            "dropped_clients": broadcaster.dropped_clients,
        },
    })


def path_id(request: Request, name: str) -> str:
    value = str(request.path_params[name])
    if not value or len(value) > _ITEM_ID_MAX:
        raise HTTPException(400, f"{name}: expected 1 to {_ITEM_ID_MAX} characters")
    return value

"""Query parameters of the wire and the API, checked once: a bad one is a 400 naming it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from signaldesk.models import DESKS
from signaldesk.store.base import ItemQuery

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_Q_CHARS = 512
LIST_PARAMS = frozenset(
    {"desk", "entity", "instrument", "q", "since", "limit", "cursor", "order"}
)
ORDERS = ("newest", "relevance")
_ENTITY = re.compile(r"^[a-z][a-z0-9_-]{0,19}:[^\s]{1,120}$")
_INSTRUMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/+-]{0,31}$")
_CURSOR = re.compile(r"^[A-Za-z0-9_=-]{1,200}$")


def bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def single(params: QueryParams, allowed: Iterable[str]) -> dict[str, str]:
    """The parameters as a dict; unknown or repeated names are refused."""
    allowed = frozenset(allowed)
    out: dict[str, str] = {}
    for name, value in params.multi_items():
        if name not in allowed:
            raise bad(f"unknown parameter {name!r}; known: {', '.join(sorted(allowed))}")
        if name in out:
            raise bad(f"parameter {name!r} given more than once")
        out[name] = value
    return out


def desk_param(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in DESKS:
        raise bad(f"desk {value[:40]!r} is unknown; one of: {', '.join(DESKS)}")
    return value


def entity_param(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _ENTITY.match(value):
        raise bad(f"entity {value[:40]!r}: expected a namespaced id such as country:JP")
    return value


def instrument_param(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _INSTRUMENT.match(value):
        raise bad(f"instrument {value[:40]!r}: expected a symbol such as USDJPY")
    return value


def time_param(name: str, value: str | None) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise bad(f"{name} {value[:40]!r}: expected an ISO 8601 time such as "
                  "2026-03-02T08:00:00Z") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def limit_param(value: str | None) -> int:
    if value in (None, ""):
        return DEFAULT_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise bad(f"limit {value[:20]!r}: expected a whole number from 1 to {MAX_LIMIT}")
    return int(value)


def q_param(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_Q_CHARS:
        raise bad(f"q: longer than {MAX_Q_CHARS} characters")
    return value.strip()


def cursor_param(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _CURSOR.match(value):
        raise bad("cursor: not one we issued; pass the `next` of the previous page")
    return value


def order_param(value: str | None, q: str | None, default: str = "newest") -> str:
    if value in (None, ""):
        return default if q else "newest"
    if value not in ORDERS:
        raise bad(f"order {value[:20]!r}: expected one of {', '.join(ORDERS)}")
    if value == "relevance" and not q:
        raise bad("order 'relevance' needs a search: add q")
    return value


def item_query(params: QueryParams, allowed: Iterable[str] = LIST_PARAMS) -> ItemQuery:
    """An `ItemQuery` from `GET /api/v1/items`-style parameters, or a 400."""
    raw = single(params, allowed)
    q = q_param(raw.get("q"))
    return ItemQuery(
        desk=desk_param(raw.get("desk")),
        entity=entity_param(raw.get("entity")),
        instrument=instrument_param(raw.get("instrument")),
        q=q,
        since=time_param("since", raw.get("since")),
        limit=limit_param(raw.get("limit")),
        cursor=cursor_param(raw.get("cursor")),
        order=order_param(raw.get("order"), q),
    )


def last_event_id(header: str | None, query: str | None) -> int | None:
    """Where a stream resumes: the Last-Event-ID header, else `?last_event_id=`."""
    value = header if header not in (None, "") else query
    if value in (None, ""):
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 18:
        raise bad(f"Last-Event-ID {value[:20]!r}: expected the numeric id of an event")
    return int(value)

"""The OpenAPI 3.1 description of the JSON API, written by hand.

Hand-written rather than generated from docstrings because the parameters, the error
shape and the SSE stream need describing precisely, and a test validates this document
with openapi-spec-validator and checks that every route it names exists.
"""

from __future__ import annotations

from typing import Any

from signaldesk.models import DESKS
from signaldesk.web.params import DEFAULT_LIMIT, MAX_LIMIT


def _param(name: str, where: str, description: str, schema: dict[str, Any],
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


_ERRORS = {
    "400": _json("Error", "a parameter is malformed; the message names it"),
    "401": _json("Error", "the API key is not recognised"),
}
_NOT_FOUND = _json("Error", "no such item or story")
_ITEM_FILTERS = [
    _param("desk", "query", "only items on this desk", {"type": "string", "enum": list(DESKS)}),
    _param("entity", "query", "only items about this entity (namespaced id, e.g. country:JP)",
           {"type": "string"}),
    _param("instrument", "query", "only items mapped to this symbol, e.g. USDJPY",
           {"type": "string"}),
]

_ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An item (DESIGN.md §2) as the viewer may see it. `access` is `full` or "
                   "`teaser`; a teaser has the headline and first sentence only, no "
                   "bullets, body or quotes, and a call to action in `cta`.",
    "required": ["id", "item_id", "revision", "action", "headline", "tier", "access"],
    "properties": {
        "id": {"type": "string"},
        "item_id": {"type": "string"},
        "revision": {"type": "integer"},
        "action": {"type": "string", "enum": ["created", "updated", "removed"]},
        "story_id": {"type": ["string", "null"]},
        "headline": {"type": ["string", "null"]},
        "lead": {"type": ["string", "null"]},
        "bullets": {"type": "array", "items": {"type": "string"}},
        "text": {"type": ["string", "null"]},
        "desks": {"type": "array", "items": {"type": "object"}},
        "entities": {"type": "array", "items": {"type": "object"}},
        "instruments": {"type": "array", "items": {"type": "object"}},
        "quotes": {"type": "array", "items": {"type": "object"}},
        "sources": {"type": "array", "items": {"type": "object"}},
        "scores": {"type": "object"},
        "tier": {"type": "string", "enum": ["free", "premium"]},
        "access": {"type": "string", "enum": ["full", "teaser"]},
        "snippet": {"type": "string", "description": "with `q`: text around the hits"},
        "cta": {"type": "object", "properties": {"message": {"type": "string"},
                                                 "url": {"type": "string"},
                                                 "label": {"type": "string"}}},
        "recorded_at": {"type": ["string", "null"], "format": "date-time"},
    },
}


def openapi_schema(version: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "SignalDesk API", "version": version,
                 "description": "The wire as JSON and as a live stream. Authenticate with "
                                "`Authorization: Bearer <API key>` or a session cookie; "
                                "without either, premium items are teasers."},
        "paths": _paths(),
        "components": {
            "schemas": {
                "Item": _ITEM_SCHEMA,
                "ItemPage": {"type": "object", "required": ["items", "next"], "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                    "next": {"type": ["string", "null"],
                             "description": "cursor of the next page; null on the last"}}},
                "Story": {"type": "object", "required": ["story_id", "items", "sources"],
                          "properties": {
                              "story_id": {"type": "string"},
                              "headline": {"type": ["string", "null"]},
                              "items": {"type": "array",
                                        "items": {"$ref": "#/components/schemas/Item"}},
                              "sources": {"type": "array", "items": {"type": "object"}},
                              "first": {"type": ["object", "null"]}}},
                "Error": {"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "object", "required": ["status", "message"],
                              "properties": {"status": {"type": "integer"},
                                             "message": {"type": "string"}}}}},
            },
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"apiKey": []}],
    }


def _paths() -> dict[str, Any]:
    item_id = _param("item_id", "path", "the stable item id", {"type": "string"}, True)
    return {
        "/api/v1/items": {"get": {
            "summary": "Latest items, newest first, with cursor pagination",
            "operationId": "listItems",
            "parameters": [
                *_ITEM_FILTERS,
                _param("q", "query", "full-text search; adds `snippet`", {"type": "string"}),
                _param("since", "query", "only items recorded at or after this time",
                       {"type": "string", "format": "date-time"}),
                _param("limit", "query", "page size",
                       {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                        "default": DEFAULT_LIMIT}),
                _param("cursor", "query", "the `next` of the previous page", {"type": "string"}),
                _param("order", "query", "`newest` first, or best match (`relevance`, needs q)",
                       {"type": "string", "enum": ["newest", "relevance"], "default": "newest"}),
            ],
            "responses": {"200": _json("ItemPage", "a page of items"), **_ERRORS},
        }},
        "/api/v1/items/{item_id}": {"get": {
            "summary": "One item (latest revision, or as of a time)", "operationId": "getItem",
            "parameters": [item_id, _param("as_of", "query", "point in time",
                                           {"type": "string", "format": "date-time"})],
            "responses": {"200": _json("Item", "the item"), "404": _NOT_FOUND, **_ERRORS},
        }},
        "/api/v1/items/{item_id}/history": {"get": {
            "summary": "Every revision of an item, oldest first", "operationId": "itemHistory",
            "parameters": [item_id],
            "responses": {"200": {"description": "revisions", "content": {"application/json": {
                "schema": {"type": "object", "properties": {"revisions": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}}}},
                "404": _NOT_FOUND, **_ERRORS},
        }},
        "/api/v1/stories/{story_id}": {"get": {
            "summary": "A story: its items and every source with when it was first seen",
            "operationId": "getStory",
            "parameters": [_param("story_id", "path", "story id", {"type": "string"}, True)],
            "responses": {"200": _json("Story", "the story"), "404": _NOT_FOUND, **_ERRORS},
        }},
        "/api/v1/stream": {"get": {
            "summary": "Live items as Server-Sent Events",
            "description": "Each `item` event has `id` = the store's seq and JSON data "
                           "{seq, item_id, revision, action, recorded_at, item}. Reconnect "
                           "with `Last-Event-ID` (or `?last_event_id=`) to resume. Slow "
                           "clients are disconnected and should resume the same way. A "
                           "resume more than 1,000 events behind gets one `reload` event "
                           "instead ({reason, last_seq, max_backlog}, id = last_seq): "
                           "reload the page or fetch `/api/v1/items` afresh.",
            "operationId": "stream",
            "parameters": [
                *_ITEM_FILTERS,
                _param("last_event_id", "query", "resume after this seq",
                       {"type": "integer", "minimum": 0}),
                _param("Last-Event-ID", "header", "resume after this seq", {"type": "string"}),
            ],
            "responses": {"200": {"description": "an endless event stream",
                                  "content": {"text/event-stream": {
                                      "schema": {"type": "string"}}}}, **_ERRORS},
        }},
        "/api/v1/me": {"get": {
            "summary": "The account behind the request and whether it reads premium items",
            "operationId": "me",
            "responses": {"200": {"description": "the viewer", "content": {
                "application/json": {"schema": {"type": "object", "properties": {
                    "email": {"type": ["string", "null"]},
                    "plan": {"type": ["string", "null"]},
                    "entitled": {"type": "boolean"},
                    "trial_ends_at": {"type": ["string", "null"], "format": "date-time"}}}}}},
                **_ERRORS},
        }},
        "/api/v1/sources": _sources_path(),
        "/healthz": {"get": {
            "summary": "Liveness: the store answers", "operationId": "healthz",
            "security": [{}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"type": "object"}}}},
                "503": {"description": "the store does not answer"}},
        }},
    }


def _sources_path() -> dict[str, Any]:
    """The operators' sources API (`signaldesk.sources.api`, mounted by the app)."""
    operators = {"403": _json("Error", "the account is not an operator"), **_ERRORS}
    obj: dict[str, Any] = {"type": "object"}
    return {
        "get": {"summary": "Sources with their health (operators only)",
                "operationId": "listSources",
                "responses": {"200": {"description": "sources", "content": {
                    "application/json": {"schema": obj}}}, **operators}},
        "post": {"summary": "Add a source; unsafe URLs (SSRF guard) are refused with 400",
                 "operationId": "addSource",
                 "requestBody": {"required": True, "content": {"application/json": {
                     "schema": {"type": "object", "required": ["url"], "properties": {
                         "url": {"type": "string"}, "desk": {"type": "string", "enum": list(DESKS)},
                         "tier": {"type": "string", "enum": ["free", "premium"]},
                         "interval_s": {"type": "number", "exclusiveMinimum": 0},
                         "name": {"type": "string"}}}}}},
                 "responses": {"201": {"description": "the source added", "content": {
                     "application/json": {"schema": obj}}},
                     "415": _json("Error", "the body is not sent as application/json"),
                     **operators}},
        "delete": {"summary": "Remove a source", "operationId": "removeSource",
                   "parameters": [_param("url", "query", "the source URL", {"type": "string"},
                                         True)],
                   "responses": {"204": {"description": "removed"},
                                 "404": _json("Error", "no such source"), **operators}},
    }

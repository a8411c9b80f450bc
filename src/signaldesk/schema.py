"""JSON Schema of one `signaldesk process` output line (an item, DESIGN.md §2).

The README's schema table documents the same fields, and tests validate real output
against this schema, so the three cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from signaldesk.models import DESKS

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_OPT_TIME = {"type": ["string", "null"], "format": "date-time"}


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": required if required is not None else list(props),
        "additionalProperties": False,
    }


DESK = _obj(
    {
        "desk": {"enum": list(DESKS)},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "why": {"type": "array", "items": _STR, "minItems": 1},
    }
)
INSTRUMENT = _obj({"symbol": _STR, "kind": _STR, "via": _STR})
QUOTE = _obj({"speaker": _STR, "role": _OPT_STR, "text": _STR})
TONE = _obj(
    {
        "label": {"enum": ["positive", "neutral", "negative"]},
        "score": {"type": "number", "minimum": -1, "maximum": 1},
        "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
    }
)
ENTITY = _obj(
    {
        "id": {"type": "string", "pattern": r"^[a-z]+:\S+$"},
        "name": _STR,
        "type": _STR,
        "relevance": {"type": "integer", "minimum": 0, "maximum": 100},
        "mentions": {"type": "integer", "minimum": 0},
        "tone": {"oneOf": [TONE, {"type": "null"}]},
    }
)
SOURCE = _obj(
    {
        "outlet": _OPT_STR,
        "url": _OPT_STR,
        "published_at": _OPT_TIME,
        "first_seen_at": _OPT_TIME,
        "doc_id": _OPT_STR,
    }
)
SCORES = _obj(
    {
        "relevance": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
        "novelty": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
        "days_since_similar": {"type": ["number", "null"]},
        "urgency": {"enum": ["flash", "urgent", "routine", None]},
        "tone": {"oneOf": [TONE, {"type": "null"}]},
        "stance": {"enum": ["hawkish", "dovish", "neutral", None]},
    }
)

ITEM_FIELDS: dict[str, Any] = {
    "id": _STR,
    "item_id": _STR,
    "revision": {"type": "integer", "minimum": 1},
    "action": {"enum": ["created", "updated", "removed"]},
    "story_id": _OPT_STR,
    "url": _OPT_STR,
    "source": _OPT_STR,
    "headline": _OPT_STR,
    "lead": _OPT_STR,
    "bullets": {"type": "array", "items": _STR, "maxItems": 4},
    "word_count": {"type": ["integer", "null"], "minimum": 0},
    "text": _OPT_STR,
    "lang": _OPT_STR,
    "byline": _OPT_STR,
    "section": _OPT_STR,
    "paywalled": {"type": "boolean"},
    "desks": {"type": "array", "items": DESK},
    "entities": {"type": "array", "items": ENTITY},
    "instruments": {"type": "array", "items": INSTRUMENT},
    "attribution": {"oneOf": [_obj({"outlet": _OPT_STR, "sourcing": _OPT_STR}), {"type": "null"}]},
    "quotes": {"type": "array", "items": QUOTE},
    "scores": SCORES,
    "why": {"type": "array", "items": _STR},
    "sources": {"type": "array", "items": SOURCE},
    "tier": {"enum": ["free", "premium"]},
    "status": {"enum": ["auto", "draft", "published"]},
    "published_at": _OPT_TIME,
    "updated_at": _OPT_TIME,
    "first_seen_at": _OPT_TIME,
    "recorded_at": _OPT_TIME,
    "dropped": _STR,
    "dropped_by": _OPT_STR,
    "drop_detail": _OPT_STR,
    "duplicate_of": _STR,
}
_OPTIONAL = {"dropped", "dropped_by", "drop_detail", "duplicate_of"}

ITEM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "SignalDesk item (one line of `signaldesk process` output)",
    **_obj(ITEM_FIELDS, [k for k in ITEM_FIELDS if k not in _OPTIONAL]),
}

BAD_LINE_SCHEMA: dict[str, Any] = _obj(
    {
        "id": _OPT_STR,
        "line": {"type": "integer", "minimum": 1},
        "dropped": {"const": "bad_input"},
        "drop_detail": _STR,
    }
)

__all__ = ["BAD_LINE_SCHEMA", "ITEM_FIELDS", "ITEM_SCHEMA"]

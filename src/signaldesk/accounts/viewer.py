"""The one entitlement check: who is looking, and what of an item they may see.

Every surface that shows an item (wire, story and item pages, search snippets, the JSON
API, the stream, exports) passes it through `Viewer.present` first. Free items are
shown whole to everyone; premium items are shown whole only to a viewer with an active
trial or paid plan, and as a teaser to everyone else: the headline and the first
sentence of the lead, with no bullets, body, quotes or evidence, and a call to action.

The teaser is built from a whitelist of fields, so a field added to the item later is
hidden from non-subscribers until someone decides it may be shown.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from signaldesk.accounts.users import User

# Fields of a premium item a teaser keeps as they are (metadata and tags, no prose).
TEASER_FIELDS: tuple[str, ...] = (
    "id", "item_id", "revision", "action", "story_id", "url", "source", "headline", "lang",
    "section", "paywalled", "word_count", "entities", "instruments", "sources", "tier",
    "status", "published_at", "updated_at", "first_seen_at", "recorded_at",
)
_SCORE_FIELDS = ("relevance", "novelty", "urgency", "tone", "stance")
_MAX_TEASER_CHARS = 320
# Sentence end: . ! or ? (optionally closed by a quote or bracket) then space and a
# capital, digit or opening quote. Hand-written because the teaser only needs the first
# break, and a wrong break only makes the teaser shorter, never longer than a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]?)\s+(?=[A-Z0-9\"“‘(])")
# Abbreviations that end in a dot but not a sentence in market copy.
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "u.s.", "u.k.", "e.g.", "i.e.", "inc.", "corp.",
     "co.", "ltd.", "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.",
     "dec.", "no.", "vs.", "gov.", "sen.", "rep.", "approx.", "est."}
)


@dataclass(frozen=True, slots=True)
class CallToAction:
    message: str
    url: str
    label: str


TRIAL_CTA = CallToAction(
    "This is a premium item. Start your free trial to read the full story.",
    "/signup",
    "Start your free trial",
)
EXPIRED_CTA = CallToAction(
    "Your trial has ended. Subscribe to keep reading premium items.",
    "/account",
    "Subscribe",
)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Someone looking at the wire: anonymous (`user=None`) or a logged-in account."""

    user: User | None = None
    now: datetime | None = None  # fixed for a request; None means "ask the clock"
    clock: Callable[[], datetime] | None = None  # for long-lived viewers (the stream)

    @property
    def logged_in(self) -> bool:
        return self.user is not None

    @property
    def entitled(self) -> bool:
        """True while the viewer's trial or paid plan runs."""
        if self.user is None:
            return False
        now = self.now or (self.clock() if self.clock else datetime.now(UTC))
        return self.user.entitled(now)

    def can_read(self, item: dict[str, Any]) -> bool:
        return item.get("tier", "free") != "premium" or self.entitled

    def present(self, item: dict[str, Any]) -> dict[str, Any]:
        """What this viewer may see of `item`: a full copy or a teaser, marked by `access`."""
        if self.can_read(item):
            full = copy.deepcopy(item)
            full["access"] = "full"
            return full
        return self.teaser(item)

    def teaser(self, item: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {k: copy.deepcopy(item.get(k)) for k in TEASER_FIELDS}
        out["lead"] = first_sentence(item.get("lead") or item.get("text") or "")
        out["bullets"] = []
        out["quotes"] = []
        out["why"] = []
        out["text"] = None
        out["desks"] = [_desk_tag(d) for d in item.get("desks") or [] if isinstance(d, dict)]
        attribution = item.get("attribution")
        out["attribution"] = (
            {"outlet": attribution.get("outlet"), "sourcing": None}
            if isinstance(attribution, dict) else None
        )
        scores = item.get("scores")
        kept = scores if isinstance(scores, dict) else {}
        out["scores"] = {k: kept.get(k) for k in _SCORE_FIELDS}
        out["access"] = "teaser"
        cta = self.call_to_action()
        out["cta"] = {"message": cta.message, "url": cta.url, "label": cta.label}
        return out

    def call_to_action(self) -> CallToAction:
        return EXPIRED_CTA if self.logged_in and not self.entitled else TRIAL_CTA

    def readable_text(self, item: dict[str, Any]) -> str:
        """All the prose this viewer may read of `item`: what search snippets are cut from."""
        shown = self.present(item)
        parts = [shown.get("headline"), shown.get("lead"), *(shown.get("bullets") or [])]
        if shown["access"] == "full":
            parts.append(shown.get("text"))
        return "\n".join(str(p) for p in parts if p)


def first_sentence(text: str) -> str:
    """The first sentence of `text`, at most ~320 characters (cut at a word, with an ellipsis)."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()]
        last_word = head.rsplit(" ", 1)[-1].lower().lstrip("\"'“‘(")
        if last_word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+", last_word):
            continue
        text = head + match.group(1)
        break
    if len(text) > _MAX_TEASER_CHARS:
        text = text[:_MAX_TEASER_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _desk_tag(desk: dict[str, Any]) -> dict[str, Any]:
    return {"desk": desk.get("desk"), "score": desk.get("score"), "why": []}

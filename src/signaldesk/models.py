"""The shared vocabulary: the document that flows through the pipeline and the item it becomes.

A `Doc` is mutable and travels through the stages; each stage fills the fields it
`assigns` (see `signaldesk.pipeline.stage`). `Doc.to_item()` renders the public item of
DESIGN.md §2, which is what `signaldesk process` writes, what the store keeps as a
revision and what the web and API show (after the entitlement check).

Field names on `Doc` are the vocabulary of `requires` / `assigns`: the pipeline checks
them when it is built, so renaming a field here is a breaking change for every stage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

DESKS: tuple[str, ...] = (
    "political-risk",
    "central-banks",
    "rates",
    "fx",
    "energy",
    "commodities",
    "macro",
    "equities",
    "credit",
    "em",
)

Urgency = Literal["flash", "urgent", "routine"]
Stance = Literal["hawkish", "dovish", "neutral"]
Tier = Literal["free", "premium"]
Action = Literal["created", "updated", "removed"]

# The fields a raw input document may carry (a `process` JSONL line, a feed entry, a page).
INPUT_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "html",
        "text",
        "url",
        "title",
        "source",
        "published_at",
        "fetched_at",
        "guid",
        "tier",
        "http_status",
        "summary",
    }
)


@dataclass(frozen=True, slots=True)
class Entity:
    """A knowledge-base entity found in a document. `id` is namespaced: `country:JP`."""

    id: str
    name: str
    type: str  # country | currency | person | org | cb | commodity | bond | index
    relevance: int = 0  # 0-100; > 75 means the item is significantly about it
    mentions: int = 1
    tone: Tone | None = None  # the tone of the sentences naming it (classify stage)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A tradable instrument and the path that led to it (`country:JP > currency:JPY`)."""

    symbol: str
    kind: str  # currency | fx-pair | bond | commodity | index | curve
    via: str


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str
    role: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    outlet: str | None = None
    sourcing: str | None = None


@dataclass(frozen=True, slots=True)
class DeskScore:
    desk: str
    score: float  # 0..1, calibrated where a model is trained
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tone:
    label: str  # positive | neutral | negative
    score: float  # -1..1
    confidence: int  # 0..100


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One outlet's copy of a story: who had it and when SignalDesk first saw it."""

    outlet: str | None
    url: str | None
    published_at: datetime | None
    first_seen_at: datetime | None
    doc_id: str | None = None


@dataclass
class Doc:
    """A document on its way through the pipeline. Only `id` is required."""

    id: str
    # -- input (see INPUT_FIELDS)
    html: str | None = None
    text: str | None = None
    url: str | None = None
    title: str | None = None
    summary: str | None = None
    source: str | None = None  # the outlet, as the source names it
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    guid: str | None = None
    tier: Tier | None = None
    http_status: int | None = None
    # -- extract
    paragraphs: list[str] = field(default_factory=list)
    byline: str | None = None
    lang: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    updated_at: datetime | None = None
    paywalled: bool = False
    # -- dedupe
    content_hash: str | None = None
    duplicate_of: str | None = None
    # -- stories
    story_id: str | None = None
    item_id: str | None = None  # stable id of the item this doc is a revision of
    revision: int = 1
    action: Action = "created"
    novelty: int | None = None
    days_since_similar: float | None = None
    sources: list[SourceRef] = field(default_factory=list)
    # -- tag
    entities: list[Entity] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attribution: Attribution | None = None
    # -- classify
    desks: list[DeskScore] = field(default_factory=list)
    tone: Tone | None = None
    stance: Stance | None = None
    # -- score
    relevance: int | None = None
    urgency: Urgency | None = None
    why: list[str] = field(default_factory=list)
    # -- brief
    headline: str | None = None
    lead: str | None = None
    bullets: list[str] = field(default_factory=list)
    word_count: int | None = None
    # -- store / publish
    first_seen_at: datetime | None = None
    recorded_at: datetime | None = None
    status: str = "auto"
    # -- drops (set by the pipeline, never by hand: raise `Drop` instead)
    dropped: str | None = None
    dropped_by: str | None = None
    drop_detail: str | None = None

    def to_item(self) -> dict[str, Any]:
        """The public item (DESIGN.md §2) as JSON-ready data; the shape `process` writes."""
        item: dict[str, Any] = {
            "id": self.id,
            "item_id": self.item_id or self.id,
            "revision": self.revision,
            "action": self.action,
            "story_id": self.story_id,
            "url": self.canonical_url or self.url,
            "source": self.source,
            "headline": self.headline if self.headline is not None else self.title,
            "lead": self.lead,
            "bullets": list(self.bullets),
            "word_count": self.word_count,
            "text": self.text,
            "lang": self.lang,
            "byline": self.byline,
            "section": self.section,
            "paywalled": self.paywalled,
            "desks": [_plain(d) for d in self.desks],
            "entities": [_plain(e) for e in self.entities],
            "instruments": [_plain(i) for i in self.instruments],
            "attribution": _plain(self.attribution) if self.attribution else None,
            "quotes": [_plain(q) for q in self.quotes],
            "scores": {
                "relevance": self.relevance,
                "novelty": self.novelty,
                "days_since_similar": self.days_since_similar,
                "urgency": self.urgency,
                "tone": _plain(self.tone) if self.tone else None,
                "stance": self.stance,
            },
            "why": list(self.why),
            "sources": [_plain(s) for s in self.sources],
            "tier": self.tier or "free",
            "status": self.status,
            "published_at": _iso(self.published_at),
            "updated_at": _iso(self.updated_at),
            "first_seen_at": _iso(self.first_seen_at),
            "recorded_at": _iso(self.recorded_at),
        }
        if self.dropped:
            item["dropped"] = self.dropped
            item["dropped_by"] = self.dropped_by
            item["drop_detail"] = self.drop_detail
        if self.duplicate_of:
            item["duplicate_of"] = self.duplicate_of
        return item


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _plain(obj: Any) -> dict[str, Any]:
    """A frozen dataclass as JSON-ready data (datetimes as ISO strings, tuples as lists)."""
    data = asdict(obj)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
        elif isinstance(value, tuple):
            data[key] = list(value)
    return data

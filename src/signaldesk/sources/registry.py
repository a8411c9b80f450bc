"""The source registry: which feeds SignalDesk polls, their schedule and their health.

Sources live in the store's namespaced state (`state_put("sources", url, {...})`) so
that the CLI, the poller and the web's sources page all see one truth, and a restart
resumes every schedule. Health per source: last success, last error, consecutive
failures, items per day and the median lag between an item's published time and
when SignalDesk first saw it. A broken feed only ever changes its own record.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from signaldesk.errors import InputError, NotFound
from signaldesk.models import DESKS
from signaldesk.settings import Settings
from signaldesk.store.base import Store

__all__ = ["NAMESPACE", "SourceRecord", "SourceRegistry", "next_interval"]

NAMESPACE = "sources"
_KEEP_SEEN = 1000  # entry ids remembered per source, to tell new items (and edits) from old
_KEEP_LAGS = 200  # recent (published -> first seen) lags kept for the median
_RATE_WINDOW = timedelta(days=7)


@dataclass
class SourceRecord:
    """One source and its health. Plain data: it is stored as JSON."""

    url: str
    name: str | None = None  # the outlet name; defaults to the feed's title
    desk: str | None = None
    tier: str = "free"
    interval_s: float | None = None  # fixed interval; None = adaptive
    added_at: str | None = None
    format: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_sha1: str | None = None  # of the last body parsed: unchanged bytes are not reparsed
    last_polled_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    consecutive_failures: int = 0
    next_poll_at: str | None = None
    hubs: list[str] = field(default_factory=list)
    websub_id: str | None = None  # our WebSub subscription, when the feed has a hub
    # Entry (doc) ids delivered, least recently delivered first; the last _KEEP_SEEN kept.
    seen_ids: list[str] = field(default_factory=list)
    # id -> `feeds.entry_fingerprint` of the version delivered, for ids in `seen_ids` only.
    # Records saved before fingerprints were kept have none: see `Poller._fresh`.
    seen_fps: dict[str, str] = field(default_factory=dict)
    arrivals: list[str] = field(default_factory=list)  # first-seen times, last 7 days
    lags_s: list[float] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceRecord:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def outlet(self) -> str:
        return self.name or self.title or self.url

    def items_per_day(self, now: datetime) -> float:
        recent = [t for t in self.arrivals if _parse(t) >= now - _RATE_WINDOW]
        if not recent:
            return 0.0
        span = max(now - min(_parse(t) for t in recent), timedelta(days=1))
        return len(recent) / (span / timedelta(days=1))

    def median_lag_s(self) -> float | None:
        return statistics.median(self.lags_s) if self.lags_s else None

    def health(self, now: datetime) -> dict[str, Any]:
        """What the sources page and `sources list` show."""
        return {
            "url": self.url, "outlet": self.outlet, "desk": self.desk, "tier": self.tier,
            "format": self.format, "healthy": self.consecutive_failures == 0,
            "last_success_at": self.last_success_at, "last_error": self.last_error,
            "last_error_at": self.last_error_at,
            "consecutive_failures": self.consecutive_failures,
            "items_per_day": round(self.items_per_day(now), 2),
            "median_lag_s": self.median_lag_s(), "next_poll_at": self.next_poll_at,
        }

    def record_success(self, now: datetime, new_items: list[tuple[str, datetime | None]],
                       settings: Settings,
                       fingerprints: Mapping[str, str] | None = None) -> None:
        """A poll worked; `new_items` are (entry id, published_at) first seen now.

        `fingerprints` (entry id -> fingerprint) are the versions now known: of the new
        items, of edited entries delivered again and of entries whose fingerprint was
        missing. Only new items count as arrivals and lags (an edit is not a new item).
        """
        self.last_polled_at = self.last_success_at = _fmt(now)
        self.consecutive_failures = 0
        for _, published in new_items:
            self.arrivals.append(_fmt(now))
            if published is not None and published <= now:
                self.lags_s.append((now - published).total_seconds())
        fingerprints = fingerprints or {}
        touched = list(dict.fromkeys([i for i, _ in new_items] + list(fingerprints)))
        if touched:  # to the recent end: an entry delivered or edited now is kept longest
            moved = set(touched)
            self.seen_ids = ([i for i in self.seen_ids if i not in moved] + touched)[-_KEEP_SEEN:]
            kept = set(self.seen_ids)  # fingerprints are bounded as `seen_ids` is
            self.seen_fps = {i: fp for i, fp in {**self.seen_fps, **fingerprints}.items()
                             if i in kept}
        self.lags_s = self.lags_s[-_KEEP_LAGS:]
        self.arrivals = [t for t in self.arrivals if _parse(t) >= now - _RATE_WINDOW]
        self.next_poll_at = _fmt(now + timedelta(seconds=next_interval(self, now, settings)))

    def record_failure(self, now: datetime, error: str, settings: Settings) -> None:
        self.last_polled_at = self.last_error_at = _fmt(now)
        self.last_error = error
        self.consecutive_failures += 1
        self.next_poll_at = _fmt(now + timedelta(seconds=next_interval(self, now, settings)))

    def due(self, now: datetime) -> bool:
        return self.next_poll_at is None or _parse(self.next_poll_at) <= now


def next_interval(record: SourceRecord, now: datetime, settings: Settings) -> float:
    """Seconds until the next poll, within [poll_min_s, poll_max_s].

    Adaptive: poll about twice per average gap between items, so a wire publishing
    every few minutes is polled at the floor and a weekly blog near the ceiling.
    Failures back off exponentially (a dead source costs little).
    """
    low, high = settings.poll_min_s, max(settings.poll_min_s, settings.poll_max_s)
    if record.interval_s is not None:
        base = record.interval_s
    elif record.websub_id:
        base = high  # pushes bring new items; polling is only the safety net
    else:
        rate = record.items_per_day(now)
        base = 86_400.0 / rate / 2 if rate > 0 else high / 4
    base *= 2 ** min(record.consecutive_failures, 10)
    return float(min(high, max(low, base)))


class SourceRegistry:
    """CRUD over source records in the store."""

    def __init__(self, store: Store, clock: Any = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))

    def add(self, url: str, *, name: str | None = None, desk: str | None = None,
            tier: str = "free", interval_s: float | None = None) -> SourceRecord:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"source {url!r}: only http(s) URLs can be polled")
        if tier not in {"free", "premium"}:
            raise InputError(f"source {url}: tier must be free or premium, not {tier!r}")
        if interval_s is not None and not (math.isfinite(interval_s) and interval_s > 0):
            # NaN passes `<= 0` and inf would never poll again: both are refused here.
            raise InputError(f"source {url}: interval must be a positive number of seconds, "
                             f"not {interval_s!r}")
        desk = desk or None
        if desk is not None and desk not in DESKS:
            raise InputError(f"source {url}: unknown desk {desk!r}; use one of "
                             f"{', '.join(DESKS)}")
        existing = self.store.state_get(NAMESPACE, url)
        record = SourceRecord.from_json(existing) if existing else SourceRecord(
            url=url, added_at=_fmt(self._clock()))
        record.name = name or record.name
        record.desk = desk or record.desk
        record.tier = tier
        record.interval_s = interval_s if interval_s is not None else record.interval_s
        self.save(record)
        return record

    def get(self, url: str) -> SourceRecord:
        data = self.store.state_get(NAMESPACE, url)
        if data is None:
            raise NotFound(f"no source {url!r}; `signaldesk sources list` shows them")
        return SourceRecord.from_json(data)

    def save(self, record: SourceRecord) -> None:
        self.store.state_put(NAMESPACE, record.url, record.to_json())

    def remove(self, url: str) -> None:
        self.get(url)  # NotFound when absent
        self.store.state_delete(NAMESPACE, url)

    def all(self) -> list[SourceRecord]:
        return [SourceRecord.from_json(v) for _, v in self.store.state_scan(NAMESPACE)]

    def due(self, now: datetime | None = None) -> list[SourceRecord]:
        now = now or self._clock()
        return [r for r in self.all() if r.due(now)]


def _fmt(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)

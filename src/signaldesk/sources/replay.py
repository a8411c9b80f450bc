"""ReplaySource: play a directory of feeds and pages (the demo pack format) on a clock.

The directory holds `manifest.json` ({"outlets": [{"name", "format", "feed", "tier"}],
"pages": {url: file}, "documents": [{"id", "outlet", "url", "published_at", "tier",
"page", "headline", ...}]}), the feed files and the page files. Feeds are parsed by
the same `parse_feed` as live polling, so a replay exercises the real parsers.

What is played: every manifest document (an original, a syndicated copy or an update
of an earlier story, each with its own page), completed with its feed entry (guid,
summary); plus any feed entry no document describes. HTML comes from the page file
when there is one, else from the feed's content. Documents come out in published_at
order, each at its published time (relative to the first) divided by `speed`, measured
on a monotonic clock so that time spent processing is not added to the gaps.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from signaldesk.errors import InputError
from signaldesk.models import Doc, Tier
from signaldesk.sources.feeds import FeedEntry, entry_to_doc, parse_feed

__all__ = ["ReplaySource"]


@dataclass(frozen=True, slots=True)
class _Outlet:
    name: str
    tier: str
    entries: dict[str, FeedEntry]  # by URL


class ReplaySource:
    """Replays `path` at `speed` times real time (speed <= 0: as fast as possible)."""

    def __init__(
        self,
        path: Path | str,
        speed: float = 1.0,
        sleep: Callable[[float], object] = time.sleep,
        asleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.speed = speed
        self._sleep = sleep
        self._asleep = asleep
        self._clock = clock
        self.errors: list[str] = []  # outlets or pages that could not be read
        self.manifest = self._manifest()
        self._docs = self._build()

    # -- public
    def __len__(self) -> int:
        return len(self._docs)

    def span_s(self) -> float:
        """Seconds of simulated time between the first and the last document."""
        times = [d.published_at for d in self._docs if d.published_at]
        return (max(times) - min(times)).total_seconds() if times else 0.0

    def duration(self) -> float:
        """Wall-clock seconds the whole replay takes at this speed."""
        return self.span_s() / self.speed if self.speed > 0 else 0.0

    def speed_for(self, seconds: float) -> float:
        """The speed that plays the whole pack in about `seconds`."""
        return max(self.span_s() / max(seconds, 1e-9), 1e-9)

    def docs(self) -> Iterator[Doc]:
        """Yield fresh copies of the documents, each at its (scaled) time on the clock."""
        start = self._clock()
        for offset, doc in self._schedule():
            wait = offset - (self._clock() - start)  # time spent downstream is not added
            if wait > 0:
                self._sleep(wait)
            yield doc

    async def adocs(self) -> AsyncIterator[Doc]:
        """`docs()` for asyncio code."""
        start = self._clock()
        for offset, doc in self._schedule():
            wait = offset - (self._clock() - start)
            if wait > 0:
                await self._asleep(wait)
            yield doc

    # -- building
    def _schedule(self) -> Iterator[tuple[float, Doc]]:
        """(seconds after the start of the replay, a fresh copy of the doc)."""
        first = next((d.published_at for d in self._docs if d.published_at), None)
        offset = 0.0
        for doc in self._docs:
            if first and doc.published_at and self.speed > 0:
                offset = max(offset, (doc.published_at - first).total_seconds() / self.speed)
            copy = Doc(**{k: getattr(doc, k) for k in ("id", "html", "url", "title", "summary",
                                                       "source", "published_at", "guid",
                                                       "tier")})
            yield offset, copy

    def _manifest(self) -> dict[str, Any]:
        file = self.path / "manifest.json"
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{file}: cannot read the replay manifest ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
            raise InputError(f"{file}: a replay manifest needs an 'outlets' list")
        return data

    def _outlets(self) -> dict[str, _Outlet]:
        outlets = {}
        for spec in self.manifest["outlets"]:
            name = str(spec.get("name") or spec.get("slug") or "?")
            feed_file = self.path / str(spec.get("feed", ""))
            try:
                feed = parse_feed(feed_file.read_bytes(), spec.get("home"))
            except (OSError, InputError) as exc:
                self.errors.append(f"outlet {name}: {feed_file}: {exc}")
                continue
            entries = {e.url: e for e in feed.entries if e.url}
            outlets[name] = _Outlet(name, str(spec.get("tier") or "free"), entries)
        return outlets

    def _build(self) -> list[Doc]:
        outlets = self._outlets()
        pages: dict[str, str] = self.manifest.get("pages") or {}
        docs: list[Doc] = []
        used: set[tuple[str, str]] = set()
        for spec in self.manifest.get("documents") or []:
            outlet = outlets.get(str(spec.get("outlet")))
            if outlet is None or not spec.get("url"):
                continue
            url = str(spec["url"])
            entry = outlet.entries.get(url)
            used.add((outlet.name, url))
            page = spec.get("page") or pages.get(url)
            docs.append(self._doc(outlet, entry, url, spec, page))
        for outlet in outlets.values():
            for url, entry in outlet.entries.items():
                if (outlet.name, url) not in used:
                    docs.append(self._doc(outlet, entry, url, {}, pages.get(url)))
        far = datetime.max.replace(tzinfo=UTC)
        docs.sort(key=lambda d: (d.published_at or far, d.id))
        return docs

    def _doc(self, outlet: _Outlet, entry: FeedEntry | None, url: str, spec: dict[str, Any],
             page: str | None) -> Doc:
        tier: Tier = "premium" if (spec.get("tier") or outlet.tier) == "premium" else "free"
        if entry is not None:
            doc = entry_to_doc(entry, outlet.name, url, tier=tier)
        else:
            doc = Doc(id="", url=url, source=outlet.name, tier=tier)
        doc.id = str(spec.get("id") or doc.id or url)
        doc.title = spec.get("headline") or doc.title
        if spec.get("published_at"):
            doc.published_at = _when(str(spec["published_at"]))
        if page:
            try:
                doc.html = (self.path / page).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.errors.append(f"{doc.id}: page {page}: {exc}")
        return doc


def _when(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)

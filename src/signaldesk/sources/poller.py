"""Polling: fetch each due feed (conditional GET), turn new entries into Docs.

Every source is polled in its own task and catches its own failures: a feed that
hangs, answers 500, serves HTML or garbage, never ends or explodes when inflated only
changes *its* health record; the other sources keep their schedule. New entries can
be completed with their article page (robots.txt honoured); when the page cannot be
fetched the entry's own content is kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from signaldesk.errors import FetchError, InputError, NotFound
from signaldesk.models import Doc, Tier
from signaldesk.settings import Settings
from signaldesk.sources.feeds import ParsedFeed, entry_fingerprint, entry_to_doc, parse_feed
from signaldesk.sources.fetch import Fetcher, FetchStatusError
from signaldesk.sources.registry import SourceRecord, SourceRegistry

if TYPE_CHECKING:
    from signaldesk.sources.websub import Subscription, WebSubSubscriber

__all__ = ["PollOutcome", "Poller", "decode_html"]

_FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
                "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


@dataclass
class _Fresh:
    """What one poll found: docs to deliver (new and edited entries, oldest first), the
    new ones as (id, published_at), and id -> fingerprint of every version now known."""

    docs: list[Doc] = field(default_factory=list)
    new: list[tuple[str, datetime | None]] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)


@dataclass
class PollOutcome:
    url: str
    docs: list[Doc] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False


class Poller:
    """Polls the registry's due sources with one `Fetcher`."""

    def __init__(
        self,
        settings: Settings,
        registry: SourceRegistry,
        fetcher: Fetcher,
        *,
        fetch_pages: bool = False,
        websub: WebSubSubscriber | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.websub = websub
        self.registry = registry
        self.fetcher = fetcher
        self.fetch_pages = fetch_pages
        self._clock = clock or (lambda: datetime.now(UTC))

    async def poll_due(self) -> list[PollOutcome]:
        """Poll every due source concurrently; each outcome stands alone."""
        due = self.registry.due(self._clock())
        return list(await asyncio.gather(*(self.poll_source(r) for r in due)))

    async def poll_source(self, record: SourceRecord) -> PollOutcome:
        outcome = PollOutcome(record.url)
        retry_after: float | None = None
        try:
            await self._poll(record, outcome)
        except FetchStatusError as exc:
            outcome.error, retry_after = str(exc), exc.retry_after
        except (FetchError, InputError) as exc:
            outcome.error = str(exc)
        except Exception as exc:  # one source's surprise must not stop the wire
            outcome.error = f"unexpected {type(exc).__name__}: {exc}"
        now = self._clock()
        if outcome.error:
            record.record_failure(now, outcome.error, self.settings)
            if retry_after:  # the server asked for a pause: honour it, capped at the ceiling
                wait = timedelta(seconds=min(retry_after, self.settings.poll_max_s))
                asked = (now + wait).astimezone(UTC).isoformat()
                record.next_poll_at = max(record.next_poll_at or "", asked)
        self.registry.save(record)
        return outcome

    async def _poll(self, record: SourceRecord, outcome: PollOutcome) -> None:
        result = await self.fetcher.fetch(record.url, etag=record.etag,
                                          last_modified=record.last_modified,
                                          accept=_FEED_ACCEPT)
        now = self._clock()
        if result.not_modified:
            outcome.not_modified = True
            record.record_success(now, [], self.settings)
            return
        record.etag, record.last_modified = result.etag, result.last_modified
        digest = hashlib.sha1(result.body, usedforsecurity=False).hexdigest()
        if digest == record.body_sha1:  # no validators, same bytes: parsing costs ~10 ms
            outcome.not_modified = True
            record.record_success(now, [], self.settings)
            return
        # In a thread: a 10 MB feed takes seconds to parse, and the event loop must keep
        # serving the other sources meanwhile (the GIL is shared, the loop is not blocked).
        feed = await asyncio.to_thread(parse_feed, result.body, result.url, result.headers)
        record.body_sha1 = digest
        fresh = self._fresh(record, feed, now)
        if self.fetch_pages:
            await asyncio.gather(*(self._complete(doc) for doc in fresh.docs))
        outcome.docs = fresh.docs
        record.record_success(now, fresh.new, self.settings, fresh.fingerprints)
        await self._maybe_subscribe(record, feed)

    def _fresh(self, record: SourceRecord, feed: ParsedFeed, now: datetime) -> _Fresh:
        """Docs for the entries this source has not delivered as they are now, oldest first.

        An entry is new when its id was never delivered, and edited when its id was
        delivered with another fingerprint (title, summary or body changed);
        an edited entry is delivered again under the same doc id, which dedupe and the
        store number as the next revision of the same item.
        """
        record.format, record.title, record.hubs = feed.format, feed.title, feed.hubs
        seen = set(record.seen_ids)
        # The versions seen before fingerprints were kept (ids saved by an older version
        # with no fingerprint) are unknown. Re-sending all of them after an upgrade would
        # push the feed's whole window through the pipeline again (and fetch its pages),
        # so the version in the feed now is taken as the one seen - unless the
        # entry's own updated date is after this source's last successful poll: it was
        # then edited after anything we can have read of it, and is delivered again.
        # (`last_success_at` is still the previous poll's here, and a 304 or unchanged
        # body in between means the entries did not change either.)
        last_ok = datetime.fromisoformat(record.last_success_at) if record.last_success_at \
            else None
        tier: Tier = "premium" if record.tier == "premium" else "free"
        out, handled = _Fresh(), set()
        for entry in sorted(feed.entries, key=lambda e: e.published_at or now):
            doc = entry_to_doc(entry, record.outlet, record.url, fetched_at=now, tier=tier)
            if doc.id in handled:
                continue  # two entries with one id: the first wins, poll after poll
            handled.add(doc.id)
            fp, known = entry_fingerprint(entry), record.seen_fps.get(doc.id)
            if doc.id not in seen:
                out.new.append((doc.id, entry.published_at))
            elif known == fp:
                continue  # delivered as it is
            elif known is None and not (entry.updated_at and last_ok
                                        and entry.updated_at > last_ok):
                out.fingerprints[doc.id] = fp  # seen, no fingerprint: adopt this version
                continue
            out.fingerprints[doc.id] = fp
            out.docs.append(doc)
        return out

    async def _maybe_subscribe(self, record: SourceRecord, feed: ParsedFeed) -> None:
        """Subscribe over WebSub to the first hub a feed advertises, once."""
        if self.websub is None or not feed.hubs or record.websub_id:
            return
        try:
            sub = await self.websub.subscribe(feed.self_url or record.url, feed.hubs[0])
        except FetchError as exc:  # no push then: polling goes on as before
            record.last_error = f"WebSub subscription failed: {exc}"
            return
        record.websub_id = sub.id

    async def accept_push(self, sub: Subscription, feed: ParsedFeed) -> list[Doc]:
        """New docs from a verified WebSub push (see `websub.routes`)."""
        record = next((r for r in self.registry.all() if r.websub_id == sub.id), None)
        if record is None:
            return []
        now = self._clock()
        fresh = self._fresh(record, feed, now)
        if self.fetch_pages:
            await asyncio.gather(*(self._complete(doc) for doc in fresh.docs))
        record.record_success(now, fresh.new, self.settings, fresh.fingerprints)
        self.registry.save(record)
        return fresh.docs

    async def _complete(self, doc: Doc) -> None:
        """Replace the feed's content with the article page, when we may and can."""
        if not doc.url:
            return
        try:
            page = await self.fetcher.fetch(doc.url, robots=True, accept="text/html, */*;q=0.5",
                                            max_bytes=self.settings.extract_max_bytes)
        except FetchError:
            return  # keep the entry's own content; the page's failure is not the feed's
        doc.html = decode_html(page.body, page.headers.get("content-type", ""))
        doc.http_status = page.status
        doc.url = page.url

    async def run(self, sink: Callable[[list[Doc]], Awaitable[None]], stop: asyncio.Event,
                  idle_s: float = 1.0, refresh_s: float = 30.0,
                  reload: asyncio.Event | None = None) -> None:
        """Poll until `stop` is set, handing each source's new docs to `sink`.

        Each due source runs in its own task: a slow or hanging source never delays
        the next poll of the others, and is not started again while still in flight.
        The schedule (url -> next poll) is kept in memory and reloaded from the store
        every `refresh_s` (to see sources added or removed), so an idle tick costs
        nothing even with 10,000 sources; WebSub leases are renewed at the same pace.
        Setting `reload` (a source was added or removed) reloads it at the next tick.
        """
        in_flight: dict[str, asyncio.Task[tuple[PollOutcome, SourceRecord | None]]] = {}
        schedule: dict[str, datetime | None] = {}
        loaded_at: float | None = None
        loop = asyncio.get_running_loop()
        try:
            while not stop.is_set():
                asked = reload is not None and reload.is_set()
                if loaded_at is None or asked or loop.time() - loaded_at >= refresh_s:
                    if reload is not None:
                        reload.clear()
                    schedule = {r.url: _next(r) for r in self.registry.all()}
                    loaded_at = loop.time()
                    if self.websub is not None:  # renew WebSub leases before they lapse
                        await self.websub.renew_due()
                now = self._clock()
                for url, when in schedule.items():
                    if url not in in_flight and (when is None or when <= now):
                        in_flight[url] = asyncio.create_task(self._poll_url(url))
                for url, task in list(in_flight.items()):
                    if task.done():
                        del in_flight[url]
                        outcome, record = task.result()
                        if record is None:
                            schedule.pop(url, None)  # removed meanwhile
                        else:
                            schedule[url] = _next(record)
                        if outcome.docs:
                            await sink(outcome.docs)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=idle_s)
        finally:
            for task in in_flight.values():
                task.cancel()
            await asyncio.gather(*in_flight.values(), return_exceptions=True)

    async def _poll_url(self, url: str) -> tuple[PollOutcome, SourceRecord | None]:
        try:
            record = self.registry.get(url)
        except NotFound:
            return PollOutcome(url), None
        return await self.poll_source(record), record


def _next(record: SourceRecord) -> datetime | None:
    return datetime.fromisoformat(record.next_poll_at) if record.next_poll_at else None


def decode_html(body: bytes, content_type: str) -> str:
    """Bytes to text: the HTTP charset, else a <meta charset>, else UTF-8, else cp1252."""
    match = re.search(r"charset=([\w-]+)", content_type, re.I)
    meta = _META_CHARSET.search(body[:4096])
    for charset in (match.group(1) if match else None,
                    meta.group(1).decode("ascii") if meta else None, "utf-8"):
        if charset:
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("cp1252", "replace")

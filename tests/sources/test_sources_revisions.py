"""Edited feed entries come back as revisions (issue #5); fictional feeds written here."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx

from signaldesk.models import Doc
from signaldesk.pipeline.build import build_pipeline
from signaldesk.settings import Settings
from signaldesk.sources.feeds import entry_to_doc, parse_feed
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller
from signaldesk.sources.registry import NAMESPACE, SourceRecord, SourceRegistry
from signaldesk.store.sqlite import SQLiteStore

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
SETTINGS = replace(Settings(), poll_min_s=60.0, poll_max_s=3600.0)
URL = "https://salt.example/rss"

DREDGE = ("The fictional port authority of Saltmarsh said on Tuesday that dredging of the "
          "outer channel will start in April and last six weeks, with pilots warned of delays.")
DREDGE_EDIT = ("The fictional port authority of Saltmarsh said on Tuesday that dredging of the "
               "outer channel will start in May, not April, and last eight weeks, with pilots "
               "warned of long delays.")
FERRY = ("Ferries between Saltmarsh and the fictional isle of Gorse will run a winter timetable "
         "until the end of March, the operator said in a short statement on Tuesday.")


def rss(dredge_title: str, dredge_text: str, dredge_date: str = "10:00:00",
        indent: str = "") -> bytes:
    return f"""<rss version="2.0"><channel><title>Saltmarsh Courier (fictional)</title>
<item>{indent}<title>{dredge_title}</title><link>https://salt.example/dredge</link>
<guid isPermaLink="false">salt-1</guid><description>{dredge_text}</description>
<pubDate>Tue, 03 Mar 2026 {dredge_date} GMT</pubDate></item>
<item><title>Gorse ferries keep winter timetable</title><link>https://salt.example/ferry</link>
<guid isPermaLink="false">salt-2</guid><description>{FERRY}</description>
<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>""".encode()


V1 = rss("Saltmarsh port to dredge outer channel", DREDGE)
V2 = rss("Saltmarsh port delays dredging to May", DREDGE_EDIT)


async def _public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def poll_each(bodies: list[bytes], store: SQLiteStore, add: bool = True) -> list[list[Doc]]:
    """Poll URL once per body (served without validators), an hour apart."""
    served = iter(bodies)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=next(served))

    async def main() -> list[list[Doc]]:
        clock = [NOW]
        reg = SourceRegistry(store, clock=lambda: clock[0])
        if add:
            reg.add(URL, name="Saltmarsh Courier")
        out = []
        async with Fetcher(SETTINGS, httpx.MockTransport(handler), _public, host_rate=0) as f:
            poller = Poller(SETTINGS, reg, f, clock=lambda: clock[0])
            for i in range(len(bodies)):
                clock[0] = NOW + timedelta(hours=i)
                outcome = await poller.poll_source(reg.get(URL))
                assert outcome.error is None
                out.append(outcome.docs)
        return out

    return asyncio.run(main())


def test_an_edited_entry_is_delivered_again_with_the_same_doc_id() -> None:
    with SQLiteStore(":memory:") as store:
        # V2 again, re-indented: the bytes differ, what a reader sees does not
        first, second, third = poll_each([V1, V2, V2.replace(b"<item>", b"<item>\n  ")], store)
        record = SourceRegistry(store).get(URL)
    assert [d.guid for d in first] == ["salt-2", "salt-1"]
    assert [(d.guid, d.title, d.summary) for d in second] == [
        ("salt-1", "Saltmarsh port delays dredging to May", DREDGE_EDIT)]  # ferry not re-sent
    assert second[0].id == first[1].id  # the same item, so dedupe makes it a revision
    assert third == []
    assert sorted(record.seen_fps) == sorted(record.seen_ids)
    assert len(record.arrivals) == 2  # an edit is not a new item


def test_an_edit_becomes_revision_2_of_the_same_item_in_the_store() -> None:
    with SQLiteStore(":memory:") as store:
        pipeline = build_pipeline(SETTINGS, until="store", store=store, clock=lambda: NOW)
        try:
            batches = poll_each([V1, V2], store)
            for docs in batches:
                pipeline.process_batch(docs)
        finally:
            pipeline.close()
        original = next(d for d in batches[0] if d.guid == "salt-1")
        (edit,) = batches[1]
        assert (original.revision, original.action) == (1, "created")
        assert edit.dropped is None
        assert (edit.item_id, edit.revision, edit.action) == (original.item_id, 2, "updated")
        history = store.item_history(original.item_id or "")
        assert [(h["revision"], h["action"]) for h in history] == [(1, "created"), (2, "updated")]
        assert "May" in history[1]["headline"]


def test_a_record_saved_with_bare_ids_does_not_resend_everything() -> None:
    ids = [entry_to_doc(e, "Saltmarsh Courier", URL).id for e in parse_feed(V1, URL).entries]
    old = SourceRecord(url=URL, name="Saltmarsh Courier", seen_ids=ids,
                       last_success_at=(NOW - timedelta(hours=1)).isoformat()).to_json()
    del old["seen_fps"]  # as the code before fingerprints saved it
    # the dredge entry restamped after the last successful poll: edited since we read it
    restamped = rss("Saltmarsh port delays dredging to May", DREDGE_EDIT, dredge_date="11:30:00")
    with SQLiteStore(":memory:") as store:
        store.state_put(NAMESPACE, URL, old)
        unchanged, = poll_each([V1], store, add=False)
        assert unchanged == []  # nothing re-sent after the upgrade
        assert SourceRegistry(store).get(URL).seen_fps.keys() == set(ids)  # versions adopted
        later, = poll_each([V2], store, add=False)
        assert [d.guid for d in later] == ["salt-1"]  # and later edits are seen
    with SQLiteStore(":memory:") as store:
        store.state_put(NAMESPACE, URL, old)
        first, = poll_each([restamped], store, add=False)
        assert [d.id for d in first] == [ids[0]]  # salt-1 only; the ferry stays seen


def test_fingerprints_are_bounded_with_seen_ids() -> None:
    rec = SourceRecord(url=URL)
    for start in range(0, 1500, 500):
        items: list[tuple[str, datetime | None]] = [(f"id{i}", None)
                                                    for i in range(start, start + 500)]
        rec.record_success(NOW, items, SETTINGS, {i: "fp" for i, _ in items})
    assert len(rec.seen_ids) == 1000 and set(rec.seen_fps) == set(rec.seen_ids)
    rec.record_success(NOW, [], SETTINGS, {"id600": "fp2"})  # an edit moves to the recent end
    assert rec.seen_ids[-1] == "id600" and len(rec.seen_ids) == 1000
    assert rec.seen_fps["id600"] == "fp2"

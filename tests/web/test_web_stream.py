"""The SSE stream: live events, resume with Last-Event-ID, filters, slow clients."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from webtools import TestClient, make_item, read_stream

from signaldesk.accounts.viewer import Viewer
from signaldesk.store.base import Event
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web.stream import Broadcaster, Client, Frame, StreamFilter, encode_frame


def _count(n: int) -> Any:
    return lambda events: len(events) >= n


def test_live_items_arrive_with_seq_ids_in_order(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    store.append_revision(make_item("old"))  # before the client: not sent without resume
    client.portal.call(app.state.broadcaster.drain)

    def write() -> None:
        store.append_revision(make_item("a", minutes=1))
        store.append_revision(make_item("a", minutes=2, headline="A, revised", action="updated"))
        store.append_revision(make_item("b", minutes=3, action="removed"))

    events = client.portal.call(lambda: read_stream(app, until=_count(3), during=write))
    assert events[0] == {"status": 200}
    got = [(e["id"], e["data"]["item_id"], e["data"]["revision"], e["data"]["action"])
           for e in events[1:]]
    assert got == [("2", "a", 1, "created"), ("3", "a", 2, "updated"), ("4", "b", 1, "removed")]
    assert all(e["event"] == "item" for e in events[1:])
    assert events[2]["data"]["item"]["headline"] == "A, revised"


def test_last_event_id_resumes_after_that_event(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    for n in range(5):
        store.append_revision(make_item(f"i{n}", minutes=n))
    events = client.portal.call(
        lambda: read_stream(app, headers={"Last-Event-ID": "2"}, until=_count(3)))
    assert [e["id"] for e in events[1:]] == ["3", "4", "5"]
    assert [e["data"]["item_id"] for e in events[1:]] == ["i2", "i3", "i4"]
    by_query = client.portal.call(lambda: read_stream(app, "last_event_id=4", until=_count(1)))
    assert [e["id"] for e in by_query[1:]] == ["5"]


def test_resume_then_live_has_no_gap_and_no_repeat(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    store.append_revision(make_item("a"))
    store.append_revision(make_item("b"))
    events = client.portal.call(lambda: read_stream(
        app, headers={"Last-Event-ID": "1"}, until=_count(2),
        during=lambda: store.append_revision(make_item("c"))))
    assert [e["id"] for e in events[1:]] == ["2", "3"]


def test_desk_filter_on_the_stream(client: TestClient, app: Starlette, store: SQLiteStore) -> None:
    store.append_revision(make_item("fx-1", desk="fx"))
    store.append_revision(make_item("en-1", desk="energy"))
    store.append_revision(make_item("en-2", desk="energy"))
    events = client.portal.call(
        lambda: read_stream(app, "desk=energy&last_event_id=0", until=_count(2)))
    assert [e["data"]["item_id"] for e in events[1:]] == ["en-1", "en-2"]


def test_bad_stream_parameters_are_400(client: TestClient) -> None:
    assert client.get("/api/v1/stream?desk=nope").status_code == 400
    bad = client.get("/api/v1/stream", headers={"Last-Event-ID": "abc"})
    assert bad.status_code == 400 and "Last-Event-ID" in bad.json()["error"]["message"]


def _frame(seq: int) -> Frame:
    event = Event(seq, f"i{seq}", 1, "created", datetime(2026, 3, 2, tzinfo=UTC))
    return Frame.build(event, make_item(f"i{seq}"))


def test_a_slow_client_is_dropped_not_waited_for() -> None:
    async def scenario() -> tuple[bool, list[Frame | None], bool]:
        slow = Client(Viewer(), StreamFilter(), queue_size=2)
        fast = Client(Viewer(), StreamFilter(), queue_size=10)
        for seq in (1, 2, 3):
            slow.offer(_frame(seq))
            fast.offer(_frame(seq))
        left = [slow.queue.get_nowait() for _ in range(slow.queue.qsize())]
        return slow.dropped, left, fast.dropped

    dropped, left, fast_dropped = asyncio.run(scenario())
    assert dropped and left == [None]  # queue emptied, ends the response
    assert not fast_dropped


def test_broadcaster_counts_and_forgets_dropped_clients(store: SQLiteStore) -> None:
    async def scenario() -> tuple[int, int, int]:
        broadcaster = Broadcaster(store, None, queue_size=1)
        await broadcaster.start()
        try:
            broadcaster.clients.add(Client(Viewer(), StreamFilter(), queue_size=1))
            for n in range(3):
                store.append_revision(make_item(f"i{n}"))
            sent = await broadcaster.drain()
            return sent, len(broadcaster.clients), broadcaster.dropped_clients
        finally:
            await broadcaster.stop()

    assert asyncio.run(scenario()) == (3, 0, 1)


def test_frames_are_encoded_once_per_audience() -> None:
    frame = _frame(7)
    first = frame.encode(Viewer())
    assert frame.encode(Viewer()) is first
    assert first.startswith(b"id: 7\nevent: item\ndata: {")
    assert first.endswith(b"\n\n") and first.count(b"\n") == 4


def test_newlines_in_items_cannot_forge_events() -> None:
    item = make_item("n", headline="line one\n\nid: 999\ndata: forged")
    event = Event(1, "n", 1, "created", datetime(2026, 3, 2, tzinfo=UTC))
    encoded = encode_frame(event, item)
    assert encoded.count(b"\n\n") == 1 and b"\nid: 999" not in encoded


def test_backlog_frames_carry_the_revision_their_event_names(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    store.append_revision(make_item("a", headline="A, first"))
    store.append_revision(make_item("a", minutes=1, headline="A, second", action="updated"))
    store.append_revision(make_item("a", minutes=2, headline="A, third", action="updated"))
    events = client.portal.call(lambda: read_stream(app, "last_event_id=0", until=_count(3)))
    got = [(e["data"]["revision"], e["data"]["item"]["revision"], e["data"]["item"]["headline"])
           for e in events[1:]]
    assert got == [(1, 1, "A, first"), (2, 2, "A, second"), (3, 3, "A, third")]


def test_a_backlog_over_the_cap_gets_one_reload_event(
    client: TestClient, app: Starlette, store: SQLiteStore
) -> None:
    app.state.broadcaster.max_backlog = 3
    for n in range(6):
        store.append_revision(make_item(f"i{n}", minutes=n))
    client.portal.call(app.state.broadcaster.drain)
    events = client.portal.call(lambda: read_stream(
        app, "last_event_id=1", until=_count(2),
        during=lambda: store.append_revision(make_item("live", minutes=9))))
    assert events[1]["event"] == "reload"
    assert events[1]["id"] == "6" and events[1]["data"]["last_seq"] == 6
    # Then live frames only: none of the skipped backlog is replayed; 3 behind is replayed.
    assert [(e["id"], e["event"]) for e in events[2:]] == [("7", "item")]
    within = client.portal.call(lambda: read_stream(app, "last_event_id=4", until=_count(3)))
    assert [e["event"] for e in within[1:]] == ["item"] * 3


def test_server_limits_concurrent_connections(app: Starlette) -> None:
    from signaldesk.settings import Settings
    from signaldesk.web.server import LIMIT_CONCURRENCY, server_for

    server = server_for(app, Settings(secret_key="k"))
    assert server.config.limit_concurrency == LIMIT_CONCURRENCY
    assert 0 < LIMIT_CONCURRENCY <= 10_000

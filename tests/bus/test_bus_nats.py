"""NatsBus against the local nats-server (JetStream): same behaviour as MemoryBus."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from signaldesk.bus import open_bus
from signaldesk.bus.memory import MemoryBus
from signaldesk.bus.nats import NatsBus
from signaldesk.errors import ConfigError, InputError
from signaldesk.settings import Settings

pytestmark = pytest.mark.nats
URL = "nats://127.0.0.1:4222"


@pytest.fixture
def nats_up(require_service: Callable[[str, int, str], None]) -> None:
    require_service("127.0.0.1", 4222, "NATS")


def new_bus() -> NatsBus:
    # Tests use a topic of their own (uuid), so earlier runs' messages never interfere.
    return NatsBus(URL)


async def take(sub: Any, n: int) -> list[dict[str, Any]]:
    out = []
    async for message in sub:
        out.append(message)
        if len(out) == n:
            break
    return out


def test_publish_from_a_thread_reaches_an_async_subscriber(nats_up: None) -> None:
    topic = f"t{uuid.uuid4().hex[:10]}"

    async def main() -> list[dict[str, Any]]:
        bus = new_bus()
        try:
            sub = bus.subscribe(topic)
            await asyncio.sleep(0.3)  # let the consumer be created

            def pipeline_thread() -> None:
                for n in range(20):
                    bus.publish(topic, {"seq": n, "item_id": f"i{n}"})

            threading.Thread(target=pipeline_thread).start()
            return await asyncio.wait_for(take(sub, 20), timeout=10)
        finally:
            await bus.aclose()

    got = asyncio.run(main())
    assert [m["seq"] for m in got] == list(range(20))


def test_messages_before_subscribing_are_not_delivered(nats_up: None) -> None:
    topic = f"t{uuid.uuid4().hex[:10]}"

    async def main() -> list[dict[str, Any]]:
        bus = new_bus()
        try:
            bus.publish(topic, {"seq": 1})
            await asyncio.sleep(0.3)
            sub = bus.subscribe(topic)
            await asyncio.sleep(0.3)
            bus.publish(topic, {"seq": 2})
            return await asyncio.wait_for(take(sub, 1), timeout=10)
        finally:
            await bus.aclose()

    assert asyncio.run(main()) == [{"seq": 2}]


def test_a_republished_seq_is_delivered_once(nats_up: None) -> None:
    topic = f"t{uuid.uuid4().hex[:10]}"

    async def main() -> list[dict[str, Any]]:
        bus = new_bus()
        try:
            sub = bus.subscribe(topic)
            await asyncio.sleep(0.3)
            for seq in (1, 1, 2):
                bus.publish(topic, {"seq": seq})
            return await asyncio.wait_for(take(sub, 2), timeout=10)
        finally:
            await bus.aclose()

    assert [m["seq"] for m in asyncio.run(main())] == [1, 2]


def test_close_ends_subscriptions(nats_up: None) -> None:
    async def main() -> list[dict[str, Any]]:
        bus = new_bus()
        sub = bus.subscribe("items")
        await bus.aclose()
        return await asyncio.wait_for(take(sub, 1), timeout=10)

    assert asyncio.run(main()) == []


def test_bad_topic_is_refused(nats_up: None) -> None:
    bus = new_bus()
    try:
        with pytest.raises(InputError):
            bus.publish("a.b", {})
    finally:
        bus.close()


def test_unreachable_server_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bus_url"):
        NatsBus("nats://127.0.0.1:1", connect_timeout_s=0.5)


def test_open_bus_picks_by_settings(nats_up: None) -> None:
    assert isinstance(open_bus(Settings()), MemoryBus)
    bus = open_bus(Settings(bus_url=URL))
    try:
        assert isinstance(bus, NatsBus)
    finally:
        bus.close()  # type: ignore[attr-defined]


def test_a_slow_subscriber_is_dropped_and_others_keep_receiving(nats_up: None) -> None:
    topic = f"t{uuid.uuid4().hex[:10]}"

    async def main() -> tuple[bool, list[dict[str, Any]], list[dict[str, Any]]]:
        bus, small = NatsBus(URL), NatsBus(URL, queue_size=3)
        try:
            slow, fast = small.subscribe(topic), bus.subscribe(topic)
            await asyncio.sleep(0.3)
            for n in range(10):
                bus.publish(topic, {"seq": n})
            got = await asyncio.wait_for(take(fast, 10), timeout=10)
            for _ in range(100):  # the overflow reaches `slow` through the NATS thread
                if slow.dropped:
                    break
                await asyncio.sleep(0.05)
            return slow.dropped, [m async for m in slow], got
        finally:
            await bus.aclose()
            await small.aclose()

    dropped, rest, got = asyncio.run(main())
    assert dropped and rest == []
    assert [m["seq"] for m in got] == list(range(10))

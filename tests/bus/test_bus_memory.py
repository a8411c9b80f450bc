"""MemoryBus: in-order delivery, publishing from threads, slow subscribers dropped."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from signaldesk.bus.base import Bus
from signaldesk.bus.memory import MemoryBus
from signaldesk.errors import ConfigError, InputError


async def take(sub: Any, n: int) -> list[dict[str, Any]]:
    out = []
    async for message in sub:
        out.append(message)
        if len(out) == n:
            break
    return out


def test_messages_arrive_in_order_per_topic() -> None:
    async def main() -> None:
        bus: Bus = MemoryBus()
        items, other = bus.subscribe("items"), bus.subscribe("other")
        for n in range(5):
            bus.publish("items", {"seq": n})
        bus.publish("other", {"seq": 99})
        assert await take(items, 5) == [{"seq": n} for n in range(5)]
        assert await take(other, 1) == [{"seq": 99}]
        await bus.aclose()

    asyncio.run(main())


def test_only_messages_after_subscribing_are_seen() -> None:
    async def main() -> None:
        bus = MemoryBus()
        bus.publish("items", {"seq": 1})
        sub = bus.subscribe("items")
        bus.publish("items", {"seq": 2})
        assert await take(sub, 1) == [{"seq": 2}]

    asyncio.run(main())


def test_publish_from_a_plain_thread_reaches_the_loop() -> None:
    async def main() -> None:
        bus = MemoryBus()
        sub = bus.subscribe("items")

        def pipeline_thread() -> None:
            for n in range(100):
                bus.publish("items", {"seq": n})

        thread = threading.Thread(target=pipeline_thread)
        thread.start()
        got = await asyncio.wait_for(take(sub, 100), timeout=10)
        thread.join()
        assert [m["seq"] for m in got] == list(range(100))

    asyncio.run(main())


def test_a_slow_subscriber_is_dropped_without_blocking_others() -> None:
    async def main() -> None:
        bus = MemoryBus(queue_size=3)
        slow, fast = bus.subscribe("items"), bus.subscribe("items")
        received: list[int] = []
        for n in range(10):
            bus.publish("items", {"seq": n})  # never blocks, even with `slow` stuck
            received += [m["seq"] for m in await take(fast, 1)]
        assert received == list(range(10))
        assert slow.dropped and not fast.dropped
        assert [m async for m in slow] == []  # its iteration simply ends
        assert bus.subscriber_count("items") == 1

    asyncio.run(main())


def test_aclose_ends_every_subscription_after_what_was_queued() -> None:
    async def main() -> None:
        bus = MemoryBus()
        sub = bus.subscribe("items")
        bus.publish("items", {"seq": 1})
        await bus.aclose()
        assert [m async for m in sub] == [{"seq": 1}]
        late = bus.subscribe("items")
        assert [m async for m in late] == []

    asyncio.run(main())


def test_a_waiting_reader_wakes_when_the_bus_closes() -> None:
    async def main() -> None:
        bus = MemoryBus()
        sub = bus.subscribe("items")
        reader = asyncio.create_task(take(sub, 1))
        await asyncio.sleep(0)
        await bus.aclose()
        assert await asyncio.wait_for(reader, timeout=5) == []

    asyncio.run(main())


def test_unsubscribe_stops_delivery() -> None:
    async def main() -> None:
        bus = MemoryBus()
        sub = bus.subscribe("items")
        await sub.aclose()
        bus.publish("items", {"seq": 1})
        assert bus.subscriber_count("items") == 0
        assert [m async for m in sub] == []

    asyncio.run(main())


@pytest.mark.parametrize("topic", ["", "a.b", "items>", "*", "x" * 65, "sp ace"])
def test_bad_topics_are_refused(topic: str) -> None:
    with pytest.raises(InputError, match="topic"):
        MemoryBus().publish(topic, {})


def test_bad_queue_size_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        MemoryBus(queue_size=0)

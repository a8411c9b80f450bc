"""Pick the bus from settings: in-process by default, NATS JetStream when `bus_url` is set."""

from __future__ import annotations

from signaldesk.bus.base import Bus
from signaldesk.bus.memory import MemoryBus
from signaldesk.settings import Settings


def open_bus(settings: Settings) -> Bus:
    if settings.bus_url:
        from signaldesk.bus.nats import NatsBus  # nats-py only when used

        return NatsBus(settings.bus_url)
    return MemoryBus()

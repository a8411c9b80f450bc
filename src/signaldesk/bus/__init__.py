"""The bus: topics fanned out to subscribers, in-process or over NATS JetStream.

The pipeline stage lives in `signaldesk.bus.stage` (not imported here: the pipeline
package imports this one).
"""

from signaldesk.bus.base import Bus
from signaldesk.bus.factory import open_bus
from signaldesk.bus.fanout import Subscription
from signaldesk.bus.memory import MemoryBus

__all__ = ["Bus", "MemoryBus", "Subscription", "open_bus"]

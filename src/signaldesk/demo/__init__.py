"""The bundled demo pack (a fictional trading day) and the `signaldesk demo` command."""

from signaldesk.demo.run import PACK_DIR, DemoFeeder, SimClock

__all__ = ["PACK_DIR", "DemoFeeder", "SimClock"]

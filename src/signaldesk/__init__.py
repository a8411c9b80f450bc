"""SignalDesk: a self-hosted, real-time market-intelligence wire."""

__version__ = "0.1.0"
__all__ = ["__version__"]

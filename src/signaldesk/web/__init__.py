"""The web wire, the JSON API, the SSE stream and the OpenAPI schema."""

from signaldesk.web.app import create_app
from signaldesk.web.server import run_server, serve
from signaldesk.web.stream import Broadcaster, StreamFilter

__all__ = ["Broadcaster", "StreamFilter", "create_app", "run_server", "serve"]

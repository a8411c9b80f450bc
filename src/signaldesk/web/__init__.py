"""The web wire, the JSON API, the SSE stream and the OpenAPI schema."""

from signaldesk.web.app import create_app
from signaldesk.web.auth import is_operator, require_operator
from signaldesk.web.server import run_server, serve
from signaldesk.web.stream import Broadcaster, StreamFilter

__all__ = ["Broadcaster", "StreamFilter", "create_app", "is_operator", "require_operator",
           "run_server", "serve"]

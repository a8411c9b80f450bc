"""Serving an app with uvicorn: reusable by `signaldesk serve` and `signaldesk demo`."""

from __future__ import annotations

import asyncio

import uvicorn
from starlette.applications import Starlette

from signaldesk.settings import Settings

# Open connections (SSE clients included) uvicorn serves at once; the next gets a 503
# at once instead of a share of a server that is out of memory and file descriptors.
LIMIT_CONCURRENCY = 1000


def server_for(
    app: Starlette, settings: Settings, log_level: str = "info",
    limit_concurrency: int = LIMIT_CONCURRENCY,
) -> uvicorn.Server:
    """A uvicorn server for `app` on settings.host:settings.port (not started)."""
    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level=log_level, lifespan="on",
        proxy_headers=False, server_header=False, timeout_graceful_shutdown=3,
        limit_concurrency=limit_concurrency,
    )
    return uvicorn.Server(config)


async def serve(app: Starlette, settings: Settings, log_level: str = "info") -> None:
    """Serve `app` until interrupted, inside the caller's event loop."""
    print(f"SignalDesk wire: http://{settings.host}:{settings.port}/", flush=True)
    await server_for(app, settings, log_level).serve()


def run_server(app: Starlette, settings: Settings, log_level: str = "info") -> None:
    """Blocking `serve`: owns its event loop (what the `serve` and `demo` commands call)."""
    asyncio.run(serve(app, settings, log_level))

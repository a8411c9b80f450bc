"""The sources API routes, through httpx's ASGI transport."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.requests import Request

from signaldesk.sources.api import routes
from signaldesk.store.sqlite import SQLiteStore


def test_sources_api_crud_and_authorization() -> None:
    store = SQLiteStore(":memory:")

    def operator(request: Request) -> bool:
        return request.headers.get("x-role") == "operator"

    app = Starlette(routes=routes(store, operator))
    op = {"x-role": "operator"}

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as c:
            assert (await c.get("/api/v1/sources")).status_code == 403
            assert (await c.post("/api/v1/sources", json={"url": "https://a.example/rss"})
                    ).status_code == 403
            r = await c.post("/api/v1/sources", headers=op,
                             json={"url": "https://a.example/rss", "desk": "fx",
                                   "tier": "premium", "interval_s": 90})
            assert r.status_code == 201 and r.json()["tier"] == "premium"
            for bad in [{"url": "file:///etc/passwd"}, {"nope": 1}, [1]]:
                r = await c.post("/api/v1/sources", headers=op, json=bad)
                assert r.status_code == 400 and r.json()["error"]["message"]
            r = await c.post("/api/v1/sources", content=b"{not json",
                             headers={**op, "content-type": "application/json"})
            assert r.status_code == 400
            rows = (await c.get("/api/v1/sources", headers=op)).json()["sources"]
            assert [(s["url"], s["desk"], s["healthy"]) for s in rows] == [
                ("https://a.example/rss", "fx", True)]
            r = await c.delete("/api/v1/sources", headers=op,
                               params={"url": "https://a.example/rss"})
            assert r.status_code == 204
            r = await c.delete("/api/v1/sources", headers=op,
                               params={"url": "https://a.example/rss"})
            assert r.status_code == 404

    asyncio.run(main())
    store.close()

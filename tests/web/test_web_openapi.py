"""The OpenAPI document is valid OpenAPI 3 and describes the routes the app serves."""

from __future__ import annotations

from openapi_spec_validator import validate
from starlette.applications import Starlette
from starlette.routing import Route
from webtools import TestClient


def test_openapi_is_valid(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)  # raises on any violation of the OpenAPI 3.1 schema
    assert spec["openapi"].startswith("3.")


def test_every_documented_path_is_served_and_every_api_route_documented(
    client: TestClient, app: Starlette
) -> None:
    spec = client.get("/openapi.json").json()
    served = {r.path.replace(":path}", "}") for r in app.routes if isinstance(r, Route)}
    documented = set(spec["paths"])
    assert documented <= served
    api_routes = {p for p in served if p.startswith("/api/")} | {"/healthz"}
    assert api_routes <= documented

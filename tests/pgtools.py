"""PostgreSQL for tests: the test server's URL and schema clean-up.

Every test that touches PostgreSQL works in a schema of its own (`pg_schema` fixture in
tests/conftest.py, or the store tests' `store_factory`), dropped afterwards, so that no
test sees another's tables or state.
"""

from __future__ import annotations

import uuid

import psycopg
from psycopg import sql

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def new_schema_name() -> str:
    """A fresh schema name, unique to one test."""
    return f"sd_test_{uuid.uuid4().hex[:12]}"


def drop_schema(schema: str) -> None:
    """Remove a test's PostgreSQL schema and everything in it."""
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))

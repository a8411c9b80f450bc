"""The store: item revisions, search, stories, events and stage state (DESIGN.md §4).

`open_store(settings)` picks the implementation: PostgreSQL when `database_url` is
set, else the embedded SQLite file at `db`. `AsyncStore` is the facade for async code.
The pipeline stage lives in `signaldesk.store.stage` (not imported here: the pipeline
package imports this one).
"""

from signaldesk.store.aio import AsyncStore
from signaldesk.store.base import Event, ItemPage, ItemQuery, Store
from signaldesk.store.common import ItemRejected
from signaldesk.store.factory import open_store
from signaldesk.store.sqlite import SQLiteStore

__all__ = [
    "AsyncStore", "Event", "ItemPage", "ItemQuery", "ItemRejected", "SQLiteStore", "Store",
    "open_store",
]

"""Exact and near-duplicate detection, and item revisions (the `dedupe` stage)."""

from signaldesk.dedupe.index import NearDupIndex
from signaldesk.dedupe.minhash import MinHasher
from signaldesk.dedupe.stage import DedupeStage
from signaldesk.dedupe.text import content_hash, shingle_hashes
from signaldesk.dedupe.urls import url_key

__all__ = [
    "DedupeStage",
    "MinHasher",
    "NearDupIndex",
    "content_hash",
    "shingle_hashes",
    "url_key",
]

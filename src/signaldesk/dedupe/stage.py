"""The dedupe stage: exact duplicates, near-duplicates (wire copy) and revisions.

For each document, in order:
1. Same URL key (`urls.url_key`) or same feed GUID as an earlier item: identical text and
   title is a re-poll (dropped as `duplicate`, or as `replayed` when it is the very
   document the store already holds); a changed text or title is the next
   revision of that item (`action="updated"`, `revision + 1`, same `item_id`). When the
   earlier item came from another outlet, the page names it as canonical: a syndicated
   copy (dropped as `duplicate`).
2. Same normalised content hash as an earlier item: an exact copy (dropped).
3. MinHash-LSH near-duplicate of an item seen within `story_window_hours`: a syndicated
   copy with small edits (dropped). Time matters: consecutive FOMC statements share up to
   0.89 of their shingles but are weeks apart, while copies of one text arrive together.
   In 2 and 3, a document from the item's own outlet with a new headline or edited text
   is the item moved to a new address (the slug follows a new headline): the next
   revision of the item, not a copy.
4. Otherwise a new item: `item_id = doc.id`, revision 1, action `created`.

A dropped copy gets the original's `story_id` and becomes one more source of that story
(see `signaldesk.stories.ledger`). State lives in the store when there is one
(namespaces `dedupe.url`, `dedupe.guid`, `dedupe.hash`, `dedupe.item`, `dedupe.sig`),
else in memory.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ClassVar, NoReturn

import numpy as np

from signaldesk.dedupe.index import NearDupIndex
from signaldesk.dedupe.minhash import MinHasher
from signaldesk.dedupe.text import content_hash, legacy_content_hash, shingle_hashes
from signaldesk.dedupe.urls import url_key
from signaldesk.errors import Drop
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage
from signaldesk.stories.ledger import StoryLedger, doc_time, seen_at, source_ref
from signaldesk.stories.state import StateMap, flush_state

MIN_SHINGLES = 8  # below this a text is too short to call a near-copy of another
MAX_GUID = 1024
MAX_VERSIONS = 32  # (hash, title) pairs kept per item to tell an edit from an old copy
_HAS_WORD = re.compile(r"\w")


class DedupeStage(Stage):
    name: ClassVar[str] = "dedupe"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "canonical_url"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"content_hash", "duplicate_of", "item_id", "revision", "action"}
    )

    def __init__(
        self, *, threshold: float = 0.6, slots: int = 2**19, ring: int = 2**20
    ) -> None:
        self.threshold = threshold
        self.slots = slots
        self.ring_size = ring
        self.hasher = MinHasher()

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        store = ctx.store
        self.by_url = StateMap(store, "dedupe.url")
        self.by_guid = StateMap(store, "dedupe.guid")
        self.by_hash = StateMap(store, "dedupe.hash")
        self.by_item = StateMap(store, "dedupe.item")  # newest revision, outlet, title, hash
        self.sig_rows = StateMap(store, "dedupe.sig")
        self.horizon_min = int(ctx.settings.story_window_hours * 60)
        self.index = NearDupIndex(self.slots, self.ring_size)
        self.row_item: dict[int, str] = {}
        self.ledger = ctx.shared("stories.ledger", lambda: StoryLedger(store))
        if store is not None:
            self._reload()

    def _reload(self) -> None:
        """Rebuild the in-memory index from the signatures kept in the store."""
        for key, value in self.sig_rows.scan():
            sig = np.frombuffer(bytes.fromhex(value["sig"]), dtype=np.uint32)
            self.index.count = int(key)  # keep the stored row numbers
            self.index.add(sig, int(value["size"]), int(value["minute"]))

    def process(self, batch: list[Doc]) -> list[Doc]:
        self.ledger.clear_pending()  # the previous batch has been through `cluster`
        try:
            return super().process(batch)
        finally:
            self._flush()  # the batch's state in one write

    def close(self) -> None:
        if getattr(self, "by_url", None) is not None:
            self._flush()

    def _flush(self) -> None:
        flush_state((self.by_url, self.by_guid, self.by_hash, self.by_item, self.sig_rows,
                     *self.ledger.state))

    def process_doc(self, doc: Doc) -> None:
        text = doc.text or ""
        doc.content_hash = content_hash(text) if _HAS_WORD.search(text) else None
        when = doc_time(doc, self.ctx.clock)
        ukey = url_key(doc.canonical_url or doc.url)
        gkey = _guid_key(doc)
        prior = (self.by_url.get(ukey) if ukey else None) or (
            self.by_guid.get(gkey) if gkey else None
        )
        if prior is not None:
            self._same_address(doc, prior, ukey, gkey, when)
            return
        if doc.content_hash is not None:
            original = self.by_hash.get(doc.content_hash)
            if original is not None and original != doc.id:
                self._copy_or_edit(doc, str(original), "same text", keys=(ukey, gkey),
                                   sig=None, when=when)
                return
        sig = self._signature(text)
        if sig is not None:
            match = self.index.query(
                sig[0], sig[1], _minute(when), self.horizon_min, self.threshold
            )
            item = self._item_of(match.row) if match is not None else None
            if match is not None and item and item != doc.id:
                why = f"near copy (Jaccard ~{match.jaccard:.2f})"
                self._copy_or_edit(doc, item, why, keys=(ukey, gkey), sig=sig, when=when)
                return
        doc.item_id, doc.revision, doc.action = doc.id, 1, "created"
        self._remember(doc, keys=(ukey, gkey), sig=sig, when=when, revision=1)

    def _same_address(
        self, doc: Doc, prior: dict[str, Any], ukey: str | None, gkey: str | None,
        when: datetime,
    ) -> None:
        item = str(prior["item"])
        if prior.get("source") and doc.source and prior["source"] != doc.source:
            # Another outlet's page that names this item's page as canonical: syndication.
            self._duplicate(doc, item, f"a copy naming {prior['source']}'s page as canonical")
        unchanged = prior.get("title") == doc.title and _same_text(prior.get("hash"), doc)
        if unchanged and prior.get("doc") == doc.id:
            # The same document processed again (a replayed input after a restart): it
            # is what it was, not a copy of itself. If the store already holds it, it is
            # dropped, so that it gives no second revision and no second event; if not
            # (the run stopped between this stage's state and the store's write), it
            # goes on and is stored now.
            rev = int(prior["rev"])
            if self._stored(item, doc):
                raise Drop("replayed", f"{doc.id} is stored already as revision {rev} of {item}")
            doc.item_id, doc.revision, doc.action = item, rev, "updated" if rev > 1 else "created"
            return
        if unchanged:
            self.ledger.add_duplicate(item, doc, None)
            raise Drop("duplicate", "same address and same text, seen again", duplicate_of=item)
        doc.item_id, doc.revision = item, self._next_revision(item, int(prior["rev"]))
        doc.action = "updated"
        sig = self._signature(doc.text or "")
        self._remember(doc, keys=(ukey, gkey), sig=sig, when=when, revision=doc.revision)

    def _copy_or_edit(
        self, doc: Doc, item: str, why: str, *, keys: tuple[str | None, str | None],
        sig: tuple[np.ndarray, int] | None, when: datetime,
    ) -> None:
        """The same text as `item` under a new address: from another outlet (or unchanged),
        a copy, dropped; from the item's own outlet with a new headline or an edit, the
        next revision of the item. Outlets often move an article to a new address when
        they retitle it (the slug follows the headline), and a retitled story stays the
        same item."""
        known = self.by_item.get(item)
        # An edit is a headline and text the item never had: a copy of an older revision
        # (an AMP page left behind) must not turn the item back.
        edited = known is not None and [doc.content_hash, doc.title] not in _versions(known)
        if known is None or not doc.source or known.get("source") != doc.source or not edited:
            self._duplicate(doc, item, why)
        doc.item_id, doc.revision, doc.action = item, int(known["rev"]) + 1, "updated"
        if sig is None:  # an exact copy's text was not shingled: copies are dropped unread
            sig = self._signature(doc.text or "")
        self._remember(doc, keys=keys, sig=sig, when=when, revision=doc.revision)

    def _next_revision(self, item: str, at_address: int) -> int:
        """One more than the newest revision known at this address or of the item."""
        known = self.by_item.get(item)
        return max(at_address, int(known["rev"]) if known else 0) + 1

    def _stored(self, item: str, doc: Doc) -> bool:
        """Whether the store holds this document with this text as a revision of `item`.
        Checked by content, not by revision number: the store numbers revisions itself,
        and a document dropped after this stage makes the two numberings differ."""
        store = self.ctx.store
        if store is None:
            return False
        return any(kept.get("id") == doc.id
                   and content_hash(kept.get("text") or "") == doc.content_hash
                   for kept in store.item_history(item))

    def _item_of(self, row: int) -> str | None:
        """The item a row belongs to: from memory, or (with a store) from the row's state,
        read only on a match so that the index keeps no per-row strings in memory."""
        if self.ctx.store is None:
            return self.row_item.get(row)
        value = self.sig_rows.get(f"{row:012d}")
        return str(value["item"]) if value is not None else None

    def _duplicate(self, doc: Doc, item: str, why: str) -> NoReturn:
        ref = source_ref(doc, seen_at(doc, self.ctx.clock))
        if doc.url:  # a copy's own page, not the original it may name as canonical
            ref = replace(ref, url=doc.url)
        self.ledger.add_duplicate(item, doc, ref)
        raise Drop("duplicate", f"{why} of item {item}", duplicate_of=item)

    def _signature(self, text: str) -> tuple[np.ndarray, int] | None:
        """(MinHash signature, shingle count), or None for a text too short to compare."""
        shingles = shingle_hashes(text)
        if len(shingles) < MIN_SHINGLES:
            return None
        return self.hasher.signature(shingles), len(shingles)

    def _remember(
        self, doc: Doc, *, keys: tuple[str | None, str | None], sig: tuple[np.ndarray, int] | None,
        when: datetime, revision: int,
    ) -> None:
        ukey, gkey = keys
        item = doc.item_id or doc.id
        entry = {"item": item, "rev": revision, "hash": doc.content_hash, "doc": doc.id,
                 "title": doc.title, "source": doc.source}
        known = self.by_item.get(item) if revision > 1 else None  # a new item has none
        versions = [*(_versions(known) if known else []), [doc.content_hash, doc.title]]
        self.by_item.put(item, {"rev": revision, "source": doc.source, "title": doc.title,
                                "hash": doc.content_hash, "versions": versions[-MAX_VERSIONS:]})
        if ukey:
            self.by_url.put(ukey, entry)
        if gkey:
            self.by_guid.put(gkey, entry)
        if doc.content_hash is not None and self.by_hash.get(doc.content_hash) is None:
            self.by_hash.put(doc.content_hash, item)
        if sig is None:
            return
        minute = _minute(when)
        row = self.index.add(sig[0], sig[1], minute)
        if self.ctx.store is None:
            self.row_item[row] = item
            self.row_item.pop(row - self.ring_size, None)
        else:
            value = {"item": item, "minute": minute, "size": sig[1],
                     "sig": sig[0].tobytes().hex()}
            self.sig_rows.put(f"{row:012d}", value)
            if row >= self.ring_size:
                self.sig_rows.delete(f"{row - self.ring_size:012d}")


def _versions(known: dict[str, Any]) -> list[list[str | None]]:
    """The (hash, title) pairs an item has had, newest last (state saved before they were
    kept holds only the newest)."""
    return list(known.get("versions") or [[known.get("hash"), known.get("title")]])


def _same_text(kept: str | None, doc: Doc) -> bool:
    """Whether `kept`, a content hash in saved state, is the key of `doc`'s text, under
    the current key or the one saved before it (`text.legacy_content_hash`)."""
    if kept == doc.content_hash:
        return True
    return kept is not None and kept == legacy_content_hash(doc.text or "")


def _guid_key(doc: Doc) -> str | None:
    """GUIDs are unique per feed only, so the key includes the outlet."""
    guid = (doc.guid or "").strip()
    if not guid or len(guid) > MAX_GUID:
        return None
    return f"{doc.source or ''}|{guid}"


def _minute(when: datetime) -> int:
    return max(0, int(when.astimezone(UTC).timestamp() // 60))

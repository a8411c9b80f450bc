"""Dedupe stage: exact copies, near copies, revisions, contract, persistence.

Every text here is fictional and written for these tests (the Republic of Norland, the
Bank of Ostmark and their officials do not exist).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from signaldesk.dedupe import DedupeStage, content_hash, url_key
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.settings import Settings
from signaldesk.stories import StoryStage

T0 = datetime(2031, 3, 4, 9, 0, tzinfo=UTC)

WIRE = [
    "The Bank of Ostmark raised its main refinancing rate by half a percentage point to "
    "four and a quarter percent on Tuesday, surprising economists who had expected a "
    "smaller move after inflation in the fictional republic slowed for a second month.",
    "Governor Ilse Varnholt told reporters in the capital that the board saw persistent "
    "price pressure in services and wages and was ready to act again at the April meeting "
    "if the currency weakened further against its trading partners.",
    "The ostmark gained nearly one percent against the euro within minutes of the "
    "decision, while two-year government bond yields rose by eighteen basis points to "
    "their highest level since the autumn of last year.",
    "Analysts at three local banks said the tone of the statement left the door open to "
    "further tightening and that markets would now price at least one more increase "
    "before the summer recess of the central bank board.",
]
OTHER = [
    "Norland's statistics office said industrial output fell by two percent in January "
    "from December as cold weather closed several shipyards on the northern coast and "
    "energy-intensive plants cut their shifts to save on heating costs.",
    "The office revised the December figure up slightly and said car production, which "
    "accounts for a fifth of factory output, held steady as exporters worked through a "
    "backlog of orders placed before the holidays.",
]


def _doc(doc_id: str, paragraphs: list[str], **kw: object) -> Doc:
    kw.setdefault("published_at", T0)
    kw.setdefault("title", "Ostmark central bank lifts rate")
    return Doc(id=doc_id, text="\n\n".join(paragraphs), **kw)  # type: ignore[arg-type]


def _ctx(store: object = None) -> Context:
    return Context(settings=Settings(), store=store, clock=lambda: T0)  # type: ignore[arg-type]


def _run(docs: list[Doc], batch: int = 32, store: object = None,
         cluster: bool = True) -> list[Doc]:
    ctx = _ctx(store)
    stages = [DedupeStage(), StoryStage()] if cluster else [DedupeStage()]
    for stage in stages:
        stage.open(ctx)
    for start in range(0, len(docs), batch):
        live = docs[start : start + batch]
        for stage in stages:
            live = [d for d in stage.process(live) if not d.dropped]
    for stage in stages:
        stage.close()
    return docs


class DictStore:
    """The state half of the Store protocol, in a dict: a test double."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], object] = {}
        self.writes = 0  # calls of state_put_many

    def state_put(self, ns: str, key: str, value: object) -> None:
        import json

        self.data[(ns, key)] = json.loads(json.dumps(value))  # what a real store keeps

    def state_put_many(self, entries: Iterable[tuple[str, str, object]]) -> None:
        self.writes += 1
        for ns, key, value in list(entries):
            self.state_put(ns, key, value)

    def state_get(self, ns: str, key: str) -> object | None:
        return self.data.get((ns, key))

    def item_history(self, item_id: str) -> list[dict[str, object]]:
        return []  # keeps no items: a replayed document was never stored

    def state_delete(self, ns: str, key: str) -> None:
        self.data.pop((ns, key), None)

    def state_scan(self, ns: str, prefix: str = "") -> object:
        return iter(sorted((k, v) for (n, k), v in self.data.items()
                           if n == ns and k.startswith(prefix)))


def test_url_key_folds_variants_and_strips_tracking() -> None:
    base = url_key("https://www.example.com/markets/ostmark-rate/")
    assert base == "example.com/markets/ostmark-rate"
    assert url_key("http://example.com/markets/ostmark-rate?utm_source=rss#top") == base
    assert url_key("HTTPS://WWW.EXAMPLE.COM:443/markets/ostmark-rate") == base
    assert url_key("https://example.com/story?id=2") != url_key("https://example.com/story?id=3")
    for bad in [None, "", "not a url", "javascript:alert(1)", "ftp://example.com/x",
                "https://" + "a" * 5000]:
        assert url_key(bad) is None


def test_content_hash_ignores_case_spacing_and_punctuation_only() -> None:
    text = "The ostmark rose.\n\nBonds fell!"
    assert content_hash(text) == content_hash("the  OSTMARK rose\nbonds fell")
    assert content_hash(text) != content_hash("The ostmark fell. Bonds rose.")


def test_same_url_variant_same_text_is_a_repoll() -> None:
    a = _doc("a", WIRE, url="https://news.example/ostmark?utm_medium=feed", source="Wire")
    b = _doc("b", WIRE, url="http://www.news.example/ostmark/", source="Wire")
    _run([a, b])
    assert (a.dropped, a.action, a.item_id, a.revision) == (None, "created", "a", 1)
    assert (b.dropped, b.duplicate_of, b.story_id) == ("duplicate", "a", a.story_id)
    assert a.story_id is not None


def test_same_guid_same_text_is_a_duplicate_but_guid_is_per_outlet() -> None:
    a = _doc("a", WIRE, guid="tag:wire,2031:1", source="Wire")
    b = _doc("b", WIRE, guid="tag:wire,2031:1", source="Wire")
    c = _doc("c", OTHER, guid="tag:wire,2031:1", source="Other outlet")
    _run([a, b, c])
    assert b.duplicate_of == "a"
    assert c.dropped is None and c.item_id == "c"


def test_syndicated_copy_with_edits_is_a_source_of_the_original_story() -> None:
    original = _doc("wire", WIRE, url="https://wire.example/1", source="Wire",
                    fetched_at=T0)
    # Another outlet: new headline, an extra paragraph of its own, a different footer.
    copy = _doc("copy", [*WIRE, "Reporting by a fictional desk; edited by nobody real.",
                         "Copyright Daily Fictional Ledger. All rights reserved."],
                url="https://ledger.example/ostmark-hike", source="Ledger",
                title="Ostmark hikes by 50bp, currency jumps", fetched_at=T0 + timedelta(minutes=7))
    unrelated = _doc("other", OTHER, url="https://ledger.example/output", source="Ledger")
    out = _run([original, copy, unrelated])
    assert copy.dropped == "duplicate" and copy.duplicate_of == "wire"
    assert "near copy" in (copy.drop_detail or "")
    assert copy.story_id == original.story_id
    assert unrelated.dropped is None and unrelated.story_id != original.story_id
    outlets = [s.outlet for s in copy.sources]
    assert outlets == ["Wire", "Ledger"]
    assert copy.sources[1].first_seen_at == T0 + timedelta(minutes=7)
    assert len(out) == 3


def test_exact_copy_at_another_url_is_dropped() -> None:
    a = _doc("a", WIRE, url="https://one.example/x", source="One")
    b = _doc("b", WIRE, url="https://two.example/y", source="Two")
    _run([a, b])
    assert b.duplicate_of == "a" and "same text" in (b.drop_detail or "")


def test_near_copy_outside_the_window_is_a_new_item() -> None:
    a = _doc("a", WIRE, url="https://one.example/x")
    b = _doc("b", [*WIRE, "An extra closing paragraph."], url="https://two.example/y",
             published_at=T0 + timedelta(days=10), fetched_at=T0 + timedelta(days=10))
    _run([a, b])
    assert b.dropped is None and b.action == "created"


def test_revision_same_url_changed_text_and_retitle() -> None:
    a = _doc("a", WIRE[:2], url="https://wire.example/1")
    b = _doc("b", WIRE[:3], url="https://wire.example/1", published_at=T0 + timedelta(hours=1))
    c = _doc("c", WIRE[:3], url="https://wire.example/1", title="Ostmark rate up 50bp")
    _run([a, b, c])
    assert (b.dropped, b.item_id, b.revision, b.action) == (None, "a", 2, "updated")
    assert (c.dropped, c.item_id, c.revision, c.action) == (None, "a", 3, "updated")
    assert a.story_id == b.story_id == c.story_id


@pytest.mark.parametrize("text", ["", "   \n\n ", "!!!", "x" * 50_000, "word " * 30_000])
def test_hostile_or_empty_text_is_processed_without_error(text: str) -> None:
    docs = [Doc(id="h", text=text, url="%%%not-a-url", guid="g" * 5000), _doc("n", WIRE)]
    _run(docs)
    assert docs[0].item_id == "h" and docs[1].item_id == "n"
    assert docs[1].dropped is None


def _corpus() -> list[Doc]:
    return [
        _doc("a", WIRE, url="https://one.example/a", source="One"),
        _doc("b", OTHER, url="https://two.example/b", source="Two"),
        _doc("c", [*WIRE, "Extra words from the second outlet."], url="https://two.example/c",
             source="Two"),
        _doc("d", WIRE[:3], url="https://one.example/a", source="One"),
        _doc("e", OTHER, url="https://three.example/e", source="Three"),
    ]


def _summary(docs: list[Doc]) -> list[tuple[object, ...]]:
    return [(d.id, d.dropped, d.duplicate_of, d.item_id, d.revision, d.action, d.story_id,
             d.content_hash, [s.doc_id for s in d.sources]) for d in docs]


def test_batch_of_one_equals_batch_of_n_and_is_deterministic() -> None:
    one = _summary(_run(_corpus(), batch=1))
    many = _summary(_run(_corpus(), batch=32))
    again = _summary(_run(_corpus(), batch=32))
    assert one == many == again
    assert [row[1] for row in one] == [None, None, "duplicate", None, "duplicate"]


def test_empty_batch() -> None:
    stage = DedupeStage()
    stage.open(_ctx())
    assert stage.process([]) == []


@pytest.mark.parametrize(
    "kind", ["dict", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_state_survives_a_restart(
    kind: str, reopen_store: Callable[[str], object]
) -> None:
    """Items, revisions and stories live in the store: new stage objects on a reopened
    store (a new process, for SQLite and PostgreSQL) carry on where the last ones left."""
    store: object = DictStore() if kind == "dict" else reopen_store(kind)
    first = _run([_doc("a", WIRE, url="https://one.example/a", source="One")], store=store)
    if kind != "dict":
        store = reopen_store(kind)  # the restart: closed, then opened anew
    later = [
        _doc("b", WIRE, url="https://one.example/a", title="New title", source="One"),
        _doc("c", [*WIRE, "A closing line added by the second outlet."],
             url="https://two.example/c", source="Two"),
    ]
    _run(later, store=store)  # new stage objects: everything comes from the store
    assert (later[0].item_id, later[0].revision, later[0].action) == ("a", 2, "updated")
    assert later[0].story_id == first[0].story_id
    assert later[1].duplicate_of == "a" and later[1].story_id == first[0].story_id
    assert [s.doc_id for s in later[1].sources] == ["a", "c"]


def test_the_same_input_processed_again_is_not_a_copy_of_itself() -> None:
    store = DictStore()
    first = _run([_doc("a", WIRE, url="https://one.example/a"), _doc("b", OTHER)], store=store)
    again = _run([_doc("a", WIRE, url="https://one.example/a"), _doc("b", OTHER)], store=store)
    for before, after in zip(first, again, strict=True):
        assert after.dropped is None
        assert (after.item_id, after.revision, after.action) == (before.item_id, 1, "created")
        assert after.story_id == before.story_id and after.novelty == before.novelty


def test_another_outlet_naming_the_original_as_canonical_is_a_copy() -> None:
    a = _doc("a", WIRE, url="https://wire.example/1", source="Wire")
    b = _doc("b", [*WIRE[:3], "A different closing line from the reprinting outlet."],
             url="https://ledger.example/reprint", canonical_url="https://wire.example/1",
             source="Ledger")
    _run([a, b])
    assert (b.dropped, b.duplicate_of) == ("duplicate", "a")
    assert "canonical" in (b.drop_detail or "")
    assert [s.url for s in b.sources] == ["https://wire.example/1", "https://ledger.example/reprint"]


def test_state_is_written_once_per_stage_and_batch() -> None:
    """Each stage buffers its state (and the shared story ledger's) and writes it with one
    `state_put_many` per batch: not one commit per key and document."""
    store = DictStore()
    import random

    words = " ".join([*WIRE, *OTHER]).split()
    texts = [" ".join(random.Random(n).sample(words, len(words))) for n in range(6)]  # no copies
    docs = [_doc(f"d{n}", [text], url=f"https://one.example/{n}", title=f"Harbour {n} reopens")
            for n, text in enumerate(texts)]
    _run(docs, batch=3, store=store)
    assert not any(d.dropped for d in docs)
    assert store.writes == 2 * 2 + 1  # 2 batches x (dedupe, cluster) + document frequencies
    namespaces = {ns for ns, _ in store.data}
    assert {"dedupe.url", "dedupe.hash", "stories", "stories.item", "stories.model",
            "stories.df"} <= namespaces
    assert store.data[("stories.item", "d5")] == docs[5].story_id


def test_state_map_reads_its_buffered_writes() -> None:
    from signaldesk.stories.state import StateMap, flush_state

    store = DictStore()
    store.state_put("ns", "old", 1)
    store.state_put("ns", "gone", 2)
    state = StateMap(store, "ns")  # type: ignore[arg-type]
    state.put("new", {"v": 3})
    state.delete("gone")
    assert state.get("new") == {"v": 3} and state.get("gone") is None
    assert state.get("old") == 1 and store.data.get(("ns", "new")) is None  # not yet written
    assert list(state.scan()) == [("new", {"v": 3}), ("old", 1)]
    assert state.pending == 2
    assert flush_state([state]) == 2 and state.pending == 0
    assert sorted(k for _, k in store.data) == ["new", "old"] and store.writes == 1
    assert flush_state([state]) == 0 and store.writes == 1  # nothing buffered, no write


# Huge or hostile input gets bounded work: the word regexes see a capped prefix only.
BIG = 10_000_000


def _big_text(tail: str = "") -> str:
    block = "\n\n".join(WIRE) + "\n\n"
    return (block * (BIG // len(block) + 1))[: BIG - len(tail)] + tail


class _RegexSpy:
    """A compiled pattern that records the length of every string it is run on."""

    def __init__(self, pattern: re.Pattern[str], seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def findall(self, text: str) -> list[str]:
        self.seen.append(len(text))
        return self.pattern.findall(text)

    def split(self, text: str) -> list[str]:
        self.seen.append(len(text))
        return self.pattern.split(text)


def test_a_10_mb_text_is_clustered_with_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from signaldesk.dedupe import text as dedupe_text
    from signaldesk.stories import vectors

    seen: list[int] = []
    for module, name in [(dedupe_text, "_WORD"), (dedupe_text, "_PARAGRAPH"),
                         (vectors, "_WORD")]:
        monkeypatch.setattr(module, name, _RegexSpy(getattr(module, name), seen))
    big = _doc("big", [_big_text()], url="https://one.example/big")
    docs = _run([big, _doc("n", OTHER, url="https://two.example/n")])
    assert len(big.text or "") == BIG
    assert big.dropped is None and big.story_id and big.content_hash
    assert docs[1].dropped is None and docs[1].story_id not in {None, big.story_id}
    assert seen and max(seen) <= max(dedupe_text.MAX_CHARS, vectors.MAX_CHARS) < BIG // 20


def test_huge_texts_give_the_words_of_their_prefix() -> None:
    from signaldesk.dedupe.text import MAX_CHARS, shingle_hashes
    from signaldesk.stories.vectors import MAX_CHARS as STORY_CHARS
    from signaldesk.stories.vectors import TfidfModel

    text = _big_text()
    assert np.array_equal(shingle_hashes(text), shingle_hashes(text[:MAX_CHARS]))
    model = TfidfModel()
    for got, want in zip(model.features("Rate rise", text),
                         model.features("Rate rise", text[:STORY_CHARS]), strict=True):
        assert np.array_equal(got, want)
    huge_title = " ".join(WIRE) * 2000
    for got, want in zip(model.features(huge_title, "x"),
                         model.features(huge_title[:STORY_CHARS], "x"), strict=True):
        assert np.array_equal(got, want)


def test_the_content_hash_covers_all_of_a_huge_text() -> None:
    """Past the word budget the hash still sees every character: texts that differ only
    at their very end are not exact copies; the unchanged short-text key is kept."""
    import xxhash

    from signaldesk.dedupe.text import tokens

    one, other = _big_text("The end."), _big_text("The End!")
    assert content_hash(one) != content_hash(other)
    assert content_hash(one) == content_hash(_big_text("The end."))
    short = "\n\n".join(WIRE)
    assert content_hash(short) == xxhash.xxh3_128_hexdigest(" ".join(tokens(short)).encode())
    assert content_hash(short) == content_hash(short.upper().replace(" ", "  "))


def test_huge_texts_differing_only_at_the_end_are_near_copies() -> None:
    a = _doc("a", [_big_text("The end.")], url="https://one.example/a", source="One")
    b = _doc("b", [_big_text("The End!")], url="https://two.example/b", source="Two")
    _run([a, b])
    assert a.content_hash != b.content_hash
    assert (b.dropped, b.duplicate_of) == ("duplicate", "a")
    assert "near copy" in (b.drop_detail or "")


def test_a_url_of_thousands_of_query_parameters() -> None:
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    fits = "https://one.example/a?" + "&".join(f"{letters[i % 52]}={i % 10}" for i in range(1000))
    huge = "https://one.example/a?" + "&".join(f"p{i}=v{i}" for i in range(50_000))
    key = url_key(fits)
    assert key is not None and key.startswith("one.example/a?") and key.count("&") == 999
    assert url_key(huge) is None  # beyond MAX_URL: no key, never parsed
    docs = [_doc("f", WIRE, url=fits), _doc("h", OTHER, url=huge, canonical_url=huge)]
    _run(docs)
    assert [(d.dropped, d.item_id) for d in docs] == [(None, "f"), (None, "h")]
    again = _doc("g", WIRE, url=fits, title="Retitled")
    _run([_doc("f", WIRE, url=fits), again])
    assert (again.item_id, again.revision, again.action) == ("f", 2, "updated")


def test_an_outlet_moving_its_article_to_a_new_address_gives_a_revision() -> None:
    """A retitle that changes the slug: same outlet, new URL, new headline, a paragraph
    added. It is the item's next revision, not a copy of it (and not a new item); the
    same text from another outlet is still a copy."""
    longer = [*WIRE, "Bond yields rose after the decision, traders said."]

    def ledger(doc_id: str, text: list[str], slug: str, title: str) -> Doc:
        return _doc(doc_id, text, url=f"https://ledger.example/{slug}", title=title,
                    source="Ledger")

    def first() -> Doc:
        return ledger("a", WIRE, "ostmark-rate-rise", "Ostmark central bank lifts rate")

    def moved() -> Doc:
        return ledger("b", longer, "ostmark-rate-rise-yields", "Ostmark rate rise lifts yields")

    docs = [first(), moved(), ledger("c", longer, "ostmark-yields", "Yields climb"),
            ledger("d", longer, "ostmark-yields-2", "Yields climb"),
            _doc("e", WIRE, url="https://gazette.example/ostmark", title="Rate rise",
                 source="Gazette")]
    a, b, c, d, e = _run(docs)
    assert (a.item_id, a.revision, a.action) == ("a", 1, "created")
    assert (b.dropped, b.item_id, b.revision, b.action) == (None, "a", 2, "updated")  # edited
    assert (c.dropped, c.item_id, c.revision) == (None, "a", 3)  # same text, retitled
    assert (d.dropped, d.duplicate_of) == ("duplicate", "a")  # nothing changed
    assert (e.dropped, e.duplicate_of) == ("duplicate", "a")  # another outlet: a copy
    assert b.story_id == c.story_id == a.story_id
    # An edit at the old address numbers after the newest revision, wherever it was made.
    edit = ledger("f", [*WIRE[:2], "A correction to the third paragraph."],
                  "ostmark-rate-rise", "Ostmark central bank lifts rate")
    assert [(x.item_id, x.revision) for x in _run([first(), moved(), edit])] == [
        ("a", 1), ("a", 2), ("a", 3)]


def test_a_left_behind_copy_of_an_older_revision_does_not_turn_the_item_back() -> None:
    """The outlet edits its article at its address; an old copy of the first version (an
    AMP page) then turns up at another address of the outlet: a copy, not revision 3."""
    def ledger(doc_id: str, text: list[str], slug: str) -> Doc:
        return _doc(doc_id, text, url=f"https://ledger.example/{slug}", source="Ledger")

    docs = [ledger("a", WIRE, "ostmark"), ledger("b", [*WIRE, "Yields rose."], "ostmark"),
            ledger("c", WIRE, "amp/ostmark")]
    a, b, c = _run(docs)
    assert (a.item_id, a.revision) == ("a", 1)
    assert (b.item_id, b.revision, b.action) == ("a", 2, "updated")
    assert (c.dropped, c.duplicate_of) == ("duplicate", "a")


def test_state_saved_with_the_old_key_of_a_long_text_still_matches_it() -> None:
    """Texts of more than 20,000 words were keyed by their first 20,000 words only; the
    same text seen again at its address is a re-poll, not a revision."""
    from signaldesk.dedupe.text import MAX_TOKENS, legacy_content_hash

    long_text = " ".join(f"word{n}" for n in range(MAX_TOKENS + 50))
    legacy = legacy_content_hash(long_text)
    assert legacy is not None and legacy != content_hash(long_text)
    assert legacy_content_hash(" ".join(WIRE)) is None  # ordinary texts kept their key
    store = DictStore()
    url = "https://ledger.example/long"
    store.state_put("dedupe.url", url_key(url) or "", {
        "item": "a", "rev": 1, "hash": legacy, "doc": "a", "title": "Long", "source": "Ledger"})
    doc = _doc("a2", [long_text], url=url, title="Long", source="Ledger")
    _run([doc], store=store, cluster=False)
    assert (doc.dropped, doc.duplicate_of) == ("duplicate", "a")

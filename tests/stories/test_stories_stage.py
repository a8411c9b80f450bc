"""Story stage: clustering across outlets, timeline, novelty, revisions, restart.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from signaldesk.dedupe import DedupeStage
from signaldesk.models import Doc, Entity
from signaldesk.pipeline.context import Context
from signaldesk.settings import Settings
from signaldesk.store.base import Store
from signaldesk.stories import StoryLedger, StoryStage
from signaldesk.stories.metrics import bcubed, pairwise
from signaldesk.stories.stage import StoryStage as _Stage
from signaldesk.stories.vectors import TfidfModel, fold, novelty

T0 = datetime(2031, 5, 6, 8, 0, tzinfo=UTC)

# Three outlets on one fictional event, each in its own words.
STRIKE = [
    ("Dockers walk out at Port Velmar, halting grain exports",
     "Dock workers at Port Velmar began an indefinite strike on Monday over pay, halting "
     "grain shipments from the fictional republic's largest export terminal. The union "
     "said forty vessels were waiting at anchor outside the port."),
    ("Velmar port strike strands grain ships",
     "A strike by dockers at Port Velmar has stranded dozens of grain ships, the port "
     "authority said, as the union demanded a pay rise before workers return to the "
     "export terminal. Wheat futures rose on the news of the strike."),
    ("Grain exports frozen as Velmar dockers strike over pay",
     "Grain exports from Port Velmar were frozen after dockers went on strike over pay. "
     "The port authority said vessels were queuing at anchor and the union gave no date "
     "for a return to work at the terminal."),
]
ELECTION = (
    "Norland opposition leads final poll before snap election",
    "The opposition alliance in the fictional state of Norland leads the ruling party by "
    "six points in the last opinion poll before Sunday's snap parliamentary election, a "
    "survey by the national broadcaster showed.",
)


def _ctx(store: object = None) -> Context:
    return Context(settings=Settings(), store=store, clock=lambda: T0)  # type: ignore[arg-type]


def _doc(doc_id: str, pair: tuple[str, str], minutes: float = 0, **kw: object) -> Doc:
    when = T0 + timedelta(minutes=minutes)
    kw.setdefault("source", f"outlet-{doc_id}")
    doc = Doc(id=doc_id, title=pair[0], text=pair[1], published_at=when, fetched_at=when,
              url=f"https://{doc_id}.example/story", **kw)  # type: ignore[arg-type]
    doc.content_hash = doc_id
    return doc


def _run(docs: list[Doc], store: object = None, batch: int = 32) -> list[Doc]:
    ctx = _ctx(store)
    stages = [DedupeStage(), StoryStage()]
    for stage in stages:
        stage.open(ctx)
    for start in range(0, len(docs), batch):
        live = docs[start : start + batch]
        for stage in stages:
            live = [d for d in stage.process(live) if not d.dropped]
    for stage in stages:
        stage.close()
    return docs


def test_accents_fold_so_both_spellings_of_a_name_are_one_feature() -> None:
    assert fold("orbán") == "orban" and fold("são") == "sao" and fold("velmar") == "velmar"
    model = TfidfModel()
    accented = model.features("Jerí meets Orbán", "Jerí said Orbán agreed.")
    plain = model.features("Jeri meets Orban", "Jeri said Orban agreed.")
    assert np.array_equal(accented[0], plain[0]) and np.array_equal(accented[1], plain[1])
    # Both spellings in one text are one word counted twice, not two words.
    ids, counts = model.features(None, "Orbán Orban")
    assert len(ids) == 1 and counts.tolist() == [2.0]


def test_three_outlets_one_story_timeline_and_novelty() -> None:
    docs = [_doc(f"s{i}", pair, minutes=3 * i) for i, pair in enumerate(STRIKE)]
    docs.append(_doc("e", ELECTION, minutes=10))
    _run(docs)
    s0, s1, s2, e = docs
    assert s0.story_id == s1.story_id == s2.story_id
    assert e.story_id != s0.story_id
    assert [d.novelty for d in docs] == [100, 75, 56, 100]
    assert [s.outlet for s in s2.sources] == ["outlet-s0", "outlet-s1", "outlet-s2"]
    assert s2.first_seen_at == T0 + timedelta(minutes=6)


def test_story_record_first_outlet_lead_and_headline() -> None:
    ctx = _ctx()
    stage = StoryStage()
    stage.open(ctx)
    docs = [_doc(f"s{i}", pair, minutes=90 * i) for i, pair in enumerate(STRIKE)]
    stage.process(docs)
    ledger = ctx.shared("stories.ledger", lambda: StoryLedger(None))
    story = ledger.get(docs[0].story_id or "")
    assert story is not None
    assert story.first_outlet == "outlet-s0"
    assert story.lead_seconds == 90 * 60
    assert story.headline in {t for t, _ in STRIKE}
    assert story.to_json()["items"] == ["s0", "s1", "s2"]


def test_entities_strengthen_but_never_make_a_match() -> None:
    ctx = _ctx()
    stage = StoryStage()
    stage.open(ctx)
    shared = [Entity(id="country:NL", name="Norland", type="country")]
    a = _doc("a", STRIKE[0], entities=list(shared))
    b = _doc("b", ELECTION, minutes=5, entities=list(shared))
    stage.process([a, b])
    assert a.story_id != b.story_id


def test_chain_restarts_after_the_window_and_days_since_similar() -> None:
    later = 24 * 60 * 5  # five days: beyond the 72 h story window
    docs = [_doc("a", STRIKE[0]), _doc("b", STRIKE[1], minutes=later)]
    _run(docs)
    assert docs[0].story_id != docs[1].story_id
    assert docs[1].novelty == 100
    assert docs[0].days_since_similar is None
    assert docs[1].days_since_similar == pytest.approx(5.0, abs=0.01)


def test_novelty_curve() -> None:
    assert [novelty(k) for k in range(6)] == [100, 75, 56, 42, 32, 24]


def test_revision_keeps_story_and_novelty() -> None:
    a = _doc("a", STRIKE[0])
    b = _doc("b", STRIKE[1], minutes=5)
    rev = _doc("r", (STRIKE[0][0] + " (updated)", STRIKE[0][1] + " Talks resume Friday."),
               minutes=60, source="outlet-a")
    rev.url = a.url  # same outlet, same page: a revision
    _run([a, b, rev])
    assert (rev.action, rev.item_id, rev.revision) == ("updated", "a", 2)
    assert rev.story_id == a.story_id
    assert rev.novelty == a.novelty == 100


def test_batch_of_one_equals_batch_of_n_empty_and_deterministic() -> None:
    def docs() -> list[Doc]:
        return [_doc(f"s{i}", p, minutes=i) for i, p in enumerate(STRIKE)] + [
            _doc("e", ELECTION, minutes=4)]

    def summary(out: list[Doc]) -> list[tuple[object, ...]]:
        return [(d.id, d.story_id, d.novelty, d.days_since_similar,
                 [s.doc_id for s in d.sources]) for d in out]

    assert summary(_run(docs(), batch=1)) == summary(_run(docs())) == summary(_run(docs()))
    stage = _Stage()
    stage.open(_ctx())
    assert stage.process([]) == []


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_stories_survive_a_restart(kind: str, reopen_store: Callable[[str], Store]) -> None:
    first = _run([_doc("s0", STRIKE[0])], store=reopen_store(kind))
    store = reopen_store(kind)  # the restart: closed, then opened anew
    second = _run([_doc("s1", STRIKE[1], minutes=30)], store=store)
    assert second[0].story_id == first[0].story_id
    assert second[0].novelty == 75
    record = store.state_get("stories", first[0].story_id or "")
    assert record is not None and [s["doc_id"] for s in record["sources"]] == ["s0", "s1"]


def test_metrics_on_a_hand_worked_example() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    pw = pairwise(gold, pred)  # gold pairs ab ac bc; predicted ab cd; true ab
    assert (pw.precision, pw.recall) == (0.5, pytest.approx(1 / 3))
    b3 = bcubed(gold, pred)  # precision a,b 1, c 1/2, d 1/2; recall a,b 2/3, c 1/3, d 1
    assert b3.precision == pytest.approx(0.75)
    assert b3.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_forgotten_stories_keep_their_record_but_not_their_model() -> None:
    from signaldesk.store.sqlite import SQLiteStore

    store = SQLiteStore(":memory:")
    ctx = _ctx(store)
    stage = StoryStage(memory_days=1)
    stage.open(ctx)
    old = _doc("old", STRIKE[0])
    new = _doc("new", ELECTION, minutes=3 * 24 * 60 + 120)  # beyond window and memory
    stage.process([old])
    stage.process([new])
    assert store.state_get("stories", old.story_id or "") is not None
    assert store.state_get("stories.model", old.story_id or "") is None
    assert store.state_get("stories.model", new.story_id or "") is not None
    assert set(stage.index.stories) == {new.story_id}
    store.close()


# Two fictional central-bank events of one morning that share their market colour.
HIKE = ("Ostmark central bank raises rates as currency firms",
        "The central bank of Ostmark raised its policy rate by a quarter point on Tuesday, its "
        "first increase this year. The currency firmed against the dollar, bank shares rose "
        "and government bond yields climbed as traders priced further tightening.")
MINUTES = ("Velmar minutes show policymakers debated a hike",
           "Minutes of the Velmar monetary council meeting in April showed members debated an "
           "increase before voting to wait for wage data. The currency firmed against the "
           "dollar and bank shares rose while government bond yields climbed after the release.")


def _about(*ids: str, relevance: int = 90) -> list[Entity]:
    return [Entity(id=i, name=i, type=i.split(":")[0], relevance=relevance) for i in ids]


@pytest.mark.parametrize(("subjects", "conflict_factor", "merged"), [
    (("country:OM", "cb:OMB"), 0.7, False),  # two subjects: the shared colour is not enough
    (("country:OM", "cb:OMB"), 1.0, True),  # the same texts without the conflict penalty
    (("country:VL", "cb:VCB"), 0.7, True),  # one subject: the same words do merge
])
def test_conflicting_subjects_need_stronger_text(
    subjects: tuple[str, str], conflict_factor: float, merged: bool
) -> None:
    stage = StoryStage(conflict_factor=conflict_factor)
    stage.open(_ctx())
    a = _doc("a", HIKE, entities=_about(*subjects))
    b = _doc("b", MINUTES, minutes=20, entities=_about("country:VL", "cb:VCB"))
    stage.process([a, b])
    assert (a.story_id == b.story_id) is merged


def test_only_principal_subjects_count() -> None:
    from signaldesk.stories.model import StoryModel
    from signaldesk.stories.vectors import SparseVec

    empty = SparseVec(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    story = StoryModel(id="s", centroid=empty, entities=Counter({"country:OM": 2, "cb:OMB": 2,
                                                                 "country:VL": 1}),
                       principal=Counter({"country:OM": 2, "cb:OMB": 1}))
    # about Velmar, which the story mentions: not a conflict (a side angle of one event)
    assert not story.conflicts({"country:VL", "cb:VCB"}, frozenset({"country:VL"}))
    # about a central bank the story never mentions, while the story is about another
    assert story.conflicts({"cb:VCB"}, frozenset({"cb:VCB"}))
    # ... unless the document mentions the story's central bank too
    assert not story.conflicts({"cb:VCB", "cb:OMB"}, frozenset({"cb:VCB"}))
    assert not story.conflicts({"cb:VCB"}, frozenset())  # about nothing: no conflict
    # Jaccard: OM shared, of OM, OMB and VCB; a document about the whole story scores 1
    assert story.principal_overlap(frozenset({"country:OM", "cb:VCB"})) == pytest.approx(1 / 3)
    assert story.principal_overlap(frozenset({"country:OM", "cb:OMB"})) == 1.0
    # about one of the story's two subjects only: half the boost, not all of it
    assert story.principal_overlap(frozenset({"country:OM"})) == 0.5
    again = StoryModel.from_json(story.to_json())
    assert again.principal == story.principal
    old = {k: v for k, v in story.to_json().items() if k != "principal"}  # saved before
    assert StoryModel.from_json(old).principal == Counter()


def test_currencies_and_low_relevance_are_not_subjects() -> None:
    """A currency every story mentions, or an entity only mentioned in passing (relevance
    <= 75), neither boosts nor splits."""
    stage = StoryStage(conflict_factor=0.0)  # any conflict would split
    stage.open(_ctx())
    a = _doc("a", STRIKE[0], entities=_about("currency:VLM") + _about("country:OM", relevance=40))
    b = _doc("b", STRIKE[1], minutes=5,
             entities=_about("currency:OMK") + _about("country:VL", relevance=40))
    stage.process([a, b])
    assert a.story_id == b.story_id

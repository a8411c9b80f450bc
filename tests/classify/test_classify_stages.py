"""ClassifyStage and ScoreStage: the stage contract, the model hook and the urgency rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from signaldesk.classify import ClassifyStage, LinearTextModel, ScoreStage, save_bundle
from signaldesk.errors import ConfigError
from signaldesk.models import Doc, Entity, Instrument
from signaldesk.pipeline import Context, Pipeline, Stage
from signaldesk.settings import Settings


class Given(Stage):
    """Stands in for tag and cluster: the docs arrive with what those stages assign."""

    name = "given"
    assigns = frozenset({"entities", "novelty", "instruments"})

    def process_doc(self, doc: Doc) -> None:
        return None

TEXTS = [
    "The Bank of Japan raised its key rate in a fictional move; the yen rose 1% on the news.",
    "Brent crude oil fell 3% after the fictional cartel agreed to lift output by 500,000 bpd.",
    "The fictional parliament of Norland called a snap election amid coalition turmoil.",
    "Acme Widgets reported a record net profit and raised its quarterly dividend per share.",
    "A local bakery opened a second shop on the high street.",
]


def _docs() -> list[Doc]:
    return [Doc(id=f"d{i}", text=t, novelty=90) for i, t in enumerate(TEXTS)]


def _run(docs: list[Doc], batch_size: int, settings: Settings | None = None) -> list[Doc]:
    ctx = Context(settings=settings or Settings())
    pipe = Pipeline([Given(), ClassifyStage(), ScoreStage()], ctx)
    with pipe:
        return list(pipe.pipe(docs, batch_size=batch_size))


def _view(doc: Doc) -> tuple[object, ...]:
    return (doc.desks, doc.tone, doc.stance, doc.relevance, doc.urgency, doc.why)


def test_batch_of_one_equals_batch_of_n_and_is_deterministic() -> None:
    one = [_view(d) for d in _run(_docs(), 1)]
    many = [_view(d) for d in _run(_docs(), 5)]
    again = [_view(d) for d in _run(_docs(), 3)]
    assert one == many == again
    assert [d[0][0].desk if d[0] else None for d in one] == [
        "central-banks", "energy", "political-risk", "equities", None,
    ]


def test_empty_batch_and_empty_text() -> None:
    assert _run([], 4) == []
    (doc,) = _run([Doc(id="e", text="")], 1)
    assert doc.desks == [] and doc.urgency == "routine" and doc.tone is not None


def test_why_explains_every_score() -> None:
    (doc,) = _run([Doc(id="x", text=TEXTS[0], novelty=90)], 1)
    lines = doc.why
    assert any(w.startswith("desk central-banks") and 'term "bank of japan"' in w for w in lines)
    assert any(w.startswith("tone ") for w in lines)
    assert any(w.startswith("stance hawkish") and "raised its key rate" in w for w in lines)
    assert any(w.startswith("relevance ") for w in lines)
    assert any(w.startswith("urgency ") for w in lines)


@pytest.mark.parametrize(
    ("text", "novelty", "urgency"),
    [
        ("In an emergency move the fictional central bank cut rates by 100 basis points.", 100,
         "flash"),
        ("In an emergency move the fictional central bank cut rates by 100 basis points.", 20,
         "urgent"),
        ("Inflation unexpectedly jumped to 9% in the fictional republic, data showed.", 90,
         "urgent"),
        ("Inflation unexpectedly jumped to 9% in the fictional republic, data showed.", 10,
         "routine"),
        ("Inflation edged up to 3% in the fictional republic, data showed.", 90, "routine"),
        ("Breaking: the fictional football club won the cup.", 100, "routine"),
    ],
)
def test_urgency_rules(text: str, novelty: int, urgency: str) -> None:
    (doc,) = _run([Doc(id="u", text=text, novelty=novelty)], 1)
    assert doc.urgency == urgency, doc.why


def test_relevance_rewards_instruments_and_central_entities() -> None:
    plain = Doc(id="a", text=TEXTS[1], novelty=50)
    rich = Doc(
        id="b", text=TEXTS[1], novelty=50,
        entities=[Entity("commodity:brent", "Brent", "commodity", relevance=90)],
        instruments=[Instrument("BRENT", "commodity", "commodity:brent")],
    )
    a, b = _run([plain, rich], 2)
    assert a.relevance is not None and b.relevance is not None
    assert b.relevance > a.relevance or b.relevance == 100
    assert "instrument BRENT" in next(w for w in b.why if w.startswith("relevance"))


def _tiny_model() -> LinearTextModel:
    texts, labels = [], []
    for i in range(6):
        texts.append(f"widget output index number {i} climbed at the fictional factory")
        labels.append(["macro"])
        texts.append(f"gizmo shares number {i} rallied on the fictional exchange")
        labels.append(["equities"])
    return LinearTextModel.fit(texts, labels, multilabel=True)


def test_a_trained_model_decides_its_desks_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    save_bundle(path, {"desks": _tiny_model()})
    settings = replace(Settings(), desk_model=str(path))
    (doc,) = _run([Doc(id="m", text="gizmo shares rallied again", novelty=50)], 1, settings)
    assert doc.desks[0].desk == "equities"
    assert doc.desks[0].why[0].startswith("model p=")
    assert 'model term "gizmo"' in doc.desks[0].why or 'model term "shares"' in doc.desks[0].why


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    model = _tiny_model()
    path = tmp_path / "m.json"
    save_bundle(path, {"desks": model})
    from signaldesk.classify import load_bundle

    loaded = load_bundle(path)["desks"]
    text = ["widget output climbed"]
    assert loaded.labels == model.labels
    before, after = model.predict_proba(text)[0, 0], loaded.predict_proba(text)[0, 0]
    assert abs(float(before) - float(after)) < 1e-3


def test_a_model_with_desks_the_schema_lacks_is_refused(tmp_path: Path) -> None:
    texts = [f"alpha {i}" for i in range(4)] + [f"beta {i}" for i in range(4)]
    labels = [["weather"]] * 4 + [["fx"]] * 4
    path = tmp_path / "odd.json"
    save_bundle(path, {"desks": LinearTextModel.fit(texts, labels, multilabel=True)})
    settings = replace(Settings(), desk_model=str(path))
    with pytest.raises(ConfigError, match="unknown desks"):
        ClassifyStage().open(Context(settings=settings))


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"format": "pickle"}), json.dumps(
        {"format": "signaldesk-linear-model", "models": {"desks": {"labels": ["fx"]}}}
    )],
)
def test_a_bad_model_file_is_a_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    settings = replace(Settings(), desk_model=str(path))
    with pytest.raises(ConfigError, match=r"bad\.json"):
        ClassifyStage().open(Context(settings=settings))


def test_a_slow_source_is_never_flash() -> None:
    from datetime import UTC, datetime, timedelta

    text = "In an emergency move the fictional central bank cut rates by 100 basis points."
    published = datetime(2030, 1, 2, 9, tzinfo=UTC)
    fast = Doc(id="f", text=text, novelty=100, published_at=published,
               fetched_at=published + timedelta(minutes=3))
    slow = Doc(id="s", text=text, novelty=100, published_at=published,
               fetched_at=published + timedelta(hours=20))
    a, b = _run([fast, slow], 2)
    assert a.urgency == "flash"
    assert b.urgency == "urgent"
    assert "seen 20 h after publication" in next(w for w in b.why if w.startswith("urgency"))


def test_tone_per_entity_reads_the_sentences_that_name_it() -> None:
    text = (
        "Northwind Bank posted record profits and strong growth. "
        "Southgate Lenders warned of heavy losses and a weak outlook."
    )
    ents = [Entity("org:northwind", "Northwind Bank", "org", relevance=80),
            Entity("org:southgate", "Southgate Lenders", "org", relevance=70),
            Entity("org:absent", "Eastmoor Trust", "org", relevance=90)]
    (doc,) = _run([Doc(id="t", text=text, novelty=50, entities=ents)], 1)
    lines = [w for w in doc.why if w.startswith("tone of ")]
    assert lines[0].startswith("tone of org:northwind: positive")
    assert lines[1].startswith("tone of org:southgate: negative")
    assert len(lines) == 2
    tones = {e.id: e.tone for e in doc.entities}
    assert tones["org:absent"] is None  # not named in the text
    north, south = tones["org:northwind"], tones["org:southgate"]
    assert north is not None and north.label == "positive" and north.score > 0
    assert south is not None and south.label == "negative" and south.score < 0
    # The item carries them, and they validate against the published schema.
    import jsonschema

    from signaldesk.schema import ITEM_SCHEMA

    item = doc.to_item()
    jsonschema.validate(item, ITEM_SCHEMA)
    by_id = {e["id"]: e["tone"] for e in item["entities"]}
    assert by_id["org:northwind"]["label"] == "positive" and by_id["org:absent"] is None


def test_lexicon_reads_violence_and_death_as_bad_news() -> None:
    from signaldesk.classify.tone import LexiconTone

    tone = LexiconTone()
    assert tone.score("A gunman killed nine people and injured 25 at a school.").tone.label \
        == "negative"
    # "leader" names a politician as often as a market leader: no longer good news by itself
    assert tone.score("The opposition leader spoke on Tuesday.").tone.label == "neutral"

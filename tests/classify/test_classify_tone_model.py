"""The trained tone model's reading aids: marker words and character n-grams."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from signaldesk.classify import LinearTextModel, load_bundle, save_bundle
from signaldesk.classify.tone import ToneMarkers
from signaldesk.errors import ConfigError


@pytest.fixture(scope="module")
def markers() -> ToneMarkers:
    return ToneMarkers()


def _marks(markers: ToneMarkers, text: str) -> list[str]:
    return markers.add(text)[len(text) :].split()


# Fictional sentences, written for this test.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Quuxco said its operating loss narrowed in the quarter .", {"fingood"}, {"finbad"}),
        ("Net sales of Quuxco decreased by 4 % .", {"finbad"}, {"fingood"}),
        ("Costs at the fictional plant rose sharply .", {"finbad"}, {"fingood"}),
        ("Turnover grew to EUR 7.0 mn from EUR 6.1 mn .", {"numup", "fingood"}, {"numdown"}),
        ("Sales fell from EUR 9.5 mn to EUR 8.0 mn .", {"numdown", "finbad"}, {"numup"}),
        ("The net loss was EUR 3 mn , compared with EUR 5 mn .", {"numdown", "fingood"},
         {"finbad"}),
        ("Quuxco did not meet its targets , but orders held .", {"not_meet", "not_targets"},
         {"not_orders"}),
        ("The board met on Tuesday .", set(), {"fingood", "finbad", "numup", "numdown"}),
    ],
)
def test_markers(markers: ToneMarkers, text: str, present: set[str], absent: set[str]) -> None:
    marks = set(_marks(markers, text))
    assert present <= marks
    assert not (absent & marks)


def test_markers_leave_plain_text_unchanged(markers: ToneMarkers) -> None:
    assert markers.add("The board met on Tuesday") == "The board met on Tuesday"


def test_markers_survive_hostile_text(markers: ToneMarkers) -> None:
    hostile = "\x00\u0130 to 1,2,3,4 from ,,,, " * 20_000 + "1e309 from 9" * 100
    assert markers.add(hostile).startswith(hostile)


TONE_ROWS = [
    (f"Quuxco {w} profit rose and orders improved in period {i}", "positive")
    for i, w in enumerate(["quarterly", "annual", "group", "unit"] * 3)
] + [
    (f"Quuxco {w} sales fell and the loss widened in period {i}", "negative")
    for i, w in enumerate(["quarterly", "annual", "group", "unit"] * 3)
] + [
    (f"Quuxco {w} meeting will be held in Lakeview in period {i}", "neutral")
    for i, w in enumerate(["quarterly", "annual", "group", "unit"] * 3)
]


@pytest.fixture(scope="module")
def tone_model() -> LinearTextModel:
    return LinearTextModel.fit([t for t, _ in TONE_ROWS], [[g] for _, g in TONE_ROWS],
                               multilabel=False)


def test_a_single_label_fit_reads_characters_and_markers(tone_model: LinearTextModel) -> None:
    assert tone_model.analyzer == "tone"
    assert tone_model.chars and "fingood" in tone_model.vocabulary
    probs = tone_model.predict_proba(["Quuxco profits rose", "Quuxco losses widened"])
    labels = [tone_model.labels[int(i)] for i in probs.argmax(axis=1)]
    assert labels == ["positive", "negative"]


def test_desks_keep_the_words_analyzer() -> None:
    texts = [f"bond yields {i}" for i in range(3)] + [f"oil barrels {i}" for i in range(3)]
    model = LinearTextModel.fit(texts, [["rates"]] * 3 + [["energy"]] * 3, multilabel=True)
    assert model.analyzer == "words" and not model.chars
    assert "analyzer" not in model.to_json()


def test_tone_model_round_trips_and_gives_the_same_probabilities(
    tmp_path: Path, tone_model: LinearTextModel
) -> None:
    path = tmp_path / "bundle.json"
    save_bundle(path, {"tone": tone_model})
    again = load_bundle(path)["tone"]
    texts = [t for t, _ in TONE_ROWS[::5]] + ["", "EUR 7 mn from EUR 6 mn"]
    assert np.allclose(again.predict_proba(texts), tone_model.predict_proba(texts), atol=1e-3)
    assert all(term in again.vocabulary for term in again.top_terms(TONE_ROWS[0][0], "positive"))


@pytest.mark.parametrize("change", ["analyzer", "chars", "char_idf"])
def test_a_tampered_tone_model_is_a_config_error(
    tmp_path: Path, tone_model: LinearTextModel, change: str
) -> None:
    body = tone_model.to_json()
    body[change] = {"analyzer": "magic", "chars": body["chars"][:-1], "char_idf": [1.0]}[change]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "signaldesk-linear-model", "models": {"tone": body}}))
    with pytest.raises(ConfigError):
        load_bundle(path)

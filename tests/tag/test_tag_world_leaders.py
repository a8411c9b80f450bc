"""Leaders outside the G20 imply their country; common-word surnames stay quiet.

Texts are written for these tests (fictional events)."""

from __future__ import annotations

from datetime import date

import pytest

from signaldesk.tag import Tagger

DAY = date(2025, 3, 1)


def countries(tagger: Tagger, text: str, day: date = DAY) -> set[str]:
    return {e for e in tagger.mentions(text, day) if e.startswith("country:")}


@pytest.mark.parametrize(("text", "code"), [
    ("Muhammad Yunus opened a new garment fair on Tuesday.", "BD"),
    ("Shehbaz Sharif chaired a cabinet meeting on power tariffs.", "PK"),
    ("Bola Tinubu signed the budget into law.", "NG"),
    ("Abdel Fattah el-Sisi hosted talks on the canal.", "EG"),
    ("Kyriakos Mitsotakis unveiled a housing plan.", "GR"),
    ("Viktor Orban blocked the proposal again.", "HU"),
    ("Paetongtarn Shinawatra visited a rice mill.", "TH"),
    ("Gabriel Boric named a new minister.", "CL"),
])
def test_a_named_leader_implies_the_country(tagger: Tagger, text: str, code: str) -> None:
    assert countries(tagger, text) == {f"country:{code}"}


def test_a_leader_out_of_office_implies_nothing(tagger: Tagger) -> None:
    text = "Sheikh Hasina spoke at a rally."
    assert countries(tagger, text, date(2023, 1, 1)) == {"country:BD"}
    assert countries(tagger, text, date(2025, 1, 1)) == set()


@pytest.mark.parametrize("text", [
    "Dan Brown signed copies of his novel at a fair.",
    "Martin and Harris went fishing at the weekend.",
    "The board will vote on the salam proposal; Ali and Wong agreed.",
    "Imran and Khan opened a bakery together.",
    "Ahmed Hassan won the chess club's annual trophy.",
])
def test_common_surnames_alone_name_no_leader(tagger: Tagger, text: str) -> None:
    found = tagger.mentions(text, DAY)
    assert not [e for e in found if e.startswith(("person:", "country:"))]


def test_a_common_surname_counts_after_the_full_name(tagger: Tagger) -> None:
    text = "Micheál Martin met farmers. Later, Martin said prices would hold."
    spans = tagger.mentions(text, DAY)["person:micheal-martin"].spans
    assert [text[s:e] for s, e, _ in spans] == ["Micheál Martin", "Martin"]
    assert "country:IE" in tagger.mentions(text, DAY)


def test_a_distinctive_surname_counts_alone(tagger: Tagger) -> None:
    assert countries(tagger, "Lukashenko said the border would stay open.") == {"country:BY"}
    assert countries(tagger, "Mitsotakis called the vote early.") == {"country:GR"}

"""The transparent default: desks, tone and stance from text and entities (fictional texts)."""

from __future__ import annotations

import pytest

from signaldesk.classify import DeskRules, LexiconTone, StanceReader
from signaldesk.classify.text import PhraseMatcher, sentences
from signaldesk.models import DESKS, Entity

BOJ = (
    "The Bank of Japan raised its key rate by 25 basis points on Tuesday in a fictional "
    "decision, and the yen rose against the dollar as traders priced further hikes."
)
VOTE = (
    "The ruling coalition of the fictional republic of Norland lost its majority in "
    "parliament after a snap election, and opposition leaders called for a referendum."
)
FOOTBALL = "The local football club won the cup final on Saturday after extra time."


@pytest.fixture(scope="module")
def rules() -> DeskRules:
    return DeskRules()


def test_central_bank_story_goes_to_central_banks_first_with_reasons(rules: DeskRules) -> None:
    ents = [Entity("cb:BOJ", "Bank of Japan", "cb", relevance=90)]
    desks = rules.assign(BOJ, ents)
    assert desks[0].desk == "central-banks"
    assert "entity cb:BOJ" in desks[0].why
    assert {"rates", "fx"} <= {d.desk for d in desks}
    assert any(w.startswith('term "') for w in desks[0].why)


def test_rules_work_from_text_alone(rules: DeskRules) -> None:
    assert rules.assign(BOJ)[0].desk == "central-banks"
    assert rules.assign(VOTE)[0].desk == "political-risk"


def test_not_market_news_gets_no_desk(rules: DeskRules) -> None:
    assert rules.assign(FOOTBALL) == []
    assert rules.assign("") == []


def test_scores_are_probabilities_best_first_and_cover_every_desk(rules: DeskRules) -> None:
    scores = rules.score(BOJ)
    assert {d.desk for d in scores} == set(DESKS)
    assert all(0.0 <= d.score < 1.0 for d in scores)
    assert [d.score for d in scores] == sorted((d.score for d in scores), reverse=True)


def test_entity_evidence_alone_can_assign_a_desk(rules: DeskRules) -> None:
    text = "Officials met on Monday to discuss the outlook."
    assert "em" not in {d.desk for d in rules.assign(text)}
    ents = [Entity(f"country:{c}", c, "country") for c in ("BR", "MX", "ZA", "IN")]
    assert "em" in {d.desk for d in rules.assign(text, ents)}


def test_phrase_matcher_respects_word_boundaries() -> None:
    m = PhraseMatcher(["oil", "rate hike", "AID"], case_sensitive=False)
    found = [h.term for h in m.find("Boiling toil; the rate\nhike lifted oil, she said.")]
    assert found == ["rate hike", "oil"]


def test_sentence_split_keeps_abbreviations_and_decimals() -> None:
    text = "The U.S. economy grew 2.5% in the quarter. Mr. Smith said so. Prices fell!"
    assert sentences(text) == [
        "The U.S. economy grew 2.5% in the quarter.",
        "Mr. Smith said so.",
        "Prices fell!",
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Operating profit rose to EUR 12 million from EUR 9 million.", "positive"),
        ("The company's net loss increased sharply in the quarter.", "negative"),
        ("Losses narrowed to EUR 2 million.", "positive"),
        ("Sales did not improve and the outlook weakened.", "negative"),
        ("The company is headquartered in a fictional town.", "neutral"),
    ],
)
def test_lexicon_tone(text: str, label: str) -> None:
    result = LexiconTone().score(text)
    assert result.tone.label == label
    assert -1.0 <= result.tone.score <= 1.0
    assert 0 <= result.tone.confidence <= 100


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Committee decided today to raise its target for the federal funds rate.", "hawkish"),
        ("The central bank cut interest rates to support the economy.", "dovish"),
        ("The Committee decided to keep its target for the federal funds rate at 2 percent, "
         "noting downside risks.", "neutral"),
        ("The Fed is watching inflation pressures and may need further firming.", "hawkish"),
    ],
)
def test_stance(text: str, stance: str) -> None:
    found = StanceReader().read(text)
    assert found is not None
    assert found.stance == stance
    assert found.why


def test_no_stance_without_monetary_policy() -> None:
    assert StanceReader().read("Oil rose after a pipeline outage in a fictional port.") is None


def test_stop_phrases_hide_a_shorter_ambiguous_term(rules: DeskRules) -> None:
    medal = "The fictional swimmer took the gold medal and a silver medal in the relay."
    assert "commodities" not in {d.desk for d in rules.assign(medal)}
    assert all("medal" not in w for d in rules.score(medal) for w in d.why)
    metal = "Gold rose to a record per ounce as bullion demand from fictional funds grew."
    assert rules.assign(metal)[0].desk == "commodities"


def test_hostile_text_is_handled(rules: DeskRules) -> None:
    # Characters whose lower case is longer (İ -> i̇), control characters, a huge paste.
    odd = "İİİ\x00\x1b OIL PRICES İ rose; the \u202eyen\u202c fell " * 3
    assert rules.assign(odd)[0].desk in {"energy", "fx"}
    assert LexiconTone().score(odd).tone.label in {"positive", "negative", "neutral"}
    huge = ("The fictional central bank raised its key rate. " * 40_000)[:2_000_000]
    assert rules.assign(huge)[0].desk == "central-banks"
    assert StanceReader().read(huge) is not None

"""Foreign ministers: who holds the office on a day, and which phrases name them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from itertools import pairwise

import pytest

from signaldesk.cli import main
from signaldesk.knowledge import KnowledgeBase
from signaldesk.tag.tagger import Tagger


def _found(tagger: Tagger, text: str, day: date) -> dict[str, list[str]]:
    """Entity id -> the forms it was found by."""
    return {eid: [form for _, _, form in f.spans] for eid, f in tagger.mentions(text, day).items()}


def test_rubio_by_name_and_by_title_in_2025(tagger: Tagger) -> None:
    day = date(2025, 6, 10)
    named = _found(tagger, "Secretary of State Marco Rubio flew to Munich. Rubio said ...", day)
    assert named["person:marco-rubio"] == ["name", "surname"]
    titled = _found(tagger, "The U.S. Secretary of State said talks would resume.", day)
    assert titled["person:marco-rubio"] == ["role"]
    assert "person:antony-blinken" not in titled
    assert titled["country:US"] == ["role", "implied"]


def test_a_foreign_minister_named_alone_implies_the_country(tagger: Tagger) -> None:
    found = _found(tagger, "Lavrov said the talks had made no progress.", date(2024, 3, 1))
    assert found["person:sergey-lavrov"] == ["surname"]
    assert found["country:RU"] == ["implied"]


def test_a_quote_names_the_higher_of_two_offices(kb: KnowledgeBase) -> None:
    from signaldesk.tag.stage import DocTagger

    # Qatar's prime minister is also its foreign minister: he speaks as prime minister.
    qatar_pm = "person:mohammed-bin-abdulrahman-al-thani"
    day = date(2025, 6, 10)
    assert len(kb.roles_of(qatar_pm, day)) == 2
    title = DocTagger(kb)._role(qatar_pm, day)
    assert title is not None and "Prime Minister" in title


def test_the_same_title_names_blinken_in_2023(tagger: Tagger) -> None:
    found = _found(tagger, "The US Secretary of State arrived in Beijing.", date(2023, 6, 18))
    assert "person:antony-blinken" in found and "person:marco-rubio" not in found


def test_russian_foreign_minister_and_his_name(tagger: Tagger) -> None:
    text = "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart."
    found = _found(tagger, text, date(2024, 3, 1))
    assert found["person:sergey-lavrov"] == ["name"]  # the name follows: it is matched itself
    assert "role" in found["country:RU"]


def test_uk_secretary_of_state_for_a_department_is_no_foreign_minister(tagger: Tagger) -> None:
    for text in ("UK Secretary of State for Health Wes Streeting said waiting lists fell.",
                 "Britain's Secretary of State for Health and Social Care said so.",
                 "The Secretary of State for Health said so."):
        found = _found(tagger, text, date(2025, 3, 1))
        people = [eid for eid in found if eid.startswith("person:")]
        assert people == [], text
        assert all(f != "role" for forms in found.values() for f in forms), text


def test_country_specific_titles_stay_with_their_country(kb: KnowledgeBase) -> None:
    roles = {a.text: a.entity_id for a in kb.aliases if a.form == "role"}
    assert {"US Secretary of State", "U.S. Secretary of State", "UK Foreign Secretary",
            "British Foreign Secretary", "India's External Affairs Minister",
            "Russian Foreign Minister", "EU foreign policy chief"} <= set(roles)
    assert "Secretary of State" not in roles and "Foreign Secretary" not in roles
    for suffix, role in (("Secretary of State", "role:foreign-minister:US"),
                         ("Foreign Secretary", "role:foreign-minister:GB")):
        assert {roles[t] for t in roles if t.endswith(suffix)} == {role}
    assert "Indian Foreign Secretary" not in roles  # a civil servant in India


def test_holders_change_on_the_day(holder: Callable[[str, date], str | None]) -> None:
    assert holder("foreign-minister:US", date(2025, 1, 19)) == "person:antony-blinken"
    assert holder("foreign-minister:US", date(2025, 1, 21)) == "person:marco-rubio"
    assert holder("foreign-minister:GB", date(2024, 1, 1)) == "person:david-cameron"
    assert holder("foreign-minister:DE", date(2025, 5, 5)) == "person:annalena-baerbock"
    assert holder("foreign-minister:DE", date(2025, 5, 6)) == "person:johann-wadephul"
    assert holder("foreign-minister:CN", date(2023, 3, 1)) == "person:qin-gang"
    assert holder("foreign-minister:CN", date(2023, 8, 1)) == "person:wang-yi"
    assert holder("foreign-minister:UA", date(2024, 9, 5)) == "person:andrii-sybiha"
    assert holder("org-head:EU-HIGH-REP", date(2024, 6, 1)) == "person:josep-borrell"
    assert holder("foreign-minister:QA", date(2025, 6, 1)) == (
        "person:mohammed-bin-abdulrahman-al-thani")


def test_one_foreign_minister_at_a_time(kb: KnowledgeBase) -> None:
    spans: dict[str, list[tuple[date, date]]] = {}
    for t in kb.tenures():
        if t.role.startswith("foreign-minister:"):
            spans.setdefault(t.role, []).append((t.start, t.end or date.max))
    assert len(spans) >= 26
    for role, ranges in spans.items():
        ranges.sort()
        for (_, end), (start, _) in pairwise(ranges):
            assert end <= start, role


def test_common_word_surnames_count_only_after_the_full_name(kb: KnowledgeBase) -> None:
    surnames = {a.text for a in kb.aliases if a.form == "surname"}
    assert {"Rubio", "Lavrov", "Blinken", "Szijjártó", "Sikorski"} <= surnames
    assert not {"Wong", "Anand", "Dar", "Vieira", "Cleverly", "Hayashi"} & surnames


def test_kb_stats_counts_the_foreign_ministers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "stats"]) == 0
    entities = json.loads(capsys.readouterr().out)["entities"]
    assert entities["person"] >= 429
    assert entities["role"] >= 257  # 26 foreign ministers' and the EU's High Representative

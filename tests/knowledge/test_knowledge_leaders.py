"""Heads of state and government beyond the G20: coverage, record shape, dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from importlib import resources
from itertools import pairwise

import pycountry
import pytest

from signaldesk.knowledge import KnowledgeBase

_HEADS = ("head-of-state", "head-of-government")


@pytest.fixture(scope="module")
def people() -> list[dict[str, object]]:
    text = resources.files("signaldesk.knowledge").joinpath("data/people.json").read_text("utf-8")
    data: list[dict[str, object]] = json.loads(text)["people"]
    return data


def test_most_un_members_have_a_head_in_office_mid_2025(kb: KnowledgeBase) -> None:
    day = date(2025, 6, 1)
    heads = [t for t in kb.tenures() if t.role.startswith(_HEADS)]
    covered = {t.role.partition(":")[2] for t in heads if t.covers(day)}
    assert {"BD", "PK", "NG", "EG", "PL", "NL", "ES", "IR", "TH", "CL"} <= covered
    assert len(covered) >= 145


def test_head_roles_name_real_countries_and_end_after_they_start(kb: KnowledgeBase) -> None:
    for t in kb.tenures():
        if t.role.startswith(_HEADS):
            code = t.role.partition(":")[2]
            assert pycountry.countries.get(alpha_2=code) is not None, t
            assert f"country:{code}" in kb
        assert t.end is None or t.end > t.start, t


def test_one_holder_of_each_head_role_at_a_time(kb: KnowledgeBase) -> None:
    by_role: dict[str, list[tuple[date, date]]] = {}
    for t in kb.tenures():
        if t.role.startswith(_HEADS):
            by_role.setdefault(t.role, []).append((t.start, t.end or date.max))
    for role, spans in by_role.items():
        spans.sort()
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, role


def test_records_follow_the_file_format(people: list[dict[str, object]]) -> None:
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids))
    for p in people:
        assert set(p) == {"id", "name", "aliases", "surname", "roles"}, p["id"]
        assert isinstance(p["surname"], bool)
        name = p["name"]
        assert isinstance(name, str) and name.split()[-1] not in {"Jr.", "Jr"}, p["id"]


def test_successions_follow_the_date(holder: Callable[[str, date], str | None]) -> None:
    assert holder("head-of-government:BD", date(2023, 1, 1)) == "person:sheikh-hasina"
    assert holder("head-of-government:BD", date(2024, 8, 6)) is None  # the interregnum
    assert holder("head-of-government:BD", date(2025, 1, 1)) == "person:muhammad-yunus"
    assert holder("head-of-state:PL", date(2025, 8, 5)) == "person:andrzej-duda"
    assert holder("head-of-state:PL", date(2025, 8, 6)) == "person:karol-nawrocki"
    assert holder("head-of-state:SY", date(2025, 3, 1)) == "person:ahmed-al-sharaa"
    # Iran: the Supreme Leader is head of state, the President heads the government.
    assert holder("head-of-state:IR", date(2025, 3, 1)) == "person:ali-khamenei"
    assert holder("head-of-government:IR", date(2025, 3, 1)) == "person:masoud-pezeshkian"

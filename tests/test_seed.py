"""The page that started it all: `signaldesk process` on the seed gives expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from signaldesk.cli import main


@pytest.fixture(scope="module")
def seed(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    expected = json.loads((shared_dir / "seed" / "expected.json").read_text(encoding="utf-8"))
    html = (shared_dir / "seed" / "mni-political-risk.html").read_text(encoding="utf-8")
    work = tmp_path_factory.mktemp("seed")
    (work / "in.jsonl").write_text(
        json.dumps({"id": "seed-1", "html": html, "url": "https://example.invalid/seed"}) + "\n",
        encoding="utf-8",
    )
    assert (
        main(["process", "--input", str(work / "in.jsonl"), "--output", str(work / "out.jsonl")])
        == 0
    )
    lines = (work / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected["items"]
    return {"expected": expected, "item": json.loads(lines[0])}


def test_seed_is_kept_with_its_headline(seed: dict[str, Any]) -> None:
    item, expected = seed["item"], seed["expected"]
    assert "dropped" not in item, item.get("drop_detail")
    assert item["id"] == "seed-1"
    assert item["headline"] == expected["headline"]


def test_seed_body_appears_once_without_chrome(seed: dict[str, Any]) -> None:
    item, expected = seed["item"], seed["expected"]
    bounds = expected["body_word_count"]
    assert bounds["min"] <= item["word_count"] <= bounds["max"]
    assert bounds["min"] <= len(item["text"].split()) <= bounds["max"]
    for phrase in expected["body_must_not_contain"]:
        assert phrase not in item["text"], phrase
    assert item["text"].count("five people familiar with the talks") == 1


def test_seed_desk_entities_and_instruments(seed: dict[str, Any]) -> None:
    item, expected = seed["item"], seed["expected"]
    assert item["desks"][0]["desk"] == expected["desks_top"]
    assert all(d["why"] for d in item["desks"])
    ids = {e["id"] for e in item["entities"]}
    for code in expected["countries"]:
        assert f"country:{code}" in ids, code
    people = {e["name"] for e in item["entities"] if e["type"] == "person"}
    assert set(expected["people"]) <= people
    symbols = {i["symbol"] for i in item["instruments"]}
    assert symbols & set(expected["instruments_any_of"])


def test_seed_attribution_and_quote(seed: dict[str, Any]) -> None:
    item, expected = seed["item"], seed["expected"]
    assert item["attribution"] == expected["attribution"]
    for want in expected["quotes"]:
        found = [q for q in item["quotes"] if q["speaker"] == want["speaker"]]
        assert found, item["quotes"]
        assert want["role_contains"] in (found[0]["role"] or "")
        assert found[0]["text"].startswith(want["text_starts"])


def test_seed_bullets(seed: dict[str, Any]) -> None:
    item, expected = seed["item"], seed["expected"]
    assert expected["bullets"]["min"] <= len(item["bullets"]) <= expected["bullets"]["max"]
    assert item["lead"] and "Reuters" in item["lead"]

"""The tag stage contract, instruments, quotes and attribution (fictional texts)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from signaldesk.errors import ConfigError
from signaldesk.knowledge import load_kb
from signaldesk.models import Doc
from signaldesk.pipeline import Context, Pipeline, check_stages
from signaldesk.settings import Settings
from signaldesk.tag import InstrumentMap, QuoteFinder, TagStage, attribution

TEXTS = [
    "The Bank of Japan kept rates on hold. The central bank said the yen was weak.",
    "OPEC+ agreed to extend output cuts, according to a statement from the group.",
    "Ministers from Canada met in Ottawa.",
    "",
    "Nothing here names anything at all.",
]


def _run(texts: list[str], batch_size: int, stage: TagStage | None = None) -> list[Doc]:
    docs = [Doc(id=str(i), text=t) for i, t in enumerate(texts)]
    with Pipeline([stage or TagStage()], Context(Settings())) as pipe:
        return list(pipe.pipe(docs, batch_size=batch_size))


def _plain(doc: Doc) -> dict[str, object]:
    return {k: v for k, v in doc.to_item().items() if k in ("entities", "instruments",
                                                            "quotes", "attribution")}


def test_batch_of_one_equals_batch_of_n_and_is_deterministic() -> None:
    one = [_plain(d) for d in _run(TEXTS, 1)]
    many = [_plain(d) for d in _run(TEXTS, 5)]
    assert one == many == [_plain(d) for d in _run(TEXTS, 5)]
    assert _run([], 3) == []


def test_stage_declares_its_fields() -> None:
    stage = TagStage()
    assert stage.name == "tag" and stage.requires == {"text"}
    assert stage.assigns == {"entities", "instruments", "quotes", "attribution"}
    check_stages([stage])


def test_instruments_carry_their_path() -> None:
    boj, opec, canada, *_ = _run(TEXTS, 5)
    vias = {i.symbol: i.via for i in boj.instruments}
    assert vias["JGB"] == "cb:BOJ > JGB"
    assert vias["USDJPY"] == "cb:BOJ > currency:JPY > USDJPY"
    assert {i.symbol for i in opec.instruments} >= {"BRENT", "WTI"}
    assert any(i.via.startswith("org:opec-plus") for i in opec.instruments)
    assert "USDCAD" in {i.symbol for i in canada.instruments}
    for doc in (boj, opec, canada):
        assert all(asdict(i)["kind"] for i in doc.instruments)


def test_instrument_mapping_file_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"min_relevance": 0, "entities": {
        "country:CA": [{"symbol": "CADJPY", "kind": "fx-pair"}]}}))
    canada = _run([TEXTS[2]], 1, TagStage(instrument_map=path))[0]
    assert [i.symbol for i in canada.instruments] == ["CADJPY"]
    path.write_text("{not json")
    with pytest.raises(ConfigError, match=r"map\.json"):
        InstrumentMap.load(path)


def test_quote_shapes() -> None:
    finder = QuoteFinder()
    text = (
        'Dana Whitlock, chief economist at a fictional bank, said: "We expect two cuts this '
        'year." Later she added, "The labour market is cooling fast." "Prices will ease '
        'soon," said Omar Reyes, a trader in a made-up fund. "We are watching every data '
        'point," Whitlock said. A "safe haven" remark is not a quote.'
    )
    quotes = finder.find(text, [])
    assert [(q.speaker, q.text[:12]) for q in quotes] == [
        ("Dana Whitlock", "We expect tw"),
        ("Dana Whitlock", "The labour m"),
        ("Omar Reyes", "Prices will "),
        ("Dana Whitlock", "We are watch"),
    ]
    assert quotes[0].role == "chief economist at a fictional bank"
    assert quotes[2].role == "a trader in a made-up fund"


def test_attribution_shapes() -> None:
    a = attribution("Bloomberg reported, citing people familiar with the matter, that a deal "
                    "is near.", None)
    assert a is not None and a.outlet == "Bloomberg"
    assert a.sourcing == "people familiar with the matter"
    b = attribution("The group cut output, according to a statement on its website.", "Wire")
    assert b is not None and (b.outlet, b.sourcing) == ("Wire", "a statement on its website")
    c = attribution("Two officials familiar with the plan told Reuters the talks stalled.", None)
    assert c is not None and c.outlet == "Reuters"
    assert attribution("Nothing is attributed here.", None) is None


def test_kb_is_shared_through_the_context() -> None:
    ctx = Context(Settings())
    kb = ctx.shared("kb", load_kb)
    stage = TagStage()
    stage.open(ctx)
    assert ctx.shared("kb", load_kb) is kb
    with pytest.raises(RuntimeError, match="open"):
        TagStage().process_doc(Doc(id="x", text="Japan"))


def test_quote_role_comes_from_the_knowledge_base_when_the_text_has_none() -> None:
    # Known people (from the knowledge base, by the stage) lend their role to a quote.
    text = '"Our fictional index will rise next quarter," said Dana Whitlock.'
    quotes = QuoteFinder().find(text, [("Dana Whitlock", "Chief Economist, Example Bank")])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Dana Whitlock", "Chief Economist, Example Bank")]

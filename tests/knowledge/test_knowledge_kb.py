"""The knowledge base: coverage, links, office holders by date, lookups."""

from __future__ import annotations

from datetime import date

import pytest

from signaldesk.knowledge import KnowledgeBase, load_kb


def test_every_iso_country_and_currency_is_there(kb: KnowledgeBase) -> None:
    import pycountry

    assert len(kb.entities("country")) == len(pycountry.countries)
    assert {c.alpha_3 for c in pycountry.currencies} <= {e.code for e in kb.entities("currency")}


def test_minimum_counts(kb: KnowledgeBase) -> None:
    counts = kb.counts()
    assert counts["cb"] >= 40
    assert counts["person"] >= 60
    assert counts["org"] >= 10 and counts["commodity"] >= 15
    assert counts["bond"] >= 10 and counts["index"] >= 20


def test_country_links(kb: KnowledgeBase) -> None:
    jp = kb.get("country:JP")
    assert jp.links == {"currency": "currency:JPY", "cb": "cb:BOJ", "bond": "bond:JGB10Y",
                        "index": "index:NIKKEI225"}
    assert kb.linked("country:KR", "currency") == kb.get("currency:KRW")
    assert kb.linked("country:DE", "currency") == kb.get("currency:EUR")


def test_central_bank_lookup(kb: KnowledgeBase) -> None:
    boj = kb.central_bank("BOJ")
    assert boj is kb.central_bank("cb:BOJ")
    assert boj.links["currency"] == "currency:JPY" and boj.links["curve"] == "curve:JGB"
    assert kb.central_bank("fed").attrs["body"].startswith("Federal Open Market Committee")
    for abbr in ("FOMC", "ECB", "BoE", "PBOC", "BoK", "SNB", "RBA", "RBNZ", "BoC",
                 "Norges Bank", "Riksbank", "RBI", "BCB", "Banxico", "CBRT", "SARB"):
        assert [e.type for e in kb.lookup(abbr)] == ["cb"], abbr


def test_slang_names_currencies(kb: KnowledgeBase) -> None:
    for slang, code in (("greenback", "USD"), ("yen", "JPY"), ("the won", "KRW"),
                        ("renminbi", "CNY"), ("yuan", "CNY"), ("loonie", "CAD"),
                        ("aussie", "AUD"), ("kiwi", "NZD"), ("cable", "GBP")):
        assert f"currency:{code}" in [e.id for e in kb.lookup(slang)], slang
    assert kb.fx_pair("JPY") == "USDJPY" and kb.fx_pair("EUR") == "EURUSD"
    assert kb.fx_pair("CNY") == "USDCNH" and kb.fx_pair("USD") is None


def test_country_names_demonyms_capitals(kb: KnowledgeBase) -> None:
    for name in ("SK", "S. Korea", "South Korean", "Seoul"):
        assert [e.id for e in kb.lookup(name)] == ["country:KR"], name
    assert [e.id for e in kb.lookup("Pyongyang")] == ["country:KP"]
    assert [e.id for e in kb.lookup("U.S.")] == ["country:US"]
    assert [e.id for e in kb.lookup("Japanese")] == ["country:JP"]
    assert "Washington" in kb.names("country:US")


def test_office_holder_depends_on_the_date(kb: KnowledgeBase) -> None:
    assert kb.holder("head-of-state:US", date(2019, 6, 1)) == kb.get("person:donald-trump")
    assert kb.holder("head-of-state:US", date(2023, 6, 1)) == kb.get("person:joe-biden")
    assert kb.holder("head-of-state:US", date(2025, 6, 1)) == kb.get("person:donald-trump")
    assert kb.holder("cb-governor:BOJ", date(2020, 1, 1)) == kb.get("person:haruhiko-kuroda")
    assert kb.holder("cb-governor:BOJ", date(2024, 1, 1)) == kb.get("person:kazuo-ueda")
    assert kb.holder("cb-governor:BOJ", date(1990, 1, 1)) is None
    fleitz = kb.roles_of("person:fred-fleitz")
    assert "National Security Council" in fleitz[0].title


def test_ids_are_namespaced_and_unknown_ids_say_so(kb: KnowledgeBase) -> None:
    prefixes = {e.id.split(":", 1)[0] for e in kb.entities()}
    assert prefixes == {e.type for e in kb.entities()}
    assert "org:opec-plus" in kb and "commodity:brent" in kb and "bond:JGB10Y" in kb
    with pytest.raises(KeyError, match="country:XX"):
        kb.get("country:XX")


def test_load_is_pure() -> None:
    a, b = load_kb(), load_kb()
    assert a.counts() == b.counts() and len(a.aliases) == len(b.aliases)
    assert a.version == b.version

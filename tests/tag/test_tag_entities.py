"""Tagging on short texts written for these tests (fictional events)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from signaldesk.knowledge import KnowledgeBase
from signaldesk.models import Doc
from signaldesk.tag import DocTagger, Tagger


@pytest.fixture(scope="module")
def doc_tagger(kb: KnowledgeBase) -> DocTagger:
    return DocTagger(kb)


DAY = date(2024, 3, 1)


def ids(tagger: Tagger, text: str, day: date = DAY) -> set[str]:
    return set(tagger.mentions(text, day))


def test_word_boundaries_and_case(tagger: Tagger) -> None:
    assert ids(tagger, "The woman told us about a romance in Chile.") == {"country:CL"}
    assert "country:US" in ids(tagger, "The US economy grew.")
    assert "country:US" in ids(tagger, "US-led talks resumed; US presidential hopefuls met.")
    assert "country:US" not in ids(tagger, "Let us go.")
    assert "country:JP" in ids(tagger, "JAPAN RAISES FUEL TAX")


def test_turkey_country_or_bird(tagger: Tagger) -> None:
    assert "country:TR" in ids(tagger, "Turkey raised its policy rate on Thursday.")
    assert "country:TR" not in ids(tagger, "Shoppers bought turkey for the holiday.")
    assert "country:TR" not in ids(tagger, "Turkey sandwiches were served at the meeting.")


def test_fed_or_fed_up(tagger: Tagger) -> None:
    assert "cb:FED" in ids(tagger, "The Fed held rates steady.")
    assert "cb:FED" not in ids(tagger, "Fed up with delays, the traders left.")
    assert "cb:FED" not in ids(tagger, "The ducks were fed twice a day.")


def test_georgia_state_or_country(tagger: Tagger) -> None:
    assert "country:GE" in ids(tagger, "Georgia and Armenia signed a transit deal in Tbilisi.")
    assert "country:GE" not in ids(
        tagger, "Voters in Georgia lined up in Atlanta for the Senate primary."
    )


def test_jordan_person_or_country(tagger: Tagger) -> None:
    assert "country:JO" in ids(tagger, "Jordan closed its border crossing on Monday.")
    assert "country:JO" not in ids(tagger, "The forward, Michael Jordan, scored twice.")
    found = ids(tagger, "Former SNB chairman Thomas Jordan spoke in Zurich.")
    assert "person:thomas-jordan" in found and "country:JO" not in found


def test_china_or_bank_of_china(tagger: Tagger) -> None:
    found = ids(tagger, "Bank of China raised its deposit rates.")
    assert "org:bank-of-china" in found and "country:CN" not in found
    assert "cb:PBOC" in ids(tagger, "The People's Bank of China cut the reserve ratio.")


def test_surname_after_full_name_is_coreferent(tagger: Tagger) -> None:
    found = tagger.mentions("Analyst Fred Fleitz met officials. Later Fleitz left.", DAY)
    assert len(found["person:fred-fleitz"].spans) == 2
    # Without the full name first, a surname that is not famous alone is not tagged.
    assert "person:fred-fleitz" not in ids(tagger, "Later Fleitz left.")
    # Another first name before the surname is another person.
    assert "person:donald-trump" not in ids(tagger, "Eric Trump opened a hotel.")


def test_the_central_bank_refers_back(tagger: Tagger) -> None:
    found = tagger.mentions("The Bank of Japan met. The central bank kept its rate.", DAY)
    assert len(found["cb:BOJ"].spans) == 2
    assert "cb:BOJ" not in ids(tagger, "The central bank kept its rate.")


def test_role_phrase_names_the_holder_of_the_day(tagger: Tagger) -> None:
    text = "The BoJ Governor said wages matter."
    assert "person:haruhiko-kuroda" in ids(tagger, text, date(2019, 1, 10))
    assert "person:kazuo-ueda" in ids(tagger, text, date(2024, 1, 10))
    assert "cb:BOJ" in ids(tagger, text)


def test_currency_slang_needs_market_context(tagger: Tagger) -> None:
    assert "currency:GBP" in ids(tagger, "Cable rose to 1.2710 against the dollar.")
    assert "currency:GBP" not in ids(tagger, "The cable car was closed for repairs.")
    assert "currency:KRW" in ids(tagger, "The won weakened past 1,400.")
    assert "currency:KRW" not in ids(tagger, "The team won the cup.")


def test_relevance_follows_headline_lead_and_mentions(doc_tagger: DocTagger) -> None:
    doc = Doc(id="r", title="Norway lifts fuel tax",
              text="Norway lifted its fuel tax on Monday. Norway said the change is small. "
                   "Officials in Norway expect little effect.\n" + "Filler sentence. " * 30
                   + "A delegation from Peru visited.")
    doc_tagger.tag(doc, DAY)
    by_id = {e.id: e for e in doc.entities}
    assert by_id["country:NO"].relevance > 75 and by_id["country:NO"].mentions >= 3
    assert by_id["country:PE"].relevance < 50
    assert [e.relevance for e in doc.entities] == sorted(
        (e.relevance for e in doc.entities), reverse=True)


def test_hostile_text_does_not_break_offsets(doc_tagger: DocTagger) -> None:
    doc = Doc(id="h", text="İİİ Japan \x00 " + "😀" * 50 + " Korea\u200b! " + "x" * 100_000)
    doc_tagger.tag(doc, DAY)
    assert {"country:JP", "country:KR"} <= {e.id for e in doc.entities}
    empty = Doc(id="e", text="")
    doc_tagger.tag(empty, DAY)
    assert empty.entities == [] and empty.quotes == [] and empty.attribution is None


def test_published_at_picks_the_office_holder(doc_tagger: DocTagger) -> None:
    doc = Doc(id="p", text="The US President spoke about tariffs.",
              published_at=datetime(2022, 5, 1, tzinfo=UTC))
    doc_tagger.tag(doc, date(2026, 1, 1))
    assert "person:joe-biden" in {e.id for e in doc.entities}


def test_countries_implied_by_central_banks_and_officials(tagger: Tagger) -> None:
    found = tagger.mentions("The BoJ held rates; Putin spoke later.", date(2024, 5, 1))
    assert {"country:JP", "country:RU"} <= set(found)
    assert {form for _, _, form in found["country:JP"].spans} == {"implied"}
    speaker = tagger.mentions("Kazuo Ueda spoke on wages.", date(2024, 5, 1))
    assert {"cb:BOJ", "country:JP"} <= set(speaker)
    # A former official implies nothing: Kuroda left the BoJ in 2023.
    assert "country:JP" not in ids(tagger, "Haruhiko Kuroda gave a lecture.", date(2024, 5, 1))


def test_names_broken_by_whitespace_still_match(tagger: Tagger) -> None:
    text = "Officials at the Bank of\nJapan met.   The  Bank  of  England   waited."
    found = tagger.mentions(text, DAY)
    assert {"cb:BOJ", "cb:BOE"} <= set(found)
    s, e, _ = found["cb:BOE"].spans[0]
    assert text[s:e] == "Bank  of  England"


def test_metals_are_commodities_and_real_yields_are_not_reais(tagger: Tagger) -> None:
    found = ids(tagger, "Gold hits a record as real yields fall; silver follows.")
    assert {"commodity:gold", "commodity:silver"} <= found
    assert not {i for i in found if i.startswith("currency:")}
    assert "currency:GBP" not in ids(tagger, "The parcel weighed 5 pounds.")


def test_place_names_used_as_personal_names(tagger: Tagger) -> None:
    found = ids(tagger, "Analyst Sofia Bellandi expects a cut. Economist Rafael Montenegro agreed.")
    assert "country:BG" not in found and "country:ME" not in found
    assert "country:BG" in ids(tagger, "Talks resumed in Sofia on Monday.")
    assert "country:IT" in ids(tagger, "Help Italy, the minister said.")


def test_a_bare_peso_is_the_local_peso(tagger: Tagger) -> None:
    found = ids(tagger, "Argentina let the peso slide 2% against the dollar.")
    assert "currency:ARS" in found and "currency:MXN" not in found
    assert "currency:MXN" in ids(tagger, "Traders sold the peso against the dollar.")


def test_units_named_after_countries_are_not_countries(tagger: Tagger) -> None:
    text = "Spot LNG rose to $13.10 per million British thermal units."
    assert "country:GB" not in ids(tagger, text)
    assert "country:GB" in ids(tagger, "British lawmakers voted on the budget.")

"""BriefStage: headline, lead with attribution, diverse extractive bullets, word count."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaldesk.brief import BriefStage, clean_title, word_count
from signaldesk.models import Attribution, Doc, Entity

# A fictional story, written for these tests: the first sentences are colour, the
# market content comes later.
STORY = """It was a grey morning in the fictional port city of Valdora on Tuesday.

Dock workers gathered early outside the harbour gates, as they have for decades.

The Valdoran central bank raised its policy rate by 50 basis points to 6.25%, citing inflation.

The valdo fell 1.8% against the dollar after the decision, its steepest drop in a year.

"We will do what it takes to bring prices back under control," Governor Ana Ruiz said.

Local cafes reported a busy lunchtime trade, owners said.
"""

ENTITIES = [
    Entity("cb:VCB", "Valdoran central bank", "cb", relevance=90),
    Entity("currency:VLD", "valdo", "currency", relevance=60),
    Entity("person:ana-ruiz", "Ana Ruiz", "person", relevance=40),
]


def _brief(doc: Doc) -> Doc:
    BriefStage().process([doc])
    return doc


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        ("Valdora Hikes Rates - Reuters", None, "Valdora Hikes Rates"),
        ("Valdora Hikes Rates | The Fictional Times", None, "Valdora Hikes Rates"),
        ("Valdora Hikes Rates - Harbour Daily", "Harbour Daily", "Valdora Hikes Rates"),
        ("Valdora Hikes Rates - Analysts Split", None, "Valdora Hikes Rates - Analysts Split"),
        ("Oil - a fictional primer", None, "Oil - a fictional primer"),
        ("UPDATE 2-Valdora Hikes Rates - Reuters", None, "Valdora Hikes Rates"),
        ("EXCLUSIVE-Valdora weighs bond sale | Harbour Daily", None, "Valdora weighs bond sale"),
    ],
)
def test_headline_loses_outlet_suffix_only(title: str, source: str | None, expected: str) -> None:
    assert clean_title(title, [source] if source else []) == expected


def test_headline_falls_back_to_first_sentence() -> None:
    doc = _brief(Doc(id="a", text=STORY))
    assert doc.headline == "It was a grey morning in the fictional port city of Valdora on Tuesday."


def test_bullets_carry_the_market_content_not_the_first_sentences() -> None:
    doc = _brief(Doc(id="b", title="Valdora hikes", text=STORY, entities=ENTITIES))
    assert 2 <= len(doc.bullets) <= 4
    joined = " ".join(doc.bullets)
    assert "50 basis points" in joined
    assert "fell 1.8%" in joined
    assert "Dock workers" not in joined
    assert "cafes" not in joined
    assert all(b in STORY for b in doc.bullets)  # extractive: source sentences, verbatim
    positions = [STORY.index(b) for b in doc.bullets]
    assert positions == sorted(positions)


def test_bullets_work_without_entities() -> None:
    doc = _brief(Doc(id="c", text=STORY))
    assert 2 <= len(doc.bullets) <= 4
    assert any("basis points" in b for b in doc.bullets)


def test_lead_keeps_the_attribution() -> None:
    text = (
        "Officials met late into the night in the fictional capital.\n\n"
        "Harbour Daily reported, citing two people familiar with the talks, that a deal "
        "on grain exports was close.\n\nGrain futures rose 2% in early trade."
    )
    attribution = Attribution("Harbour Daily", "two people familiar with the talks")
    doc = _brief(Doc(id="d", text=text, attribution=attribution))
    assert doc.lead is not None
    assert "two people familiar with the talks" in doc.lead
    assert doc.lead.startswith("Officials met")


def test_existing_bullet_paragraphs_are_preferred() -> None:
    paragraphs = [
        "Valdora's central bank surprised markets with a fictional rate hike on Tuesday.",
        "• The hike is the first in three years of the fictional easing cycle.",
        "• Analysts now expect one more move before the end of the year.",
        "• The valdo recovered part of its losses by the close.",
    ]
    doc = _brief(Doc(id="e", text="\n\n".join(paragraphs), paragraphs=paragraphs))
    assert doc.bullets == [p[2:] for p in paragraphs[1:]]
    assert doc.lead == paragraphs[0]


def test_list_items_of_the_page_are_bullets_even_without_markers() -> None:
    paragraphs = [
        "The fictional Valdoran central bank held rates on Tuesday, as expected.",
        "Policymakers signalled two more hikes are likely before the end of the year.",
        "The valdo firmed 0.4% against the dollar after the statement.",
        "Bond yields in the fictional republic rose 10 basis points on the day.",
    ]
    html = (
        "<html><body><nav><ul><li>Home</li><li>Markets</li></ul></nav><article>"
        f"<p>{paragraphs[0]}</p><ul><li>{paragraphs[1]}</li><li>{paragraphs[3]}</li></ul>"
        f"<p>{paragraphs[2]}</p></article></body></html>"
    )
    doc = _brief(Doc(id="g", html=html, text="\n\n".join(paragraphs), paragraphs=paragraphs))
    assert doc.bullets == [paragraphs[1], paragraphs[3]]


def test_word_count_and_empty_text() -> None:
    assert word_count("One two, three - 4 • five.") == 5
    doc = _brief(Doc(id="f", text=""))
    assert doc.word_count == 0 and doc.bullets == [] and doc.headline is None


def test_seed_brief(shared_dir: Path) -> None:
    raw = (shared_dir / "seed" / "000_18edca71a986250d.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines()]
    title = lines[2]
    body_lines = lines[lines.index("POLITICAL RISK") + 1 : next(
        i for i, ln in enumerate(lines) if ln.endswith("words")
    )]
    paragraphs = [ln for ln in body_lines if ln]
    doc = _brief(Doc(
        id="seed", title=title, text="\n\n".join(paragraphs), paragraphs=paragraphs,
        attribution=Attribution("Reuters", "five people familiar with the talks"),
    ))
    assert doc.headline == "Trump Allies Assure Japan & SK On Cooperation In Any 2nd Term"
    assert 2 <= len(doc.bullets) <= 4
    assert doc.lead is not None and "five people familiar with the talks" in doc.lead
    assert 225 <= (doc.word_count or 0) <= 240


def test_hostile_bodies_do_not_break_the_brief() -> None:
    huge = "Prices rose 1% in the fictional market. " * 50_000
    doc = _brief(Doc(id="h", text=huge, html="<li>" * 10_000))
    assert 2 <= len(doc.bullets) <= 4 and doc.word_count == 7 * 50_000
    junk = _brief(Doc(id="j", text="\x00 \u202e ... ??? !!!", title="  |  "))
    assert junk.bullets == [] and junk.word_count == 0 and junk.headline is None

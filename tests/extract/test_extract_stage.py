"""The extract stage contract: assigns its fields, drops with reasons, batch-size blind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from signaldesk.extract import ExtractStage
from signaldesk.extract.meta import page_address
from signaldesk.models import Doc
from signaldesk.pipeline import Context
from signaldesk.settings import Settings

# A fictional page written for these tests.
PAGE = """<!doctype html><html lang="en"><head>
<title>Ruritania Central Bank Holds Rates | The Zenda Ledger</title>
<meta property="og:title" content="Ruritania Central Bank Holds Rates">
<meta property="article:published_time" content="2031-03-04T09:30:00+01:00">
<meta property="article:modified_time" content="2031-03-04T11:00:00+01:00">
<meta property="article:section" content="Central Banks">
<meta name="author" content="By Anna Fictive">
<link rel="canonical" href="https://zenda-ledger.example/rcb-holds">
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<div class="cookie-banner"><p>We use cookies to improve this fictional site.</p></div>
<article><h1>Ruritania Central Bank Holds Rates</h1>
<p>The fictional Ruritania Central Bank kept its policy rate at 3.25 percent on Tuesday,
saying inflation in the imaginary kingdom had cooled for a third straight month.</p>
<p>Governor Imre Placeholder told reporters the board saw no need to move before the
summer, though two members argued for a quarter-point cut.</p>
<ul><li>Core inflation slowed to 2.4 percent in the invented February data.</li>
<li>The Ruritanian crown firmed slightly against the euro after the decision.</li></ul>
<div class="newsletter-signup"><p>Sign up for our newsletter to get the Ledger daily.</p></div>
<div class="share-bar"><a href="#">Share on X</a></div>
</article>
<section class="related-stories"><h2>Related</h2><ul><li><a href="/a">Other story one</a></li>
<li><a href="/b">Other story two</a></li></ul></section>
<footer>Copyright The Zenda Ledger, a fictional paper.</footer>
</body></html>"""


T0 = datetime(2031, 3, 5, tzinfo=UTC)


def _stage(**overrides: object) -> ExtractStage:
    stage = ExtractStage()
    stage.open(Context(settings=Settings(**overrides)))  # type: ignore[arg-type]
    return stage


def test_page_fields_are_assigned() -> None:
    doc = Doc(id="d1", html=PAGE, url="https://zenda-ledger.example/x?utm=1")
    _stage().process([doc])
    assert doc.dropped is None
    assert doc.title == "Ruritania Central Bank Holds Rates"
    assert doc.paragraphs[0].startswith("The fictional Ruritania Central Bank kept")
    assert "Core inflation slowed to 2.4 percent in the invented February data." in doc.paragraphs
    assert doc.text == "\n\n".join(doc.paragraphs)
    for chrome in ("cookies", "newsletter", "Share on", "Other story", "Copyright", "Markets"):
        assert chrome not in doc.text, chrome
    assert doc.byline == "Anna Fictive"
    assert doc.published_at == datetime(2031, 3, 4, 8, 30, tzinfo=UTC)
    assert doc.updated_at is not None and doc.updated_at.utcoffset() is not None
    assert doc.canonical_url == "https://zenda-ledger.example/rcb-holds"
    assert doc.section == "Central Banks"
    assert doc.lang == "en"
    assert doc.paywalled is False


def test_text_only_input_gets_paragraphs() -> None:
    doc = Doc(id="t1", text="First invented paragraph about crown futures.\n\nSecond one, "
              "also invented, about the Zenda bond auction.", title="Crown futures")
    _stage().process([doc])
    assert doc.paragraphs == ["First invented paragraph about crown futures.",
                              "Second one, also invented, about the Zenda bond auction."]
    assert doc.title == "Crown futures"


def test_html_summary_only() -> None:
    doc = Doc(id="s1", summary="<p>An invented summary of the Zenda bond auction, which "
              "drew strong demand from fictional pension funds.</p>")
    _stage().process([doc])
    assert doc.dropped is None
    assert doc.paragraphs == ["An invented summary of the Zenda bond auction, which drew strong "
                              "demand from fictional pension funds."]


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (Doc(id="e1"), "empty"),
        (Doc(id="e2", html="   \n "), "empty"),
        (Doc(id="e3", html="<html><body><nav>Home</nav></body></html>"), "empty"),
        (Doc(id="e4", html='<html><body><div class="cookie-banner">We use cookies.</div>'
                            "</body></html>"), "empty"),
        (Doc(id="b1", html="%PDF-1.7\x00\x01binary"), "not_html"),
    ],
)
def test_drops_carry_reasons(doc: Doc, reason: str) -> None:
    _stage().process([doc])
    assert doc.dropped == reason
    assert doc.dropped_by == "extract"
    assert doc.drop_detail and doc.id in doc.drop_detail


def test_too_large_uses_the_setting() -> None:
    doc = Doc(id="big", html=PAGE)
    _stage(extract_max_bytes=1000).process([doc])
    assert doc.dropped == "too_large"


def test_batch_of_one_equals_batch_of_many() -> None:
    def make() -> list[Doc]:
        return [Doc(id="a", html=PAGE), Doc(id="b"), Doc(id="c", text="Invented text only.")]

    many = _stage().process(make())
    singles = [_stage().process([d])[0] for d in make()]
    assert [d.to_item() for d in many] == [d.to_item() for d in singles]
    assert _stage().process([]) == []


@pytest.mark.parametrize(("canonical", "url", "expected"), [
    ("https://zenda-ledger.example/", "https://zenda-ledger.example/rcb-holds",
     "https://zenda-ledger.example/rcb-holds"),
    ("https://zenda-ledger.example", None, None),
    ("https://wire.example/rcb-holds", "https://zenda-ledger.example/reprint",
     "https://wire.example/rcb-holds"),
    ("https://zenda-ledger.example/?p=41", "https://zenda-ledger.example/rcb-holds",
     "https://zenda-ledger.example/?p=41"),
    (None, "https://zenda-ledger.example/rcb-holds", "https://zenda-ledger.example/rcb-holds"),
    ("https://[bad/", "https://zenda-ledger.example/rcb-holds",
     "https://zenda-ledger.example/rcb-holds"),
])
def test_a_home_page_canonical_never_names_an_article(
    canonical: str | None, url: str | None, expected: str | None
) -> None:
    assert page_address(canonical, url) == expected


def test_two_articles_naming_the_home_page_as_canonical_stay_two_items() -> None:
    """The CMS bug end to end: the second article must not become a revision of the first."""
    from signaldesk.dedupe import DedupeStage

    home = PAGE.replace("https://zenda-ledger.example/rcb-holds", "https://zenda-ledger.example/")
    start, end = home.index("<article>"), home.index("</article>")
    other = home[:start] + (
        "<article><h1>Port strike enters third week</h1><p>Dockers at the invented harbour "
        "of Strelsau stayed out for a third week on Monday, and shipping agents said more "
        "than thirty vessels were waiting to unload grain and fertiliser.</p><p>The union "
        "rejected a revised pay offer from the port authority late on Sunday, saying it "
        "did not cover the rise in the imaginary kingdom's living costs.</p>") + home[end:]
    pages = [home, other]
    ctx = Context(settings=Settings(), clock=lambda: T0)
    docs = [Doc(id=f"d{i}", html=html, url=f"https://zenda-ledger.example/story-{i}")
            for i, html in enumerate(pages)]
    extract, dedupe = ExtractStage(), DedupeStage()
    for stage in (extract, dedupe):
        stage.open(ctx)
    out = dedupe.process(extract.process(docs))
    assert [(d.item_id, d.action, d.dropped) for d in out] == [
        ("d0", "created", None), ("d1", "created", None)]

"""Hostile input: the extractor never crashes or hangs; it returns text or a reason."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaldesk.extract import ExtractFailed, Extractor, ExtractStage
from signaldesk.models import Doc
from signaldesk.pipeline import Context
from signaldesk.settings import Settings

REASONS = {"empty", "too_large", "not_html", "extract_failed", "extract_timeout"}
TAGS = ["p", "div", "span", "b", "table", "tr", "td", "ul", "li", "script", "style", "a", "h1",
        "article", "nav", "section", "html", "body", "head", "title", "meta", "br", "!--"]


def _stage(**overrides: object) -> ExtractStage:
    stage = ExtractStage()
    stage.open(Context(settings=Settings(**overrides)))  # type: ignore[arg-type]
    return stage


markup = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(['<p class="paywall">', '<div hidden>', "<meta charset=latin-1>",
                         '<script type="application/ld+json">{"isAccessibleForFree": false',
                         "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "<?xml?>"]),
        st.text(max_size=40),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=markup)
def test_broken_markup_never_raises(page: str) -> None:
    doc = Doc(id="fuzz", html=page)
    _stage().process([doc])
    assert (doc.dropped in REASONS) or (doc.text and doc.paragraphs)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), content_type=st.sampled_from(
    [None, "text/html", "text/html; charset=utf-16", "text/html; charset=bogus-42",
     "text/html; charset=shift_jis", "application/pdf"]))
def test_bytes_with_any_charset_never_raise(data: bytes, content_type: str | None) -> None:
    try:
        found = Extractor().extract_html(data, content_type=content_type)
    except ExtractFailed as exc:
        assert exc.reason in REASONS
    else:
        assert found.paragraphs and found.text


def test_twenty_megabyte_page_is_dropped_as_too_large() -> None:
    page = "<html><body>" + "<p>invented filler words</p>" * 800_000 + "</body></html>"
    assert len(page) > 20_000_000
    doc = Doc(id="huge", html=page)
    _stage().process([doc])
    assert doc.dropped == "too_large"


def test_ten_thousand_nested_elements() -> None:
    page = ("<html><body>" + "<div>" * 10_000 + "<p>An invented sentence deep inside the "
            "page, long enough to count as a paragraph of text.</p>" + "</div>" * 10_000
            + "</body></html>")
    doc = Doc(id="deep", html=page)
    _stage().process([doc])
    assert doc.dropped in REASONS or "invented sentence" in (doc.text or "")


def test_slow_page_is_dropped_by_the_time_budget() -> None:
    # A big but allowed page with a budget far too small for it.
    page = "<html><body>" + "<p>invented words for a slow page.</p><div>x</div>" * 40_000
    doc = Doc(id="slow", html=page + "</body></html>")
    _stage(extract_timeout_s=0.01).process([doc])
    assert doc.dropped == "extract_timeout"


def test_other_documents_survive_a_bad_one() -> None:
    docs = [Doc(id="bad", html="\x00\x01\x02" * 100),
            Doc(id="good", text="An invented paragraph that survives its bad neighbour.")]
    _stage().process(docs)
    assert docs[0].dropped == "not_html"
    assert docs[1].dropped is None and docs[1].paragraphs

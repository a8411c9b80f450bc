"""The lexbor fast path: taken on a clean article, declined elsewhere, bounded, switchable."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from signaldesk.extract import ExtractFailed, Extractor, ExtractStage, fast
from signaldesk.pipeline import Context
from signaldesk.settings import Settings

# An invented article: a header, a navigation menu, a share bar, a related-stories list and
# a footer around six paragraphs of prose.
PROSE = [
    "The harbour authority of the invented town of Westmere said on Tuesday that it would "
    "double the number of berths for cargo ships by the end of next year, citing demand.",
    "Officials told reporters that the expansion, budgeted at forty million crowns, would be "
    "paid for by a levy on containers rather than by the town's general budget.",
    "Local fishermen, who share the quay with the cargo lines, said they had not been "
    "consulted and feared that the dredging would drive the cod away from the bay.",
    "The authority's director answered that a survey of the sea floor had been ordered, and "
    "that no work would start before its results were published in the spring.",
    "Shipping lines welcomed the plan. One of them, an invented company called Nordlys "
    "Freight, said it would move two weekly routes to Westmere once the berths are ready.",
    "The town council votes on the levy next month; three of its eleven members have said "
    "they will oppose it unless the fishermen are given a seat on the project's board.",
]
MENU = '<nav class="menu"><ul>' + "".join(
    f'<li><a href="/s/{n}">Section {n}</a></li>' for n in range(12)) + "</ul></nav>"
CHROME_AFTER = (
    '<div class="share-bar"><a href="/share/1">Share on Mastodon</a> <a href="/m">Mail</a></div>'
    '<section class="related"><h2>Related stories</h2><ul>'
    + "".join(f'<li><a href="/r/{n}">Another invented story number {n}</a></li>'
              for n in range(6))
    + "</ul></section>"
)
FOOTER = "<footer><p>© Westmere Gazette, an invented newspaper. All rights reserved.</p></footer>"


PUBLISHED = '<meta property="article:published_time" content="2026-03-03T09:00:00+01:00">'


def article_page(paragraphs: list[str] = PROSE, extra_body: str = "", *,
                 dated: bool = True) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    published = PUBLISHED if dated else ""
    return (
        "<html lang=en><head><title>Westmere harbour to double cargo berths | Gazette</title>"
        '<meta property="og:title" content="Westmere harbour to double cargo berths">'
        f"{published}</head><body><header><a href='/'>Westmere Gazette</a></header>{MENU}"
        f"<main><article><h1>Westmere harbour to double cargo berths</h1>{body}"
        f"{CHROME_AFTER}</article></main>{extra_body}{FOOTER}</body></html>"
    )


class FullPathCalled(Exception):
    """Raised by the spy standing in for the lxml parse of the full path."""


@pytest.fixture
def no_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the full (lxml + trafilatura) path fail loudly, so a result proves the fast path."""

    def refuse(html: str, url: str | None) -> None:
        raise FullPathCalled(url)

    monkeypatch.setattr(Extractor, "_parse", staticmethod(refuse))


def test_engine_accepts_a_clean_article() -> None:
    found = fast.extract_tree(LexborHTMLParser(article_page()))
    assert found is not None
    lines, confidence = found
    assert confidence.share >= fast.ACCEPT_SHARE
    assert lines[-6:] == PROSE
    assert fast.accept(confidence, "\n\n".join(PROSE))


@pytest.mark.usefixtures("no_full_path")
def test_extractor_takes_the_fast_path_on_a_clean_article() -> None:
    found = Extractor(fast_path=True).extract_html(article_page())
    assert found.paragraphs == PROSE  # no menu, share bar, related list, footer or headline
    assert found.title == "Westmere harbour to double cargo berths"
    assert found.published_at is not None and found.published_at.isoformat().startswith(
        "2026-03-03T09:00")
    assert found.lang == "en"
    assert not found.paywalled


def test_menu_like_page_is_declined() -> None:
    links = "".join(f'<li><a href="/s/{n}">An invented headline number {n} about the harbour'
                    "</a></li>" for n in range(60))
    page = f"<html><body>{MENU}<div class='front'><ul>{links}</ul></div>{FOOTER}</body></html>"
    found = fast.extract_tree(LexborHTMLParser(page))
    assert found is None or not fast.accept(found[1], "\n\n".join(found[0]))


@pytest.mark.usefixtures("no_full_path")
def test_declined_page_goes_the_full_way() -> None:
    short = article_page(PROSE[:1])  # one paragraph: under the gate's length
    with pytest.raises(FullPathCalled):
        Extractor(fast_path=True).extract_html(short)


def test_paywalled_page_falls_back_to_the_full_path(full_path_calls: list[str | None]) -> None:
    # The dialog's own text sits beside the teaser: the fast path would take it as body.
    dialog = ('<div class="paywall"><p>Subscribe to keep reading. Our journalism is paid for '
              "by readers like you; plans start at one crown a week, cancel at any time, and "
              "subscribers also get the daily newsletter and the archive.</p></div>")
    calls = full_path_calls
    found = Extractor(fast_path=True).extract_html(article_page(extra_body=dialog),
                                                   url="https://x.invalid/a")
    assert calls  # the full path ran
    assert found.paywalled
    assert PROSE[0] in found.text


def test_fast_path_off_runs_the_full_path(full_path_calls: list[str | None]) -> None:
    stage = ExtractStage()
    stage.open(Context(settings=Settings(extract_fast_path=False)))
    assert stage.extractor.fast_path is False
    calls = full_path_calls
    found = stage.extractor.extract_html(article_page(), url="https://x.invalid/b")
    assert calls == ["https://x.invalid/b"]
    assert PROSE[0] in found.text


def test_setting_turns_it_on_and_defaults_to_off() -> None:
    stage = ExtractStage()
    stage.open(Context(settings=Settings()))
    assert stage.extractor.fast_path is False
    stage.open(Context(settings=Settings(extract_fast_path=True)))
    assert stage.extractor.fast_path is True


def test_deep_nesting_is_declined_quickly() -> None:
    # Every paragraph 10,000 elements deep: the ancestor walks would cost units x depth.
    page = ("<html><body>" + "<div>" * 10_000 + "".join(f"<p>{p}</p>" for p in PROSE * 20)
            + "</div>" * 10_000 + "</body></html>")
    start = time.process_time()
    assert fast.extract_tree(LexborHTMLParser(page)) is None
    assert time.process_time() - start < 2.0


def test_too_many_units_are_declined_quickly() -> None:
    page = "<html><body><div>" + "<p>An invented, short sentence.</p>" * 20_000 + "</div></body>"
    start = time.process_time()
    assert fast.extract_tree(LexborHTMLParser(page)) is None
    assert time.process_time() - start < 2.0


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=0, max_size=300)
wrappers = st.sampled_from(["div", "section", "article", "main", "td", "span", "aside", "nav",
                            "footer", 'div class="related"', 'div style="display:none"',
                            'div class="entry-content sidebar"', "blockquote", "ul", "li"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Pages the fast path may accept: prose of random text in random (chrome) wrappers."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(wrappers)
        inner = draw(st.sampled_from(["<p>{}</p>", "{}", "<a href=/x>{}</a>", "<h2>{}</h2>"]))
        parts.append(f"<{tag}>{inner.format(draw(words))}</{tag.split()[0]}>")
    filler = "".join(f"<p>{p}</p>" for p in PROSE[: draw(st.integers(0, 6))])
    return f"<html><body><article>{filler}{''.join(parts)}</article></body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=articles())
def test_fuzzed_articles_through_the_fast_path(page: str) -> None:
    found = fast.extract_tree(LexborHTMLParser(page))
    if found is not None:
        lines, confidence = found
        assert 0.0 <= confidence.share <= 1.0 + 1e-9
        assert all(line.strip() for line in lines)
    try:
        result = Extractor(fast_path=True).extract_html(page)
    except ExtractFailed as exc:
        assert exc.reason in {"empty", "not_html", "extract_failed"}
    else:
        assert result.paragraphs and result.text


@pytest.fixture
def no_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    """htmldate finds these dates too: without it, a date proves the lexbor reading."""
    monkeypatch.setattr("signaldesk.extract.meta._guess_date", lambda page, url: None)


@pytest.mark.usefixtures("no_full_path", "no_htmldate")
def test_visible_date_is_read_without_lxml() -> None:
    page = article_page(dated=False)
    page = page.replace("<h1>", '<p class="post-date">Posted on 4. März 2026</p><h1>')
    found = Extractor(fast_path=True).extract_html(page)
    assert found.published_at is not None
    assert found.published_at.date().isoformat() == "2026-03-04"


@pytest.mark.usefixtures("no_htmldate")
def test_date_in_the_url_is_read_without_htmldate() -> None:
    page = article_page(dated=False)
    found = Extractor(fast_path=True).extract_html(
        page, url="https://x.invalid/2025/11/30/harbour")
    assert found.published_at is not None
    assert found.published_at.date().isoformat() == "2025-11-30"


@pytest.mark.usefixtures("no_htmldate")
def test_a_reader_comment_date_is_not_the_article_date() -> None:
    page = article_page(dated=False)
    comment = ('<ol class="commentlist"><li class="comment"><div class="meta">'
               '<span class="comment-date">2026-03-09 at 4:12 pm</span></div>'
               "<p>An invented reader's remark.</p></li></ol>")
    page = page.replace(FOOTER, comment + '<p class="dateline">3 March 2026</p>' + FOOTER)
    found = Extractor(fast_path=True).extract_html(page)
    assert found.published_at is not None
    assert found.published_at.date().isoformat() == "2026-03-03"


_LABEL_PARTS = st.sampled_from(["share", "shares", "cookie", "Cookies", "tag", "list", "tag-list",
                                "more", "stories", "col", "md", "6", "entry", "meta", "ad",
                                "adverts", "header", "x", "sr", "only", "Related", "nav"])


@given(parts=st.lists(_LABEL_PARTS, max_size=6),
       seps=st.lists(st.sampled_from([" ", "-", "_", "  ", "", "\t"]), min_size=6, max_size=6))
def test_widget_word_pre_check_agrees_with_the_regex(parts: list[str], seps: list[str]) -> None:
    """The token pre-check only skips the regex where the regex cannot match."""
    label = "".join(part + sep for part, sep in zip(parts, seps, strict=False))
    found = fast._WIDGET_TOKEN.search(label)
    expected = found.group(0).strip(" _-").lower() if found else None
    assert fast._widget_word(label) == expected


def test_fast_path_mode_re_runs_only_the_shortest_results() -> None:
    """With the fast path on, trafilatura's comparison re-run is kept for short results."""
    assert Extractor(fast_path=True).unsure_chars < Extractor().unsure_chars
    assert Extractor(fast_path=True, unsure_chars=1000).unsure_chars == 1000
    extractor = Extractor(fast_path=True)
    assert extractor._unsure(["word " * 20])
    assert not extractor._unsure(["a longer line of article text, " * 20])


def test_fast_path_drops_soft_hyphens_and_zero_width_spaces() -> None:
    """Both paths give the same plain words: no soft hyphen or zero-width space survives."""
    prose = [p.replace("harbour", "har\u00adbour").replace("town", "to\u200bwn") for p in PROSE]
    body = "".join(f"<p>{p}</p>" for p in prose)
    page = f"<html><body><article>{body}</article></body></html>"
    found = fast.extract_tree(LexborHTMLParser(page))
    assert found is not None
    text = " ".join(found[0])
    assert "harbour" in text and "town" in text
    assert "\u00ad" not in text and "\u200b" not in text

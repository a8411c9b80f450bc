"""Paywalled teasers are recognised and marked; no text is invented or stitched."""

from __future__ import annotations

import pytest

from signaldesk.extract import Extractor

TEASER = ("The fictional Zenda Shipping Group said on Monday it would cut its dividend after "
          "freight rates on invented routes fell for a sixth month.")


def _page(extra_head: str = "", extra_body: str = "") -> str:
    return (f"<html><head><title>Zenda Shipping cuts dividend</title>{extra_head}</head><body>"
            f"<article><p>{TEASER}</p>{extra_body}</article></body></html>")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_free_page_is_not_paywalled(extractor: Extractor) -> None:
    found = extractor.extract_html(_page())
    assert not found.paywalled and found.paywall_signals == ()


@pytest.mark.parametrize(
    ("page", "status", "signal"),
    [
        (_page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", '
               '"isAccessibleForFree": "False"}</script>'), None, "isAccessibleForFree"),
        (_page(), 402, "http_status"),
        (_page(extra_body='<div class="paywall"><p>Subscribe to continue reading.</p></div>'),
         None, "paywall_element"),
        (_page(extra_body='<div role="dialog"><p>To read the full story, start a Free Trial'
                          '</p></div>'), None, "paywall_dialog"),
        (_page(extra_body="<p>Analysts at the invented Bank of Strelsau expected the cut to "
                          "be followed by [...]</p>"), None, "truncated"),
    ],
)
def test_paywall_signals(extractor: Extractor, page: str, status: int | None,
                         signal: str) -> None:
    found = extractor.extract_html(page, http_status=status)
    assert found.paywalled
    assert signal in found.paywall_signals
    assert found.paragraphs[0] == TEASER
    # nothing from the dialog or the paywall box becomes body text
    assert "Subscribe" not in found.text and "Free Trial" not in found.text


def test_text_input_with_paywall_status(extractor: Extractor) -> None:
    found = extractor.extract_text(TEASER, http_status=451)
    assert found.paywalled and found.paragraphs == [TEASER]

"""What the lexbor parse of the whole page (before any pruning) tells the extractor.

Paywall signals, and the standfirst: the lead paragraph that sits in the article header
outside the body container, where trafilatura does not look for it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from signaldesk.extract.clean import PAYWALL_TOKEN, is_paywall_text

__all__ = ["paywall_signals", "standfirst"]

_SPACE = re.compile(r"\s+")
# A word usable inside :lexbor-contains("..."): no quotes, brackets or backslashes.
_PLAIN_WORD = re.compile(r"[^\s\"'\\„“”«»()\[\]]+")
_DESCRIPTIONS = ("og:description", "description", "twitter:description")
# Shorter descriptions are taglines ("News from the region"), not a lead.
_LEAD_MIN_CHARS = 60
_LEAD_KEY_CHARS = 50
# The lead element may run on a little past the description (which publishers cut), but
# not be a whole column or page.
_LEAD_SLACK, _LEAD_EXTRA_CHARS = 1.3, 150
_LEAD_TAGS = frozenset({"p", "div", "h2", "h3", "span", "strong", "b", "em", "section",
                        "header", "td", "li"})

_PAYWALL_CANDIDATES = (
    '[class*="paywall"], [id*="paywall"], [class*="regwall"], [id*="regwall"]'
)
_DIALOGS = '[role="dialog"], [role="alertdialog"], [aria-modal="true"]'


def paywall_signals(tree: LexborHTMLParser) -> tuple[str, ...]:
    """`paywall_element` for a paywall container, `paywall_dialog` for a dialog saying so."""
    signals: list[str] = []
    for node in tree.css(_PAYWALL_CANDIDATES):
        attrs = node.attributes
        if PAYWALL_TOKEN.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            signals.append("paywall_element")
            break
    for node in tree.css(_DIALOGS)[:10]:
        if is_paywall_text(" ".join(node.text(deep=True).split())):
            signals.append("paywall_dialog")
            break
    return tuple(signals)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def standfirst(tree: LexborHTMLParser, metas: dict[str, str], lines: list[str]) -> str | None:
    """The page's lead paragraph when the extracted `lines` lack it, else None.

    Publishers repeat the standfirst as the meta description and print it in the article
    header, outside the container trafilatura picks, so it is lost (64 of the 165 missed
    segments on trafilatura-eval were in the description). The element is found by a
    distinctive word of the description's opening (lexbor :lexbor-contains, C speed),
    confirmed on whitespace-normalised text; the smallest such element wins.
    """
    description = next((_norm(metas[k]) for k in _DESCRIPTIONS if k in metas), "")
    if len(description) < _LEAD_MIN_CHARS:
        return None
    key = description[:_LEAD_KEY_CHARS].rsplit(" ", 1)[0]
    if key in _norm(" ".join(lines)):
        return None
    words = _PLAIN_WORD.findall(key)
    if not words:
        return None
    word = max(words, key=len)
    best: str | None = None
    for node in tree.css(f'body :lexbor-contains("{word}")'):
        if node.tag not in _LEAD_TAGS:
            continue
        text = _norm(node.text(deep=True))
        if key in text and (best is None or len(text) < len(best)):
            best = text
    if best is None or len(best) > _LEAD_SLACK * len(description) + _LEAD_EXTRA_CHARS:
        return None
    return best

"""What the lexbor parse of the whole page (before any pruning) tells the extractor.

Paywall signals, and the standfirst: the lead paragraph that sits in the article header
outside the body container, where trafilatura does not look for it.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from signaldesk.extract.clean import PAYWALL_TOKEN, is_paywall_text

__all__ = ["paywall_signals", "standfirst"]

# A word usable inside :lexbor-contains("..."): no quotes, brackets or backslashes.
_PLAIN_WORD = re.compile(r"[^\s\"'\\„“”«»()\[\]]+")
_DESCRIPTIONS = ("og:description", "description", "twitter:description")
# Shorter descriptions are taglines ("News from the region"), not a lead.
_LEAD_MIN_CHARS = 60
_LEAD_KEY_CHARS = 50
# The lead element may run on a little past the description (which publishers cut), but
# not be a whole column or page.
_LEAD_SLACK, _LEAD_EXTRA_CHARS = 1.3, 150
# Share of the description's words the lead element must hold.
_LEAD_WORD_SHARE = 0.8
_WORD = re.compile(r"\w+")
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
    return " ".join(text.split())  # str.split is ~3x faster than a \s+ regex here


def _opening(description: str) -> str:
    """The description's first words (up to ~50 characters), cut at a word boundary."""
    return description[:_LEAD_KEY_CHARS].rsplit(" ", 1)[0]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _lead_element(tree: LexborHTMLParser, description: str) -> str | None:
    """The smallest element that says what `description` says, or None.

    Candidates hold the longest word of the description's opening, else of the whole
    description (lexbor :lexbor-contains, C speed); one qualifies when it is no longer
    than the description allows and holds that opening or most of the description's
    words, so a lead the description rephrases ("Medienberichten zufolge hat Apple ..."
    for "Apple hat ...") or only begins is found too.
    """
    key = _opening(description)
    wanted = _words(description)
    limit = _LEAD_SLACK * len(description) + _LEAD_EXTRA_CHARS
    probes = [max(words, key=len) for words in (_PLAIN_WORD.findall(key),
                                                 _PLAIN_WORD.findall(description)) if words]
    for probe in dict.fromkeys(probes):
        best: str | None = None
        for node in tree.css(f'body :lexbor-contains("{probe}")'):
            if node.tag not in _LEAD_TAGS:
                continue
            text = _norm(node.text(deep=True))
            if len(text) > limit or (best is not None and len(text) >= len(best)):
                continue
            if key in text or len(wanted & _words(text)) >= _LEAD_WORD_SHARE * len(wanted):
                best = text
        if best is not None:
            return best
    return None


def standfirst(tree: LexborHTMLParser, metas: dict[str, str], lines: list[str]) -> str | None:
    """The page's lead paragraph when the extracted `lines` lack it, else None.

    Publishers repeat the standfirst as the meta description and print it in the article
    header, outside the container trafilatura picks, so it is lost (64 of the 165 missed
    segments on trafilatura-eval were in the description). Each distinct description
    (og:, plain, twitter:) is looked up in the page; the first found element whose
    opening the body lacks is the lead.
    """
    body: str | None = None
    seen: set[str] = set()
    for name in _DESCRIPTIONS:
        description = _norm(metas.get(name, ""))
        if len(description) < _LEAD_MIN_CHARS or description in seen:
            continue
        seen.add(description)
        if body is None:
            body = _norm(" ".join(lines))
        if _opening(description) in body:
            return None  # the body starts with it already
        lead = _lead_element(tree, description)
        if lead is not None:
            return None if lead[:_LEAD_KEY_CHARS] in body else lead
    return None

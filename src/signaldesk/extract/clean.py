"""Boilerplate that generic extractors keep: hidden copies, dialogs, calls to action.

Two passes around the extraction engine:

* `prune(tree)` before it: removes elements no reader sees as the article (hidden
  blocks, modal dialogs, paywall / cookie / newsletter / share / related / comment
  containers), found by attributes, so the engine never scores them.
* `tidy(paragraphs)` after it: drops short call-to-action lines that survive inside the
  body and collapses a body that the page repeats to its first copy.

Hand-written rather than a library because no maintained package targets these
publisher widgets; the patterns are class/id tokens and phrases seen across news sites.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = ["is_paywall_text", "prune", "tidy"]

# Tokens in class/id that name a widget, never an article body. Matched as whole
# hyphen/underscore-separated tokens so "shared-content" or "commentary" survive.
_WIDGET_TOKENS = (
    "cookie|cookies|consent|gdpr|cmp|paywall|regwall|piano|subscribe|subscription|"
    "newsletter|signup|sign-up|share|sharing|social|sharebar|related|recommended|"
    "promo|marketing|modal|popup|overlay|comments|comment-list|disqus|outbrain|taboola"
)
_WIDGET_RE = rf"(^|[\s_-])({_WIDGET_TOKENS})($|[\s_-])"
_PRUNE_XPATH = (
    "//nav | //*[@hidden or @aria-hidden='true' or @role='dialog' or @role='alertdialog' "
    "or @aria-modal='true' "
    "or re:test(translate(@style, ' ', ''), 'display:none|visibility:hidden', 'i') "
    f"or re:test(@class, '{_WIDGET_RE}', 'i') or re:test(@id, '{_WIDGET_RE}', 'i')]"
)
_NS = {"re": "http://exslt.org/regular-expressions"}
# Never prune the page skeleton, however it is labelled.
_KEEP_TAGS = {"html", "body", "main", "article"}

# Calls to action and paywall notices, as whole short lines.
_CTA = re.compile(
    r"^\W*(to read the full (story|article)|subscribe( now| today)?( to (read|continue))?|"
    r"(start your )?free trial|sign up (for|to) (our|the)?\s*newsletter|"
    r"already a (subscriber|member)\?|log ?in to (read|continue)|"
    r"(this|the rest of this) (article|story|content) is (only )?(available )?(for|to) "
    r"(subscribers|members)|share (this|on)|we use cookies|accept (all )?cookies)\b",
    re.I,
)
# Lines that are a CTA only when they stand alone ("Close" could start a sentence).
_CTA_WHOLE = re.compile(
    r"^\W*(advertisement|close|read more|continue reading|share( this)?( article| story)?)\W*$",
    re.I,
)
_PAYWALL_TEXT = re.compile(
    r"to read the full (story|article)|subscribe to (continue|read)|"
    r"(article|story|content) is (only )?(available )?(for|to) (subscribers|members)|"
    r"log ?in to (read|continue)|already a subscriber|free trial",
    re.I,
)
_CTA_MAX_WORDS = 14


def prune(tree: HtmlElement) -> int:
    """Remove widget and hidden elements from `tree` in place; return how many."""
    removed = 0
    for node in tree.xpath(_PRUNE_XPATH, namespaces=_NS):
        if node.tag in _KEEP_TAGS or node.getparent() is None:
            continue
        node.drop_tree()
        removed += 1
    return removed


def is_paywall_text(text: str) -> bool:
    """True when a line reads like a paywall notice ("To read the full story ...")."""
    return bool(_PAYWALL_TEXT.search(text)) and len(text.split()) <= 40


def _key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph).strip().lower()


def tidy(paragraphs: list[str]) -> list[str]:
    """Drop call-to-action lines and repeated paragraphs (the first copy wins)."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        if _CTA_WHOLE.match(paragraph) or (
            len(paragraph.split()) <= _CTA_MAX_WORDS and _CTA.search(paragraph)
        ):
            continue
        key = _key(paragraph)
        # Short repeated lines ("Photo: Reuters") are kept: only a repeated body is noise.
        if key in seen and len(key) > 40:
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept

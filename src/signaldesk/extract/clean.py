"""Boilerplate that generic extractors keep: hidden copies, dialogs, calls to action.

Two passes around the extraction engine:

* `prune(tree)` before it: removes elements no reader sees as the article (hidden
  blocks, modal dialogs, navigation), found by attributes, so the engine never scores
  them. Cookie, newsletter, share, related and comment widgets are trafilatura's job.
* `tidy(paragraphs)` after it: drops short call-to-action lines that survive inside the
  body and collapses a body that the page repeats to its first copy.

Hand-written rather than a library because no maintained package targets these
publisher widgets; the patterns are class/id tokens and phrases seen across news sites.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = ["PAYWALL_TOKEN", "WIDGET_MAX_CHARS", "is_paywall_text", "prune", "tidy"]

PAYWALL_TOKEN = re.compile(r"(?:^|[\s_-])(?:paywall|regwall)(?:$|[\s_-])", re.I)
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Never prune the page skeleton, however it is labelled.
_KEEP_TAGS = {"html", "body", "main", "article"}
# A hidden block or dialog holding more text than this, mostly not links, is kept: it is
# a body the page repeats (collapsed by `tidy`) or content behind a tab.
WIDGET_MAX_CHARS = 500
_WIDGET_MIN_LINK_SHARE = 0.5


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
# Short lines that are page furniture in any article: credits and copyright, "read also"
# teasers, newsletter and comment prompts. Each rule was kept only if it removed
# "without" segments on trafilatura-eval and no "with" segment (F1 0.9256 -> 0.930).
_FURNITURE = re.compile(
    r"^\W*(©|\(c\)|copyright\b|fotos?:|bild:|photos?:|credit:|titelbild|beitragsbild|"
    r"crédits? photos?|image illustrative|bildquelle|photograph by|"
    r"lesen sie (auch|hier|mehr)|auch interessant|"
    r"das (thema )?könnte (dich|sie) auch interessieren|"
    r"czytaj (też|także|również)|(à )?lire aussi|mehr zum thema|weitere themen|"
    r"empfohlene beiträge|related (coverage|topics|articles|stories)|read (more|also)|"
    r"dowiedz się więcej|see also|you may also like|weitere informationen zum|"
    r"keine kommentare|\d+ kommentare|view comments|no comments|leave a (comment|reply))",
    re.I,
)
_RIGHTS = re.compile(r"all rights reserved|alle rechte vorbehalten", re.I)
_NEWSLETTER = re.compile(r"newsletter|sign(ing)? up|abonnieren|subscribe", re.I)
_FURNITURE_MAX_WORDS = 25
_NEWSLETTER_MAX_WORDS = 20


# Attribute tests only: XPath runs them at C speed (~0.3 ms a page). Class/id tokens
# ("cookie-banner", "newsletter-box") are not searched here: the same test in Python
# over every element cost ~5 ms a page and XPath contains() ~30 ms, for no F1 on
# trafilatura-eval, because trafilatura drops those widgets itself and `tidy` drops
# their lines when it does not.
_CANDIDATES = (
    "//nav | //*[@hidden or @role='dialog' or @role='alertdialog' or @aria-modal='true' "
    "or contains(@style, 'none') or contains(@style, 'hidden')]"
)


def _is_candidate(node: HtmlElement) -> bool:
    """Confirm an XPath match: contains(@style, 'none') also matches "border: none"."""
    if node.tag == "nav" or "hidden" in node.attrib or node.get("aria-modal") == "true":
        return True
    if node.get("role") in {"dialog", "alertdialog"}:
        return True
    return bool(_STYLE_HIDDEN.search(node.get("style", "")))


def _is_chrome(node: HtmlElement) -> bool:
    """Small, or mostly links: what a widget looks like, as opposed to an article."""
    size = len(node.text_content())
    if size <= WIDGET_MAX_CHARS:
        return True
    links = sum(len(a.text_content()) for a in node.iter("a"))
    return links / size >= _WIDGET_MIN_LINK_SHARE


def prune(tree: HtmlElement) -> int:
    """Remove navigation, hidden and dialog elements that hold no article; return how many.

    A hidden block that holds a long text is kept: it is often the full body the page
    repeats (the seed), which `tidy` then collapses to one copy. Share bars, related lists
    and comments are left to trafilatura, which removes them as well.
    """
    removed = 0
    root = tree.getroottree().getroot()
    for node in tree.xpath(_CANDIDATES):
        if node.tag in _KEEP_TAGS or not _is_candidate(node):
            continue
        # skip what an earlier drop already took out with its ancestor
        if node.getroottree().getroot() is not root or node.getparent() is None:
            continue
        if _is_chrome(node):
            node.drop_tree()
            removed += 1
    return removed


def is_paywall_text(text: str) -> bool:
    """True when a line reads like a paywall notice ("To read the full story ...")."""
    return bool(_PAYWALL_TEXT.search(text)) and len(text.split()) <= 40


def _key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph).strip().lower()


def _is_furniture(paragraph: str) -> bool:
    words = len(paragraph.split())
    furniture = _FURNITURE.search(paragraph) or _RIGHTS.search(paragraph)
    if words <= _FURNITURE_MAX_WORDS and furniture:
        return True
    return words <= _NEWSLETTER_MAX_WORDS and bool(_NEWSLETTER.search(paragraph))


def tidy(paragraphs: list[str]) -> list[str]:
    """Drop call-to-action and furniture lines and repeated paragraphs (first copy wins)."""
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        if _CTA_WHOLE.match(paragraph) or _is_furniture(paragraph) or (
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

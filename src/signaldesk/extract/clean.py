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

__all__ = ["PAYWALL_TOKEN", "WIDGET_MAX_CHARS", "drop_server_errors", "is_paywall_text", "prune",
           "tidy"]

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
)  # matched on lowercased text: re.I made this ~4x slower on every line of every page
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
# Phrases that mark a line as furniture wherever they stand in it, matched on the
# lowercased line without re.I (case-insensitive alternations cost ~4x as much, and
# these run on nearly every paragraph). One pass; the group says how long a line may be
# and still be furniture: credits and rights lines run long, newsletter prompts do not.
_ANYWHERE = re.compile(
    r"(?P<rights>all rights reserved|alle rechte vorbehalten|copyrighted property|"
    r"written permission|chroniony prawem autorskim|zasady przedruków|ohne gewähr)|"
    # Subscription and donation pitches, letters and follow-us prompts, sponsorship
    # disclosures (each group removed "without" segments on trafilatura-eval and no
    # "with" segment).
    r"(?P<pitch>please subscribe|to view the full (?:story|article)|"
    r"subscribers also receive|pour lire la suite|pour accéder en illimité|"
    r"hazte (?:miembro|socio)|cancela cuando quieras|support(?:ing)? our work|"
    r"unterstütze uns|wesprzyj nas|zapraszamy (?:też )?do subskrypcji|"
    r"submit (?:a|your) letter|we want to hear what you think|letter to the editor|"
    r"follow (?:us|the \w+|@\w+) .{0,20}on (?:twitter|facebook|instagram)\b|"
    r"síguenos en|siguenos en|folgen sie uns|canal de (?:telegram|youtube|whatsapp)|"
    r"telegram channel|whatsapp channel|youtube channel|download the .{0,30}apps?\b|"
    r"receive (?:a )?compensation|affiliate[- ]links?|enthält (?:werbung|affiliate))|"
    r"(?P<newsletter>newsletter|sign(?:ing)? up|abonnieren|subscribe|eingeloggt|"
    r"must be logged in)|"
    # Reading times, result counters, review notes.
    r"(?P<meta>\d+ min(?:ute)?s? read|lesezeit|lesedauer|ten tekst przeczytasz|reading time|"
    r"tiempo de lectura|\d+ bis \d+ von insgesamt \d+|dieser text entspricht den vorgaben|"
    r"medically reviewed|fact checked by)"
)
# Plain substrings, one inside each phrase above: `in` on every line is ~4x cheaper than
# the regex, which then runs on the ~1 % of lines holding one.
_ANYWHERE_HINTS = (
    "rights reserved", "rechte vorbehalten", "copyrighted", "written permission",
    "prawem autorskim", "przedruków", "ohne gewähr", "subscri", "full story", "full article",
    "lire la suite", "en illimité", "hazte ", "cancela cuando", "our work",
    "unterstütze uns", "wesprzyj", "subskrypcji", "letter", "hear what you think", "follow",
    "guenos en", "folgen sie uns", "canal de ", "channel", "download the", "compensation",
    "affiliate", "enthält ", "newsletter", "sign up", "signing up", "abonnieren",
    "eingeloggt", "logged in", "min read", "mins read", "minute read", "minutes read",
    "lesezeit", "lesedauer", "przeczytasz", "reading time", "tiempo de lectura",
    "von insgesamt", "entspricht den vorgaben", "medically reviewed", "fact checked",
)
_ANYWHERE_MAX_WORDS = {"rights": 40, "newsletter": 20, "pitch": 60, "meta": 15}
_LONGEST_FURNITURE = max(_ANYWHERE_MAX_WORDS.values())
# "Read also" teasers in Spanish and Portuguese, German "more topics" labels, at the
# start of a short line.
_READ_ALSO = re.compile(
    r"^\W*((lea|lee|vea|mira|mire|leia)( (también|además|más|também|mais))?\s*:|vea también|"
    r"(le|te) puede(n)? interesar|puedes ver\b|"
    r"(notas|noticias|contenido|artículos) relacionad[oa]s?|"
    r"auch lesen|mehr themen|weitere (artikel|beiträge|aktuelle themen)|zum weiterlesen|"
    r"schon gelesen|top-themen|beiträge aus dem forum|kommentierte artikel)",
    re.I,
)
# Labels that head a list of links or contacts, or mark an ad, alone on their line.
_LABEL = re.compile(
    r"^\W*(weitere informationen|kontakt|zusatzinformationen|quellenangaben|quellen|"
    r"originalpublikation|inhaltsverzeichnis|temas|teilnehmende blogs|release date|"
    r"pressemitteilungen|related|tags|schlagwörter|kategorien?|werbung|anzeige)\W*$",
    re.I,
)
# Page metadata, contacts and source credits at the start of a short line: update
# stamps, phone/fax/e-mail lines, press contacts, "Quelle:" credits, media widgets.
# Measured on trafilatura-eval: 12 "without" segments, no "with" segment.
_META_LINE = re.compile(
    r"^\W*(letzte änderung(en)?|zuletzt (aktualisiert|geändert)|aktualisiert am|"
    r"last (modified|updated)|updated on|news date|release date|"
    r"(telefon|tel\.|fax|e-mail|phone)\s*:|pressekontakte?\W*$|pressesprecher(\*?in)?\b|"
    r"ansprechpartner(in)?\b|video verfügbar bis|bild anzeigen\W*$|wird geladen\W*$|"
    r"teilen mit:)|^\(?(quelle|source|fuente)\s*:",
    re.I,
)
_META_MAX_WORDS = 15
# A word mixing Latin and Cyrillic letters: look-alike characters that hide boilerplate
# (ads, contact lines) from filters; no real word of either script mixes them.
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0400-\u04FF])\w+")
_FURNITURE_MAX_WORDS = 25
_NON_WORD = re.compile(r"\W+")
# Repeated paragraphs up to this long are kept (captions, labels), so need no key.
_REPEAT_MIN_CHARS = 40


# Attribute tests only: XPath runs them at C speed (~0.3 ms a page). Class/id tokens
# ("cookie-banner", "newsletter-box") are not searched here: the same test in Python
# over every element cost ~5 ms a page and XPath contains() ~30 ms, for no F1 on
# trafilatura-eval, because trafilatura drops those widgets itself and `tidy` drops
# their lines when it does not.
# The style attribute is read once (`@style[...]`): 0.78 ms a page on trafilatura-eval
# instead of 1.0 ms for two contains(@style, ...) tests, same nodes.
_CANDIDATES = (
    "//nav | //*[@hidden or @role='dialog' or @role='alertdialog' or @aria-modal='true' "
    "or @style[contains(., 'none') or contains(., 'hidden')]]"
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


# PHP warnings a misconfigured server prints into the page ("Warning: Use of undefined
# constant ... in /htdocs/... on line 928"): never article text.
_SERVER_ERROR = re.compile(
    r"^\W*(warning|notice|deprecated|fatal error|parse error|strict standards)\s*:"
    r".*\bon line \d+",
    re.I,
)


def drop_server_errors(lines: list[str]) -> list[str]:
    """The engine's lines without server error messages.

    Run before the extractor judges the result, so a page that is mostly warnings
    counts as short and gets its second opinion.
    """
    return [line for line in lines if not _SERVER_ERROR.match(line)]


def is_paywall_text(text: str) -> bool:
    """True when a line reads like a paywall notice ("To read the full story ...")."""
    return len(text.split()) <= 40 and bool(_PAYWALL_TEXT.search(text.lower()))


def _key(paragraph: str) -> str:
    return _NON_WORD.sub(" ", paragraph).strip().lower()


def _is_furniture(paragraph: str, words: int) -> bool:
    if _CYRILLIC.search(paragraph) and _MIXED_SCRIPT.search(paragraph):
        return True
    if words > _LONGEST_FURNITURE:
        return False
    if words <= _FURNITURE_MAX_WORDS and (
        _FURNITURE.search(paragraph) or _READ_ALSO.search(paragraph)
        or _LABEL.match(paragraph)
    ):
        return True
    if words <= _META_MAX_WORDS and _META_LINE.search(paragraph):
        return True
    lowered = paragraph.lower()
    if not any(hint in lowered for hint in _ANYWHERE_HINTS):
        return False
    return any(words <= _ANYWHERE_MAX_WORDS[str(found.lastgroup)]
               for found in _ANYWHERE.finditer(lowered))


def tidy(paragraphs: list[str]) -> list[str]:
    """Drop call-to-action and furniture lines and repeated paragraphs (first copy wins).

    Paragraphs come back with their whitespace collapsed to single spaces.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for raw in paragraphs:
        # One space between words: pages write no-break spaces ("Weitere\xa0Artikel")
        # that the phrase patterns would miss, and downstream matching wants plain text.
        tokens = raw.split()
        paragraph, words = " ".join(tokens), len(tokens)
        if _CTA_WHOLE.match(paragraph) or _is_furniture(paragraph, words) or (
            words <= _CTA_MAX_WORDS and _CTA.search(paragraph)
        ):
            continue
        # Short repeated lines ("Photo: Reuters") are kept: only a repeated body is noise.
        # A key is never longer than its paragraph, so short ones need none.
        if len(paragraph) > _REPEAT_MIN_CHARS:
            key = _key(paragraph)
            if key in seen and len(key) > _REPEAT_MIN_CHARS:
                continue
            seen.add(key)
        kept.append(paragraph)
    return kept

"""The brief stage: headline, lead, 2-4 bullets and the body's word count.

Everything is extractive (sentences of the source, never rewritten), so a brief can
only be as wrong as its choice of sentences. See `headline` and `bullets` for the
rules. Budget: well under 5 ms per item (see bench/brief.py).
"""

from __future__ import annotations

import re
from typing import ClassVar

from signaldesk.brief.bullets import MIN_BULLETS, bullet_paragraphs, list_items, pick_bullets
from signaldesk.brief.headline import clean_title, pick_lead, shorten
from signaldesk.classify.text import sentences
from signaldesk.models import Doc
from signaldesk.pipeline.stage import Stage

__all__ = ["BriefStage", "body_paragraphs", "word_count"]

_TOKEN = re.compile(r"\S+")
_SYMBOLS_ONLY = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")
MIN_LEAD_WORDS = 5


def word_count(text: str) -> int:
    """Words of `text`: whitespace-separated tokens holding a letter or digit."""
    return len(_TOKEN.findall(text)) - len(_SYMBOLS_ONLY.findall(text))


def body_paragraphs(doc: Doc) -> list[str]:
    """The body's paragraphs: the extractor's, or the text split on line breaks."""
    if doc.paragraphs:
        return [p for p in doc.paragraphs if p.strip()]
    text = doc.text or doc.summary or ""
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


class BriefStage(Stage):
    name: ClassVar[str] = "brief"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"text", "paragraphs", "entities", "attribution", "quotes"}
    )
    assigns: ClassVar[frozenset[str]] = frozenset({"headline", "lead", "bullets", "word_count"})

    def process_doc(self, doc: Doc) -> None:
        paragraphs = body_paragraphs(doc)
        items = list_items(_body_region(doc.html, paragraphs)) if doc.html else set()
        listed = bullet_paragraphs(paragraphs, items)
        prose = [p for p in paragraphs if p.strip() and not _is_listed(p, listed)]
        title = clean_title(doc.title, self._outlets(doc)) if doc.title else ""
        title = title if word_count(title) else ""  # a title of punctuation is no title
        candidates = [
            s for s in sentences("\n\n".join(prose))
            if word_count(s) >= MIN_LEAD_WORDS and _norm(s) != _norm(title)
        ]
        doc.headline = title or (shorten(candidates[0]) if candidates else None)
        doc.lead = pick_lead(candidates, doc.attribution)
        lead_set = set(sentences(doc.lead)) if doc.lead else set()
        rest = [s for s in candidates if s not in lead_set]
        # Short items: bullets may repeat the lead rather than fall below two.
        pool = rest if len(rest) >= MIN_BULLETS else candidates
        doc.bullets = listed or pick_bullets(pool, doc.entities)
        doc.word_count = word_count(doc.text or "\n".join(paragraphs))

    @staticmethod
    def _outlets(doc: Doc) -> list[str]:
        names = [doc.source or ""]
        if doc.attribution and doc.attribution.outlet:
            names.append(doc.attribution.outlet)
        return names


def _body_region(html: str, paragraphs: list[str]) -> str:
    """The stretch of `html` from the first to the last body paragraph, when found.

    Parsing a whole 100 KB page to find its list items costs ~3 ms, most of the brief's
    budget; the body is usually a small part of it. Falls back to the whole page.
    """
    if "<li" not in html or not paragraphs:
        return ""
    start = html.find(paragraphs[0][:40])
    end = html.rfind(paragraphs[-1][:40])
    if start < 0 or end < start:
        return html
    return html[max(0, start - 200) : end + 2 * len(paragraphs[-1]) + 200]


def _is_listed(paragraph: str, listed: list[str]) -> bool:
    return any(b and b in paragraph for b in listed)


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".")

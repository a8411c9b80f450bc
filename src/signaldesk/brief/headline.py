"""The headline and the lead.

The headline is the best source headline: the document's title with the outlet's
suffix (" - Reuters", " | Site Name") and wire slugs ("UPDATE 2-") removed, or,
without a title, the body's first sentence cut at a word boundary. The lead is the
body's first one or two sentences, chosen so that the attribution ("Reuters reporting
that according to five people familiar with the talks") is kept when it appears near
the top.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from signaldesk.models import Attribution

__all__ = ["clean_title", "pick_lead", "shorten"]

MAX_HEADLINE = 160
LONG_SENTENCE_WORDS = 30
# Outlets whose names trail headlines on aggregator feeds and pages; extended at run
# time with the document's own source and attributed outlet.
KNOWN_OUTLETS = (
    "reuters", "bloomberg", "associated press", "ap", "afp", "cnbc", "financial times", "ft",
    "the wall street journal", "wall street journal", "wsj", "marketwatch", "bbc", "bbc news",
    "yahoo finance", "yahoo news", "nikkei asia", "the guardian", "cnn", "al jazeera",
    "barron's", "forbes", "business insider", "mni", "mni market news", "fxstreet", "axios",
    "politico", "the new york times", "nytimes.com", "the economist", "investing.com",
)
_SUFFIX = re.compile(r"\s+[-–—|:·]\s+([^-–—|:·]{2,60})$")
_PIPE_SUFFIX = re.compile(r"\s+[|·]\s+[^|·]{2,60}$")
# Wire desk slugs in front of a headline ("UPDATE 2-", "EXCLUSIVE-", "RPT-").
_SLUG = re.compile(
    r"^(?:(?:UPDATE|CORRECTED|REFILE|RPT|EXCLUSIVE|BREAKINGVIEWS|WRAPUP|ANALYSIS|INSIGHT)"
    r"(?:\s+\d+)?\s*-\s*)+"
)


def clean_title(title: str, outlets: Sequence[str] = ()) -> str:
    """`title` without trailing outlet names; the title itself when nothing is left."""
    known = {o.strip().lower() for o in (*KNOWN_OUTLETS, *outlets) if o and o.strip()}
    text = _SLUG.sub("", " ".join(title.split()))
    while True:
        match = _SUFFIX.search(text)
        if not match:
            break
        tail = match.group(1).strip().lower()
        # Any " | Site" suffix is site chrome; " - Name" only when Name is an outlet.
        is_site = bool(_PIPE_SUFFIX.search(text)) and len(tail.split()) <= 6
        if tail not in known and not is_site:
            break
        text = text[: match.start()].rstrip()
    return text or " ".join(title.split())


def shorten(sentence: str, limit: int = MAX_HEADLINE) -> str:
    """`sentence` cut at a word boundary to at most `limit` characters."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def pick_lead(candidates: Sequence[str], attribution: Attribution | None) -> str | None:
    """One or two of the first sentences, keeping the one that carries the attribution."""
    if not candidates:
        return None
    marks = [m.lower() for m in (attribution.outlet, attribution.sourcing) if m] if (
        attribution
    ) else []
    first = candidates[0]
    chosen = [first]
    carries = [i for i, s in enumerate(candidates[:3]) if any(m in s.lower() for m in marks)]
    if marks and carries and carries[0] > 0:
        chosen = [first, candidates[carries[0]]]
    elif len(first.split()) < LONG_SENTENCE_WORDS and len(candidates) > 1:
        chosen.append(candidates[1])
    return " ".join(chosen)

"""Word one event as one outlet would: pick phrasings, order, quote forms and lists.

Each outlet has a house style; within a style the phrasing of every fact alternates with
the outlet's position in the event's coverage, so two outlets never print the same text
unless one runs the other's wire copy verbatim (syndication, handled in build.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from outlets import Outlet
from spec import E, Q

Block = tuple[str, "str | tuple[str, ...]"]  # ("p", text) | ("ul", items) | ("h2", text)

# Words that start a lead sentence but are not proper nouns, so they may be lower-cased
# when the sentence is folded into "X reporting that ...".
_COMMON = frozenset(
    [
        "The",
        "A",
        "An",
        "Several",
        "Progress",
        "Workers",
        "Shares",
        "Talks",
        "Negotiators",
        "Coalition",
        "Copper",
        "Cocoa",
        "Iron",
        "Gold",
        "Spot",
        "Commercial",
        "Staff",
        "New",
        "Initial",
        "Industrial",
    ]
)


@dataclass(frozen=True)
class Article:
    headline: str
    byline: str
    blocks: tuple[Block, ...]
    signoff: str = ""


def _strip(sentence: str) -> str:
    return sentence.rstrip().rstrip(".")


def _lower_first(sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    if first in _COMMON:
        return sentence[0].lower() + sentence[1:]
    return sentence


def quote_text(q: Q, form: int, outlet: Outlet) -> str:
    """Render a quote with its speaker and role in one of several newsroom forms."""
    words = q.text
    if form == 0:
        return f'"{_strip(words)}," said {q.speaker}, {q.role}.'
    if form == 1:
        return f'{q.speaker}, {q.role}, said: "{words}"'
    return f'"{words}" {q.speaker}, {q.role}, told {outlet.called}.'


def lead_sentence(ev: E, outlet: Outlet, role: int, breaker: str) -> str:
    """The first sentence, with sourcing woven in the way this outlet does it."""
    extra = role - 2
    lead = ev.angles[extra] if 0 <= extra < len(ev.angles) else ev.lead[role % 2]
    if not ev.sourcing:
        return lead
    if role == 0:
        if outlet.style in ("desk", "fx"):
            return f"{outlet.name} understands, from {ev.sourcing}, that {_lower_first(lead)}"
        return f"{_strip(lead)}, according to {ev.sourcing}."
    if outlet.style == "desk":
        return f"{breaker} reporting that according to {ev.sourcing}, {_lower_first(lead)}"
    if outlet.style == "journal":
        return f"{_strip(lead)}, {breaker} reported on Thursday, citing {ev.sourcing}."
    return f"{_strip(lead)}, {breaker} reported earlier, citing {ev.sourcing}."


def _facts(ev: E, role: int) -> list[str]:
    # Lead phrasing alternates with role; the fact pattern flips every second role, so
    # roles 0-3 get four different (lead, facts) combinations.
    flip = role + role // 2
    return [pair[(flip + k) % 2] for k, pair in enumerate(ev.facts)]


def _byline(outlet: Outlet, rng: random.Random) -> str:
    return "By " + rng.choice(outlet.reporters)


def compose(ev: E, outlet: Outlet, role: int, breaker: str, rng: random.Random) -> Article:
    """Write this outlet's article about the event."""
    lead = lead_sentence(ev, outlet, role, breaker)
    facts = _facts(ev, role)
    headline = ev.headlines[role]
    writer = _STYLES[outlet.style]
    # Rotate the market bullets so outlets lead with different implications.
    turn = role % len(ev.bullets)
    ev = replace(ev, bullets=(*ev.bullets[turn:], *ev.bullets[:turn]))
    blocks = writer(ev, outlet, lead, facts, rng)
    signoff = ""
    if outlet.style == "wire":
        signoff = (
            f"(Reporting by {rng.choice(outlet.reporters)}; "
            f"Editing by {rng.choice(outlet.editors)})"
        )
    return Article(headline, _byline(outlet, rng), tuple(blocks), signoff)


def _wire(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", f"{ev.dateline}, March 12 ({o.name}) - {lead}")]
    if rng.random() < 0.3:
        blocks.append(("ul", ev.bullets[:3]))
    blocks.append(("p", facts[0]))
    blocks.append(("p", quote_text(ev.quotes[0], 0, o)))
    blocks.extend(("p", f) for f in facts[1:])
    blocks.extend(("p", b) for b in ev.background)
    blocks.extend(("p", quote_text(q, 1, o)) for q in ev.quotes[1:])
    return blocks


def _journal(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", lead)]
    rest = list(reversed(facts))
    blocks.append(("p", " ".join(rest[:2])))
    blocks.append(("p", quote_text(ev.quotes[-1], rng.choice((0, 2)), o)))
    blocks.extend(("p", f) for f in rest[2:])
    blocks.append(("p", "For context: " + " ".join(ev.background)))
    if len(ev.quotes) > 1:
        blocks.append(("p", quote_text(ev.quotes[0], 1, o)))
    blocks.append(("p", "Why it matters: " + ev.bullets[rng.randrange(len(ev.bullets))]))
    return blocks


def _desk(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    picks = ev.bullets[:4] if len(ev.bullets) >= 2 else (*ev.bullets, *ev.background)
    blocks: list[Block] = [("p", lead), ("ul", tuple(picks))]
    blocks.append(("p", " ".join(facts)))
    blocks.append(("p", quote_text(ev.quotes[0], rng.randrange(2), o)))
    return blocks


def _fx(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", lead), ("p", " ".join(facts))]
    blocks.append(("h2", "Key takeaways"))
    blocks.append(("ul", ev.bullets))
    blocks.append(("p", quote_text(ev.quotes[-1], rng.randrange(3), o)))
    blocks.extend(("p", b) for b in ev.background)
    return blocks


def _energy(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", lead)]
    blocks.extend(("p", f) for f in facts)
    blocks.extend(("p", quote_text(q, (i + 1) % 3, o)) for i, q in enumerate(ev.quotes))
    blocks.append(("h2", "Market impact"))
    blocks.append(("ul", ev.bullets))
    blocks.extend(("p", b) for b in ev.background)
    return blocks


def _polrisk(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", lead), ("p", " ".join(facts))]
    blocks.append(("h2", "What it means for investors"))
    blocks.append(("ul", ev.bullets))
    blocks.extend(("p", quote_text(q, rng.randrange(3), o)) for q in reversed(ev.quotes))
    blocks.append(("h2", "Background"))
    blocks.extend(("p", b) for b in ev.background)
    return blocks


def _equity(ev: E, o: Outlet, lead: str, facts: list[str], rng: random.Random) -> list[Block]:
    blocks: list[Block] = [("p", lead)]
    blocks.extend(("p", f) for f in facts)
    blocks.extend(("p", quote_text(q, 2 if i == 0 else 0, o)) for i, q in enumerate(ev.quotes))
    blocks.extend(("p", b) for b in ev.background)
    if rng.random() < 0.5:
        blocks.append(("h2", "The bottom line"))
        blocks.append(("ul", ev.bullets[:3]))
    return blocks


_STYLES = {
    "wire": _wire,
    "journal": _journal,
    "desk": _desk,
    "fx": _fx,
    "energy": _energy,
    "polrisk": _polrisk,
    "equity": _equity,
}


def revise(article: Article, headline: str, paras: tuple[str, ...], note: str) -> Article:
    """The later version of a story: new headline, new paragraphs after the lead."""
    blocks = list(article.blocks)
    added: list[Block] = [("p", p) for p in paras]
    return Article(headline, article.byline, (blocks[0], *added, *blocks[1:]), article.signoff)

"""Vocabulary of the demo pack's event specifications.

Everything described here is fictional: the people quoted, the outlets, the companies and
the events themselves. Real countries, currencies, central banks (as institutions) and
commodities are named because that is what SignalDesk's tagger has to find.

An event gives the facts once, each in two phrasings, so that the outlets covering it
can word the same story differently (see compose.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Q:
    """A quote from a fictional person: name, role, words."""

    speaker: str
    role: str
    text: str


@dataclass(frozen=True)
class U:
    """A later revision of one outlet's story: same URL, new headline, added paragraphs."""

    outlet: str
    after: int  # minutes after the first version
    headline: str
    paras: tuple[str, ...]
    note: str = "Adds details"


@dataclass(frozen=True)
class E:
    """One fictional event of the trading day and who covers it."""

    id: str
    desk: str
    title: str
    at: str  # HH:MM UTC when the news breaks
    dateline: str
    lead: tuple[str, str]  # the news in one sentence, two phrasings
    facts: tuple[tuple[str, str], ...]  # supporting facts, two phrasings each
    quotes: tuple[Q, ...]
    bullets: tuple[str, ...]  # what it means for markets
    background: tuple[str, ...]
    headlines: tuple[str, ...]  # one per covering outlet, in outlet order
    outlets: tuple[str, ...]  # the first one has it first
    sourcing: str = ""  # "two officials familiar with the matter" for a scoop
    syndicated: tuple[str, ...] = ()  # outlets that run the Meridian Wire copy verbatim
    update: U | None = None
    angles: tuple[str, ...] = ()  # further lead phrasings for the third outlet onwards

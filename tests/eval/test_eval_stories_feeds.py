"""Second real cross-outlet proxy for story clustering (issue #5), labelled apart from
the world-news one in test_eval_stories.py.

The set: fastfeedparser-realworld-feeds (../shared/data) holds 200 feeds captured in
February 2026, but most are personal blogs; the news feeds whose entries overlap in time
(10 to 18 February 2026) are the 16 world-news feeds of the first proxy plus ten others:
The Week, EL PAIS in English, Foreign Policy, Al-Monitor, The Christian Science Monitor,
MercoPress, Rest of World, The Economist's Asia section, 404 Media and TIME Tech. Those
ten alone share too few events (Duvall's death, the West Bank land registration, the
Munich conference...), so all 26 feeds run through the pipeline here, as in production,
and the events labelled are disjoint from the first proxy's: no item labelled here is
matched by its EVENT_RULES (asserted below), so a change tuned on one set is checked on
the other.

How it was labelled: for capitalised title words and names shared by two or more outlets
within a few days, every item carrying them was read by eye; an event got a rule on the
headline (the same style as EVENT_RULES) only where it is one happening a reader would
file under one story, covered by at least two outlets, and the rule was checked against
every title of the 26 feeds to match that event and nothing else. Side pieces a reader
would still file under the event are in (explainers such as "Why is the Strait of Hormuz
so crucial?", reactions such as "'Australia must allow them in': legal experts", the
preview "Board of Peace to hold its first meeting"); pieces that mix two events ("Rev.
Jesse Jackson has died. And, U.S. and Iran set for talks", "Iran says US 'more
realistic', as Guards begin drills in Hormuz", "Iran temporarily closes Strait of Hormuz
amid US nuclear talks") or only touch one (analyses, opinion) are left unlabelled: they
still run and can pull a labelled item away, but are not scored (so are the first
proxy's ten events here). Hard negatives are labelled as their own events: the US-Iran
talks and the Russia-Ukraine talks, both in Geneva the same day; Iran's Hormuz drills
and its protest memorials in the same hours as the talks; Rubio in Munich and on his
Bratislava-Budapest trip days later, plus two other Hungarian items about Orban that
week; the Lunar New Year photo galleries and the humanoid robots of the Spring Festival
gala; the French Epstein probe and three other Epstein items; the West Bank land
registration and a settler's prosecution. Al-Monitor's feed repeats some entries four
times (same link): the repeats run (the dedupe stage drops them) but only the first is
scored, so that copies add no free pairs.

Floors are pinned a little under the measured figures, as in test_eval_stories.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_eval_stories import (
    EVENT_RULES,
    WORLD_FEEDS,
    _import_trafilatura_quietly,
    captured_items,
    check_scores,
    cluster_captured,
)

from signaldesk.models import Doc

OTHER_NEWS_FEEDS = (
    "16dc10cf98d1ee82",  # The Week
    "660a52f7dc6a1948",  # EL PAIS in English
    "d87c1681464979cc",  # Foreign Policy
    "72fea1ebfd02e90a",  # Al-Monitor
    "4179e7a13df0f120",  # The Christian Science Monitor
    "e8fa5b64a4b41322",  # MercoPress
    "14333881097406c7",  # Rest of World
    "960551eca5b5db81",  # The Economist, Asia
    "a44f75939f245a7e",  # 404 Media
    "5da3b20f957be51d",  # TIME Tech
)
FEEDS = WORLD_FEEDS + OTHER_NEWS_FEEDS

Rule = Callable[[str], object]


def _has(*words: str) -> Rule:
    """All of `words` (regular expressions) occur in the title."""
    return lambda t: all(re.search(w, t) for w in words)


# Each rule matches the headlines of one event and nothing else in the 26 feeds.
EVENTS: dict[str, Rule] = {
    # Iran, 15 to 18 February: three different events in the same hours.
    "iran-us-talks": lambda t: re.search(r"\bIran", t)
    and re.search(r"talks|guiding principles|Red Lines", t)
    and not re.search(r"Hormuz|shipping|Jackson|Ukraine", t),
    # Headlines naming both the drills and the talks are left out (see above).
    "iran-hormuz-drills": lambda t: re.search(r"Hormuz|shipping route", t)
    and not re.search(r"talks|realistic", t, re.I),
    "iran-memorials": _has(r"Iran", r"memorials|Mourn"),
    # Geneva the same day: the other talks.
    "ukraine-talks": lambda t: (re.search(r"Ukrain", t) and re.search(r"talks", t)
                                and not re.search(r"Iran|hammers", t))
    or re.search(r"Zelensky.*Peace Deal", t),
    # Rubio: Munich (13-15 Feb), then Bratislava and Budapest (15-17 Feb); Orban's week.
    "munich-conference": lambda t: ("Munich" in t and "Davos" not in t)
    or (re.search(r"Rubio.*(Europe|Reassuring)", t) and "visits" not in t),
    "rubio-hungary-trip": lambda t: re.search(r"Rubio.*(Orb[aá]n|Hungary|visits)", t)
    or "Hungary sign" in t,
    "orban-eu-threat": _has(r"Orban says EU"),
    "magyar-campaign": _has(r"Magyar launches"),
    # Israel and Gaza.
    "west-bank-land": _has(r"West Bank", r"land|annex|unlawful"),
    "settler-charged": _has(r"charge Israeli settler"),
    "berlinale-gaza-letter": _has(r"Berlin", r"Gaza"),
    "board-of-peace": lambda t: "Board of Peace" in t and "Davos" not in t,
    "hezbollah-disarmament": _has(r"Hezbollah", r"disarm"),
    # Elsewhere in the world.
    "australia-is-families": lambda t: re.search(r"Australia.*Syria|ISIS brides", t),
    "sudan-market-strike": _has(r"Sudan", r"market"),
    "nigeria-us-troops": _has(r"Nigeria", r"U\.?S\.? (military|soldiers)"),
    "kenya-airport-strike": _has(r"Kenya", r"[Aa]irport|[Aa]viation"),
    "libya-migrants": _has(r"Libya", r"[Mm]igrant"),
    "ramadan-moon": _has(r"Ramadan|Ramazan", r"Saudi"),
    "al-aqsa-ramadan": _has(r"Al-Aqsa"),
    "belgium-us-envoy": _has(r"Belgium", r"envoy|Ambassador"),
    "colombian-lawmaker-son": _has(r"Colombian (congresswoman|pro-Trump lawmaker)"),
    "japan-election": _has(r"Takaichi Wins|massive new mandate"),
    "thailand-election": _has(r"Thailand’s conservatives win|Charnvirakul’s Election"),
    # Europe, law and business.
    "spain-tech-probe": _has(r"Spain", r"[Ii]nvestigat"),
    "shein-eu-probe": _has(r"\bShein\b"),
    "epstein-france-probe": _has(r"Epstein", r"France|French"),
    "epstein-dubai-port": _has(r"Epstein", r"Dubai"),
    "epstein-hyatt": _has(r"Epstein", r"Hyatt"),
    "epstein-stansted": _has(r"Epstein", r"Stansted"),
    # United States.
    "duvall-death": _has(r"Duvall"),
    "guthrie-case": _has(r"Guthrie"),
    "rhode-island-shooting": _has(r"Rhode Island"),
    "obama-aliens": _has(r"Obama", r"alien"),
    "colbert-cbs": _has(r"Colbert"),
    "washington-post-cuts": _has(r"Washington Post"),
    # Australia's Bondi attack: the accused in court.
    "bondi-akram-court": _has(r"Akram"),
    # Lunar New Year: the galleries, the gala's robots, a fireworks-shop blast.
    "lunar-new-year": _has(r"Lunar New Year|New Year celebrations"),
    "spring-gala-robots": _has(r"robots", r"New Year gala|Spring Festival Gala"),
    "fireworks-blast": _has(r"fireworks shop"),
    # Winter Olympics.
    "bobsled-gold": _has(r"[Bb]obsled"),
}


def feed_docs(root: Path) -> tuple[list[Doc], dict[str, str]]:
    """Every entry of FEEDS as a Doc (title + summary text), sorted by time; gold is the
    event whose rule matches the headline, for the items that one rule matches."""
    docs, gold = [], {}
    for name in FEEDS:
        links: set[str] = set()
        for doc in captured_items(root, name):
            docs.append(doc)
            title = doc.title or ""
            events = [e for e, rule in EVENTS.items() if rule(title)]
            assert len(events) <= 1, (title, events)  # rules never overlap
            link = doc.url or doc.id
            if events and link not in links:  # a repeated entry is not scored again
                gold[doc.id] = events[0]
            links.add(link)
    docs.sort(key=lambda d: (d.published_at or datetime.min.replace(tzinfo=UTC), d.id))
    return docs, gold


def report(docs: list[Doc], gold: dict[str, str], pred: dict[str, str]) -> list[str]:
    """The errors, to read: per event, the items split off its main story (and what
    their story holds), and the other events' items inside its main story."""
    by_id = {d.id: d for d in docs}
    held: dict[str, Counter[str]] = {}
    for d, event in gold.items():
        held.setdefault(pred[d], Counter())[event] += 1
    lines = []
    for event in EVENTS:
        members = [d for d in gold if gold[d] == event]
        main = Counter(pred[d] for d in members).most_common(1)[0][0]
        intruders = {e: n for e, n in held[main].items() if e != event}
        split = [d for d in members if pred[d] != main]
        if not (split or intruders):
            continue
        lines.append(f"{event}: {len(members)} items, {len(split)} split off"
                     + (f", main story also holds {intruders}" if intruders else ""))
        for d in split:
            doc = by_id[d]
            when = f"{doc.published_at:%m-%d %H:%M}" if doc.published_at else "?"
            others = {e: n for e, n in held[pred[d]].items() if e != event}
            lines.append(f"    split {when} {(doc.source or '')[:14]:14} {(doc.title or '')[:64]}"
                         + (f" -> with {others}" if others else ""))
    return lines


@pytest.mark.eval
def test_feeds_cross_outlet_events(shared_data: Callable[[str], Path]) -> None:
    _import_trafilatura_quietly()
    docs, gold = feed_docs(shared_data("fastfeedparser-realworld-feeds"))
    by_id = {d.id: d for d in docs}
    assert set(gold.values()) == set(EVENTS), set(EVENTS) - set(gold.values())
    assert len(gold) >= 100
    # Independent of the first proxy: none of its rules matches an item labelled here.
    assert not [d for d in gold if any(r(by_id[d].title or "") for r in EVENT_RULES.values())]
    # Every multi-item event spans two outlets or more.
    outlets: dict[str, set[str]] = {}
    for d, event in gold.items():
        outlets.setdefault(event, set()).add(by_id[d].source or "")
    sizes = {e: sum(1 for g in gold.values() if g == e) for e in EVENTS}
    assert all(len(outlets[e]) >= 2 for e in EVENTS if sizes[e] > 1)
    pred = cluster_captured(docs)
    print(f"\nfeeds: {len(docs)} items, {len(gold)} labelled in {len(EVENTS)} events")
    print("\n".join(report(docs, gold, pred)))
    check_scores("feeds", gold, pred, (FLOORS["pairwise_p"], FLOORS["pairwise_f1"],
                 FLOORS["bcubed_f1"]))


# Measured 2026-11-29 (124 items, 41 events, 277 gold pairs): pairwise P 0.892 R 0.809
# F1 0.848, BCubed P 0.930 R 0.852 F1 0.889; with foreign ministers in the knowledge
# base P 0.905 R 0.794 F1 0.846, BCubed F1 0.886 (Rubio tagged: his Munich speech
# pieces and his trip previews now form one story about him). Wrong merges (27 pairs
# before): Rubio's trip previews ("Rubio visits central Europe") join the Munich story
# (Rubio was not in the knowledge base, so both were "about" only the US and Trump);
# Orban's "EU bigger threat" speech and Magyar's campaign launch seed the story
# Rubio's Budapest visit then joins;
# the settler's prosecution joins the West Bank land story. Splits (53 pairs): previews
# and late commentary beyond the 72 h window (Board of Peace 9 days ahead, Ukraine talks
# announced 82 h ahead, the third Washington Post column); side pieces whose summary
# shares too few words ("ISIS brides" legal experts, "Three American Speeches at
# Munich", Obama on aliens); a near tie lost to a neighbour story (the UN's West Bank
# call joins the Al-Aqsa item, 0.401 vs 0.377); scores just under 0.2 (the Hungary
# nuclear deal 0.193, Takaichi's win 0.190, the French Epstein probe 0.154).
# With accents folded (stories/vectors.py): P 0.900 R 0.812 F1 0.854, BCubed F1 0.891;
# the nuclear deal's "Orban" now matches the visit story's "Orbán".
FLOORS = {
    "pairwise_p": 0.87,
    "pairwise_f1": 0.84,
    "bcubed_f1": 0.88,
}

"""Generate SignalDesk's bundled demo pack: a fictional trading day on 2026-03-12.

    python tools/demo_pack/build.py [--out DIR]

writes DIR (default src/signaldesk/demo/pack/) byte-identically on every run:
manifest.json, feeds/<outlet>.(xml|json) and pages/<document>.html. Nothing in it is
real news: outlets, people, companies and events are invented; only countries,
currencies, central banks as institutions and commodities are real names, because those
are what SignalDesk must tag.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import events_central
import events_corp
import events_energy
import events_fx
import events_macro
from compose import Article, compose, revise
from feeds import Entry, write_feed
from outlets import BY_SLUG, OUTLETS, Outlet
from render import Page, render
from spec import E

SEED = "signaldesk-demo-2026-03-12"
DAY = "2026-03-12"
START = datetime(2026, 3, 12, 6, 0, tzinfo=UTC)
END = datetime(2026, 3, 12, 22, 0, tzinfo=UTC)
DESKS = ("political-risk", "central-banks", "rates", "fx", "energy", "commodities", "macro",
         "equities", "credit", "em")
WIRE = "meridian"
MANIFEST_NOTICE = (
    "FICTIONAL DEMO DATA. Every outlet, person, quote, company and event in this pack was "
    "invented for the SignalDesk demo by the project; none of it is real news. Real "
    "countries, currencies, central banks (as institutions) and commodities are named only "
    "so that the tagger has something to find."
)
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Doc:
    id: str
    outlet: Outlet
    event: E
    kind: str  # original | syndicated | update
    article: Article
    published: datetime
    tier: str
    update_of: str | None = None
    copy_of: str | None = None
    update_note: str = ""
    url: str = ""


def all_events() -> tuple[E, ...]:
    events = (*events_central.EVENTS, *events_fx.EVENTS, *events_energy.EVENTS,
              *events_macro.EVENTS, *events_corp.EVENTS)
    return tuple(sorted(events, key=lambda e: (e.at, e.id)))


def check(events: tuple[E, ...]) -> None:
    """Refuse a spec that would break the pack's promises."""
    ids = [e.id for e in events]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate event ids")
    for e in events:
        covering = set(e.outlets) | set(e.syndicated)
        problems = [
            e.desk not in DESKS and f"unknown desk {e.desk}",
            len(e.headlines) < len(e.outlets) and "fewer headlines than outlets",
            not 1 <= len(covering) <= 5 and "must be covered by 1-5 outlets",
            len(covering) != len(e.outlets) + len(e.syndicated) and "outlet listed twice",
            e.syndicated and e.outlets[0] != WIRE and "syndication needs the wire first",
            not covering <= set(BY_SLUG) and "unknown outlet",
            e.update is not None and e.update.outlet not in e.outlets and "update by outsider",
        ]
        bad = [p for p in problems if p]
        if bad:
            raise SystemExit(f"event {e.id}: {'; '.join(map(str, bad))}")


def _at(hhmm: str) -> datetime:
    hours, minutes = hhmm.split(":")
    return START.replace(hour=int(hours), minute=int(minutes))


def _tier(outlet: Outlet, event: E) -> str:
    roll = random.Random(f"{SEED}:tier:{outlet.slug}:{event.id}").random()
    return "premium" if roll < outlet.premium_share else "free"


def plan_event(ev: E) -> list[Doc]:
    rng = random.Random(f"{SEED}:{ev.id}")
    breaker = BY_SLUG[ev.outlets[0]].name
    docs: list[Doc] = []
    when = _at(ev.at) + timedelta(minutes=rng.randint(2, 9))
    for role, slug in enumerate(ev.outlets):
        if role:
            when += timedelta(minutes=rng.randint(4, 45))
        outlet = BY_SLUG[slug]
        words = compose(ev, outlet, role, breaker, random.Random(f"{SEED}:{ev.id}:{slug}"))
        docs.append(Doc(f"{slug}-{ev.id}", outlet, ev, "original", words, when,
                        _tier(outlet, ev)))
    wire = docs[0]
    for slug in ev.syndicated:
        outlet = BY_SLUG[slug]
        later = wire.published + timedelta(minutes=rng.randint(4, 35))
        docs.append(Doc(f"{slug}-{ev.id}", outlet, ev, "syndicated", wire.article, later,
                        _tier(outlet, ev), copy_of=wire.id))
    if ev.update is not None:
        u = ev.update
        base = next(d for d in docs if d.outlet.slug == u.outlet and d.kind == "original")
        docs.append(Doc(f"{base.id}-u1", base.outlet, ev, "update",
                        revise(base.article, u.headline, u.paras, u.note),
                        base.published + timedelta(minutes=u.after), base.tier,
                        update_of=base.id, update_note=u.note))
    return docs


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:70].rstrip("-")


def assign_urls(docs: list[Doc]) -> None:
    by_id = {d.id: d for d in docs}
    for outlet in OUTLETS:
        mine = sorted((d for d in docs if d.outlet is outlet and d.kind != "update"),
                      key=lambda d: (d.published, d.id))
        for n, d in enumerate(mine, start=1):
            d.url = outlet.url.format(desk=d.event.desk, slug=_slug(d.article.headline), n=n)
    for d in docs:
        if d.update_of is not None:
            d.url = by_id[d.update_of].url


def related(doc: Doc, docs: list[Doc]) -> tuple[tuple[str, str], ...]:
    others = [d for d in docs if d.outlet is doc.outlet and d.kind != "update"
              and d.url != doc.url]
    near = sorted(others, key=lambda d: (abs((d.published - doc.published).total_seconds()),
                                         d.id))[:4]
    return tuple((d.article.headline, d.url) for d in sorted(near, key=lambda d: d.published))


def page_of(doc: Doc, docs: list[Doc], by_id: dict[str, Doc]) -> Page:
    canonical, via = doc.url, ""
    if doc.copy_of is not None:
        source = by_id[doc.copy_of]
        via = source.outlet.name
        # Half the syndicating sites point rel=canonical at the wire's own URL, as many do.
        if random.Random(f"{SEED}:canon:{doc.id}").random() < 0.5:
            canonical = source.url
    original = by_id[doc.update_of] if doc.update_of else None
    return Page(
        outlet=doc.outlet, article=doc.article, url=doc.url, canonical=canonical,
        desk=doc.event.desk, tier=doc.tier,
        published=original.published if original else doc.published,
        updated=doc.published if original else None, update_note=doc.update_note,
        related=related(doc, docs), via=via,
    )


def _summary(doc: Doc) -> str:
    first = str(doc.article.blocks[0][1])
    if doc.tier == "premium":
        return re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return first


def feed_entries(outlet: Outlet, docs: list[Doc]) -> list[Entry]:
    latest: dict[str, Doc] = {}
    for d in docs:
        if d.outlet is outlet and d.kind == "update" and d.update_of is not None:
            latest[d.update_of] = d
    entries = []
    for d in docs:
        if d.outlet is not outlet or d.kind == "update":
            continue
        shown = latest.get(d.id, d)
        entries.append(Entry(
            doc_id=d.id, url=d.url, headline=shown.article.headline, summary=_summary(shown),
            author=d.article.byline.removeprefix("By "), desk=d.event.desk, tier=d.tier,
            published=d.published, updated=shown.published if shown is not d else None,
        ))
    return entries


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest(events: tuple[E, ...], docs: list[Doc]) -> dict[str, object]:
    pages = {d.url: f"pages/{d.id}.html" for d in docs if d.kind != "update"}
    return {
        "notice": MANIFEST_NOTICE,
        "day": DAY,
        "generator": "tools/demo_pack/build.py",
        "outlets": [
            {"name": o.name, "slug": o.slug, "format": o.format, "feed": o.feed_file,
             "tier": o.tier, "home": o.home, "timezone": o.tz}
            for o in OUTLETS
        ],
        "pages": dict(sorted(pages.items())),
        "events": [{"id": e.id, "desk": e.desk, "title": e.title} for e in events],
        "documents": [
            {"id": d.id, "outlet": d.outlet.name, "url": d.url, "event": d.event.id,
             "published_at": _iso(d.published), "tier": d.tier, "kind": d.kind,
             "update_of": d.update_of, "copy_of": d.copy_of,
             "page": f"pages/{d.id}.html", "headline": d.article.headline}
            for d in docs
        ],
    }


def build(out: Path) -> dict[str, object]:
    events = all_events()
    check(events)
    docs = [d for ev in events for d in plan_event(ev)]
    docs.sort(key=lambda d: (d.published, d.id))
    late = [d.id for d in docs if not START <= d.published <= END]
    if late:
        raise SystemExit(f"documents outside {_iso(START)}..{_iso(END)}: {late}")
    assign_urls(docs)
    by_id = {d.id: d for d in docs}
    files: dict[str, str] = {}
    for d in docs:
        files[f"pages/{d.id}.html"] = render(page_of(d, docs, by_id))
    for o in OUTLETS:
        files[o.feed_file] = write_feed(o, feed_entries(o, docs))
    data = manifest(events, docs)
    files["manifest.json"] = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    files["NOTICE.txt"] = (
        f"{MANIFEST_NOTICE}\n\nGenerated by tools/demo_pack/build.py (seed {SEED!r}); "
        "edit the event specifications there and rerun it rather than editing this folder.\n"
    )
    _write(out, files)
    return data


def _write(out: Path, files: dict[str, str]) -> None:
    # Only the generator's own outputs are removed, never anything else in DIR.
    for sub in ("pages", "feeds"):
        if (out / sub).is_dir():
            shutil.rmtree(out / sub)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "src/signaldesk/demo/pack")
    args = parser.parse_args(argv)
    data = build(args.out)
    docs = data["documents"]
    assert isinstance(docs, list)
    print(f"wrote {len(docs)} documents about {len(data['events'])} events "  # type: ignore[arg-type]
          f"to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

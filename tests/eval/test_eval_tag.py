"""Quality gates of the tag stage on real data (../shared/data). Run: pytest -m eval -s.

1. Countries on CoNLL-2003 English testb: the LOC entities that name a country (gold:
   the span's text is an ISO 3166 country per pycountry/babel, or one of the short and
   historical forms in `_GOLD_EXTRA`) against the tagger's country mentions by name
   (demonyms, capitals and role phrases are not LOC country names and are not counted).
   A prediction is right when span and country code both match. Published anchor: the
   best all-type entity-level micro-F1 on testb is 94.6 (no published country-only
   figure exists); how the remaining LOC spans fare is printed beside it.
2. Countries named or implied in the title + description of 130 AG News World items
   (2004), against `tests/tag/data/agnews_world_countries.tsv` (row index and codes
   only): micro precision/recall/F1 of the set of country entities the tag stage assigns
   (any relevance). The issue's outside target is micro-F1 >= 0.97 on such items.
3. Quote speakers on the Wikinews articles of demo-corpus, against the labels in
   `tests/tag/data/wikinews_quotes.tsv` (article id, character offset of the quote's
   opening mark, speaker name; no article text is stored). Every quote of three or more
   words in every article was reviewed; the ones not labelled have no identifiable
   speaker or are not quotes (scare quotes, titles). A prediction is right when a label
   opens within 2 characters and the last names agree (case-insensitive); a prediction
   where there is no label is wrong. Precision = right / predicted, recall = right /
   labelled.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pycountry
import pytest
from babel import Locale

from signaldesk.knowledge import load_kb
from signaldesk.models import Doc
from signaldesk.tag import DocTagger, QuoteFinder, Tagger

LABELS = Path(__file__).resolve().parents[1] / "tag" / "data"  # our labels: ids and offsets only
COUNTRY_F1_FLOOR = 0.95
AGNEWS_F1_FLOOR = 0.95
SPEAKER_PRECISION_FLOOR = 0.80
SPEAKER_RECALL_FLOOR = 0.70

# Short and historical forms that pycountry and babel do not list; written for this test.
_GOLD_EXTRA = {
    "U.S.": "US", "US": "US", "USA": "US", "America": "US", "UK": "GB", "U.K.": "GB",
    "Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "Northern Ireland": "GB", "Russia": "RU", "Zaire": "CD", "Czech": "CZ", "Burma": "MM",
    "Holland": "NL", "Ivory Coast": "CI", "Vatican": "VA", "East Timor": "TL",
    "South Korea": "KR", "North Korea": "KP", "Taiwan": "TW", "Iran": "IR", "Syria": "SY",
    "Macedonia": "MK", "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Vietnam": "VN", "Laos": "LA", "Brunei": "BN", "Palestine": "PS", "UAE": "AE",
    "Turkey": "TR", "N. Ireland": "GB",
}


def _gold_lookup() -> dict[str, str]:
    names: dict[str, str] = {}
    english = Locale("en")
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_2
        if c.alpha_2 in english.territories:
            names[english.territories[c.alpha_2].lower()] = c.alpha_2
    names.update({k.lower(): v for k, v in _GOLD_EXTRA.items()})
    return names


def _conll_docs(path: Path) -> list[list[list[tuple[str, str]]]]:
    docs: list[list[list[tuple[str, str]]]] = []
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if doc:
                docs.append(doc)
            doc = []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            parts = line.split(" ")
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def _spans(tags: list[str], kind: str) -> list[tuple[int, int]]:
    """IOB1 entity spans [start, end) of one type over a token list."""
    out, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.endswith(kind)
        if start is not None and (not inside or tag.startswith("B-")):
            out.append((start, i))
            start = None
        if inside and start is None:
            start = i
    return out


def country_scores(conll: Path) -> dict[str, float]:
    kb = load_kb()
    tagger = Tagger(kb)
    lookup = _gold_lookup()
    gold: set[tuple[int, int, int, str]] = set()
    pred: set[tuple[int, int, int, str]] = set()
    loc_total = loc_any = other_touched = 0
    for d, doc in enumerate(_conll_docs(conll / "eng.testb")):
        tokens = [w for s in doc for w, _ in s]
        tags = [t for s in doc for _, t in s]
        starts, pos = {}, 0
        ends = {}
        for i, w in enumerate(tokens):
            starts[pos], ends[pos + len(w)] = i, i + 1
            pos += len(w) + 1
        text = " ".join(tokens)
        covered: set[int] = set()
        for eid, found in tagger.mentions(text, date(1996, 8, 30)).items():
            for s, e, form in found.spans:
                if s in starts and e in ends:
                    covered.update(range(starts[s], ends[e]))
                    if eid.startswith("country:") and form == "name":
                        pred.add((d, starts[s], ends[e], eid.split(":")[1]))
        for s, e in _spans(tags, "LOC"):
            loc_total += 1
            touched = bool(covered & set(range(s, e)))
            loc_any += touched
            code = lookup.get(" ".join(tokens[s:e]).lower())
            if code:
                gold.add((d, s, e, code))
            else:
                other_touched += touched
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": len(gold), "predicted": len(pred), "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(f1, 4), "loc_spans": loc_total,
            "loc_spans_touched_by_any_tag": loc_any,
            "loc_other_than_country_names": loc_total - len(gold),
            "loc_other_touched_by_a_tag": other_touched}


def speaker_scores(corpus: Path, labels: Path) -> dict[str, float]:
    texts = {}
    with (corpus / "wikinews-meantime" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            texts[art["id"]] = art["text"]
    gold: dict[tuple[str, int], str] = {}
    with labels.open(encoding="utf-8") as fh:
        rows = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(rows, delimiter="\t"):
            gold[(row["article_id"], int(row["offset"]))] = row["speaker"]
    kb = load_kb()
    tagger, finder = Tagger(kb), QuoteFinder()
    predicted = correct = 0
    for art_id, text in sorted(texts.items()):
        people = [(kb.get(e).name, None) for e in tagger.mentions(text, date(2005, 6, 1))
                  if e.startswith("person:")]
        for offset, speaker in finder.find_spans(text, people):
            match = next((gold[(art_id, o)] for o in range(offset - 2, offset + 3)
                          if (art_id, o) in gold), None)
            predicted += 1
            if match is not None:
                correct += match.split()[-1].lower() == speaker.split()[-1].lower()
    return {"labelled": len(gold), "predicted": predicted, "correct": correct,
            "precision": round(correct / predicted, 4) if predicted else 0.0,
            "recall": round(correct / len(gold), 4) if gold else 0.0}


def agnews_scores(agnews: Path, labels: Path) -> dict[str, float]:
    with (agnews / "test.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    tagger = DocTagger(load_kb())
    tp = fp = fn = 0
    with labels.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for label in csv.DictReader(lines, delimiter="\t"):
            row = rows[int(label["row"])]
            gold = {c for c in (label["countries"] or "").split(",") if c}
            doc = Doc(id=label["row"], title=row["title"], text=row["description"],
                      published_at=datetime(2004, 8, 20, tzinfo=UTC))
            tagger.tag(doc, date(2004, 8, 20))
            pred = {e.id.split(":")[1] for e in doc.entities if e.type == "country"}
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"gold": tp + fn, "predicted": tp + fp, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@pytest.mark.eval
def test_countries_on_conll_testb(shared_data: Callable[[str], Path]) -> None:
    scores = country_scores(shared_data("conll2003-en"))
    print("countries on CoNLL-2003 testb:", json.dumps(scores))
    assert scores["gold"] > 500
    assert scores["f1"] >= COUNTRY_F1_FLOOR


@pytest.mark.eval
def test_countries_in_agnews_world_items(shared_data: Callable[[str], Path]) -> None:
    labels = LABELS / "agnews_world_countries.tsv"
    scores = agnews_scores(shared_data("ag-news"), labels)
    print("countries in AG News World items:", json.dumps(scores))
    assert scores["gold"] > 150
    assert scores["f1"] >= AGNEWS_F1_FLOOR


@pytest.mark.eval
def test_quote_speakers_on_wikinews(shared_data: Callable[[str], Path]) -> None:
    labels = LABELS / "wikinews_quotes.tsv"
    scores = speaker_scores(shared_data("demo-corpus"), labels)
    print("quote speakers on Wikinews:", json.dumps(scores))
    assert scores["labelled"] >= 100
    assert scores["precision"] >= SPEAKER_PRECISION_FLOOR
    assert scores["recall"] >= SPEAKER_RECALL_FLOOR


if __name__ == "__main__":
    shared = Path(__file__).resolve().parents[3] / "shared" / "data"
    print(json.dumps(country_scores(shared / "conll2003-en")))
    print(json.dumps(agnews_scores(shared / "ag-news",
                                   LABELS / "agnews_world_countries.tsv")))
    print(json.dumps(speaker_scores(shared / "demo-corpus",
                                    LABELS / "wikinews_quotes.tsv")))

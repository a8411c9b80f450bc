"""Quality gates of the extract stage on real data (../shared/data). Run: pytest -m eval -s.

1. trafilatura-eval (990 real pages, ~3 segments that must / must not appear per page),
   with the set's own metric (adbar/trafilatura tests/eval_common.py: whitespace-
   normalised substring counts summed over the corpus; a refusal is empty output). To keep
   the gate well under a minute it runs a fixed seeded subset of 300 pages with its own
   floor; `bench/extract.py` runs all 990 and prints overall and English-only F1 beside
   trafilatura's in the same run. Published anchor: trafilatura 2.2.0 standard F1 0.924.
2. demo-corpus: the real ECB press-conference page against its cleaned transcript, and
   the 15 Global Voices pages against Media Cloud's extracted text, bag-of-words F1.
   Media Cloud's reference keeps reader comments, which SignalDesk drops on purpose, so
   its recall is low (~0.4) at a precision of 1.0: the gate pins precision there.
3. Dates: the share of pages whose published date (in the page's own offset) is the
   annotated one, on the trafilatura-eval pages that carry a date.

Floors are pinned at what was reached; raising one is a commit, lowering one needs a
reason in the commit message.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from signaldesk.extract import Extracted, ExtractFailed, Extractor
from signaldesk.extract.evaluate import Case, Score, count_case, load_cases, subset, token_f1

pytestmark = pytest.mark.eval

SUBSET_SIZE, SUBSET_SEED = 300, 2026
# measured 0.9574 on the subset (all 990 pages: 0.9537, English 0.96) after the standfirst
# rescue and the furniture rules of issue 3; was 0.935 (all pages 0.9321).
F1_FLOOR_SUBSET = 0.955
DATE_FLOOR = 0.82
# The opt-in lexbor fast path (extract_fast_path), same subset: measured F1 0.9421 with 266
# of 300 pages read without lxml (all 990 pages: F1 0.9405, 2.07x trafilatura's pages/s).
FAST_PATH_F1_FLOOR = 0.940
FAST_PATH_TAKEN_FLOOR = 0.8  # share of pages the fast path reads: where its speed comes from
ECB_F1_FLOOR = 0.99
GV_PRECISION_FLOOR = 0.99


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


class RunResult(NamedTuple):
    case: Case
    found: Extracted | None


@pytest.fixture(scope="module")
def subset_run(shared_data: Callable[[str], Path], extractor: Extractor) -> list[RunResult]:
    cases = subset(load_cases(shared_data("trafilatura-eval")), SUBSET_SIZE, SUBSET_SEED)
    results = []
    for case in cases:
        try:
            found: Extracted | None = extractor.extract_html(case.html)
        except ExtractFailed:
            found = None
        results.append(RunResult(case, found))
    return results


def test_f1_on_trafilatura_eval_subset(subset_run: list[RunResult]) -> None:
    assert len(subset_run) == SUBSET_SIZE
    score = Score()
    for run in subset_run:
        score.add(count_case(run.case, run.found.text if run.found else None))
    print(f"\ntrafilatura-eval subset {SUBSET_SIZE}/seed {SUBSET_SEED}: {score.as_dict()}")
    assert score.f1 >= F1_FLOOR_SUBSET


def test_published_dates(subset_run: list[RunResult]) -> None:
    dated = [run for run in subset_run if run.case.date]
    right = sum(
        1 for run in dated
        if run.found and run.found.published_at
        and run.found.published_at.date().isoformat() == run.case.date
    )
    share = right / len(dated)
    print(f"\ndates right: {right}/{len(dated)} = {share:.3f}")
    assert share >= DATE_FLOOR


def test_f1_with_the_fast_path_on_the_same_subset(shared_data: Callable[[str], Path],
                                                   full_path_calls: list[str | None]) -> None:
    """The speed mode keeps its quality (F1 >= 0.94) and reads most pages without lxml."""
    cases = subset(load_cases(shared_data("trafilatura-eval")), SUBSET_SIZE, SUBSET_SEED)
    full_path = full_path_calls
    extractor, score, declined = Extractor(fast_path=True), Score(), 0
    for case in cases:
        before = len(full_path)
        try:
            text: str | None = extractor.extract_html(case.html).text
        except ExtractFailed:
            text = None
        declined += len(full_path) > before  # an unsure page is parsed twice: one page
        score.add(count_case(case, text))
    taken = 1 - declined / len(cases)
    print(f"\nfast path on, subset {SUBSET_SIZE}: {score.as_dict()}, read by it {taken:.3f}")
    assert score.f1 >= FAST_PATH_F1_FLOOR
    assert taken >= FAST_PATH_TAKEN_FLOOR


def test_ecb_press_conference(shared_data: Callable[[str], Path], extractor: Extractor) -> None:
    folder = shared_data("demo-corpus") / "ecb-pressconf-1998"
    found = extractor.extract_html((folder / "is980609.en.html").read_bytes())
    reference = (folder / "is980609.en.cleaned.txt").read_text(encoding="utf-8")
    precision, recall, f1 = token_f1(found.text, reference)
    print(f"\nECB: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    assert f1 >= ECB_F1_FLOOR
    # The page states its date only in prose ("9 June 1998"); printed, not gated.
    print(f"ECB published_at: {found.published_at} (the transcript is of 1998-06-09)")


def test_global_voices_pages(shared_data: Callable[[str], Path], extractor: Extractor) -> None:
    folder = shared_data("demo-corpus") / "globalvoices-2009-06"
    manifest = {row["path"]: row for row in csv.DictReader(
        (folder.parent / "manifest.csv").open(encoding="utf-8"))}
    lines = (folder / "reference" / "mediacloud_extracted_stories.jsonl").read_text("utf-8")
    precisions, dates_right, pages = [], 0, 0
    for ref in map(json.loads, lines.splitlines()):
        if ref["page_file"] == "pages/home.html":  # a home page, not an article
            continue
        pages += 1
        found = extractor.extract_html((folder / ref["page_file"]).read_bytes())
        precision, _recall, _f1 = token_f1(found.text, ref["extracted_text"])
        precisions.append(precision)
        published = manifest[f"globalvoices-2009-06/{ref['page_file']}"]["published"][:10]
        dates_right += found.published_at is not None and (
            found.published_at.date().isoformat() == published)
    mean_precision = sum(precisions) / len(precisions)
    print(f"\nGlobal Voices: {pages} pages, mean precision {mean_precision:.3f}, "
          f"dates right {dates_right}/{pages}")
    assert pages == 15
    assert mean_precision >= GV_PRECISION_FLOOR

"""`signaldesk report`: a page of sample items beside their sources, everything escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from signaldesk.cli import main


def _items(n: int) -> list[dict[str, object]]:
    return [
        {
            "id": f"i{k}", "headline": f"Fictional headline {k}", "lead": "A lead.",
            "bullets": ["one", "two"], "text": f"Body {k}", "desks": [{"desk": "fx", "score": 0.9}],
            "scores": {"tone": {"label": "neutral", "score": 0.0}, "urgency": "routine"},
            "why": ["desk fx 0.90: term \"yen\""],
        }
        for k in range(n)
    ]


def test_report_samples_and_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = _items(30)
    items[0]["headline"] = "<script>alert(1)</script>"
    items[0]["text"] = "<img src=x onerror=alert(2)>"
    items[1]["dropped"] = "duplicate"
    lines = [json.dumps(i) for i in items] + ["{broken", "[1, 2]"]
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    args = ["report", "--sample", "29", "--input", str(src), "--output", str(out)]
    assert main(args) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<section class='item'>") == 29
    assert "Fictional headline 1<" not in html  # the dropped item is not judged
    err = capsys.readouterr().err
    assert "line 31: not JSON" in err and "line 32: not an object" in err


def test_report_sample_is_seeded_and_bounded(tmp_path: Path) -> None:
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps(i) for i in _items(50)), encoding="utf-8")
    pages = []
    for name in ("a.html", "b.html"):
        main(["report", "--sample", "5", "--input", str(src), "--output", str(tmp_path / name)])
        pages.append((tmp_path / name).read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert pages[0].count("<section class='item'>") == 5


def test_report_rejects_a_bad_sample_size(tmp_path: Path) -> None:
    src = tmp_path / "items.jsonl"
    src.write_text("", encoding="utf-8")
    assert main(["report", "--sample", "0", "--input", str(src), "--output", "x.html"]) == 2

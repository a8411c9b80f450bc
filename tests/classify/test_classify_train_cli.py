"""`signaldesk train desks|tone`: the user's own data in, a model the stage loads out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from signaldesk.classify import ClassifyStage, load_bundle
from signaldesk.cli import main
from signaldesk.models import Doc
from signaldesk.pipeline import Context
from signaldesk.settings import load_settings

# Fictional training lines, written for this test.
DESK_LINES = [
    {"text": f"The fictional treasury auction {i} lifted bond yields and curve steepness",
     "desks": ["rates"]} for i in range(6)
] + [
    {"text": f"Widgetco shares {i} rallied after the fictional merger with Gizmo Inc",
     "desks": ["equities"]} for i in range(6)
] + [{"text": f"The village fete number {i} drew a crowd", "desks": []} for i in range(4)]


def _write(path: Path, rows: list[dict[str, object]], extra: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in rows] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_desks_then_classify_with_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(
        tmp_path / "desks.jsonl",
        DESK_LINES,
        ("{not json", json.dumps({"text": "x", "desks": ["weather"]}), json.dumps({"desks": []})),
    )
    out = tmp_path / "model.json"
    assert main(["train", "desks", "--data", str(data), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert "trained desks on 16 examples (3 skipped)" in captured.out
    assert "line 17" in captured.err and "unknown desks ['weather']" in captured.err
    assert set(load_bundle(out)) == {"desks"}

    stage = ClassifyStage()
    stage.open(Context(settings=load_settings(overrides={"desk_model": str(out)})))
    doc = Doc(id="a", text="Gizmo shares rallied on the merger news")
    stage.process([doc])
    assert doc.desks and doc.desks[0].desk == "equities"


def test_train_tone_adds_to_the_same_bundle(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    main(["train", "desks", "--data", str(_write(tmp_path / "d.jsonl", DESK_LINES)),
          "--output", str(out)])
    rows = []
    for i in range(5):
        rows.append({"text": f"Fictional profit {i} rose strongly", "label": "positive"})
        rows.append({"text": f"Fictional losses {i} widened badly", "label": "negative"})
        rows.append({"text": f"The fictional office {i} is in town", "label": "neutral"})
    assert main(["train", "tone", "--data", str(_write(tmp_path / "t.jsonl", rows)),
                 "--output", str(out)]) == 0
    bundle = load_bundle(out)
    assert set(bundle) == {"desks", "tone"}
    assert bundle["tone"].labels == ["negative", "neutral", "positive"]


def test_too_little_data_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(tmp_path / "few.jsonl", DESK_LINES[:3])
    assert main(["train", "desks", "--data", str(data), "--output", str(tmp_path / "m")]) == 2
    assert "only 3 usable examples" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_missing_data_file_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.jsonl"
    assert main(["train", "tone", "--data", str(missing), "--output", str(tmp_path / "m")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err

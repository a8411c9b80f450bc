"""`signaldesk process`: one output line per input line, bad lines named, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from signaldesk.cli import main

BODY = (
    "This is a fictional test article written for SignalDesk. The Bank of Japan kept its "
    "policy rate unchanged on Tuesday, and the yen weakened against the dollar after the "
    "decision. Analysts said the central bank signalled patience.\n\n"
    "Japanese government bond yields edged lower across the curve."
)


def _run(tmp_path: Path, lines: list[str], *extra: str) -> tuple[list[dict[str, object]], str]:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["process", "--input", str(src), "--output", str(out), *extra])
    assert code == 0
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()], str(out)


def test_malformed_line_is_reported_and_the_rest_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "a", "text": BODY, "title": "BoJ holds"})
    items, _ = _run(
        tmp_path,
        [good, "{not json", json.dumps({"id": "c"}), good.replace('"a"', '"d"')],
        "--until",
        "extract",
    )
    assert [i.get("id") for i in items] == ["a", None, "c", "d"]
    assert items[1]["dropped"] == "bad_input" and items[1]["line"] == 2
    assert items[2]["dropped"] == "bad_input" and "html' or 'text" in str(items[2]["drop_detail"])
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err


def test_until_stops_after_the_named_stage(tmp_path: Path) -> None:
    items, _ = _run(
        tmp_path,
        [json.dumps({"id": "a", "text": BODY, "title": "BoJ holds"})],
        "--until",
        "extract",
    )
    assert items[0]["text"] and items[0]["entities"] == [] and items[0]["desks"] == []


def test_unknown_stage_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["process", "--input", str(src), "--until", "nope"])
    assert "invalid choice" in capsys.readouterr().err


def test_missing_input_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["process", "--input", str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err


def test_bad_time_is_a_bad_line(tmp_path: Path) -> None:
    items, _ = _run(
        tmp_path,
        [json.dumps({"id": "t", "text": BODY, "published_at": "yesterday"})],
        "--until",
        "extract",
    )
    assert items[0]["dropped"] == "bad_input"
    assert "published_at" in str(items[0]["drop_detail"])


def test_a_repeated_id_is_refused_not_merged(tmp_path: Path) -> None:
    line = json.dumps({"id": "same", "text": BODY})
    other = json.dumps({"id": "same", "text": "A different fictional story about copper."})
    items, _ = _run(tmp_path, [line, other], "--until", "extract")
    assert "dropped" not in items[0]
    assert items[1]["dropped"] == "bad_input"
    assert "already used on line 1" in str(items[1]["drop_detail"])


def test_lone_surrogates_do_not_break_the_run(tmp_path: Path) -> None:
    raw = '{"id": "s", "title": "Yen \\ud800 falls", "text": "The yen \\udfff fell in Tokyo."}'
    items, _ = _run(tmp_path, [raw, json.dumps({"id": "t", "text": BODY})])
    assert [i["id"] for i in items] == ["s", "t"]
    assert "dropped" not in items[1]
    assert items[0].get("dropped") != "stage_error", items[0].get("drop_detail")


def test_year_one_dates_from_feeds_are_survived(tmp_path: Path) -> None:
    zero = json.dumps({"id": "z", "text": BODY, "published_at": "0001-01-01T00:00:00Z"})
    later = json.dumps({"id": "y", "text": BODY.replace("Tuesday", "Friday") + " More."})
    items, _ = _run(tmp_path, [zero, later])
    assert all(i.get("dropped") in (None, "duplicate") for i in items), items
    assert all(i.get("story_id") for i in items)

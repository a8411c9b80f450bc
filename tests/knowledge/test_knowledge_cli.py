"""`signaldesk kb ...`."""

from __future__ import annotations

import json

import pytest

from signaldesk.cli import main


def test_kb_stats_lookup_holder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entities"]["cb"] >= 40 and stats["version"]
    assert main(["kb", "lookup", "loonie"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == ["currency:CAD"]
    assert main(["kb", "lookup", "cb:BOJ"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["attrs"]["body"] == "Policy Board"
    assert main(["kb", "holder", "cb-governor:BOJ", "--at", "2020-01-01"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "person:haruhiko-kuroda"
    assert main(["kb", "lookup", "no such name at all"]) == 1
    assert main(["kb", "holder", "cb-governor:BOJ", "--at", "yesterday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err

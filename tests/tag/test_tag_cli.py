"""`signaldesk tag TEXT`."""

from __future__ import annotations

import json

import pytest

from signaldesk.cli import main


def test_tag_command_prints_the_tags(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["tag", "OPEC+ agreed to extend cuts, according to a statement.",
                 "--published-at", "2024-05-01"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert "org:opec-plus" in [e["id"] for e in out["entities"]]
    assert {"BRENT", "WTI"} <= {i["symbol"] for i in out["instruments"]}
    assert out["attribution"]["sourcing"] == "a statement"
    assert main(["tag", "x", "--published-at", "May 1"]) == 2

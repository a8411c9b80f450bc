"""`signaldesk db`: migrate, item (latest, as of, history) and story from the command line.

The subcommands are parsed with the store package's own `register`, as `signaldesk.cli`
does, without importing every other package's commands.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from store_items import T0, make_item

from signaldesk.errors import InputError, NotFound
from signaldesk.settings import Settings
from signaldesk.store.cli import register
from signaldesk.store.migrations import MIGRATIONS
from signaldesk.store.sqlite import SQLiteStore


def run(db: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="signaldesk")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["db", *argv])
    code: int = args.handler(args, Settings(db=str(db)))
    return code


def test_db_commands_show_what_the_store_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "wire.db"
    assert run(db, "migrate") == 0
    assert f"schema version {len(MIGRATIONS)}" in capsys.readouterr().out
    with SQLiteStore(str(db)) as store:
        store.append_revision(make_item("a", "First wording", recorded_at=T0))
        store.append_revision(make_item("a", "Second wording",
                                        recorded_at=T0.replace(hour=10)))
    assert run(db, "item", "a") == 0
    assert json.loads(capsys.readouterr().out)["headline"] == "Second wording"
    assert run(db, "item", "a", "--as-of", "2031-03-04T09:30:00Z") == 0
    assert json.loads(capsys.readouterr().out)["headline"] == "First wording"
    assert run(db, "item", "a", "--history") == 0
    assert [r["revision"] for r in json.loads(capsys.readouterr().out)] == [1, 2]
    assert run(db, "story", "story-1") == 0
    assert json.loads(capsys.readouterr().out)["story_id"] == "story-1"


def test_db_errors_name_the_problem(tmp_path: Path) -> None:
    db = tmp_path / "wire.db"
    with pytest.raises(NotFound, match="no item 'nope'"):
        run(db, "item", "nope")
    with pytest.raises(InputError, match="--as-of 'yesterday'"):
        run(db, "item", "a", "--as-of", "yesterday")
    with pytest.raises(NotFound, match="no story 'nope'"):
        run(db, "story", "nope")

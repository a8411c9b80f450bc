"""`signaldesk users add|list|key` against a SQLite file in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaldesk.accounts.users import Accounts
from signaldesk.cli import main
from signaldesk.store.sqlite import SQLiteStore


def test_users_add_list_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"db={tmp_path / 'wire.db'}"
    assert main(["--set", db, "users", "add", "Ana@Example.test", "--trial", "7d",
                 "--password", "pw-for-tests"]) == 0
    assert "added ana@example.test plan=trial" in capsys.readouterr().out
    assert main(["--set", db, "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ana@example.test" in listing and "active" in listing
    assert main(["--set", db, "users", "key", "ana@example.test"]) == 0
    key = capsys.readouterr().out.strip()
    with SQLiteStore(tmp_path / "wire.db") as store:
        accounts = Accounts(store)
        assert accounts.authenticate("ana@example.test", "pw-for-tests").plan == "trial"
        found = accounts.user_for_api_key(key)
        assert found is not None and found.email == "ana@example.test"


def test_users_add_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"db={tmp_path / 'wire.db'}"
    assert main(["--set", db, "users", "add", "x@example.test", "--trial", "soon",
                 "--password", "pw"]) == 2
    assert "duration 'soon'" in capsys.readouterr().err
    assert main(["--set", db, "users", "add", "x@example.test", "--password", "pw"]) == 0
    assert main(["--set", db, "users", "add", "x@example.test", "--password", "pw"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["--set", db, "users", "key", "ghost@example.test"]) == 2


def test_users_plan_extends_or_ends_access(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = f"db={tmp_path / 'wire.db'}"
    assert main(["--set", db, "users", "add", "p@example.test", "--trial", "0d",
                 "--password", "pw"]) == 0
    assert main(["--set", db, "users", "list"]) == 0
    assert "expired" in capsys.readouterr().out
    assert main(["--set", db, "users", "plan", "p@example.test", "--paid"]) == 0
    assert main(["--set", db, "users", "list"]) == 0
    assert "paid   active" in capsys.readouterr().out
    assert main(["--set", db, "users", "plan", "p@example.test", "--trial", "3d"]) == 0
    with SQLiteStore(tmp_path / "wire.db") as store:
        user = Accounts(store).require("p@example.test")
        assert user.plan == "trial" and user.entitled(Accounts(store).now())
    assert main(["--set", db, "users", "plan", "ghost@example.test", "--free"]) == 2

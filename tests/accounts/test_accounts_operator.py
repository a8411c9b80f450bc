"""The operator role: stored on the account, set by `users add|plan`, apart from the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaldesk.accounts.users import USERS_NS, Accounts
from signaldesk.cli import main
from signaldesk.store.sqlite import SQLiteStore


def role_of(path: Path, email: str) -> tuple[str, bool]:
    with SQLiteStore(path) as store:
        user = Accounts(store).require(email)
        return user.plan, user.operator


def test_users_add_and_plan_set_the_operator_role(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wire.db"
    db = f"db={path}"
    assert main(["--set", db, "users", "add", "ops@example.test", "--operator",
                 "--password", "pw-for-tests"]) == 0
    assert "role=operator" in capsys.readouterr().out
    assert main(["--set", db, "users", "add", "ana@example.test", "--password", "pw"]) == 0
    assert role_of(path, "ops@example.test") == ("trial", True)
    assert role_of(path, "ana@example.test") == ("trial", False)
    # The role changes alone, or together with the plan, and never changes the plan itself.
    assert main(["--set", db, "users", "plan", "ana@example.test", "--operator"]) == 0
    assert role_of(path, "ana@example.test") == ("trial", True)
    assert main(["--set", db, "users", "plan", "ana@example.test", "--paid", "--no-operator"]) == 0
    assert role_of(path, "ana@example.test") == ("paid", False)
    capsys.readouterr()
    assert main(["--set", db, "users", "list"]) == 0
    rows = {line.split()[0]: line.split()[-1] for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows == {"ana@example.test": "-", "ops@example.test": "operator"}
    assert main(["--set", db, "users", "plan", "ana@example.test"]) == 2  # nothing to change
    assert "--[no-]operator" in capsys.readouterr().err
    assert main(["--set", db, "users", "plan", "ghost@example.test", "--operator"]) == 2


def test_old_records_without_the_flag_are_not_operators() -> None:
    with SQLiteStore(":memory:") as store:
        accounts = Accounts(store)
        user = accounts.add("old@example.test", "pw-for-tests", plan="paid")
        record = user.to_record()
        del record["operator"]
        store.state_put(USERS_NS, user.email, record)
        assert accounts.require("old@example.test").operator is False
        record["operator"] = "yes"  # only a real true counts
        store.state_put(USERS_NS, user.email, record)
        assert accounts.require("old@example.test").operator is False
        assert accounts.set_operator("old@example.test", True).operator is True
        assert accounts.require("old@example.test").operator is True

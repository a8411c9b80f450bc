"""The writer thread's group commit: waiting writes share one transaction, failures stay theirs."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from store_items import make_item

from signaldesk.store.common import ItemRejected
from signaldesk.store.sqlite import SQLiteStore


@pytest.mark.parametrize("path", ["file", ":memory:"])
def test_waiting_writes_are_committed_together_and_a_bad_one_fails_alone(
    tmp_path: Path, path: str
) -> None:
    store = SQLiteStore(str(tmp_path / "w.db") if path == "file" else path)
    gate = threading.Event()
    blocker = threading.Thread(target=lambda: store._write(lambda c: gate.wait(10)))
    blocker.start()
    while store._writer.pending():  # the blocker is running: the writer is busy
        time.sleep(0.001)
    outcomes: dict[str, Any] = {}

    def append(name: str, poison: bool) -> None:
        item = make_item(name, f"Headline {name}")
        if poison:
            item["scores"]["relevance"] = float("nan")  # refused inside the transaction
        try:
            outcomes[name] = store.append_revision(item).revision
        except ItemRejected as exc:
            outcomes[name] = exc

    names = [f"i{n}" for n in range(8)]
    writers = [threading.Thread(target=append, args=(n, n == "i3")) for n in names]
    for w in writers:
        w.start()
    deadline = time.monotonic() + 10
    while store._writer.pending() < len(names) and time.monotonic() < deadline:
        time.sleep(0.001)
    gate.set()
    for w in [blocker, *writers]:
        w.join()
    assert store._writer.group_commits >= 1
    assert isinstance(outcomes.pop("i3"), ItemRejected)
    assert outcomes == {n: 1 for n in names if n != "i3"}
    assert store.get_item("i3") is None
    assert sorted(e.item_id for e in store.events_since(0)) == sorted(outcomes)
    store.close()

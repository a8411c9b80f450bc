"""The Viewer: who sees the full item and what a teaser keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from signaldesk.accounts.passwords import hash_password
from signaldesk.accounts.users import User
from signaldesk.accounts.viewer import TEASER_FIELDS, Viewer, first_sentence
from signaldesk.models import Attribution, DeskScore, Doc, Quote

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _item(tier: str) -> dict[str, Any]:
    doc = Doc(
        id="d1", headline="Invented ministry flags budget gap",
        lead="The ministry of Exlandia flagged a gap, an aide said. It may widen.",
        bullets=["Spending cuts loom.", "Yields could rise."], text="Whole body here.",
        tier="premium" if tier == "premium" else "free",
        desks=[DeskScore("macro", 0.8, ("quotes a budget figure",))],
        quotes=[Quote("An aide", None, "We are watching.")],
        attribution=Attribution("Fictional Wire", "an aide"), why=["macro: budget"],
    )
    item = doc.to_item()
    item["internal_note"] = "a field added later must not leak"
    return item


def _user(days_left: float) -> User:
    return User("u@example.test", hash_password("pw"), "trial", NOW - timedelta(days=1),
                trial_ends_at=NOW + timedelta(days=days_left))


def test_free_items_are_whole_for_anyone() -> None:
    shown = Viewer(now=NOW).present(_item("free"))
    assert shown["access"] == "full" and shown["bullets"] == ["Spending cuts loom.",
                                                             "Yields could rise."]


def test_anonymous_gets_a_whitelisted_teaser_of_premium() -> None:
    item = _item("premium")
    teaser = Viewer(now=NOW).present(item)
    assert teaser["access"] == "teaser"
    assert teaser["lead"] == "The ministry of Exlandia flagged a gap, an aide said."
    assert teaser["bullets"] == [] and teaser["quotes"] == [] and teaser["why"] == []
    assert teaser["text"] is None and "internal_note" not in teaser
    assert teaser["desks"] == [{"desk": "macro", "score": 0.8, "why": []}]
    assert teaser["attribution"] == {"outlet": "Fictional Wire", "sourcing": None}
    assert teaser["cta"]["url"] == "/signup"
    assert set(TEASER_FIELDS) <= set(teaser)
    assert item["bullets"], "presenting must not change the stored item"


def test_trial_sees_all_until_it_ends() -> None:
    item = _item("premium")
    assert Viewer(_user(3), now=NOW).present(item)["bullets"] == item["bullets"]
    expired = Viewer(_user(-1), now=NOW)
    assert not expired.can_read(item)
    assert "trial has ended" in expired.present(item)["cta"]["message"]
    assert Viewer(_user(0.5), clock=lambda: NOW + timedelta(days=1)).entitled is False


def test_readable_text_is_what_snippets_may_quote() -> None:
    item = _item("premium")
    assert "Whole body" not in Viewer(now=NOW).readable_text(item)
    assert "It may widen" not in Viewer(now=NOW).readable_text(item)
    assert "Whole body" in Viewer(_user(3), now=NOW).readable_text(item)


def test_first_sentence() -> None:
    assert first_sentence("U.S. yields rose 5 bp. Then they fell.") == "U.S. yields rose 5 bp."
    assert first_sentence("Mr. Invented spoke. Nothing else.") == "Mr. Invented spoke."
    assert first_sentence('He said "never." Then left.') == 'He said "never."'
    assert first_sentence("Rates at 4.5 pct held. More.") == "Rates at 4.5 pct held."
    assert first_sentence("  no   end  ") == "no end"
    long = first_sentence("word " * 200)
    assert len(long) <= 321 and long.endswith("…")
    assert first_sentence("") == ""

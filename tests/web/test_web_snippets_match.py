"""`snippets.matches`: does the visible text explain a search hit?"""

from __future__ import annotations

import pytest

from signaldesk.web.snippets import matches

TEASER = "Exlandia plans surprise bond swap\nExlandia's treasury plans a bond swap, officials said."


@pytest.mark.parametrize(("q", "expected"), [
    ("treasury", True), ("TREASURY swap", True), ("treas*", True), ("rate", False),
    ('"bond swap"', True), ('"swap bond"', False), ("treasury bills", False), ("", False),
    ("*** ((", False), ("exlandia's", True), ("reasury", False),
])
def test_every_term_must_be_in_the_visible_text(q: str, expected: bool) -> None:
    assert matches(TEASER, q) is expected

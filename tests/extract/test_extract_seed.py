"""The seed page: one copy of the body, none of the chrome, the right title."""

from __future__ import annotations

from pathlib import Path

from signaldesk.extract import Extractor

MUST_NOT = ["Why MNI", "leading provider of intelligence", "To read the full story",
            "Free Trial", "Head Office is in London"]


def test_seed_body_once_without_chrome(shared_dir: Path) -> None:
    page = (shared_dir / "seed" / "mni-political-risk.html").read_bytes()
    found = Extractor().extract_html(page, url="https://example.invalid/seed")
    assert found.title == "Trump Allies Assure Japan & SK On Cooperation In Any 2nd Term"
    assert 225 <= len(found.text.split()) <= 240
    assert found.text.count("five people familiar with the talks") == 1
    assert found.paragraphs[0].startswith(
        "Reuters reporting that according to five people familiar with the talks, "
    )
    # The lead and the three bullet points, each its own paragraph, each once.
    assert len(found.paragraphs) == 4
    assert found.paragraphs[1].startswith("The stronger links between Tokyo and Seoul")
    assert found.paragraphs[2].startswith("A tough US stance towards China")
    assert found.paragraphs[3].startswith("Trump became the first US president")
    for phrase in MUST_NOT:
        assert phrase not in found.text, phrase
    assert found.text == "\n\n".join(found.paragraphs)
    assert found.lang == "en"
    assert found.section == "Political Risk"
    assert found.paywalled  # the page carries a paywall dialog
    assert found.canonical_url == "https://example.invalid/seed"

"""Boilerplate lines `tidy` drops, lines it must keep, and the standfirst rescue."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from signaldesk.extract import Extractor
from signaldesk.extract.clean import tidy
from signaldesk.extract.signals import standfirst

BODY = ("The council voted on Tuesday to extend the tram line to the harbour, a project "
        "that has been debated for more than a decade and will cost about 40 million euros.")


@pytest.mark.parametrize("line", [
    "Lea también: Impiden ingreso a Nicaragua a un reportero",
    "LE PUEDE INTERESAR: La ficha del expresidente en Nueva York",
    "NOTAS RELACIONADAS",
    "Zum Weiterlesen:",
    "Weitere Informationen:",
    "Werbung",
    "To view the full story, please subscribe to The Daily Example. You can choose an "
    "annual subscription or a weekly pass.",
    "Follow The Example on Twitter and Instagram @example and on Facebook.",
    "For the latest stories download the Example apps for iOS and Android.",
    "This post contains references to products from our advertisers. We may receive "
    "compensation when you click on links to those products.",
    "This article is the copyrighted property of Example News. Written permission must "
    "be obtained before reprint.",
    "Аdvеrtіѕе wіth thе most visited news site",  # Latin words spelled with Cyrillic
    "Aktualisiert am 17.01.2021.",
    "E-Mail: presse@example.org",
    "Quelle: Landesregierung",
    "Estimated reading time: 6 minutes",
])
def test_furniture_lines_are_dropped(line: str) -> None:
    assert tidy([BODY, line]) == [BODY]


@pytest.mark.parametrize("line", [
    "Mira, the mayor said, nobody expected the vote to pass so easily.",
    "Follow these steps shared on Twitter to report a problem on the line.",
    "Werbung nervt, sagt der Bürgermeister, und will die Plakate am Hafen verbieten.",
    "Мэр города заявил, что линия откроется в 2026 году.",  # all-Cyrillic text stays
    "Kontakte zwischen Mensch und Wildtieren minimieren",
    "E-Mail eines Mandanten, September 2015",
])
def test_body_lines_are_kept(line: str) -> None:
    assert tidy([BODY, line]) == [BODY, line]


LEAD = ("Mit Schnellzugtrassen durch Europa will die Regierung zum Klimaschutz beitragen. "
        "Die Bahn soll dafür mehr Geld bekommen.")
PAGE = f"""<html><head><title>Zugverkehr</title>
<meta property="og:description" content="{LEAD}"></head><body>
<header><h1>Zugverkehr</h1><p class="lead">{LEAD}</p></header>
<article><p>{BODY}</p><p>{BODY.replace("tram", "bus")}</p>
<p>{BODY.replace("harbour", "airport")}</p></article></body></html>"""


def test_standfirst_outside_the_body_is_found() -> None:
    tree = LexborHTMLParser(PAGE)
    metas = {"og:description": LEAD}
    assert standfirst(tree, metas, [BODY]) == LEAD
    assert standfirst(tree, metas, [LEAD, BODY]) is None  # already extracted
    assert standfirst(tree, {"og:description": "Nachrichten aus der Region"}, [BODY]) is None


def test_standfirst_is_not_a_whole_page() -> None:
    long_page = PAGE.replace('<p class="lead">', '<div>' + BODY * 5).replace(
        f"{LEAD}</p></header>", f"{LEAD}</div></header>")
    assert standfirst(LexborHTMLParser(long_page), {"og:description": LEAD}, [BODY]) is None


def test_extractor_keeps_the_standfirst_first() -> None:
    found = Extractor().extract_html(PAGE)
    assert found.paragraphs[0] == LEAD


def test_server_warnings_are_not_article_text() -> None:
    warning = ("Warning: Use of undefined constant comments - assumed 'comments' in "
               "/htdocs/wp-content/plugins/recent.php on line 928")
    page = (f"<html><body><article><p>{warning}</p>"
            f"<p>{BODY}</p><p>{BODY.replace('tram', 'bus')}</p></article></body></html>")
    found = Extractor().extract_html(page)
    assert warning not in found.text
    assert BODY in found.text

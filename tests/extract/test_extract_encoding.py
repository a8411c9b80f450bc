"""Charsets: BOMs, HTTP headers and meta tags are honoured; lying declarations survived."""

from __future__ import annotations

import codecs

import pytest

from signaldesk.extract import Extractor, decode_html

BODY = ("Die erfundene Zentralbank von Ruritanien ließ den Leitzins unverändert; "
        "Händler in Zenda erwarten eine Senkung im Frühjahr, sagte ein fiktiver Ökonom.")


def _page(meta: str = "") -> str:
    return (f"<html><head>{meta}<title>Zinsentscheid</title></head><body><article>"
            f"<p>{BODY}</p></article></body></html>")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (_page('<meta charset="utf-8">').encode("utf-8"), None),
        (_page('<meta charset="iso-8859-1">').encode("latin-1"), None),
        (_page().encode("cp1252"), "text/html; charset=windows-1252"),
        (codecs.BOM_UTF8 + _page('<meta charset="iso-8859-1">').encode("utf-8"), None),
        (codecs.BOM_UTF16_LE + _page().encode("utf-16-le"), None),
        # UTF-16 with no BOM, either byte order (refused as binary before)
        (_page().encode("utf-16-le"), None),
        (_page().encode("utf-16-be"), "text/html"),
        # lying: declares latin-1 but is UTF-8 (the most common lie on the web)
        (_page('<meta charset="iso-8859-1">').encode("utf-8"), None),
        # lying: the header says UTF-8, the bytes are latin-1
        (_page().encode("latin-1"), "text/html; charset=utf-8"),
        # unknown charset name
        (_page('<meta charset="x-no-such-charset">').encode("utf-8"), "text/html; charset=zzz"),
    ],
)
def test_body_survives_the_declaration(data: bytes, content_type: str | None) -> None:
    found = Extractor().extract_html(data, content_type=content_type)
    assert found.paragraphs == [BODY]


def test_mixed_encodings_keep_both_halves() -> None:
    data = _page('<meta charset="utf-8">').encode("utf-8") + "<p>Café crème</p>".encode("cp1252")
    text = decode_html(data)
    assert "Händler" in text and "Café crème" in text


def test_binary_with_nul_bytes_is_still_refused() -> None:
    from signaldesk.extract import ExtractFailed

    # NULs in both columns of the byte pairs: not text of any width.
    with pytest.raises(ExtractFailed) as failed:
        Extractor().extract_html(b"\x00\x01\x00\x03\x05\x00" * 700)
    assert failed.value.reason == "not_html"

"""Bytes to text for HTML pages: BOM, then UTF-16 without a BOM, then HTTP charset, then
meta charset, then detection.

A declared charset is only trusted when the bytes actually decode with it: pages that
say `iso-8859-1` but carry UTF-8 (or the other way round) are common. When nothing
declared works, charset-normalizer guesses; as a last resort UTF-8 with replacement
characters, so decoding never fails and never loses the rest of the page.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["declared_charset", "decode_html", "utf16_without_bom"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# <meta charset="x"> or <meta http-equiv="content-type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_SNIFF_BYTES = 4096
_UTF16_NUL_SHARE = 0.7  # NUL bytes in one column of the pairs: UTF-16 text
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset name, or None when it is unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Browsers read "iso-8859-1" and "ascii" as windows-1252 (WHATWG encoding standard).
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the HTTP header or the page itself declares (header wins), if usable."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (codec := _codec(match.group(1))):
            return codec
    match_meta = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match_meta:
        return _codec(match_meta.group(1).decode("ascii", "ignore"))
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_mixed(data: bytes, max_errors: int = 64) -> str | None:
    """UTF-8 with the odd stray windows-1252 byte (pages pasted together from two sources).

    Only used when the page really is mostly UTF-8 (it has valid multi-byte sequences
    and few bad bytes); a page that is wholly another charset goes to detection.
    """
    parts: list[str] = []
    pos = errors = 0
    while True:
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            parts.append(data[pos:pos + exc.start].decode("utf-8"))
            parts.append(data[pos + exc.start:pos + exc.end].decode("cp1252", "replace"))
            pos += exc.end
            errors += 1
            if errors > max_errors:
                return None
    return "".join(parts) if _UTF8_MULTIBYTE.search(data) else None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when the bytes look like UTF-16 text with no BOM.

    Markup is mostly ASCII, so in UTF-16 one byte of nearly every pair is NUL: in the
    odd positions for little-endian, the even ones for big-endian. Binary data has NULs
    too, but not in one column with text in the other.
    """
    head = data[:_SNIFF_BYTES]
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even_nul = head[0:pairs * 2:2].count(0) / pairs
    odd_nul = head[1:pairs * 2:2].count(0) / pairs
    if odd_nul > _UTF16_NUL_SHARE and even_nul < 1 - _UTF16_NUL_SHARE:
        return "utf-16-le"
    if even_nul > _UTF16_NUL_SHARE and odd_nul < 1 - _UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


def decode_html(data: bytes | str, content_type: str | None = None) -> str:
    """Decode a page; never raises, whatever the bytes or the declarations say."""
    if isinstance(data, str):
        return data
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    if (wide := utf16_without_bom(data)) is not None:
        return data.decode(wide, "replace")
    declared = declared_charset(data, content_type)
    # UTF-8 first when the declaration is a single-byte charset: any single-byte codec
    # "succeeds" on UTF-8 bytes and would turn every accent into mojibake.
    candidates = ["utf-8"] if declared in {"utf-8", None} else ["utf-8", declared]
    for codec in candidates:
        if codec and (decoded := _try(data, codec)) is not None:
            return decoded
    if (text := _utf8_mixed(data)) is not None:
        return text
    best = from_bytes(data[:200_000]).best()
    if best is not None and (text := _try(data, best.encoding)) is not None:
        return text
    return data.decode(declared or "utf-8", "replace")

"""The URL key of exact-duplicate and revision detection.

courlan (trafilatura's URL library) strips tracking parameters (utm_*, fbclid, gclid,
mc_*, ...), sorts the query and lower-cases the host; we then fold what still differs
between two addresses of the same article: the scheme, a leading `www.`, the default
port, a trailing slash and the fragment. The key is not a URL to fetch, only to compare.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url

MAX_URL = 4096


def url_key(url: str | None) -> str | None:
    """`example.com/markets/story?id=3` for any variant of that address; None if unusable."""
    if not url or len(url) > MAX_URL:
        return None
    raw = url.strip()
    if "://" not in raw:
        return None
    try:
        normal = normalize_url(raw, strict=False)
        parts = urlsplit(normal)
    except (ValueError, TypeError):  # courlan and urllib raise these on malformed input
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port not in {80, 443}:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"

"""The URL key of exact-duplicate and revision detection.

courlan (trafilatura's URL library) strips the common tracking parameters (utm_*, fbclid,
gclid, mc_*, ...), sorts the query and lower-cases the host. News publishers add more of
their own, which courlan keeps (`NEWS_TRACKING`), so we drop those too; then we fold what
still differs between two addresses of the same article: the scheme, a leading `www.`, a
trailing dot on the host, the default port, percent-encoded unreserved characters
(RFC 3986 6.2.2.2: `%6F` is `o`), a trailing slash and the fragment. The key is not a
URL to fetch, only to compare.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from courlan import normalize_url

MAX_URL = 4096

# Query keys (compared in lower case) that publishers and newsletter or social tools add
# to links of the same article; courlan 1.3 keeps them. A key is here only if it never
# selects content: `id`, `page` or `p` stay.
NEWS_TRACKING = frozenset({
    "cmp", "cmpid", "ocid", "smid", "smtyp", "guccounter", "guce_referrer",
    "guce_referrer_sig", "src", "taid", "wt.mc_id", "wt.mc_ev", "ito", "soc_src", "soc_trk",
    "_hsenc", "_hsmi", "hsctatracking", "spm", "ttclid", "twclid", "li_fat_id", "srsltid",
    "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "ncid", "rss",
    "mbid", "sr_share", "ftag", "tpcc", "mod", "traffic_source", "xtor", "at_xt",
    "oly_anon_id", "oly_enc_id", "rb_clickid", "vero_id", "wickedid", "mibextid",
})
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


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
        port = parts.port
    except (ValueError, TypeError):  # courlan and urllib raise these on malformed input
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".").removeprefix("www.")
    if port and port not in {80, 443}:
        host = f"{host}:{port}"
    path = _unescape(parts.path).rstrip("/")
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in NEWS_TRACKING]
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{host}{path}{query}"


def _unescape(path: str) -> str:
    """Decode `%XX` where XX is an unreserved character; upper-case the other escapes."""
    def one(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if char in _UNRESERVED else f"%{m.group(1).upper()}"
    return _ESCAPE.sub(one, path) if "%" in path else path

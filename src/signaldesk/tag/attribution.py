"""Attribution: which outlet reported an item and on what sourcing.

"Reuters reporting that according to five people familiar with the talks" -> outlet
Reuters, sourcing "five people familiar with the talks"; "citing people familiar with
the matter"; "according to a statement". Patterns, for the reasons given in quotes.py.
"""

from __future__ import annotations

import re

from signaldesk.models import Attribution

_OUTLETS = (
    "Reuters", "Bloomberg News", "Bloomberg", "Associated Press", "AP", "AFP",
    "Agence France-Presse", "Financial Times", "FT", "Wall Street Journal", "WSJ",
    "New York Times", "Washington Post", "Nikkei Asia", "Nikkei", "Kyodo News", "Kyodo",
    "Yonhap", "Xinhua", "Dow Jones", "CNBC", "BBC", "NHK", "Caixin", "Handelsblatt",
    "Politico", "Axios", "CNN", "Fox News", "MNI", "Market News", "Jiji", "Jiji Press",
    "Asahi", "Yomiuri", "Korea Herald", "South China Morning Post", "Interfax", "TASS",
    "RIA", "Al Jazeera", "Le Monde", "Les Echos", "Der Spiegel", "Bild", "La Repubblica",
    "Il Sole 24 Ore", "El País", "Semafor", "The Information", "Guardian", "The Guardian",
    "The Times", "Times", "Sky News", "Globe and Mail",
)
_OUTLET = "(?:" + "|".join(re.escape(o) for o in sorted(_OUTLETS, key=len, reverse=True)) + ")"
_SRC = r"(?P<src>[^,.;:\"“”\n]{3,120})"
_PATTERNS = (
    re.compile(rf"\b(?P<outlet>{_OUTLET})\s+(?:is\s+|was\s+)?(?:reporting|reported|reports|"
               rf"said|says)\b[^.\n]{{0,40}}?\b(?:according to|citing)\s+{_SRC}"),
    re.compile(rf"\b(?P<outlet>{_OUTLET})\s+(?:is\s+|was\s+)?(?:reporting|reported|reports)\b"),
    re.compile(rf"\b(?:told|according to|reported by|reports? in|report by)\s+(?:the\s+)?"
               rf"(?P<outlet>{_OUTLET})\b"),
)
_SOURCING = (
    re.compile(rf"\baccording to\s+{_SRC}"),
    re.compile(rf"\b(?:citing|cited)\s+{_SRC}"),
    re.compile(r"\b(?P<src>(?:(?:two|three|four|five|six|several|multiple|\d+)\s+)?"
               r"(?:people|sources|officials|persons)\s+(?:familiar with|with knowledge of|"
               r"close to|briefed on)\s+[^,.;:\"“”\n]{3,60})"),
)
_NOT_SOURCING = re.compile(r"^(?:data|figures|estimates|the data|a survey|a poll)\b", re.I)


def attribution(text: str, outlet: str | None) -> Attribution | None:
    """Outlet and sourcing from the first 1,500 characters; `outlet` is the fallback outlet."""
    head = text[:1500]
    found_outlet: str | None = None
    sourcing: str | None = None
    for pat in _PATTERNS:
        m = pat.search(head)
        if m:
            found_outlet = m.group("outlet")
            if "src" in m.groupdict() and m.group("src"):
                sourcing = _tidy(m.group("src"))
            break
    if sourcing is None:
        for pat in _SOURCING:
            m = pat.search(head)
            if m and not _NOT_SOURCING.match(m.group("src")):
                sourcing = _tidy(m.group("src"))
                break
    final_outlet = found_outlet or outlet
    if final_outlet is None and sourcing is None:
        return None
    return Attribution(final_outlet, sourcing)


def _tidy(src: str) -> str:
    src = src.strip()
    return re.sub(r"\s+(?:who|which|that)\s.*$", "", src)

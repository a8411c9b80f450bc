"""Build the `KnowledgeBase` from the package's data files plus pycountry and babel.

ISO 3166 countries and ISO 4217 currencies (codes, English names, which currency a
territory uses) come from pycountry and babel, which keep them current; the JSON files
in `data/` add only what those packages do not hold: market names and slang, demonyms,
capitals, central banks, officials, organisations, benchmarks and links.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from importlib import resources
from typing import Any

import pycountry
from babel import Locale
from babel.numbers import get_territory_currencies

from signaldesk.errors import ConfigError
from signaldesk.knowledge.base import KnowledgeBase
from signaldesk.knowledge.model import Alias, KBEntity, Tenure
from signaldesk.knowledge.roles import role_aliases

DATA_FILES = ("countries.json", "currencies.json", "central_banks.json", "people.json",
              "markets.json", "places.json")


def _read(name: str) -> dict[str, Any]:
    try:
        text = resources.files("signaldesk.knowledge").joinpath("data", name).read_text("utf-8")
        data: dict[str, Any] = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"knowledge file data/{name} is unreadable: {exc}") from exc
    return data


def _plain_name(name: str, suffixes: list[str]) -> str:
    """"Mahārāshtra" -> "Maharashtra", "Guangdong Sheng" -> "Guangdong"."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _Builder:
    """Collects entities and aliases while the files are read; `build()` freezes them."""

    def __init__(self) -> None:
        self.entities: dict[str, KBEntity] = {}
        self.aliases: list[Alias] = []
        self.tenures: list[Tenure] = []
        self.english = Locale("en")

    def add(self, ent: KBEntity, names: list[str], form: str = "name",
            cue: frozenset[str] = frozenset()) -> None:
        self.entities[ent.id] = ent
        for text in dict.fromkeys(n.strip() for n in names if n and n.strip()):
            self.aliases.append(Alias(text, ent.id, form, text in cue))

    def alias(self, text: str, entity_id: str | None, form: str, cue: bool = False) -> None:
        self.aliases.append(Alias(text, entity_id, form, cue))

    def countries(self, curated: dict[str, dict[str, Any]]) -> None:
        for country in pycountry.countries:
            a2 = country.alpha_2
            extra = curated.get(a2, {})
            name = self.english.territories.get(a2) or country.name
            official = [getattr(country, k, "") for k in ("name", "common_name", "official_name")]
            names = [name, *(n for n in official if n and "," not in n), *extra.get("aliases", [])]
            links = {"currency": f"currency:{c}" for c in get_territory_currencies(a2)[:1]}  # noqa: B035
            for rel, ns in (("cb", "cb"), ("bond", "bond"), ("index", "index")):
                if extra.get(rel):
                    links[rel] = f"{ns}:{extra[rel]}"
            self.add(KBEntity(f"country:{a2}", "country", name, links, {"alpha3": country.alpha_3}),
                     names)
            for dem in extra.get("demonyms", []):
                self.alias(dem, f"country:{a2}", "demonym")
            for cap in extra.get("capitals", []):
                self.alias(cap, f"country:{a2}", "capital")

    def currencies(self, data: dict[str, Any]) -> dict[str, str]:
        curated: dict[str, dict[str, Any]] = data["currencies"]
        fx = data["fx"]
        pairs: dict[str, str] = {}
        codes = {c.alpha_3 for c in pycountry.currencies} | set(curated)
        silent = set(data.get("no_names", []))
        for code in sorted(codes):
            extra = curated.get(code, {})
            name = self.english.currencies.get(code) or code
            names = [] if code in silent else [name, *extra.get("aliases", [])]
            if code in curated:  # ISO codes of traded currencies only: "ALL", "TOP" are words
                names.append(code)
            if code in curated and code != "USD" and code not in fx["untraded"]:
                base = code in fx["usd_base_exceptions"]
                pairs[code] = fx["pair"].get(code) or (f"{code}USD" if base else f"USD{code}")
            ent = KBEntity(f"currency:{code}", "currency", name,
                           {"pair": pairs[code]} if code in pairs else {})
            self.add(ent, names, "name", frozenset(extra.get("cue", [])))
        return pairs

    def central_banks(self, banks: list[dict[str, Any]]) -> None:
        for cb in banks:
            links = {"currency": f"currency:{cb['currency']}"}
            if cb.get("curve"):
                links["curve"] = f"curve:{cb['curve']}"
            if cb.get("country") and f"country:{cb['country']}" in self.entities:
                links["country"] = f"country:{cb['country']}"
            attrs = {"rate": cb["rate"], "body": cb["body"]}
            self.add(KBEntity(f"cb:{cb['id']}", "cb", cb["name"], links, attrs),
                     [cb["name"], *cb["aliases"]], "name")

    def people(self, people: list[dict[str, Any]]) -> None:
        for p in people:
            pid = f"person:{p['id']}"
            self.add(KBEntity(pid, "person", p["name"], {}, {"surname": p["name"].split()[-1]}),
                     [p["name"], *p["aliases"]])
            if p.get("surname"):
                self.alias(p["name"].split()[-1], pid, "surname")
            for r in p["roles"]:
                start = _day(r["start"])
                if start is None:
                    raise ConfigError(f"people.json: {p['id']} role {r['role']} has no start")
                self.tenures.append(Tenure(pid, r["role"], r["title"], start, _day(r["end"])))

    def markets(self, data: dict[str, Any]) -> None:
        for org in data["orgs"]:
            attrs = {"instruments": ",".join(org.get("instruments", []))}
            self.add(KBEntity(f"org:{org['id']}", "org", org["name"], {}, attrs),
                     [org["name"], *org["aliases"]])
        for com in data["commodities"]:
            listed = ",".join(com.get("instruments", []))
            attrs = {"symbol": com["symbol"] or "", "instruments": listed}
            self.add(KBEntity(f"commodity:{com['id']}", "commodity", com["name"], {}, attrs),
                     [com["name"], *com["aliases"]])
        for bond in data["bonds"]:
            links = {"curve": f"curve:{bond['curve']}", "country": f"country:{bond['country']}"}
            self.add(KBEntity(f"bond:{bond['id']}", "bond", bond["name"], links),
                     [bond["name"], *bond["aliases"]])
        for idx in data["indices"]:
            links = {"country": f"country:{idx['country']}"} if idx.get("country") else {}
            self.add(KBEntity(f"index:{idx['id']}", "index", idx["name"], links),
                     [idx["name"], *idx["aliases"]], "name", frozenset(idx.get("cue", [])))
        known = {a.text.lower() for a in self.aliases}
        for text in data["blockers"]:
            if text.lower() not in known:
                self.alias(text, None, "blocker")

    def places(self, data: dict[str, Any]) -> None:
        """Subdivisions (pycountry ISO 3166-2) and curated cities: they imply a country."""
        known = {a.text.lower() for a in self.aliases}
        exclude = {e.lower() for e in data["exclude"]}
        names: dict[str, list[str]] = {cc: list(v) for cc, v in data["places"].items()}
        for cc in data["subdivisions_of"]:
            subs = pycountry.subdivisions.get(country_code=cc)  # type: ignore[no-untyped-call]
            for sub in subs or []:
                if sub.parent_code is None:
                    names.setdefault(cc, []).append(_plain_name(sub.name, data["strip_suffixes"]))
        for cc, texts in names.items():
            for text in dict.fromkeys(texts):
                if text.lower() in known or text.lower() in exclude:
                    continue  # a country's own name ("Hong Kong") or a clash ("Georgia")
                known.add(text.lower())
                self.alias(text, f"country:{cc}", "place")


def load_kb() -> KnowledgeBase:
    """Read the knowledge base (pure: same files in, same base out). Load once per run."""
    files = {name: _read(name) for name in DATA_FILES}
    b = _Builder()
    b.countries(files["countries.json"]["countries"])
    pairs = b.currencies(files["currencies.json"])
    b.central_banks(files["central_banks.json"]["central_banks"])
    b.people(files["people.json"]["people"])
    b.markets(files["markets.json"])
    b.places(files["places.json"])
    for role_ent, texts in role_aliases(b.entities, b.tenures, b.aliases).items():
        b.add(role_ent, texts, "role")
    version = "+".join(sorted({str(f.get("_version", "?")) for f in files.values()}))
    return KnowledgeBase(b.entities.values(), b.aliases, b.tenures, pairs, version)

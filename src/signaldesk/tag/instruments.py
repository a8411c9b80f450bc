"""From tagged entities to tradable instruments, keeping the path that led there.

The default mapping follows the knowledge base's links (country -> currency -> pair,
central bank -> curve and currency, commodity -> its benchmark); a JSON mapping file
adds or replaces the instruments of any entity id:

    {"min_relevance": 30,
     "entities": {"org:opec-plus": [{"symbol": "BRENT", "kind": "commodity"}, ...]}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from signaldesk.errors import ConfigError
from signaldesk.knowledge import KnowledgeBase
from signaldesk.models import Entity, Instrument


@dataclass(frozen=True)
class InstrumentMap:
    """Per-entity instrument overrides and the relevance an entity needs to yield any."""

    entities: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    min_relevance: int = 30
    country_links: tuple[str, ...] = ("currency", "bond", "index")

    @classmethod
    def load(cls, path: str | Path | None = None) -> InstrumentMap:
        """The mapping file at `path`, or the packaged default (`tag/data/instruments.json`)."""
        try:
            if path is None:
                raw = resources.files("signaldesk.tag").joinpath("data", "instruments.json")
                text = raw.read_text("utf-8")
            else:
                text = Path(path).read_text("utf-8")
            data: dict[str, Any] = json.loads(text)
            entities = {
                eid: [(str(i["symbol"]), str(i["kind"])) for i in items]
                for eid, items in data.get("entities", {}).items()
            }
            return cls(entities, int(data.get("min_relevance", 30)),
                       tuple(data.get("country_links", cls.country_links)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            where = path or "the packaged tag/data/instruments.json"
            raise ConfigError(f"instrument mapping {where} is unusable: {exc}") from exc


class InstrumentMapper:
    def __init__(self, kb: KnowledgeBase, mapping: InstrumentMap) -> None:
        self.kb = kb
        self.mapping = mapping

    def map(self, entities: list[Entity]) -> list[Instrument]:
        """Instruments of entities at or above `min_relevance`, most relevant first."""
        out: dict[str, Instrument] = {}
        for ent in entities:
            if ent.relevance < self.mapping.min_relevance:
                continue
            for inst in self._of(ent.id):
                out.setdefault(inst.symbol, inst)
        return list(out.values())

    def _of(self, eid: str) -> list[Instrument]:
        if eid in self.mapping.entities:
            return [Instrument(s, k, f"{eid} > {s}") for s, k in self.mapping.entities[eid]]
        ent = self.kb.find(eid)
        if ent is None:
            return []
        if ent.type == "country":
            out: list[Instrument] = []
            for rel in self.mapping.country_links:
                target = ent.links.get(rel)
                if target:
                    out += self._via(eid, target)
            return out
        if ent.type == "cb":
            out = []
            if "curve" in ent.links:
                curve = ent.links["curve"].split(":", 1)[1]
                out.append(Instrument(curve, "curve", f"{eid} > {curve}"))
            return out + self._via(eid, ent.links["currency"])
        return self._via("", eid)

    def _via(self, path: str, eid: str) -> list[Instrument]:
        """The instruments of `eid`, reached through `path`."""
        ent = self.kb.find(eid)
        if ent is None:
            return []
        here = f"{path} > {eid}" if path else eid
        code = ent.code
        if ent.type == "currency":
            pair = self.kb.fx_pair(code)
            if pair is None and code != "USD":
                return []  # no traded dollar pair known (KPW, XOF): nothing to trade
            out = [Instrument(code, "currency", here)]
            return out + ([Instrument(pair, "fx-pair", f"{here} > {pair}")] if pair else [])
        if ent.type == "bond":
            return [Instrument(code, "bond", here)]
        if ent.type == "index":
            return [Instrument(code, "index", here)]
        listed = [s for s in ent.attrs.get("instruments", "").split(",") if s]
        symbol = ent.attrs.get("symbol", "")
        symbols = [symbol] if symbol else listed
        return [Instrument(s, "commodity" if ent.type in ("commodity", "org") else ent.type,
                           f"{here} > {s}") for s in symbols]

"""`KnowledgeBase`: read-only lookups over entities, names, links and office holders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from signaldesk.knowledge.model import Alias, KBEntity, Tenure


class KnowledgeBase:
    """Entities by namespaced id, the aliases that name them, and who held which role when.

    Built by `signaldesk.knowledge.load_kb()`; immutable after construction, so one
    instance can be shared by every stage of a run (`ctx.shared("kb", load_kb)`).
    """

    def __init__(
        self,
        entities: Iterable[KBEntity],
        aliases: Iterable[Alias],
        tenures: Iterable[Tenure],
        fx_pairs: dict[str, str],
        version: str,
    ) -> None:
        self._entities: dict[str, KBEntity] = {}
        for ent in entities:
            self._entities[ent.id] = ent
        self._aliases = tuple(aliases)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for alias in self._aliases:
            if alias.entity_id and alias.entity_id not in self._by_name[alias.text.lower()]:
                self._by_name[alias.text.lower()].append(alias.entity_id)
        self._tenures = tuple(sorted(tenures, key=lambda t: (t.role, t.start)))
        self._by_person: dict[str, list[Tenure]] = defaultdict(list)
        self._by_role: dict[str, list[Tenure]] = defaultdict(list)
        for tenure in self._tenures:
            self._by_person[tenure.person].append(tenure)
            self._by_role[tenure.role].append(tenure)
        self._fx_pairs = dict(fx_pairs)
        self.version = version

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def get(self, entity_id: str) -> KBEntity:
        """The entity with this namespaced id; `KeyError` naming the id if there is none."""
        try:
            return self._entities[entity_id]
        except KeyError:
            raise KeyError(f"no knowledge-base entity {entity_id!r}") from None

    def find(self, entity_id: str) -> KBEntity | None:
        return self._entities.get(entity_id)

    def entities(self, type_: str | None = None) -> list[KBEntity]:
        """All entities, or those of one type (`country`, `cb`, ...), sorted by id."""
        return sorted(
            (e for e in self._entities.values() if type_ is None or e.type == type_),
            key=lambda e: e.id,
        )

    def counts(self) -> dict[str, int]:
        """Number of entities per type."""
        out: dict[str, int] = defaultdict(int)
        for ent in self._entities.values():
            out[ent.type] += 1
        return dict(sorted(out.items()))

    @property
    def aliases(self) -> tuple[Alias, ...]:
        """Every surface form, blockers (entity_id None) included: the tagger's gazetteer."""
        return self._aliases

    def lookup(self, name: str) -> list[KBEntity]:
        """Entities a name can refer to (case-insensitive exact match on any alias)."""
        return [self._entities[i] for i in self._by_name.get(name.strip().lower(), [])]

    def names(self, entity_id: str) -> list[str]:
        """Every alias of an entity, its canonical name first."""
        ent = self.get(entity_id)
        rest = [a.text for a in self._aliases if a.entity_id == entity_id and a.text != ent.name]
        return [ent.name, *dict.fromkeys(rest)]

    def central_bank(self, code: str) -> KBEntity:
        """A central bank by code or id: `central_bank("BOJ")`, `central_bank("cb:BOJ")`."""
        return self.get(code if code.startswith("cb:") else f"cb:{code.upper()}")

    def linked(self, entity_id: str, relation: str) -> KBEntity | None:
        """Follow one link: `linked("country:JP", "currency")` is `currency:JPY`."""
        target = self.get(entity_id).links.get(relation)
        return self._entities.get(target) if target else None

    def fx_pair(self, currency: str) -> str | None:
        """The traded pair against the dollar by market convention (JPY -> USDJPY)."""
        code = currency.split(":", 1)[-1].upper()
        if code == "USD":
            return None
        return self._fx_pairs.get(code)

    def tenures(self, person_id: str | None = None, role: str | None = None) -> list[Tenure]:
        """Tenures of a person and/or a role (all of them when neither is given)."""
        pool: tuple[Tenure, ...] | list[Tenure] = self._tenures
        if person_id is not None:
            pool = self._by_person.get(person_id, [])
        elif role is not None:
            pool = self._by_role.get(role, [])
        return [
            t for t in pool
            if (person_id is None or t.person == person_id) and (role is None or t.role == role)
        ]

    def holder(self, role: str, at: date | datetime) -> KBEntity | None:
        """Who held `role` (`cb-governor:BOJ`, `head-of-state:US`) on the day `at`."""
        day = at.date() if isinstance(at, datetime) else at
        for tenure in self.tenures(role=role):
            if tenure.covers(day):
                return self._entities.get(tenure.person)
        return None

    def roles_of(self, person_id: str, at: date | datetime | None = None) -> list[Tenure]:
        """The roles a person held (on the day `at`, or ever)."""
        day = at.date() if isinstance(at, datetime) else at
        return [t for t in self.tenures(person_id=person_id) if day is None or t.covers(day)]

"""The knowledge base's records: entities, the names that point to them, tenures in office."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Entity types, as they appear in namespaced ids (`country:JP`) and in `models.Entity.type`.
TYPES: tuple[str, ...] = (
    "country", "currency", "cb", "person", "org", "commodity", "bond", "index", "role",
)


@dataclass(frozen=True, slots=True)
class KBEntity:
    """One thing the tagger can find. `links` point to other ids (`currency: currency:JPY`)."""

    id: str
    type: str
    name: str
    links: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def code(self) -> str:
        """The id without its namespace: `JP` for `country:JP`."""
        return self.id.split(":", 1)[1]


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form that names an entity.

    `form` says how it names it (name, short, abbr, demonym, capital, surname, slang,
    role); `cue` marks forms that are ordinary words too ("cable", "real") and count only
    next to market words; `entity_id` is None for a blocker (a longer name that contains
    a country name but is something else, "Bank of China").
    """

    text: str
    entity_id: str | None
    form: str = "name"
    cue: bool = False


@dataclass(frozen=True, slots=True)
class Tenure:
    """`person` held `role` from `start` (inclusive) to `end` (exclusive; None = still)."""

    person: str
    role: str
    title: str
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

"""The clustering side of stories: compact centroids, entities, chain times, an inverted index.

Each story keeps a centroid of its members' TF-IDF vectors cut to the `TOP_TERMS`
heaviest features, the counts of its entities and the times of its items. An inverted
index from feature to stories finds candidates without scanning every open story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import Any

import numpy as np

from signaldesk.stories.vectors import SparseVec, add

TOP_TERMS = 150
PROBE_TERMS = 30  # a document's heaviest features that look up candidate stories
MAX_CANDIDATES = 24  # stories scored exactly per document
MAX_POSTING = 300  # longer posting lists are skipped when looking up candidates
POSTING_TERMS = 40  # a story's heaviest features, under which the inverted index files it


@dataclass
class StoryModel:
    id: str
    centroid: SparseVec  # unit direction of the sum of the members' vectors
    entities: Counter[str] = field(default_factory=Counter)
    times: list[datetime] = field(default_factory=list)  # one per item, oldest first
    n: int = 0
    mass: float = 1.0  # norm of that sum: mass / n is 1 for identical members, less if diverse
    principal: Counter[str] = field(default_factory=Counter)  # entities members are about

    @property
    def last_at(self) -> datetime:
        return self.times[-1]

    @property
    def coherence(self) -> float:
        """Norm of the mean member vector: 1 when all members agree, lower as they drift."""
        return min(1.0, self.mass / max(self.n, 1))

    def absorb(
        self, vec: SparseVec, entities: set[str], when: datetime,
        principal: frozenset[str] = frozenset(),
    ) -> None:
        total = add(SparseVec(self.centroid.idx, self.centroid.val * self.mass), vec)
        total = total.truncate(TOP_TERMS)
        self.mass = float(np.linalg.norm(total.val))
        self.centroid = total.normalised()
        self.entities.update(entities)
        self.principal.update(principal)
        self.times.append(when)
        self.times.sort()
        self.n += 1

    def principal_overlap(self, principal: frozenset[str]) -> float:
        """Jaccard of the entities the document is about and those the story's members are
        about. Symmetric on purpose: the share of the document's subjects alone gave the
        full boost to a document about one side of a two-sided story ("Tarique Rahman gets
        PM Modi's letter", about India and Modi, joined a Macron-Modi story)."""
        if not principal or not self.principal:
            return 0.0
        theirs = self.principal.keys()
        return len(theirs & principal) / len(theirs | principal)

    def conflicts(self, entities: set[str], principal: frozenset[str]) -> bool:
        """True when the document is about an entity the story never mentions while the
        story is about another entity of the same kind (`cb:RBA` vs `cb:BOJ`,
        `country:AU` vs `country:JP`) that the document never mentions: two subjects, so
        two events, whatever words their market colour shares."""
        if not principal or not self.principal:
            return False
        theirs = {_kind(e) for e in self.principal if e not in entities}
        return any(_kind(e) in theirs for e in principal if e not in self.entities)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "centroid": self.centroid.to_json(),
            "entities": dict(self.entities),
            "times": [t.isoformat() for t in self.times[-200:]],
            "n": self.n,
            "mass": round(self.mass, 5),
            "principal": dict(self.principal),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryModel:
        return cls(
            id=str(data["id"]),
            centroid=SparseVec.from_json(data["centroid"]),
            entities=Counter({str(k): int(v) for k, v in data.get("entities", {}).items()}),
            times=[datetime.fromisoformat(t) for t in data["times"]],
            n=int(data.get("n", 0)),
            mass=float(data.get("mass", 1.0)),
            principal=Counter({str(k): int(v) for k, v in data.get("principal", {}).items()}),
        )


def _kind(entity_id: str) -> str:
    """`cb:BOJ` -> `cb`: the namespace of an entity id."""
    return entity_id.split(":", 1)[0]


class StoryIndex:
    """Stories in memory and an inverted index from feature id to story ids."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryModel] = {}
        self.postings: dict[int, set[str]] = {}
        self._indexed: dict[str, np.ndarray] = {}

    def put(self, story: StoryModel) -> None:
        """Add or refresh a story; only the postings of terms that changed are touched."""
        self.stories[story.id] = story
        terms = story.centroid.top(POSTING_TERMS).idx  # its heaviest terms find it
        old = self._indexed.get(story.id)
        old_set = set(old.tolist()) if old is not None else set()
        new_set = set(terms.tolist())
        for t in old_set - new_set:
            self._unpost(t, story.id)
        for t in new_set - old_set:
            self.postings.setdefault(t, set()).add(story.id)
        self._indexed[story.id] = terms

    def _unpost(self, term: int, story_id: str) -> None:
        ids = self.postings.get(term)
        if ids is not None:
            ids.discard(story_id)
            if not ids:
                del self.postings[term]

    def remove(self, story_id: str) -> None:
        self.stories.pop(story_id, None)
        for t in self._indexed.pop(story_id, np.zeros(0, dtype=np.int64)).tolist():
            self._unpost(t, story_id)

    def candidates(self, vec: SparseVec, min_shared: int = 1) -> list[StoryModel]:
        """Stories sharing at least `min_shared` of the document's heaviest features with
        their own heaviest ones; the `MAX_CANDIDATES` sharing most (ties broken by id, so
        runs are deterministic)."""
        if not len(vec.idx):
            return []
        lists = []
        for t in vec.top(PROBE_TERMS).idx.tolist():
            posting = self.postings.get(t)
            # A term shared by this many stories tells them apart from nothing.
            if posting and len(posting) <= MAX_POSTING:
                lists.append(posting)
        counted = Counter(chain.from_iterable(lists))  # counted in C
        shared = {s: n for s, n in counted.items() if n >= min_shared}
        if len(shared) > MAX_CANDIDATES:
            cut = sorted(shared.values(), reverse=True)[MAX_CANDIDATES - 1]
            best = sorted((s for s, n in shared.items() if n >= cut),
                          key=lambda s: (-shared[s], s))[:MAX_CANDIDATES]
        else:
            best = sorted(shared)
        return [self.stories[s] for s in best]

    def expire(self, before: datetime) -> list[str]:
        """Forget stories whose last item is older than `before`; return their ids."""
        old = [s.id for s in self.stories.values() if s.last_at < before]
        for story_id in old:
            self.remove(story_id)
        return old

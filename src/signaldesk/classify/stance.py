"""Central-bank stance: hawkish, dovish or neutral, with the phrases that decided it.

A stated policy decision decides: a move ("raised the target", "cut rates") makes
the item hawkish or dovish (more distinct move phrases win; a tie is neutral), a
stated hold with no move makes it neutral. Without a decision, the language of a
tightening or easing bias decides, one point per distinct phrase, when one side
leads by at least `MARGIN`. Texts that name no central bank and no monetary policy
get no stance. The phrases found are the evidence (`why`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from signaldesk.classify.lexicon import load_data
from signaldesk.classify.text import PhraseMatcher
from signaldesk.errors import ConfigError
from signaldesk.models import Entity, Stance

__all__ = ["StanceReader", "StanceResult"]

MARGIN = 1.0
_POLICY = (
    "central bank", "federal reserve", "monetary policy", "federal open market committee",
    "the committee", "policy rate", "federal funds", "discount rate", "bank of", "bundesbank",
)
_POLICY_ACRONYMS = ("Fed", "FOMC", "ECB", "BOJ", "BoJ", "BoE", "BOE", "PBOC", "SNB", "RBA", "RBI")


@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: Stance
    why: tuple[str, ...]


class StanceReader:
    def __init__(self, data_file: str = "stance.json") -> None:
        data = load_data(data_file)
        try:
            actions = data["actions"]
            self._actions = {k: PhraseMatcher(actions[k]) for k in ("hawkish", "dovish", "neutral")}
            self._bias = {k: PhraseMatcher(data[k]) for k in ("hawkish", "dovish")}
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"classify lexicon {data_file}: missing list {exc}") from exc
        self._policy = PhraseMatcher(_POLICY)
        self._acronyms = PhraseMatcher(_POLICY_ACRONYMS, case_sensitive=True)

    def about_policy(self, text: str, entities: Sequence[Entity]) -> bool:
        if any(e.type == "cb" for e in entities):
            return True
        return bool(self._policy.find(text) or self._acronyms.find(text))

    def read(self, text: str, entities: Sequence[Entity] = ()) -> StanceResult | None:
        """The stance of `text`, or None when it is not about monetary policy."""
        if not self.about_policy(text, entities):
            return None
        found = {side: sorted({h.term for h in m.find(text)}) for side, m in self._actions.items()}
        bias = {side: sorted({h.term for h in m.find(text)}) for side, m in self._bias.items()}
        why = [f'{side} action "{t}"' for side, terms in found.items() for t in terms]
        why += [f'{side} "{t}"' for side, terms in bias.items() for t in terms]
        return StanceResult(_decide(found, bias), tuple(why[:6]))


def _decide(found: dict[str, list[str]], bias: dict[str, list[str]]) -> Stance:
    moves = len(found["hawkish"]) - len(found["dovish"])
    if found["hawkish"] or found["dovish"]:
        return "hawkish" if moves > 0 else "dovish" if moves < 0 else "neutral"
    if found["neutral"]:
        return "neutral"
    lead = len(bias["hawkish"]) - len(bias["dovish"])
    if lead >= MARGIN:
        return "hawkish"
    return "dovish" if -lead >= MARGIN else "neutral"

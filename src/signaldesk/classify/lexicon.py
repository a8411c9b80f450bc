"""The lexicons behind the transparent rules, loaded from the package's data files.

The data files (`classify/data/*.json`) were written for SignalDesk; editing them is
how an operator changes the rules without touching code. Loading validates their
shape, so a broken file fails at start-up with the file named, not halfway through
a run.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from signaldesk.errors import ConfigError

__all__ = ["load_data"]


def load_data(name: str) -> dict[str, Any]:
    """Parse `classify/data/<name>` and return its top-level object."""
    try:
        raw = resources.files("signaldesk.classify").joinpath("data", name).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"classify lexicon {name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"classify lexicon {name}: expected a JSON object at the top")
    return data


def weights(data: Any, where: str) -> dict[str, float]:
    """A `{phrase: weight}` table, checked."""
    if not isinstance(data, dict):
        raise ConfigError(f"classify lexicon {where}: expected an object of weights")
    out: dict[str, float] = {}
    for key, value in data.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ConfigError(f"classify lexicon {where}: weight of {key!r} is not a number")
        out[str(key)] = float(value)
    return out

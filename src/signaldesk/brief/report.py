"""An HTML page of sample items beside their sources, for a person to judge.

Every value from an item is escaped: items carry text from the open web, and the
page must not run anything an article smuggled in.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from signaldesk.errors import InputError

__all__ = ["read_items", "render_report", "sample_items"]

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
.item{display:grid;grid-template-columns:1fr 1fr;gap:1.5em;border-top:2px solid #444;padding:1em 0}
.src{white-space:pre-wrap;background:#f6f6f6;padding:.8em;max-height:32em;overflow:auto}
.desk{display:inline-block;background:#234;color:#fff;padding:0 .4em;margin-right:.3em}
.why{color:#555;font-size:12px}
"""


def read_items(path: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Items of a `process` output file, and the problems of the lines that were skipped."""
    items, problems = [], []
    try:
        lines = Path(path).read_text("utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(f"items file {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}: line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            problems.append(f"{path}: line {number}: not an object")
        elif not item.get("dropped"):
            items.append(item)
    return items, problems


def sample_items(items: list[dict[str, Any]], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` items chosen at random (seeded, so two people can judge the same sample)."""
    if n >= len(items):
        return list(items)
    return random.Random(seed).sample(items, n)


def render_report(items: Iterable[dict[str, Any]], title: str = "SignalDesk sample") -> str:
    blocks = "\n".join(_item(i, n) for n, i in enumerate(items, 1))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>"
        "<p>Each item as SignalDesk wrote it (left) beside its source text (right). "
        "Judge: is the desk right, is the headline the story, do the bullets say what "
        "matters for markets?</p>"
        f"{blocks}</body></html>"
    )


def _item(item: dict[str, Any], number: int) -> str:
    scores = item.get("scores") or {}
    tone = scores.get("tone") or {}
    desks = "".join(
        f"<span class='desk'>{_e(d.get('desk'))} {_e(d.get('score'))}</span>"
        for d in item.get("desks") or [] if isinstance(d, dict)
    ) or "<em>no desk</em>"
    bullets = "".join(f"<li>{_e(b)}</li>" for b in item.get("bullets") or [])
    why = "".join(f"<li>{_e(w)}</li>" for w in item.get("why") or [])
    facts = (
        f"tone {_e(tone.get('label'))} {_e(tone.get('score'))} · stance {_e(scores.get('stance'))}"
        f" · urgency {_e(scores.get('urgency'))} · relevance {_e(scores.get('relevance'))}"
        f" · {_e(item.get('word_count'))} words"
    )
    source = f"{_e(item.get('source'))} · {_e(item.get('url'))}"
    return (
        f"<section class='item'><div><h2>{number}. {_e(item.get('headline'))}</h2>"
        f"<p>{desks}</p><p><b>{_e(item.get('lead'))}</b></p><ul>{bullets}</ul>"
        f"<p>{facts}</p><ul class='why'>{why}</ul><p class='why'>id {_e(item.get('id'))}</p>"
        f"</div><div><p class='why'>{source}</p><div class='src'>{_e(item.get('text'))}</div>"
        "</div></section>"
    )


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)

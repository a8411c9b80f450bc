"""Jinja filters of the wire: times, and outside links that cannot run script."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import jinja2


def hhmm(value: object) -> str:
    """`HH:MM` in UTC from an ISO time; empty when there is none."""
    moment = _parse(value)
    return moment.strftime("%H:%M") if moment else ""


def stamp(value: object) -> str:
    """`YYYY-MM-DD HH:MM:SS UTC` from an ISO time."""
    moment = _parse(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "—"


def safe_url(value: object) -> str | None:
    """The URL when it is http(s); None for javascript:, data: and anything else."""
    if not isinstance(value, str) or len(value) > 2000:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in {"http", "https"} else None


def duration(value: object) -> str:
    """Seconds as `42 s`, `3.5 min` or `2.1 h` (the sources page's median lag)."""
    if not isinstance(value, int | float):
        return "—"
    seconds = float(value)
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def install_filters(env: jinja2.Environment) -> None:
    env.filters["hhmm"] = hhmm
    env.filters["stamp"] = stamp
    env.filters["safe_url"] = safe_url
    env.filters["duration"] = duration

"""One typed settings table, layered default < file (TOML) < environment < command line.

Every setting is a field of `Settings` with a default and a help text (`metadata["help"]`);
the README's configuration table is checked against this class by a test. The
environment name of a setting is `SIGNALDESK_` + its name in upper case, e.g.
`SIGNALDESK_FETCH_ALLOW_PRIVATE=1`. A `Settings` is frozen once built.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from signaldesk.errors import ConfigError

ENV_PREFIX = "SIGNALDESK_"


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """All of SignalDesk's settings. See the README for the generated table."""

    db: str = _opt("signaldesk.db", "SQLite file of the embedded store (`:memory:` for none)")
    database_url: str = _opt("", "PostgreSQL URL; when set, the store is PostgreSQL, not SQLite")
    bus_url: str = _opt("", "NATS URL (nats://host:4222); empty means the in-process bus")
    host: str = _opt("127.0.0.1", "address the web wire listens on")
    port: int = _opt(8000, "port the web wire listens on")
    public_url: str = _opt("", "URL hubs reach this server at (WebSub); empty = host:port")
    secret_key: str = _opt("", "key that signs login sessions; empty makes a random one per run")
    cookie_secure: bool = _opt(False, "send the session cookie over HTTPS only (serve behind TLS)")
    batch_size: int = _opt(32, "documents per pipeline batch")
    story_window_hours: float = _opt(72.0, "how long a story stays open for new sources")
    novelty_window_hours: float = _opt(72.0, "window over which novelty decays within a chain")
    extract_max_bytes: int = _opt(5_000_000, "pages larger than this are dropped (too_large)")
    extract_timeout_s: float = _opt(
        5.0, "time budget of one page's extraction (interrupts on the main thread only)"
    )
    extract_fast_path: bool = _opt(
        False, "read clean article pages with the lexbor-only engine: ~2.3x faster, F1 -0.014"
    )
    fetch_allow_private: bool = _opt(
        False, "allow fetching loopback / private / link-local addresses (SSRF guard off)"
    )
    fetch_user_agent: str = _opt(
        "SignalDesk/0.1 (+https://signaldesk.invalid/bot)", "User-Agent sent when fetching"
    )
    fetch_timeout_s: float = _opt(10.0, "connect and read timeout of one fetch")
    fetch_max_bytes: int = _opt(10_000_000, "largest response body accepted (after decoding)")
    fetch_max_redirects: int = _opt(5, "redirects followed at most")
    fetch_per_host: int = _opt(2, "concurrent requests per host at most")
    poll_min_s: float = _opt(60.0, "shortest interval between two polls of one source")
    poll_max_s: float = _opt(3600.0, "longest interval between two polls of one source")
    demo_speed: float = _opt(0.0, "demo replay speed-up; 0 fits the whole day in ~3 minutes")
    trial_days: int = _opt(14, "length of a free trial")
    desk_model: str = _opt("", "model file from `signaldesk train` (desks, tone); empty = rules")

    @classmethod
    def help_table(cls) -> list[tuple[str, str, str]]:
        """(name, default, help) for every setting, in declaration order."""
        return [(f.name, repr(f.default), str(f.metadata["help"])) for f in fields(cls)]


def load_settings(
    file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build settings from the layers; unknown names and bad values raise `ConfigError`."""
    values: dict[str, Any] = {}
    if file is not None:
        values.update(_from_file(Path(file)))
    values.update(_from_env(os.environ if env is None else env))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return replace(Settings(), **_coerce_all(values))


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"settings file {path}: {exc}") from exc
    section = data.get("signaldesk", data)
    if not isinstance(section, dict):
        raise ConfigError(f"settings file {path}: [signaldesk] must be a table")
    return dict(section)


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    names = {f.name for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in env.items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in names:
            out[key[len(ENV_PREFIX) :].lower()] = value
    return out


def _coerce_all(values: Mapping[str, Any]) -> dict[str, Any]:
    by_name = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        spec = by_name.get(name)
        if spec is None:
            raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(by_name))}")
        default = spec.default if spec.default is not MISSING else None
        out[name] = _coerce(name, value, type(default))
    return out


def _coerce(name: str, value: Any, kind: type) -> Any:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    text = str(value).strip()
    try:
        if kind is bool:
            if text.lower() in {"1", "true", "yes", "on"}:
                return True
            if text.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(text)
        return kind(text)
    except ValueError as exc:
        raise ConfigError(f"setting {name}: {value!r} is not a valid {kind.__name__}") from exc

"""The `signaldesk` command.

Subcommands are contributed by the packages that own them: any module
`signaldesk.<package>.cli` with a `register(subparsers)` function adds its commands
(the way Datasette writes its built-in features as plugins). This file only holds the
global options and the dispatch.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Callable, Sequence

import signaldesk
from signaldesk.errors import SignalDeskError
from signaldesk.settings import Settings, load_settings

Handler = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="signaldesk", description="SignalDesk: a self-hosted market-intelligence wire."
    )
    parser.add_argument("--version", action="version", version=signaldesk.__version__)
    parser.add_argument("--config", help="TOML settings file (layer: default < file < env < CLI)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a setting, e.g. --set fetch_allow_private=1 (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in _registrars():
        register(sub)
    return parser


def _registrars() -> list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]]:
    found = []
    for info in sorted(pkgutil.iter_modules(signaldesk.__path__), key=lambda m: m.name):
        if not info.ispkg:
            continue
        name = f"signaldesk.{info.name}.cli"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        found.append(module.register)  # each cli module defines register(subparsers)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        overrides = dict(_split_override(s) for s in args.set)
        overrides.update(getattr(args, "setting_overrides", {}) or {})
        settings = load_settings(args.config, overrides=overrides)
        handler: Handler = args.handler
        return handler(args, settings)
    except SignalDeskError as exc:
        print(f"signaldesk: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _split_override(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise SignalDeskError(f"--set {text!r}: expected NAME=VALUE")
    return name.strip(), value


if __name__ == "__main__":
    raise SystemExit(main())

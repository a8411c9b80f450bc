"""`signaldesk report --sample N --input items.jsonl --output report.html`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signaldesk.brief.report import read_items, render_report, sample_items
from signaldesk.errors import InputError
from signaldesk.settings import Settings

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="write an HTML page of sample items beside their sources, to judge"
    )
    parser.add_argument("--input", required=True, help="items JSONL written by `process`")
    parser.add_argument("--output", required=True, help="HTML file to write")
    parser.add_argument("--sample", type=int, default=20, help="how many items (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random sample")
    parser.set_defaults(handler=_report)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    if args.sample < 1:
        raise InputError(f"--sample {args.sample}: must be at least 1")
    items, problems = read_items(args.input)
    for problem in problems:
        print(f"signaldesk: skipped {problem}", file=sys.stderr)
    chosen = sample_items(items, args.sample, args.seed)
    html = render_report(chosen, f"SignalDesk sample of {len(chosen)} from {args.input}")
    try:
        Path(args.output).write_text(html, "utf-8")
    except OSError as exc:
        raise InputError(f"report {args.output}: {exc}") from exc
    print(f"wrote {len(chosen)} of {len(items)} items to {args.output}")
    return 0

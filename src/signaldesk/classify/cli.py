"""`signaldesk train desks|tone --data FILE [--output PATH]`: fit a model on your own data.

The model is written to `--output` (default: the `desk_model` setting, else
`signaldesk-model.json`); point the `desk_model` setting at it and the classify
stage uses it. Data format: see `signaldesk.classify.train`.
"""

from __future__ import annotations

import argparse
import sys

from signaldesk.classify.train import train
from signaldesk.settings import Settings

__all__ = ["register"]

DEFAULT_OUTPUT = "signaldesk-model.json"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("train", help="train a desk or tone model on your own data")
    parser.add_argument("task", choices=("desks", "tone"), help="what the model predicts")
    parser.add_argument("--data", required=True, help="JSONL: text plus desks (or label)")
    parser.add_argument("--output", help=f"model file (default: desk_model or {DEFAULT_OUTPUT})")
    parser.set_defaults(handler=_train)


def _train(args: argparse.Namespace, settings: Settings) -> int:
    output = args.output or settings.desk_model or DEFAULT_OUTPUT
    model, examples = train(args.data, args.task, output)
    for problem in examples.problems:
        print(f"signaldesk: skipped {problem}", file=sys.stderr)
    print(
        f"trained {args.task} on {len(examples.texts)} examples "
        f"({len(examples.problems)} skipped), labels {', '.join(model.labels)}; "
        f"wrote {output} (use it with --set desk_model={output})"
    )
    return 0

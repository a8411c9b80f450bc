"""`signaldesk process`: the whole engine as one batch command (DESIGN.md §3)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from signaldesk.errors import InputError
from signaldesk.models import Doc
from signaldesk.pipeline.build import STAGES, build_pipeline
from signaldesk.pipeline.jsonl import BadLine, read_docs
from signaldesk.pipeline.pipeline import Pipeline
from signaldesk.settings import Settings
from signaldesk.store.base import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "process",
        help="run documents (JSONL) through the pipeline and write items (JSONL)",
        description="Every input line yields exactly one output line, in order, with the "
        "same id. Dropped documents carry `dropped` (the reason).",
    )
    p.add_argument("--input", "-i", required=True, help="JSONL file of documents, or - for stdin")
    p.add_argument("--output", "-o", default="-", help="JSONL file for items (default stdout)")
    p.add_argument("--until", choices=list(STAGES), help="stop after this stage")
    p.add_argument("--db", help="keep state in this SQLite file (default: in memory for the run)")
    p.add_argument("--batch-size", type=int, default=None, help="documents per batch")
    p.set_defaults(handler=run_process)


def run_process(args: argparse.Namespace, settings: Settings) -> int:
    with ExitStack() as stack:
        source = _open_in(args.input, stack)
        sink = _open_out(args.output, stack)
        store = _open_store(args.db, stack)
        pipeline = build_pipeline(settings, until=args.until, store=store)
        stack.callback(pipeline.close)
        bad = 0
        for out in process_lines(source, pipeline, args.batch_size or settings.batch_size):
            if isinstance(out, BadLine):
                bad += 1
                print(f"signaldesk: {out.error}", file=sys.stderr)
            sink.write(json.dumps(out.to_item(), ensure_ascii=False) + "\n")
        _report(pipeline.drops, bad)
    return 0


def process_lines(
    lines: Iterable[str], pipeline: Pipeline, batch_size: int
) -> Iterator[Doc | BadLine]:
    """Run parsed lines through `pipeline` a batch at a time, keeping bad lines in place.

    Stages change documents in place, so once a batch has been through the pipeline
    the pending list holds the results in input order.
    """
    pending: list[Doc | BadLine] = []
    for entry in read_docs(lines):
        pending.append(entry)
        if len(pending) >= batch_size:
            yield from _flush(pending, pipeline, batch_size)
            pending = []
    yield from _flush(pending, pipeline, batch_size)


def _flush(
    pending: list[Doc | BadLine], pipeline: Pipeline, batch_size: int
) -> list[Doc | BadLine]:
    pipeline.process_batch([e for e in pending if isinstance(e, Doc)])
    return pending


def _open_in(path: str, stack: ExitStack) -> IO[str]:
    if path == "-":
        return sys.stdin
    try:
        return stack.enter_context(open(path, encoding="utf-8", errors="replace"))
    except OSError as exc:
        raise InputError(f"--input {path}: {exc.strerror}") from exc


def _open_out(path: str, stack: ExitStack) -> IO[str]:
    if path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return stack.enter_context(open(path, "w", encoding="utf-8"))


def _open_store(db: str | None, stack: ExitStack) -> Store | None:
    if not db:
        return None
    from signaldesk.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    stack.callback(store.close)
    return store


def _report(drops: Any, bad: int) -> None:
    parts = [f"{stage}/{reason}: {n}" for (stage, reason), n in sorted(drops.items())]
    if bad:
        parts.append(f"bad_input: {bad}")
    if parts:
        print("signaldesk: dropped " + ", ".join(parts), file=sys.stderr)

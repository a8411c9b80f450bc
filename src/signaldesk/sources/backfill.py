"""Backfill archives: WARC files (warcio), JSONL documents and folders of HTML pages.

Resumable: after each batch the number of records consumed from each file is kept in
the store's state (`backfill` namespace, keyed by the file's absolute path, with its
size and mtime); a re-run skips what was done, and a file that changed starts over.
Idempotent: document ids come from the content (WARC: URL + capture date; HTML: the
bytes; JSONL: the line's own id), so a record processed twice is the same document
and the dedupe stage collapses it instead of creating a second item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from signaldesk.errors import InputError
from signaldesk.models import Doc
from signaldesk.pipeline.jsonl import BadLine, read_docs
from signaldesk.sources.poller import decode_html
from signaldesk.store.base import Store

__all__ = ["Backfill", "BackfillReport", "archive_files", "read_archive"]

NAMESPACE = "backfill"
_HTML = {".html", ".htm", ".xhtml"}
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass
class BackfillReport:
    files: int = 0
    docs: int = 0
    skipped: int = 0  # records already done in an earlier run
    bad: int = 0
    errors: list[str] = field(default_factory=list)


def archive_files(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(file, kind) for every archive under `paths`, kind in warc | jsonl | html."""
    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += [(p, "html") for p in sorted(path.rglob("*"))
                      if p.is_file() and p.suffix.lower() in _HTML]
            found += [(p, "warc") for p in sorted(path.rglob("*"))
                      if p.is_file() and p.name.lower().endswith(_WARC)]
        elif path.name.lower().endswith(_WARC):
            found.append((path, "warc"))
        elif path.name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz")):
            found.append((path, "jsonl"))
        elif path.suffix.lower() in _HTML:
            found.append((path, "html"))
        else:
            raise InputError(f"{path}: not a WARC, JSONL or HTML file, nor a folder")
    return found


def read_archive(path: Path, kind: str, max_bytes: int = 5_000_000) -> Iterator[Doc | str]:
    """Every record of one file as a Doc, or an error message for a bad record."""
    if kind == "html":
        data = path.read_bytes()
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:20]
        yield Doc(id=f"html-{digest}", html=decode_html(data, ""), url=None)
    elif kind == "jsonl":
        yield from _jsonl(path)
    else:
        yield from _warc(path, max_bytes)


def _jsonl(path: Path) -> Iterator[Doc | str]:
    import gzip

    opener: Any = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
        for out in read_docs(lines):
            yield f"{path}: line {out.line}: {out.error}" if isinstance(out, BadLine) else out


def _warc(path: Path, max_bytes: int) -> Iterator[Doc | str]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                yield _warc_doc(record, path, number, max_bytes)
        except ArchiveLoadFailed as exc:
            yield f"{path}: not a readable WARC ({exc})"


def _warc_doc(record: Any, path: Path, number: int, max_bytes: int) -> Doc | str:
    if record.rec_type != "response" or record.http_headers is None:
        return ""  # request/metadata/warcinfo records: nothing to ingest, not an error
    status = record.http_headers.get_statuscode()
    ctype = record.http_headers.get_header("Content-Type") or ""
    if status != "200" or "html" not in ctype.lower():
        return ""
    url = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return f"{path}: record {number} ({url}): page larger than {max_bytes} bytes"
    digest = hashlib.sha1(f"{url}\x00{date}".encode(), usedforsecurity=False).hexdigest()[:20]
    return Doc(id=f"warc-{digest}", html=decode_html(body, ctype), url=url,
               fetched_at=_warc_date(date), http_status=200)


def _warc_date(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


class Backfill:
    """Feeds archive records to `process` in batches, remembering progress in `store`."""

    def __init__(self, store: Store | None, batch_size: int = 32, max_bytes: int = 5_000_000,
                 progress: bool = True) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.max_bytes = max_bytes
        self.progress = progress

    def run(self, paths: Iterable[str | Path],
            process: Callable[[list[Doc]], object]) -> BackfillReport:
        from tqdm import tqdm

        report = BackfillReport()
        files = archive_files(paths)
        bar = tqdm(total=len(files), unit="file", disable=not self.progress, desc="backfill")
        for path, kind in files:
            report.files += 1
            self._file(path, kind, process, report)
            bar.set_postfix(docs=report.docs, skipped=report.skipped, bad=report.bad)
            bar.update(1)
        bar.close()
        return report

    def _file(self, path: Path, kind: str, process: Callable[[list[Doc]], object],
              report: BackfillReport) -> None:
        key = str(path.resolve())
        stat = path.stat()
        mark = {"size": stat.st_size, "mtime": stat.st_mtime}
        state = self.store.state_get(NAMESPACE, key) if self.store else None
        start = state["done"] if state and {k: state.get(k) for k in mark} == mark else 0
        if state and state.get("complete") and start:
            report.skipped += start
            return
        batch: list[Doc] = []
        consumed = 0
        for consumed, record in enumerate(read_archive(path, kind, self.max_bytes), start=1):
            if consumed <= start:
                report.skipped += 1
                continue
            if isinstance(record, str):
                if record:
                    report.bad += 1
                    report.errors.append(record)
                continue
            batch.append(record)
            if len(batch) >= self.batch_size:
                process(batch)
                report.docs += len(batch)
                self._mark(key, mark, consumed, complete=False)
                batch = []
        if batch:
            process(batch)
            report.docs += len(batch)
        self._mark(key, mark, max(consumed, start), complete=True)

    def _mark(self, key: str, mark: dict[str, Any], consumed: int, complete: bool) -> None:
        if self.store is not None:
            self.store.state_put(NAMESPACE, key, {**mark, "done": consumed,
                                                  "complete": complete})

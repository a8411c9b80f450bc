"""Reading `process` input: one JSON object a line, each turned into a `Doc`.

A bad line never stops the run: it becomes a `BadLine` that names the line number and
the problem, and the caller writes it out in its place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from signaldesk.errors import InputError
from signaldesk.models import INPUT_FIELDS, Doc

_DATE_FIELDS = ("published_at", "fetched_at")
_INT_FIELDS = ("http_status",)


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    id: str | None
    error: str

    def to_item(self) -> dict[str, Any]:
        return {"id": self.id, "line": self.line, "dropped": "bad_input", "drop_detail": self.error}


def read_docs(lines: Iterable[str]) -> Iterator[Doc | BadLine]:
    """Parse JSONL lines; blank lines are skipped (they carry no document).

    An id may appear once per run: a second document under the same id would silently
    become a revision of an unrelated first one, so it is refused as a bad line.
    """
    first_line: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            doc = doc_from_json(raw, number)
        except InputError as exc:
            yield BadLine(number, _guess_id(raw), str(exc))
            continue
        if doc.id in first_line:
            error = f"line {number}: id {doc.id!r} was already used on line {first_line[doc.id]}"
            yield BadLine(number, doc.id, error + "; ids must be unique within a run")
            continue
        first_line[doc.id] = number
        yield doc


def doc_from_json(raw: str, number: int = 0) -> Doc:
    where = f"line {number}" if number else "input"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    return doc_from_dict(data, where)


def doc_from_dict(data: dict[str, Any], where: str = "input") -> Doc:
    doc_id = data.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise InputError(f"{where}: missing 'id' (a non-empty string)")
    if not isinstance(data.get("html"), str) and not isinstance(data.get("text"), str):
        raise InputError(f"{where} (id {doc_id}): needs 'html' or 'text' as a string")
    fields: dict[str, Any] = {"id": str(doc_id)}
    for name in INPUT_FIELDS - {"id"}:
        value = data.get(name)
        if value is None:
            continue
        if name in _DATE_FIELDS:
            fields[name] = parse_time(value, f"{where} (id {doc_id}) field {name}")
        elif name in _INT_FIELDS:
            fields[name] = _int(value, f"{where} (id {doc_id}) field {name}")
        elif name == "tier":
            if value not in ("free", "premium"):
                raise InputError(f"{where} (id {doc_id}): tier must be 'free' or 'premium'")
            fields[name] = value
        elif not isinstance(value, str):
            raise InputError(f"{where} (id {doc_id}): field {name} must be a string")
        else:
            fields[name] = clean_text(value)
    fields["id"] = clean_text(fields["id"])
    return Doc(**fields)


def clean_text(value: str) -> str:
    """Replace lone surrogates (valid in JSON, invalid in UTF-8) so no stage trips on them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def parse_time(value: Any, where: str) -> datetime:
    """ISO 8601 (a trailing Z is fine) or epoch seconds; naive times are taken as UTC."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, UTC)
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError) as exc:
        raise InputError(f"{where}: {value!r} is not an ISO 8601 time") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _int(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InputError(f"{where}: expected an integer, got {value!r}")


def _guess_id(raw: str) -> str | None:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    if isinstance(data, dict) and isinstance(data.get("id"), str | int):
        return str(data["id"])
    return None

"""The `extract` stage: a document's page (or text) becomes article text and metadata."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from signaldesk.errors import Drop
from signaldesk.extract.budget import OverBudget, time_budget
from signaldesk.extract.core import Extracted, ExtractFailed, Extractor
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage

__all__ = ["ExtractStage"]


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class ExtractStage(Stage):
    """Fill text, paragraphs and page metadata; drop pages with no usable article.

    Drop reasons: `empty`, `too_large` (settings.extract_max_bytes), `not_html`,
    `extract_timeout` (settings.extract_timeout_s), `extract_failed`.
    """

    name: ClassVar[str] = "extract"
    requires: ClassVar[frozenset[str]] = frozenset({"id"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"text", "paragraphs", "title", "byline", "lang", "canonical_url", "section",
         "published_at", "updated_at", "paywalled"}
    )

    def __init__(self, *, fast: bool = True) -> None:
        self.fast = fast
        self.timeout_s = 5.0
        self.extractor = Extractor(fast=fast)

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        self.timeout_s = float(ctx.settings.extract_timeout_s)
        self.extractor = Extractor(max_bytes=int(ctx.settings.extract_max_bytes), fast=self.fast,
                                   fast_path=bool(ctx.settings.extract_fast_path))

    def process_doc(self, doc: Doc) -> None:
        try:
            with time_budget(self.timeout_s):
                found = self._extract(doc)
        except OverBudget:
            raise Drop("extract_timeout", f"{doc.id}: over {self.timeout_s:g} s") from None
        except ExtractFailed as exc:
            raise Drop(exc.reason, f"{doc.id}: {exc.detail}") from None
        self._assign(doc, found)

    def _extract(self, doc: Doc) -> Extracted:
        if doc.html and doc.html.strip():
            return self.extractor.extract_html(doc.html, url=doc.url, http_status=doc.http_status)
        body = doc.text if doc.text and doc.text.strip() else doc.summary
        if body and "<" in body and ">" in body:  # a feed's HTML summary / content:encoded
            return self.extractor.extract_html(body, url=doc.url, http_status=doc.http_status)
        if body:
            return self.extractor.extract_text(body, title=doc.title, url=doc.url,
                                               http_status=doc.http_status)
        raise Drop("empty", f"{doc.id}: no html, text or summary")

    @staticmethod
    def _assign(doc: Doc, found: Extracted) -> None:
        doc.text = found.text
        doc.paragraphs = list(found.paragraphs)
        doc.title = found.title or doc.title
        doc.byline = found.byline
        doc.lang = found.lang
        doc.canonical_url = found.canonical_url or doc.url
        doc.section = found.section
        # A date the source gave (a feed entry) wins over the page's own; both made aware.
        doc.published_at = _aware(doc.published_at) or found.published_at
        doc.updated_at = found.updated_at
        doc.paywalled = found.paywalled or doc.paywalled

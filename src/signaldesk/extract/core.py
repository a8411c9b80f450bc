"""Page in, article out: `Extractor.extract_html` and `Extractor.extract_text`.

The steps, in order: size and binary checks (cheap refusals first), decoding
(`decode.py`), a lexbor parse for metadata (`meta.py`) and paywall signals
(`signals.py`), an lxml parse that is pruned of widgets (`clean.py`) and handed to the
engine, trafilatura in fast mode, re-run with its readability/jusText comparison only
when unsure (a short result), the standfirst put back when the engine left it out of
the body (`signals.standfirst`), then paragraph tidying and language identification.

Tried and dropped, by measurement on trafilatura-eval: a lexbor "fast path" reading
the body straight from an unmistakable container (`<article>`, `[itemprop=articleBody]`)
applied to 29 % of pages but scored F1 0.91 against trafilatura's 0.96 on those same
pages (it kept tag lists, credits, "related" labels trafilatura removes) for ~5 % more
speed overall; pre-stripping scripts/styles with lexbor saved 7 % and cost 5 ms a page.
Also dropped (F1 0.9537 at the time): keeping a first paragraph equal to the title (+3
"with" segments, +2 "without"; the headline is its own field); a second standfirst
source from class tokens "intro"/"standfirst" (+6/-1, but it pasted cookie notices,
breadcrumbs and newsletter forms into ~30 other bodies); favor_recall on the unsure
re-run (0.9505); unsure_chars 700 (0.9523, 30 % fewer re-runs) or 1300 (same F1, more
re-runs); dropping paragraphs that are one whole link (21 "without" vs 19 "with").

Every refusal is an `ExtractFailed` carrying a stable `reason` (`empty`, `too_large`,
`not_html`, `extract_failed`) that the stage turns into a counted drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser
from trafilatura.utils import load_html

from signaldesk.errors import ExtractError
from signaldesk.extract import fast
from signaldesk.extract.clean import drop_server_errors, is_paywall_text, prune, tidy
from signaldesk.extract.decode import decode_html, utf16_without_bom
from signaldesk.extract.meta import (
    Facts,
    PageMeta,
    gather,
    page_address,
    read_meta,
    with_guessed_date,
)
from signaldesk.extract.signals import paywall_signals, standfirst

__all__ = ["ExtractFailed", "Extracted", "Extractor", "extract_html", "split_text"]

PAYWALL_STATUSES = frozenset({401, 402, 403, 451})
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
                 b"BZh", b"\x7fELF", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00")
_HTML_TYPES = ("html", "xml", "text/plain")
_UNSURE_SHORT_SHARE = 0.6
UNSURE_CHARS = 1000  # a full-path result shorter than this gets trafilatura's comparison
FAST_PATH_UNSURE_CHARS = 550
_DOCUMENT = re.compile(r"<(html|body|head)\b", re.I)
_LIST_MARKER = re.compile(r"^[-•*]\s+")
_TRUNCATED = re.compile(r"(\.\.\.|…|\[\s*(\.\.\.|…)\s*\])\s*$")


class ExtractFailed(ExtractError):
    """A page that cannot become an article; `reason` is the stable drop code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Extracted:
    """The article found in one page or text."""

    text: str
    paragraphs: list[str]
    title: str | None = None
    byline: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    lang: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    paywalled: bool = False
    paywall_signals: tuple[str, ...] = field(default=())


def split_text(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated, or one per line when none are."""
    blocks = re.split(r"\n\s*\n", text.strip()) if "\n\n" in text.strip() else text.splitlines()
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _paragraphs(lines: list[str], meta: PageMeta) -> list[str]:
    """Tidied body paragraphs, without a first line that is the headline (its own field)."""
    paragraphs = tidy([_LIST_MARKER.sub("", line) for line in lines])
    if paragraphs and meta.title and _same(paragraphs[0], meta.title):
        return paragraphs[1:]
    return paragraphs


def _looks_binary(data: bytes) -> bool:
    head = data[:1024]
    if head.startswith(_BINARY_MAGIC):
        return True
    # UTF-16/32 pages carry NUL bytes too: with a BOM, or in one column of the byte pairs.
    if b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return utf16_without_bom(head) is None


class Extractor:
    """Article extraction with its resources (the language model) loaded once.

    `fast=True` runs trafilatura without its readability/jusText fallback; `max_bytes`
    refuses larger pages before any work is done; `fast_path=True` first tries the
    lexbor-only engine (`fast.py`) and keeps its body when it is confident. It is off by
    default: on trafilatura-eval it reads ~2.3x more pages/s (2.06-2.14x trafilatura's)
    but F1 falls 0.9537 -> 0.9405 (the full path's furniture rules are worth more than the
    engine's), under the default's gate.
    """

    def __init__(self, *, max_bytes: int = 5_000_000, fast: bool = True,
                 unsure_chars: int | None = None, fast_path: bool = False) -> None:
        self.max_bytes = max_bytes
        self.fast = fast
        self.fast_path = fast_path
        # With the fast path on, the pages left to the full path are the ones the engine
        # declined, and trafilatura's comparison re-run on them is the slowest step of the
        # whole mode: it is kept for results under 550 characters (trafilatura-eval: 38
        # re-runs instead of 51 at the same F1, 0.9402; at 500 chars 32 re-runs and one
        # segment less, F1 0.93997; at 300 chars 13 re-runs, F1 0.9391).
        if unsure_chars is None:
            unsure_chars = FAST_PATH_UNSURE_CHARS if fast_path else UNSURE_CHARS
        self.unsure_chars = unsure_chars
        self._langid: Any = None

    # -- public -------------------------------------------------------------------------
    def extract_html(
        self,
        data: str | bytes,
        url: str | None = None,
        content_type: str | None = None,
        http_status: int | None = None,
    ) -> Extracted:
        """Extract the article of one page; raises `ExtractFailed(reason)` when there is none."""
        html = self._decode(data, content_type)
        if "<" not in html:  # plain text handed over as a page: still usable
            return self.extract_text(html, url=url, http_status=http_status)
        if not _DOCUMENT.search(html[:5000]):
            html = f"<html><body>{html}</body></html>"  # a fragment (a feed's content)
        lexbor = LexborHTMLParser(html)
        facts = gather(lexbor)
        page_signals = paywall_signals(lexbor)  # before the fast path prunes the tree
        # A paywalled page goes the full way: its visible body is a teaser whose edges
        # (standfirst, truncation, dialog text) the full path handles.
        try_fast = self.fast_path and not page_signals
        quick = self._fast_path(lexbor, facts, html, url) if try_fast else None
        if quick is not None:
            meta, lines, paragraphs = quick
            return self._finish(meta, lines, paragraphs, page_signals=page_signals, url=url,
                            http_status=http_status)
        if try_fast:
            lexbor = LexborHTMLParser(html)  # the declined fast path pruned the first parse
        tree = self._parse(html, url)
        meta = read_meta(facts, tree, url)
        prune(tree)
        lines = self._engine(tree, url, fast=self.fast)
        if self.fast and self._unsure(lines):
            # Unsure: a short or menu-like result is where trafilatura's readability/jusText
            # comparison pays off (trafilatura-eval, trafilatura alone: fast 0.920, this
            # 0.9266, default 0.9261, rerunning ~14 % of pages). The first run changed the
            # tree, so parse again.
            tree = self._parse(html, url)
            prune(tree)
            lines = self._engine(tree, url, fast=False)
        if lead := standfirst(lexbor, facts.metas, lines):
            lines = [lead, *lines]
        paragraphs = _paragraphs(lines, meta)
        return self._finish(meta, lines, paragraphs, page_signals=page_signals, url=url,
                            http_status=http_status)

    def _finish(self, meta: PageMeta, lines: list[str], paragraphs: list[str], *,
                page_signals: tuple[str, ...], url: str | None,
                http_status: int | None) -> Extracted:
        """The article from either path's lines (for signals) and tidied paragraphs."""
        signals = self._paywall_signals(meta, http_status) + page_signals
        signals += self._truncation_signals(lines)
        if not paragraphs:
            raise ExtractFailed("empty", f"no article text found in {url or 'page'}")
        text = "\n\n".join(paragraphs)
        return Extracted(
            text=text, paragraphs=paragraphs, title=meta.title, byline=meta.byline,
            published_at=meta.published_at, updated_at=meta.updated_at,
            lang=self._lang(text, meta), canonical_url=page_address(meta.canonical_url, url),
            section=meta.section, paywalled=bool(signals), paywall_signals=signals,
        )

    def extract_text(self, text: str, title: str | None = None, url: str | None = None,
                     http_status: int | None = None) -> Extracted:
        """An article given as plain text (a feed summary, a wire body)."""
        paragraphs = tidy(split_text(text))
        if not paragraphs:
            raise ExtractFailed("empty", f"no text in {url or 'document'}")
        body = "\n\n".join(paragraphs)
        signals: tuple[str, ...] = ("http_status",) if http_status in PAYWALL_STATUSES else ()
        signals += self._truncation_signals(split_text(text))
        return Extracted(text=body, paragraphs=paragraphs, title=title,
                         lang=self._lang(body, PageMeta()), canonical_url=url,
                         paywalled=bool(signals), paywall_signals=signals)

    # -- steps --------------------------------------------------------------------------
    def _decode(self, data: str | bytes, content_type: str | None) -> str:
        size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
        if size > self.max_bytes:
            raise ExtractFailed("too_large", f"{size} bytes is over the {self.max_bytes} limit")
        if content_type and not any(kind in content_type.lower() for kind in _HTML_TYPES):
            raise ExtractFailed("not_html", f"content type {content_type!r}")
        head = data[:1024] if isinstance(data, bytes) else data[:1024].encode("utf-8", "replace")
        if _looks_binary(head):
            raise ExtractFailed("not_html", "binary data, not a page")
        html = decode_html(data, content_type).replace("\x00", "")
        if not html.strip():
            raise ExtractFailed("empty", "the page is empty")
        return html

    def _fast_path(self, lexbor: LexborHTMLParser, facts: Facts, html: str,
                   url: str | None) -> tuple[PageMeta, list[str], list[str]] | None:
        """Metadata and body from the lexbor parse alone when `fast.accept` trusts the
        body (no lxml parse, no trafilatura); None sends the page down the full path."""
        found = fast.extract_tree(lexbor, min_chars=fast.ACCEPT_CHARS)
        if found is None:
            return None
        lines, confidence = found
        meta = read_meta(facts, None, url)
        lines = drop_server_errors(lines)
        paragraphs = _paragraphs(lines, meta)
        if not fast.accept(confidence, "\n\n".join(paragraphs)):
            return None
        return with_guessed_date(meta, html, url), lines, paragraphs

    def _unsure(self, lines: list[str]) -> bool:
        """A result worth a second opinion: short, or mostly one-to-three-word lines."""
        if sum(map(len, lines)) < self.unsure_chars:
            return True
        short = sum(1 for line in lines if len(line.split()) <= 3)
        return short > _UNSURE_SHORT_SHARE * len(lines)

    @staticmethod
    def _parse(html: str, url: str | None) -> HtmlElement:
        tree = load_html(html)
        if tree is None:
            raise ExtractFailed("not_html", f"{url or 'page'} does not parse as HTML")
        return tree

    @staticmethod
    def _engine(tree: HtmlElement, url: str | None, *, fast: bool) -> list[str]:
        try:
            result = trafilatura.extract(
                tree, url=url, fast=fast, include_comments=False, include_tables=True,
                include_formatting=False, output_format="txt",
            )
        except RecursionError as exc:  # pathologically deep pages
            raise ExtractFailed("extract_failed", f"page nesting too deep: {exc}") from exc
        return drop_server_errors(
            [line.strip() for line in (result or "").splitlines() if line.strip()])

    @staticmethod
    def _paywall_signals(meta: PageMeta, http_status: int | None) -> tuple[str, ...]:
        signals: list[str] = []
        if meta.free is False:
            signals.append("isAccessibleForFree")
        if http_status in PAYWALL_STATUSES:
            signals.append("http_status")
        return tuple(signals)

    @staticmethod
    def _truncation_signals(lines: list[str]) -> tuple[str, ...]:
        if any(is_paywall_text(line) for line in lines):
            return ("paywall_text",)
        if lines and _TRUNCATED.search(lines[-1]):
            return ("truncated",)
        return ()

    def _lang(self, text: str, meta: PageMeta) -> str | None:
        """The page's declared language, else identified from the text (py3langid).

        The declaration wins because identification costs a model load (~2 s) and a few
        ms a page; publishers' `<html lang>` is right far more often than not.
        """
        if meta.lang or len(text) < 40:
            return meta.lang
        if self._langid is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._langid = LanguageIdentifier.from_model_file(MODEL_FILE)
        lang, _prob = self._langid.classify(text[:1500])
        return str(lang)


def extract_html(
    data: str | bytes,
    url: str | None = None,
    content_type: str | None = None,
    http_status: int | None = None,
) -> Extracted:
    """One-off extraction with default limits (for many pages, reuse an `Extractor`)."""
    return Extractor().extract_html(data, url=url, content_type=content_type,
                                    http_status=http_status)

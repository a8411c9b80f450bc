"""extract: a page (or a text) becomes article text, paragraphs and metadata."""

from signaldesk.extract.core import Extracted, ExtractFailed, Extractor, extract_html, split_text
from signaldesk.extract.decode import decode_html
from signaldesk.extract.stage import ExtractStage

__all__ = [
    "ExtractFailed",
    "ExtractStage",
    "Extracted",
    "Extractor",
    "decode_html",
    "extract_html",
    "split_text",
]

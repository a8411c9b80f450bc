"""The brief: headline, lead, 2-4 extractive bullets and word count; the judging report."""

from signaldesk.brief.bullets import bullet_paragraphs, pick_bullets
from signaldesk.brief.headline import clean_title, pick_lead
from signaldesk.brief.report import read_items, render_report, sample_items
from signaldesk.brief.stage import BriefStage, word_count

__all__ = [
    "BriefStage",
    "bullet_paragraphs",
    "clean_title",
    "pick_bullets",
    "pick_lead",
    "read_items",
    "render_report",
    "sample_items",
    "word_count",
]

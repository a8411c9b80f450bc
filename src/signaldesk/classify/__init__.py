"""Desks, tone, central-bank stance (classify) and relevance, urgency, why (score)."""

from signaldesk.classify.desks import DeskRules
from signaldesk.classify.model import LinearTextModel, load_bundle, save_bundle
from signaldesk.classify.score import ScoreStage
from signaldesk.classify.stage import ClassifyStage
from signaldesk.classify.stance import StanceReader
from signaldesk.classify.tone import LexiconTone
from signaldesk.classify.train import read_examples, train, train_model

__all__ = [
    "ClassifyStage",
    "DeskRules",
    "LexiconTone",
    "LinearTextModel",
    "ScoreStage",
    "StanceReader",
    "load_bundle",
    "read_examples",
    "save_bundle",
    "train",
    "train_model",
]

"""Entity and instrument tagging, quotes and attribution (the `tag` stage)."""

from signaldesk.tag.attribution import Attributor, attribution
from signaldesk.tag.instruments import InstrumentMap, InstrumentMapper
from signaldesk.tag.matcher import Gazetteer, Mention
from signaldesk.tag.quotes import QuoteFinder
from signaldesk.tag.stage import DocTagger, TagStage
from signaldesk.tag.tagger import Tagger

__all__ = [
    "Attributor",
    "DocTagger",
    "Gazetteer",
    "InstrumentMap",
    "InstrumentMapper",
    "Mention",
    "QuoteFinder",
    "TagStage",
    "Tagger",
    "attribution",
]

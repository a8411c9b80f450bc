"""Sources: feeds, pages, archives and replay; fetched politely and safely."""

from signaldesk.sources.feeds import FeedEntry, ParsedFeed, entry_to_doc, parse_feed
from signaldesk.sources.fetch import Fetcher, FetchResult, FetchStatusError
from signaldesk.sources.poller import Poller, PollOutcome
from signaldesk.sources.registry import SourceRecord, SourceRegistry
from signaldesk.sources.replay import ReplaySource

__all__ = [
    "FeedEntry",
    "FetchResult",
    "FetchStatusError",
    "Fetcher",
    "ParsedFeed",
    "PollOutcome",
    "Poller",
    "ReplaySource",
    "SourceRecord",
    "SourceRegistry",
    "entry_to_doc",
    "parse_feed",
]

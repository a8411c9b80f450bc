"""Sources: feeds, pages, archives and replay; fetched politely and safely."""

from signaldesk.sources.feeds import FeedEntry, ParsedFeed, entry_to_doc, parse_feed
from signaldesk.sources.fetch import Fetcher, FetchResult, FetchStatusError
from signaldesk.sources.poller import Poller, PollOutcome
from signaldesk.sources.registry import SourceRecord, SourceRegistry
from signaldesk.sources.replay import ReplaySource
from signaldesk.sources.websub import Subscription, WebSubSubscriber

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
    "Subscription",
    "WebSubSubscriber",
    "entry_to_doc",
    "parse_feed",
]

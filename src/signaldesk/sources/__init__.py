"""Sources: feeds, pages, push, archives and replay; fetched politely and safely.

    parse_feed(bytes, url, headers) -> ParsedFeed    RSS/RDF/Atom (feedparser), JSON Feed
    entry_to_doc(entry, source, feed_url) -> Doc     a feed entry for the pipeline
    Fetcher(settings, transport=None, resolver=...)  SSRF-guarded async GET / POST
    SourceRegistry(store), SourceRecord              sources + health in store state
    Poller(settings, registry, fetcher).run(sink)    adaptive polling, one task per source
    WebSubSubscriber, websub.routes(...)             push: subscribe, verify, HMAC check
    LiveIngest(settings, store, bus)                 poller + push -> pipeline worker thread
    ReplaySource(path, speed).docs()                 a demo-pack directory on a clock
    backfill.Backfill(store).run(paths, process)     WARC / JSONL / HTML, resumable
    discover.discover_feeds / parse_sitemap          autodiscovery, (news) sitemaps
    opml.read_opml / write_opml                      source lists
"""

from signaldesk.sources.feeds import FeedEntry, ParsedFeed, entry_to_doc, parse_feed
from signaldesk.sources.fetch import Fetcher, FetchResult, FetchStatusError
from signaldesk.sources.live import LiveIngest
from signaldesk.sources.poller import Poller, PollOutcome
from signaldesk.sources.registry import SourceRecord, SourceRegistry
from signaldesk.sources.replay import ReplaySource
from signaldesk.sources.websub import Subscription, WebSubSubscriber

__all__ = [
    "FeedEntry",
    "FetchResult",
    "FetchStatusError",
    "Fetcher",
    "LiveIngest",
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

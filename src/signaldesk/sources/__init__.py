"""Sources: feeds, pages, archives and replay; fetched politely and safely."""

from signaldesk.sources.feeds import FeedEntry, ParsedFeed, entry_to_doc, parse_feed

__all__ = ["FeedEntry", "ParsedFeed", "entry_to_doc", "parse_feed"]

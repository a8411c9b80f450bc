"""robots.txt for page fetches (RFC 9309), cached per origin.

urllib.robotparser does the matching; this module only fetches the file through the
same safe fetcher and applies the RFC's rules for failures: a 4xx means "no rules",
a 5xx or an unreachable server means "disallow everything" for now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

import httpx

from signaldesk.errors import FetchError

if TYPE_CHECKING:
    from signaldesk.sources.fetch import Fetcher

__all__ = ["RobotsCache", "RobotsDisallowed"]

_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
_MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB


class RobotsDisallowed(FetchError):
    """robots.txt of the site forbids our User-Agent to fetch this URL."""


class RobotsCache:
    def __init__(self, fetcher: Fetcher, user_agent: str, ttl_s: float = 86_400.0) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.ttl_s = ttl_s
        self._rules: dict[str, tuple[float, RobotFileParser]] = {}

    async def check(self, url: httpx.URL) -> None:
        """Raise `RobotsDisallowed` unless robots.txt lets us fetch `url`."""
        rules = await self._for(url)
        if not rules.can_fetch(self.user_agent, str(url)):
            raise RobotsDisallowed(f"{url}: disallowed by {url.scheme}://{url.netloc.decode()}"
                                   "/robots.txt for our User-Agent")

    async def _for(self, url: httpx.URL) -> RobotFileParser:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        now = self.fetcher._clock()
        cached = self._rules.get(origin)
        if cached and now - cached[0] < self.ttl_s:
            return cached[1]
        rules = await self._load(origin + "/robots.txt")
        self._rules[origin] = (now, rules)
        return rules

    async def _load(self, robots_url: str) -> RobotFileParser:
        from signaldesk.sources.fetch import FetchStatusError

        rules = RobotFileParser(robots_url)
        try:
            result = await self.fetcher.fetch_once(robots_url, max_bytes=_MAX_ROBOTS_BYTES)
        except FetchStatusError as exc:
            rules.parse([] if exc.status < 500 else _DISALLOW_ALL)
            return rules
        except FetchError:
            rules.parse(_DISALLOW_ALL)
            return rules
        rules.parse(result.body.decode("utf-8", "replace").splitlines())
        return rules

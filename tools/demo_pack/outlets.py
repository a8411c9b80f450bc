"""The seven fictional outlets of the demo pack: feed format, URL scheme, house style."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    format: str  # rss | atom | jsonfeed
    home: str
    url: str  # str.format pattern: {desk} {slug} {n}
    tz: str  # UTC offset shown on the outlet's pages and feed
    tz_label: str
    style: str  # how compose.py words a story
    layout: str  # how render.py lays out a page: wire | portal | desk
    premium_share: float  # share of this outlet's stories behind the paywall
    reporters: tuple[str, ...]
    editors: tuple[str, ...]
    sections: tuple[str, ...]
    pitch: str  # the marketing block

    @property
    def feed_file(self) -> str:
        return f"feeds/{self.slug}.json" if self.format == "jsonfeed" else f"feeds/{self.slug}.xml"

    @property
    def called(self) -> str:
        """The name as it reads mid-sentence ("told the Harbor Street Journal")."""
        return f"the {self.name}" if self.name.endswith("Journal") else self.name

    @property
    def tier(self) -> str:
        return "free" if self.premium_share == 0 else "mixed"


OUTLETS: tuple[Outlet, ...] = (
    Outlet(
        slug="meridian", name="Meridian Wire", format="rss",
        home="https://www.meridianwire.example/",
        url="https://www.meridianwire.example/markets/{desk}/{slug}-idMW{n:05d}",
        tz="+00:00", tz_label="GMT", style="wire", layout="wire", premium_share=0.0,
        reporters=("Alina Petrova-Grant", "Samuel Okoro", "Keiko Harlan", "Diego Restrepo",
                   "Maren Holt"),
        editors=("Jonah Pell", "Ruth Adeyemi", "Clara Voss"),
        sections=("World", "Business", "Markets", "Central Banks", "Commodities"),
        pitch="Meridian Wire Pro puts every headline on your desk seconds after it moves. "
        "Ask your account manager about real-time access for your whole team.",
    ),
    Outlet(
        slug="harbor", name="Harbor Street Journal", format="atom",
        home="https://www.harborstreetjournal.example/",
        url="https://www.harborstreetjournal.example/articles/2026/03/12/{slug}",
        tz="-04:00", tz_label="ET", style="journal", layout="portal", premium_share=0.45,
        reporters=("Eleanor Bassett", "Marcus Whitfield", "Priya Sundaram", "Owen Gallagher"),
        editors=("Nell Fairbanks",),
        sections=("Markets", "Economy", "Business", "Opinion", "Life & Arts"),
        pitch="Subscribe to the Harbor Street Journal: unlimited articles, the morning "
        "briefing and the markets data centre, from $1 a week for your first three months.",
    ),
    Outlet(
        slug="kestrel", name="Kestrel Markets", format="jsonfeed",
        home="https://kestrelmarkets.example/",
        url="https://kestrelmarkets.example/news/{desk}/{slug}",
        tz="+00:00", tz_label="GMT", style="desk", layout="desk", premium_share=0.75,
        reporters=("Kestrel Markets Desk",),
        editors=("Kestrel Markets Desk",),
        sections=("Fixed Income", "FX", "Energy", "Political Risk", "Macro"),
        pitch="Kestrel Markets is a fictional provider of real-time intelligence for "
        "professional traders. Our analysts work from London, New York and Singapore, "
        "around the clock.",
    ),
    Outlet(
        slug="northgate", name="Northgate FX Daily", format="rss",
        home="https://northgatefx.example/",
        url="https://northgatefx.example/daily/20260312/{n:03d}-{slug}.html",
        tz="+08:00", tz_label="SGT", style="fx", layout="wire", premium_share=0.2,
        reporters=("Tan Wei Ling", "Rohan Mehta", "Sophie Lindgren"),
        editors=("Arjun Pillai",),
        sections=("G10 FX", "Asia FX", "EM FX", "Rates", "Calendar"),
        pitch="Get the Northgate FX morning note in your inbox before the Tokyo open. "
        "Free for 30 days, then 19 dollars a month.",
    ),
    Outlet(
        slug="baltic", name="Baltic Energy Report", format="atom",
        home="https://balticenergyreport.example/",
        url="https://balticenergyreport.example/{desk}/{slug}/",
        tz="+01:00", tz_label="CET", style="energy", layout="portal", premium_share=0.35,
        reporters=("Lars Eklund", "Ieva Kalnina", "Tomasz Wrobel"),
        editors=("Birgit Aasen",),
        sections=("Oil", "Gas & LNG", "Power", "Metals", "Agriculture"),
        pitch="Baltic Energy Report Premium: price assessments, outage trackers and "
        "analyst calls. Try it free for 14 days.",
    ),
    Outlet(
        slug="lantern", name="Lantern Political Risk", format="jsonfeed",
        home="https://lantern-risk.example/",
        url="https://lantern-risk.example/briefings/{slug}?id={n}",
        tz="+00:00", tz_label="GMT", style="polrisk", layout="desk", premium_share=0.7,
        reporters=("Helena Marsh", "Kwame Asante", "Ines Cardoso"),
        editors=("Lantern Research Desk",),
        sections=("Briefings", "Elections", "Trade", "Emerging Markets", "Scenarios"),
        pitch="Lantern Political Risk turns politics into positions. Our fictional "
        "analysts cover 60 countries for institutional investors.",
    ),
    Outlet(
        slug="granite", name="Granite Ledger", format="rss",
        home="https://granite-ledger.example/",
        url="https://granite-ledger.example/markets/2026/03/12/{slug}",
        tz="-04:00", tz_label="ET", style="equity", layout="portal", premium_share=0.3,
        reporters=("Dana Whitcombe", "Felix Ortega", "Naomi Brandt"),
        editors=("Curtis Hale",),
        sections=("Stocks", "Deals", "Credit", "Earnings", "Personal Finance"),
        pitch="Granite Ledger Plus: earnings previews, credit scorecards and no ads. "
        "Join today and get your first month free.",
    ),
)

BY_SLUG: dict[str, Outlet] = {o.slug: o for o in OUTLETS}

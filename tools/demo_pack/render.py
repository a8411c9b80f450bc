"""HTML article pages with the clutter of real news sites, in three layouts.

Every page carries a visible notice that it is fictional. Premium stories show a teaser
and a paywall dialog; several layouts repeat the body in a hidden block, as paywalled
sites do (see ../shared/seed/mni-political-risk.html for the shape).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html import escape

from compose import Article, Block
from outlets import Outlet

NOTICE = (
    "Fictional demo content: {name} is an invented outlet, and every person, quote, "
    "company and event on this page is made up for the SignalDesk demo. It is not news."
)


@dataclass(frozen=True)
class Page:
    outlet: Outlet
    article: Article
    url: str
    canonical: str
    desk: str
    tier: str
    published: datetime  # UTC
    updated: datetime | None
    update_note: str
    related: tuple[tuple[str, str], ...]  # (headline, url)
    via: str  # the wire a syndicated copy came from, else ""


def local(dt: datetime, outlet: Outlet) -> datetime:
    sign = -1 if outlet.tz.startswith("-") else 1
    hours, minutes = outlet.tz[1:].split(":")
    offset = timedelta(hours=int(hours), minutes=int(minutes)) * sign
    return dt.astimezone(timezone(offset))


def stamp(dt: datetime, outlet: Outlet) -> tuple[str, str]:
    """(machine, human) forms of a time in the outlet's own zone."""
    when = local(dt, outlet)
    if outlet.layout == "portal":
        human = when.strftime("%B %d, %Y %I:%M %p ") + outlet.tz_label
    elif outlet.layout == "desk":
        human = when.strftime("%d %b %Y %H:%M ") + outlet.tz_label
    else:
        human = when.strftime("%d %B %Y, %H:%M ") + outlet.tz_label
    return when.isoformat(), human


def blocks_html(blocks: tuple[Block, ...], indent: str = "      ") -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "ul":
            items = "".join(f"\n{indent}  <li>{escape(str(v))}</li>" for v in value)
            out.append(f"{indent}<ul>{items}\n{indent}</ul>")
        else:
            out.append(f"{indent}<{kind}>{escape(str(value))}</{kind}>")
    return "\n".join(out)


def word_count(article: Article) -> int:
    words = 0
    for _kind, value in article.blocks:
        parts = value if isinstance(value, tuple) else (value,)
        words += sum(len(str(p).split()) for p in parts)
    return words


def teaser(article: Article) -> tuple[Block, ...]:
    return article.blocks[:1]


def _head(page: Page) -> str:
    o, a = page.outlet, page.article
    pub, _ = stamp(page.published, o)
    desc = escape(str(a.blocks[0][1])[:180])
    meta = [
        '<meta charset="utf-8">',
        f"<title>{escape(a.headline)} | {escape(o.name)}</title>",
        f'<meta name="description" content="{desc}">',
        f'<meta property="og:title" content="{escape(a.headline)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(o.name)}">',
        f'<meta property="article:published_time" content="{pub}">',
        f'<meta property="article:section" content="{escape(page.desk)}">',
        f'<meta name="author" content="{escape(a.byline.removeprefix("By "))}">',
        f'<link rel="canonical" href="{escape(page.canonical)}">',
    ]
    if page.updated is not None:
        mod, _ = stamp(page.updated, o)
        meta.append(f'<meta property="article:modified_time" content="{mod}">')
    if o.layout == "portal":
        meta.append(_jsonld(page))
    meta.append(
        "<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'pageType':'article',"
        f"'tier':'{page.tier}','section':'{page.desk}'}});</script>"
    )
    meta.append("<style>.cookie-banner{position:fixed;bottom:0}.paywall{z-index:99}</style>")
    return "\n  ".join(meta)


def _jsonld(page: Page) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.article.headline,
        "datePublished": stamp(page.published, page.outlet)[0],
        "author": {"@type": "Person", "name": page.article.byline.removeprefix("By ")},
        "publisher": {"@type": "Organization", "name": page.outlet.name},
        "isAccessibleForFree": page.tier == "free",
        "description": "Fictional demo article",
    }
    if page.updated is not None:
        data["dateModified"] = stamp(page.updated, page.outlet)[0]
    body = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{body}</script>'


def _notice(o: Outlet) -> str:
    return f'<div class="demo-notice" role="note">{escape(NOTICE.format(name=o.name))}</div>'


def _cookie(o: Outlet) -> str:
    return (
        '<div class="cookie-banner" id="consent">\n'
        f"    <p>{escape(o.name)} and our partners use cookies to personalise content, "
        "measure audiences and show you relevant advertising.</p>\n"
        '    <button class="accept">Accept all</button> <button class="manage">Manage '
        "preferences</button>\n  </div>"
    )


def _nav(o: Outlet) -> str:
    links = " ".join(
        f'<a href="{o.home}{s.lower().replace(" & ", "-").replace(" ", "-")}">{escape(s)}</a>'
        for s in o.sections
    )
    return (
        f'<header class="site-header">\n    <a class="logo" href="{o.home}">{escape(o.name)}'
        f"</a>\n    <nav>{links}</nav>\n"
        f'    <a class="cta" href="{o.home}subscribe">Subscribe</a> '
        f'<a class="login" href="{o.home}login">Sign in</a>\n  </header>'
    )


def _share(page: Page) -> str:
    u = escape(page.url)
    return (
        '<div class="share-bar">Share this article: '
        f'<a href="https://social.example/share?u={u}">Post</a> '
        f'<a href="https://network.example/share?url={u}">LinkedIn</a> '
        f'<a href="mailto:?subject=From%20{escape(page.outlet.name)}">Email</a> '
        '<button class="copy-link">Copy link</button></div>'
    )


def _related(page: Page) -> str:
    items = "".join(
        f'\n      <li><a href="{escape(u)}">{escape(h)}</a></li>' for h, u in page.related
    )
    return (
        '<aside class="related">\n    <h3>Related stories</h3>\n'
        f"    <ul>{items}\n    </ul>\n  </aside>"
    )


def _marketing(o: Outlet) -> str:
    return (
        f'<section class="promo">\n    <h2>Why {escape(o.name)}</h2>\n'
        f"    <p>{escape(o.pitch)}</p>\n"
        f'    <a class="trial" href="{o.home}trial">Start your free trial</a>\n  </section>'
    )


def _paywall(o: Outlet) -> str:
    return (
        '<div class="paywall-modal" role="dialog" aria-modal="true">\n'
        f"    <p>To read the full story, subscribe to {escape(o.name)}.</p>\n"
        f'    <a href="{o.home}trial">Free Trial</a> <a href="{o.home}login">Log in</a>\n'
        "    <button>Close</button>\n  </div>"
    )


def _footer(o: Outlet) -> str:
    return (
        f"<footer>\n    <p>&copy; 2026 {escape(o.name)} (fictional). All rights reserved. "
        f'<a href="{o.home}privacy">Privacy</a> <a href="{o.home}terms">Terms</a></p>\n'
        f"    {_notice(o)}\n  </footer>"
    )


def _dates(page: Page) -> str:
    machine, human = stamp(page.published, page.outlet)
    out = f'<time class="published" datetime="{machine}">{escape(human)}</time>'
    if page.updated is not None:
        m2, h2 = stamp(page.updated, page.outlet)
        out += f' <span class="updated">Updated <time datetime="{m2}">{escape(h2)}</time></span>'
    return out


def _via(page: Page) -> str:
    if not page.via:
        return ""
    first = f"This story was first published by {escape(page.via)}."
    return f'\n      <p class="syndication">{first}</p>'


def render(page: Page) -> str:
    """The whole HTML document of one version of one story."""
    body = _LAYOUTS[page.outlet.layout](page)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  '
        + _head(page)
        + "\n</head>\n<body>\n  "
        + _notice(page.outlet)
        + "\n  "
        + _cookie(page.outlet)
        + "\n  "
        + _nav(page.outlet)
        + "\n"
        + body
        + "\n  "
        + _footer(page.outlet)
        + "\n</body>\n</html>\n"
    )


def _visible(page: Page) -> tuple[Block, ...]:
    return teaser(page.article) if page.tier == "premium" else page.article.blocks


def _note(page: Page, tag: str, indent: str, wrap: str = "{}") -> str:
    if not page.update_note:
        return ""
    text = wrap.format(escape(page.update_note))
    return f'{indent}<{tag} class="update-note">{text}</{tag}>'


def _signoff(a: Article, indent: str = "      ") -> str:
    return f'\n{indent}<p class="signoff">{escape(a.signoff)}</p>' if a.signoff else ""


def _wire_layout(page: Page) -> str:
    a = page.article
    note = _note(page, "p", "\n      ", "({})")
    signoff = _signoff(a) if page.tier == "free" else ""
    paywall = "\n  " + _paywall(page.outlet) if page.tier == "premium" else ""
    return (
        f'  <div class="ad-slot leaderboard">Advertisement</div>\n  <main class="page">\n'
        f'    <div class="article-header">\n      <span class="kicker">{escape(page.desk)}</span>\n'
        f"      <h1>{escape(a.headline)}</h1>\n"
        f'      <p class="byline">{escape(a.byline)}</p>\n'
        f'      <p class="dateline">{_dates(page)}</p>'
        f"{note}{_via(page)}\n    </div>\n    {_share(page)}\n"
        f'    <div class="article-body" data-component="text-block">\n'
        f"{blocks_html(_visible(page))}{signoff}\n    </div>{paywall}\n  </main>\n  "
        f"{_related(page)}\n  {_marketing(page.outlet)}"
    )


def _portal_layout(page: Page) -> str:
    a = page.article
    hidden = ""
    if page.tier == "premium":
        hidden = (
            f'\n  {_paywall(page.outlet)}\n  <div class="article-locked" hidden>\n'
            f"{blocks_html(a.blocks)}{_signoff(a)}\n  </div>"
        )
    note = _note(page, "span", " ")
    return (
        f"  <main>\n    <article>\n      <header>\n        <h1>{escape(a.headline)}</h1>\n"
        f'        <div class="meta"><span class="author">{escape(a.byline)}</span> {_dates(page)}'
        f"{note}</div>{_via(page)}\n      </header>\n"
        f'      <div class="ad-slot inline">Advertisement</div>\n'
        f'      <section class="story-body">\n{blocks_html(_visible(page), "        ")}'
        f"{_signoff(a, '        ') if page.tier == 'free' else ''}\n"
        f"      </section>\n      {_share(page)}\n    </article>\n  </main>{hidden}\n"
        f"  {_related(page)}\n  "
        '<section class="newsletter"><h2>Get the morning briefing</h2>'
        '<form><input type="email" placeholder="Your email"><button>Sign up</button></form>'
        f"</section>\n  {_marketing(page.outlet)}"
    )


def _desk_layout(page: Page) -> str:
    a = page.article
    paywall = "\n    " + _paywall(page.outlet) if page.tier == "premium" else ""
    note = _note(page, "div", "\n      ")
    return (
        f'  <main>\n    <article class="post teaser">\n      <h1>{escape(a.headline)}</h1>\n'
        f'      <div class="post-tag">{escape(page.desk.upper().replace("-", " "))}</div>\n'
        f'      <div class="post-meta">{escape(a.byline)} | {_dates(page)}</div>'
        f"{note}{_via(page)}\n"
        f'      <div class="post-body">\n{blocks_html(_visible(page))}'
        f"{_signoff(a) if page.tier == 'free' else ''}\n      </div>\n"
        f'      <div class="word-count">{word_count(a)} words</div>\n    </article>{paywall}\n'
        f"    {_share(page)}\n    {_marketing(page.outlet)}\n"
        f'    <div class="full-story" hidden>\n{blocks_html(a.blocks)}{_signoff(a)}\n    </div>\n'
        "  </main>\n"
        f"  {_related(page)}"
    )


_LAYOUTS = {"wire": _wire_layout, "portal": _portal_layout, "desk": _desk_layout}

"""The fast path: an article body read from the lexbor parse alone, or a refusal.

What it does, on the lexbor tree the Extractor already parsed for metadata (pruned in
place, so read metadata and paywall signals first):
1. drop elements that never carry article text (scripts, styles, embeds, form controls);
2. drop page chrome: structural tags (nav, aside, footer, ...) and blocks whose class/id
   tokens name a widget (cookie, share, related, comments, ...), each confirmed by size
   or link share, and never a block holding half the page's prose (a page wrapped in
   `<div class="site-header-wrap">` is not emptied);
3. weigh every prose unit (p, pre, blockquote, and blocks holding bare text) by its
   length, punctuation and link share, and add the weight to all its ancestors;
4. descend from <body> into the child holding most of the weight while it holds at least
   `DESCEND` of its parent's: the smallest element that still holds the prose, plus
   same-parent siblings holding prose and standfirst blocks of the article header;
5. emit that text with a break after every block, minus link-heavy blocks and lines.
`extract_tree` returns the paragraphs and the `Confidence` facts; `accept` is the gate
under which the Extractor trusts them instead of running lxml + trafilatura. Ancestor
walks cost units x depth in Python, so pages past MAX_UNITS or MAX_DEPTH are declined.

Why hand-written on lexbor: the Extractor's cost is mostly the lxml parse and
trafilatura's tree walks in Python; lexbor's parse and CSS selectors run in C and the
page is parsed with it anyway for metadata. No maintained library extracts articles from
a selectolax tree (readability ports and jusText want lxml).

Measured on trafilatura-eval (990 pages, the set's metric), against the full Extractor
(fast path off: F1 0.9537) and trafilatura default (F1 0.9261):
* the engine alone: F1 0.919 (P 0.911, R 0.927) at ~3x trafilatura's pages/s (lab
  /work/lab/extract-fast, against the Extractor of that day, F1 0.9321);
* as the Extractor's fast path with the gate of `accept` (share >= 0.9, >= 500 chars) and
  no paywall signal on the page: 83.8 % of pages, F1 0.9402 (English 0.9553), at first
  1.77-1.79x trafilatura (CPU time 1.77x), against 0.90x with the fast path off
  (bench/extract.py --repeat 3 --fast-path both); without htmldate for undated pages 1.93x.
  Then, same F1: one walk of the prose units instead of two, the widget regex skipped for
  labels with no widget token, trafilatura's comparison re-run on declined pages only
  under 550 chars (Extractor.unsure_chars), and the metric scored outside the timed
  processes: 2.06x (CPU 2.06x; 37.5 pages/s against 18.2 and 16.0 with it off, best of
  3 while this machine ran slow; 2.12x the run before). Soft hyphens and zero-width
  characters dropped as on the full path: F1 0.9405, 2.08x, and 2.14x (CPU 2.14x) once
  whitespace is collapsed before the printable check.
* other gates (all pages, combined F1 / coverage, paywalled pages declined): 0.85 and 500
  chars 0.9342 / 90.5 %; 0.9 and 1000 chars 0.9431 / 78.9 % (1.59x); 0.9 and 1500 chars 0.9440 /
  72.9 %; 0.95 and 1000 chars 0.9457 / 67.5 %. No gate reaches the full path's F1: on the
  pages it takes, the full path's furniture rules (clean.py) remove more than the engine.
  Paywalled pages declined: +0.0013 F1 for 2.8 % fewer pages (the seed page otherwise
  kept its "Why MNI" box).

How it got there (lab sweeps, engine alone F1): p/pre/blockquote units and tag + token
chrome 0.860; bare-text blocks as units 0.885; caption/time/meta/author tokens 0.895;
standfirst blocks outside the container 0.906; headings left with nothing under them
dropped 0.910; link-only lines dropped with DESCEND 0.85 0.913; the pre-prune prose
guard 0.915; "strong" widget words removed whatever their size 0.917; MIN_UNIT 10 0.919.
Tried and dropped: DESCEND 0.7 (0.860) and 0.9 (0.899 alone, but the combination fell to
0.909: containers too wide); class tokens box, card, bottom and excerpt as widget words;
one CSS selector per widget word ([class*=share], ...), 2-4 ms a page in lexbor, where
selecting blocks with a class or id and testing tokens in Python costs ~1 ms; dropping
every <h1> (a sweep knob, left off: the Extractor strips a first line equal to the title).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["Confidence", "accept", "extract_tree"]

_SEP = "\u2029"  # a paragraph break no page text contains
_JUNK_TAGS = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
              "figcaption", "time", "canvas", "video", "audio", "select", "button", "input",
              "textarea", "head", "link", "meta", "img", "picture", "source", "map"]
_CHROME_TAGS = ("nav", "aside", "footer", "header", "menu", "dialog", "form")
# Structural chrome: removed when it does not hold most of the page's text.
_STRUCTURAL = ("nav, aside, footer, header, menu, dialog, form, [hidden], [role=dialog], "
               "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], "
               "[aria-modal=true], [style*=none], [style*=hidden]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# Blocks with a class or id; their labels are tested against _WIDGET_TOKEN in Python.
_WIDGET_SEL = ("div[class], div[id], section[class], section[id], ul[class], ul[id], "
               "ol[class], ol[id], p[class], span[class], li[class], li[id], table[class], "
               "aside[class], article[class], figure[class], header[class], footer[class], "
               "nav[class], h2[class], h3[class], h4[class], dl[class]")
_WIDGET_TOKEN = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|newsletters?|subscribe|subscription|signup|"
    r"share|sharing|shares|social|socials|related|recommended|recommendations?|comments?|"
    r"disqus|promo|promos|promotion|advert|adverts|advertisement|ads?|sidebar|breadcrumbs?|"
    r"popup|modal|banner|outbrain|taboola|widget|footer|menu|nav|navigation|navbar|tags|"
    r"tag-list|taglist|author-bio|authorbox|paywall|sponsored|toolbar|pagination|print|"
    r"rating|ratings|login|more-stories|read-more|sr-only|visually-hidden|"
    r"meta|postmeta|postmetadata|entry-meta|entry-utility|legend|caption|wp-caption-text|"
    r"author-info|authorinfo|author-box|"
    r"teaser|teasers|respond|jp-relatedposts|relatedposts|popular|most-read|mostread|"
    r"most-popular|trending|newsticker|ticker|infobox|license|copyright|contact|kontakt|"
    r"topics|themen|profile|snippet|carousel|slider|listing|"
    r"noprint|tools|follow|donate|donation|downloads?)(?:$|[\s_-])",
    re.I,
)
_POSITIVE = re.compile(r"(?:^|[\s_-])(?:article|content|entry|post|story|body|text|main)"
                       r"(?:$|[\s_-])", re.I)
# Layout words a content block is sometimes named after ("article sticky-sidebar-parent").
_LAYOUT_WORDS = frozenset({"sidebar", "widget", "footer", "header", "nav", "menu", "ad", "ads",
                           "banner"})
# Widget words that are chrome whatever their size (the others need size or link share).
_STRONG_WORDS = frozenset({
    "related", "relatedposts", "jp-relatedposts", "comments", "newsletter", "author-box",
    "author-bio", "author-info", "respond", "share", "sharing", "social", "cookie",
    "cookies", "consent", "breadcrumb", "breadcrumbs", "pagination", "comment",
    "subscribe", "promo", "advertisement", "sidebar", "footer", "tags", "menu", "nav",
    "navigation", "widget", "banner", "modal", "popup", "teaser", "teasers", "ads", "ad",
    "carousel", "slider", "most-read", "most-popular", "trending", "popular", "ticker",
    "newsticker", "infobox", "copyright", "contact", "profile", "listing", "snippet"})
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_PROSE = "p, pre, blockquote"
_BARE = "div, td, section, article, main, font, center, span, dd"
_BLOCKS = ("p, div, section, article, main, li, ul, ol, dl, dt, dd, h1, h2, h3, h4, h5, h6, "
           "blockquote, pre, tr, table, figure, figcaption, header, footer, address, hr, "
           "details, summary, center")
_LEAD_SEL = ", ".join(f"[class*={w}]" for w in (
    "lead", "intro", "summary", "standfirst", "subtitle", "chapo", "vorspann", "teaser",
    "description", "abstract", "deck", "kicker"))
_LEAD_TOKEN = re.compile(r"(?:^|[\s_-])(?:lead|leadtext|intro|introduction|summary|"
                         r"standfirst|subtitle|sub-title|chapo|vorspann|teaser|teaser-text|"
                         r"description|abstract|deck|dek)(?:$|[\s_-])", re.I)
_PUNCT = re.compile(r"[.,;:!?。、，．！？]")
_SPACE = re.compile(r"\s+")

MIN_UNIT = 10  # shorter text is no prose unit
DESCEND = 0.85  # descend into a child holding at least this share of its parent's weight
CHROME_MAX_SHARE = 0.3  # larger chrome-named blocks must also be link-dense to go
LINK_DENSE = 0.5
HEADER_LEAD = 80  # a <header> with a paragraph this long holds the standfirst: kept
GUARD = 0.5  # never drop a block holding this share of the page's prose weight
HEAD_MAX = 60  # a heading this short with nothing under it headed a removed widget
SIBLING = 0.1  # a sibling holding this share of the container's weight joins it
PROSE_GUARD = 1500  # chars of long unlinked paragraphs that make a block an article body
LINK_LINE_MAX = 200
LEAD_MIN = 40
# Bounds: ancestor walks cost units x depth in Python. Real articles stay far below both
# (trafilatura-eval: at most ~2,600 units, depth ~60); past them the Extractor decides.
MAX_UNITS = 4000
MAX_DEPTH = 200
# The gate (see module docstring and `accept`).
ACCEPT_SHARE = 0.9
ACCEPT_CHARS = 500


class _TooBig(Exception):
    """A page past MAX_UNITS / MAX_DEPTH: declined rather than walked."""


@dataclass(slots=True)
class Confidence:
    """How sure the engine is: the chosen container's hold on the page's prose."""

    total: float  # weight of all prose on the page
    share: float  # share of it inside the chosen container
    units: int  # prose units inside
    link_share: float  # link text share of the container


def accept(found: Confidence, text: str) -> bool:
    """Trust the fast path: one container holds the prose and the text is article-sized."""
    return found.share >= ACCEPT_SHARE and len(text) >= ACCEPT_CHARS


def _len(node: LexborNode) -> int:
    # strip=True trims every text node in C: close to the non-blank length, no regex
    return len(node.text(deep=True, strip=True))


def _link_chars(node: LexborNode) -> int:
    return sum(_len(a) for a in node.css("a"))


def _holds_prose(node: LexborNode) -> bool:
    """Several long, unlinked paragraphs: an article body, whatever its class says."""
    total = 0
    for para in node.css("p"):
        size = _len(para)
        if size >= 80 and _link_chars(para) < 0.2 * size:
            total += size
    return total >= PROSE_GUARD


def _is_chrome(node: LexborNode, page_chars: int) -> bool:
    if node.tag in _KEEP_TAGS:
        return False
    size = _len(node)
    if size <= CHROME_MAX_SHARE * page_chars:
        return size < PROSE_GUARD or not _holds_prose(node)
    return _link_chars(node) >= LINK_DENSE * size


def _weight(node: LexborNode) -> float:
    text = node.text(deep=True, strip=True)  # one read serves the length and punctuation
    size = len(text)
    if size < MIN_UNIT:
        return 0.0
    links = _link_chars(node)
    if links >= LINK_DENSE * size:
        return 0.0
    punct = len(_PUNCT.findall(text))
    return (size - links) * (1.0 + min(punct, 10) / 20)


def _units(body: LexborNode) -> list[tuple[LexborNode, float]]:
    """Prose units with their weight: p/pre/blockquote, and blocks holding bare text."""
    found = []
    for unit in body.css(_PROSE):
        if (weight := _weight(unit)) > 0:
            found.append((unit, weight))
    for block in body.css(_BARE):
        direct = block.text(deep=False, strip=True)
        if len(direct) >= MIN_UNIT:
            punct = len(_PUNCT.findall(direct))
            found.append((block, len(direct) * (1.0 + min(punct, 10) / 20)))
        if len(found) > MAX_UNITS:
            raise _TooBig
    if len(found) > MAX_UNITS:
        raise _TooBig
    return found


def _path_up(unit: LexborNode, body_id: int) -> list[LexborNode]:
    """The unit and its ancestors up to <body>, at most MAX_DEPTH of them."""
    path = []
    node: LexborNode | None = unit
    while node is not None:
        path.append(node)
        if node.mem_id == body_id:
            return path
        if len(path) > MAX_DEPTH:
            raise _TooBig
        node = node.parent
    return path


@dataclass(slots=True)
class _Unit:
    """A prose unit, its weight and its path up to <body> (the unit first)."""

    weight: float
    path: list[LexborNode]
    ids: list[int]


def _prose_mass(body: LexborNode) -> tuple[list[_Unit], dict[int, float], float]:
    """The prose units and the weight under every element, before pruning: the weights
    protect the article body from pruning, and the units (walked once, here) are tallied
    again after it minus those inside a dropped block."""
    found: list[_Unit] = []
    mass: dict[int, float] = {}
    total = 0.0
    for unit, weight in _units(body):
        total += weight
        path = _path_up(unit, body.mem_id)
        ids = [node.mem_id for node in path]
        for nid in ids:
            mass[nid] = mass.get(nid, 0.0) + weight
        found.append(_Unit(weight, path, ids))
    return found, mass, total


def _first_parts(pattern: re.Pattern[str]) -> frozenset[str]:
    """The first hyphen-part of every word of a `(?:^|sep)(?:w1|w2|...)(?:$|sep)` regex."""
    words = pattern.pattern.split("(?:", 2)[2].split(")(?:$", 1)[0].split("|")
    # "cookies?" stands for "cookies" and "cookie"
    forms = [form for word in words for form in (word.replace("?", ""), re.sub(r".\?", "", word))]
    return frozenset(form.split("-")[0].lower() for form in forms)


# A widget word starts at a separator and its first part ends at one, so a label none of
# whose tokens is such a first part cannot match: most labels ("col-md-6") are settled by
# this set lookup, cheaper than the regex (~70 % of labels repeat, the rest are new).
_WIDGET_FIRST = _first_parts(_WIDGET_TOKEN)
_LABEL_SPLIT = re.compile(r"[\s_-]+")


@functools.lru_cache(maxsize=65536)
def _widget_word(label: str) -> str | None:
    """Labels repeat across a site's pages ("col-md-6"): the regex runs once per label."""
    if _WIDGET_FIRST.isdisjoint(_LABEL_SPLIT.split(label.lower())):
        return None
    found = _WIDGET_TOKEN.search(label)
    return found.group(0).strip(" _-").lower() if found else None


def _keep_structural(node: LexborNode, page_chars: int) -> bool:
    """Structural matches that are not chrome: a large form, an article header, a style
    attribute that merely mentions "none"."""
    if node.tag == "form" and _len(node) > CHROME_MAX_SHARE * page_chars:
        return True
    if node.tag == "header" and any(_len(p) >= HEADER_LEAD for p in node.css("p")):
        return True  # an article header holding the standfirst
    attrs = node.attributes
    style = attrs.get("style")
    return (style is not None and node.tag not in _CHROME_TAGS
            and not _HIDDEN_STYLE.search(style) and "hidden" not in attrs
            and attrs.get("role") is None and attrs.get("aria-modal") is None)


def _drop_structural(body: LexborNode, protected: dict[int, float], limit: float,
                     page_chars: int, dropped: set[int]) -> None:
    for node in reversed(body.css(_STRUCTURAL)):
        if _keep_structural(node, page_chars) or protected.get(node.mem_id, 0.0) >= limit:
            continue
        if _is_chrome(node, page_chars):
            dropped.add(node.mem_id)
            node.decompose()


def _named_content(node: LexborNode, word: str, label: str) -> bool:
    """A content block named after its layout ("article sticky-sidebar-parent")."""
    if word == "widget" and "elementor" in label:
        return True  # Elementor calls every block of a page a widget
    return (word in _LAYOUT_WORDS and _POSITIVE.search(label) is not None
            and node.css_first(_PROSE) is not None
            and _link_chars(node) < LINK_DENSE * max(_len(node), 1))


def _drop_widgets(body: LexborNode, protected: dict[int, float], limit: float,
                  page_chars: int, dropped: set[int]) -> None:
    for node in reversed(body.css(_WIDGET_SEL)):
        attrs = node.attributes
        label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        word = _widget_word(label)
        if word is None or _named_content(node, word, label):
            continue
        if protected.get(node.mem_id, 0.0) >= limit:
            continue
        if (word in _STRONG_WORDS and node.tag not in _KEEP_TAGS) or _is_chrome(node, page_chars):
            dropped.add(node.mem_id)
            node.decompose()


def _prune(tree: LexborHTMLParser, body: LexborNode) -> list[_Unit]:
    """Drop junk and chrome; the prose units that survive, with their paths."""
    tree.strip_tags(_JUNK_TAGS)
    page_chars = max(_len(body), 1)
    units, protected, total = _prose_mass(body)
    limit = GUARD * total if total > 0 else float("inf")
    # mem_ids of dropped blocks: a unit with one on its path went with it. (No node is
    # created while pruning, so a freed node's address names nothing else meanwhile.)
    dropped: set[int] = set()
    _drop_structural(body, protected, limit, page_chars, dropped)
    _drop_widgets(body, protected, limit, page_chars, dropped)
    return [unit for unit in units if dropped.isdisjoint(unit.ids)]


@dataclass(slots=True)
class _Tally:
    """Prose weight, unit count and prose-holding children of every element."""

    mass: dict[int, float]
    units: dict[int, int]
    kids: dict[int, dict[int, LexborNode]]
    total: float


def _tally(units: list[_Unit]) -> _Tally:
    """Weights after pruning: each surviving unit's weight as first read (a link or
    widget dropped inside a paragraph leaves its weight as it was)."""
    tally = _Tally({}, {}, {}, 0.0)
    for unit in units:
        weight = unit.weight
        tally.total += weight
        ids = unit.ids
        tally.mass.setdefault(ids[0], 0.0)
        for child, cid, nid in zip(unit.path, ids, ids[1:], strict=False):
            tally.mass[nid] = tally.mass.get(nid, 0.0) + weight
            tally.units[nid] = tally.units.get(nid, 0) + 1
            tally.kids.setdefault(nid, {})[cid] = child
    return tally


def _descend(body: LexborNode, tally: _Tally) -> LexborNode:
    """From <body>, into the heaviest child while it holds DESCEND of its parent's weight."""
    current = body
    while True:
        kids = tally.kids.get(current.mem_id, {})
        best = max(kids.values(), key=lambda k: tally.mass.get(k.mem_id, 0.0), default=None)
        if best is None or tally.mass.get(best.mem_id, 0.0) < DESCEND * tally.mass[current.mem_id]:
            return current
        current = best


def _with_siblings(container: LexborNode, mass: dict[int, float]) -> list[LexborNode]:
    """The container plus same-parent blocks holding prose (an intro split off by an ad
    slot, the paragraphs before a paywall wrapper), in page order."""
    parent = container.parent
    own = mass.get(container.mem_id, 0.0)
    if parent is None or parent.tag == "body" or own <= 0:
        return [container]
    chosen = []
    node = parent.child
    while node is not None:
        if node.mem_id == container.mem_id:
            chosen.append(node)
        elif node.is_element_node and mass.get(node.mem_id, 0.0) >= SIBLING * own:
            size = _len(node)
            if size and _link_chars(node) < 0.25 * size:
                chosen.append(node)
        node = node.next
    return chosen


def _choose(body: LexborNode, units: list[_Unit]) -> tuple[list[LexborNode], Confidence] | None:
    tally = _tally(units)
    if tally.total <= 0 or body.mem_id not in tally.mass:
        return None
    container = _descend(body, tally)
    if container.tag in ("p", "pre", "blockquote") and container.parent is not None:
        container = container.parent
    size = max(_len(container), 1)
    found = Confidence(total=tally.total,
                       share=tally.mass.get(container.mem_id, 0.0) / tally.total,
                       units=tally.units.get(container.mem_id, 1),
                       link_share=_link_chars(container) / size)
    return _with_siblings(container, tally.mass), found


def _ancestors(node: LexborNode) -> set[int]:
    found: set[int] = set()
    current: LexborNode | None = node
    while current is not None and len(found) <= MAX_DEPTH:
        found.add(current.mem_id)
        current = current.parent
    return found


def _leads(body: LexborNode, containers: list[LexborNode]) -> list[LexborNode]:
    """Standfirst blocks outside the containers (prose that sits in the article header)."""
    container = containers[0]
    inside = {c.mem_id for c in containers}
    above = _ancestors(container)
    leads: list[LexborNode] = []
    for node in body.css(_LEAD_SEL):
        if node.mem_id in above or not _LEAD_TOKEN.search(node.attributes.get("class") or ""):
            continue
        size = _len(node)
        if size < LEAD_MIN or _link_chars(node) > 0.2 * size:
            continue
        outer = _ancestors(node) - {node.mem_id}
        if inside & outer or any(lead.mem_id in outer for lead in leads):
            continue
        leads.append(node)
        if len(leads) == 2:
            break
    return leads


def _drop_link_blocks(container: LexborNode) -> None:
    """Tag lists, "more stories" lists and link-only lines inside the container."""
    for block in reversed(container.css("div, ul, ol, table, section, dl")):
        size = _len(block)
        if size and _link_chars(block) >= 0.6 * size:
            block.decompose()
    for line in reversed(container.css("p, h2, h3, h4, h5, h6, dt, dd, strong")):
        size = _len(line)
        if 0 < size <= LINK_LINE_MAX and _link_chars(line) >= 0.8 * size:
            line.decompose()


def _printable(text: str) -> str:
    """The text without invisible format and control characters (soft hyphens, zero-width
    spaces), as the full path's trafilatura output has them: "die\u00adsem" must read
    "diesem" to the tagger and to dedupe whichever path read the page."""
    if text.isprintable():
        return text
    kept = "".join(char for char in text if char.isprintable() or char.isspace())
    return _SPACE.sub(" ", kept).strip()


def _lines(container: LexborNode) -> list[str]:
    """The container's text, one line per block, minus headings of removed widgets."""
    for node in container.css("br, td, th"):
        node.insert_after(" ")
    for node in container.css(_BLOCKS):
        node.insert_after(_SEP)
    heads = {_SPACE.sub(" ", h.text(deep=True)).strip()
             for h in container.css("h1, h2, h3, h4, h5, h6")}
    # whitespace collapsed first: a line with a newline in it is not "printable", and
    # the character-by-character pass is for the rare lines that are not
    lines = [_printable(_SPACE.sub(" ", piece).strip())
             for piece in container.text(deep=True).split(_SEP)]
    lines = [line for line in lines if line]
    kept = []
    for index, line in enumerate(lines):
        # a heading with nothing under it headed a widget ("Related stories") that is gone
        last = index + 1 == len(lines)
        if line in heads and len(line) <= HEAD_MAX and (last or lines[index + 1] in heads):
            continue
        kept.append(line)
    return kept


def extract_tree(tree: LexborHTMLParser, *,
                 min_chars: int = 0) -> tuple[list[str], Confidence] | None:
    """Article paragraphs of a parsed page, or None (the tree is pruned in place).

    `min_chars`: decline at once when the whole body holds less text than that (the
    emitted text is a part of it), before any pruning.
    """
    body = tree.body
    if body is None or (min_chars and _len(body) < min_chars):
        return None
    try:
        units = _prune(tree, body)
        chosen = _choose(body, units)
    except _TooBig:
        return None
    if chosen is None:
        return None
    containers, found = chosen
    paragraphs: list[str] = []
    for container in _leads(body, containers) + containers:
        _drop_link_blocks(container)
        paragraphs.extend(_lines(container))
    return paragraphs, found

"""Role phrases ("BoJ Governor", "Japanese prime minister") that name whoever held the role.

A role phrase becomes a `role:` entity; the tagger resolves it to the person in office
on the article's date with `KnowledgeBase.holder`.
"""

from __future__ import annotations

from collections.abc import Iterable

from signaldesk.knowledge.model import Alias, KBEntity, Tenure

# Titles per role kind; both capitalised (before a name) and lower-case (in running text).
# Capitalised titles only: "the first US president to ..." names no one in particular.
_TITLES: dict[str, tuple[str, ...]] = {
    "head-of-state": ("President",),
    "head-of-government": ("Prime Minister", "Premier", "Chancellor"),
    "finance-minister": ("Finance Minister", "Treasury Secretary"),
    "foreign-minister": ("Foreign Minister", "Foreign Affairs Minister"),
    "cb-governor": ("Governor", "Chair", "Chairman", "President", "chief"),
}
# Titles one country's office alone uses, after that country's name or demonym only:
# "UK Secretary of State for Health" is a different office, so "Secretary of State" is
# never a title on its own nor after a subject other than the US's.
_COUNTRY_TITLES: dict[str, tuple[str, ...]] = {
    "foreign-minister:US": ("Secretary of State",),
    "foreign-minister:GB": ("Foreign Secretary",),
    "foreign-minister:IN": ("External Affairs Minister",),
}
# Phrases that name the holder with no subject before them (one office only uses them).
_BARE: dict[str, tuple[str, ...]] = {
    "finance-minister:US": ("Treasury Secretary",),
    "finance-minister:GB": ("Chancellor of the Exchequer",),
}
# Offices of organisations: role -> (the organisation, the phrases that name the holder).
# Wire copy names the EU's High Representative "EU foreign policy chief".
_ORG_ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "org-head:EU-HIGH-REP": ("org:eu", (
        "EU foreign policy chief", "E.U. foreign policy chief", "EU High Representative",
    )),
}


def _subjects(kind: str, code: str, entities: dict[str, KBEntity],
              aliases: Iterable[Alias]) -> list[str]:
    """The words that can precede a title: "Japanese", "Japan's", "BoJ", "Fed"."""
    if kind == "cb-governor":
        target = f"cb:{code}"
        return [a.text for a in aliases if a.entity_id == target and len(a.text) <= 16]
    target = f"country:{code}"
    out: list[str] = []
    for a in aliases:
        if a.entity_id != target or a.form not in ("name", "demonym") or len(a.text) > 20:
            continue
        out.append(a.text)
        if a.form == "name":
            out.append(f"{a.text}'s")
    return out


def role_aliases(entities: dict[str, KBEntity], tenures: Iterable[Tenure],
                 aliases: Iterable[Alias]) -> dict[KBEntity, list[str]]:
    alias_list = list(aliases)
    out: dict[KBEntity, list[str]] = {}
    for role in sorted({t.role for t in tenures}):
        kind, _, code = role.partition(":")
        if role in _ORG_ROLES and _ORG_ROLES[role][0] in entities:
            org, phrases = _ORG_ROLES[role]
            ent = KBEntity(f"role:{role}", "role", f"{phrases[0]} ({code})",
                           {"subject": org}, {"role": role})
            out[ent] = list(phrases)
            continue
        if kind not in _TITLES:
            continue
        titles = _TITLES[kind] + _COUNTRY_TITLES.get(role, ())
        subjects = _subjects(kind, code, entities, alias_list)
        texts = [f"{s} {t}" for s in subjects for t in titles] + list(_BARE.get(role, ()))
        title = titles[0]
        subject = f"cb:{code}" if kind == "cb-governor" else f"country:{code}"
        ent = KBEntity(f"role:{role}", "role", f"{title} ({code})", {"subject": subject},
                       {"role": role})
        out[ent] = texts
    return out

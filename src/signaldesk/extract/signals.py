"""Paywall signals read from the lexbor parse of the whole page (before any pruning)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from signaldesk.extract.clean import PAYWALL_TOKEN, is_paywall_text

__all__ = ["paywall_signals"]

_PAYWALL_CANDIDATES = (
    '[class*="paywall"], [id*="paywall"], [class*="regwall"], [id*="regwall"]'
)
_DIALOGS = '[role="dialog"], [role="alertdialog"], [aria-modal="true"]'


def paywall_signals(tree: LexborHTMLParser) -> tuple[str, ...]:
    """`paywall_element` for a paywall container, `paywall_dialog` for a dialog saying so."""
    signals: list[str] = []
    for node in tree.css(_PAYWALL_CANDIDATES):
        attrs = node.attributes
        if PAYWALL_TOKEN.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            signals.append("paywall_element")
            break
    for node in tree.css(_DIALOGS)[:10]:
        if is_paywall_text(" ".join(node.text(deep=True).split())):
            signals.append("paywall_dialog")
            break
    return tuple(signals)

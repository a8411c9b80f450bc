"""The entity knowledge base: data files in `data/`, loaded by `load_kb()`.

    kb = load_kb()
    kb.get("country:JP").links["currency"]      -> "currency:JPY"
    kb.central_bank("BOJ").attrs["rate"]         -> "short-term policy interest rate"
    kb.holder("cb-governor:BOJ", published_at)   -> KBEntity person:kazuo-ueda
    kb.lookup("greenback")                       -> [KBEntity currency:USD]
"""

from signaldesk.knowledge.base import KnowledgeBase
from signaldesk.knowledge.loader import load_kb
from signaldesk.knowledge.model import TYPES, Alias, KBEntity, Tenure

__all__ = ["TYPES", "Alias", "KBEntity", "KnowledgeBase", "Tenure", "load_kb"]

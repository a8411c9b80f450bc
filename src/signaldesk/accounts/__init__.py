"""Accounts, plans, trials, API keys and the one entitlement check (`Viewer`)."""

from signaldesk.accounts.passwords import hash_password, verify_password
from signaldesk.accounts.users import Accounts, User, normalise_email, parse_duration
from signaldesk.accounts.viewer import Viewer, first_sentence

__all__ = [
    "Accounts",
    "User",
    "Viewer",
    "first_sentence",
    "hash_password",
    "normalise_email",
    "parse_duration",
    "verify_password",
]

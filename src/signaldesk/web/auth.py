"""Who is asking: the `Viewer` of a request (session cookie or API key) and CSRF tokens.

Sessions are Starlette's signed cookie (itsdangerous; HttpOnly, SameSite=Lax) holding
only the account's e-mail and a CSRF token; the account itself is read from the store
on every request, so an expired trial or a removed user takes effect at once.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from signaldesk.accounts.users import Accounts
from signaldesk.accounts.viewer import Viewer

SESSION_USER = "uid"
SESSION_CSRF = "csrf"


def viewer_for(request: Request) -> Viewer:
    """The request's viewer, worked out once per request; a bad API key is a 401."""
    cached: Any = getattr(request.state, "viewer", None)
    if isinstance(cached, Viewer):
        return cached
    accounts: Accounts = request.app.state.accounts
    user = None
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "Authorization: expected `Bearer <API key>`")
        user = accounts.user_for_api_key(token.strip())
        if user is None:
            raise HTTPException(401, "API key not recognised (make one: signaldesk users key)")
    else:
        email = request.session.get(SESSION_USER)
        user = accounts.get(email) if isinstance(email, str) else None
    viewer = Viewer(user=user, now=accounts.now())
    request.state.viewer = viewer
    return viewer


def is_operator(request: Request) -> bool:
    """THE operator check (administration: sources and their health), for pages and API.

    Session or API key alike, via `viewer_for`; separate from entitlement on purpose: a
    paid plan does not make anyone an operator, and the Viewer alone decides content.
    """
    user = viewer_for(request).user
    return user is not None and user.operator


def require_operator(request: Request) -> None:
    """401 for anonymous callers (log in first), 403 for accounts without the role."""
    if is_operator(request):
        return
    if viewer_for(request).user is None:
        raise HTTPException(401, "operators only: log in with an operator account")
    raise HTTPException(403, "operators only (grant it: signaldesk users plan EMAIL --operator)")


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use; forms carry it in a hidden field."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def check_csrf(request: Request, submitted: object) -> None:
    """403 unless the form's token matches the session's (constant-time compare)."""
    expected = request.session.get(SESSION_CSRF)
    if not (isinstance(expected, str) and isinstance(submitted, str) and expected and
            hmac.compare_digest(expected.encode(), submitted.encode())):
        raise HTTPException(403, "form expired or forged (CSRF check failed): reload and retry")


def log_in(request: Request, email: str) -> None:
    """A fresh session for `email`: the old one is cleared (no session fixation)."""
    request.session.clear()
    request.session[SESSION_USER] = email
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


def log_out(request: Request) -> None:
    request.session.clear()


def safe_next(target: object) -> str:
    """A local path to go back to after login; anything else (//evil, http:...) is `/`."""
    if isinstance(target, str) and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target and len(target) < 500:
        return target
    return "/"

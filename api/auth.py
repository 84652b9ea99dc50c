"""Who may write: requests bearing the admin token, when the server has one.

Without ``RESKG_ADMIN_TOKEN`` the service is read-only and every write answers 403. With
it, a write needs ``Authorization: Bearer <token>``, compared in constant time; anything
else answers 401. The token is never logged or echoed.
"""

from __future__ import annotations

import hmac

from api.problems import Problem
from api.settings import Settings


def require_admin(settings: Settings, authorization: str | None) -> None:
    """Return if ``authorization`` carries the admin token, else raise a 401/403 Problem."""
    if settings.admin_token is None:
        raise Problem(
            403,
            "updates are disabled: the server was started without RESKG_ADMIN_TOKEN",
            rule="auth.disabled",
        )
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    expected = settings.admin_token.encode("utf-8")
    offered = credentials.strip().encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered, expected):
        raise Problem(
            401,
            "this operation needs a valid admin bearer token",
            rule="auth.token",
            headers={"WWW-Authenticate": 'Bearer realm="reskg"'},
        )

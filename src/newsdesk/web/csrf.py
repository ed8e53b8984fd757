"""Double-submit CSRF tokens for the HTML forms: a random cookie, echoed in a hidden field of every form."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.requests import Request

CSRF_COOKIE = "newsdesk_csrf"
CSRF_FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The form token for this browser: its cookie, or a new one that ``set_csrf_cookie`` will store."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def set_csrf_cookie(request: Request, response: Any) -> None:
    new = getattr(request.state, "new_csrf", None)
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict", path="/")


def check_csrf(request: Request, form_token: Any) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return isinstance(form_token, str) and bool(cookie) and hmac.compare_digest(form_token, cookie)

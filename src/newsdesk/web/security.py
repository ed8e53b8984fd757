"""Every request passes ``RequestGuard`` before any route sees it, in this order:

1. Host header: bound to loopback, only loopback names are served (a DNS-rebinding page gets 421);
2. token: with ``NEWSDESK_TOKEN`` set, ``Authorization: Bearer TOKEN`` or the session cookie that ``/login?token=``
   sets; API writes must carry the header (a cookie alone could be ridden by another site);
3. cross-site writes: a POST whose ``Origin`` (or, lacking one, ``Referer``) is another site is refused; API
   writes must be ``application/json`` (a form on another site cannot send that without CORS, which is off);
   HTML forms also carry a CSRF token equal to their cookie (double submit), checked by ``check_csrf``;
4. body size: ``Content-Length`` over the cap is refused at once, a chunked body is cut off when it passes it. A
   form that carries a file (``UPLOAD_PATHS``) is cut off instead, and its route told (``BODY_CUT``): it answers
   with its page, what was typed before the file kept (Smoke test 40a #11: a bare 413 page lost it).

Responses get a strict Content-Security-Policy (no inline script, nothing from other origins) and friends.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..text import ascii_number
from .errors import error_response
from .settings import Settings

SESSION_COOKIE = "newsdesk_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UPLOAD_PATHS = frozenset({"/articles/new", "/feeds/file"})  # forms that carry a file
BODY_CUT = "newsdesk.body_cut"  # set in the request's scope when an upload form's body was cut at its limit
PUBLIC_FEED_PATHS = frozenset({"/feeds/articles.atom", "/feeds/articles.json"})  # web/feeds_out.py
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CSP.encode()),
]


class BodyTooLarge(HTTPException):
    """Raised while a route reads a body that grows past the cap (an HTTPException, so routes let it through)."""

    def __init__(self, limit: int):
        super().__init__(413, _too_large(limit))


def session_value(token: str) -> str:
    """The login cookie: derived from the token, so the token itself is never stored in the browser."""
    return hmac.new(token.encode(), b"newsdesk-session", hashlib.sha256).hexdigest()


def token_ok(settings: Settings, headers: dict[str, str], cookies: dict[str, str]) -> tuple[bool, bool]:
    """(authorised, by the Authorization header)."""
    if not settings.token:
        return True, False
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), settings.token.encode()):
        return True, True
    cookie = cookies.get(SESSION_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, session_value(settings.token)), False


class RequestGuard:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            status, message = refusal
            await error_response(request, status, message)(scope, receive, _with_headers(send))
            return
        limit = body_limit(self.settings, request.url.path)
        started = False
        seen = 0  # body bytes received so far

        cut_here = request.url.path in UPLOAD_PATHS

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                seen += len(body)
                if seen > limit and cut_here:  # the fields before the file are read; the file's part is left out
                    scope[BODY_CUT] = True
                    return {"type": "http.request", "body": body[: len(body) - (seen - limit)], "more_body": False}
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await _with_headers(send)(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await error_response(request, 413, _too_large(limit))(scope, receive, _with_headers(send))

    def _refusal(self, request: Request) -> tuple[int, str] | None:
        settings = self.settings
        host = (request.headers.get("host") or "").lower()
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        allowed = settings.allowed_hosts
        if allowed is not None and hostname not in allowed:
            return 421, f"this server answers to 127.0.0.1 and localhost, not {hostname or 'an empty Host'}"
        path = request.url.path
        authorised, by_header = token_ok(settings, dict(request.headers), request.cookies)
        public = settings.public_feeds and request.method == "GET" and path in PUBLIC_FEED_PATHS
        if not authorised and path != "/login" and not public:
            return 401, "this server needs its token: send 'Authorization: Bearer TOKEN' or open /login?token=TOKEN"
        if request.method not in UNSAFE_METHODS:
            return None
        if not same_origin(request):
            return 403, "cross-site request refused"
        if path.startswith("/api/"):
            if settings.token and not by_header:
                return 401, "API writes need the header 'Authorization: Bearer TOKEN'"
            media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            has_body = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
            if media != "application/json" and (media or has_body):
                return 415, "send the request body as JSON with 'Content-Type: application/json'"
        length = request.headers.get("content-length")
        limit = body_limit(settings, path)
        declared = ascii_number(length)
        if declared is not None and declared > limit and path not in UPLOAD_PATHS:
            return 413, _too_large(limit)
        return None


def same_origin(request: Request) -> bool:
    """False when the Origin (or Referer) header names another site than the Host the request was sent to."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # not a browser, or one that sends neither: the CSRF token and content type still apply
    if origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.netloc.lower() == (request.headers.get("host") or "").lower()


def body_limit(settings: Settings, path: str) -> int:
    """The most bytes a request body to ``path`` may have. The New article form carries a file of up to
    ``max_upload`` bytes, its other fields (at most a form post's ``max_body``) and the multipart envelope: a cap of
    ``max_upload`` on the whole body refused a file of exactly 5,000,000 bytes (Smoke test 35 #12). The file's own
    limit is checked where the form is read."""
    return settings.max_upload + settings.max_body if path in UPLOAD_PATHS else settings.max_body


def _too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit:,} bytes"


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {name.lower() for name, _ in headers}
            headers.extend((name, value) for name, value in HEADERS if name not in names)
            message = {**message, "headers": headers}
        await send(message)

    return wrapped

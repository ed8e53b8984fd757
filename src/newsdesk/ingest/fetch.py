"""Guarded HTTP fetching: every page and feed newsdesk reads from the web comes through ``Fetcher.get``.

Every hop (redirects are followed by hand) passes the URL guard (``guard.py``: public addresses only, checked when
the connection is made). And for every response: connect/read timeouts plus a total deadline over the whole
exchange, name lookup, connecting, status line and headers included (a server dripping bytes is cut off when it
passes), a size cap enforced on the decoded bytes while streaming (the body is never read or inflated whole first),
a content-type check and a real User-Agent. Environment proxies are ignored: a proxy would make the address check
meaningless. A caller that may give up on the page (a job cancelled while its page downloads) passes ``stop``: no
connection is made and no read goes on once it says so, and the fetch ends in ``FetchStopped``.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import httpx

from .. import __version__
from ..errors import FetchError
from ..text import ascii_number
from .guard import (
    DeadlinePassed,
    FetchStopped,
    Guard,
    GuardedBackend,
    GuardedTransport,
    LookupDeadlinePassed,
    allow_private_setting,
    shorten_url,
)
from .text import decode_html

__all__ = ["DEFAULT_MAX_BYTES", "FEED_TYPES", "HTML_TYPES", "FetchResult", "FetchStopped", "Fetcher", "fetch"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CONNECT_TIMEOUT = 10.0  # seconds to open the TCP (and TLS) connection
READ_TIMEOUT = 20.0  # seconds of silence allowed between two reads
TOTAL_TIMEOUT = 60.0  # seconds for the whole exchange, redirects included
MAX_REDIRECTS = 10
INFLATE_STEP = 256 * 1024  # the most a compressed body is inflated by in one step, before the size cap looks
USER_AGENT = f"Mozilla/5.0 (compatible; newsdesk/{__version__}; +https://pypi.org/project/newsdesk/)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "text/rss+xml",
)


@dataclass
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content_type: str  # media type, lower case, without parameters ("" when the server sent none)
    charset: str | None
    content: bytes
    redirects: list[str] = field(default_factory=list)  # the URLs that redirected, in order

    def text(self) -> str:
        """The body as text, read as a saved copy of the page is (``text.decode_html``)."""
        return decode_html(self.content, self.charset)


class Fetcher:
    """Fetches one URL at a time through the guard, with the limits above."""

    def __init__(
        self,
        *,
        allow_private: bool | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
        max_redirects: int = MAX_REDIRECTS,
        guard: Guard | None = None,
        stop: Callable[[], bool] | None = None,
    ):
        self.guard = guard or Guard(allow_private=allow_private_setting(allow_private))
        self.max_bytes = max_bytes
        self.timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects
        self.stop = stop  # asked between reads (a few times a second) whether the caller still wants the page

    def get(self, url: str, accept: tuple[str, ...] = HTML_TYPES, what: str = "page") -> FetchResult:
        """GET ``url``; ``accept`` lists the media types wanted (empty: any). ``what`` names it in errors."""
        deadline = time.monotonic() + self.total_timeout
        headers = {
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept": ", ".join(accept) + ", */*;q=0.5" if accept else "*/*",
        }
        redirects: list[str] = []
        current = url
        transport = GuardedTransport(self.guard, deadline, self.stop)
        with httpx.Client(
            transport=transport,
            timeout=self.timeout,
            headers=headers,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            for _ in range(self.max_redirects + 1):
                target = self.guard.check_url(current)
                with _translate_errors(current, self.total_timeout, transport.backend):
                    response = client.send(client.build_request("GET", target), stream=True)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in REDIRECT_STATUSES and location:
                            redirects.append(str(response.url))
                            current = str(response.url.join(location.strip()))
                            continue
                        _check_status(response)
                        content_type, charset = _media_type(response.headers.get("content-type", ""))
                        if accept and content_type and content_type not in accept:
                            raise FetchError(f"{shorten_url(str(response.url))} is {content_type}, not a {what}")
                        content = self._read_capped(response, deadline, what)
                    finally:
                        response.close()
                return FetchResult(
                    url=str(response.url),
                    status=response.status_code,
                    content_type=content_type,
                    charset=charset,
                    content=content,
                    redirects=redirects,
                )
        raise FetchError(f"too many redirects (more than {self.max_redirects}) from {shorten_url(url)}")

    def _read_capped(self, response: httpx.Response, deadline: float, what: str) -> bytes:
        """The body, decoded, refused once it passes the cap: the cap counts both the bytes received and the bytes
        they inflate to, and nothing is inflated by more than INFLATE_STEP before it is counted."""
        shown = shorten_url(str(response.url))
        declared = ascii_number(response.headers.get("content-length"))
        if declared is not None and declared > self.max_bytes:
            raise FetchError(f"{shown} is {declared:,} bytes; a {what} may be at most {self.max_bytes:,}")
        inflater = _inflater(response, shown)
        over = f"{shown} is over the size cap: a {what} may be at most {self.max_bytes:,} bytes"
        chunks: list[bytes] = []
        received = size = 0
        # iter_raw, not iter_bytes: httpx inflates each network chunk whole, in one call, and chains a decoder
        # for every coding listed, so 5 KB of "gzip, gzip" became 3 GB before any cap could count it (39b #2)
        for raw in response.iter_raw():
            received += len(raw)
            if received > self.max_bytes:
                raise FetchError(over)
            for piece in inflater.decode(raw) if inflater else (raw,):
                size += len(piece)
                if size > self.max_bytes:
                    raise FetchError(over)
                chunks.append(piece)
            if time.monotonic() > deadline:
                raise FetchError(f"{shown} took longer than {self.total_timeout:g} s to download")
        if inflater:
            rest = inflater.flush()
            if size + len(rest) > self.max_bytes:
                raise FetchError(over)
            chunks.append(rest)
        return b"".join(chunks)


class _Inflater:
    """One gzip or deflate content coding, inflated INFLATE_STEP bytes at a time (zlib's ``max_length``)."""

    def __init__(self, coding: str, shown: str):
        self.coding = coding
        self.shown = shown
        self.first = True
        self.zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding == "gzip" else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        while data and not self.zlib.eof:  # bytes after the end of the compressed stream are not the page's
            try:
                piece = self.zlib.decompress(data, INFLATE_STEP)
            except zlib.error:
                if self.first and self.coding == "deflate":
                    # "deflate" is meant to be zlib-wrapped, but some servers send the raw stream (httpx reads both)
                    self.first = False
                    self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(f"{self.shown} sent a body that cannot be decompressed") from None
            self.first = False
            data = self.zlib.unconsumed_tail
            if not piece:
                break
            yield piece

    def flush(self) -> bytes:
        try:
            return self.zlib.flush()  # all input was offered: what is left is under one window
        except zlib.error:
            raise FetchError(f"{self.shown} sent a body that cannot be decompressed") from None


_CODINGS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


def _inflater(response: httpx.Response, shown: str) -> _Inflater | None:
    """The decoder for the response's content coding: None for none (or one no decoder exists for: its bytes are
    passed on as they came, as httpx does); more than one is refused. newsdesk asks for gzip or deflate, and a
    coding stacked on another multiplies the inflation (each gzip layer can grow a thousandfold)."""
    codings = [
        coding.strip().lower()
        for coding in response.headers.get_list("content-encoding", split_commas=True)
        if coding.strip() and coding.strip().lower() != "identity"
    ]
    if len(codings) > 1:
        raise FetchError(
            f"{shown} is compressed {len(codings)} times over ({', '.join(codings)[:80]}): newsdesk asks for gzip "
            "or deflate and reads one content coding"
        )
    if codings and codings[0] in _CODINGS:
        return _Inflater(_CODINGS[codings[0]], shown)
    return None


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    allow_private: bool | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    what: str = "page",
) -> FetchResult:
    """One guarded GET with the default limits."""
    return Fetcher(allow_private=allow_private, max_bytes=max_bytes).get(url, accept=accept, what=what)


class _translate_errors:
    """httpx's exceptions as one-line FetchErrors (newsdesk's own errors pass through); it never swallows one."""

    def __init__(self, url: str, total_timeout: float, backend: GuardedBackend):
        self.url = shorten_url(url)
        self.total_timeout = total_timeout
        self.backend = backend  # whether its server answered at all

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> Literal[False]:
        if isinstance(error, LookupDeadlinePassed):
            raise FetchError(f"could not resolve {error.host} within {self.total_timeout:g} s") from None
        if isinstance(error, DeadlinePassed):
            raise FetchError(f"{self.url} took longer than {self.total_timeout:g} s to download") from None
        if error is None or not isinstance(error, (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)):
            return False
        if isinstance(error, httpx.ConnectTimeout):
            raise FetchError(f"timed out connecting to {self.url}") from None
        if isinstance(error, httpx.TimeoutException) and not self.backend.answered:
            raise FetchError(f"timed out waiting for {self.url}: the server did not answer") from None
        if isinstance(error, httpx.TimeoutException):
            raise FetchError(f"timed out reading {self.url}: the server stopped sending") from None
        if isinstance(error, httpx.ConnectError):
            raise FetchError(f"cannot connect to {self.url}: {_first_line(error)}") from None
        if isinstance(error, httpx.RemoteProtocolError):
            raise FetchError(f"{self.url} sent a broken HTTP response: {_first_line(error)}") from None
        if isinstance(error, httpx.DecodingError):
            raise FetchError(f"{self.url} sent a body that cannot be decompressed") from None
        raise FetchError(f"cannot fetch {self.url}: {_first_line(error)}") from None


def _check_status(response: httpx.Response) -> None:
    if response.status_code >= 400 or response.status_code < 200:
        reason = response.reason_phrase or ""
        raise FetchError(f"{shorten_url(str(response.url))} answered {response.status_code} {reason}".rstrip())
    if response.status_code in REDIRECT_STATUSES:
        raise FetchError(f"{shorten_url(str(response.url))} redirected without a Location")


def _media_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__

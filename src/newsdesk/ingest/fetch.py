"""Guarded HTTP fetching: every page and feed newsdesk reads from the web comes through ``Fetcher.get``.

What the guard does, hop by hop (redirects are followed by hand, so each one is checked again):

* only ``http`` and ``https`` URLs, no credentials in the URL;
* the host is resolved *when the connection is made* (an httpcore network backend) and every address it resolves
  to must be public: loopback, private, link-local, multicast, reserved, unspecified and other non-global
  addresses are refused, for IPv4, IPv6 and IPv4 embedded in IPv6. The socket then connects to the address that
  was checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through;
* ``allow_private=True`` (CLI ``--allow-private``, or ``NEWSDESK_ALLOW_PRIVATE=1``) lifts the address check for
  intranet use; the scheme check stays.

And for every response: connect/read timeouts plus a total deadline (a server dripping bytes is cut off), a size
cap enforced while streaming (the body is never read whole first), a content-type check and a real User-Agent.
Environment proxies are ignored: a proxy would make the address check meaningless.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import httpcore
import httpx

from .. import __version__
from ..errors import BlockedURLError, FetchError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FEED_TYPES",
    "HTML_TYPES",
    "FetchResult",
    "Fetcher",
    "Guard",
    "allow_private_setting",
    "blocked_reason",
    "fetch",
    "system_resolver",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CONNECT_TIMEOUT = 10.0  # seconds to open the TCP (and TLS) connection
READ_TIMEOUT = 20.0  # seconds of silence allowed between two reads
TOTAL_TIMEOUT = 60.0  # seconds for the whole exchange, redirects included
MAX_REDIRECTS = 10
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
ALLOW_PRIVATE_HINT = "pass --allow-private (or set NEWSDESK_ALLOW_PRIVATE=1) to fetch intranet hosts"

# NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits, like IPv4-mapped addresses do.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

Resolver = Callable[[str, int], list[str]]


def allow_private_setting(flag: bool | None = None) -> bool:
    """The flag when it is set, else ``NEWSDESK_ALLOW_PRIVATE`` (1/true/yes/on)."""
    if flag:
        return True
    return os.environ.get("NEWSDESK_ALLOW_PRIVATE", "").strip().lower() in {"1", "true", "yes", "on"}


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise FetchError(f"cannot resolve {host}: {reason}") from None
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    return addresses


def blocked_reason(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one (``"loopback"``, ``"private"``, ...), or None when it is public."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            return blocked_reason(embedded)
        if ip.sixtofour is not None and blocked_reason(ip.sixtofour):
            return "6to4-wrapped non-public"
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:
        return "non-public"
    return None


@dataclass
class Guard:
    """The SSRF policy: which URLs may be fetched and which addresses may be connected to.

    ``resolver`` is injectable so tests can give a hostname any address without touching real DNS.
    """

    allow_private: bool = False
    resolver: Resolver = system_resolver

    def check_url(self, url: str | httpx.URL) -> httpx.URL:
        """The parsed URL, or BlockedURLError/FetchError with a one-line reason. Literal IPs are checked here."""
        try:
            parsed = httpx.URL(url) if isinstance(url, str) else url
        except (httpx.InvalidURL, TypeError, ValueError) as error:
            raise FetchError(f"not a valid URL: {url} ({error})") from None
        shown = _shorten(str(url))
        if parsed.scheme not in ("http", "https"):
            scheme = parsed.scheme or "no scheme"
            raise BlockedURLError(f"refused {shown}: only http and https URLs are fetched, not {scheme}")
        if not parsed.host:
            raise FetchError(f"not a valid URL: {shown} has no host")
        if parsed.userinfo:
            raise BlockedURLError(f"refused {shown}: URLs with a user name or password are not fetched")
        try:
            literal = ipaddress.ip_address(parsed.host)
        except ValueError:
            literal = None
        if literal is not None:
            self.check_address(parsed.host, str(literal))
        return parsed

    def check_address(self, host: str, address: str) -> None:
        """Raise BlockedURLError unless ``address`` (what ``host`` resolved to) may be connected to."""
        if self.allow_private:
            return
        reason = blocked_reason(address)
        if reason is None:
            return
        kind = f"{'an' if reason[0] in 'aeiou' else 'a'} {reason} address"
        if _is_literal(host):
            raise BlockedURLError(f"refused {host}: {host} is {kind}; {ALLOW_PRIVATE_HINT}")
        raise BlockedURLError(f"refused {host}: it resolves to {address}, {kind}; {ALLOW_PRIVATE_HINT}")

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for ``host``; all of them must pass (one bad answer refuses the host)."""
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            addresses = self.resolver(host, port)
        else:
            addresses = [str(literal)]
        if not addresses:
            raise FetchError(f"cannot resolve {host}: no addresses")
        for address in addresses:
            self.check_address(host, address)
        return addresses


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that resolves through the guard and connects only to the addresses it approved."""

    def __init__(self, guard: Guard):
        self.guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for address in self.guard.addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool rebuilt on the guarded backend (TLS still checks the name)."""

    def __init__(self, guard: Guard):
        super().__init__(trust_env=False)
        ssl_context = httpx.create_ssl_context(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=4, network_backend=GuardedBackend(guard)
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
        """The body as text: the declared charset, else a ``<meta charset>``, else UTF-8, else a best guess."""
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
    ):
        self.guard = guard or Guard(allow_private=allow_private_setting(allow_private))
        self.max_bytes = max_bytes
        self.timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects

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
        with httpx.Client(
            transport=GuardedTransport(self.guard),
            timeout=self.timeout,
            headers=headers,
            follow_redirects=False,
            trust_env=False,
        ) as client:
            for _ in range(self.max_redirects + 1):
                target = self.guard.check_url(current)
                with _translate_errors(current, self.total_timeout):
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
                            raise FetchError(f"{_shorten(str(response.url))} is {content_type}, not a {what}")
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
        raise FetchError(f"too many redirects (more than {self.max_redirects}) from {_shorten(url)}")

    def _read_capped(self, response: httpx.Response, deadline: float, what: str) -> bytes:
        shown = _shorten(str(response.url))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{shown} is {int(declared):,} bytes; a {what} may be at most {self.max_bytes:,}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{shown} is over the size cap: a {what} may be at most {self.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"{shown} took longer than {self.total_timeout:g} s to download")
            chunks.append(chunk)
        return b"".join(chunks)


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

    def __init__(self, url: str, total_timeout: float):
        self.url = _shorten(url)
        self.total_timeout = total_timeout

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> Literal[False]:
        if error is None or not isinstance(error, (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)):
            return False
        if isinstance(error, httpx.ConnectTimeout):
            raise FetchError(f"timed out connecting to {self.url}") from None
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
        raise FetchError(f"{_shorten(str(response.url))} answered {response.status_code} {reason}".rstrip())
    if response.status_code in REDIRECT_STATUSES:
        raise FetchError(f"{_shorten(str(response.url))} redirected without a Location")


def _media_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode a web page: declared charset, ``<meta charset>``, UTF-8, then charset_normalizer's best guess."""
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - charset_normalizer comes with trafilatura
        pass
    return data.decode("utf-8", errors="replace")


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _shorten(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"

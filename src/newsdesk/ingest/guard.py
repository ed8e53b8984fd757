"""The URL guard: which hosts newsdesk may connect to, checked when the connection is made.

* only ``http`` and ``https`` URLs, no credentials in the URL;
* the host is resolved *when the connection is made* (an httpcore network backend) and every address it resolves
  to must be public: loopback, private, link-local, multicast, reserved, unspecified and other non-global
  addresses are refused, for IPv4, IPv6 and IPv4 embedded in IPv6. The socket then connects to the address that
  was checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through;
* ``allow_private=True`` (CLI ``--allow-private``, or ``NEWSDESK_ALLOW_PRIVATE=1``) lifts the address check for
  intranet use; the scheme check stays.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpcore
import httpx

from ..errors import BlockedURLError, FetchError

__all__ = [
    "ALLOW_PRIVATE_HINT",
    "SERVER_REFUSAL",
    "DeadlinePassed",
    "FetchStopped",
    "LookupDeadlinePassed",
    "Guard",
    "GuardedTransport",
    "allow_private_setting",
    "blocked_reason",
    "for_server",
    "normal_url",
    "system_resolver",
]

ALLOW_PRIVATE_HINT = "pass --allow-private (or set NEWSDESK_ALLOW_PRIVATE=1) to fetch intranet hosts"
# What the web app says instead: its user has a browser, not the server's command line (Smoke test 35 #13)
SERVER_REFUSAL = "this server does not fetch private or intranet addresses"


def for_server(message: str) -> str:
    """A refusal's words for the web app's user: the operator's hint (``ALLOW_PRIVATE_HINT``) becomes what the
    server does. The server's log keeps the hint."""
    return message.replace(ALLOW_PRIVATE_HINT, SERVER_REFUSAL)


# A host name as a resolver takes it (internationalised names are punycode by now); underscores occur in the wild.
_HOST_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?")

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
        shown = shorten_url(str(url))
        if not parsed.scheme:  # a mistake, not a refusal: "example.org/news" for "https://example.org/news"
            raise FetchError(f"not a valid URL: {shown} has no scheme (write it with https:// or http://)")
        if parsed.scheme not in ("http", "https"):
            raise BlockedURLError(f"refused {shown}: only http and https URLs are fetched, not {parsed.scheme}")
        if not parsed.host:
            raise FetchError(f"not a valid URL: {shown} has no host")
        if parsed.port is not None and not 0 < parsed.port < 65536:
            raise FetchError(f"not a valid URL: {shown} has port {parsed.port} (ports run from 1 to 65535)")
        if parsed.userinfo:
            raise BlockedURLError(f"refused {shown}: URLs with a user name or password are not fetched")
        try:
            literal = ipaddress.ip_address(parsed.host)
        except ValueError:
            literal = None
        if literal is not None:
            self.check_address(parsed.host, str(literal))
        elif not _HOST_NAME.fullmatch(parsed.raw_host.decode("ascii", "replace")):
            # "http://<svg/onload=alert(2)>/" parsed, and failed only at the fetch as "cannot resolve %3csvg"
            # (Smoke test 35 #13): a name a resolver is asked for is letters, digits, hyphens and dots
            raise FetchError(f"not a valid URL: {shown} has a host name with characters no host name has")
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


class DeadlinePassed(FetchError):
    """The exchange's total deadline passed while connecting, sending or reading (the fetcher names the URL)."""


class LookupDeadlinePassed(DeadlinePassed):
    """The total deadline passed while ``host`` was being looked up (the fetcher says so with its deadline)."""

    def __init__(self, host: str):
        super().__init__(f"could not resolve {host} before the exchange's total deadline")
        self.host = host


class FetchStopped(FetchError):
    """The fetch's caller stopped it (``stop``): the job that asked for the page was cancelled, say."""


STOP_LOOK_SECONDS = 0.25  # how long a read waits, at most, before it looks again whether its caller stopped it

_T = TypeVar("_T")


def _within(deadline: float | None, timeout: float | None, step: Callable[[float | None], _T]) -> _T:
    """``step(timeout)`` with the timeout cut to what is left before ``deadline``: one slow read can no longer
    outlast the whole exchange, and a timeout that is the deadline's is said as DeadlinePassed."""
    if deadline is None:
        return step(timeout)
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("the exchange took longer than its total deadline")
    if timeout is not None and timeout <= left:
        return step(timeout)
    try:
        return step(left)
    except httpcore.TimeoutException:
        raise DeadlinePassed("the exchange took longer than its total deadline") from None


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the deadline, and whose reads end soon after ``stop()``.

    The per-read timeout alone bounds only silence: a server that sends a header line (or a body byte) every few
    seconds resets it each time and could hold the exchange for hours (Smoke test 39b #1). Every socket operation,
    from the status line through the last body byte, is given at most the time left.

    A read waiting on a server that sends nothing held a cancelled job's worker until the read timed out (Smoke
    test 40a #17): with ``stop``, a read waits in steps of STOP_LOOK_SECONDS and asks ``stop()`` between them (a
    read that timed out took no byte, so it is simply made again). ``answered`` says whether the server has sent a
    byte since the request was written: a timeout before it is a server that did not answer at all."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float, stop: Callable[[], bool] | None = None):
        self.stream = stream
        self.deadline = deadline
        self.stop = stop
        self.answered = False

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if self.stop is None or timeout is None:
            data = _within(self.deadline, timeout, lambda left: self.stream.read(max_bytes, left))
        else:
            data = self._read_until_stopped(max_bytes, time.monotonic() + timeout)
        self.answered = self.answered or bool(data)
        return data

    def _read_until_stopped(self, max_bytes: int, silent_until: float) -> bytes:
        while True:
            if self.stop is not None and self.stop():
                raise FetchStopped("the fetch was stopped")
            step = min(STOP_LOOK_SECONDS, silent_until - time.monotonic())
            if step <= 0:
                raise httpcore.ReadTimeout("timed out")
            try:
                return _within(self.deadline, step, lambda left: self.stream.read(max_bytes, left))
            except httpcore.ReadTimeout:
                continue  # this step's silence; the read timeout is ``silent_until``, looked at above

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.answered = False  # a new request: its answer is still to come
        _within(self.deadline, timeout, lambda left: self.stream.write(buffer, left))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # the same connection, now encrypted: it stays the one the backend knows (``answered``)
        self.stream = _within(
            self.deadline, timeout, lambda left: self.stream.start_tls(ssl_context, server_hostname, left)
        )
        return self

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that resolves through the guard and connects only to the addresses it approved; with a
    ``deadline`` (a ``time.monotonic()`` value), the name lookup and every connect, read and write of its
    connections end by then, and with ``stop`` too, no connection is made and no read goes on once ``stop()``
    says so (``_DeadlineStream``)."""

    def __init__(self, guard: Guard, deadline: float | None = None, stop: Callable[[], bool] | None = None):
        self.guard = guard
        self.deadline = deadline
        self.stop = stop
        self.latest: _DeadlineStream | None = None  # the connection made last: the one a timeout is about

    @property
    def answered(self) -> bool:
        """Whether the server of the latest connection sent anything after the latest request."""
        return self.latest is not None and self.latest.answered

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for address in self._addresses(host, port):
            if self.stop is not None and self.stop():
                raise FetchStopped("the fetch was stopped")
            try:
                stream = self._connect(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
                continue
            if self.deadline is None:
                return stream
            self.latest = _DeadlineStream(stream, self.deadline, self.stop)
            return self.latest
        assert last_error is not None
        raise last_error

    def _addresses(self, host: str, port: int) -> list[str]:
        """The guard's vetted addresses for ``host``, looked up within the deadline.

        ``getaddrinfo`` takes no timeout and cannot be interrupted: a resolver that never answers held a fetch past
        its total deadline for as long as the system's resolver kept retrying. So the lookup runs in a thread of
        its own and is waited for only until the deadline; a lookup still running then is left to finish (or
        fail) by itself in a daemon thread, its answer unused, and the connection is never made."""
        if self.deadline is None:
            return self.guard.addresses(host, port)
        answer: list[list[str] | Exception] = []

        def look_up() -> None:
            try:
                answer.append(self.guard.addresses(host, port))
            except Exception as error:  # handed to the waiting thread, which raises it as its own
                answer.append(error)

        worker = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
        worker.start()
        worker.join(max(self.deadline - time.monotonic(), 0.0))
        if not answer:
            raise LookupDeadlinePassed(host)
        if isinstance(answer[0], Exception):
            raise answer[0]
        return answer[0]

    def _connect(
        self,
        address: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        connect = super().connect_tcp
        return _within(self.deadline, timeout, lambda left: connect(address, port, left, local_address, socket_options))


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool rebuilt on the guarded backend (TLS still checks the name);
    ``deadline`` and ``stop`` as for GuardedBackend."""

    def __init__(self, guard: Guard, deadline: float | None = None, stop: Callable[[], bool] | None = None):
        super().__init__(trust_env=False)
        ssl_context = httpx.create_ssl_context(trust_env=False)
        self.backend = GuardedBackend(guard, deadline, stop)
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, max_connections=4, network_backend=self.backend)


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def normal_url(url: httpx.URL | str) -> str:
    """One address written one way (RFC 3986, 6.2.2-6.2.3), so that one feed is one feed from either face: the
    scheme and host in lower case, no trailing dot on the host, no default port, "/" for an empty path, unreserved
    characters unescaped ("%7E" is "~"), no empty query, and no fragment (a browser's, never sent to the server).
    An escaped slash stays escaped: it is data, not a path separator."""
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    parts = urlsplit(str(parsed.copy_with(fragment=None, host=parsed.host.rstrip("."))))
    text = urlunsplit(parts._replace(path=parts.path or "/"))
    return _UNRESERVED_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text).removesuffix("?")


# a percent-escape of a letter, a digit or one of - . _ ~: the same character either way
_UNRESERVED_ESCAPE = re.compile(r"%(4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A]|3[0-9]|2D|2E|5F|7E)", re.IGNORECASE)


def shorten_url(url: str, limit: int = 120) -> str:
    """The URL as an error message shows it: cut to ``limit`` characters."""
    return url if len(url) <= limit else url[: limit - 1] + "…"

"""One request rate for every call this process makes to a model server, however many jobs run at once.

``NEWSDESK_RATE_LIMIT`` (requests per second; unset or 0: no limit), or ``newsdesk worker --rate-limit``. Calls
are spaced evenly: a caller waits for the next free slot, so K concurrent jobs share the rate instead of each
having it. 408, 409, 429 and 5xx answers (but the 5xx that say a request can never succeed, such as 501) are
asked again (``NEWSDESK_MAX_RETRIES`` times, default 4) after ``retry_delay``: the server's Retry-After where it
gives one, else an exponential backoff, as the ``openai`` client would; the server model does the asking
(``llm/server.py``), so that it can say so and never re-ask a server that stalled.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Mapping

from ..errors import InputError
from ..text import ascii_number

RATE_ENV = "NEWSDESK_RATE_LIMIT"
RETRIES_ENV = "NEWSDESK_MAX_RETRIES"
DEFAULT_RETRIES = 4
FIRST_RETRY_DELAY = 0.5  # seconds, doubled for each retry after it
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0  # a server asking for a longer wait is not asked again: its error is the answer
RETRIED_STATUSES = frozenset({408, 409, 429})  # and every 5xx but these:
# 5xx answers that say the request can never succeed at this URL, whenever it is asked: 501 Not Implemented (a
# static web server's answer to a POST), 505, 506, 508, 510 and 511. Asking again would only delay the error.
NEVER_RETRIED_STATUSES = frozenset({501, 505, 506, 508, 510, 511})


class RateLimit:
    def __init__(
        self,
        per_second: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.per_second = per_second
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until this caller's slot; returns the seconds waited."""
        if self.per_second <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + 1.0 / self.per_second
        if slot > now:
            self._sleep(slot - now)
        return slot - now


def _from_env() -> float:
    try:
        return max(0.0, float(os.environ.get(RATE_ENV) or 0))
    except ValueError:
        return 0.0


SERVER_RATE = RateLimit(_from_env())


def set_rate(per_second: float) -> None:
    SERVER_RATE.per_second = max(0.0, per_second)


def max_retries() -> int:
    """``NEWSDESK_MAX_RETRIES``, else 4; a value that is no whole number is refused, as the other server settings
    are (read silently as the default, a setting of "abc" or "-1" would seem to have worked)."""
    value = (os.environ.get(RETRIES_ENV) or "").strip()
    if not value:
        return DEFAULT_RETRIES
    retries = ascii_number(value)
    if retries is None:
        raise InputError(f"{RETRIES_ENV} must be a whole number of retries, 0 or more, not {value[:40]!r}")
    return retries


def should_retry(status: int, headers: Mapping[str, str]) -> bool:
    """Whether an error answer is worth asking again: a timeout, a conflict, a rate limit or a server error that
    may pass (not one of ``NEVER_RETRIED_STATUSES``), unless the server says otherwise (``x-should-retry``) or asks
    for a wait longer than ``MAX_RETRY_AFTER``."""
    said = headers.get("x-should-retry")
    if said in ("true", "false"):
        return said == "true"
    asked = _retry_after(headers)
    if asked is not None and asked > MAX_RETRY_AFTER:
        return False
    return status in RETRIED_STATUSES or (status >= 500 and status not in NEVER_RETRIED_STATUSES)


def retry_delay(attempt: int, headers: Mapping[str, str] | None) -> float:
    """Seconds before retry ``attempt + 1``: the server's Retry-After where it gives a usable one, else
    exponential backoff with up to a quarter taken off at random (so that K jobs do not come back together)."""
    asked = _retry_after(headers or {})
    if asked is not None and 0 < asked <= MAX_RETRY_AFTER:
        return asked
    return min(FIRST_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY) * (1 - 0.25 * random.random())


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The wait a server asks for: ``retry-after-ms``, or ``retry-after`` in seconds or as an HTTP date."""
    try:
        if (millis := headers.get("retry-after-ms")) is not None:
            return float(millis) / 1000
        if (value := headers.get("retry-after")) is None:
            return None
        try:
            return float(value)
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return when.timestamp() - time.time()
    except (ValueError, TypeError, OverflowError):
        return None

"""One request rate for every call this process makes to a model server, however many jobs run at once.

``NEWSDESK_RATE_LIMIT`` (requests per second; unset or 0: no limit), or ``newsdesk worker --rate-limit``. Calls
are spaced evenly: a caller waits for the next free slot, so K concurrent jobs share the rate instead of each
having it. Retries of 429 and 5xx answers, with exponential backoff and the server's Retry-After, are the
``openai`` client's own (``NEWSDESK_MAX_RETRIES``, default 4).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

RATE_ENV = "NEWSDESK_RATE_LIMIT"
RETRIES_ENV = "NEWSDESK_MAX_RETRIES"
DEFAULT_RETRIES = 4


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
    try:
        return max(0, int(os.environ.get(RETRIES_ENV) or DEFAULT_RETRIES))
    except ValueError:
        return DEFAULT_RETRIES

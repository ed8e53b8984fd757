"""What a background loop says while the database is away: one line when it goes, one when it is back.

The server's checks, a worker's claims and a job's heartbeat all meet the outage over and over (every few
seconds, or twice a second); each used to log every failure, an hour's outage seven thousand lines a worker and a
traceback from the server every 5 s (Smoke test 40a #8). ``Outage`` keeps the first failure and the recovery, and
gives the waits between tries, growing from the loop's own pace to at most ``MOST_WAIT_SECONDS``.
"""

from __future__ import annotations

import logging
import time

from ..errors import StorageError

__all__ = ["MOST_WAIT_SECONDS", "Outage"]

MOST_WAIT_SECONDS = 10.0  # a worker tries at least this often, so it starts soon after the database is back


class Outage:
    """The state of the database as one loop (``what``) sees it, logged to ``log`` at its changes only."""

    def __init__(self, log: logging.Logger, what: str, first_wait: float = 0.5) -> None:
        self.log = log
        self.what = what
        self.first_wait = first_wait
        self.since: float | None = None  # when this outage began (time.monotonic), None while the database answers
        self._tries = 0

    def failed(self, error: StorageError) -> float:
        """Note a try that met the outage; returns how long to wait before the next (doubling, up to a cap). Only
        the first failure of an outage is logged."""
        if self.since is None:
            self.since = time.monotonic()
            self.log.warning("%s: %s; trying again until it is back", self.what, error)
        wait = min(self.first_wait * 2.0**self._tries, max(MOST_WAIT_SECONDS, self.first_wait))
        self._tries += 1
        return wait

    def answered(self) -> None:
        """Note a try that reached the database: the end of an outage is logged once."""
        if self.since is None:
            return
        # at the outage's level, not info: a log that shows the outage (``serve -q``) shows its end too
        self.log.warning("%s: the database is back after %.0f s", self.what, time.monotonic() - self.since)
        self.since = None
        self._tries = 0

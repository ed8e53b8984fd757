"""Which workers there are, and whether they live.

A worker's id names its machine and process, so that a worker of this machine whose process is gone is known dead
at once (its runs failed, its jobs put back). And every worker, busy or idle, renews its own row in the database
while it runs (``Presence``): the web app's health lists the workers that share the database, whatever process
started them, with the moment each was last heard from; one silent for a lease period shows stale (Smoke test 40a
#9: an operator could not tell whether any worker lived).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable

from ..errors import StorageError
from ..text import ascii_number
from .queue import JobQueue

__all__ = ["Presence", "is_dead_local_worker", "new_worker_id", "pid_alive"]

log = logging.getLogger("newsdesk.worker")


def new_worker_id() -> str:
    """``host:pid:random``: unique, and says where to look to know whether the worker still lives."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def is_dead_local_worker(worker: str) -> bool:
    """True for a worker id of this machine whose process is gone (never for another machine's workers)."""
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    number = ascii_number(pid)
    if host != socket.gethostname() or number is None:
        return False
    return not pid_alive(number)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (dead, not yet reaped) still answers kill(0)
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class Presence:
    """A worker's presence heartbeat: from a thread of its own, at once and then every ``interval`` seconds, the
    worker's row says it lives and how many of its ``slots`` jobs it runs (``running()``); a clean exit removes it."""

    def __init__(self, queue: JobQueue, worker: str, slots: int, running: Callable[[], int], interval: float):
        self.queue, self.worker, self.slots, self.running = queue, worker, slots, running
        self.interval = max(interval, 0.05)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="presence", daemon=True)

    def __enter__(self) -> Presence:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        try:
            self.queue.worker_stopped(self.worker)
        except Exception as error:  # the database is away: the row goes stale instead, and is said so
            log.warning("worker %s stopped, but could not say so: %s", self.worker, error)

    def _beat(self) -> None:
        while True:
            try:
                self.queue.worker_alive(self.worker, self.running(), self.slots)
            except StorageError:  # the database is away: the worker's claims say so, once (``Outage``)
                pass
            except Exception:  # a locked database now and then must not end the heartbeat
                log.exception("presence of worker %s", self.worker)
            if self._done.wait(self.interval):
                return

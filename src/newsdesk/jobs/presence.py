"""Which workers there are, and whether they live.

A worker's id names its machine and process, so that a worker of this machine whose process is gone is known dead
at once (its runs failed, its jobs put back). And every worker, busy or idle, renews its own row in the database
while it runs (``Presence``): the web app's health lists the workers that share the database, whatever process
started them, with the moment each was last heard from; one silent for a lease period shows stale (Smoke test 40a
#9: an operator could not tell whether any worker lived). Jobs that wait while no worker lives are said to the
editor who queued them (``stalled_queue``): nothing else would tell them that nothing will be written.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable, Iterable

from ..errors import StorageError
from ..text import ascii_number, counted
from .queue import JobQueue, SeenWorker

__all__ = ["Presence", "is_dead_local_worker", "new_worker_id", "pid_alive", "stalled_queue"]

log = logging.getLogger("newsdesk.worker")


def new_worker_id() -> str:
    """``host:pid:random``: unique, and says where to look to know whether the worker still lives."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def is_dead_local_worker(worker: str) -> bool:
    """True for a worker id of this machine whose process is gone (never for another machine's workers)."""
    host, pid = _host_and_pid(worker)
    if host != socket.gethostname() or pid is None:
        return False
    return not pid_alive(pid)


def _host_and_pid(worker: str) -> tuple[str, int | None]:
    """The machine and the process a worker's id names (``new_worker_id``)."""
    host, _, rest = worker.partition(":")
    return host, ascii_number(rest.partition(":")[0])


def stalled_queue(queued: int, seen: list[SeenWorker], starting: Iterable[int] = ()) -> str | None:
    """What to tell an editor when ``queued`` jobs wait and no worker lives to take them, or None when it is not so.

    A worker lives when its presence heartbeat is fresh (``seen``, not stale), or when it is one of the processes
    this server has just started (``starting``: their pids) and has not beaten yet: a worker that loads is no cause
    for alarm. Busy workers with jobs waiting are a queue, not a fault: a warning that shows then would teach editors
    to pass over the one that matters."""
    if queued <= 0 or any(not worker.stale for worker in seen):
        return None
    here = socket.gethostname()
    heard = {pid for host, pid in (_host_and_pid(worker.id) for worker in seen) if host == here}
    if any(pid not in heard for pid in starting):
        return None
    waiting = f"{counted(queued, 'job')} {'is' if queued == 1 else 'are'} queued and no worker is running"
    last = f" (the last was heard from at {seen[0].last_seen})" if seen else ""
    return (
        f"{waiting}{last}: nothing will be written until one starts (whoever runs this server starts one with "
        "newsdesk worker, or serves with --workers 1 or more)"
    )


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
        self.end()

    def end(self, wait: float | None = None) -> None:
        """Beat no more (waiting at most ``wait`` seconds for a beat under way, which would write the row again)
        and remove the worker's row."""
        self._done.set()
        if self._thread.is_alive():
            self._thread.join(wait)
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

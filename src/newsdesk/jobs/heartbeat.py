"""A running job's lease, renewed from a thread of its own while the job runs (``JobQueue.heartbeat``), and asked
after by a step that waits on the network (``LeaseCheck``)."""

from __future__ import annotations

import logging
import threading
import time

from ..errors import StorageError
from .outage import Outage
from .queue import JobQueue

__all__ = ["LOOK_SECONDS", "Heartbeat", "LeaseCheck"]

LOOK_SECONDS = 1.0  # how often, at most, a waiting step asks the queue whether its job is still its worker's

log = logging.getLogger("newsdesk.worker")


class Heartbeat:
    """Renews a job's lease from a thread while the job runs."""

    def __init__(self, queue: JobQueue, job_id: int, worker: str, interval: float):
        self.queue, self.job_id, self.worker, self.interval = queue, job_id, worker, max(interval, 0.05)
        self._done = threading.Event()
        self._outage = Outage(log, f"heartbeat of job {job_id}")
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._done.wait(self.interval):
            try:
                if not self.queue.heartbeat(self.job_id, self.worker):
                    return
                self._outage.answered()
            except StorageError as error:  # the database is away: one line, not a traceback every beat
                self._outage.failed(error)
            except Exception:  # a locked database now and then must not end the heartbeat
                log.exception("heartbeat of job %s", self.job_id)


class LeaseCheck:
    """Whether a job is no longer its worker's (cancelled on request, or taken over), for a step that waits on the
    network between its reads: a fetch of a server that sends nothing held a cancelled job's worker until the read
    timed out (Smoke test 40a #17). ``lost()`` asks the queue at most every ``every`` seconds (renewing the lease, as
    a beat does), so such a step ends within about that long; once lost, the job stays lost."""

    def __init__(self, queue: JobQueue, job_id: int, worker: str, every: float = LOOK_SECONDS):
        self.queue, self.job_id, self.worker, self.every = queue, job_id, worker, every
        self._asked = time.monotonic()  # the job was just claimed: it is this worker's
        self._lost = False

    def lost(self) -> bool:
        if self._lost or time.monotonic() - self._asked < self.every:
            return self._lost
        self._asked = time.monotonic()
        try:
            self._lost = not self.queue.heartbeat(self.job_id, self.worker)
        except Exception:  # a database away or busy is not a lost job: the heartbeat's thread says what it is
            return False
        return self._lost

"""A running job's lease, renewed from a thread of its own while the job runs (``JobQueue.heartbeat``)."""

from __future__ import annotations

import logging
import threading

from ..errors import StorageError
from .outage import Outage
from .queue import JobQueue

__all__ = ["Heartbeat"]

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

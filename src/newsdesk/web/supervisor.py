"""The server's background duties: start and restart worker processes, recover jobs, schedule feed polls.

On start it puts back in the queue every running job whose worker is gone (a local process that no longer
exists: the server was killed) or whose lease has expired, forgets the heartbeat rows of such workers, then starts
the workers. Each worker's standard input
is a pipe from the server, its lifeline: if the server dies, even by ``kill -9``, the pipe closes and the worker
exits, so no orphan keeps writing. A thread then checks, every few seconds, for dead workers (restarted), expired
leases (requeued) and watched feeds due for a poll (a ``poll`` job is queued).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time

from ..errors import StorageError
from ..jobs.outage import Outage
from ..jobs.polls import is_due
from ..jobs.presence import is_dead_local_worker
from ..llm.embedded import THREADS_ENV, cpu_count
from .desk import Desk

log = logging.getLogger("newsdesk.web")

STOP_GRACE_SECONDS = 10.0
RESTART_BACKOFF_SECONDS = (1, 2, 5, 10, 30)  # a worker that keeps dying is restarted ever more slowly
HEALTHY_SECONDS = 60.0  # a worker that lived this long before dying starts the backoff afresh


class Supervisor:
    def __init__(self, desk: Desk):
        self.desk = desk
        self.settings = desk.settings
        self.workers: list[subprocess.Popen[bytes] | None] = [None] * self.settings.workers
        self._failures = [0] * self.settings.workers
        self._next_start = [0.0] * self.settings.workers
        self._started = [0.0] * self.settings.workers
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.outage = Outage(log, "supervisor check")

    def start(self) -> None:
        recovered = self.recover()
        if recovered:
            log.info("put %d interrupted job(s) back in the queue: %s", len(recovered), ", ".join(map(str, recovered)))
        for slot in range(len(self.workers)):
            self._spawn(slot)
        self._thread = threading.Thread(target=self._loop, name="newsdesk-supervisor", daemon=True)
        self._thread.start()

    def recover(self) -> list[int]:
        queue = self.desk.queue
        interrupted = self.desk.archive.fail_interrupted_runs(is_dead_local_worker)
        if interrupted:
            log.info(
                "marked %d run(s) whose process died as failed: %s", len(interrupted), ", ".join(map(str, interrupted))
            )
        requeued = set(queue.requeue_orphans(is_dead_local_worker)) | set(queue.requeue_expired())
        queue.forget_workers(is_dead_local_worker)  # the health lists no worker known dead (killed, its server gone)
        return sorted(requeued)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=STOP_GRACE_SECONDS)
        with self._lock:
            running = [p for p in self.workers if p is not None and p.poll() is None]
            for process in running:
                process.terminate()  # SIGTERM: a busy worker puts its job back in the queue
            deadline = time.monotonic() + STOP_GRACE_SECONDS
            for process in running:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                if process.stdin:
                    process.stdin.close()

    def pids(self) -> list[int]:
        with self._lock:
            return [p.pid for p in self.workers if p is not None and p.poll() is None]

    def _spawn(self, slot: int) -> None:
        settings = self.settings
        # The database goes in the environment, not the command line: a PostgreSQL URL may carry a password.
        command = [sys.executable, "-m", "newsdesk", "worker", "--lifeline"]
        if settings.base_url:
            command += ["--base-url", settings.base_url]
        if settings.context_length:
            command += ["--context-length", str(settings.context_length)]
        if settings.allow_private:
            command.append("--allow-private")
        if not settings.judge:
            command.append("--no-judge")
        # Each worker loads its own model: it gets its share of the CPUs, so N workers do not fight over cores.
        share = max(1, cpu_count() // len(self.workers))
        env = {
            **os.environ,
            THREADS_ENV: os.environ.get(THREADS_ENV) or str(share),
            "NEWSDESK_DB": str(settings.db),
            "NEWSDESK_MODEL": settings.model,  # what the worker checks --context-length against at its start
        }
        with self._lock:
            process = self.workers[slot] = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
            self._started[slot] = time.monotonic()
        log.info("started worker %d (pid %d)", slot + 1, process.pid)

    def _loop(self) -> None:
        last_check = 0.0
        while not self._stop.wait(1.0):
            self._restart_dead()
            if time.monotonic() - last_check >= self.settings.poll_check_seconds:
                last_check = time.monotonic()
                try:
                    self.recover()
                    self.schedule_polls()
                except StorageError as error:  # the database is away: one line per outage, not a traceback a tick
                    self.outage.failed(error)
                except Exception:  # never let one bad tick end the supervisor
                    log.exception("supervisor check")
                else:
                    self.outage.answered()

    def _restart_dead(self) -> None:
        for slot, process in enumerate(self.workers):
            if process is None or process.poll() is None or self._stop.is_set():
                continue
            now = time.monotonic()
            if not self._next_start[slot]:
                if now - self._started[slot] > HEALTHY_SECONDS:
                    self._failures[slot] = 0
                delay = RESTART_BACKOFF_SECONDS[min(self._failures[slot], len(RESTART_BACKOFF_SECONDS) - 1)]
                self._failures[slot] += 1
                self._next_start[slot] = now + delay
                log.warning("worker %d exited with status %s; restarting in %d s", slot + 1, process.returncode, delay)
            if now >= self._next_start[slot]:
                self._next_start[slot] = 0.0
                if process.stdin:
                    process.stdin.close()
                self._spawn(slot)

    def schedule_polls(self) -> list[int]:
        """Queue a poll for every watched feed whose interval has passed since its last poll. Several servers on
        one PostgreSQL database take turns: only the one holding the advisory lock schedules."""
        queued = []
        with self.desk.archive.exclusive("newsdesk:schedule-polls") as mine:
            if not mine:
                return []
            for feed in self.desk.archive.feeds.watched():
                if is_due(feed):
                    queued.append(self.desk.enqueue_poll(feed).id)
        return queued

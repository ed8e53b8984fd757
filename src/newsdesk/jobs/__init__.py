"""Jobs: articles are written by worker processes, never by the web request that asked for one.

``queue`` is the interface (a job's life, leases, events); ``sql`` keeps it in the archive's own database;
``worker`` claims jobs and runs them as ``kinds`` says, with the model ``models`` keeps loaded and the options of
``config``; ``presence`` says which workers live; ``polls`` says when a feed is due and turns a poll into write
jobs. The job runner depends on the pipeline, never on a face. The worker is imported from
``newsdesk.jobs.worker``: it loads the whole pipeline, which the web app's queue views do not need.
"""

from __future__ import annotations

from .queue import (
    CANCELLED,
    STATUSES,
    TERMINAL,
    Job,
    JobEvent,
    JobKind,
    JobPayload,
    JobQueue,
    LeaseLost,
    SeenWorker,
    with_choices,
)
from .sql import PostgresJobQueue, SQLiteJobQueue, SQLJobQueue, queue_for

__all__ = [
    "CANCELLED",
    "Job",
    "JobEvent",
    "JobKind",
    "JobPayload",
    "JobQueue",
    "LeaseLost",
    "PostgresJobQueue",
    "SQLJobQueue",
    "SQLiteJobQueue",
    "SeenWorker",
    "STATUSES",
    "TERMINAL",
    "queue_for",
    "with_choices",
]

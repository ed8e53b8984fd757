"""What a worker is started with (``newsdesk worker``'s options, or the server's for the workers it starts)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["IDLE_SECONDS", "WorkerConfig", "effective_concurrency"]

log = logging.getLogger("newsdesk.worker")

IDLE_SECONDS = 0.5  # pause between two claims that found nothing


@dataclass
class WorkerConfig:
    db: str | Path | None  # a SQLite file or a postgresql:// URL; None: the default location
    base_url: str | None = None
    context_length: int | None = None
    allow_private: bool = False
    lifeline: bool = False  # exit when standard input closes: the server that started this worker is gone
    idle_seconds: float = IDLE_SECONDS
    concurrency: int = 1  # jobs at once; above 1 only against an OpenAI-compatible server (base_url)
    until_idle: bool = False  # exit once the queue is empty and no job runs here (batch runs, benchmarks)
    judge: bool = True  # a server model judges the sentences the local checks leave uncertain


def effective_concurrency(config: WorkerConfig) -> int:
    """The jobs a worker runs at once: K against a server, 1 for the embedded model (CPU-bound: more would only
    split the same cores and memory)."""
    if config.concurrency > 1 and not (config.base_url or os.environ.get("OPENAI_BASE_URL")):
        log.warning(
            "--concurrency %d needs a model server (--base-url): the embedded model runs one job at a time",
            config.concurrency,
        )
        return 1
    return max(1, config.concurrency)

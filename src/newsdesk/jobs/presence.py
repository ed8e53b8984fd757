"""Which workers there are, and whether they live: a worker's id names its machine and process, so that a worker of
this machine whose process is gone is known dead at once (its runs failed, its jobs put back)."""

from __future__ import annotations

import os
import secrets
import socket

from ..text import ascii_number

__all__ = ["is_dead_local_worker", "new_worker_id", "pid_alive"]


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

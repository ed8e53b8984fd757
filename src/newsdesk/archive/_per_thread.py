"""One database connection per thread, closed when its thread ends or its archive goes away.

An archive keeps a connection for each thread that uses it (a connection serves one thread at a time). A worker's
job thread ends, and an archive is dropped without ``close()``; left to the garbage collector, their connections
would be closed late, by their own finalisers, and psycopg warns about each one. Here they are closed on purpose:

- a thread's connection sits in a holder in the thread-local; when the thread ends, its slot is released and the
  holder closes the connection;
- every open connection is also listed in a set that a ``weakref.finalize`` of the ``PerThread`` holds: when the
  archive is collected, even inside a reference cycle, the collector runs that callback before any finaliser of
  the garbage, and the connections (still reachable from the callback, so not garbage) are closed first.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from typing import Generic, Protocol, TypeVar

__all__ = ["PerThread"]


class _Closable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=_Closable)


class _Open(Generic[C]):
    """The connections open now, in every thread."""

    def __init__(self) -> None:
        self.connections: set[C] = set()
        self.lock = threading.Lock()

    def add(self, conn: C) -> None:
        with self.lock:
            self.connections.add(conn)

    def close(self, conn: C) -> None:
        with self.lock:
            self.connections.discard(conn)
        conn.close()

    def close_all(self) -> None:
        with self.lock:
            pending, self.connections = self.connections, set()
        for conn in pending:
            with contextlib.suppress(Exception):  # closing what is left; the database may be gone already
                conn.close()


class _Held(Generic[C]):
    """A thread's connection, closed when the thread's slot releases this holder."""

    def __init__(self, conn: C, open_now: _Open[C]) -> None:
        self.conn: C | None = conn
        self.open_now = open_now

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            self.open_now.close(conn)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # a finaliser must not raise (the database may be gone at exit)
            self.close()


class PerThread(Generic[C]):
    """This thread's connection (``get``/``set``), closed by ``close``, when the thread ends, or when this object
    is collected."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._open: _Open[C] = _Open()
        weakref.finalize(self, self._open.close_all)

    def get(self) -> C | None:
        held: _Held[C] | None = getattr(self._local, "held", None)
        return None if held is None else held.conn

    def set(self, conn: C) -> C:
        self._open.add(conn)
        self._local.held = _Held(conn, self._open)
        return conn

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        held: _Held[C] | None = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held.close()

"""Database errors that are the storage's, not newsdesk's: a read-only file, folder or disk, a full disk.

The engines report them as errors of the statement that met them (``sqlite3.OperationalError: attempt to write a
readonly database``), so any write can raise one. The faces (the command line, the web app, the worker) turn them
into one line the user can act on (``storage_fault``); ``serve`` asks before it starts (``check_writable``), for a
server that cannot store a job answers every request with an error.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ..errors import StorageError

if TYPE_CHECKING:
    from .base import Archive

__all__ = ["check_writable", "storage_fault"]

_READ_ONLY = (
    "the database cannot be written: it is read-only (its file, its folder or its disk); commands that only read "
    "(show, stories, archive) still work"
)
# SQLite's words, and PostgreSQL's error classes (psycopg names them), for the faults a user can mend
_SQLITE_FAULTS = {"readonly database": _READ_ONLY, "disk is full": "the database's disk is full: nothing was saved"}
_POSTGRES_FAULTS = {
    "ReadOnlySqlTransaction": _READ_ONLY,
    "InsufficientPrivilege": "the database user may not write to the database: nothing was saved",
    "DiskFull": "the database's disk is full: nothing was saved",
}


def storage_fault(error: BaseException) -> StorageError | None:
    """The user's words for ``error`` when it is a fault of the storage, else None (a bug: let it show)."""
    if isinstance(error, sqlite3.OperationalError):
        text = str(error)
        return next((StorageError(words) for cue, words in _SQLITE_FAULTS.items() if cue in text), None)
    words = _POSTGRES_FAULTS.get(type(error).__name__)
    return StorageError(words) if words else None


def check_writable(archive: Archive) -> None:
    """StorageError when the SQLite file or its folder cannot be written (the folder too: SQLite writes its
    journal beside the file). PostgreSQL says so itself, at the first write."""
    path = getattr(archive, "path", None)  # a SQLite archive's file
    if archive.backend != "sqlite" or path is None:
        return
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise StorageError(f"{_READ_ONLY.replace('the database', f'the database {path}', 1)}")

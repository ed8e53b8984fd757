"""Reading what the user names on the command line (a file, or ``-`` for standard input) within a size cap.

A cap checked after the whole read bounds nothing: ``yes | newsdesk write -`` or ``newsdesk ingest /dev/zero``
would fill the memory before the check. So a regular file's size is asked first (the message can give it), and
anything else (a pipe, a device, standard input) is read for one byte past the cap, never more.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

__all__ = ["STDIN", "read_capped"]

STDIN = "-"  # the name a user gives standard input by


def read_capped(source: str, *, limit: int, what: str) -> bytes:
    """The bytes of file ``source`` (or standard input for ``-``); an InputError when they pass ``limit`` bytes.

    ``what`` names the thing read, for the messages: "a story may be at most ...", "is a folder, not a story file".
    """
    if source == STDIN:
        return _read_stream(sys.stdin.buffer, "standard input", limit, what)
    path = Path(source).expanduser()
    try:
        with path.open("rb") as file:
            status = os.fstat(file.fileno())
            if stat.S_ISDIR(status.st_mode):  # opening a folder for reading works on some systems
                raise InputError(f"{source} is a folder, not a {what} file")
            if stat.S_ISREG(status.st_mode) and status.st_size > limit:
                raise InputError(f"{source} is {status.st_size:,} bytes; a {what} may be at most {limit:,}")
            return _read_stream(file, source, limit, what)
    except FileNotFoundError:
        raise InputError(f"no such file: {source}") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a folder, not a {what} file") from None
    except PermissionError:
        raise InputError(f"cannot read {source}: permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from None


def _read_stream(stream: BinaryIO, name: str, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of ``stream``; one byte more is enough to know it is too long."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))  # a pipe answers in pieces; read until the cap or the end
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(f"{name} is more than {limit:,} bytes; a {what} may be at most {limit:,}")
    return data

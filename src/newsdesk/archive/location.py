"""Where an archive lives: a SQLite file (the default, in the user's data folder) or a PostgreSQL URL."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError

__all__ = [
    "POSTGRES_SCHEMES",
    "check_location",
    "default_db_path",
    "default_location",
    "is_postgres",
    "without_password",
]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def check_location(location: str | Path) -> None:
    """Refuse a URL of another database: taken for a file name, "mysql://host/db" would make a folder "mysql:"."""
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", str(location))
    if scheme and not is_postgres(str(location)):
        raise InputError(
            f"unknown database URL scheme {scheme.group(1)!r}: give a SQLite file path or a postgresql:// URL"
        )
    if is_postgres(location):
        try:
            _ = urlsplit(str(location)).port  # urlsplit checks the host and port only when they are asked for
        except ValueError as error:  # "Invalid IPv6 URL", "Port out of range 0-65535", ...
            raise InputError(
                f"the database URL {without_password(str(location))} is malformed ({error}): give it as "
                "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
            ) from None


_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^/]*@")


def without_password(url: str) -> str:
    """The URL with its password as ``***``, for messages and logs; read from the text, so that a URL too
    malformed to parse keeps its password out of the message that says so."""
    return _PASSWORD.sub(r"\1:***@", url, count=1)


def default_location() -> str | Path:
    """``$NEWSDESK_DB`` (a file path or a ``postgresql://`` URL), or ``newsdesk.db`` in the user's data folder."""
    value = os.environ.get("NEWSDESK_DB")
    if value and is_postgres(value):
        return value
    return default_db_path()


def default_db_path() -> Path:
    """``$NEWSDESK_DB`` or ``newsdesk.db`` in the user's data directory."""
    if os.environ.get("NEWSDESK_DB"):
        return Path(os.environ["NEWSDESK_DB"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdesk", appauthor=False)) / "newsdesk.db"

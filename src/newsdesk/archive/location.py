"""Where an archive lives: a SQLite file (the default, in the user's data folder) or a PostgreSQL URL."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import InputError

__all__ = ["POSTGRES_SCHEMES", "check_location", "default_db_path", "default_location", "is_postgres"]

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

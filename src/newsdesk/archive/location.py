"""Where an archive lives: a SQLite file (the default, in the user's data folder) or a PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["POSTGRES_SCHEMES", "default_db_path", "default_location", "is_postgres"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


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

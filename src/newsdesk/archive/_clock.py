"""The archive's timestamps: UTC, to the second, in ISO 8601 (what every table stores)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

"""Helpers shared by several test modules (import them as ``from support.NAME import ...``)."""

"""newsdesk: turn a news item into a long-form, grounded analysis article."""

__version__ = "0.1.0"

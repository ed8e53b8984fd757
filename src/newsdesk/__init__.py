"""newsdesk: turn a news item into a long-form, grounded analysis article."""

# The package itself exports only its version: each stage is imported from its own subpackage
# (``newsdesk.archive``, ``newsdesk.verify``, ...), so ``import newsdesk`` stays cheap for the command line.
__all__ = ["__version__"]

__version__ = "0.1.0"

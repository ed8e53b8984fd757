"""newsdesk's exceptions.

Stages raise these; only the faces (cli, web) turn them into one-line messages or JSON errors.

    NewsdeskError
    ├── InputError          bad user input: empty/binary file, unreadable path, malformed JSON story
    ├── TemplateError       a template file that does not parse or names unknown keys
    ├── ModelError          a model that cannot be loaded or a server that is down
    ├── FetchError          a URL that cannot be fetched (timeout, size cap, bad content type)
    │   └── BlockedURLError a URL refused by the SSRF guard
    └── NotFoundError       an id that the archive does not hold
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: ``str(error)`` is a one-line message fit for the user."""

    exit_code = 2
    status_code = 400


class InputError(NewsdeskError):
    pass


class TemplateError(NewsdeskError):
    pass


class ModelError(NewsdeskError):
    status_code = 502


class FetchError(NewsdeskError):
    status_code = 422


class BlockedURLError(FetchError):
    status_code = 403


class NotFoundError(NewsdeskError):
    status_code = 404

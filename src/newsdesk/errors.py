"""newsdesk's exceptions.

Stages raise these; only the faces (cli, web) turn them into one-line messages or JSON errors.

    NewsdeskError
    ├── InputError          bad user input: empty/binary file, unreadable path, malformed JSON story
    ├── TemplateError       a template file that does not parse or names unknown keys
    ├── ModelError          a model that cannot be loaded or a server that is down
    │   └── ContextTooSmall a prompt longer than the model's context window (the limit it states, when it does)
    ├── FetchError          a URL that cannot be fetched (timeout, size cap, bad content type)
    │   └── BlockedURLError a URL refused by the SSRF guard
    ├── StorageError        a database that cannot be written (read-only, full): no bug, the user can mend it
    ├── NotFoundError       an id that the archive does not hold
    └── ConflictError       a request that what it names no longer allows (cancelling a finished job)
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: ``str(error)`` is a one-line message fit for the user."""

    exit_code = 2
    status_code = 400

    def for_web(self) -> str:
        """The message for the web app's user, where the command line's advice would not fit (a command to run)."""
        return str(self)


class InputError(NewsdeskError):
    pass


class TemplateError(NewsdeskError):
    pass


class ModelError(NewsdeskError):
    status_code = 502


class ContextTooSmall(ModelError):
    """A prompt (with room for its answer) longer than the model's context window.

    ``limit`` is the window in tokens and ``prompt_tokens`` the prompt's real length, where the server states them
    ("This model's maximum context length is 2048 tokens ... (2566 in the messages, ...)"). The run shrinks its
    sources to the stated limit and asks again; only a prompt that cannot shrink any further reaches the user.
    """

    def __init__(self, message: str, limit: int | None = None, prompt_tokens: int | None = None):
        super().__init__(message)
        self.limit = limit
        self.prompt_tokens = prompt_tokens


class FetchError(NewsdeskError):
    status_code = 422


class BlockedURLError(FetchError):
    status_code = 403


class StorageError(NewsdeskError):
    status_code = 503


class NotFoundError(NewsdeskError):
    status_code = 404


class ConflictError(NewsdeskError):
    status_code = 409

"""What every HTML form route shares: reading the posted form, checking its CSRF token, and the answers.

Forms post to the pages (not to /api) with a CSRF token; on success they redirect (303) to the page that follows
the job. Errors in a form come back as the same page with the message and the user's input kept.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile

from ..errors import NewsdeskError
from .api import get_desk
from .csrf import CSRF_FIELD, check_csrf
from .security import BODY_CUT

__all__ = [
    "CsrfError",
    "TooLarge",
    "check_file_size",
    "checked_form",
    "in_thread",
    "kept_from_stale",
    "read_form",
    "see",
]


async def read_form(request: Request) -> Any:
    settings = get_desk(request).settings
    return await request.form(max_files=1, max_fields=20, max_part_size=settings.max_upload)


async def checked_form(request: Request) -> Any:
    """The posted form, once its CSRF token is checked."""
    form = await read_form(request)
    if not check_csrf(request, form.get(CSRF_FIELD)):
        await form.close()
        raise CsrfError
    return form


async def kept_from_stale(form: Any, fields: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """For a form whose CSRF token is missing or stale: what it carried in ``fields``, to show again on its page with
    a token that works (a generic error page lost what was typed, and Back brought the stale token back: Smoke tests
    35 #10, 40a #12), and the message that says nothing was sent. The form is closed; a file cannot be shown again,
    so the message asks for it."""
    kept = {name: str(form.get(name) or "") for name in fields}
    upload = form.get("file")
    had_file = isinstance(upload, UploadFile) and bool(upload.filename)
    await form.close()
    again = " (choose the file again)" if had_file else ""
    return kept, f"the form's security token was missing or stale: nothing was sent. Send the form again{again}"


class TooLarge(NewsdeskError):
    status_code = 413


def check_file_size(request: Request, size: int | None) -> None:
    """TooLarge for a form's file over the upload limit, ``size`` bytes (None: no file read); also when the body
    was cut at the limit (``security.BODY_CUT``), whose file's size is not known."""
    limit = get_desk(request).settings.max_upload
    if request.scope.get(BODY_CUT):
        raise TooLarge(f"the file is over {limit:,} bytes, the most a file may be: nothing was sent")
    if size is not None and size > limit:
        raise TooLarge(f"the file is {size:,} bytes; a file may be at most {limit:,} bytes")


class CsrfError(NewsdeskError):
    status_code = 403

    def __str__(self) -> str:
        return "the form's security token is missing or stale: reload the page and send it again"


def see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def in_thread(fn: Any, *args: Any) -> Any:
    import anyio.to_thread

    return await anyio.to_thread.run_sync(fn, *args)

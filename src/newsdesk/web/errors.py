"""One place turns every error into a response: JSON under /api (and for clients that ask for JSON), a page
elsewhere. The body always says what went wrong in one line: ``{"error": "...", "status": 404}``."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..archive import storage_fault
from ..errors import NewsdeskError
from ..models import MAX_ROW_ID

log = logging.getLogger("newsdesk.web")


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path == "/api" or path.startswith("/api/") or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message, "status": status, **extra}, status_code=status)
    from .templating import page

    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return page(request, "error.html", status=status, status_code=status, title=title, message=message)


def validation_message(errors: list[Any]) -> tuple[str, list[dict[str, str]]]:
    """A one-line summary of pydantic errors, and one entry per field."""
    fields = []
    for error in errors:
        if error.get("type") == "json_invalid":  # loc is ("body", offset): say what is wrong, not "1: ..."
            reason = (error.get("ctx") or {}).get("error") or "JSON decode error"
            fields.append({"field": "body", "message": f"not valid JSON ({reason} at character {error['loc'][-1]})"})
            continue
        # loc is (where, field, ...): where is the body, the query or the path; a story's text is the field "body"
        loc = [str(p) for p in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        if error.get("type") == "less_than_equal" and (error.get("ctx") or {}).get("le") == MAX_ROW_ID:
            message = "more than the archive can number: ids and versions are whole numbers from 1"  # not 2**63 - 1
        fields.append({"field": ".".join(loc) or "request", "message": message})
    first = fields[0] if fields else {"field": "request", "message": "invalid request"}
    more = f" (and {len(fields) - 1} more)" if len(fields) > 1 else ""
    return f"{first['field']}: {first['message']}{more}", fields


def install(app: FastAPI, debug: bool = False) -> None:
    @app.exception_handler(NewsdeskError)
    async def newsdesk_error(request: Request, error: NewsdeskError) -> Response:
        return error_response(request, error.status_code, error.for_web())

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        if error.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif error.status_code == 400 and message == "There was an error parsing the body":
            # FastAPI's word for a body it cannot decode: JSON must be UTF-8 text (RFC 8259)
            message = (
                "the request body could not be read: send JSON as UTF-8 text, nested a few levels at most "
                "(a story is one object of strings), and forms as form data"
            )
        elif error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        response = error_response(request, error.status_code, message)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        message, fields = validation_message(list(error.errors()))
        return error_response(request, 422, message, fields=fields)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        fault = storage_fault(error)  # a read-only or full database: 503, with what to mend
        if fault is not None:
            log.error("%s %s: %s", request.method, request.url.path, fault)
            return error_response(request, fault.status_code, str(fault))
        if debug:
            raise error
        log.exception("error answering %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server log has the details")

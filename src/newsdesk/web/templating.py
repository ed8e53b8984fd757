"""Pages are Jinja2 templates with autoescaping always on: text from sources and models is escaped everywhere."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..render.markdown import published_day
from .csrf import CSRF_FIELD, csrf_token, set_csrf_cookie


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk", "web/templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.globals["csrf_field"] = CSRF_FIELD
    env.filters["web_url"] = lambda url: (
        url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    )
    env.filters["day"] = published_day
    env.filters["query"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return env


def page_number(text: str) -> int:
    """A page's ``?page=N``, clamped rather than refused: it is a link people edit by hand."""
    try:
        return max(1, min(100_000, int(text)))
    except ValueError:
        return 1


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``name`` with the request, its CSRF token and ``context``; sets the CSRF cookie when new."""
    html = environment().get_template(name).render(request=request, csrf_token=csrf_token(request), **context)
    response = HTMLResponse(html, status_code=status)
    set_csrf_cookie(request, response)
    return response

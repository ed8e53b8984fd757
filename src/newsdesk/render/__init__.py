"""The render stage: Markdown, HTML and JSON, all from the article JSON (``Article``)."""

from __future__ import annotations

import json

from ..errors import InputError
from ..models import Article
from .html import render_html
from .markdown import render_markdown

__all__ = ["render", "render_html", "render_markdown", "render_json", "FORMATS"]

FORMATS = ("md", "html", "json")


def render_json(article: Article) -> str:
    return json.dumps(article.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render(article: Article, fmt: str) -> str:
    fmt = {"markdown": "md"}.get(fmt, fmt)
    if fmt == "md":
        return render_markdown(article)
    if fmt == "html":
        return render_html(article)
    if fmt == "json":
        return render_json(article)
    raise InputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")

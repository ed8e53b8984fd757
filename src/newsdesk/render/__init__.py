"""The render stage: Markdown, HTML and JSON, all from the article JSON (``Article``)."""

from __future__ import annotations

import json
from pathlib import PurePath

from ..errors import InputError
from ..models import Article
from .html import render_html
from .markdown import render_markdown

__all__ = ["ARTICLE_SUFFIXES", "FORMATS", "format_of", "render", "render_html", "render_markdown", "render_json"]

FORMATS = ("md", "html", "json")
#: Each format's file name suffix: what a file written in it is named, and what names the format of a file asked for.
ARTICLE_SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}


def format_of(path: str | None) -> str | None:
    """The format a file's name asks for ("article.html" is HTML; ".htm" and ".markdown" too), else None."""
    suffix = PurePath(path).suffix.lower() if path else ""
    suffix = {".htm": ".html", ".markdown": ".md"}.get(suffix, suffix)
    return next((fmt for fmt, known in ARTICLE_SUFFIXES.items() if known == suffix), None)


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

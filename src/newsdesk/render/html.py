"""HTML through Jinja2 with autoescaping on: every string from a model or a source is escaped.

Each sentence is a focusable span; hovering or focusing it shows its verdict, score and supporting quote.
Dropped sentences sit in a collapsible appendix. A standalone page carries its own Content-Security-Policy (no
scripts, no requests but https images), since a saved file has no server to send one.
``render_article_fragment`` is the same article without the page around it, for the web app.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..models import Article, web_url
from .markdown import summary_line


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: "" if x is None else f"{x:.2f}"
    env.filters["web_url"] = web_url  # only http(s) links, even from an article saved before URLs were checked
    return env


def _context(article: Article) -> dict:
    sources = {s.number: s for s in article.sources}
    return {"article": article, "sources": sources, "summary": summary_line(article).strip("*")}


def render_article_fragment(article: Article) -> str:
    return environment().get_template("article.html").render(**_context(article))


def render_html(article: Article) -> str:
    return environment().get_template("page.html").render(**_context(article))

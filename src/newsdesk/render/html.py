"""HTML through Jinja2 with autoescaping on: every string from a model or a source is escaped.

Each sentence is a focusable span; hovering or focusing it shows its verdict, score and supporting quote. Facts,
reasoning and opinion are marked apart (solid, dashed and dotted underlines, opinion in italics, and a label for
screen readers), so a reader never takes a judgement for a sourced fact; a legend under the dek says which is which.
Dropped sentences sit in a collapsible appendix. ``render_article_fragment`` is the same article without the
page around it, for the web app. A standalone page carries its own Content-Security-Policy
(no scripts, no requests but https images), since a saved file has no server to send one.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..models import Article, Sentence, web_url
from .markdown import published_day, summary_line


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: "" if x is None else f"{x:.2f}"
    env.filters["label"] = sentence_label
    env.filters["day"] = published_day
    env.filters["web_url"] = web_url  # only http(s) links, even from an article saved before URLs were checked
    return env


#: What the tooltip says a supported sentence of each role is: facts are supported, the rest only grounded.
SUPPORTED_LABELS = {"fact": "supported", "reasoning": "grounded in the sources", "opinion": "grounded in the sources"}


def sentence_label(sentence: Sentence) -> str:
    """ "Fact · supported", "Reasoning · grounded in the sources", "Fact · contradicted", "Not checked"."""
    if not sentence.verdict:
        return "Not checked"
    verdict = SUPPORTED_LABELS.get(sentence.role, "supported") if sentence.verdict == "supported" else sentence.verdict
    return f"{sentence.role.capitalize()} · {verdict}"


def decider_labels() -> dict[str, str]:
    """What each check of the verifier's registry is called for a reader (imported when a page is rendered, so
    that the commands that never render do not load the checks)."""
    from ..verify import DECIDER_LABELS

    return DECIDER_LABELS


def deciders_used(article: Article) -> list[tuple[str, str]]:
    """(name, label) of the checks that settled this article's verdicts, in the registry's order: the legend."""
    labels = decider_labels()
    used = {s.decided_by for section in article.all_sections() for s in section.sentences() if s.decided_by}
    return [(name, label) for name, label in labels.items() if name in used]


def _context(article: Article) -> dict[str, Any]:  # the template's variables
    sources = {s.number: s for s in article.sources}
    checked = any(s.verdict for section in article.all_sections() for s in section.sentences())
    return {
        "article": article,
        "sources": sources,
        "uncited": article.uncited_sources(),
        "summary": summary_line(article).strip("*"),
        "summary_counts": checked,
        "decider_labels": decider_labels(),
        "deciders": deciders_used(article),
    }


def render_article_fragment(article: Article) -> str:
    return environment().get_template("article.html").render(**_context(article))


def render_html(article: Article) -> str:
    return environment().get_template("page.html").render(**_context(article))

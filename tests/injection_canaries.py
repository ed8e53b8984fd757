"""The prompt-injection canary corpus (tests/data/canaries) as stories, and what an article must never publish."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import DATA

from newsdesk.ingest import load_story
from newsdesk.ingest.feeds import parse_feed
from newsdesk.models import Article, Story

CANARIES_DIR = DATA / "canaries"
CANARIES: list[dict] = json.loads((CANARIES_DIR / "canaries.json").read_text(encoding="utf-8"))
# Injections that ingest itself already drops (a saved page's hidden element or HTML comment never becomes text)
# or that sit in a field no prompt reads (a feed entry's author): screening has nothing left to set aside there.
GONE_BEFORE_SCREENING = {"12-feed-author", "25-html-hidden-div", "26-html-comment"}


def canary_path(canary: dict) -> Path:
    return CANARIES_DIR / canary["file"]


def canary_story(canary: dict) -> Story:
    path = canary_path(canary)
    if path.suffix == ".xml":
        feed = parse_feed(path.read_bytes(), str(path.resolve()))
        return feed.entries[0].to_story(feed)
    return load_story(str(path))


def triggers(canary: dict) -> list[str]:
    """Text whose presence in a prompt means the injection reached the model: its token, or its encoded blob."""
    found = [canary["token"]]
    found += re.findall(r"[A-Za-z0-9+/]{40,}={0,2}", canary["injected"])
    return found


def leaks(text: str, canary: dict) -> list[str]:
    """The canary's token, the word PWNED, or its claim's words, wherever they appear in ``text``."""
    lowered = text.lower()
    return [w for w in [canary["token"].lower(), "pwned", *canary["forbidden"]] if w in lowered]


def published_text(article: Article) -> str:
    """Everything a reader of the article sees: title, dek, every kept sentence, notes, the source list."""
    parts = [article.title, article.dek, *article.notes]
    parts += [s.text for section in article.all_sections() for b in section.blocks for s in b.sentences]
    parts += [section.note or "" for section in article.all_sections()]
    parts += [f"{s.title} {s.publisher or ''}" for s in article.sources]
    return "\n".join(parts)


FOOTER = re.compile(r"Checked against the sources: (\d+) of (\d+) sentences supported; (\d+) unsupported")


def footer_is_honest(article: Article, markdown: str) -> bool:
    """The footer's counts are those of the article's own sentences and dropped list."""
    match = FOOTER.search(markdown)
    if match is None:
        return False
    checked = [s for section in article.all_sections() for s in section.sentences() if s.verdict]
    supported = sum(1 for s in checked if s.verdict == "supported")
    return (int(match[1]), int(match[2]), int(match[3])) == (supported, len(checked), len(article.dropped))

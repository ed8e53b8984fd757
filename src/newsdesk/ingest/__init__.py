"""Turn what the user gives (text, file, stdin, JSON story; later URL, HTML page, feed) into a ``Story``."""

from __future__ import annotations

from ..errors import InputError
from ..models import Story
from ..reading import STDIN, read_capped
from .clean import clean_story
from .text import MAX_STORY_BYTES, decode_bytes, parse_story_text

__all__ = ["FeedNotStory", "load_story", "story_from_bytes", "story_from_text"]


def story_from_text(text: str, name: str = "input") -> Story:
    return clean_story(parse_story_text(text, name))


def load_story(arg: str, *, allow_private: bool = False) -> Story:
    """A story from ``-`` (stdin), a file path (text, Markdown, JSON, saved HTML) or a URL."""
    if arg == STDIN:
        data = read_capped(arg, limit=MAX_STORY_BYTES, what="story")
        if not data.strip():
            raise InputError("standard input is empty: pipe a story in, headline on the first line")
        return story_from_text(decode_bytes(data, "standard input"), "standard input")
    if arg.startswith(("http://", "https://")) or "://" in arg:
        from .web import story_from_url

        return story_from_url(arg, allow_private=allow_private)
    data = read_capped(arg, limit=MAX_STORY_BYTES, what="story")
    return story_from_bytes(data, arg)


class FeedNotStory(InputError):
    """A feed given where one story was asked for; ``name`` is the file's, so a face can say where feeds go."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def story_from_bytes(data: bytes, name: str) -> Story:
    """A story from a file's bytes (an upload, say): text, Markdown, JSON, or a saved HTML page."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    text = decode_bytes(data, name)
    from .feeds import looks_like_feed  # imported here: it brings the fetcher, which a text story never needs

    if looks_like_feed(data):
        raise FeedNotStory(
            f"{name} is a news feed (RSS or Atom), not one story: `newsdesk ingest {name}` stores its entries, "
            f"`newsdesk feed {name} --write` writes an article for each",
            name,
        )
    if name.lower().endswith((".html", ".htm")) or _looks_like_html(text):
        from .web import story_from_html

        story = story_from_html(text, url=None, name=name)  # clean_story applied there
        story.origin = "html"
        return story
    story = story_from_text(text, name)
    story.origin = "json" if story.origin == "json" else "file"
    return story


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return (
        head.startswith("<!doctype html")
        or head.startswith("<html")
        or ("<head" in head and "<body" in text[:5000].lower())
    )

"""Turn what the user gives (text, file, stdin, JSON story; later URL, HTML page, feed) into a ``Story``."""

from __future__ import annotations

from ..errors import InputError
from ..models import Story
from ..reading import STDIN, read_capped
from .clean import clean_story
from .sniff import FeedNotStory, looks_like_feed
from .text import MAX_STORY_BYTES, decode_bytes, decode_html, parse_story_text, refuse_binary

__all__ = ["FeedNotStory", "load_story", "looks_like_html", "story_from_bytes", "story_from_pasted", "story_from_text"]


def story_from_text(text: str, name: str = "input") -> Story:
    return clean_story(parse_story_text(text, name))


def story_from_pasted(text: str, name: str) -> Story:
    """A story typed or pasted (the web form's brief): an HTML document is read as the page it is, as a saved
    page is; anything else as a story text. Read as text, a pasted page's source was an article headed "<!"
    (Smoke test 39b #5)."""
    if looks_like_html(text):
        return _story_from_page(text, name)
    return story_from_text(text, name)


def load_story(arg: str, *, allow_private: bool = False) -> Story:
    """A story from ``-`` (stdin), a file path (text, Markdown, JSON, saved HTML) or a URL."""
    if arg == STDIN:
        data = read_capped(arg, limit=MAX_STORY_BYTES, what="story")
        if not data.strip():
            raise InputError("standard input is empty: pipe a story in, headline on the first line")
        refuse_binary(data, "standard input")
        if looks_like_html(page := decode_html(data)):  # a page piped in (curl ... | newsdesk write -)
            return _story_from_page(page, "standard input")
        return story_from_text(decode_bytes(data, "standard input"), "standard input")
    if arg.startswith(("http://", "https://")) or "://" in arg:
        from .web import story_from_url

        return story_from_url(arg, allow_private=allow_private)
    data = read_capped(arg, limit=MAX_STORY_BYTES, what="story")
    return story_from_bytes(data, arg)


def story_from_bytes(data: bytes, name: str) -> Story:
    """A story from a file's bytes (an upload, say): text, Markdown, JSON, or a saved HTML page."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    refuse_binary(data, name)
    if looks_like_feed(data):
        raise FeedNotStory(name)
    page = decode_html(data)
    if name.lower().endswith((".html", ".htm")) or looks_like_html(page):
        # a saved page is decoded as a fetched one is (its <meta charset>, UTF-8, windows-1252): the same bytes
        # read one way from either (Smoke test 39b #10)
        return _story_from_page(page, name)
    text = decode_bytes(data, name)
    story = story_from_text(text, name)
    story.origin = "json" if story.origin == "json" else "file"
    return story


def _story_from_page(html: str, name: str) -> Story:
    from .web import story_from_html  # imported here: it brings the fetcher, which a text story never needs

    story = story_from_html(html, url=None, name=name)  # clean_story applied there
    story.origin = "html"
    return story


def looks_like_html(text: str) -> bool:
    """An HTML document: it starts (after white space or a byte-order mark) with ``<!doctype html`` or ``<html``,
    or has a head and a body."""
    head = text.lstrip().lstrip("\ufeff").lstrip()[:500].lower()
    return (
        head.startswith("<!doctype html")
        or head.startswith("<html")
        or ("<head" in head and "<body" in text[:5000].lower())
    )

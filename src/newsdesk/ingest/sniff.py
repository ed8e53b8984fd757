"""What a document is, told from its first bytes, before any parser sees it: a news feed (RSS, RDF or Atom),
where one story was asked for, is refused with ``FeedNotStory``, which says where feeds go. A leaf module: the
story readers (``ingest``, ``ingest.web``) and the feed reader (``ingest.feeds``) all use it."""

from __future__ import annotations

import re

from ..errors import InputError

__all__ = ["FeedNotStory", "as_utf8_xml", "looks_like_feed"]


def as_utf8_xml(data: bytes) -> bytes:
    """An XML document in UTF-16 (it starts with the byte order mark) as UTF-8, its declaration saying so: XML
    allows either, and every check after this one reads bytes as UTF-8 would."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    text = data.decode("utf-16", errors="replace")  # a cut or damaged code unit is one replacement character
    return re.sub(r"""^(<\?xml[^>]*?encoding=)(["'])[^"']*\2""", r"\1\2utf-8\2", text, count=1).encode("utf-8")


def looks_like_feed(data: bytes) -> bool:
    """Whether a document starts like RSS, RDF or Atom (not like an HTML page, nor a text that mentions a tag),
    in UTF-8 or UTF-16."""
    head = as_utf8_xml(data[:4096])[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<") or head.startswith((b"<!doctype html", b"<html")):
        return False
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


class FeedNotStory(InputError):
    """A feed (a file or a URL, ``name``) given where one story was asked for: the message says where feeds go."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{self.opening(name)} `newsdesk ingest {name}` stores its entries, "
            f"`newsdesk feed {name} --write` writes an article for each"
        )
        self.name = name

    @staticmethod
    def opening(name: str) -> str:
        """How the message starts, in every face's words: a job page finds by it that a job's address was a feed."""
        return f"{name} is a news feed (RSS or Atom), not one story:"

    def for_web(self) -> str:
        """The Feeds page, where a browser user takes a feed (Smoke test 40a #19: a feed's URL failed after queueing
        with "is application/xml, not a web page"; a feed file had no way in)."""
        how = "watch its address" if "://" in self.name else "upload it"
        feeds_page = "on the Feeds page (/feeds) to store its entries and write an article for each"
        return f"{self.opening(self.name)} {how} {feeds_page}"

"""Feeds: RSS 0.9x/1.0/2.0 and Atom, read with feedparser, stored entry by entry, written article by article.

* ``read_feed`` takes a URL (fetched through the guarded fetcher, same size cap) or a file. A malformed ("bozo")
  feed still yields the entries that parsed; only a document with no entries at all is an error.
* Parsing is bounded (``budget.py``): fields capped and impossible characters replaced before feedparser, the
  parse itself in a child process with a deadline. Whatever feedparser raises on one entry skips that entry only.
* ``archive.intake.ingest_feed`` stores each entry as a story. An entry already seen (same guid, same link
  without tracking parameters, or same title+text hash) is not stored twice; seen in another feed, it is linked to
  the story stored then. The text is ``content:encoded`` when the feed carries it, else the summary, or with
  ``fetch_full`` the linked page read through the guard. Each entry is its own transaction, so a crash or
  Ctrl-C loses nothing stored.
What the archive does with a feed (storing its entries) is ``archive/intake.py``; writing an article for each
entry is the CLI's ``cli/feed_write.py``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import InputError
from ..models import Story, content_hash
from ..reading import read_capped
from .budget import check_markup, defuse_feed, run_bounded
from .clean import clean_story
from .fetch import DEFAULT_MAX_BYTES, FEED_TYPES, Fetcher
from .guard import normal_url
from .sniff import as_utf8_xml, looks_like_feed
from .text import published_date
from .web import html_to_text

__all__ = ["FEED_SUFFIXES", "Feed", "FeedEntry", "clean_link", "looks_like_feed", "parse_feed", "read_feed"]

MAX_TITLE_CHARS = 300
# Query parameters that only say "this click came from the feed": dropped so the same story dedups by link.
TRACKING_PARAMS = frozenset(
    {
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "at_custom3",
        "at_custom4",
        "traffic_source",
        "cmpid",
        "cmp",
        "ocid",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "rss",
        "ref",
        "smid",
        "partner",
        "feedtype",
        "feedname",
    }
)
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
# Paragraphs that feeds append to every entry: photo credits, "read more" links, WordPress's "The post ... appeared
# first on ...". They say nothing about the story and would make unrelated entries look alike to retrieval.
BOILERPLATE = re.compile(
    r"^\(?(image|photo|picture|video) credit:.*\)?$|^(continue reading|read more|read the full story)\b.{0,40}$"
    r"|^the post .{1,300} appeared first on .{1,100}$",
    re.IGNORECASE,
)


@dataclass
class FeedEntry:
    title: str
    text: str  # plain text, paragraphs separated by blank lines
    link: str | None = None  # without tracking parameters
    guid: str | None = None
    published: str | None = None  # ISO datetime in UTC
    author: str | None = None
    full_text: bool = False  # text came from content:encoded, not just the summary

    @property
    def content_hash(self) -> str:
        return content_hash(self.title + "\n" + self.text)

    def to_story(self, feed: Feed) -> Story:
        return clean_story(
            Story(
                headline=self.title,
                body=self.text or self.title,
                url=self.link,
                published=self.published,
                source=feed.publisher,
                author=self.author,
                language=feed.language,
                origin="feed",
            )
        )


@dataclass
class Feed:
    source: str  # the URL, or the absolute path of the file, it was read from: the feed's key in the archive
    title: str | None = None
    language: str | None = None
    link: str | None = None  # the site the feed belongs to (its channel link)
    entries: list[FeedEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per entry left out, and why
    problem: str | None = None  # what was malformed, when the feed parsed only partly
    # how the channel names its owner besides its title: description, copyright, image title, generator
    about: list[str] = field(default_factory=list)

    @property
    def publisher(self) -> str | None:
        """The outlet, named as the feed or its site names itself. A feed's title puts its section or slogan
        beside the outlet's name ("Outlet: Section", "Outlet - Section", "Outlet | Section", "Section – Outlet"),
        and the outlet is the part its site's address names ("Tech – TIME" on time.com -> "TIME", "The Harbor
        Times: World" on harbortimes.example -> "The Harbor Times"). A title with no such part but words that
        the address names gives those words ("NPR Topics: World" on npr.org -> "NPR", "NDTV News Search Records
        Found 1000" on ndtv.com -> "NDTV"), with the words after them that the channel's description, copyright
        or image title also uses ("BBC News" on bbc.co.uk, described as "BBC News - World"). The address is the
        channel's link, else the entries' links. Without any of that, the title's first part."""
        if not self.title:
            return None
        parts = [p.strip(" –—|-:") for p in _TITLE_PARTS.split(self.title) if p.strip(" –—|-:")]
        sites = [site for site in dict.fromkeys([_site_name(self.link), self._entries_site()]) if site]
        for site in sites:
            for part in parts:
                if _letters(part) in (site, "the" + site):
                    return part
        about = [text for text in self.about if text.strip() and text.strip() != self.title.strip()]
        for site in sites:
            for part in parts:
                if named := _named_within(part, site, about):
                    return named
        return (parts or [None])[0]

    def _entries_site(self) -> str:
        """The site most of the entries link to."""
        counts = Counter(_site_name(entry.link) for entry in self.entries if entry.link)
        counts.pop("", None)
        return counts.most_common(1)[0][0] if counts else ""


# between a feed title's parts: a dash or bar with spaces around it, or a colon followed by a space
_TITLE_PARTS = re.compile(r"\s+[–—|-]\s+|:\s+")


def _named_within(part: str, site: str, about: list[str]) -> str | None:
    """The words of ``part`` that its site's address names ("NPR" in "NPR Topics" for npr.org), extended by the
    words after them for as long as another text of the channel (``about``) uses the longer name too."""
    words = part.split()
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if _letters(" ".join(words[start:end])) not in (site, "the" + site):
                continue
            while end < len(words) and any(_uses(text, " ".join(words[start : end + 1])) for text in about):
                end += 1
            return " ".join(words[start:end])
    return None


def _uses(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def _letters(text: str) -> str:
    """Letters only, lower case, accents folded: "EL PAÍS" -> "elpais", "Al Jazeera" -> "aljazeera"."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isalpha() and c.isascii()).lower()


def _site_name(link: str | None) -> str:
    """The name a site's address gives it: the label before its public suffix ("time.com" -> "time",
    "english.elpais.com" -> "elpais", "www.bbc.co.uk" -> "bbc": a country's "co.uk" is one suffix)."""
    labels = [label for label in (urlsplit(link or "").hostname or "").split(".") if label]
    country_second_level = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    suffix = 2 if country_second_level else 1
    return _letters(labels[-suffix - 1]) if len(labels) > suffix else ""


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def read_feed(
    source: str, *, allow_private: bool = False, fetcher: Fetcher | None = None, stop: Callable[[], bool] | None = None
) -> Feed:
    """A feed from a URL (guarded fetch) or a file path. ``stop`` is asked between reads whether the caller still
    wants the feed (a cancelled poll: ``FetchStopped``), as for a page (``Fetcher``)."""
    if "://" in source:
        fetcher = fetcher or Fetcher(allow_private=allow_private, stop=stop)
        result = fetcher.get(source, accept=FEED_TYPES + ("text/plain",), what="feed")
        return parse_feed(result.content, normal_url(source), result.content_type)  # one feed, however written
    path = Path(source).expanduser()
    data = read_capped(source, limit=DEFAULT_MAX_BYTES, what="feed")
    return parse_feed(data, str(path.resolve()))


def parse_feed(data: bytes, source: str, content_type: str | None = None) -> Feed:
    """Parse a feed document within the parse budget; raises InputError when nothing in it is a feed entry."""
    data = as_utf8_xml(data)
    if not data.strip():
        raise InputError(f"{source} is empty, not a feed")
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):  # RSS and Atom are XML: a story, most likely
        raise InputError(
            f"{source} is not an RSS or Atom feed (a feed is XML): `newsdesk write` and `newsdesk ingest` take a "
            "story file"
        )
    check_markup(data, source)
    return run_bounded(_parse_document, defuse_feed(data), source, content_type, name=source)


def _parse_document(data: bytes, source: str, content_type: str | None) -> Feed:
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    try:
        # A stream, never bytes or str: given those, feedparser may treat them as a file name or URL to open.
        parsed = feedparser.parse(
            io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
        )
    except Exception as error:  # feedparser raises what its decoders raise; the feed is unreadable, not a crash
        raise InputError(f"{source} is not a readable RSS or Atom feed: {_one_line(error)}") from None
    problem = _one_line(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    raw_entries = parsed.get("entries") or []
    if not raw_entries and (problem or not parsed.get("version")):
        reason = f": {problem}" if problem else ""
        raise InputError(f"{source} is not a readable RSS or Atom feed{reason}")
    meta = parsed.get("feed") or {}
    feed = Feed(
        source=source,
        title=_text(meta.get("title")) or None,
        language=_language(meta.get("language")),
        link=_text(meta.get("link")) or None,
        problem=problem,
        about=[
            _text(value)
            for value in (
                meta.get("subtitle"),
                meta.get("rights"),
                (meta.get("image") or {}).get("title"),
                meta.get("generator"),
            )
            if value
        ],
    )
    for number, raw in enumerate(raw_entries, start=1):
        try:
            entry = _entry(raw)
        except Exception as error:  # one mangled entry is recorded and skipped; it must not sink the others
            feed.skipped.append(f"entry {number}: unreadable ({type(error).__name__}: {_one_line(error)[:200]})")
            continue
        if entry is None:
            feed.skipped.append(f"entry {number}: no title and no text")
            continue
        feed.entries.append(entry)
    if problem and not feed.entries:  # a feed cut off before its first whole entry: nothing in it can be read
        raise InputError(f"{source} is not a readable RSS or Atom feed: {problem}")
    return feed


def _entry(raw: Any) -> FeedEntry | None:
    summary = _entry_text(_text(raw.get("summary")))
    contents = [_entry_text(_text(c.get("value"))) for c in raw.get("content") or [] if isinstance(c, dict)]
    content = max(contents, key=len, default="")
    full_text = bool(content) and len(content) >= len(summary)
    text = content if full_text else summary
    title = " ".join(html_to_text(_text(raw.get("title"))).split())[:MAX_TITLE_CHARS]
    if not title and not text:
        return None
    if not title:
        words = text.split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    link = clean_link(_text(raw.get("link"))) or None
    guid = _text(raw.get("id")).strip() or None
    return FeedEntry(
        title=title,
        text=text,
        link=link,
        guid=guid,
        published=_published(raw),
        author=_text(raw.get("author")).strip() or None,
        full_text=full_text,
    )


def _entry_text(html: str) -> str:
    paragraphs = html_to_text(html).split("\n\n")
    return "\n\n".join(p for p in paragraphs if p and not BOILERPLATE.match(p))


def clean_link(link: str) -> str:
    """An http(s) link without its fragment and feed-tracking parameters (``utm_*``, ``at_medium``, ...)."""
    link = link.strip()
    if not link.startswith(("http://", "https://")):
        return ""
    try:
        parts = urlsplit(link)
    except ValueError:
        return ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _published(raw: Any) -> str | None:
    # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, with a warning.
    parsed = dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
    if parsed:
        try:
            year, month, day, hour, minute, second = parsed[:6]  # a time.struct_time, in UTC
            stamp = datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        except (TypeError, ValueError):
            pass
        else:  # a date feedparser reads is held to the same bounds (no year 9999, nothing after tomorrow)
            return stamp if published_date(stamp) is not None else None
    # a date feedparser could not read is read as a story file's is, or left out: never stored as written
    return published_date(_text(dict.get(raw, "published") or dict.get(raw, "updated")))


def _language(value: Any) -> str | None:
    match = re.match(r"\s*([a-zA-Z]{2,3})\b", _text(value))
    return match.group(1).lower() if match else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _one_line(error: Any) -> str:
    if error is None:
        return ""
    return " ".join(str(error).split()) or type(error).__name__

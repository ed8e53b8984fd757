"""What the archive does with what ingest read: every new entry of a feed stored as a story, or the one story
of a page or story file.

An entry already seen (same guid, same link without tracking parameters, or same title+text hash) is not stored
twice; seen in another feed, it is linked to the story stored then. An entry published again under its guid or
link with a title and text no entry had is a **revision** (a toll that rose through the day): it is stored as
a new story, a later entry of the same thread, so updates and feed polls take it in; the first text stays.
The text is ``content:encoded`` when the feed
carries it, else the summary, or with ``fetch_full`` the linked page read through the guard. Each entry is its own
transaction, so a crash or Ctrl-C loses nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NewsdeskError
from ..ingest.clean import check_article
from ..ingest.feeds import FEED_SUFFIXES, Feed, clean_link, looks_like_feed, parse_feed, read_feed
from ..ingest.fetch import FEED_TYPES, HTML_TYPES, Fetcher
from ..ingest.guard import normal_url
from ..ingest.web import story_from_html
from ..models import Story
from ..text import counted

if TYPE_CHECKING:
    from .base import Archive

__all__ = ["IngestReport", "Progress", "ingest_feed", "ingest_source"]

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    source: str
    title: str | None = None
    entries: int = 0  # entries in the feed document
    new: int = 0  # stories stored by this run
    duplicates: int = 0  # entries already in the archive
    revised: int = 0  # entries the feed published again with another title or text: stored as new stories
    skipped: list[str] = field(default_factory=list)
    fetch_failures: list[str] = field(default_factory=list)  # --fetch pages that could not be read (summary kept)
    problem: str | None = None
    kind: str = "feed"  # or "story": a page or story file stored as one story

    def summary(self) -> str:
        name = self.title or self.source
        if self.kind == "story":
            return f"{name}: {'stored' if self.new else 'already stored'}"
        line = f"{name}: {counted(self.entries, 'entry', 'entries')}, {self.new} new, {self.duplicates} already stored"
        if self.revised:
            line += f", {self.revised} revised (stored as new stories)"
        if self.skipped:
            line += f", {len(self.skipped)} skipped"
        if self.fetch_failures:
            line += f", {len(self.fetch_failures)} pages not fetched (summary kept)"
        return line


def ingest_feed(
    archive: Archive,
    feed: Feed,
    *,
    fetch_full: bool = False,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store every entry of ``feed`` that the archive does not hold yet; see the module docstring."""
    report = IngestReport(
        source=feed.source,
        title=feed.title,
        entries=len(feed.entries),
        skipped=list(feed.skipped),
        problem=feed.problem,
    )
    archive.feeds.add(feed.source, feed.title)
    for entry in feed.entries:
        known = archive.feeds.find_entry(feed.source, entry.guid, entry.link, entry.content_hash)
        other_item = known is not None and _other_item(known.guid, entry.guid)
        if other_item:
            known = None  # one link, two guids: two items a publisher links to one page (a live page, a newsletter)
        same = archive.feeds.with_content(feed.source, entry.content_hash) if known is not None else None
        if same is not None and same.feed_url == feed.source:
            report.duplicates += 1
            continue
        # its guid or link again, with a title and text no entry had: the same item, revised since
        revision = known is not None and same is None
        if same is not None:  # the same story came through another feed: share its row
            story_id = same.story_id
            report.duplicates += 1
        else:
            story = entry.to_story(feed)
            if revision and known is not None and not story.published:  # the item's date: it is the same item
                story.published = archive.get_story(known.story_id).published
            if fetch_full and not entry.full_text and entry.link:
                story = _with_full_text(story, entry.link, fetcher, report)
            story_id, created = archive.add_story(story, by_url=not (revision or other_item))
            if revision and created:
                report.revised += 1
            else:
                report.new += created
                report.duplicates += not created
        archive.feeds.add_entry(feed.source, entry.guid, entry.link, entry.content_hash, story_id)
        if progress:
            progress(f"stored: {entry.title}")
    return report


def _other_item(stored: str | None, given: str | None) -> bool:
    """Whether two guids name two items: both given and different, unless both are the same page's address once
    tracking parameters are dropped (``clean_link``)."""
    if not stored or not given or stored == given:
        return False
    return not (clean_link(stored) and clean_link(stored) == clean_link(given))


def ingest_source(
    archive: Archive,
    source: str,
    *,
    fetch_full: bool = False,
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store what ``source`` holds: every entry of a feed, or the one story of a page or story file."""
    from ..ingest import load_story

    fetcher = fetcher or Fetcher(allow_private=allow_private)
    if "://" in source:
        result = fetcher.get(source, accept=FEED_TYPES + HTML_TYPES + ("text/plain",), what="feed or web page")
        if result.content_type in FEED_TYPES or looks_like_feed(result.content):
            feed = parse_feed(result.content, normal_url(source), result.content_type)  # one feed, however written
            return ingest_feed(archive, feed, fetch_full=fetch_full, fetcher=fetcher, progress=progress)
        story = story_from_html(result.text(), url=result.url, name=source)
        story.origin = "url"
    else:
        path = Path(source).expanduser()
        if path.suffix.lower() in FEED_SUFFIXES or (path.is_file() and looks_like_feed(_head(path))):
            return ingest_feed(archive, read_feed(source), fetch_full=fetch_full, fetcher=fetcher, progress=progress)
        story = load_story(source, allow_private=allow_private)
    # what ``write`` refuses as no article is not stored either: it would be a thread entry and background later
    check_article(story, source)
    _, created = archive.add_story(story)
    return IngestReport(
        source=source, title=story.headline, entries=1, new=int(created), duplicates=int(not created), kind="story"
    )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(2048)
    except OSError:
        return b""


def _with_full_text(story: Story, link: str, fetcher: Fetcher | None, report: IngestReport) -> Story:
    fetcher = fetcher or Fetcher()
    try:
        result = fetcher.get(link, accept=HTML_TYPES, what="web page")
        page = story_from_html(result.text(), url=link, name=link)
    except NewsdeskError as error:
        report.fetch_failures.append(f"{link}: {error}")
        return story
    if len(page.body) <= len(story.body):
        return story
    story.body = page.body
    story.author = story.author or page.author
    story.language = page.language or story.language
    story.source = story.source or page.source
    return story

"""``newsdesk feed --write``: an article for every entry of a feed that has none yet, each file saved atomically
and its article id recorded on the entry only afterwards, so a rerun skips what is done and writes the rest once."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..files import slugify, write_atomically

if TYPE_CHECKING:
    from ..archive import Archive
    from ..models import Article
    from ..pipeline import WriteOptions
    from ..pipeline.develop import UpdateResult

__all__ = ["WriteReport", "write_articles"]

Progress = Callable[[str], None]


@dataclass
class WriteReport:
    written: list[Path] = field(default_factory=list)  # one file per article this run wrote
    already_done: int = 0
    copied: list[Path] = field(default_factory=list)  # saved articles of entries already done, missing from the folder
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (story id, why): entries no article is made of
    updated: list[Path] = field(default_factory=list)  # one file per earlier article this run gave a new version
    # (story id, article id, why): entries whose thread's article they left at its version (already one of its
    # sources, or an update that kept no sentence): no article of their own, and no "already had one" either
    kept: list[tuple[int, int, str]] = field(default_factory=list)
    # article id -> the list (written or updated) and index of its file: the id is data the run has, not something
    # to read back out of a file name
    _places: dict[int, tuple[list[Path], int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def saved(self, article_id: int, path: Path, updated: bool) -> None:
        """Record an article's file once: an article written or updated again in the same run (a later entry of
        its thread) keeps one place in the report, with its latest file (a new title is a new file name)."""
        if article_id in self._places:
            paths, index = self._places[article_id]
            paths[index] = path
            return
        paths = self.updated if updated else self.written
        self._places[article_id] = (paths, len(paths))
        paths.append(path)


def write_articles(
    archive: Archive,
    feed_source: str,
    out_dir: Path,
    options: WriteOptions,
    *,
    fmt: str = "md",
    limit: int | None = None,
    progress: Progress | None = None,
    on_event: Callable[[Any], None] | None = None,
    develop: bool = True,
) -> WriteReport:
    """Write an article for each entry of the feed that has none, in feed order. An entry whose story cannot be
    written (it does not read as an article) is skipped with its reason, and the rest are still written.

    With ``develop``, an entry whose story thread already has an article updates that article to a new version
    (``newsdesk.pipeline.develop``) instead of getting an article of its own.

    ``progress`` is told, for each entry it handles, what became of it, in one line after its headline: written as
    article N, made version K of article N, article N left at its version and why, or skipped and why."""
    from ..pipeline import write_article
    from ..render import ARTICLE_SUFFIXES

    if fmt not in ARTICLE_SUFFIXES:
        raise InputError(f"unknown article format {fmt!r}: use one of {', '.join(ARTICLE_SUFFIXES)}")
    try:
        out_dir.mkdir(exist_ok=True)  # the folder, never a tree (a typo would make one)
    except OSError as error:
        raise InputError(f"cannot create {out_dir}: {error.strerror}") from None
    report = WriteReport()
    done_stories: set[int] = set()
    for entry in archive.feeds.entries(feed_source):
        story_id = entry.story_id
        if entry.article_id is not None or story_id in done_stories:
            report.already_done += 1
            if entry.article_id is not None and story_id not in done_stories:
                done_stories.add(story_id)
                copy = _saved_copy(archive, int(entry.article_id), out_dir, fmt)
                report.copied.extend([copy] if copy else [])
            continue
        if limit is not None and len(report.written) + len(report.updated) >= limit:
            break
        article_id = entry.story_article_id  # written before a crash, but not yet recorded on the entry
        updated = False
        if progress:
            progress(f"entry: {entry.headline}")
        if article_id is not None and archive.feeds.recorded(int(article_id)):
            # the story came in another feed too, and its entry there has the article: this one already had one
            _already_had(archive, report, entry.id, int(article_id), out_dir, fmt)
            done_stories.add(story_id)
            if progress:
                progress(f"  already had article {article_id} (its story came in another feed too)")
            continue
        if article_id is None and develop:
            result = _develop(archive, story_id, options, on_event)
            if result is not None and not result.updated:  # the thread's article stays as it was: say why
                kept_id = int(result.article.id or 0)
                _record(archive, report, entry.id, kept_id, out_dir, fmt)
                report.kept.append((story_id, kept_id, result.not_saved))
                done_stories.add(story_id)
                if progress:
                    progress(f"  {result.not_saved or f'article {kept_id} stays at version {result.article.version}'}")
                continue
            if result is not None:
                article_id, updated = result.article.id, True
        if article_id is not None:
            article = archive.get_article(int(article_id))
        else:
            story = archive.get_story(story_id)
            if progress:
                progress("  writing an article of its own (its thread has no article about its event)")
            started = time.monotonic()
            try:
                article = write_article(story, options, archive, on_event=on_event)
            except InputError as error:  # this entry's own input: the entries after it are still written
                report.skipped.append((story_id, str(error)))
                if progress:
                    progress(f"  skipped: {error}")
                continue
            if progress:
                progress(f"  done in {time.monotonic() - started:.0f} s")
        path = _article_file(out_dir, article, fmt)
        archive.feeds.set_entry_article(entry.id, int(article.id or 0))
        done_stories.add(story_id)
        report.saved(int(article.id or 0), path, updated)
        if progress:
            what = (
                f"made version {article.version} of article {article.id}"
                if updated
                else f"written as article {article.id}"
            )
            progress(f"  {what}: {path}")
    return report


def _already_had(
    archive: Archive, report: WriteReport, entry_id: int, article_id: int, out_dir: Path, fmt: str
) -> None:
    """The entry's story has ``article_id`` already: recorded on the entry (``_record``), and counted as done."""
    _record(archive, report, entry_id, article_id, out_dir, fmt)
    report.already_done += 1


def _record(archive: Archive, report: WriteReport, entry_id: int, article_id: int, out_dir: Path, fmt: str) -> None:
    """``article_id`` recorded as the entry's, and its file saved in ``out_dir`` when the folder has none."""
    archive.feeds.set_entry_article(entry_id, article_id)
    copy = _saved_copy(archive, article_id, out_dir, fmt)
    report.copied.extend([copy] if copy else [])


def _saved_copy(archive: Archive, article_id: int, out_dir: Path, fmt: str) -> Path | None:
    """The saved article written into ``out_dir`` when the folder has no file of it (a new --out, a file deleted):
    a rerun leaves the folder holding every article of the feed, at no model call. None when a file is there."""

    from ..render import ARTICLE_SUFFIXES

    if any(out_dir.glob(f"{article_id}-*{ARTICLE_SUFFIXES[fmt]}")):
        return None
    return _article_file(out_dir, archive.get_article(article_id), fmt)


def _article_file(out_dir: Path, article: Article, fmt: str) -> Path:
    """The article rendered to ``out_dir/ARTICLE-ID-SLUG.SUFFIX``, atomically; one file per article: a file of an
    earlier version, named after its title then, goes."""
    from ..render import ARTICLE_SUFFIXES, render

    suffix = ARTICLE_SUFFIXES[fmt]
    path = out_dir / f"{article.id}-{slugify(article.title)}{suffix}"
    write_atomically(path, render(article, fmt))
    for stale in out_dir.glob(f"{article.id}-*{suffix}"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def _develop(
    archive: Archive, story_id: int, options: WriteOptions, on_event: Callable[[Any], None] | None
) -> UpdateResult | None:
    """The entry's thread's article, updated with this entry where it adds to it (``update_thread_article``, the
    one decision the web app's feed jobs make too); None when no article of its thread is about its event."""
    from ..pipeline.develop import update_thread_article

    return update_thread_article(archive, story_id, options, on_event=on_event)

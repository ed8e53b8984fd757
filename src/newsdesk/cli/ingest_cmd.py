"""``newsdesk extract``, ``ingest``, ``feed`` and ``archive``: reading pages and feeds, and what the archive holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..archive import Archive
from ..errors import InputError, NewsdeskError
from ..render import FORMATS
from ..text import counted
from .common import (
    ROW_ID,
    archive_option,
    judge_option,
    model_options,
    open_archive,
    progress_printer,
    retrieval_options,
    write_options,
)

allow_private_option = click.option(
    "--allow-private",
    is_flag=True,
    envvar="NEWSDESK_ALLOW_PRIVATE",
    help="Allow URLs on private, loopback and link-local addresses (intranet use).",
)
fetch_option = click.option(
    "--fetch",
    "fetch_full",
    is_flag=True,
    help="For entries whose feed carries only a summary, read the linked page (through the same URL guard).",
)


def register(cli: click.Group) -> None:
    for command in (extract, ingest, feed, archive):
        cli.add_command(command)


@click.command()
@click.argument("source", metavar="URL_OR_HTML_FILE")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@allow_private_option
def extract(source: str, fmt: str, allow_private: bool) -> None:
    """Show what newsdesk reads from a web page or saved HTML file: title, author, date, language, text.

    \b
    Examples:
      newsdesk extract https://example.org/news/story.html
      newsdesk extract saved-page.html --format json
    """
    from ..ingest import load_story

    story = load_story(source, allow_private=allow_private)
    data = {
        "title": story.headline,
        "author": story.author,
        "published": story.published,
        "language": story.language,
        "site": story.source,
        "url": story.url,
        "text": story.body,
    }
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key in ("title", "author", "published", "language", "site", "url"):
        if data[key]:
            click.echo(f"{key.capitalize()}: {data[key]}")
    click.echo(f"\n{story.body}")


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="FEED_URL_OR_FILE...")
@fetch_option
@allow_private_option
@archive_option
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line per source.")
def ingest(sources: tuple[str, ...], fetch_full: bool, allow_private: bool, db: str | None, quiet: bool) -> None:
    """Store every entry of each feed in the archive (deduplicated); a page or story file is stored as one story.

    Rerunning is safe: entries already stored are skipped.

    \b
    Examples:
      newsdesk ingest https://feeds.bbci.co.uk/news/world/rss.xml
      newsdesk ingest feeds/*.xml --fetch
      newsdesk ingest background-story.md https://example.org/news/story.html
    """
    from ..archive.intake import ingest_source

    archive = open_archive(db)
    failed = 0
    for source in sources:
        try:
            report = ingest_source(archive, source, fetch_full=fetch_full, allow_private=allow_private)
        except NewsdeskError as error:
            if len(sources) == 1:
                raise
            failed += 1
            said = str(error)
            click.echo(f"Error: {said}" if said.startswith(source) else f"Error: {source}: {said}", err=True)
            continue
        click.echo(report.summary())
        if not quiet:
            for line in (
                ([f"warning: malformed feed, kept what parsed: {report.problem}"] if report.problem else [])
                + [f"skipped {line}" for line in report.skipped]
                + report.fetch_failures
            ):
                click.echo(f"  {line}", err=True)
    _thread(archive)
    if failed:
        raise InputError(f"{failed} of {len(sources)} sources could not be ingested")


def _thread(archive: Archive) -> None:
    """Every stored story joins a story thread (``newsdesk stories``) as soon as it is stored."""
    from ..threads import update_threads

    update = update_threads(archive)
    for change in update.changes:
        others = ", ".join(map(str, change.other_ids))
        threads = "thread" if len(change.other_ids) == 1 else "threads"
        if change.kind == "merged":
            line = f"thread {change.thread_id} took in {threads} {others} (their stories tell one story)"
        else:
            line = f"thread {change.thread_id} split: part of it is {threads} {others} now"
        click.echo(f"  {line} (newsdesk stories)", err=True)


@click.command()
@click.argument("source", metavar="FEED_URL_OR_FILE")
@click.option("--write", "do_write", is_flag=True, help="Write an article for each entry that has none yet.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder for the articles (with --write).")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True, help="Article file format."
)
@click.option("--limit", type=click.IntRange(1), help="Write at most this many articles in this run.")
@fetch_option
@model_options
@click.option("-t", "--template", help="A template YAML file, or a bundled template name.  [default: default]")
@retrieval_options
@click.option("--no-verify", is_flag=True, help="Skip the source check.")
@judge_option
@click.option("--no-cache", is_flag=True, help="Call the model even when an identical call is cached.")
@allow_private_option
@archive_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on standard error.")
def feed(
    source: str,
    do_write: bool,
    out: str | None,
    fmt: str,
    limit: int | None,
    fetch_full: bool,
    model: str | None,
    base_url: str | None,
    context_length: int | None,
    template: str | None,
    background: int,
    rerank: bool,
    no_verify: bool,
    judge: bool,
    no_cache: bool,
    allow_private: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Store a feed's new entries and, with --write, write an article for each entry that has none.

    A run is resumable: every entry and every article is stored as soon as it is done, so after a crash or
    Ctrl-C a rerun writes only the articles still missing. Files are named ARTICLE-ID-SLUG.md in --out; an
    article saved earlier whose file --out lacks is copied there from the archive.

    \b
    Examples:
      newsdesk feed https://feeds.npr.org/1004/rss.xml
      newsdesk feed world.xml --write --out articles/
      newsdesk feed world.xml --write --out articles/ --limit 3 --template short.yaml
    """
    from ..archive.intake import ingest_feed
    from ..ingest.feeds import read_feed
    from ..ingest.fetch import Fetcher
    from .feed_write import write_articles

    if do_write and not out:
        raise InputError("--write needs --out DIR: the folder the articles are written to")
    if out and not do_write:
        raise InputError("--out names the folder --write writes to: add --write to write the articles")
    parent = Path(out).parent if out else None
    if (
        parent is not None and not parent.is_dir()
    ):  # before the feed is read: a typo must not cost a run nor make a tree
        what = "is a file, not a folder" if parent.exists() else "does not exist (--out makes one folder, not a path)"
        raise InputError(f"--out {out}: {parent} {what}")
    archive = open_archive(db)
    parsed = read_feed(source, allow_private=allow_private)
    report = ingest_feed(archive, parsed, fetch_full=fetch_full, fetcher=Fetcher(allow_private=allow_private))
    click.echo(report.summary(), err=True)
    if report.problem and not quiet:
        click.echo(f"  warning: malformed feed, kept what parsed: {report.problem}", err=True)
    _thread(archive)
    if not do_write:
        for entry in archive.feeds.entries(parsed.source):
            done = entry.article_id or entry.story_article_id
            status = f"article {done}" if done else "no article"
            click.echo(f"{entry.story_id:>6}  {status:<12}  {entry.headline}")
        return
    options = write_options(click.get_current_context().params)
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    with progress_printer(quiet) as on_event:
        written = write_articles(
            archive,
            parsed.source,
            Path(out or "."),
            options,
            fmt=fmt,
            limit=limit,
            progress=progress,
            on_event=on_event,
        )
    skipped = f"; {counted(len(written.skipped), 'entry', 'entries')} skipped" if written.skipped else ""
    copied = f" ({len(written.copied)} saved there from the archive)" if written.copied else ""
    updated = f", {counted(len(written.updated), 'article')} updated to a new version" if written.updated else ""
    # an entry its thread's article already holds had no article of its own: it is counted apart, with its reason
    # on its own line above
    kept = (
        f"; {counted(len(written.kept), 'entry', 'entries')} left its thread's article as it was"
        if written.kept
        else ""
    )
    click.echo(
        f"{counted(len(written.written), 'article')} written{updated} to {out}; "
        f"{counted(written.already_done, 'entry', 'entries')} already had one{copied}{kept}{skipped}",
        err=True,
    )
    for story_id, _article_id, why in written.kept:
        click.echo(f"  story {story_id}: {why}", err=True)
    for story_id, why in written.skipped:
        click.echo(f"  warning: story {story_id} skipped: {why}", err=True)
    for path in dict.fromkeys([*written.written, *written.updated, *written.copied]):  # each file once
        click.echo(str(path))


@click.group()
def archive() -> None:
    """What the archive holds: stories (from files, pages and feeds) and feeds."""


@archive.command("search")
@click.argument("query", default="")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@archive_option
def search(query: str, limit: int, fmt: str, db: str | None) -> None:
    """Stories matching any word of QUERY (full-text search), best match first; no QUERY lists the newest stories.

    Each line starts with the STORY id (for `archive show`); the articles written about the story follow with
    their ARTICLE ids (for `newsdesk show`).

    \b
    Example:
      newsdesk archive search "ceasefire talks"
    """
    store = open_archive(db, must_exist=True)
    rows = store.search_stories(query, limit=limit)
    articles = store.article_ids([int(row["id"]) for row in rows]) if rows else {}
    for row in rows:
        row["article_ids"] = articles.get(int(row["id"]), [])
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No stories match." if query.strip() else "The archive holds no stories yet.", err=True)
        return
    click.echo(f"{'story':>6}  {'date':<10}  {'source':<20}  headline")
    for row in rows:
        date = (row.get("published") or "")[:10] or "-"
        source = row.get("source") or row.get("origin") or ""
        click.echo(f"{row['id']:>6}  {date:<10}  {source[:20]:<20}  {row['headline']}")
        snippet = " ".join((row.get("snippet") or "").split())
        if snippet:
            click.echo(f"{'':>8}{snippet}")
        if row["article_ids"]:
            click.echo(
                f"{'':>8}articles: {', '.join(map(str, row['article_ids']))}  (newsdesk show {row['article_ids'][-1]})"
            )
    click.echo(
        "Story ids go to `newsdesk archive show STORY` and `newsdesk write STORY`; "
        "article ids to `newsdesk show ARTICLE`.",
        err=True,
    )


@archive.command("show")
@click.argument("story_id", type=ROW_ID, metavar="STORY_ID")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--passages", is_flag=True, help="Also list the story's passages (the units of retrieval).")
@archive_option
def show(story_id: int, fmt: str, passages: bool, db: str | None) -> None:
    """One stored story, by its STORY_ID (from `archive search`; an article has its own id: `newsdesk show`)."""
    store = open_archive(db, must_exist=True)
    story = store.get_story(story_id)
    chunks = store.passages(story_id) if passages else []
    if fmt == "json":
        data = story.to_dict()
        if passages:
            data["passages"] = [p.to_dict() for p in chunks]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(story.headline)
    for key in ("url", "published", "source", "author", "language", "origin"):
        value = getattr(story, key)
        if value:
            click.echo(f"{key.capitalize()}: {value}")
    click.echo(f"\n{story.body}")
    for passage in chunks:
        click.echo(f"\n[passage {passage.position}] {passage.text}")


@archive.command("feeds")
@archive_option
def feeds(db: str | None) -> None:
    """The feeds ingested so far, with their entry and article counts."""
    rows = open_archive(db, must_exist=True).feeds.all()
    if not rows:
        click.echo("No feeds ingested yet.", err=True)
    for row in rows:
        entries, articles = counted(row.entries, "entry", "entries"), counted(row.articles, "article")
        click.echo(f"{entries:>13}  {articles:>14}  {row.title or ''}  {row.url}")

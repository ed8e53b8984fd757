"""``newsdesk stories``: the story threads of the archive, each an event or developing story told over entries."""

from __future__ import annotations

import json

import click

from ..text import counted
from .common import archive_option, open_archive


def register(cli: click.Group) -> None:
    cli.add_command(stories)


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--min-entries",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Only threads with at least this many entries (2: stories told more than once).",
)
@archive_option
def stories(fmt: str, min_entries: int, db: str | None) -> None:
    """The archive's story threads, most recently active first, each with its entries oldest first.

    Every stored story joins a thread: entries close in time that say the same thing about the same people,
    organisations and places. Stories stored since the last listing are threaded first (the first time, the
    encoder and spaCy read each story once: about half a second a story on 2 cores).

    \b
    Examples:
      newsdesk stories
      newsdesk stories --min-entries 2
      newsdesk stories --format json --db newsdesk.db
    """
    from ..archive import storage_fault
    from ..threads import list_threads, unthreaded, update_threads

    archive = open_archive(db, must_exist=True)
    left = 0  # stories stored but not threaded: a read-only database cannot thread them
    try:
        update_threads(archive)
    except Exception as error:
        if storage_fault(error) is None:
            raise  # a bug, shown as one
        # a listing only reads: a read-only database lists its threads as last stored, and says what is missing
        left = unthreaded(archive)
        click.echo(
            f"note: the database is read-only, so {counted(left, 'story', 'stories')} stored since the last "
            f"listing {'is' if left == 1 else 'are'} not threaded and not listed",
            err=True,
        )
    threads = list_threads(archive, min_entries=min_entries)
    if fmt == "json":
        click.echo(json.dumps([t.to_dict() for t in threads], indent=2, ensure_ascii=False))
        return
    if not threads:
        if left:
            return  # the note said why nothing is listed: "holds no stories" would be untrue
        click.echo(
            "The archive holds no stories yet." if min_entries == 1 else "No thread has that many entries.", err=True
        )
        return
    for thread in threads:
        span = f"{(thread.first_seen or '')[:10]} to {(thread.last_seen or '')[:10]}"
        click.echo(f"thread {thread.id}  {span}  {counted(len(thread.entries), 'entry', 'entries')}  {thread.title}")
        for entry in thread.entries:
            date = (entry.published or "")[:10] or "-"
            click.echo(f"  story {entry.story_id:>5}  {date:<10}  {(entry.publisher or '')[:20]:<20}  {entry.headline}")

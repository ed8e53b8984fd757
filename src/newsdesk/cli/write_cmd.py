"""``newsdesk write``: a story in, a checked article out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ..archive import Archive
from ..errors import InputError, NotFoundError
from ..models import MAX_ROW_ID, Article
from ..pipeline import Drafting, Event, write_article
from ..pipeline.options import same_request_key
from ..render import render
from ..text import ascii_number, counted
from .common import (
    ROW_ID,
    archive_option,
    check_output,
    format_option,
    judge_option,
    model_options,
    open_archive,
    output_format,
    progress_printer,
    retrieval_options,
    write_options,
    write_output,
)


def register(cli: click.Group) -> None:
    cli.add_command(write)
    cli.add_command(show)


@click.command()
@click.argument("source", metavar="STORY")
@format_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the article to this file instead of standard output (- is standard output).",
)
@model_options
@click.option("-t", "--template", help="A template YAML file, or a bundled template name.  [default: default]")
@click.option(
    "--drafting",
    type=click.Choice(["auto", "grounded", "free"]),
    default="auto",
    show_default=True,
    help="grounded: fact and summary sections are built from source sentences; free: the model writes "
    "every section; auto: grounded for the embedded model, free for servers.",
)
@retrieval_options
@click.option("--no-verify", is_flag=True, help="Skip the source check (sentences are then left unchecked).")
@judge_option
@click.option("--no-cache", is_flag=True, help="Call the model even when an identical call is cached.")
@click.option(
    "--allow-private",
    is_flag=True,
    envvar="NEWSDESK_ALLOW_PRIVATE",
    help="Allow URLs on private, loopback and link-local addresses (intranet use).",
)
@click.option(
    "--regenerate",
    is_flag=True,
    help="Write a new article even when one with the same options is stored (by default that one is "
    "returned, in any format, without calling the model). Every model call is made again, none from the cache; "
    "a new article that reads word for word as a stored one is not saved again.",
)
@archive_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on standard error.")
def write(
    source: str,
    fmt: str | None,
    output: str | None,
    model: str | None,
    base_url: str | None,
    context_length: int | None,
    template: str | None,
    drafting: Drafting,
    background: int,
    rerank: bool,
    no_verify: bool,
    judge: bool,
    no_cache: bool,
    allow_private: bool,
    regenerate: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Write a grounded analysis article about STORY.

    STORY is a text or Markdown file (first line = headline; optional 'Source: URL' and 'Date: YYYY-MM-DD'
    lines), a JSON story {"headline", "body", "url", "published", "source"}, a saved HTML page, a URL, - for
    standard input, or the id of a story already in the archive (`archive search` lists them).

    \b
    Examples:
      newsdesk write examples/webb-launch.md
      newsdesk write story.txt --format json -o article.json
      cat story.txt | newsdesk write -
      newsdesk write 12                  # story 12 of the archive, e.g. a feed entry `ingest` stored
      newsdesk write story.txt --model path/to/other.gguf
      newsdesk write story.txt --model openai:llama3.2 --base-url http://127.0.0.1:11434/v1
      newsdesk write story.txt --model openai:local --base-url http://127.0.0.1:8080/v1 --context-length 2048
    """
    from ..ingest import load_story

    check_output(output, db, keep=[source])  # before the run, not after it
    output_format(fmt, output)
    if not source.strip():  # "" would be read as the current folder
        raise InputError("STORY is empty: give a story file, a URL, - for standard input, or a stored story's id")
    story_id = archived_story_id(source)
    if story_id is not None:
        archive = open_archive(db, must_exist=True)
        if not 0 < story_id <= MAX_ROW_ID:  # no story has it (and past what the archive holds, the query overflows)
            raise NotFoundError(f"no story with id {story_id}")
        story = archive.get_story(story_id)
    else:
        story = load_story(source, allow_private=allow_private)
        archive = open_archive(db)
    options = replace(write_options(click.get_current_context().params), fresh=regenerate)
    if not regenerate and not no_cache:
        options = replace(options, request_key=same_request_key(story, options))
    reused: list[int] = []
    same: list[int] = []

    with progress_printer(quiet) as print_event:

        def on_event(event: Event) -> None:
            if event.stage == "done" and event.data.get("reused"):
                reused.append(int(event.data["article_id"]))
            if event.stage == "done" and event.data.get("same"):
                same.append(int(event.data["article_id"]))
            print_event(event)

        article = write_article(story, options, archive, on_event=on_event)
    write_output(render(article, output_format(fmt, output)), output, saved_as=article.id, db=db)
    if not quiet and reused and article.version > 1:
        # what is shown is the article as it stands, which later reports of its thread have updated: not what
        # this story alone gave (Smoke test 42 #22)
        click.echo(
            f"Article {article.id} was written from this story before and has since been updated from later "
            f"reports, to version {article.version}: shown as it stands (`newsdesk show {article.id} --version 1` "
            "shows it as first written; --regenerate writes a new one).",
            err=True,
        )
    elif not quiet and reused:
        click.echo(
            f"Article {article.id} was written with the same options before: shown again "
            "(--regenerate writes a new one).",
            err=True,
        )
    elif not quiet and same:
        click.echo(
            f"The new article reads word for word as article {article.id}: shown again, no copy saved "
            "(the model's answers were the same; another model or template writes another article).",
            err=True,
        )
    elif not quiet:
        click.echo(summary(article, archive), err=True)


def archived_story_id(source: str) -> int | None:
    """A bare number that names no file is a story id: what `archive search` and `ingest` print. One past what an
    archive holds is an id still, of no story (it is no file name either: "no such file" would mislead)."""
    number = ascii_number(source)
    if number is not None and not Path(source).exists():
        return number
    return None


@click.command()
@click.argument("article_id", type=ROW_ID, metavar="ARTICLE_ID")
@format_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.option("--version", "version", type=ROW_ID, help="An earlier version (`newsdesk update` makes them).")
@archive_option
def show(article_id: int, fmt: str | None, output: str | None, version: int | None, db: str | None) -> None:
    """Print a saved article again, in any format.

    ARTICLE_ID is an article's id: `write` prints it ("saved as article N") and `archive search` lists each
    story's articles. A story id is something else: `archive show STORY_ID` prints the story.

    \b
    Example:
      newsdesk show 3 --format html -o article.html
      newsdesk show 3 --version 1
    """
    check_output(output, db)
    output_format(fmt, output)
    archive = open_archive(db, must_exist=True)
    try:
        article = archive.get_article(article_id)
    except NotFoundError:
        raise NotFoundError(
            f"no article with id {article_id} (article ids are listed per story by "
            "`newsdesk archive search`; a story id goes to `newsdesk archive show`)"
        ) from None
    if version is not None:
        from ..pipeline.develop import get_version

        article = get_version(archive, article_id, version)
    write_output(render(article, output_format(fmt, output)), output)


def summary(article: Article, archive: Archive) -> str:
    """The line after an article: its model calls and tokens, the sentences dropped, and where it was saved."""
    s = article.stats
    cached = f" ({s.cached_calls} from cache)" if s.cached_calls else ""
    return (
        f"Done: {counted(s.llm_calls, 'LLM call')}{cached}, {s.prompt_tokens:,} prompt + {s.completion_tokens:,} "
        f"completion tokens ({s.prefix_cached_tokens:,} prompt tokens reused), {s.seconds:.1f} s; "
        f"{counted(len(article.dropped), 'sentence')} dropped (repeats and unsupported); "
        f"saved as article {article.id} in {archive.location}"
    )


__all__ = ["register", "write", "Event"]

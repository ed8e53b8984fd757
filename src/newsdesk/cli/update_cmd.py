"""``newsdesk update``: a new version of an article from the later entries of its story thread."""

from __future__ import annotations

import click

from ..render import render
from ..text import counted
from .common import (
    ROW_ID,
    archive_option,
    check_output,
    format_option,
    model_options,
    open_archive,
    output_format,
    progress_printer,
    write_output,
)


def register(cli: click.Group) -> None:
    cli.add_command(update)


@click.command()
@click.argument("article_id", type=ROW_ID, metavar="ARTICLE_ID")
@format_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@model_options
@click.option(
    "-t", "--template", help="A template YAML file, or a bundled template name.  [default: the article's, if bundled]"
)
@archive_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on standard error.")
def update(
    article_id: int,
    fmt: str | None,
    output: str | None,
    model: str | None,
    base_url: str | None,
    context_length: int | None,
    template: str | None,
    db: str | None,
    quiet: bool,
) -> None:
    """Update an article with the entries its story thread gained since it was written.

    The new version is written from the newest entry with the earlier ones as background; a sentence of the
    previous version that a later source contradicts is listed as a correction in the Updates log. Earlier
    versions are kept (`newsdesk show ID --version K`). Without later entries nothing is written.

    \b
    Examples:
      newsdesk ingest follow-up.md && newsdesk update 3
      newsdesk update 3 --format json -o article.json
    """
    from ..pipeline import WriteOptions
    from ..pipeline.develop import update_article
    from ..template import bundled_templates, load_template

    check_output(output, db)  # before the run, not after it
    output_format(fmt, output)
    if template is not None:
        load_template(template)  # a template that does not load is refused even when there is nothing to update
    archive = open_archive(db, must_exist=True)
    previous = archive.get_article(article_id)
    if template is None and previous.template not in bundled_templates():
        click.echo(
            f"note: the article's template {previous.template!r} is a file; the default template is used"
            " (give it again with --template)",
            err=True,
        )
    elif template is None:
        template = previous.template
    options = WriteOptions(model=model, base_url=base_url, context_length=context_length, template=template)
    with progress_printer(quiet) as on_event:
        result = update_article(archive, article_id, options, on_event=on_event)
    if result.elsewhere:
        click.echo(
            f"left out, as about another event: {counted(len(result.elsewhere), 'later entry', 'later entries')} "
            "of its thread (`newsdesk write STORY` gives one an article of its own):",
            err=True,
        )
        for story_id in result.elsewhere:
            click.echo(f"  story {story_id}: {archive.get_story(story_id).headline}", err=True)
    if result.not_saved:
        click.echo(f"{result.not_saved[0].upper()}{result.not_saved[1:]}.", err=True)
        return
    if not result.updated:
        about = " about its event" if result.elsewhere else ""
        click.echo(f"Article {article_id} is up to date: its story thread has no later entry{about}.", err=True)
        return
    for text in result.corrections:
        click.echo(f"no longer current: {text}", err=True)
    for text in result.corrected:
        click.echo(f"corrected: {text}", err=True)
    write_output(render(result.article, output_format(fmt, output)), output, saved_as=article_id, db=db)
    click.echo(f"article {article_id} is now version {result.article.version}", err=True)

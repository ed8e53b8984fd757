"""Options and helpers shared by commands: the database, the model, progress, output files."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from ..archive import Archive, default_db_path
from ..archive.base import POSTGRES_SCHEMES
from ..errors import InputError
from ..files import write_atomically


def archive_option(fn: Callable) -> Callable:
    return click.option("--db", type=click.Path(dir_okay=False), envvar="NEWSDESK_DB",
                        help="SQLite database file, or a postgresql://user@host/db URL for a database shared by servers "
                             "and workers.  [default: newsdesk.db in the user data folder]")(fn)


def model_options(fn: Callable) -> Callable:
    decorators = [
        click.option("-m", "--model", envvar="NEWSDESK_MODEL",
                     help="'smollm2' (embedded default), a .gguf path, or openai:NAME for a server model."),
        click.option("--base-url", envvar="OPENAI_BASE_URL",
                     help="OpenAI-compatible server URL, e.g. http://127.0.0.1:11434/v1 (Ollama)."),
        click.option("--context-length", type=click.IntRange(512, 1_000_000),
                     help="Context window in tokens (embedded: the size to allocate; servers: what to assume)."),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), fn)


def retrieval_options(fn: Callable) -> Callable:
    decorators = [
        click.option("--background", type=click.IntRange(0, 20), default=4, show_default=True,
                     help="Background passages to retrieve from other stories in the archive."),
        click.option("--rerank/--no-rerank", default=True, show_default=True,
                     help="Rerank background passages by meaning (all-MiniLM-L6-v2 sentence embeddings, shipped "
                          "in a wheel)."),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), fn)


def judge_option(fn: Callable) -> Callable:
    return click.option(
        "--judge/--no-judge", default=True, show_default=True, envvar="NEWSDESK_JUDGE",
        help="Ask the model whether the sources entail the sentences the local checks leave uncertain, a batch "
             "per call within the article's call budget. Only server models that return token probabilities "
             "judge; the embedded model never does.")(fn)


def open_archive(db: str | None, *, must_exist: bool = False) -> Archive:
    """The archive; ``must_exist`` for commands that only read, which must never create a folder or database."""
    if must_exist and not (db or os.environ.get("NEWSDESK_DB") or "").startswith(POSTGRES_SCHEMES):
        path = Path(db).expanduser() if db else default_db_path()
        if not path.is_file():
            raise InputError(f"no newsdesk database at {path}: nothing has been written or ingested there yet "
                             "(--db or NEWSDESK_DB names another)")
    return Archive(db)


def write_output(text: str, output: str | None) -> None:
    """Standard output, or a file written atomically (a crash never leaves half an article)."""
    if not output:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(Path(output), text)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None


@contextmanager
def progress_printer(quiet: bool) -> Iterator[Callable]:
    """An event handler that prints one line per stage and section on standard error."""
    console = Console(stderr=True, highlight=False)
    headings: dict[str, str] = {}

    def on_event(event) -> None:
        if quiet:
            return
        data = event.data
        if event.stage == "write" and event.status == "start":
            headings[data["section"]] = data.get("heading") or data["section"]
            console.print(f"[dim]{event.elapsed:6.1f}s[/] writing {escape(headings[data['section']])}…")
        elif event.stage == "write" and event.status == "done":
            note = f" [yellow]({escape(data['note'])})[/]" if data.get("note") else ""
            console.print(f"[dim]{event.elapsed:6.1f}s[/] [green]✓[/] {escape(headings.get(data['section'], ''))}: "
                          f"{data.get('sentences', 0)} sentences{note}")
        elif event.stage == "retrieve" and event.status == "done":
            console.print(f"[dim]{event.elapsed:6.1f}s[/] sources: {data['sources']} "
                          f"({data['background']} background stories)")
        elif event.stage == "verify" and event.status == "start":
            console.print(f"[dim]{event.elapsed:6.1f}s[/] checking {data.get('sentences', 0)} sentences "
                          "against the sources…")
        elif event.stage == "verify" and event.status == "done":
            console.print(f"[dim]{event.elapsed:6.1f}s[/] [green]✓[/] checked; {data['dropped']} sentences dropped")
        elif event.stage == "revise" and event.status == "start":
            console.print(f"[dim]{event.elapsed:6.1f}s[/] rewriting {data.get('sentences', 0)} sentences that failed "
                          f"the check ({data.get('done', 0)} of {data.get('total', 0)} done)…")
        elif event.stage == "revise" and event.status == "done":
            console.print(f"[dim]{event.elapsed:6.1f}s[/] [green]✓[/] rewrote {data.get('done', 0)} of "
                          f"{data.get('total', 0)}; checking them again")
        elif event.stage == "warning":
            console.print(f"[yellow]warning:[/] {escape(data['message'])}")

    yield on_event

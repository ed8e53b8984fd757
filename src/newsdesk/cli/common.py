"""Options and helpers shared by commands: the database, the model, progress, output files."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from .. import archive as archives
from ..archive import Archive, default_db_path, default_location
from ..archive.location import POSTGRES_SCHEMES
from ..errors import InputError
from ..files import write_atomically
from ..llm.base import MAX_CONTEXT_LENGTH, MIN_CONTEXT_LENGTH
from ..models import MAX_ROW_ID
from ..progress import describe

if TYPE_CHECKING:  # the pipeline loads the models; the annotation alone needs no import
    from ..pipeline import Event, EventHandler, WriteOptions

# a click command function, before or after its options are added: decorators hand it back with its type
Command = TypeVar("Command", bound=Callable[..., Any])


def _given(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An empty ``--db`` (a script's unset ``$DB``) names no database: it is refused, not read as the default
    archive, which it would create and write without a word."""
    if value is not None and not value.strip():
        raise click.UsageError("--db is empty: name a database file or a postgresql:// URL, or leave --db out", ctx)
    return value


def archive_option(fn: Command) -> Command:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        envvar="NEWSDESK_DB",
        callback=_given,
        help="SQLite database file, or a postgresql://user@host/db URL for a database shared by "
        "servers and workers.  [default: newsdesk.db in the user data folder]",
    )(fn)


def model_options(fn: Command) -> Command:
    decorators = [
        click.option(
            "-m",
            "--model",
            envvar="NEWSDESK_MODEL",
            help="'smollm2' (embedded default), a .gguf path, or openai:NAME for a server model.",
        ),
        click.option(
            "--base-url",
            envvar="OPENAI_BASE_URL",
            help="OpenAI-compatible server URL, e.g. http://127.0.0.1:11434/v1 (Ollama).",
        ),
        click.option(
            "--context-length",
            type=click.IntRange(MIN_CONTEXT_LENGTH, MAX_CONTEXT_LENGTH),
            help="Context window in tokens (embedded: the size to allocate; servers: the server's own, "
            "e.g. 2048 for llama.cpp's server; a server that says it is smaller is believed).",
        ),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), fn)


def retrieval_options(fn: Command) -> Command:
    decorators = [
        click.option(
            "--background",
            type=click.IntRange(0, 20),
            default=4,
            show_default=True,
            help="Background passages to retrieve from other stories in the archive.",
        ),
        click.option(
            "--rerank/--no-rerank",
            default=True,
            show_default=True,
            help="Rerank background passages by meaning (all-MiniLM-L6-v2 sentence embeddings, shipped in a wheel).",
        ),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), fn)


def judge_option(fn: Command) -> Command:
    return click.option(
        "--judge/--no-judge",
        default=True,
        show_default=True,
        envvar="NEWSDESK_JUDGE",
        help="Ask the model whether the sources entail the sentences the local checks leave uncertain, a batch "
        "per call within the article's call budget. Only server models that return token probabilities "
        "judge; the embedded model never does.",
    )(fn)


def write_options(flags: Mapping[str, Any]) -> WriteOptions:
    """The run's options from the flags that ``write`` and ``feed --write`` share (model, retrieval, judge,
    cache, verify), read the same way by both. ``flags`` is the command's parameters (``click.Context.params``);
    a flag a command does not offer keeps the pipeline's default."""
    from ..pipeline import WriteOptions

    defaults = WriteOptions()
    return WriteOptions(
        model=flags.get("model"),
        base_url=flags.get("base_url"),
        template=flags.get("template"),
        use_cache=not flags.get("no_cache", False),
        background=flags.get("background", defaults.background),
        rerank=flags.get("rerank", defaults.rerank),
        verify=not flags.get("no_verify", False),
        judge=flags.get("judge", defaults.judge),
        drafting=flags.get("drafting", defaults.drafting),
        context_length=flags.get("context_length"),
    )


def open_archive(db: str | None, *, must_exist: bool = False) -> Archive:
    """The archive; ``must_exist`` for commands that only read, which must never create a folder or database."""
    archives.check_location(db or os.environ.get("NEWSDESK_DB") or "")
    if must_exist:
        require_database(db)
    return archives.open(db)


def require_database(db: str | None) -> None:
    """InputError unless ``db`` (or the default) names a PostgreSQL URL or an existing SQLite file."""
    if (db or os.environ.get("NEWSDESK_DB") or "").startswith(POSTGRES_SCHEMES):
        return
    path = Path(db).expanduser() if db else default_db_path()
    if not path.is_file():
        raise InputError(
            f"no newsdesk database at {path}: nothing has been written or ingested there yet "
            "(--db or NEWSDESK_DB names another)"
        )


def format_option(function: Command) -> Command:
    """``-f/--format``, shared by the commands that print an article; without it, ``output_format`` decides."""
    from ..render import FORMATS

    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="Output format.  [default: what -o's name asks for (.html, .json, .md), else md]",
    )(function)


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for; else the one the output file's name asks for ("-o article.html" is HTML, not
    Markdown in an .html file); else Markdown, for a name with no extension or a text one. A name whose extension
    asks for a format newsdesk does not write ("-o article.pdf") is refused: Markdown in a .pdf file opens as a
    broken PDF."""
    from ..render import format_of

    found = fmt or format_of(output)
    if found:
        return found
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix[1:].isalpha() and suffix not in (".txt", ".text"):
        raise InputError(
            f"cannot tell which format to write {output} in: newsdesk writes Markdown (.md), HTML (.html) or "
            f"JSON (.json), not {suffix}; name the file so, or give --format"
        )
    return "md"


def check_output(output: str | None, db: str | None = None, keep: Sequence[str] = ()) -> None:
    """InputError now, before a long run, when ``output`` cannot be written: a folder, a missing folder, one that
    may not be written to. A missing folder is not made: a typo in a path must not make a tree of folders. Nor is
    the archive (``db``, or the default) or a file the run reads (``keep``: the story) ever written over, under
    any name that leads to it (a symlink, ``./``)."""
    if not output or output == "-":
        return
    path = Path(output)
    location = db or default_location()
    guarded = [Path(f) for f in keep if f and f != "-"]
    if not archives.is_postgres(str(location)):
        base = str(Path(location).expanduser())
        guarded += [Path(base + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    target = os.path.realpath(path)
    hit = next((g for g in guarded if os.path.realpath(g) == target), None)
    if hit is not None:
        raise InputError(f"cannot write {output}: it is {hit}, which this command reads (-o takes a new file)")
    if path.is_dir():
        raise InputError(f"cannot write {output}: it is a folder (-o takes a file)")
    if path.exists() and not path.is_file():
        return  # /dev/stdout, a named pipe: written to in place
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {output}: there is no folder {folder}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"cannot write {output}: permission denied")


def write_output(text: str, output: str | None, saved_as: int | None = None, db: str | None = None) -> None:
    """Standard output, or a file written atomically (a crash never leaves half an article). ``saved_as``: the
    stored article's id, which a failure names, so that the work is not taken for lost."""
    if not output or output == "-":  # "-o -": standard output, as "-" is standard input for STORY
        click.echo(text, nl=not text.endswith("\n"))
        return
    again = f"newsdesk show {saved_as} -o FILE" + (f" --db {db}" if db else "")
    saved = f"; the article is saved as {saved_as}: {again}" if saved_as else ""
    try:
        check_output(output, db)
        write_atomically(Path(output), text)
    except InputError as error:  # check_output's own words, "cannot write OUTPUT: why"
        raise InputError(f"{error}{saved}") from None
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}{saved}") from None


class _RowId(click.IntRange):
    """An id or a version the archive can hold (a larger one names nothing), refused in words a user reads:
    click's own says "is not a valid integer range"."""

    name = "id"

    def __init__(self) -> None:
        super().__init__(1, MAX_ROW_ID)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            # the archive's largest integer is no number a reader needs to see (smoke test 43 #13)
            try:
                number = int(str(value).strip())
            except ValueError:
                said = "is not a whole number"
            else:
                said = "is more than the archive can number" if number > MAX_ROW_ID else "is less than 1"
            self.fail(f"{value!r} {said}: ids and versions are whole numbers from 1", param, ctx)


ROW_ID = _RowId()

# what the summary line at the end says anyway, or what passes too quickly to be worth a line
_UNPRINTED_STAGES = {"save", "done", "llm"}
# "Storing the story" is printed: a long story's sentences are all screened then, and that can take a minute
_UNPRINTED_EVENTS = {("retrieve", "start"), ("map", "start"), ("store", "done")}


@contextmanager
def progress_printer(quiet: bool) -> Iterator[EventHandler]:
    """An event handler that prints a line for each stage, section and model call on standard error, in the words
    the web job page uses (``newsdesk.progress``)."""
    console = Console(stderr=True, highlight=False, soft_wrap=True)

    def on_event(event: Event) -> None:
        if quiet or (
            event.status != "progress"  # a heartbeat of long work is printed in any stage
            and (event.stage in _UNPRINTED_STAGES or (event.stage, event.status) in _UNPRINTED_EVENTS)
        ):
            return
        if event.stage == "warning":
            console.print(f"[yellow]warning:[/] {escape(event.data['message'])}")
            return
        line = describe(event.stage, event.status, event.data)
        if line is not None:
            mark = "[green]✓[/] " if event.status == "done" else ""
            console.print(f"[dim]{event.elapsed:6.1f}s[/] {mark}{escape(line)}")

    yield on_event

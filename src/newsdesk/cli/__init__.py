"""The command line: a thin face over ``newsdesk.pipeline``. Each command group lives in its own module."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import NewsdeskError


class NewsdeskGroup(click.Group):
    """Turns newsdesk's own errors into one line and exit code 2; ``NEWSDESK_DEBUG=1`` shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:  # whatever the command returns, as click.Group.invoke
        try:
            return super().invoke(ctx)
        except NewsdeskError as error:
            if os.environ.get("NEWSDESK_DEBUG"):
                raise
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)
        except Exception as error:  # a read-only or full database is the user's to mend, not a bug
            from ..archive import storage_fault

            fault = storage_fault(error)
            if fault is None or os.environ.get("NEWSDESK_DEBUG"):
                raise
            click.echo(f"Error: {fault}", err=True)
            sys.exit(fault.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted: everything finished so far is stored.", err=True)
            sys.exit(130)


@click.group(cls=NewsdeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
def cli() -> None:
    """Turn a news item into a long-form, grounded analysis article.

    Every factual sentence is checked against the sources and cited. Runs offline on an embedded model, or on
    any OpenAI-compatible server.

    \b
    Examples:
      newsdesk write examples/webb-launch.md
      newsdesk write story.txt --format html -o article.html
      newsdesk write story.txt --model openai:llama3.2 --base-url http://127.0.0.1:11434/v1
    """


def _register() -> None:
    from . import ingest_cmd, serve_cmd, stories_cmd, update_cmd, verify_cmd, write_cmd

    for module in (write_cmd, update_cmd, verify_cmd, ingest_cmd, stories_cmd, serve_cmd):
        module.register(cli)


_register()


def main() -> None:
    cli(prog_name="newsdesk")

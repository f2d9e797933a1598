"""The Typer app: one group of commands, the one place errors become messages and exit
codes, and `main`, the console script.

The environment (terminal or pipe, colour, width) is made once per run and passed in, as
the context object: `main(env)` for the console script, `CliRunner().invoke(app, args,
obj=Environment(...))` in tests. Commands read it as `ctx.obj`.
"""

# No `from __future__ import annotations` here: Typer reads the callback's annotations
# at start-up, and evaluating them from strings costs time (bench/startup.py).
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from ..core import streams
from ..core.errors import ExitCode, MeasurekitError
from ..core.streams import Environment


def say(env: Environment, message: str, style: str = "") -> None:
    """A message for the person at the terminal, never mixed into the data on stdout."""
    from rich.console import Console
    from rich.text import Text

    from ..core.text import safe

    Console(stderr=True, highlight=False, no_color=env.no_color).print(
        Text(safe(message), style=style), soft_wrap=True
    )


def print_error(env: Environment, exc: MeasurekitError) -> None:
    """Every message of an error, one line each, as `error: ...` on stderr."""
    for line in exc.messages():
        say(env, line if line.startswith("error") else f"error: {line}", "red")


@contextmanager
def errors_to_exit_codes(env: Environment) -> Iterator[None]:
    """The one place where errors become messages and exit codes."""
    try:
        yield
    except MeasurekitError as exc:
        if env.debug:
            raise
        print_error(env, exc)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        say(env, "Interrupted.", "yellow")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


class Command(typer.core.TyperCommand):
    """A command whose usage line names its arguments as the help does: `FILE`, not Typer's
    `{FILE}` for a required one."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:].replace("}", "", 1) if p.startswith("{") else p for p in pieces]


class _Commands(typer.core.TyperGroup):
    """Typer's command group: every command runs inside the one error handler, with the
    run's Environment as the context object; each command's `Example:` line stays whole.

    Help text is re-wrapped to the terminal; a paragraph after a `\b` line is left as
    written, so the example stays one line that can be copied and pasted.
    """

    def __init__(self, *args, commands=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, commands=commands, **kwargs)
        for command in self.commands.values():
            if command.help and "\nExample:" in command.help:
                command.help = command.help.replace("\nExample:", "\n\b\nExample:")

    def invoke(self, ctx: Any) -> Any:  # Typer's own click Context
        if ctx.obj is None:  # a test's CliRunner without obj=: the real terminal
            ctx.obj = Environment.from_os()
        with errors_to_exit_codes(ctx.obj):
            return super().invoke(ctx)


app = typer.Typer(
    name="measurekit",
    cls=_Commands,
    help="Fill in, check and share a Shared Performance Measures worksheet.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain (click-style) help and usage errors: Rich-formatted help would import about
    # 80 ms of Rich and markdown-it on every `--help`; plain text is readable and greppable.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"measurekit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors (for bug reports).")
    ] = False,
) -> None:
    """Fill in, check and share a Shared Performance Measures worksheet."""
    ctx.obj.debug = debug
    if ctx.invoked_subcommand == "interview":
        gc.enable()  # main() turns it off for the quick commands; a session may last an hour


def main(env: Optional[Environment] = None) -> None:  # noqa: UP045
    """The console script: Typer's app, with Ctrl-C turned into exit status 130."""
    # measurekit uses no pydantic plugins: skip pydantic's scan of every installed
    # package's entry points (a few ms on each run; bench/startup.py).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run reads one file and exits: the objects it makes (modules, models, the worksheet,
    # the report) live to the end, so the cyclic garbage collector's passes over them are
    # pure cost, growing with the file (40% of `table` on 1,000 partners; bench/scale.py).
    gc.disable()
    streams.prepare()  # closed or odd standard streams: messages, never tracebacks
    env = env or Environment.from_os()
    try:
        app(obj=env)
    except KeyboardInterrupt:
        say(env, "Interrupted.", "yellow")
        sys.exit(int(ExitCode.INTERRUPTED))
    except SystemExit as done:  # how Typer ends every run: the output is flushed here
        try:
            streams.finish()
        except MeasurekitError as exc:
            print_error(env, exc)
            sys.exit(int(exc.exit_code))
        raise done from None

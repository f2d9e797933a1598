"""The command line: parse arguments, call the library, turn errors into messages and exit codes.

Commands stay thin and import what they need inside their bodies, so that
`measurekit --help` and the report commands start fast (and only `interview`
ever loads questionary).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ExitCode, MeasurekitError, UsageProblem
from .reports.formats import Format

app = typer.Typer(
    name="measurekit",
    help="Fill in, check and share a Shared Performance Measures worksheet.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Environment:
    """What the commands need to know about where they run; tests replace it."""

    stdin_isatty: bool
    stdout_isatty: bool
    no_color: bool
    width: int
    debug: bool = False

    @classmethod
    def from_os(cls) -> Environment:
        return cls(
            stdin_isatty=sys.stdin.isatty(),
            stdout_isatty=sys.stdout.isatty(),
            no_color="NO_COLOR" in os.environ,
            width=shutil.get_terminal_size((100, 24)).columns,
        )

    @property
    def color(self) -> bool:
        return self.stdout_isatty and not self.no_color


env: Environment | None = None


def get_env() -> Environment:
    global env
    if env is None:
        env = Environment.from_os()
    return env


def _stderr(message: str, style: str = "") -> None:
    """A message for the person at the terminal, never mixed into the data on stdout."""
    from rich.console import Console
    from rich.text import Text

    from .reports.formats import safe

    Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ).print(
        Text(safe(message), style=style), soft_wrap=True
    )


@contextmanager
def _handle_exceptions() -> Iterator[None]:
    """The one place where errors become messages and exit codes."""
    try:
        yield
    except MeasurekitError as exc:
        if get_env().debug:
            raise
        for line in exc.messages():
            _stderr(f"error: {line}" if not line.startswith("error") else line, "red")
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        _stderr("Interrupted.", "yellow")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"measurekit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors (for bug reports).")
    ] = False,
) -> None:
    """Fill in, check and share a Shared Performance Measures worksheet."""
    get_env().debug = debug


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="text, markdown, csv or json.", case_sensitive=False)
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False),
]


def emit(report_text: str, output: Path | None, inputs: list[Path]) -> None:
    """Print a rendered report, or write it atomically to --output (never over an input)."""
    if output is None:
        sys.stdout.write(report_text)
        sys.stdout.flush()
        return
    from .store import atomic_write

    real = os.path.realpath(output)
    if any(os.path.realpath(p) == real for p in inputs):
        raise UsageProblem(f"{output}: is the worksheet being read; choose another --output file")
    atomic_write(output, report_text.encode("utf-8"))
    _stderr(f"Wrote {output}", "green")


def render_report(report: object, fmt: Format, output: Path | None) -> str:
    from .reports.formats import render

    e = get_env()
    to_terminal = output is None and fmt == Format.text
    return render(
        report,  # type: ignore[arg-type]
        fmt,
        width=e.width if to_terminal else 100,
        color=to_terminal and e.color,
    )


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Worksheet files to check.", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help="Fail on gaps (unfinished parts) too.")] = False,
) -> None:
    """Check worksheet files: every error of every file, and the gaps still to fill.

    Exits 0 when every file is valid, 1 when any is not (or, with --strict, has gaps).

    Example: measurekit validate worksheets/youth-justice.yaml
    """
    from .errors import WorksheetInvalid
    from .gaps import find_gaps
    from .store import load

    failed = False
    with _handle_exceptions():
        for path in paths:
            try:
                worksheet = load(path).worksheet
            except WorksheetInvalid as exc:
                failed = True
                for line in exc.messages():
                    _stderr(f"error: {line}", "red")
                continue
            except MeasurekitError as exc:
                failed = True
                _stderr(f"error: {exc}", "red")
                continue
            gaps = find_gaps(worksheet)
            for gap in gaps:
                _stderr(f"{'error' if strict else 'gap'}: {path}: {gap.message}", "red" if strict else "yellow")
            if strict and gaps:
                failed = True
                _stderr(f"{path}: valid, but {len(gaps)} gap(s) remain", "red")
            else:
                note = f", {len(gaps)} gap(s) to fill" if gaps else ", complete"
                _stderr(f"{path}: valid{note}", "green")
    if failed:
        raise typer.Exit(int(ExitCode.ERROR))


@app.command()
def table(
    path: Annotated[Path, typer.Argument(help="The worksheet file.", show_default=False)],
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Print the shared performance measure table: one row per partner, four columns.

    Example: measurekit table worksheets/youth-justice.yaml --format markdown
    """
    from .reports import table as table_report
    from .store import load_worksheet

    with _handle_exceptions():
        worksheet = load_worksheet(path)
        emit(render_report(table_report.build(worksheet), fmt, output), output, [path])


def main() -> None:
    """The console script: Typer's app, with Ctrl-C turned into exit status 130."""
    try:
        app()
    except KeyboardInterrupt:
        _stderr("Interrupted.", "yellow")
        sys.exit(int(ExitCode.INTERRUPTED))

"""The command line: parse arguments, call the library, turn errors into messages and exit codes.

Commands stay thin and import what they need inside their bodies, so that
`measurekit --help` and the report commands start fast (and only `interview`
ever loads questionary).
"""

# No `from __future__ import annotations` here: Typer reads every command's annotations
# at start-up, and evaluating them from strings costs about 2.5 ms (bench/startup.py).
import gc
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from ..core import streams
from ..core.errors import ExitCode, MeasurekitError, UsageProblem
from ..core.vocabulary import SECTIONS, one_of
from ..reports.formats import Format, Report


class _Commands(typer.core.TyperGroup):
    """Typer's command group, keeping each command's `Example:` line whole in its --help.

    Help text is re-wrapped to the terminal; a paragraph after a `\b` line is left as
    written, so the example stays one line that can be copied and pasted.
    """

    def __init__(self, *args, commands=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, commands=commands, **kwargs)
        for command in self.commands.values():
            if command.help and "\nExample:" in command.help:
                command.help = command.help.replace("\nExample:", "\n\b\nExample:")


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


@dataclass
class Environment:
    """What the commands need to know about where they run; tests replace it."""

    stdin_isatty: bool
    stdout_isatty: bool
    no_color: bool
    width: int
    debug: bool = False

    @classmethod
    def from_os(cls) -> "Environment":
        return cls(
            stdin_isatty=sys.stdin is not None and sys.stdin.isatty(),
            stdout_isatty=sys.stdout is not None and sys.stdout.isatty(),
            no_color="NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb",
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

    from ..core.text import safe

    Console(stderr=True, highlight=False, no_color=get_env().no_color).print(
        Text(safe(message), style=style), soft_wrap=True
    )


def _print_error(exc: MeasurekitError) -> None:
    """Every message of an error, one line each, as `error: ...` on stderr."""
    for line in exc.messages():
        _stderr(line if line.startswith("error") else f"error: {line}", "red")


@contextmanager
def _handle_exceptions() -> Iterator[None]:
    """The one place where errors become messages and exit codes."""
    try:
        yield
    except MeasurekitError as exc:
        if get_env().debug:
            raise
        _print_error(exc)
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
    get_env().debug = debug
    if ctx.invoked_subcommand == "interview":
        gc.enable()  # main() turns it off for the quick commands; a session may last an hour


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help=f"{one_of([f.value for f in Format])}.", case_sensitive=False
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False
    ),
]


def emit(report_text: str, output: Path | None, inputs: list[Path]) -> None:
    """Print a rendered report, or write it atomically to --output (never over an input)."""
    if output is None:
        streams.write_stdout(report_text)
        return
    real = os.path.realpath(output)
    if any(os.path.realpath(p) == real for p in inputs):
        raise UsageProblem(f"{output}: is the worksheet being read; choose another --output file")
    streams.write_output(output, report_text)  # a device or a FIFO is written into, not replaced
    _stderr(f"Wrote {output}", "green")


def render_report(report: Report, fmt: Format, output: Path | None) -> str:
    from ..reports.formats import render

    e = get_env()
    to_terminal = output is None and fmt == Format.text
    return render(
        report,
        fmt,
        width=e.width if to_terminal else 100,
        color=to_terminal and e.color,
    )


@app.command()
def interview(
    path: Annotated[
        Path,
        typer.Argument(
            help="The worksheet file (new or existing).", show_default=False, metavar="FILE"
        ),
    ],
    section: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--section",
            metavar="NAME",
            help=f"Go straight to one part: {one_of(SECTIONS)}.",
        ),
    ] = None,
    partner: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--partner", metavar="ID", help="Go straight to one partner, by its id."),
    ] = None,
    quick: Annotated[
        bool,
        typer.Option("--quick", help="Ask only what the summary table needs; the rest later."),
    ] = False,
) -> None:
    """Fill in a new worksheet, or update a saved one.

    Step by step, at a terminal. Every answer is kept in a draft beside the file as
    you type; Ctrl-C, then the same command, picks up where you stopped. The file is
    saved at the end, atomically.

    Example: measurekit interview my-worksheet.yaml
    """
    from ..interview import run

    e = get_env()
    with _handle_exceptions():
        run(
            path,
            section=section,
            partner=partner,
            stdin_isatty=e.stdin_isatty,
            color=e.color,
            width=e.width,
            quick=quick,
        )


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Worksheet files to check.", show_default=False, metavar="FILE"),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on gaps (unfinished parts) too.")
    ] = False,
) -> None:
    """Check worksheet files for errors and gaps.

    Lists every error of every file, and the gaps (unfinished parts) still to fill.

    Exits 0 when every file is valid, 1 when any is not (or, with --strict, has gaps).

    Example: measurekit validate worksheets/youth-justice.yaml
    """
    from ..core.gaps import find_gaps
    from ..core.store import load

    failed = False
    with _handle_exceptions():
        for path in paths:
            try:
                worksheet = load(path).worksheet
            except MeasurekitError as exc:  # report it, and go on to the next file
                failed = True
                _print_error(exc)
                continue
            gaps = find_gaps(worksheet)
            for gap in gaps:
                _stderr(
                    f"{'error' if strict else 'gap'}: {path}: {gap.message}",
                    "red" if strict else "yellow",
                )
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
    path: Annotated[
        Path, typer.Argument(help="The worksheet file.", show_default=False, metavar="FILE")
    ],
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="One column per field of the partner (csv and json always have them)."
        ),
    ] = False,
) -> None:
    """Print the four-column shared performance measure table.

    One row per partner, current partners first. csv and json carry every field of
    each partner, ids included; --full does the same for text and markdown.

    Example: measurekit table worksheets/youth-justice.yaml --format markdown
    """
    from ..core.store import load_worksheet
    from ..reports import table as table_report

    with _handle_exceptions():
        worksheet = load_worksheet(path)
        every_field = full or fmt in (Format.csv, Format.json)
        if full and fmt == Format.text:  # fourteen columns do not fit a terminal: one per line
            report = table_report.build_long(worksheet)
        else:
            report = table_report.build(worksheet, full=every_field)
        emit(render_report(report, fmt, output), output, [path])


def _iso_date(text: str) -> date:
    """--as-of: a date written YYYY-MM-DD; anything else is a usage error."""
    from ..core.model import parse_iso_date

    try:
        day: date = parse_iso_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return day


PathArgument = Annotated[
    Path, typer.Argument(help="The worksheet file.", show_default=False, metavar="FILE")
]


def _as_of_option(help: str) -> Any:
    """An --as-of option: a typed date, today by default, worded for its command.

    Keyword-only in a command (after `*`): it has no default in the signature, only a factory.
    """
    return typer.Option(
        "--as-of",
        parser=_iso_date,
        default_factory=date.today,
        show_default=False,
        metavar="YYYY-MM-DD",
        help=help,
    )


AsOfOption = Annotated[
    date, _as_of_option("Date to compute overdue and due soon against (default: today).")
]
DaysOption = Annotated[
    int, typer.Option("--days", min=0, help="'Due soon' means within this many days.")
]
WhoOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--who", help="Only rows whose who, lead or with-whom contains this text."),
]


@app.command()
def actions(
    path: PathArgument,
    *,
    who: WhoOption = None,
    as_of: AsOfOption,
    days: DaysOption = 14,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """List next steps and work-plan items by date.

    Overdue first, then due soon, later, and done.

    Example: measurekit actions worksheets/youth-justice.yaml --as-of 2026-12-01 --who "tom reyes"
    """
    from ..core.store import load_worksheet
    from ..reports import actions as actions_report

    with _handle_exceptions():
        worksheet = load_worksheet(path)
        report = actions_report.build(worksheet, as_of, days=days, who=who)
        emit(render_report(report, fmt, output), output, [path])


@app.command()
def matrix(
    path: PathArgument, fmt: FormatOption = Format.text, output: OutputOption = None
) -> None:
    """Show which partners share which measures.

    Partners down, shared measures across; missing links are flagged.

    Example: measurekit matrix worksheets/youth-justice.yaml --format markdown
    """
    from ..core.store import load_worksheet
    from ..reports import matrix as matrix_report

    with _handle_exceptions():
        report = matrix_report.build(load_worksheet(path), str(path))
        emit(render_report(report, fmt, output), output, [path])


@app.command()
def gaps(path: PathArgument, fmt: FormatOption = Format.text, output: OutputOption = None) -> None:
    """List what is unfinished, with the command that fills it.

    Grouped by step of the worksheet.

    Example: measurekit gaps worksheets/starter.yaml
    """
    from ..core.store import load_worksheet
    from ..reports import gaps_report

    with _handle_exceptions():
        report = gaps_report.build(load_worksheet(path), str(path))
        emit(render_report(report, fmt, output), output, [path])


StatusAsOfOption = Annotated[
    date, _as_of_option("Work out each status from the points up to this date (default: today).")
]


@app.command()
def trend(
    path: PathArgument,
    *,
    as_of: StatusAsOfOption,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Show how every measure is doing over time.

    One row per measure: its curve, first and latest points, baseline, target and status.

    Example: measurekit trend worksheets/youth-justice.yaml --as-of 2026-12-31
    """
    from ..core.store import load_worksheet
    from ..reports import trend as trend_report

    with _handle_exceptions():
        report = trend_report.build(load_worksheet(path), as_of)
        emit(render_report(report, fmt, output), output, [path])


@app.command()
def shared(
    path: PathArgument, fmt: FormatOption = Format.text, output: OutputOption = None
) -> None:
    """Show the shared measures one by one.

    One row per shared measure, in the order of the file: its definition, baseline,
    target and date, the partners who share it and the measures feeding it.

    Example: measurekit shared worksheets/youth-justice.yaml --format markdown
    """
    from ..core.store import load_worksheet
    from ..reports import shared as shared_report

    with _handle_exceptions():
        report = shared_report.build(load_worksheet(path))
        emit(render_report(report, fmt, output), output, [path])


SinceOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--since",
        metavar="REV",
        help="Compare FILE with its version at this git revision (a commit, tag or branch).",
    ),
]


@app.command()
def diff(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="OLD NEW: two versions of a worksheet; or FILE with --since.",
            show_default=False,
            metavar="OLD [NEW]",
        ),
    ],
    since: SinceOption = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Show what changed between two versions of a worksheet.

    Partners added, removed or now at the table; measures added or removed; targets
    and dates moved; new data points; next steps added or done; reflection answers.

    Example: measurekit diff worksheets/starter.yaml worksheets/youth-justice.yaml
    """
    from ..core.store import load_worksheet
    from ..reports import changes

    with _handle_exceptions():
        if since is not None:
            if len(paths) != 1:
                raise UsageProblem("with --since, give one worksheet file (FILE --since REV)")
            report = changes.since_revision(paths[0], since, load_worksheet(paths[0]))
        else:
            if len(paths) != 2:
                raise UsageProblem("give two worksheet files (OLD NEW), or one with --since REV")
            old, new = load_worksheet(paths[0]), load_worksheet(paths[1])
            report = changes.build(old, new, str(paths[0]), str(paths[1]))
        emit(render_report(report, fmt, output), output, paths)


@app.command()
def record(
    path: PathArgument,
    *,
    from_csv: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="CSV",
            help="Take the values from a csv with columns measure,date,value,note "
            "instead of asking.",
            dir_okay=False,
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="With --from: replace a value already recorded that day."),
    ] = False,
    partner: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--partner", metavar="ID", help="Ask only this partner's measures."),
    ] = None,
    on: Annotated[
        date,
        typer.Option(
            "--date",
            parser=_iso_date,
            default_factory=date.today,
            show_default=False,
            metavar="YYYY-MM-DD",
            help="The date of the values asked for (default: today).",
        ),
    ],
) -> None:
    """Record a round of new values for the measures.

    Asks each measure's value for a date (Enter skips), with the same draft, Ctrl-C
    and resume as the interview; or takes them all from a csv with --from.

    Example: measurekit record worksheets/youth-justice.yaml --from worksheets/youth-justice-q4.csv
    """
    e = get_env()
    with _handle_exceptions():
        if from_csv is None:
            from ..interview import run

            run(path, partner=partner, stdin_isatty=e.stdin_isatty, color=e.color,
                width=e.width, record_on=on)
            return
        if partner is not None:
            raise UsageProblem("--partner chooses what to ask; with --from the csv says it")
        from ..core.record import record_file

        saved, added, replaced = record_file(path, from_csv, replace=replace)
        what = f"{added} new value(s)" + (f", {replaced} replaced" if replaced else "")
        _stderr(f"{path}: {what}" + ("" if saved else "; nothing to change"), "green")


@app.command()
def chart(path: PathArgument, output: OutputOption = None) -> None:
    """Draw the result-in-the-center chart as SVG.

    Written to standard output without --output.

    Example: measurekit chart worksheets/youth-justice.yaml --output chart.svg
    """
    from ..core.store import load_worksheet
    from ..reports import chart as chart_report

    with _handle_exceptions():
        emit(chart_report.build(load_worksheet(path)), output, [path])


class Audience(str, Enum):
    team = "team"
    partners = "partners"


@app.command()
def report(
    path: PathArgument,
    *,
    as_of: AsOfOption,
    days: DaysOption = 14,
    since: SinceOption = None,
    output: OutputOption = None,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            case_sensitive=False,
            help="team: everything; partners: without the reflection, the gaps and notes.",
        ),
    ] = Audience.team,
    partner: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--partner",
            metavar="ID",
            help="A page for this partner only: its rows, shared measures and next steps. "
            "Repeat for more partners.",
        ),
    ] = None,
) -> None:
    """Write a self-contained HTML handout.

    Every part of the worksheet in its order, with the chart, how the measures are doing,
    the summary table and the next steps' statuses, ready to print or email; with
    --since, what changed since then.

    Example: measurekit report worksheets/youth-justice.yaml --audience partners -o handout.html
    """
    from ..core.store import load_worksheet
    from ..reports import handout

    with _handle_exceptions():
        worksheet = load_worksheet(path)
        changed = None
        if since is not None:
            from ..reports.changes import since_revision

            changed = since_revision(path, since, worksheet)
        page = handout.build(
            worksheet,
            str(path),
            as_of=as_of,
            days=days,
            since=changed,
            audience=audience.value,
            partner_ids=partner or None,
        )
        emit(page, output, [path])


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the worksheet format.

    Draft-07, for editors such as VS Code with the YAML extension.

    Saved worksheets start with a `yaml-language-server` line that points at
    measurekit.schema.json beside them: write it there once, and VS Code (with the
    YAML extension) completes and checks the fields as you type.

    Example: measurekit schema --output worksheets/measurekit.schema.json
    """
    from ..core.schema import schema_text

    with _handle_exceptions():
        emit(schema_text(), output, [])


def main() -> None:
    """The console script: Typer's app, with Ctrl-C turned into exit status 130."""
    # measurekit uses no pydantic plugins: skip pydantic's scan of every installed
    # package's entry points (a few ms on each run; bench/startup.py).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run reads one file and exits: the objects it makes (modules, models, the worksheet,
    # the report) live to the end, so the cyclic garbage collector's passes over them are
    # pure cost, growing with the file (40% of `table` on 1,000 partners; bench/scale.py).
    gc.disable()
    streams.prepare()  # closed or odd standard streams: messages, never tracebacks
    try:
        app()
    except KeyboardInterrupt:
        _stderr("Interrupted.", "yellow")
        sys.exit(int(ExitCode.INTERRUPTED))
    except SystemExit as done:  # how Typer ends every run: the output is flushed here
        try:
            streams.finish()
        except MeasurekitError as exc:
            _print_error(exc)
            sys.exit(int(exc.exit_code))
        raise done from None

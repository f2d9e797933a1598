"""The reading commands: `validate`, `schema`, and the reports through the one pipeline
(pipeline.py). A new report is a builder in reports/ and a command here that names it.
"""

# No `from __future__ import annotations`: Typer reads these annotations at run time.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..core.errors import ExitCode, MeasurekitError, UsageProblem
from ..core.text import count
from ..reports.formats import Format, PageFormat, TableFormat
from .app import print_error, say
from .options import (
    AsOfOption,
    Audience,
    AudienceOption,
    DaysOption,
    FormatOption,
    OutputOption,
    PathArgument,
    SinceOption,
    StatusAsOfOption,
    TableFormatOption,
    WhoOption,
    file_argument,
    format_option,
    partner_id,
    partner_option,
)
from .pipeline import Built, changes_since, publish, show

if TYPE_CHECKING:
    from ..core.model import Worksheet

def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path], file_argument("Worksheet files to check.")],
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

    env = ctx.obj
    failed = False
    for path in paths:
        try:
            worksheet = load(path).worksheet
        except MeasurekitError as exc:  # report it, and go on to the next file
            failed = True
            print_error(env, exc)
            continue
        gaps = find_gaps(worksheet)
        for gap in gaps:
            say(
                env,
                f"{'error' if strict else 'gap'}: {path}: {gap.message}",
                "red" if strict else "yellow",
            )
        if strict and gaps:
            failed = True
            say(env, f"{path}: valid, but {count(len(gaps), 'gap')} remain", "red")
        else:
            note = f", {count(len(gaps), 'gap')} to fill" if gaps else ", complete"
            say(env, f"{path}: valid{note}", "green")
    if failed:
        raise typer.Exit(int(ExitCode.ERROR))


def table(
    ctx: typer.Context,
    path: PathArgument,
    fmt: TableFormatOption = TableFormat.text,
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
    each partner, ids included; --full does the same for text and markdown. docx is an
    editable Word document on landscape pages.

    Example: measurekit table worksheets/youth-justice.yaml --format markdown
    """
    from ..reports import table as table_report

    if fmt == TableFormat.docx:
        from datetime import date

        from ..reports.docx_page import table_document

        show(ctx, path, lambda w: table_document(w, str(path), date.today()), output=output)
        return
    shown = Format(fmt.value)
    if full and shown == Format.text:  # fourteen columns do not fit a terminal: one per line
        show(ctx, path, table_report.build_long, shown, output)
    else:
        every_field = full or shown in (Format.csv, Format.json)
        show(ctx, path, lambda w: table_report.build(w, full=every_field), shown, output)


def actions(
    ctx: typer.Context,
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
    from ..reports import actions as actions_report

    show(ctx, path, lambda w: actions_report.build(w, as_of, days=days, who=who), fmt, output)


def matrix(
    ctx: typer.Context, path: PathArgument, fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Show which partners share which measures.

    Partners down, shared measures across; missing links are flagged.

    Example: measurekit matrix worksheets/youth-justice.yaml --format markdown
    """
    from ..reports import matrix as matrix_report

    show(ctx, path, lambda w: matrix_report.build(w, str(path)), fmt, output)


def gaps(
    ctx: typer.Context, path: PathArgument, fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """List what is unfinished, with the command that fills it.

    Grouped by step of the worksheet.

    Example: measurekit gaps worksheets/starter.yaml
    """
    from ..reports import gaps_report

    show(ctx, path, lambda w: gaps_report.build(w, str(path)), fmt, output)


def trend(
    ctx: typer.Context,
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
    from ..reports import trend as trend_report

    show(ctx, path, lambda w: trend_report.build(w, as_of), fmt, output)


def shared(
    ctx: typer.Context, path: PathArgument, fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Show the shared measures one by one.

    One row per shared measure, in the order of the file: its definition, baseline,
    target and date, the partners who share it and the measures feeding it.

    Example: measurekit shared worksheets/youth-justice.yaml --format markdown
    """
    from ..reports import shared as shared_report

    show(ctx, path, shared_report.build, fmt, output)


def diff(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        file_argument("OLD NEW: two versions of a worksheet; or FILE with --since.",
                      metavar="OLD [NEW]"),
    ],
    since: SinceOption = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Show what changed between two versions of a worksheet.

    Every change, field by field, with the old and new value: partners now at the table,
    ids renamed, items added or removed, targets and dates moved, data points new,
    corrected or removed, next steps and work done, reflection answers, any other field.

    Example: measurekit diff worksheets/starter.yaml worksheets/youth-justice.yaml
    """
    from ..core.store import load_worksheet
    from ..reports import changes

    if since is not None:
        if len(paths) != 1:
            raise UsageProblem("with --since, give one worksheet file (FILE --since REV)")
        show(ctx, paths[0], lambda w: changes_since(paths[0], since, w), fmt, output)
        return
    if len(paths) != 2:
        raise UsageProblem("give two worksheet files (OLD NEW), or one with --since REV")
    old, new = load_worksheet(paths[0]), load_worksheet(paths[1])
    built = changes.build(old, new, str(paths[0]), str(paths[1]))
    publish(ctx.obj, built, fmt, output, paths)


def chart(ctx: typer.Context, path: PathArgument, output: OutputOption = None) -> None:
    """Draw the result-in-the-center chart as SVG.

    Written to standard output without --output.

    Example: measurekit chart worksheets/youth-justice.yaml --output chart.svg
    """
    from ..reports import chart as chart_report

    show(ctx, path, chart_report.build, output=output, picture="an SVG picture")


def report(
    ctx: typer.Context,
    path: PathArgument,
    *,
    as_of: AsOfOption,
    days: DaysOption = 14,
    since: SinceOption = None,
    output: OutputOption = None,
    audience: AudienceOption = Audience.team,
    partner: Annotated[
        Optional[list[str]],  # noqa: UP045
        partner_option(
            "A page for this partner only: its rows, shared measures and next steps. "
            "Repeat for more partners."
        ),
    ] = None,
    fmt: Annotated[
        PageFormat,
        format_option(*PageFormat, help="html: a page to print or email; docx: the same "
                      "sections, editable in Word."),
    ] = PageFormat.html,
) -> None:
    """Write a self-contained HTML handout (or a Word document).

    Every part of the worksheet in its order, with the chart, how the measures are doing,
    the summary table and the next steps' statuses, ready to print or email; with
    --since, what changed since then.

    Example: measurekit report worksheets/youth-justice.yaml --audience partners -o handout.html
    """
    from ..reports import handout

    def build(worksheet: "Worksheet") -> Built:
        pairs = [(p.id, p.name) for p in worksheet.partners]
        page = handout.build(
            worksheet,
            str(path),
            as_of=as_of,
            days=days,
            since=None if since is None else changes_since(path, since, worksheet),
            audience=audience.value,
            partner_ids=[partner_id(pairs, typed) for typed in partner or []] or None,
        )
        if fmt == PageFormat.docx:  # the same sections, written for Word
            from ..reports.docx_page import document

            return document(page, title=worksheet.title)
        return page

    show(ctx, path, build, output=output, picture="an HTML page")


def schema(ctx: typer.Context, output: OutputOption = None) -> None:
    """Print the JSON Schema of the worksheet format.

    Draft-07, for editors such as VS Code with the YAML extension.

    Saved worksheets start with a `yaml-language-server` line that points at
    measurekit.schema.json beside them: write it there once, and VS Code (with the
    YAML extension) completes and checks the fields as you type.

    Example: measurekit schema --output worksheets/measurekit.schema.json
    """
    from ..core.schema import schema_text

    publish(ctx.obj, schema_text(), Format.text, output, [])

"""The commands that ask at a terminal: `interview`, `record` (which asks, or takes its
values from a csv with --from) and `forecast` (which asks, or keeps all with --yes).
Each gets the run's Environment (`ctx.obj`)."""

# No `from __future__ import annotations`: Typer reads these annotations at run time.
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..core.errors import UsageProblem
from ..core.text import count
from ..core.vocabulary import SECTIONS, one_of
from .app import say
from .live import HostOption, NoOpenOption, PortOption, watching
from .options import (
    Audience,
    AudienceOption,
    PathArgument,
    date_option,
    file_argument,
    partner_option,
    worksheet_files,
)


def interview(
    ctx: typer.Context,
    path: Annotated[
        Path,
        file_argument("The worksheet file (new or existing).",
                      callback=lambda path: worksheet_files(path) if path.exists() else path),
    ],
    section: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--section",
            metavar="NAME",
            help=f"Go straight to one part: {one_of(SECTIONS)}.",
        ),
    ] = None,
    partner: Annotated[
        Optional[str],  # noqa: UP045
        partner_option("Go straight to one partner, by its id."),
    ] = None,
    quick: Annotated[
        bool,
        typer.Option("--quick", help="Ask only what the summary table needs; the rest later."),
    ] = False,
    show: Annotated[
        bool,
        typer.Option("--show", help="Show the answers on a live page as they are typed "
                     "(for a projector); see `measurekit show`."),
    ] = False,
    port: PortOption = 8765,
    host: HostOption = "127.0.0.1",
    no_open: NoOpenOption = False,
    audience: AudienceOption = Audience.team,
) -> None:
    """Fill in a new worksheet, or update a saved one.

    Step by step, at a terminal. Every answer is kept in a draft beside the file as
    you type; Ctrl-C, then the same command, picks up where you stopped. The file is
    saved at the end, atomically.

    Example: measurekit interview my-worksheet.yaml
    """
    from ..interview import run

    if not show:
        run(path, env=ctx.obj, section=section, partner=partner, quick=quick)
        return
    feed, page = watching(ctx.obj, path, host, port, no_open, audience.value)
    with page:  # the page ends with the interview
        run(path, env=ctx.obj, section=section, partner=partner, quick=quick, watcher=feed)


def record(
    ctx: typer.Context,
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
    decimal_comma: Annotated[
        bool,
        typer.Option("--decimal-comma", help="With --from: read 2,5 as 2.5 (the default for a "
                     "csv separated by ';')."),
    ] = False,
    partner: Annotated[
        Optional[str],  # noqa: UP045
        partner_option("Ask only this partner's measures."),
    ] = None,
    on: Annotated[
        date, date_option("--date", "The date of the values asked for (default: today).")
    ],
) -> None:
    """Record a round of new values for the measures.

    Asks each measure's value for a date (Enter skips), with the same draft, Ctrl-C
    and resume as the interview; or takes them all from a csv with --from.

    Example: measurekit record worksheets/youth-justice.yaml --from worksheets/youth-justice-q4.csv
    """
    if from_csv is not None and partner is not None:
        raise UsageProblem("--partner chooses what to ask; with --from the csv says it")
    from ..core.locks import session_holder
    from ..interview.wording import RECORD_DURING_INTERVIEW

    interviewing = session_holder(path)
    if interviewing:  # its save will merge these values with its answers
        say(ctx.obj, RECORD_DURING_INTERVIEW.format(file=path, pid=interviewing.pid,
                                                    since=interviewing.clock()), "yellow")
    if from_csv is None:
        from ..interview import run

        run(path, env=ctx.obj, partner=partner, record_on=on)
        return
    from ..core.record import record_file

    saved, added, replaced = record_file(path, from_csv, replace=replace,
                                         decimal_comma=decimal_comma or None)
    what = count(added, "new value") + (f", {replaced} replaced" if replaced else "")
    say(ctx.obj, f"{path}: {what}" + ("" if saved else "; nothing to change"), "green")


def forecast(
    ctx: typer.Context,
    path: PathArgument,
    *,
    measure: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--measure", metavar="ID",
                     help="Propose for this measure only (replacing its forecast)."),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Keep every proposal without asking.")
    ] = False,
) -> None:
    """Propose a forecast for each measure with 3 or more points and none yet.

    A straight line fitted through the measure's history (least squares), to its
    target date or one year past its latest point: where the curve goes if nothing
    changes. Each is shown on a small curve; Enter keeps it.

    Example: measurekit forecast worksheets/youth-justice.yaml --yes
    """
    from ..core.forecast import keep_forecasts

    env = ctx.obj

    def ask(proposal: Any) -> bool:  # only here, at a terminal, are the prompts loaded
        if not env.stdin_isatty:
            raise UsageProblem("forecast asks before it keeps each proposal, so it needs a "
                               "terminal; --yes keeps every proposal without asking")
        from ..interview.asker import TerminalAsker
        from ..interview.forecasts import offer

        return offer(TerminalAsker(color=env.color), proposal)

    offered, kept, written = keep_forecasts(path, measure=measure, ask=None if yes else ask)
    if not offered:
        say(env, f"{path}: no forecast to propose (every measure with 3 or more numeric "
                 "points has one)")
    elif written:
        say(env, f"saved {path}: {kept} of {count(offered, 'forecast')} kept", "green")
    else:
        say(env, f"{path}: no forecast kept; the file is unchanged")

"""The options and arguments the commands share, each declared once.

A command's signature names them (`fmt: FormatOption = Format.text`); one that words an
option for itself (--as-of, --partner) builds it here with its own help.
"""

# No `from __future__ import annotations`: Typer reads these annotations at run time.
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..core.vocabulary import one_of
from ..reports.formats import Format, TableFormat


def _iso_date(text: str) -> date:
    """--as-of, --date: a date written YYYY-MM-DD; anything else is a usage error."""
    from ..core.fieldtypes import parse_iso_date

    try:
        day: date = parse_iso_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return day


def date_option(name: str, help: str) -> Any:
    """A date option, today by default, worded for its command.

    Keyword-only in a command (after `*`): it has no default in the signature, only a factory.
    """
    return typer.Option(
        name,
        parser=_iso_date,
        default_factory=date.today,
        show_default=False,
        metavar="YYYY-MM-DD",
        help=help,
    )


def partner_option(help: str) -> Any:
    """--partner ID, worded for its command (go to it, ask its measures, make its page)."""
    return typer.Option("--partner", metavar="ID", help=help)


PathArgument = Annotated[
    Path, typer.Argument(help="The worksheet file.", show_default=False, metavar="FILE")
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help=f"{one_of([f.value for f in Format])}.", case_sensitive=False
    ),
]
TableFormatOption = Annotated[
    TableFormat,
    typer.Option(
        "--format", "-f", help=f"{one_of([f.value for f in TableFormat])}.", case_sensitive=False
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False
    ),
]
AsOfOption = Annotated[
    date, date_option("--as-of", "Date to compute overdue and due soon against (default: today).")
]
StatusAsOfOption = Annotated[
    date,
    date_option(
        "--as-of", "Work out each status from the points up to this date (default: today)."
    ),
]
DaysOption = Annotated[
    int, typer.Option("--days", min=0, help="'Due soon' means within this many days.")
]
WhoOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--who", help="Only rows whose who, lead or with-whom contains this text."),
]
SinceOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--since",
        metavar="REV",
        help="Compare FILE with its version at this git revision (a commit, tag or branch).",
    ),
]


class Audience(str, Enum):
    team = "team"
    partners = "partners"


AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        case_sensitive=False,
        help="team: everything; partners: without the reflection, the gaps and notes.",
    ),
]

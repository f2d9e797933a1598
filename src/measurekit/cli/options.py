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

from ..core.errors import MeasurekitError, UsageProblem
from ..core.vocabulary import one_of
from ..reports.formats import Format, TableFormat


def _date(text: str | date) -> date:
    """--as-of, --date: YYYY-MM-DD or the interview's shortcuts (today, +2w, 2027-03)."""
    from ..interview.dates import parse

    if isinstance(text, date):  # the default, today, is already one
        return text
    try:
        return parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def date_option(name: str, help: str) -> Any:
    """A date option, today by default, worded for its command.

    Keyword-only in a command (after `*`): it has no default in the signature, only a factory.
    """
    return typer.Option(
        name,
        parser=_date,
        default_factory=date.today,
        show_default=False,
        metavar="DATE",
        help=f"{help} YYYY-MM-DD, or today, +2w, 2027-03 (its last day).",
    )


def format_option(*formats: Any, help: str = "") -> Any:
    """--format, offering the formats the command has (members of one Enum); any other is a
    one-line usage error. `help` words the formats for the command (else their names)."""
    names = [f.value for f in formats]
    kind = type(formats[0])

    def choose(text: Any) -> Any:
        if isinstance(text, kind):  # the default
            return text
        if text.lower() in names:
            return kind(text.lower())
        raise UsageProblem(f"unknown format {text!r}; choose one of {', '.join(names)}")

    return typer.Option(
        "--format",
        "-f",
        parser=choose,
        metavar=f"[{'|'.join(names)}]",
        autocompletion=lambda: names,
        help=help or f"{one_of(names)}.",
    )


def partner_option(help: str) -> Any:
    """--partner ID, worded for its command (go to it, ask its measures, make its page)."""
    return typer.Option("--partner", metavar="ID", help=f"{help} An id or name, or its start.")


def partner_id(partners: list[tuple[str, str]], typed: str) -> str:
    """The id of the partner --partner names (an id, a name, or a unique start of one)."""
    from ..core.lookup import pick_partner

    try:
        return pick_partner(partners, typed)
    except LookupError as exc:
        raise UsageProblem(f"--partner: {exc}") from None


def worksheet_files(given: Any) -> Any:
    """FILE (one path or a list): a csv of values given where a worksheet goes is refused
    with the command it was meant for (exit 1, a file error)."""
    for path in given if isinstance(given, list) else [given]:
        if path is not None and path.suffix.lower() == ".csv":
            raise MeasurekitError(
                f"{path} is not a worksheet; to record its values: "
                f"measurekit record FILE --from {path}"
            )
    return given


def file_argument(help: str, metavar: str = "FILE", callback: Any = worksheet_files) -> Any:
    """The worksheet FILE (or files: OLD [NEW]) a command reads, worded for it; a csv of
    values given instead is refused (`worksheet_files`)."""
    return typer.Argument(help=help, show_default=False, metavar=metavar, callback=callback)


PathArgument = Annotated[Path, file_argument("The worksheet file.")]
FormatOption = Annotated[Format, format_option(*Format)]
TableFormatOption = Annotated[TableFormat, format_option(*TableFormat)]
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

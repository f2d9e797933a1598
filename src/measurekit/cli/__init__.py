"""The command line: a table of Typer commands that parse, call the library and turn errors
into exit codes.

app.py has the Typer app, the one error handler and `main`; options.py the options the
commands share; pipeline.py the one way a report goes out (load, build, render, print or
write); reports.py `validate`, `schema` and the reports; interview.py the commands that
ask at a terminal. Commands
import what they need inside their bodies, so that `measurekit --help` and the report
commands start fast (and only `interview` and `record` ever load questionary).
"""

from . import interview, live, reports
from .app import Command, app, main

# The table of commands, in the order `measurekit --help` lists them.
COMMANDS = (
    interview.interview,
    reports.validate,
    reports.table,
    reports.actions,
    reports.matrix,
    reports.gaps,
    reports.trend,
    reports.shared,
    reports.diff,
    interview.record,
    interview.forecast,
    reports.chart,
    reports.report,
    live.show,
    reports.schema,
)
for _command in COMMANDS:
    app.command(cls=Command)(_command)

__all__ = ["COMMANDS", "app", "main"]

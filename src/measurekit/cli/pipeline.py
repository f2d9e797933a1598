"""The one pipeline of the reading commands: load the worksheet, build the report, render
it for the terminal or a file, print it or write --output (`show`); `publish` for a
command that loads its own files (diff), and `changes_since` for --since REV.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Union

import typer

from ..core import streams
from ..core.errors import UsageProblem
from ..core.streams import Environment
from ..reports.formats import Format, Report
from .app import say

if TYPE_CHECKING:
    from ..core.model import Worksheet

# A Report to render in a format, a finished page or picture, or a document's bytes.
Built = Union[Report, str, bytes]  # noqa: UP007


def publish(
    env: Environment, built: Built, fmt: Format, output: Path | None, inputs: list[Path]
) -> None:
    """Render a built report (a page or a picture is already text) and print it, or write it
    atomically to --output, never over an input."""
    if isinstance(built, Report):
        from ..reports.formats import render

        to_terminal = output is None and fmt == Format.text
        built = render(
            built, fmt, width=env.width if to_terminal else 100, color=to_terminal and env.color
        )
    if output is None:
        if isinstance(built, bytes) and env.stdout_isatty:
            raise UsageProblem("a Word document is not for the terminal: give --output FILE.docx")
        streams.write_stdout(built)
        return
    if fmt == Format.csv and isinstance(built, str) and _a_file(output):
        built = "\ufeff" + built  # Excel reads UTF-8 only after a byte-order mark
    real = os.path.realpath(output)
    if any(os.path.realpath(p) == real for p in inputs):
        raise UsageProblem(f"{output}: is the worksheet being read; choose another --output file")
    streams.write_output(output, built)  # a device or a FIFO is written into, not replaced
    say(env, f"Wrote {output}", "green")


def _a_file(output: Path) -> bool:
    """True when --output is (or will be) a file, not a device or a pipe to stream into."""
    try:
        return stat.S_ISREG(os.stat(output).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def show(
    ctx: typer.Context,
    path: Path,
    build: Callable[[Worksheet], Built],
    fmt: Format = Format.text,
    output: Path | None = None,
    picture: str = "",
) -> None:
    """The pipeline of a report on one worksheet: load, build, render, print or write.

    A `picture` (a page, an SVG) is markup nobody reads on a terminal: there, without
    --output, it is refused before any work, as gzip refuses to print compressed data.
    """
    from ..core.store import load_worksheet

    if picture and output is None and ctx.obj.stdout_isatty:
        raise UsageProblem(
            f"{ctx.info_name}: {picture} is not written to a terminal; "
            "give --output FILE, or pipe it"
        )
    publish(ctx.obj, build(load_worksheet(path)), fmt, output, [path])


def changes_since(path: Path, rev: str, worksheet: Worksheet) -> Report:
    """What changed in the file since a git revision (diff --since, report --since)."""
    from ..core.revisions import NotInRepository, RevisionProblem, read_at_revision
    from ..core.store import parse
    from ..reports import changes

    old_name = f"{path} at {rev}"
    try:
        old = parse(read_at_revision(path, rev), old_name).worksheet
    except NotInRepository as exc:
        raise UsageProblem(f"{exc}; --since needs one") from None
    except RevisionProblem as exc:
        raise UsageProblem(f"--since: {exc}") from None
    return changes.build(old, worksheet, old_name, str(path))

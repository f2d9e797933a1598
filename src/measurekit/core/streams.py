"""Standard streams and --output targets that are not what a program usually expects.

A closed stdout (`table W >&-`), a full disk behind it (`> /dev/full`), an ASCII-only
terminal (`PYTHONIOENCODING=ascii`), or `--output /dev/null` and FIFOs: each gets a
one-line error or a plain-ASCII fallback, never a traceback, and a device is written
into, never replaced by a regular file.

Example:
    >>> prepare()  # doctest: +SKIP  (once, in cli.main)
    >>> write_output(Path("/dev/null"), "report")  # doctest: +SKIP  (streamed, not replaced)
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import FileProblem

STDOUT = "standard output"
_closed_stdout = False


@dataclass
class Environment:
    """Where a run happens: its standard streams and terminal. Made once per run and
    passed in (the command line's `main(env)`, the interview's `run(env=...)`); tests
    make their own."""

    stdin_isatty: bool
    stdout_isatty: bool
    no_color: bool
    width: int
    debug: bool = False

    @classmethod
    def from_os(cls) -> Environment:
        return cls(
            stdin_isatty=sys.stdin is not None and sys.stdin.isatty(),
            stdout_isatty=sys.stdout is not None and sys.stdout.isatty(),
            no_color="NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb",
            width=shutil.get_terminal_size((100, 24)).columns,
        )

    @property
    def color(self) -> bool:
        return self.stdout_isatty and not self.no_color


def prepare() -> None:
    """Make the standard streams safe to use, whatever state the shell left them in."""
    global _closed_stdout
    # A closed 0, 1 or 2 would be handed to the next file opened (a worksheet, a
    # temporary file) and written to by mistake: hold each with /dev/null instead.
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if fd == 1:
                _closed_stdout = True
            if getattr(sys, name) is None:
                setattr(sys, name, open(fd, "r" if fd == 0 else "w", closefd=False))  # noqa: SIM115
    # An encoding that cannot show a character writes it as an escape (\u2713), not a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def write_stdout(text: str | bytes) -> None:
    """The report on standard output (bytes: a document, as they are), or a FileProblem
    when it cannot take it."""
    if _closed_stdout:
        raise FileProblem(STDOUT, "is closed, so the report has nowhere to go; leave it open "
                          "or give --output FILE")
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _silence_stdout()
        raise FileProblem(STDOUT, f"cannot write to it ({exc.strerror or exc})") from None


def finish() -> None:
    """Flush standard output at the end, as an error message rather than a traceback."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        _silence_stdout()
        raise FileProblem(STDOUT, f"cannot write to it ({exc.strerror or exc})") from None


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so that Python's own flush at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def status(text: str | None) -> None:
    """A passing line on stderr, on a terminal only (a pipe or a log gets nothing); None
    clears it."""
    err = sys.stderr
    try:
        if err is None or not err.isatty() or os.environ.get("TERM") == "dumb":
            return
        err.write(f"\r\x1b[K{text}" if text else "\r\x1b[K")
        err.flush()
    except (OSError, ValueError):
        pass


def write_output(output: Path, text: str | bytes) -> None:
    """Write --output: a device or a FIFO as a stream, a file (through symlinks) atomically."""
    try:
        mode = os.stat(output).st_mode  # follows symlinks, and /dev/stdout's link too
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise FileProblem(output, f"cannot write it ({exc.strerror})") from None
    data = text.encode("utf-8") if isinstance(text, str) else text
    if mode is not None and stat.S_ISDIR(mode):
        raise FileProblem(output, "is a folder; give a file name for --output")
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(output, "wb") as stream:
                stream.write(data)
        except OSError as exc:
            raise FileProblem(output, f"cannot write it ({exc.strerror or exc})") from None
        return
    from .saving import atomic_write

    atomic_write(Path(os.path.realpath(output)), data)

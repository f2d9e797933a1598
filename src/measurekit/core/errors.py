"""The exceptions measurekit raises for user errors, and the exit codes they map to.

The CLI turns every `MeasurekitError` into a message and an exit code in one
place (`cli._handle_exceptions`); library code only raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit statuses, the same for every command."""

    OK = 0
    ERROR = 1  # invalid input, or a file that cannot be read or written
    USAGE = 2  # wrong arguments, or a command run where it cannot work (no terminal)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a worksheet file, located as precisely as we can."""

    file: str
    message: str
    path: str = ""  # field path such as partners[2].measures[0].type
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        field = f" {self.path}:" if self.path else ""
        return f"{self.location()}:{field} {self.message}"


class MeasurekitError(Exception):
    """Base of every error that is the user's to fix; never shown as a traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def messages(self) -> list[str]:
        return [str(self)]


class WorksheetInvalid(MeasurekitError):
    """A worksheet file that cannot be accepted; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


class FileProblem(MeasurekitError):
    """A file that cannot be read or written (missing, a folder, no permission)."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UsageProblem(MeasurekitError):
    """The command was called in a way it cannot work (exit status 2)."""

    exit_code = ExitCode.USAGE


class SavedBeside(MeasurekitError):
    """The file changed on disk while the interview ran: the answers were saved beside it.

    Nothing is lost, yet the file itself was not updated: an error (exit status 1),
    so that a script or a person notices and compares the two.
    Example: raise SavedBeside(path, beside, f"{path} changed on disk; saved {beside}")
    """

    exit_code = ExitCode.ERROR

    def __init__(self, file: Path | str, beside: Path | str, message: str):
        self.file, self.beside = str(file), str(beside)
        super().__init__(message)

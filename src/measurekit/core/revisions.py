"""A worksheet file as it was at a git revision: the one place measurekit runs git.

Example:
    >>> read_at_revision(Path("worksheets/youth-justice.yaml"), "HEAD")  # doctest: +SKIP
    b'# yaml-language-server: ...'
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import ExitCode, MeasurekitError

GIT_TIMEOUT = 60  # seconds: every wait has a deadline


class RevisionProblem(MeasurekitError):
    """The file cannot be read at that revision (no git, no repository, no such revision)."""

    exit_code = ExitCode.USAGE


class NotInRepository(RevisionProblem):
    """The file's folder is not in a git repository."""


def read_at_revision(path: Path, rev: str) -> bytes:
    """The file's content at a git revision (`git show REV:./FILE`, run in the file's folder)."""
    if rev.startswith("-"):
        raise RevisionProblem(f"{rev!r} is not a revision (a commit, tag or branch)")
    real = path.resolve()  # through a link, to the file git keeps (its folder, its name)
    try:
        done = subprocess.run(
            ["git", "show", f"{rev}:./{real.name}"],
            cwd=real.parent,
            capture_output=True,
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        raise RevisionProblem("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise RevisionProblem(f"git took over {GIT_TIMEOUT} s to show {path} at {rev!r}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = reason[0].removeprefix("fatal: ") if reason else f"git exit {done.returncode}"
        if first.startswith("not a git repository"):
            raise NotInRepository(f"{path} is not in a git repository")
        raise RevisionProblem(f"{path}: cannot read it at git revision {rev!r}: {first}")
    return done.stdout

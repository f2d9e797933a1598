"""`FILE.lock`: one save of a file at a time, as git locks its index.

A save checks that the file has not changed on disk since it was read, then
writes it; two sessions pressing Save together could both pass the check, and one
would overwrite the other. The lock makes check-and-write one step: it is created
with O_EXCL (only one process can create it), holds who made it (pid, host, time),
and is removed on the way out, whatever happens. A lock left by a process that was
killed is recognised as stale (that pid is gone on this host, or the lock is hours
old) and explained, never silently taken over: deleting it is the user's call.

Example:
    >>> with held(Path("my-worksheet.yaml")):  # doctest: +SKIP
    ...     check_then_write()
"""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import FileProblem

WAIT_SECONDS = 10.0  # another save of the same file takes well under a second
STALE_AFTER_SECONDS = 6 * 3600  # no save holds a lock for hours


class LockHeld(FileProblem):
    """The file is being saved by another process, or a killed save left its lock."""


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def held(path: Path | str, wait: float | None = None) -> Iterator[Path]:
    """Hold `PATH.lock` for the duration of the block (waiting a little for another save)."""
    lock = lock_path(Path(os.path.realpath(path)))
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while True:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            owner = _owner(lock)
            if owner is None:
                continue  # removed between our open and our look: try again at once
            stale = _stale_reason(owner)
            if stale:
                raise LockHeld(lock, f"{stale}: a save of {path} was cut short (killed or "
                               f"crashed), and left this lock behind. No measurekit is saving "
                               f"the file now: check that {path} looks right, delete {lock}, "
                               f"and run the command again") from None
            if time.monotonic() >= deadline:
                raise LockHeld(lock, f"{path} is being saved by {owner['who']}; run the "
                               f"command again when it has finished (if that process is "
                               f"stuck, end it, then delete {lock})") from None
            time.sleep(0.05)
        except OSError as exc:
            raise FileProblem(lock, f"cannot create the lock that guards {path} while it is "
                              f"saved ({exc.strerror})") from None
    try:
        with _term_as_exit():
            try:
                stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
                os.write(fd, f"pid {os.getpid()}\nhost {socket.gethostname()}\n"
                             f"since {stamp}\nby measurekit\n".encode())
            finally:
                os.close(fd)
            yield lock
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass


def _owner(lock: Path) -> dict[str, Any] | None:
    """What the lock says about who holds it; None when it vanished meanwhile."""
    try:
        text = lock.read_text(encoding="utf-8", errors="replace")
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        text, age = "", 0.0
    fields = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
    pid = int(fields["pid"]) if fields.get("pid", "").isdigit() else None
    host = fields.get("host", "")
    who = (f"process {pid} on {host or 'an unknown host'}" if pid else "another process")
    if fields.get("since"):
        who += f" (since {fields['since']})"
    return {"pid": pid, "host": host, "age": age, "who": who}


def _stale_reason(owner: dict[str, Any]) -> str:
    """Why the lock is left over, or '' while its maker may still be saving."""
    if owner["age"] > STALE_AFTER_SECONDS:
        return f"the lock was made by {owner['who']} {owner['age'] / 3600:.0f} hours ago"
    if owner["pid"] is None and owner["age"] > 60:  # killed before it could say who it was
        return f"the lock is empty and {owner['age'] / 60:.0f} minutes old"
    if owner["pid"] and owner["host"] == socket.gethostname():
        try:
            os.kill(owner["pid"], 0)
        except ProcessLookupError:
            return f"the lock was made by {owner['who']}, which is no longer running"
        except OSError:  # it exists, owned by someone else
            pass
    return ""


@contextmanager
def _term_as_exit() -> Iterator[None]:
    """SIGTERM while the lock is held unwinds (removing temporary files and the lock)."""

    def terminate(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

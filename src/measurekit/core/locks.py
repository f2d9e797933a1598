"""The locks beside a worksheet, made and judged one way, as git makes its lock files.

Two locks, one format and one liveness check; only the policy differs:
- `FILE.lock` (SAVE) makes a save's check-and-write one step. A live one is waited
  for a little; a stale one is explained and never taken over: deleting it is the
  user's call, after checking the file.
- `.FILE.draft.lock` (SESSION) keeps one interview per file. A live one stops a
  second interview at once; a stale one (its process is gone) is taken over, and
  that session's draft is resumable as usual. A `record` round while an interview is
  open has its own draft and lock, `.FILE.record.draft.lock`.

A lock is written in full under a fresh private name and linked into place, so it
is never seen half-written and never written through a link planted at its name.
It names its maker (pid, host, the process's start time): a pid now used by another
process is not the maker. A lock that is a link, not a file, or not readable is
stale like a lock whose maker is gone. Every wait has a deadline.

Example:
    >>> with held(Path("my-worksheet.yaml")):  # doctest: +SKIP
    ...     check_then_write()
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .beside import write_new
from .errors import FileProblem

STALE_AFTER_SECONDS = 6 * 3600  # no save holds a lock for hours
RETRY_SECONDS = 2.0  # a lock that vanishes or is cleared is tried again, up to this long


class LockHeld(FileProblem):
    """The file is being saved by another process, or a killed save left its lock."""


class SessionRunning(FileProblem):
    """Another interview holds the file (or may: a lock from another computer)."""


@dataclass(frozen=True)
class Policy:
    """What a lock does about another one: wait for a live one, take over a stale one."""

    wait: float  # seconds to wait for a live lock to go
    take_over_stale: bool
    max_age: float | None  # older than this, the maker is taken to be gone


SAVE = Policy(wait=10.0, take_over_stale=False, max_age=STALE_AFTER_SECONDS)
SESSION = Policy(wait=0.0, take_over_stale=True, max_age=None)  # interviews last hours


def save_lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def session_lock_path(worksheet: Path, side: str = "") -> Path:
    """The lock of the draft of the same name (a `record` beside an interview has its own)."""
    return worksheet.with_name(f".{worksheet.name}{'.' + side if side else ''}.draft.lock")


# --- who made a lock, and is it still running --------------------------------------------

def started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, Linux), to tell a reused pid apart."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(errors="replace")
        return fields.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def alive(pid: int, since: str = "") -> bool:
    """Is process `pid` running, and the same process that started at `since` (if given)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        pass
    except (OSError, OverflowError, ValueError):
        return False
    now = started(pid)
    return not (since and now and now != since)  # the same pid, another process: gone


@dataclass(frozen=True)
class Owner:
    """What a lock says about its maker."""

    pid: int | None = None
    host: str = ""
    started: str = ""  # the maker's start time, see `started()`
    since: str = ""

    @classmethod
    def me(cls) -> Owner:
        return cls(os.getpid(), socket.gethostname(), started(os.getpid()),
                   datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def text(self) -> bytes:
        return (f"pid {self.pid}\nhost {self.host}\nstarted {self.started}\n"
                f"since {self.since}\nby measurekit\n").encode()

    @classmethod
    def parse(cls, raw: bytes) -> Owner:
        """Any bytes at all (a lock may be garbled, or not UTF-8): what can be read of them."""
        text = raw.decode("utf-8", errors="replace")
        fields = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
        pid = fields.get("pid", "")
        return cls(int(pid) if pid.isdigit() and 0 < int(pid) < 2**31 else None,
                   _printable(fields.get("host", "")), _printable(fields.get("started", "")),
                   _printable(fields.get("since", "")))

    def clock(self) -> str:
        """When it was made, in local time: HH:MM today, else with the date."""
        try:
            when = datetime.fromisoformat(self.since).astimezone()
        except ValueError:
            return self.since or "an unknown time"
        today = datetime.now().astimezone().date()
        return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")

    def who(self) -> str:
        who = (f"process {self.pid} on {self.host or 'an unknown host'}" if self.pid
               else "another process")
        return who + (f" (since {self.since})" if self.since else "")


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text[:100])


@dataclass(frozen=True)
class Found:
    """A lock as read from disk."""

    raw: bytes
    owner: Owner
    age: float  # seconds since it was written
    oddity: str = ""  # why it is not a lock measurekit made ("is a symbolic link"...)


def read(lock: Path) -> Found | None:
    """The lock at `lock`, None if there is none. Never follows a link, never blocks."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            try:
                target = os.readlink(lock)
            except OSError:
                return None  # gone meanwhile
            return Found(b"", Owner(), 0.0, f"a symbolic link (to {target}), not a file")
        return Found(b"", Owner(), 0.0, f"not readable ({exc.strerror})")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Found(b"", Owner(), 0.0, "not a regular file")
        raw = os.read(fd, 4096)
    except OSError as exc:
        return Found(b"", Owner(), 0.0, f"not readable ({exc.strerror})")
    finally:
        os.close(fd)
    return Found(raw, Owner.parse(raw), max(0.0, time.time() - info.st_mtime))


def stale_reason(found: Found, policy: Policy) -> str:
    """Why the lock is left over, or '' while its maker may still be at work."""
    owner = found.owner
    if found.oddity:
        return f"the lock is {found.oddity}"
    if policy.max_age is not None and found.age > policy.max_age:
        return f"the lock was made by {owner.who()} {found.age / 3600:.0f} hours ago"
    if owner.pid is None:
        if policy.take_over_stale or found.age > 60:  # ours are never seen half-written
            return (f"the lock is empty or garbled (it names no process) and "
                    f"{found.age / 60:.0f} minutes old")
        return ""
    if owner.host == socket.gethostname() and not alive(owner.pid, owner.started):
        return f"the lock was made by {owner.who()}, which is no longer running"
    return ""


def holder(lock: Path, policy: Policy = SESSION) -> Owner | None:
    """Who holds `lock` now, if anyone may (None: no lock, or a stale one)."""
    found = read(lock)
    if found is None or stale_reason(found, policy):
        return None
    return found.owner


def session_holder(worksheet: Path) -> Owner | None:
    """The interview running on `worksheet`, if one may be (read-only: for `record`)."""
    return holder(session_lock_path(worksheet), SESSION)


# --- taking and giving back ----------------------------------------------------------------

@dataclass
class Lock:
    """A lock this process made; `release()` removes it if it is still this one."""

    path: Path
    owner: Owner

    @classmethod
    def acquire(cls, lock: Path, policy: Policy, what: Path) -> Lock:
        """Make `lock` for the file `what`, as `policy` says; LockHeld or SessionRunning if not."""
        owner = Owner.me()
        now = time.monotonic()
        live_until, retry_until = now + policy.wait, now + max(policy.wait, RETRY_SECONDS)
        while True:
            if _create(lock, owner.text()):
                return cls(lock, owner)
            found = read(lock)
            if found is not None:
                reason = stale_reason(found, policy)
                if reason and not policy.take_over_stale:
                    raise LockHeld(lock, _stale_message(reason, found, what, lock))
                if reason:
                    _clear(lock, found)
                elif time.monotonic() >= live_until:
                    raise _live_problem(policy, found.owner, what, lock)
            if time.monotonic() >= retry_until:
                raise FileProblem(lock, f"cannot take this lock on {what}: it keeps appearing "
                                  "and vanishing; if no measurekit is running, delete it")
            time.sleep(0.05 if found is not None else 0.01)

    def release(self) -> None:
        found = read(self.path)
        if found is not None and found.raw == self.owner.text():  # not one made since
            try:
                os.unlink(self.path)
            except OSError:
                pass


def _create(lock: Path, data: bytes) -> bool:
    """Link a private file holding `data` into place; False if something is there."""
    try:
        write_new(lock, data, sync=False)
    except FileExistsError:
        return False
    except OSError as exc:
        raise FileProblem(lock, f"cannot create this lock ({exc.strerror})") from None
    return True


def _clear(lock: Path, found: Found) -> None:
    """Remove a stale lock, unless another process replaced it meanwhile."""
    grabbed = lock.with_name(f"{lock.name}.stale.{os.getpid()}")
    try:
        os.rename(lock, grabbed)  # renames a link itself, never what it points to
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileProblem(lock, f"cannot clear a stale lock ({exc.strerror})") from None
    again = read(grabbed)
    if again is not None and again.raw != found.raw:  # a fresh lock, taken meanwhile
        try:
            os.link(grabbed, lock)
        except OSError:
            pass
    try:
        os.unlink(grabbed)
    except OSError:
        pass


def _stale_message(reason: str, found: Found, what: Path, lock: Path) -> str:
    if found.oddity:
        return (f"{reason}, not a lock measurekit makes. No measurekit is saving {what} "
                f"through it: check that {what} looks right, delete {lock} (only the "
                "link or file named so, not anything it points to), and run the command again")
    return (f"{reason}: a save of {what} was cut short (killed or crashed), and left this "
            f"lock behind. No measurekit is saving the file now: check that {what} looks "
            f"right, delete {lock}, and run the command again")


def _live_problem(policy: Policy, owner: Owner, what: Path, lock: Path) -> FileProblem:
    if not policy.take_over_stale:
        return LockHeld(lock, f"{what} is being saved by {owner.who()}; run the command "
                        f"again when it has finished (if that process is stuck, end it, "
                        f"then delete {lock})")
    since = owner.since.replace("T", " ")
    if owner.host != socket.gethostname():
        return SessionRunning(what, SESSION_ELSEWHERE.format(
            host=owner.host, pid=owner.pid, since=since, lock=lock))
    return SessionRunning(what, SESSION_RUNNING.format(pid=owner.pid, since=since, lock=lock))


SESSION_RUNNING = (
    "another interview on this file is running (process {pid}, since {since}). Finish or "
    "quit that one first: two interviews on one file would overwrite each other's answers. "
    "If no interview is running, remove {lock}."
)
SESSION_ELSEWHERE = (
    "an interview on this file was started on the computer {host} (process {pid}, since "
    "{since}) and may still be running. Finish it there first; if it is not running, "
    "remove {lock}."
)


@contextmanager
def held(path: Path | str, wait: float | None = None) -> Iterator[Path]:
    """Hold `PATH.lock` while a save checks and writes the file (SAVE policy).

    A SIGTERM or SIGHUP meanwhile unwinds the block (temporary files and the lock are
    removed) and ends the process with 128 + the signal's number.
    """
    real = Path(os.path.realpath(path))
    policy = SAVE if wait is None else Policy(wait, False, STALE_AFTER_SECONDS)
    lock = Lock.acquire(save_lock_path(real), policy, Path(path))
    try:
        with signals_as_exit():
            yield lock.path
    finally:
        lock.release()


def signals_as_exit() -> AbstractContextManager[None]:
    """SIGTERM and SIGHUP raise SystemExit(128 + the number) here, so that `finally` blocks
    run, instead of ending the process where it stands."""
    return signals_raise(lambda signum: SystemExit(128 + signum))


@contextmanager
def signals_raise(error: Callable[[int], BaseException]) -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP (a closed terminal) raise `error(signum)`."""

    def handler(signum: int, frame: Any) -> None:
        raise error(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        try:
            number = getattr(signal, name)
            previous[number] = signal.signal(number, handler)
        except (ValueError, AttributeError):  # not the main thread, or not on this system
            pass
    try:
        yield
    finally:
        for number, handler_before in previous.items():
            signal.signal(number, handler_before)

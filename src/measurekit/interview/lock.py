"""One interview per worksheet at a time: a lock file beside the draft, holding who owns it.

`.NAME.draft.lock` is made when an interview starts (atomically: written in full
under a private name, then linked into place, which fails if a lock is there) and
removed when it ends. A second interview on the same file reads it: if the
process it names is still running on this computer, it says so and stops, so that
two sessions never write one draft. A lock left by a session that was killed (its
process is gone) is taken over: that session's draft is resumable as usual.

Example:
    lock = SessionLock.acquire(Path("w.yaml"))  # raises SessionRunning if one is live
    try: ...
    finally: lock.release()
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..core.errors import FileProblem
from . import wording as w


def lock_path(worksheet: Path) -> Path:
    return worksheet.with_name(f".{worksheet.name}.draft.lock")


class SessionRunning(FileProblem):
    """Another interview holds the file (or may: a lock from another computer)."""


def _started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, Linux), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    except (OSError, OverflowError, ValueError):
        return False
    now = _started(pid)
    return not (started and now and now != started)  # same pid, another process: gone


@dataclass
class SessionLock:
    path: Path
    owner: dict[str, object]

    @classmethod
    def acquire(cls, worksheet: Path) -> SessionLock:
        path = lock_path(worksheet)
        owner: dict[str, object] = {
            "pid": os.getpid(), "host": socket.gethostname(), "started": _started(os.getpid()),
            "since": datetime.now().isoformat(timespec="seconds"), "file": str(worksheet)}
        for _ in range(5):  # a stale lock is cleared, then we try again
            if cls._create(path, owner):
                return cls(path, owner)
            held = cls._read(path)
            if held is None:
                continue  # removed meanwhile
            if cls._live(held, owner):
                raise SessionRunning(worksheet, cls._describe(held, owner, path))
            cls._clear(path, held)
        raise FileProblem(path, "cannot take the interview lock; another interview keeps "
                                "taking it (remove this file if no interview is running)")

    @classmethod
    def holder(cls, worksheet: Path) -> dict[str, object] | None:
        """Who runs an interview on `worksheet` now (None: nobody, or a stale lock); reads only."""
        held = cls._read(lock_path(worksheet))
        return held if held and cls._live(held, {"host": socket.gethostname()}) else None

    @staticmethod
    def _create(path: Path, owner: dict[str, object]) -> bool:
        """Write the lock in full under a private name, then link it into place (atomic)."""
        private = path.with_name(f"{path.name}.{os.getpid()}")
        try:
            private.write_text(json.dumps(owner) + "\n", encoding="utf-8")
            try:
                os.link(private, path)
            except FileExistsError:
                return False
            finally:
                private.unlink(missing_ok=True)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                return False
            raise FileProblem(path, f"cannot write the interview lock ({exc.strerror})") from None
        return True

    @staticmethod
    def _read(path: Path) -> dict[str, object] | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise FileProblem(path, f"cannot read the interview lock ({exc.strerror})") from None
        try:
            held = json.loads(text)
        except ValueError:
            held = None
        return held if isinstance(held, dict) else {}

    @staticmethod
    def _live(held: dict[str, object], me: dict[str, object]) -> bool:
        pid = held.get("pid")
        if held.get("host") != me["host"]:
            return bool(held)  # another computer: we cannot tell; an unreadable lock is stale
        if not isinstance(pid, int) or pid <= 0:
            return False
        return _alive(pid, str(held.get("started") or ""))

    @staticmethod
    def _describe(held: dict[str, object], me: dict[str, object], path: Path) -> str:
        since = str(held.get("since", "?")).replace("T", " ")
        if held.get("host") != me["host"]:
            return w.SESSION_ELSEWHERE.format(host=held.get("host"), pid=held.get("pid"),
                                              since=since, lock=path)
        return w.SESSION_RUNNING.format(pid=held.get("pid"), since=since, lock=path)

    @staticmethod
    def _clear(path: Path, held: dict[str, object]) -> None:
        """Remove a stale lock, unless another session replaced it meanwhile."""
        grabbed = path.with_name(f"{path.name}.stale.{os.getpid()}")
        try:
            os.rename(path, grabbed)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise FileProblem(path, f"cannot clear a stale interview lock ({exc.strerror})"
                              ) from None
        if SessionLock._read(grabbed) != held:  # a fresh lock, taken meanwhile: put it back
            try:
                os.link(grabbed, path)
            except OSError:
                pass
        grabbed.unlink(missing_ok=True)

    def release(self) -> None:
        if self._read(self.path) == self.owner:
            self.path.unlink(missing_ok=True)

"""Writing worksheet files: the standard layout, atomic replaces, `.bak`, and no needless work.

`write` (called by store.save, which reads the file it replaces) writes only when the
bytes change, keeps the old file as `FILE.bak` (or leaves it to git: git_state.py), and
replaces the file in one rename, so a kill at any moment leaves the old bytes or the new
ones. Loading is store.py; the lock around a save is locks.py. This module imports
nothing from store.

Example:
    >>> store.save(worksheet, "my-worksheet.yaml")  # doctest: +SKIP
    Saved(path=PosixPath('/.../my-worksheet.yaml'), written=True, backup=...)
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .beside import remove_leftovers
from .emitting import dump
from .errors import FileProblem, Problem, WorksheetInvalid
from .fieldtypes import format_path
from .git_state import committed_unchanged
from .integrity import integrity_problems
from .model import SCHEMA_VERSION, Worksheet
from .problems import describe
from .schema_walk import false_by_default

SCHEMA_FILENAME = "measurekit.schema.json"
# The one comment the tool owns: it lets editors with the YAML language server check the file.
HEADER = f"# yaml-language-server: $schema={SCHEMA_FILENAME}\n"


def read_bytes(path: Path, what: str = "a worksheet file") -> bytes:
    """The file's bytes, or a FileProblem saying why they cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, "no such file") from None
    except IsADirectoryError:
        raise FileProblem(path, f"is a folder, not {what}") from None
    except OSError as exc:
        raise FileProblem(path, f"cannot read it ({exc.strerror})") from None



@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a worksheet becomes objects, or objects text.

    A big worksheet turns into hundreds of thousands of nodes, dicts and models that all
    live on, and none of which form cycles; the collector would walk them again and
    again as they pile up (60% of the load on 1,000 partners; bench/scale.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_data(worksheet: Worksheet, name: str = "the worksheet") -> dict[str, Any]:
    """Plain data in the documented key order, empty optional fields left out.

    A value of the wrong type (put in a list by hand, where no assignment checks it)
    raises WorksheetInvalid naming its field, instead of being written as it is.
    """
    try:
        data = worksheet.model_dump(mode="python", warnings="error")
    except ValueError:  # pydantic's PydanticSerializationError: find the fields again
        found = _type_problems(worksheet, name)
        if not found:
            raise
        raise WorksheetInvalid(found) from None
    # The yes-or-no fields (done, hypothesized, ...) are left out when they say no.
    return _prune(data, false_by_default(type(worksheet))) or {}


def _type_problems(worksheet: Worksheet, name: str) -> list[Problem]:
    """What validation says of the worksheet's values, as problems naming their fields."""
    try:
        Worksheet.model_validate(worksheet.model_dump(mode="python", warnings=False))
    except ValidationError as exc:
        return [Problem(name, describe(e), format_path(e["loc"]))
                for e in exc.errors()]
    return []


def _prune(value: Any, no: frozenset[str]) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _prune(item, no)
            if item is None or item == [] or item == {} or (item is False and key in no):
                continue
            out[key] = item
        return out or None
    if isinstance(value, list):
        return [_prune(v, no) for v in value]
    return value


def dumps(worksheet: Worksheet, name: str = "the worksheet") -> str:
    return HEADER + dump(to_data(worksheet, name))


# The fields format version 3 adds to every curve (a measure, shared measure or indicator).
V3_CURVE_FIELDS = ("forecast", "tolerance", "baseline_date", "story_on")


def format_version(worksheet: Worksheet, previous: Worksheet | None = None) -> int:
    """The format a changed worksheet is written in: 3 once it uses a version 3 field (or
    the file was version 3 already), else 2.

    So a version 1 or 2 file stays readable by an older measurekit until it needs more.
    """
    if worksheet.indicators or (previous is not None and previous.schema_version >= 3):
        return 3
    curves = [*worksheet.shared_measures, *(m for p in worksheet.partners for m in p.measures)]
    if any(getattr(c, name) not in (None, []) for c in curves for name in V3_CURVE_FIELDS):
        return 3
    return 2


def content_equal(a: Worksheet, b: Worksheet) -> bool:
    """Equal but for the `updated` stamp and the format version, which saving maintains."""
    same = {"updated": None, "schema_version": SCHEMA_VERSION}
    return a.model_copy(update=same) == b.model_copy(update=same)


@dataclass
class Saved:
    path: Path
    written: bool
    backup: Path | None
    cleaned: list[Path] = field(default_factory=list)  # temporary files of killed saves


@dataclass
class OnDisk:
    """A file as read earlier: its bytes, and the worksheet they hold (None if invalid, or
    if the caller has changed it since: then it counts as different)."""

    raw: bytes
    worksheet: Worksheet | None


@gc_paused()
def write(worksheet: Worksheet, path: Path, old_raw: bytes | None,
          previous: Worksheet | None, today: date | None = None,
          on_write: Callable[[bytes], object] | None = None) -> Saved:
    """Write a worksheet atomically over `old_raw` (the file's bytes now, None when there is
    no file), which holds `previous` (None if invalid); store.save reads them.

    The previous file is kept as PATH.bak, unless the file is tracked by git and unchanged
    since the last commit, which holds it already. `updated` is set to today only when the
    content differs from `previous`; when the bytes would be the same, nothing is written
    at all. A changed file is written in the oldest format version that holds it
    (format_version); an unchanged one keeps its own (a version 1 file that nothing
    changed stays byte-for-byte as it was).
    `on_write` is called with the exact bytes the file will hold before anything is
    written (the interview notes their digest in its draft: see Draft.mark_saving).
    """
    refuse_invalid(worksheet, str(path))
    if previous is not None and content_equal(previous, worksheet):
        worksheet = worksheet.model_copy(
            update={"updated": previous.updated, "schema_version": previous.schema_version}
        )
    else:
        worksheet = worksheet.model_copy(
            update={"updated": today or date.today(),
                    "schema_version": format_version(worksheet, previous)}
        )
    data = dumps(worksheet, str(path)).encode("utf-8")
    if on_write is not None:
        on_write(data)
    if data == old_raw:
        return Saved(path, False, None)
    if old_raw is not None and _read_only(path):
        raise FileProblem(path, "is read-only, so it was not overwritten; make it writable "
                          f"(chmod u+w {path}) and save again")
    backup = None
    # The previous version is kept: in git's last commit when it is exactly that, else in .bak.
    if old_raw is not None and not committed_unchanged(path, old_raw):
        backup = path.with_name(path.name + ".bak")
        atomic_write(backup, old_raw, like=path)
    atomic_write(path, data)
    return Saved(path, True, backup, remove_leftovers(path))


def refuse_invalid(worksheet: Worksheet, name: str) -> None:
    """WorksheetInvalid, naming each field, for a worksheet no load would accept.

    Assignments are validated by the model; what a list edit can still break (a
    reference to an id that is gone, a value of the wrong type) is caught here, so that
    `save` never writes a file that `validate` would refuse.
    """
    problems = [Problem(name, message, format_path(loc))
                for loc, message in integrity_problems(worksheet)]
    if problems:
        raise WorksheetInvalid(problems)


def _read_only(path: Path) -> bool:
    """No write permission for us, or none for anyone (root may write anything, yet a
    file with every write bit off was made read-only on purpose)."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return False


def atomic_write(path: Path | str, data: bytes, like: Path | None = None) -> None:
    """Replace `path` with `data` all at once: a temporary file in the same folder, fsync, rename.

    The file keeps its permissions (or takes those of `like`); on any failure the
    old file is left whole and the temporary file is removed.
    """
    path = Path(path)
    model = like if like is not None and like.exists() else path
    mode = _mode_of(model)
    kill_point()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise FileProblem(path, f"cannot write in {path.parent} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            kill_point()
            handle.write(data)
            handle.flush()
            kill_point()
            os.fsync(handle.fileno())
            kill_point()
        os.chmod(tmp, mode)
        _keep_owner(tmp, model)
        kill_point()
        os.replace(tmp, path)
        kill_point()
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileProblem(path, f"cannot write it ({exc.strerror or exc})") from None
        raise
    _fsync_dir(path.parent)


def _keep_owner(tmp: str, model: Path) -> None:
    """The new file keeps the old one's owner and group, where we may set them."""
    try:
        st = model.stat()
        if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(tmp, st.st_uid, st.st_gid)
    except (OSError, AttributeError):  # not permitted (not root, not in the group), or Windows
        pass


def kill_point() -> None:
    """A test hook between the steps of a save: MEASUREKIT_TEST_KILL_AT_STEP=N sends the
    process MEASUREKIT_TEST_KILL_SIGNAL (KILL, as a power cut would; HUP, a closed
    terminal; TERM) at the Nth step, for the kill sweep (tests/test_kill_sweep.py)."""
    global _steps
    at = os.environ.get("MEASUREKIT_TEST_KILL_AT_STEP")
    if at:
        _steps += 1
        if _steps == int(at):
            import signal

            name = os.environ.get("MEASUREKIT_TEST_KILL_SIGNAL", "KILL")
            os.kill(os.getpid(), getattr(signal, f"SIG{name}"))


_steps = 0


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""New files beside a worksheet, never over anything and never through a planted link.

Every file measurekit makes next to a worksheet (locks, drafts, copies, backups,
the result written beside a changed file) is either replaced by a rename of a fresh
private temporary file (saving.atomic_write), or made new here: written under a
fresh private name and hard-linked into place, which fails if anything at all has
the name, a dangling symbolic link included. A name is only ever taken if free.

Example:
    >>> write_beside(Path(".w.yaml.draft"), "previous", b"...")  # doctest: +SKIP
    PosixPath('.w.yaml.draft.previous-2')
"""

from __future__ import annotations

import errno
import glob
import os
import tempfile
import time
from pathlib import Path

LEFTOVER_AGE = 60.0  # seconds: older than any write in progress
TRIES = 100  # names taken by others between our look and our link, before giving up
# os.link is refused on some file systems (FAT, some network shares): create exclusively there.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}


def beside(path: Path, label: str, ext: str = "") -> Path:
    """The first free name next to `path`: `NAME.LABEL` + ext, then `NAME.LABEL-2` + ext...

    Free means nothing has it, not even a dangling symbolic link.
    """
    candidate, n = path.with_name(f"{path.name}.{label}{ext}"), 2
    while os.path.lexists(candidate):
        candidate, n = path.with_name(f"{path.name}.{label}-{n}{ext}"), n + 1
    return candidate


def write_new(path: Path, data: bytes, mode: int | None = None, sync: bool = True) -> None:
    """Create `path` holding `data`, whole at once; FileExistsError if anything has the name."""
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            os.fchmod(fd, mode)
            _write_all(fd, data)
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _create_exclusively(path, data, mode, sync)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _create_exclusively(path: Path, data: bytes, mode: int, sync: bool) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        _write_all(fd, data)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def write_beside(path: Path, label: str, data: bytes, mode: int | None = None) -> Path:
    """Write `data` to the first free name `beside(path, label)`, and return that name."""
    for _ in range(TRIES):
        candidate = beside(path, label)
        try:
            write_new(candidate, data, mode)
            return candidate
        except FileExistsError:  # taken between the look and the link: the next one
            continue
    raise FileExistsError(errno.EEXIST, "every name tried was taken meanwhile", str(path))


def remove_leftovers(*paths: Path) -> list[Path]:
    """Temporary files of earlier writes of `paths` that were killed before their rename.

    A temporary file of PATH is `.NAME.*.tmp` beside it (so `..NAME.*.tmp` for a PATH
    that is itself a dot file, like a draft); only those older than LEFTOVER_AGE go.
    """
    removed = []
    for path in paths:
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            try:
                if time.time() - tmp.lstat().st_mtime > LEFTOVER_AGE:
                    tmp.unlink()
                    removed.append(tmp)
            except OSError:
                pass
    return removed


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]

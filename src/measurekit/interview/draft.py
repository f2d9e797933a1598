"""The draft beside the worksheet: every answer, on disk the moment it is given.

`.NAME.draft` (next to NAME) is JSON lines. The first line, the header, records the
file as it was when the interview began, how the interview was started, the answers
given up to the last rewrite and, after a pause, a readable copy of the worksheet
so far. Each later line is one answer. Every line ends with a SHA-256 digest of
its text chained to the digest of the line before, so an edited, bit-flipped,
reordered or shortened draft is caught when it is read (`DamagedDraft`, with the
answers before the damage that still check out); a last line cut short by a crash
is recognised and dropped. An answer costs one short append and an fsync whatever
the size of the worksheet; the whole draft is rewritten (atomically) only when the
interview starts, pauses or ends. Resuming replays the answers (recorder.py).

Example:
    draft = Draft(path_for(Path("w.yaml")), "w.yaml", base=None)
    draft.write()
    draft.append({"key": "worksheet.title", "value": "Reads"}, where="Step 1 of 4")
    Draft.load(draft.path).answers  # [{'key': 'worksheet.title', 'value': 'Reads'}]
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..core.beside import TRIES, beside, write_beside
from ..core.errors import FileProblem
from ..core.store import atomic_write

DRAFT_VERSION = 2
ABOUT = "measurekit interview draft: unsaved answers. Resume: measurekit interview {file}"
_SYNC = getattr(os, "fdatasync", os.fsync)


def path_for(worksheet: Path, side: str = "") -> Path:
    """`.NAME.draft`; a session beside the interview (a `record` while one is open) keeps
    its own, `.NAME.SIDE.draft`."""
    return worksheet.with_name(f".{worksheet.name}{'.' + side if side else ''}.draft")


class DamagedDraft(FileProblem):
    """A draft whose content does not match its digests, or is not a draft at all.

    `intact` is the draft up to the damage when its header checks out (else None).
    """

    def __init__(self, path: Path, reason: str, intact: Draft | None = None):
        super().__init__(path, f"the interview draft is damaged ({reason})")
        self.draft_reason = reason
        self.intact = intact


def signed_line(body: dict[str, Any], chain: str) -> tuple[bytes, str]:
    """One line of the draft and its digest (of the previous line's digest and this text)."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=_plain_value)
    data = text.encode("utf-8", errors="surrogatepass")
    digest = line_digest(chain, data)
    return data + b" " + digest.encode("ascii") + b"\n", digest


def line_digest(chain: str, data: bytes) -> str:
    """The digest ending a line: of the previous line's digest and this line's text."""
    return hashlib.sha256(chain.encode("ascii") + data).hexdigest()


def _plain_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot go in a draft")


def _plain(value: Any) -> Any:
    """The worksheet so far as plain data, empty answers left out."""
    if isinstance(value, dict):
        out = {k: _plain(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# What each field of the header must be; a draft with anything else is damaged.
_HEADER: dict[str, type | tuple[type, ...]] = {
    "measurekit_draft": int, "about": str, "file": str, "started": str, "where": str,
    "section": (str, type(None)), "partner": (str, type(None)), "base_sha256": str,
    "base": (str, type(None)), "answers": list}


@dataclass
class Draft:
    path: Path
    file: str  # the worksheet, as named on the command line
    base: str | None  # the worksheet's text when the interview began; None for a new one
    base_sha256: str = ""  # of the file's bytes then: has it changed on disk since?
    section: str | None = None
    partner: str | None = None
    started: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    where: str = ""  # the last step heading shown
    answers: list[dict[str, Any]] = field(default_factory=list)
    snapshot: Any = None  # as read: the worksheet at the last rewrite, for a person to look at
    saving: str | None = None  # read: the file a save had begun to write, as the last line
    saving_sha256: str = ""  # read: the digest of the bytes that save was writing
    torn: bool = False  # read with a last answer cut short (and dropped)
    failed: str | None = None  # why the last write failed; None while the draft is up to date
    _fd: int | None = field(default=None, repr=False)
    _chain: str = field(default="", repr=False)  # digest of the last line written
    _size: int = field(default=0, repr=False)  # bytes known to be whole on disk
    _pending: list[bytes] = field(default_factory=list, repr=False)  # lines not yet written
    _rewrite: bool = field(default=True, repr=False)  # the header itself is not on disk yet

    # --- reading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Draft | None:
        """The draft at `path`, None if there is none; DamagedDraft on any damage."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise FileProblem(path, f"cannot read the interview draft ({exc.strerror})") from None
        lines = raw.split(b"\n")
        tail = lines.pop()  # b"" after a whole last line
        if not lines:
            raise DamagedDraft(path, "it is empty" if not raw else "its first line is cut short")
        header, chain = _verified(path, lines[0], "", "its first line")
        draft = cls._from_header(path, header)
        for number, line in enumerate(lines[1:], start=2):
            try:
                record, chain = _verified(path, line, chain, f"line {number}")
                draft._add(record, f"line {number}")
            except DamagedDraft as bad:
                bad.intact = draft
                raise
        if tail:
            try:  # a last line with only its newline missing is whole
                record, chain = _verified(path, tail, chain, "the last line")
                draft._add(record, "the last line")
            except DamagedDraft:
                draft.torn = True
        return draft

    @classmethod
    def _from_header(cls, path: Path, header: dict[str, Any]) -> Draft:
        if header.get("measurekit_draft") != DRAFT_VERSION:
            raise DamagedDraft(path, "not a draft this version of measurekit can read")
        for name, kind in _HEADER.items():
            if not isinstance(header.get(name), kind) or isinstance(header.get(name), bool):
                raise DamagedDraft(path, f"its field {name!r} is missing or of the wrong type")
        draft = cls(path=path, file=header["file"], base=header["base"],
                    base_sha256=header["base_sha256"], section=header["section"],
                    partner=header["partner"], started=header["started"], where=header["where"],
                    snapshot=header.get("worksheet"))
        for answer in header["answers"]:
            if not (isinstance(answer, dict) and isinstance(answer.get("key"), str)
                    and "value" in answer):
                raise DamagedDraft(path, "an answer in its first line is of the wrong type")
            draft.answers.append(_answer(answer))
        return draft

    def _add(self, record: dict[str, Any], where: str) -> None:
        if isinstance(record.get("saving"), str) and record.get("n") == len(self.answers):
            self.saving = record["saving"]  # the save began: see `saved_by`
            digest = record.get("sha256")
            self.saving_sha256 = digest if isinstance(digest, str) else ""
            return
        self.saving, self.saving_sha256 = None, ""
        if not (record.get("n") == len(self.answers) and isinstance(record.get("key"), str)
                and "value" in record and isinstance(record.get("where"), str)):
            raise DamagedDraft(self.path, f"{where} is not the answer expected next",
                               intact=self)
        self.answers.append(_answer(record))
        self.where = record["where"]

    # --- writing ---------------------------------------------------------------------------

    def write(self, snapshot: Any = None) -> bool:
        """Rewrite the whole draft at once (header with every answer); False if it failed."""
        header = {"measurekit_draft": DRAFT_VERSION, "about": ABOUT.format(file=self.file),
                  "file": self.file, "started": self.started, "where": self.where,
                  "section": self.section, "partner": self.partner, "answers": self.answers,
                  "worksheet": _plain(snapshot), "base_sha256": self.base_sha256,
                  "base": self.base}
        line, digest = signed_line(header, "")
        self._close()
        worksheet = self.path.with_name(Path(self.file).name)
        try:
            atomic_write(self.path, line, like=worksheet)
        except FileProblem as exc:
            self.failed, self._rewrite = exc.reason, True
            return False
        self._chain, self._size, self._pending = digest, len(line), []
        self.failed, self._rewrite = None, False
        return True

    def append(self, answer: dict[str, Any], where: str) -> bool:
        """Add one answer with a single appended line (fsync'd); False if it is not on disk."""
        body = {"n": len(self.answers), **_answer(answer), "where": where}
        self.answers.append(_answer(answer))
        self.where = where
        if self._rewrite:  # the header is not on disk: only a whole rewrite can help
            return self.write()
        line, self._chain = signed_line(body, self._chain)
        self._pending.append(line)
        return self._flush()

    def mark_saving(self, target: Path, data: bytes) -> bool:
        """Note that `target` is about to be written with `data` (a digest of the exact
        bytes): a kill after it is not a change if the file then holds those bytes."""
        if self._rewrite:
            return False
        record = {"n": len(self.answers), "saving": str(target),
                  "sha256": hashlib.sha256(data).hexdigest()}
        line, self._chain = signed_line(record, self._chain)
        self._pending.append(line)
        return self._flush()

    def saved_by(self, on_disk: bytes | None) -> bool:
        """Are this draft's answers provably in the file, by a save cut short after writing it?

        Only when the save began (a `saving` line, written under the save lock with the
        digest of the bytes it was writing) and the file holds exactly those bytes now.
        A file changed since by another route, a save cut short before its rename, a disk
        that filled up: the draft is resumed, never thrown away.
        """
        if self.saving != self.file or not self.saving_sha256 or on_disk is None:
            return False
        return hashlib.sha256(on_disk).hexdigest() == self.saving_sha256

    @property
    def base_raw(self) -> bytes | None:
        """The worksheet's bytes as the interview opened it (None for a new file): the
        common ancestor for a merge with the file on disk at the save."""
        return None if self.base is None else self.base.encode("utf-8", "surrogateescape")

    def _flush(self) -> bool:
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW)
            if self.failed:  # a failed write may have left part of a line: cut it off
                os.ftruncate(self._fd, self._size)
            for line in self._pending:
                _write_all(self._fd, line)
            _SYNC(self._fd)
        except OSError as exc:
            self.failed = f"cannot write it ({exc.strerror or exc})"
            if isinstance(exc, FileNotFoundError):
                self._rewrite = True  # removed under us: write it whole next time
            elif self._fd is not None:
                try:  # leave no part of a line behind; tried again before the next write
                    os.ftruncate(self._fd, self._size)
                except OSError:
                    pass
            return False
        self._size += sum(len(line) for line in self._pending)
        self._pending, self.failed = [], None
        return True

    def _close(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None

    def remove(self) -> None:
        self._close()
        self.path.unlink(missing_ok=True)

    def keep_copy(self, suffix: str = "previous") -> Path:
        """A copy of the draft as it is now, beside it under a new name."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = b""
        except OSError as exc:
            raise FileProblem(self.path, f"cannot read the interview draft ({exc.strerror})"
                              ) from None
        try:
            return write_beside(self.path, suffix, data, mode=0o600)
        except OSError as exc:
            raise FileProblem(self.path, f"cannot copy the draft ({exc.strerror})") from None


def move_aside(path: Path, suffix: str = "damaged") -> Path:
    """Move a draft out of the way, keeping it whole, under a name that is new."""
    for _ in range(TRIES):
        aside = beside(path, suffix)
        try:
            os.link(path, aside)  # never over anything, a planted link included
            os.unlink(path)
            return aside
        except FileExistsError:  # taken between the look and the link: the next one
            continue
        except OSError as exc:
            raise FileProblem(path, f"cannot move the damaged draft aside ({exc.strerror})"
                              ) from None
    raise FileProblem(path, "cannot move the damaged draft aside (every name was taken)")


# What an answer may carry besides its key and value: where it belongs (its place), the
# default it was asked with (its guess), question and answer as shown (said), so that an answer
# taken back by Shift+Tab finds its place again, or is shown before the save.
_ABOUT_AN_ANSWER = ("place", "guess", "said")


def _answer(record: dict[str, Any]) -> dict[str, Any]:
    """An answer as the draft keeps it: key and value, and what else it knows of it."""
    answer = {"key": record["key"], "value": record["value"]}
    answer.update({k: record[k] for k in _ABOUT_AN_ANSWER if k in record})
    return answer


def _verified(path: Path, line: bytes, chain: str, what: str) -> tuple[dict[str, Any], str]:
    """A line's record and digest, once its digest checks out."""
    data, _, digest = line.rpartition(b" ")
    expected = line_digest(chain, data).encode("ascii")
    if digest != expected:
        raise DamagedDraft(path, f"{what} does not match its checksum")
    try:
        record = json.loads(data.decode("utf-8", errors="surrogatepass"))
    except ValueError:
        raise DamagedDraft(path, f"{what} is not readable") from None
    if not isinstance(record, dict):
        raise DamagedDraft(path, f"{what} is not a record")
    return record, digest.decode("ascii")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]

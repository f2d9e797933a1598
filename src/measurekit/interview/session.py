"""One `measurekit interview PATH`: the file, the draft, the interview, and the save.

Everything the consultant types goes to the draft first (draft.py); the worksheet
file is only written at the end, atomically, and never over a version that
changed on disk while the interview ran.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import os
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

from ..core import store
from ..core.beside import beside as free_name
from ..core.beside import remove_leftovers
from ..core.errors import FileProblem, MeasurekitError, SavedBeside, UsageProblem
from ..core.locks import SESSION, Lock, held, session_holder, session_lock_path, signals_raise
from ..core.lookup import pick_partner
from ..core.model import Worksheet
from ..core.saving import kill_point
from ..core.streams import Environment
from ..core.vocabulary import SECTIONS
from . import draft as drafts
from . import wording as w
from .asker import Asker, Confirm, GoBack, Select
from .flow import PASS_KEY, Flow, new_worksheet
from .menu import Ending, interview
from .merging import merge_on_save
from .recorder import Recorder
from .repair import Askable, load
from .rounds import RECORD, record_round
from .watch import Watcher


def run(path: Path, *, env: Environment | None = None, section: str | None = None,
        partner: str | None = None, asker: Asker | None = None, today: date | None = None,
        record_on: date | None = None, quick: bool = False,
        watcher: Watcher | None = None) -> None:
    """Interview the consultant about the worksheet at `path`, and save it.

    `env` is the terminal it runs at (a plain 100-column one without colour by default,
    for an `asker` that is not the terminal). A `watcher` (the live page of
    `interview --show`) is shown the worksheet at every question (watch.py).

    With `record_on`, the session is a round of new values dated that day (rounds.py)
    rather than the interview: same draft, Ctrl-C, resume and save.
    Every way it cannot end well raises a MeasurekitError (SavedBeside when the file
    changed on disk meanwhile); Ctrl-C raises KeyboardInterrupt, with the draft kept.
    """
    env = env or Environment(stdin_isatty=True, stdout_isatty=False, no_color=True, width=100)
    color, width = env.color, env.width
    if not env.stdin_isatty:
        raise UsageProblem(w.NO_TERMINAL.format(file=path, command="record" if record_on
                                                else "interview"))
    if section is not None and section not in SECTIONS:
        raise UsageProblem(f"unknown --section {section!r}; choose one of: {', '.join(SECTIONS)}")
    if section and partner:
        raise UsageProblem("give --section or --partner, not both")
    if path.is_dir():
        raise UsageProblem(f"{path}: is a folder; give the worksheet file's name")
    if path.exists() and not path.is_file():  # /dev/stdin, a FIFO: a save would replace it
        raise UsageProblem(f"{path}: is not a regular file (a device, a pipe or a socket); "
                           "the interview reads and saves a worksheet file: give its name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileProblem(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise FileProblem(path, f"cannot write in {folder}, where the file and its draft go")
    if asker is None:
        from .asker import TerminalAsker

        asker = TerminalAsker(color=color)
    today = today or date.today()
    if record_on is not None:
        section = RECORD
    # One interview per file, never two on one draft; a killed one's lock is taken over.
    # A round recorded while an interview is open has a draft of its own (and goes on
    # with it until saved): whichever saves second merges the other's changes.
    side = RECORD if record_on is not None and (
        session_holder(path) or drafts.path_for(path, RECORD).exists()) else ""
    lock = Lock.acquire(session_lock_path(path, side), SESSION, path)
    try:
        _run(path, drafts.path_for(path, side), section, partner, asker, color, width, today,
             record_on or today, quick, watcher)
    finally:
        lock.release()
        gc.unfreeze()  # what _run froze after loading is the collector's again


def _run(path: Path, draft_path: Path, section: str | None, partner: str | None, asker: Asker,
         color: bool, width: int, today: date, record_on: date, quick: bool = False,
         watcher: Watcher | None = None) -> None:
    on_disk = _read(path)
    draft = _offer_draft(asker, path, on_disk, draft_path)
    if draft is None:
        draft = drafts.Draft(draft_path, str(path), _text(on_disk),
                             fingerprint(on_disk), section, partner)
    elif (draft.section, draft.partner) != (section, partner):
        started = (f"--section {draft.section}" if draft.section else
                   f"--partner {draft.partner}" if draft.partner else "the menu")
        asker.say(w.DRAFT_OTHER_START.format(start=started), "note")
    command = "record" if draft.section == RECORD else "interview"  # what resumes the draft
    base = on_disk if draft.base == _text(on_disk) else _bytes(draft.base)

    def changed_on_disk() -> bool:
        return fingerprint(_read(path)) != draft.base_sha256

    problems: list[Askable] = []
    read: Worksheet | None = None  # the file's worksheet as read, when it is valid
    if base is None:
        if draft.section == RECORD:
            raise UsageProblem(f"{path} does not exist yet: start it with "
                               f"`measurekit interview {path}`")
        if draft.section or draft.partner:
            raise UsageProblem(f"{path} does not exist yet: run `measurekit interview {path}` "
                               "without --section or --partner to start it")
        data, has_comments = new_worksheet(), False
    else:
        data, problems, has_comments, read = load(base, str(path))
        # The collector stays on for a session, but the loaded worksheet lives to its end
        # and has no cycles: full collections walking it made half of the save at 1,000
        # partners, and the first Enter slow (bench/interview.py). Frozen, they skip it.
        gc.freeze()
    partner_index = None
    if draft.partner:
        pairs = [(p.get("id"), p.get("name")) for p in data.get("partners") or []
                 if isinstance(p, dict)]
        try:
            chosen = pick_partner(pairs, draft.partner)  # an id, a name, or the start of one
        except LookupError as exc:
            raise UsageProblem(f"{path}: --partner: {exc}") from None
        partner_index = [pid for pid, _ in pairs].index(chosen)

    def notes() -> list[str]:
        if changed_on_disk():
            return [w.CHANGED_BEFORE_SAVE.format(file=path)]
        if has_comments:
            return [w.COMMENTS.format(file=path, backup=f"{path}.bak")]
        return []

    def table(worksheet: Any) -> str:
        from ..reports import table as summary
        from ..reports.formats import Format, render

        return render(summary.build(worksheet), Format.text, width=width, color=color)

    def trend(worksheet: Any, as_of: date) -> str:
        from ..reports import trend as report
        from ..reports.formats import Format, render

        return render(report.build(worksheet, as_of), Format.text, width=width, color=color)

    # The pass of a new worksheet is the draft's first answer: `--quick` gives it in
    # advance, and a draft from before the question was asked is taken as a full one.
    fresh = not draft.answers
    if base is None and not draft.section and not draft.partner and (quick or not fresh) and (
            fresh or draft.answers[0].get("key") != PASS_KEY):
        draft.answers.insert(0, {"key": PASS_KEY, "value": "quick" if quick else "full"})
    untouched = copy.deepcopy(data)
    # The file as read at launch, so that the save need not parse it again (issue 12).
    as_read = store.OnDisk(base, read) if base is not None and read is not None else None
    ending = Ending(str(path), notes, table, before=as_read.worksheet if as_read else None)
    again: list[dict[str, Any]] = []  # answers taken back by Shift+Tab, offered again
    while True:
        recorder = Recorder(asker, draft, again=again)
        if again or fresh:  # nothing typed before: no "resumed" for the pass given ahead
            recorder.resumed = None
        recorder.start()
        flow = Flow(recorder, copy.deepcopy(untouched), today, quick=quick, watcher=watcher)
        recorder.snapshot = flow.snapshot
        try:
            with _hangup_as_interrupt():
                if draft.section == RECORD:
                    worksheet = record_round(flow, ending, partner=partner_index,
                                             day=record_on, table=trend)
                else:
                    worksheet = interview(flow, ending, new=base is None,
                                          section=draft.section, partner=partner_index,
                                          problems=problems)
        except GoBack:  # Shift+Tab: replay every answer but the last, then ask that one again
            again = [draft.answers.pop(), *recorder.again]
            _say_safely(asker, "", "clear")  # redrawn in place, not printed again below
            _say_safely(asker, w.GOING_BACK, "note")
            continue
        except (KeyboardInterrupt, EOFError):
            if not draft.answers:
                draft.remove()
            else:
                kept = recorder.keep(lambda text, kind: _say_safely(asker, text, kind))
                if kept == draft.path:
                    _say_safely(asker, w.INTERRUPTED.format(
                        draft=draft.path, file=path, command=command), "warn")
            raise KeyboardInterrupt from None
        break
    if worksheet is None:
        if flow.ws == untouched:  # nothing to keep: no draft to resume next time
            draft.remove()
            asker.say(w.QUIT_UNCHANGED, "warn")
        elif recorder.keep(asker.say) == draft.path:
            asker.say(w.QUIT.format(draft=draft.path, file=path, command=command), "warn")
        return

    # Changed on disk meanwhile: merge the two edits (asking about a field changed both
    # ways); then the file is written over only if it is still the one merged with.
    expected, merged, declined, to_save = draft.base_sha256, False, False, worksheet
    if changed_on_disk():
        merging = merge_on_save(asker, path, as_read, worksheet, beside(path))
        declined = merging is None  # declined, or not mergeable: said so, goes beside
        if merging is not None:
            to_save, as_read = merging.worksheet, merging.theirs
            expected, merged = fingerprint(merging.theirs.raw), True
    # Check and write under one lock: of two sessions saving at once, the later one
    # sees the first one's file as changed on disk and goes beside it.
    try:
        with held(path):
            target = beside(path) if fingerprint(_read(path)) != expected else path
            # The digest of the bytes written goes in the draft first: a save cut short
            # after it is complete only if the file holds exactly those bytes.
            saved = store.save(to_save, target, today, known=as_read,
                               on_write=lambda data: draft.mark_saving(target, data))
        kill_point()
    except MeasurekitError:  # not saved (locked, disk full...): say where the answers are
        if recorder.keep(lambda text, kind: _say_safely(asker, text, kind)) == draft.path:
            _say_safely(asker, w.DRAFT_KEPT.format(
                draft=draft.path, file=path, command=command), "warn")
        raise
    draft.remove()
    if target != path:  # every answer is kept, but not in the file: an error all the same
        said = w.SAVED_BESIDE if declined else w.CHANGED_WHILE_SAVING
        raise SavedBeside(path, target, said.format(file=path, beside=target))
    if merged:
        asker.say(w.MERGED.format(file=path), "note")
    if saved.written:
        asker.say(w.SAVED.format(file=path), "ok")
        if saved.backup:
            asker.say(w.BACKUP.format(backup=saved.backup), "note")
        cleaned = saved.cleaned + remove_leftovers(draft.path)
        if cleaned:
            asker.say(w.LEFTOVERS.format(files=", ".join(p.name for p in cleaned)), "note")
    else:
        asker.say(w.UNCHANGED.format(file=path), "ok")
    import shlex

    from ..core.text import safe

    asker.say(w.NEXT_COMMANDS, "note")  # one command a line, never wrapped: to copy
    file = safe(shlex.quote(str(path)))  # a block is written as is: escaped like any message
    asker.say("\n".join(f"  {c.format(file=file)}" for c in w.NEXT_LINES), "block")


def _offer_draft(asker: Asker, path: Path, on_disk: bytes | None,
                 draft_path: Path) -> drafts.Draft | None:
    """A draft left by an interrupted run: resume it, or discard it and start afresh."""
    try:
        found = drafts.Draft.load(draft_path)
    except drafts.DamagedDraft as bad:
        return _damaged(asker, path, bad, draft_path)
    if found is None:
        return None
    if found.saved_by(on_disk):
        found.remove()  # its save was complete; only the draft's removal was cut short
        asker.say(w.DRAFT_WAS_SAVED.format(file=path, when=found.started.replace("T", " ")),
                  "note")
        return None
    if not found.answers:
        found.remove()  # stopped before any answer: nothing to offer
        return None
    asker.say(w.DRAFT_FOUND.format(when=found.started.replace("T", " "), draft=found.path,
                                   n=len(found.answers), where=found.where or "the start"), "warn")
    if found.torn:
        asker.say(w.DRAFT_TORN, "note")
    if fingerprint(on_disk) != found.base_sha256:
        asker.say(w.DRAFT_FILE_CHANGED.format(file=path), "warn")
    choice = asker.ask(Select("draft", w.DRAFT_QUESTION, choices=[
        ("resume", w.DRAFT_RESUME), ("discard", w.DRAFT_DISCARD)], default="resume"))
    sure = w.DRAFT_DISCARD_SURE.format(n=len(found.answers))
    if choice == "resume" or not asker.ask(Confirm("draft.discard", sure, default=False)):
        return found
    found.remove()
    return None


def _damaged(asker: Asker, path: Path, bad: drafts.DamagedDraft,
             draft_path: Path) -> drafts.Draft | None:
    """A draft that fails its check: kept aside, and used only as far as it checks out."""
    aside = drafts.move_aside(draft_path)
    asker.say(w.DRAFT_DAMAGED.format(draft=bad.path, reason=bad.draft_reason, aside=aside,
                                     file=path), "warn")
    intact = bad.intact
    choices = [("fresh", w.DRAFT_FRESH.format(file=path)), ("stop", w.DRAFT_STOP)]
    if intact is not None and intact.answers:
        choices.insert(0, ("intact", w.DRAFT_INTACT.format(n=len(intact.answers))))
    choice = asker.ask(Select("draft.damaged", w.DRAFT_DAMAGED_QUESTION, choices=choices,
                              default="stop"))
    if choice == "stop":
        raise bad
    return intact if choice == "intact" else None


def beside(path: Path) -> Path:
    """Where the result goes when the file changed on disk: next to it, never over anything."""
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    return free_name(path.with_name(stem), "interview", ".yaml")


def _read(path: Path) -> bytes | None:
    return store.read_bytes(path) if path.exists() else None


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode("utf-8", errors="surrogateescape")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8", errors="surrogateescape")


def fingerprint(raw: bytes | None) -> str:
    return "" if raw is None else hashlib.sha256(raw).hexdigest()


def _say_safely(asker: Asker, text: str, kind: str) -> None:
    try:
        asker.say(text, kind)
    except OSError:  # the terminal is gone; the draft is saved all the same
        pass


def _hangup_as_interrupt() -> AbstractContextManager[None]:
    """A closed terminal (SIGHUP) or a SIGTERM ends the run like Ctrl-C: the draft is kept."""
    return signals_raise(lambda signum: KeyboardInterrupt())

"""At the save, when the file changed on disk during the session: merge, rather than go beside.

core/merge.py merges by id. base: the file as the interview opened it (the draft keeps
it); ours: the session's worksheet; theirs: the file now (`record --from` in another
terminal, a `git pull`, a hand edit). Changes to different fields or items are all kept
with no question; a field changed both ways is asked about, showing both values, and
Enter keeps the file's. Only when the consultant declines, or when the two cannot be
merged (the file is no longer valid, or the merge would break a reference), does the
result go beside the file, as it did before merging existed.

Example:
    merged = merge_on_save(asker, path, base, worksheet)
    if merged is not None:  # save merged.worksheet over the file, if it is still merged.theirs
        ...
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..core import store
from ..core.errors import MeasurekitError
from ..core.merge import ABSENT, Conflict, Side, Where, merge
from ..core.model import Worksheet
from . import wording as w
from .asker import Asker, Select


@dataclass
class Merged:
    worksheet: Worksheet
    theirs: store.OnDisk  # the file it was merged with: saved over only while it is that


def merge_on_save(asker: Asker, path: Path, base: store.OnDisk | None, ours: Worksheet,
                  beside: Path) -> Merged | None:
    """The session's worksheet merged with the file as it is now, asking about each field
    changed both ways; None when it goes beside the file (declined, or not mergeable)."""
    try:
        raw = store.read_bytes(path)
        theirs = store.parse(raw, str(path), path).worksheet
        if base is None or base.worksheet is None:
            raise MeasurekitError("the interview began without a valid file to compare with")
        merged = merge(base.worksheet, ours, theirs)
    except MeasurekitError as exc:
        reason = "; ".join(exc.messages())
        asker.say(w.MERGE_IMPOSSIBLE.format(file=path, reason=reason, beside=beside), "warn")
        return None
    take: dict[Where, Side] = {}
    for conflict in merged.conflicts:
        choice = ask(asker, path, conflict)
        if choice == "beside":
            return None
        take[conflict.where] = choice
    result = merge(base.worksheet, ours, theirs, take).worksheet if take else merged.worksheet
    return Merged(result, store.OnDisk(raw, theirs))


def ask(asker: Asker, path: Path, conflict: Conflict) -> Any:
    """Which side a field changed both ways keeps (Enter: the file's), or "beside"."""
    asker.say(w.MERGE_CONFLICT.format(where=conflict.path(), file=path.name), "warn")
    asker.say(w.MERGE_THEIRS.format(file=path.name, value=shown(conflict.theirs)), "explain")
    asker.say(w.MERGE_OURS.format(value=shown(conflict.ours)), "explain")
    return asker.ask(Select("merge.conflict", w.MERGE_QUESTION, choices=[
        ("theirs", w.MERGE_KEEP_THEIRS.format(file=path.name)),
        ("ours", w.MERGE_KEEP_OURS),
        ("beside", w.MERGE_DECLINE.format(file=path.name))], default="theirs"))


def shown(value: Any) -> str:
    """A field's value, or a whole item (by its name), as the consultant reads it."""
    if value is ABSENT:
        return w.MERGE_REMOVED
    if isinstance(value, dict):
        named = value.get("name") or value.get("what") or value.get("date")
        return w.MERGE_REMOVED if named is None else shown(named)
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value) or w.MERGE_EMPTY
    if isinstance(value, date):
        return value.isoformat()
    return w.MERGE_EMPTY if value is None else str(value)

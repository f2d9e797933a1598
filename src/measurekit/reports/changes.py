"""What changed between two versions of a worksheet, matched by id (`measurekit diff`).

The headline comes first (a desired partner now at the table), then partners and
measures added or removed, targets and dates moved, new data points, next steps
added or done, and reflection answers changed. Next steps have no id: one is the
same step in both versions when its who and what are the same.

Example:
    render(build(old, new, "old.yaml", "new.yaml"), Format.markdown)
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import UsageProblem
from ..core.model import REFLECTION_FIELDS, Measure, Partner, SharedMeasure, Worksheet
from .formats import Column, Report

# Every kind of change, in the order the report lists them.
KINDS = (
    "partner_status", "partner_added", "partner_removed", "measure_added", "measure_removed",
    "moved", "story", "data_point", "data_point_changed", "next_step_added", "next_step_done",
    "work_done", "reflection",
)
_LABELS = {
    "partner_status": "partner status", "partner_added": "partner added",
    "partner_removed": "partner removed", "measure_added": "measure added",
    "measure_removed": "measure removed", "moved": "moved", "story": "story",
    "data_point": "new data", "data_point_changed": "data corrected",
    "next_step_added": "next step added", "next_step_done": "next step done",
    "work_done": "work done", "reflection": "reflection",
}
MOVABLE = ("baseline", "target", "target_date", "direction")
AnyMeasure = Measure | SharedMeasure


@dataclass(frozen=True)
class Change:
    """One difference: its kind, what it concerns, and the old and new values."""

    kind: str
    what: str  # a sentence naming the partner, measure or step
    partner: str | None = None
    measure: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None


def _measures(ws: Worksheet) -> dict[str, tuple[Partner | None, AnyMeasure]]:
    out: dict[str, tuple[Partner | None, AnyMeasure]] = {}
    for p in ws.partners:
        for m in p.measures:
            out[m.id] = (p, m)
    for s in ws.shared_measures:
        out[s.id] = (None, s)
    return out


def _named(owner: Partner | None, m: AnyMeasure) -> str:
    return f"{owner.name}: {m.name}" if owner else f"Shared: {m.name}"


def changes(old: Worksheet, new: Worksheet) -> list[Change]:
    """Every change from `old` to `new`, in the order of KINDS, then file order."""
    found = list(_partners(old, new)) + list(_measure_changes(old, new))
    found += list(_steps(old, new)) + list(_reflection(old, new))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda c: order[c.kind])  # stable: file order within a kind


def _partners(old: Worksheet, new: Worksheet) -> Iterator[Change]:
    before = {p.id: p for p in old.partners}
    after = {p.id: p for p in new.partners}
    for pid, p in after.items():
        if pid not in before:
            yield Change("partner_added", f"{p.name} ({p.status})", pid, new=p.status)
        elif before[pid].status != p.status:
            turn = "now at the table" if p.status == "current" else "no longer current"
            yield Change("partner_status", f"{p.name}: {turn}", pid, field="status",
                         old=before[pid].status, new=p.status)
    for pid, p in before.items():
        if pid not in after:
            yield Change("partner_removed", p.name, pid, old=p.status)


def _measure_changes(old: Worksheet, new: Worksheet) -> Iterator[Change]:
    before, after = _measures(old), _measures(new)
    for mid, (owner, m) in after.items():
        pid = owner.id if owner else None
        if mid not in before:
            yield Change("measure_added", _named(owner, m), pid, mid)
            yield from _points(owner, m, {})
            continue
        _, was = before[mid]
        for name in MOVABLE:
            a, b = getattr(was, name), getattr(m, name)
            if a != b:
                yield Change("moved", f"{_named(owner, m)}: {name.replace('_', ' ')}", pid, mid,
                             name, a, b)
        if was.story != m.story and m.story:
            yield Change("story", _named(owner, m), pid, mid, "story", was.story, m.story)
        yield from _points(owner, m, {p.date: p.value for p in was.history})
    for mid, (owner, m) in before.items():
        if mid not in after:
            yield Change("measure_removed", _named(owner, m), owner.id if owner else None, mid)


def _points(owner: Partner | None, m: AnyMeasure, known: dict[Any, Any]) -> Iterator[Change]:
    pid = owner.id if owner else None
    for point in m.history:
        when = point.date.isoformat()
        if point.date not in known:
            yield Change("data_point", f"{_named(owner, m)} on {when}", pid, m.id, when,
                         new=point.value)
        elif known[point.date] != point.value:
            yield Change("data_point_changed", f"{_named(owner, m)} on {when}", pid, m.id, when,
                         known[point.date], point.value)


def _steps(old: Worksheet, new: Worksheet) -> Iterator[Change]:
    before = {(n.who, n.what): n for n in old.next_steps}
    for n in new.next_steps:
        was = before.get((n.who, n.what))
        what = f"{n.who}: {n.what}"
        if was is None:
            yield Change("next_step_added", what, n.partner, field="by_when", new=n.by_when)
        elif n.done and not was.done:
            yield Change("next_step_done", what, n.partner, field="done_on", new=n.done_on)
    work_before = {w.what: w for w in old.work_plan}
    for w in new.work_plan:
        if w.done and w.what in work_before and not work_before[w.what].done:
            yield Change("work_done", w.what + (f" ({w.lead})" if w.lead else ""))


def _reflection(old: Worksheet, new: Worksheet) -> Iterator[Change]:
    for name in (*REFLECTION_FIELDS, "notes"):
        a, b = getattr(old.reflection, name), getattr(new.reflection, name)
        if a != b:
            yield Change("reflection", name.replace("_", " "), field=name, old=a, new=b)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def build(old: Worksheet, new: Worksheet, old_name: str, new_name: str) -> Report:
    found = changes(old, new)
    report = Report(
        title=f"What changed: {new.title}",
        columns=[Column("Change", 2, min_width=12), Column("What", 6), Column("Was", 3),
                 Column("Now", 3)],
        facts=[("From", old_name), ("To", new_name)],
        empty="Nothing changed.",
    )
    for c in found:
        report.add(
            [_LABELS[c.kind], c.what, _shown(c.old), _shown(c.new)],
            {"change": c.kind, "what": c.what, "partner": c.partner, "measure": c.measure,
             "field": c.field, "old": c.old, "new": c.new},
            "bold green" if c.kind == "partner_status" else None,
        )
    if found:
        counts: dict[str, int] = {}
        for c in found:
            counts[_LABELS[c.kind]] = counts.get(_LABELS[c.kind], 0) + 1
        report.facts.append(("Summary", ", ".join(f"{n} {k}" for k, n in counts.items())))
    return report


def since_revision(path: Path, rev: str, new: Worksheet) -> Report:
    """The changes from the file at a git revision to `new` (the file as it is now)."""
    from ..core.store import parse

    old_name = f"{path} at {rev}"
    old = parse(at_revision(path, rev), old_name).worksheet
    return build(old, new, old_name, str(path))


def at_revision(path: Path, rev: str) -> bytes:
    """The file's content at a git revision (`git show REV:./FILE`, run in the file's folder)."""
    if rev.startswith("-"):
        raise UsageProblem(f"--since {rev!r}: not a revision (a commit, tag or branch)")
    folder = path.resolve().parent
    try:
        done = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"], cwd=folder, capture_output=True, timeout=60
        )
    except FileNotFoundError:
        raise UsageProblem("--since needs git, and git is not installed") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageProblem(
            f"{path}: cannot read it at git revision {rev!r}: "
            + (reason[0].removeprefix("fatal: ") if reason else f"git exit {done.returncode}")
        )
    return done.stdout

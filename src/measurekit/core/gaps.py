"""The unfinished parts of a valid worksheet: reported as warnings, never refused.

`validate` lists them (and fails on them with --strict); the `gaps` report groups
them by step with the interview command that fills each one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from .model import REFLECTION_FIELDS, Worksheet, name_key

STEP_TITLES = {
    "1": "Step 1 · Critical partners",
    "2": "Step 2 · Current partners",
    "3": "Step 3 · Desired partners",
    "shared": "Measures shared across partners",
    "reflection": "Reflection",
}


@dataclass(frozen=True)
class Gap:
    kind: str
    step: str  # a key of STEP_TITLES
    partner: str | None  # partner id
    item: str | None  # measure or shared-measure id, or reflection field name
    message: str
    section: str | None = None  # interview section that fills it, when not a partner
    command: str = "interview"  # or "record", for a measure with no data yet

    def fix(self, file: str) -> str:
        """The command that takes the consultant straight to this gap."""
        target = f" --partner {self.partner}" if self.partner else (
            f" --section {self.section}" if self.section else "")
        return f"measurekit {self.command} {_quote(file)}{target}"

    def as_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        del data["section"], data["command"]
        return data


def _quote(file: str) -> str:
    import shlex

    return shlex.quote(file)


_NO_DATA = "a target but no data yet"


def find_gaps(ws: Worksheet) -> list[Gap]:
    return list(_gaps(ws))


def _gaps(ws: Worksheet) -> Iterator[Gap]:
    if not ws.partners:
        yield Gap("no_partners", "1", None, None, "no partners named yet", "partners")
    with_next_step = {n.partner for n in ws.next_steps if n.partner}
    # Data is missing only once the group records data: a worksheet (a version 1 file, say)
    # with no point anywhere is still being planned, and its gaps stay as they were.
    recording = any(m.history for p in ws.partners for m in p.measures) or any(
        s.history for s in ws.shared_measures)
    first_named: dict[str, str] = {}
    for p in ws.partners:  # two partners of one name: the same one twice, or a name to fix
        twin = first_named.setdefault(name_key(p.name), p.id)
        if twin != p.id:
            yield Gap("duplicate_name", "1", p.id, None,
                      f"{p.name}: the same name as the partner {twin}")
    for p in ws.ordered_partners():
        step = "2" if p.status == "current" else "3"
        if p.status == "desired":
            if not p.why_not_engaged:
                yield Gap("no_why_not_engaged", "1", p.id, None,
                          f"{p.name}: no hypothesis yet of why they are not engaged")
            if not p.engagement_plan:
                yield Gap("no_engagement_plan", "3", p.id, None,
                          f"{p.name}: no plan yet to engage or enroll them")
        if p.status == "current" and not p.contribution:
            yield Gap("no_contribution", step, p.id, None, f"{p.name}: no aligned contribution yet")
        if p.status == "current" and not p.measures:
            yield Gap("no_measures", step, p.id, None, f"{p.name}: no performance measures yet")
        elif not any(m.type == "better_off" for m in p.measures):
            yield Gap("no_better_off", step, p.id, None,
                      f"{p.name}: no 'better off' measure (is anyone better off?)")
        for m in p.measures:
            missing = [f for f in ("baseline", "target", "target_date") if getattr(m, f) is None]
            if missing:
                yield Gap("measure_incomplete", step, p.id, m.id,
                          f"{p.name} · {m.name}: no {', '.join(missing).replace('_', ' ')}")
            if recording and p.status == "current" and m.target is not None and not m.history:
                yield Gap("no_data", step, p.id, m.id, f"{p.name} · {m.name}: {_NO_DATA}",
                          command="record")
        if p.id not in with_next_step:
            yield Gap("no_next_step", step, p.id, None, f"{p.name}: no next step yet")
    if ws.partners and not ws.shared_measures:
        yield Gap("no_shared_measures", "shared", None, None,
                  "no measures shared across partners yet", "shared-measures")
    owner = {m.id: p for p in ws.partners for m in p.measures}
    for s in ws.shared_measures:
        if len(set(s.partners)) < 2:
            yield Gap("shared_single_partner", "shared", None, s.id,
                      f"{s.name}: shared by fewer than two partners", "shared-measures")
        for mid in s.measures:
            feeder = owner.get(mid)
            if feeder is not None and feeder.id not in s.partners:
                yield Gap("shared_measure_outside", "shared", None, s.id,
                          f"{s.name}: feeds on {feeder.name}'s measure {mid}, but "
                          f"{feeder.name} is not among the partners sharing it",
                          "shared-measures")
        if recording and s.target is not None and not s.history:
            yield Gap("no_data", "shared", None, s.id, f"{s.name}: {_NO_DATA}", command="record")
    for field in REFLECTION_FIELDS:
        if getattr(ws.reflection, field) is None:
            yield Gap("reflection_unanswered", "reflection", None, field,
                      f"reflection not answered: {field.replace('_', ' ')}", "reflection")

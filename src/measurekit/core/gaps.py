"""The unfinished parts of a valid worksheet: reported as warnings, never refused.

`validate` lists them (and fails on them with --strict); the `gaps` report groups
them by step with the interview command that fills each one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache

from pydantic import BaseModel

from .facts import Facts, Missing
from .fieldtypes import name_key
from .forecast import MIN_POINTS
from .model import Curve, Worksheet
from .progress import direction_of, number
from .text import possessive
from .vocabulary import STEP_NAMES

# "Step 1 · Critical partners": the worksheet's own steps are numbered, the other parts not.
STEP_TITLES = {
    step: f"Step {step} · {name}" if step.isdigit() else name for step, name in STEP_NAMES.items()
}


@dataclass(frozen=True)
class Gap:
    kind: str
    step: str  # a key of STEP_TITLES
    partner: str | None  # partner id
    item: str | None  # measure or shared-measure id, or reflection field name
    message: str
    section: str | None = None  # interview section that fills it, when not a partner
    command: str = "interview"  # "record", for a measure with no data; "forecast"
    fields: tuple[str, ...] = ()  # the empty fields it is about, when it is about fields

    def fix(self, file: str) -> str:
        """The command that takes the consultant straight to this gap."""
        target = f" --partner {self.partner}" if self.partner else (
            f" --section {self.section}" if self.section else "")
        if self.command == "forecast":
            target = f" --measure {self.item}"
        return f"measurekit {self.command} {_quote(file)}{target}"

    def as_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        del data["section"], data["command"], data["fields"]
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
        s.history for s in ws.shared_measures) or any(i.history for i in ws.indicators)
    for indicator in ws.indicators:
        if not indicator.history:
            yield Gap("indicator_no_data", "result", None, indicator.id,
                      f"{indicator.name}: no data yet", command="record")
        yield from curve_gaps(indicator, indicator.name, "result", None, "details")
    first_named: dict[str, str] = {}
    for p in ws.partners:  # two partners of one name: the same one twice, or a name to fix
        twin = first_named.setdefault(name_key(p.name), p.id)
        if twin != p.id:
            yield Gap("duplicate_name", "1", p.id, None,
                      f"{p.name}: the same name as the partner {twin}")
    for p in ws.ordered_partners():
        step = "2" if p.status == "current" else "3"
        for missing, names in _empty(p, p.status):
            yield Gap(missing.kind, missing.step or step, p.id, None,
                      f"{p.name}: {_message(missing, names)}", fields=names)
        if p.status == "current" and not p.measures:
            yield Gap("no_measures", step, p.id, None, f"{p.name}: no performance measures yet")
        elif not any(m.type == "better_off" for m in p.measures):
            yield Gap("no_better_off", step, p.id, None,
                      f"{p.name}: no 'better off' measure (is anyone better off?)")
        for m in p.measures:
            for missing, names in _empty(m, p.status):
                yield Gap(missing.kind, missing.step or step, p.id, m.id,
                          f"{p.name} · {m.name}: {_message(missing, names)}", fields=names)
            if recording and p.status == "current" and m.target is not None and not m.history:
                yield Gap("no_data", step, p.id, m.id, f"{p.name} · {m.name}: {_NO_DATA}",
                          command="record")
            if p.status == "current" or m.history:  # a desired partner's guess waits
                yield from curve_gaps(m, f"{p.name} · {m.name}", step, p.id, None)
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
                          f"{s.name}: feeds on {possessive(feeder.name)} measure {mid}, but "
                          f"{feeder.name} is not among the partners sharing it",
                          "shared-measures")
        if recording and s.target is not None and not s.history:
            yield Gap("no_data", "shared", None, s.id, f"{s.name}: {_NO_DATA}", command="record")
        yield from curve_gaps(s, s.name, "shared", None, "shared-measures")
    for missing, names in _empty(ws.reflection, None):
        yield Gap(missing.kind, missing.step or "reflection", None, names[0],
                  _message(missing, names), "reflection", fields=names)


def curve_gaps(curve: Curve, label: str, step: str, partner: str | None,
               section: str | None) -> Iterator[Gap]:
    """What turning the curve still needs: a direction that can be read, a story written
    since the latest point, a forecast once there are three points to draw it through."""
    if (number(curve.target) is not None or curve.history) and direction_of(curve) is None:
        yield Gap("no_direction", step, partner, curve.id,
                  f"{label}: which way is better, up or down? It cannot be read from the "
                  "baseline to the target", section)
    latest = curve.history[-1].date if curve.history else None
    if curve.story and curve.story_on and latest and curve.story_on < latest:
        yield Gap("stale_story", step, partner, curve.id,
                  f"{label}: the story was written on {curve.story_on.isoformat()}, before "
                  f"the latest point ({latest.isoformat()})", section)
    numeric = sum(1 for p in curve.history if number(p.value) is not None)
    if numeric >= MIN_POINTS and not curve.forecast:
        yield Gap("no_forecast", step, partner, curve.id,
                  f"{label}: {numeric} points and no forecast yet", section, command="forecast")


def _empty(item: BaseModel, status: str | None) -> Iterator[tuple[Missing, tuple[str, ...]]]:
    """The gaps an item's empty fields raise, as their facts say, in field order:
    one per field, or one per kind naming them all when the message says `{fields}`."""
    grouped: dict[str, tuple[Missing, list[str]]] = {}
    for name, missing in _gap_fields(type(item)):
        if missing.status not in (None, status) or getattr(item, name) not in (None, []):
            continue
        if "{fields}" in missing.message:
            grouped.setdefault(missing.kind, (missing, []))[1].append(name)
        else:
            yield missing, (name,)
    yield from ((missing, tuple(names)) for missing, names in grouped.values())


@cache
def _gap_fields(model: type[BaseModel]) -> tuple[tuple[str, Missing], ...]:
    """The fields of a model that are a gap while empty, with the gap each raises."""
    found = []
    for name, info in model.model_fields.items():
        facts = info.json_schema_extra
        if isinstance(facts, Facts) and facts.gap is not None:
            found.append((name, facts.gap))
    return tuple(found)


def _message(missing: Missing, names: tuple[str, ...]) -> str:
    words = [name.replace("_", " ") for name in names]
    return missing.message.format(field=words[0], fields=", ".join(words))

"""The worksheet, format version 1, as pydantic models.

Field order here is the key order of a saved file (see worksheets/README.md);
the store writes fields in the order they are declared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt

SCHEMA_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MEASURE_TYPES = ("how_much", "how_well", "better_off")


def clean_text(value: Any) -> Any:
    """Normalise line endings and drop trailing spaces, so text saves as a clean `|` block."""
    if isinstance(value, str):
        # Tabs become spaces: PyYAML cannot write a `|` block that contains a tab.
        value = value.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
        lines = value.strip().split("\n")
        return "\n".join(line.rstrip() for line in lines)
    return value


def _optional_text(value: Any) -> Any:
    value = clean_text(value)
    return None if value == "" else value


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG_RE.match(value):
        raise ValueError(
            f"expected a short id of lowercase letters, digits and hyphens "
            f"(such as 'juvenile-court'), got {value!r}"
        )
    return value


def parse_iso_date(value: Any) -> Any:
    """Accept a date, or text written exactly YYYY-MM-DD; anything else is refused."""
    if isinstance(value, date):
        if hasattr(value, "hour"):  # a datetime is a date too, but not one we write
            raise ValueError("expected a date as YYYY-MM-DD, without a time")
        return value
    if isinstance(value, str) and ISO_DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value.strip()!r} is not a real date ({exc})") from None
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


Text = Annotated[str, BeforeValidator(clean_text), Field(min_length=1)]
OptText = Annotated[str | None, BeforeValidator(_optional_text)]
Slug = Annotated[str, BeforeValidator(_slug)]
IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]


def _value(value: Any) -> Any:
    """A baseline or target: a number when it can be, else a phrase such as '45%'."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | None):
        raise ValueError(f"expected a number or a short text, got {value!r}")
    return _optional_text(value)


Value = Annotated[StrictInt | StrictFloat | str | None, BeforeValidator(_value)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Measure(_Model):
    """A performance measure that drives one partner's work."""

    id: Slug
    name: Text
    type: Literal["how_much", "how_well", "better_off"]
    hypothesized: bool = False
    baseline: Value = None
    target: Value = None
    target_date: IsoDate | None = None
    data_source: OptText = None
    notes: OptText = None


class Partner(_Model):
    """A partner critical to the result: step 1 names them, steps 2 and 3 fill them in."""

    id: Slug
    name: Text
    kind: Literal["internal", "external"]
    status: Literal["current", "desired"]
    why_critical: OptText = None
    why_not_engaged: OptText = None
    contribution: OptText = None
    strategy: OptText = None
    engagement_plan: OptText = None
    measures: list[Measure] = Field(default_factory=list)
    notes: OptText = None


class SharedMeasure(_Model):
    """A measure that partners share to create aligned action (template column 4)."""

    id: Slug
    name: Text
    definition: OptText = None
    partners: list[Slug] = Field(min_length=1)
    measures: list[Slug] = Field(default_factory=list)
    baseline: Value = None
    target: Value = None
    target_date: IsoDate | None = None
    notes: OptText = None


class WorkItem(_Model):
    """One item of the plan for developing and sharing measures, with its timeline."""

    what: Text
    lead: OptText = None
    partners: list[Slug] = Field(default_factory=list)
    start: IsoDate | None = None
    due: IsoDate | None = None
    done: bool = False
    notes: OptText = None


class NextStep(_Model):
    """Who will do what, with whom, by when."""

    who: Text
    what: Text
    with_whom: OptText = None
    by_when: IsoDate
    partner: Slug | None = None
    step: Literal[2, 3] | None = None
    done: bool = False
    notes: OptText = None


REFLECTION_FIELDS = (
    "systems_challenges",
    "role_challenges",
    "conversations_needed",
    "competition",
    "fragmentation",
    "results_culture",
)


class Reflection(_Model):
    """Answers to the worksheet's reflection questions; None means not yet answered."""

    systems_challenges: OptText = None
    role_challenges: OptText = None
    conversations_needed: OptText = None
    competition: OptText = None
    fragmentation: OptText = None
    results_culture: OptText = None
    notes: OptText = None


class Worksheet(_Model):
    """One Shared Performance Measures worksheet for one result."""

    schema_version: Literal[1] = SCHEMA_VERSION
    title: Text
    result: Text
    action_plan: OptText = None
    facilitator: OptText = None
    updated: IsoDate | None = None
    notes: OptText = None
    partners: list[Partner] = Field(default_factory=list)
    shared_measures: list[SharedMeasure] = Field(default_factory=list)
    work_plan: list[WorkItem] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)
    reflection: Reflection = Field(default_factory=Reflection)

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def ordered_partners(self) -> list[Partner]:
        """Current partners first, then desired ones, each group in file order."""
        return [p for p in self.partners if p.status == "current"] + [
            p for p in self.partners if p.status == "desired"
        ]

    def all_ids(self) -> set[str]:
        ids = {p.id for p in self.partners} | {s.id for s in self.shared_measures}
        return ids | {m.id for p in self.partners for m in p.measures}

    def integrity_problems(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Duplicate ids and references to ids that do not exist, as (field path, message).

        Every id is unique in the whole file, so a reference can never be ambiguous.
        One pass to index, one pass to check: linear in the size of the file.
        """
        seen: dict[str, str] = {}

        def claim(ident: str, where: tuple[str | int, ...]) -> Iterator[tuple[Any, str]]:
            if ident in seen:
                yield where + ("id",), f"duplicate id {ident!r}: already used by {seen[ident]}"
            else:
                seen[ident] = format_path(where)

        partner_ids: set[str] = set()
        measure_ids: set[str] = set()
        for i, p in enumerate(self.partners):
            partner_ids.add(p.id)
            yield from claim(p.id, ("partners", i))
            for j, m in enumerate(p.measures):
                measure_ids.add(m.id)
                yield from claim(m.id, ("partners", i, "measures", j))
        for i, s in enumerate(self.shared_measures):
            yield from claim(s.id, ("shared_measures", i))
            yield from _dangling(s.partners, partner_ids, ("shared_measures", i, "partners"), "partner")
            yield from _dangling(s.measures, measure_ids, ("shared_measures", i, "measures"), "measure")
        for i, w in enumerate(self.work_plan):
            yield from _dangling(w.partners, partner_ids, ("work_plan", i, "partners"), "partner")
        for i, n in enumerate(self.next_steps):
            if n.partner is not None and n.partner not in partner_ids:
                yield ("next_steps", i, "partner"), _unknown("partner", n.partner, partner_ids)


def _dangling(
    refs: list[str], known: set[str], where: tuple[str | int, ...], what: str
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for k, ref in enumerate(refs):
        if ref not in known:
            yield where + (k,), _unknown(what, ref, known)


def _unknown(what: str, ref: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"no {what} has the id {ref!r}{hint}"


def format_path(loc: Iterable[str | int]) -> str:
    """('partners', 2, 'measures', 0, 'type') -> 'partners[2].measures[0].type'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def slugify(name: str, taken: Iterable[str] = ()) -> str:
    """A short lowercase id made from a name, unique against `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "item"
    taken = set(taken)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug

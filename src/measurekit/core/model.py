"""The worksheet, format version 2, as pydantic models.

Field order here is the key order of a saved file (see worksheets/README.md);
the store writes fields in the order they are declared. Version 2 only adds fields
(history, story, direction, done_on), so a version 1 file is a valid version 2 one.
"""

# No `from __future__ import annotations`: pydantic would evaluate each field's annotation
# from a string at import, about 1 ms of every command's start-up (bench/startup.py).
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
)

from .vocabulary import (
    MEASURE_TYPE_QUESTIONS,
    MEASURE_TYPES,  # noqa: F401 - the vocabulary, where the model is
    MeasureType,
    PartnerKind,
    PartnerStatus,
    one_of,
)

SCHEMA_VERSION: Final = 2
READ_VERSIONS = (1, 2)  # every version this measurekit reads; it writes SCHEMA_VERSION
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    # A number is read as its text (coerce_numbers_to_str), so check that text too.
    text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    if isinstance(text, str) and not SLUG_RE.match(text):
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
# The pattern repeats what _slug checks (with a clearer message), for the JSON Schema.
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE.pattern), BeforeValidator(_slug)]
IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]


class Refers:
    """Marks an id that points at another item, so the interview offers those items to pick.

    Pydantic ignores metadata it does not know: validation and the JSON Schema are Slug's.
    Example: PartnerId = Annotated[Slug, Refers("partner")]
    """

    def __init__(self, to: str):
        self.to = to  # "partner" or "measure"


PartnerId = Annotated[Slug, Refers("partner")]
MeasureId = Annotated[Slug, Refers("measure")]


def _value(value: Any) -> Any:
    """A baseline or target: a number when it can be, else a phrase such as '45%'."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | None):
        raise ValueError(f"expected a number or a short text, got {value!r}")
    return _optional_text(value)


Value = Annotated[StrictInt | StrictFloat | str | None, BeforeValidator(_value)]


def _point_value(value: Any) -> Any:
    value = _value(value)
    if value is None:
        raise ValueError("expected the value measured on that date: a number or a short text")
    return value


PointValue = Annotated[StrictInt | StrictFloat | str, BeforeValidator(_point_value)]


# Field descriptions are the help an editor shows from the JSON Schema (`measurekit schema`).
_ID = "A short id, unique in the file: lowercase letters, digits and hyphens."
_NOTES = "Anything else worth keeping, in free text."
_BASELINE = "The current value: a number, or a short phrase such as '38%'."
_TARGET = "The value aimed for: a number, or a short phrase."
_TARGET_DATE = "When the target should be reached (YYYY-MM-DD)."
_DONE = "true once it is done."


class _Model(BaseModel):
    # Start-up speed (bench/startup.py): defer_build builds one validator, the worksheet's,
    # on first use instead of one per class at import; list defaults are written `[]`
    # (pydantic copies a mutable default for each instance) because default_factory=list
    # makes pydantic parse the signature of `list`, which costs about 3 ms at import.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)


class Point(_Model):
    """One data point of a measure's history: the value measured on a date."""

    date: IsoDate = Field(description="The day the value was measured (YYYY-MM-DD).")
    value: PointValue = Field(
        description="The value: a number (43%, 1,250 and 3.5 count as numbers) or a short text."
    )
    note: OptText = Field(None, description="What to remember about this value.")


def _history(points: list[Point]) -> list[Point]:
    """One point per date, kept sorted by date (a file may list them in any order)."""
    first: dict[date, int] = {}
    for i, point in enumerate(points):
        if point.date in first:
            raise ValueError(
                f"history[{first[point.date]}] and history[{i}] are both dated "
                f"{point.date.isoformat()}: keep one point per date"
            )
        first[point.date] = i
    return sorted(points, key=lambda point: point.date)


History = Annotated[list[Point], AfterValidator(_history)]
Direction = Literal["up", "down"]
_STORY = "The story behind the curve: why the numbers move as they do, and what helps."
_DIRECTION = (
    "Which way is better: up or down. Left out, it is read from the baseline to the target."
)
_HISTORY = "The values measured so far, one point per date, sorted by date."


class Measure(_Model):
    """A performance measure that drives one partner's work."""

    id: Slug = Field(description=_ID)
    name: Text = Field(description="What is counted or rated.")
    type: MeasureType = Field(
        description="The question it answers: "
        + one_of([f"{t} ({q[0].lower()}{q[1:-1]}?)" for t, q in MEASURE_TYPE_QUESTIONS.items()])
        + "."
    )
    hypothesized: bool = Field(
        False, description="true while it is a guess not yet confirmed with the partner."
    )
    baseline: Value = Field(None, description=_BASELINE)
    target: Value = Field(None, description=_TARGET)
    target_date: IsoDate | None = Field(None, description=_TARGET_DATE)
    data_source: OptText = Field(None, description="Where the numbers come from.")
    story: OptText = Field(None, description=_STORY)
    direction: Direction | None = Field(None, description=_DIRECTION)
    history: History = Field([], description=_HISTORY)
    notes: OptText = Field(None, description=_NOTES)


class Partner(_Model):
    """A partner critical to the result: step 1 names them, steps 2 and 3 fill them in."""

    id: Slug = Field(description=_ID + " Other fields refer to the partner by it.")
    name: Text = Field(description="The partner's full name.")
    kind: PartnerKind = Field(
        description="internal (inside your own organisation or system) or external."
    )
    status: PartnerStatus = Field(
        description="current (already in the work) or desired (critical, but not yet engaged)."
    )
    why_critical: OptText = Field(
        None, description="Why the result needs them; where a stronger aligned contribution helps."
    )
    why_not_engaged: OptText = Field(
        None, description="Desired partners: why you think they are not engaged yet."
    )
    contribution: OptText = Field(
        None, description="What they can contribute that lines up with the others' work."
    )
    strategy: OptText = Field(
        None, description="The strategy that will make the most of that contribution."
    )
    engagement_plan: OptText = Field(
        None, description="Desired partners: how you will engage or enroll them."
    )
    measures: list[Measure] = Field(
        [], description="The performance measures that drive their work."
    )
    notes: OptText = Field(None, description=_NOTES)


class SharedMeasure(_Model):
    """A measure that partners share to create aligned action (template column 4)."""

    id: Slug = Field(description=_ID)
    name: Text = Field(description="What is measured.")
    definition: OptText = Field(
        None, description="How it is counted: who is included, over what period, from what data."
    )
    partners: list[PartnerId] = Field(
        min_length=1, description="Ids of the partners who share it (one alone is a gap)."
    )
    measures: list[MeasureId] = Field(
        [], description="Ids of the partners' own measures that feed it."
    )
    baseline: Value = Field(None, description=_BASELINE)
    target: Value = Field(None, description=_TARGET)
    target_date: IsoDate | None = Field(None, description=_TARGET_DATE)
    story: OptText = Field(None, description=_STORY)
    direction: Direction | None = Field(None, description=_DIRECTION)
    history: History = Field([], description=_HISTORY)
    notes: OptText = Field(None, description=_NOTES)


class WorkItem(_Model):
    """One item of the plan for developing and sharing measures, with its timeline."""

    what: Text = Field(description="The task.")
    lead: OptText = Field(None, description="The person who leads it.")
    partners: list[PartnerId] = Field([], description="Ids of the partners involved.")
    start: IsoDate | None = Field(None, description="When it starts (YYYY-MM-DD).")
    due: IsoDate | None = Field(None, description="When it should be finished (YYYY-MM-DD).")
    done: bool = Field(False, description=_DONE)
    notes: OptText = Field(None, description=_NOTES)


class NextStep(_Model):
    """Who will do what, with whom, by when."""

    who: Text = Field(description="The person who will do it.")
    what: Text = Field(description="The action.")
    with_whom: OptText = Field(None, description="The people they will do it with.")
    by_when: IsoDate = Field(description="The deadline (YYYY-MM-DD).")
    partner: PartnerId | None = Field(
        None, description="Id of the partner the step concerns, if any."
    )
    step: Literal[2, 3] | None = Field(
        None, description="The step it comes from: 2 (current partners) or 3 (desired partners)."
    )
    done: bool = Field(False, description=_DONE)
    done_on: IsoDate | None = Field(None, description="The day it was done (YYYY-MM-DD).")
    notes: OptText = Field(None, description=_NOTES)


class Reflection(_Model):
    """Answers to the worksheet's reflection questions; None means not yet answered."""

    systems_challenges: OptText = Field(
        None, description="Which challenges between partners come from the systems involved?"
    )
    role_challenges: OptText = Field(None, description="Which come from people's roles?")
    conversations_needed: OptText = Field(
        None, description="Which conversations would keep action and alignment high?"
    )
    competition: OptText = Field(None, description="Where are partners competing?")
    fragmentation: OptText = Field(None, description="Where is the work pulling apart?")
    results_culture: OptText = Field(
        None, description="How can the group's results culture support sharing measures?"
    )
    notes: OptText = Field(None, description=_NOTES)


# The reflection questions: every field of Reflection but its free notes.
REFLECTION_FIELDS = tuple(name for name in Reflection.model_fields if name != "notes")


class Worksheet(_Model):
    """One Shared Performance Measures worksheet for one result."""

    schema_version: Literal[1, 2] = Field(
        SCHEMA_VERSION,
        description="The format version: write 2 (files written as 1 are still read).",
    )
    title: Text = Field(description="A short name for the worksheet.")
    result: Text = Field(
        description="The result in the center: a condition of well-being for a whole population."
    )
    action_plan: OptText = Field(
        None, description="A summary of, or a link to, the results action plan reviewed first."
    )
    facilitator: OptText = Field(None, description="Who runs the session or keeps the file.")
    updated: IsoDate | None = Field(
        None, description="When the content last changed; measurekit sets it when it saves."
    )
    notes: OptText = Field(None, description=_NOTES)
    partners: list[Partner] = Field([], description="Everyone who can contribute to the result.")
    shared_measures: list[SharedMeasure] = Field(
        [], description="Measures partners agree to share for aligned action."
    )
    work_plan: list[WorkItem] = Field(
        [], description="The plan for developing and sharing the measures."
    )
    next_steps: list[NextStep] = Field([], description="Who will do what, with whom, by when.")
    reflection: Reflection = Field(
        default_factory=Reflection, description="The group's answers to the reflection questions."
    )

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
            yield from _dangling(
                s.partners, partner_ids, ("shared_measures", i, "partners"), "partner"
            )
            yield from _dangling(
                s.measures, measure_ids, ("shared_measures", i, "measures"), "measure"
            )
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


def name_key(name: object) -> str:
    """A name as compared for sameness: case and spacing ignored.

    Example: name_key(" County  library") == name_key("County Library")
    """
    return " ".join(str(name or "").split()).casefold()


def slugify(name: str, taken: Iterable[str] = ()) -> str:
    """A short lowercase id made from a name, unique against `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(words) > 40:  # shortened at a word boundary: an id is typed, and read, as words
        cut = words[:41]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut[:40]
    base = words.strip("-") or "item"
    taken = set(taken)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug

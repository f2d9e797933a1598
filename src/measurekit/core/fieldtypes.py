"""What the models are built from: field types, the base model, the help and facts they share.

Each type is a plain annotation with its validator, so a model field says what it holds
in one word (`Text`, `OptText`, `Slug`, `IsoDate`, `Value`, ...) and the interview knows
from that word how to ask it (schema_walk.spec). The small helpers about ids and names
that every layer uses (name_key, slugify, unknown_id, format_path) are here as well.
"""

# No `from __future__ import annotations`: pydantic reads these annotations at import.
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
)

from .facts import Facts, Refers
from .values import number_problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Direction = Literal["up", "down"]

# Field descriptions are the help an editor shows from the JSON Schema (`measurekit schema`).
ID_HELP = "A short id, unique in the file: lowercase letters, digits and hyphens."
NOTES_HELP = "Anything else worth keeping, in free text."

# Facts shared by the fields of several models (facts.py says what each fact means).
SET_BY_MEASUREKIT = Facts(asked=False)  # measurekit writes it; the interview never asks it
FREE_NOTES = Facts(asked=False, wide=True)  # for someone with an editor: kept as written
QUICK = Facts(quick=True)  # the summary table shows it, so `interview --quick` asks it


class ModelBase(BaseModel):
    """What every model of the worksheet shares: unknown keys refused, numbers read as text."""

    # Start-up speed (bench/startup.py): defer_build builds one validator, the worksheet's,
    # on first use instead of one per class at import; list defaults are written `[]`
    # (pydantic copies a mutable default for each instance) because default_factory=list
    # makes pydantic parse the signature of `list`, which costs about 3 ms at import.
    # validate_assignment: `measure.target_date = "not a date"` is refused as a file would be.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True,
                              validate_assignment=True)


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


# An id that points at another item: the interview offers those items to pick.
PartnerId = Annotated[Slug, Refers("partner")]
MeasureId = Annotated[Slug, Refers("measure")]


def _value(value: Any) -> Any:
    """A baseline or target: a number when it can be, else a phrase such as '45%'."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | None):
        raise ValueError(f"expected a number or a short text, got {value!r}")
    problem = number_problem(value)  # not finite, or more digits than can be computed with
    if problem:
        raise ValueError(problem)
    return _optional_text(value)


Value = Annotated[StrictInt | StrictFloat | str | None, BeforeValidator(_value)]


def _point_value(value: Any) -> Any:
    value = _value(value)
    if value is None:
        raise ValueError("expected the value measured on that date: a number or a short text")
    return value


PointValue = Annotated[StrictInt | StrictFloat | str, BeforeValidator(_point_value)]
def _kept_number(value: Any) -> Any:
    """A number only as measurekit keeps one: finite, at most 15 significant digits."""
    problem = number_problem(value) if isinstance(value, int | float) else None
    if problem:
        raise ValueError(problem)
    return value


# A number of 0 or more, in a measure's unit (format version 3's tolerance).
Tolerance = Annotated[StrictInt | StrictFloat | None, Field(ge=0), BeforeValidator(_kept_number)]


def unknown_id(what: str, ref: str, known: Iterable[str]) -> str:
    """The message for an id nothing has: "no partner has the id 'libary' (did you mean ...)"."""
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

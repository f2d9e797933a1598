"""The worksheet's fixed words, each defined once: model.py types its fields with them,
and the interview, the reports and the command line's help read them from here.

No pydantic here: `measurekit --help` shows the section names without loading it.

Example: MEASURE_TYPE_LABELS["better_off"] == "Better off"
"""

from typing import Literal, get_args

MeasureType = Literal["how_much", "how_well", "better_off"]
MEASURE_TYPES: tuple[MeasureType, ...] = get_args(MeasureType)
# A measure type by the question it answers, and as a short label (tables, lists).
MEASURE_TYPE_QUESTIONS: dict[str, str] = {
    "how_much": "How much did we do?",
    "how_well": "How well did we do it?",
    "better_off": "Is anyone better off?",
}
MEASURE_TYPE_LABELS: dict[str, str] = {
    "how_much": "How much",
    "how_well": "How well",
    "better_off": "Better off",
}

# How a measure is doing (progress.py): good news first, then what needs a look, then
# what cannot be judged.
Status = Literal[
    "met", "on_track", "off_track", "better", "worse", "flat", "too_few_points",
    "no_direction", "not_numeric", "no_data",
]
STATUSES: tuple[Status, ...] = get_args(Status)
# Each status's tone: good news, bad news, something to look at, or nothing to judge yet.
# Every view colours a status by its tone, so a status added above needs a tone here.
StatusTone = Literal["good", "bad", "steady", "watch", "none"]
STATUS_TONES: dict[str, StatusTone] = {
    "met": "good", "on_track": "good", "better": "good",
    "off_track": "bad", "worse": "bad",
    "flat": "steady",
    "too_few_points": "watch", "no_direction": "watch", "not_numeric": "watch",
    "no_data": "none",
}
assert set(STATUS_TONES) == set(STATUSES), "every status has a tone"

PartnerKind = Literal["internal", "external"]
PARTNER_KINDS: tuple[PartnerKind, ...] = get_args(PartnerKind)
PartnerStatus = Literal["current", "desired"]
PARTNER_STATUSES: tuple[PartnerStatus, ...] = get_args(PartnerStatus)

# The worksheet's steps and parts, as `gaps` and the interview's headings name them.
STEP_NAMES = {
    "result": "The result's population indicators",
    "1": "Critical partners",
    "2": "Current partners",
    "3": "Desired partners",
    "shared": "Measures shared across partners",
    "reflection": "Reflection",
}

# The parts of the worksheet `measurekit interview --section` goes straight to.
SECTIONS = ("details", "partners", "shared-measures", "work-plan", "next-steps", "reflection")


def partner_label(name: object, kind: object, status: object, between: str = " ") -> str:
    """How a partner is named in a list, a table cell or a tooltip: its name, kind and status.

    Example: partner_label("Library", "internal", "current") == "Library (internal, current)"
    """
    return f"{name}{between}({kind}, {status})"


def one_of(words: tuple[str, ...] | list[str]) -> str:
    """('a', 'b', 'c') -> 'a, b or c': a vocabulary as help text says it."""
    words = list(words)
    return " or ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)

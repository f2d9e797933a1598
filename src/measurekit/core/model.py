"""The worksheet, format version 3, as pydantic models: partners, the plan, the reflection.

Field order here is the key order of a saved file (see worksheets/README.md);
the store writes fields in the order they are declared. Version 2 only adds fields
(history, story, direction, done_on), so a version 1 file is a valid version 2 one;
version 3 only adds fields too (indicators; forecast, tolerance, baseline_date and
story_on on every curve), so a version 1 or 2 file is a valid version 3 one.
Measures are in measures.py, the field types in fieldtypes.py. Each field's facts
(asked, quick, names a person, its gap, how `diff` words it) ride on it as
`json_schema_extra=Facts(...)` (facts.py).
"""

# No `from __future__ import annotations`: pydantic would evaluate each field's annotation
# from a string at import, about 1 ms of every command's start-up (bench/startup.py).
from typing import Final, Literal

from pydantic import Field

from .facts import Facts, Missing
from .fieldtypes import (
    FREE_NOTES,
    ID_HELP,
    NOTES_HELP,
    QUICK,
    SET_BY_MEASUREKIT,
    IsoDate,
    ModelBase,
    OptText,
    PartnerId,
    Slug,
    Text,
)
from .measures import (  # noqa: F401 - Point and Curve: the model's API
    Curve,
    Indicator,
    Measure,
    Point,
    SharedMeasure,
)
from .vocabulary import (
    MEASURE_TYPES,  # noqa: F401 - the vocabulary, where the model is
    PartnerKind,
    PartnerStatus,
)

SCHEMA_VERSION: Final = 3  # the newest format; saving writes the oldest that holds the file
READ_VERSIONS = (1, 2, 3)  # every version this measurekit reads
_DONE = "true once it is done."
_BOOKKEEPING = Facts(asked=False, diff=None)  # measurekit keeps it: not asked, not a change
# A reflection question: a gap while it is unanswered.
_QUESTION = Facts(gap=Missing("reflection_unanswered", "reflection not answered: {field}",
                              step="reflection"), diff="reflection")


class Partner(ModelBase):
    """A partner critical to the result: step 1 names them, steps 2 and 3 fill them in."""

    id: Slug = Field(description=ID_HELP + " Other fields refer to the partner by it.",
                     json_schema_extra=SET_BY_MEASUREKIT)
    name: Text = Field(description="The partner's full name.", json_schema_extra=QUICK)
    kind: PartnerKind = Field(
        description="internal (inside your own organisation or system) or external.",
        json_schema_extra=QUICK,
    )
    status: PartnerStatus = Field(
        description="current (already in the work) or desired (critical, but not yet engaged).",
        json_schema_extra=Facts(quick=True, diff="partner_status", shown=True),
    )
    why_critical: OptText = Field(
        None, description="Why the result needs them; where a stronger aligned contribution helps.",
        json_schema_extra=Facts(wide=True),
    )
    # Asked of desired partners only: a current partner is engaged already.
    why_not_engaged: OptText = Field(
        None, description="Desired partners: why you think they are not engaged yet.",
        json_schema_extra=Facts(only="desired", wide=True, gap=Missing(
            "no_why_not_engaged", "no hypothesis yet of why they are not engaged",
            status="desired", step="1")),
    )
    contribution: OptText = Field(
        None, description="What they can contribute that lines up with the others' work.",
        json_schema_extra=Facts(quick=True, wide=True, gap=Missing(
            "no_contribution", "no aligned contribution yet", status="current")),
    )
    strategy: OptText = Field(
        None, description="The strategy that will make the most of that contribution.",
        json_schema_extra=Facts(quick=True, wide=True),
    )
    engagement_plan: OptText = Field(
        None, description="Desired partners: how you will engage or enroll them.",
        json_schema_extra=Facts(only="desired", wide=True, gap=Missing(
            "no_engagement_plan", "no plan yet to engage or enroll them", status="desired")),
    )
    measures: list[Measure] = Field(
        [], description="The performance measures that drive their work.",
        json_schema_extra=Facts(diff="measure"),
    )
    notes: OptText = Field(None, description=NOTES_HELP, json_schema_extra=FREE_NOTES)


class WorkItem(ModelBase):
    """One item of the plan for developing and sharing measures, with its timeline."""

    what: Text = Field(description="The task.", json_schema_extra=Facts(key=True))
    lead: OptText = Field(
        None, description="The person who leads it.", json_schema_extra=Facts(person=True)
    )
    partners: list[PartnerId] = Field([], description="Ids of the partners involved.")
    start: IsoDate | None = Field(None, description="When it starts (YYYY-MM-DD).")
    due: IsoDate | None = Field(None, description="When it should be finished (YYYY-MM-DD).")
    done: bool = Field(False, description=_DONE, json_schema_extra=Facts(diff="work_done"))
    notes: OptText = Field(None, description=NOTES_HELP, json_schema_extra=FREE_NOTES)


class NextStep(ModelBase):
    """Who will do what, with whom, by when."""

    who: Text = Field(
        description="The person who will do it.", json_schema_extra=Facts(person=True, key=True)
    )
    what: Text = Field(description="The action.", json_schema_extra=Facts(key=True))
    with_whom: OptText = Field(
        None, description="The people they will do it with.", json_schema_extra=Facts(person=True)
    )
    by_when: IsoDate = Field(
        description="The deadline (YYYY-MM-DD).", json_schema_extra=Facts(shown=True)
    )
    partner: PartnerId | None = Field(
        None, description="Id of the partner the step concerns, if any."
    )
    # Follows from the status of the partner the step is about.
    step: Literal[2, 3] | None = Field(
        None, description="The step it comes from: 2 (current partners) or 3 (desired partners).",
        json_schema_extra=SET_BY_MEASUREKIT,
    )
    done: bool = Field(False, description=_DONE, json_schema_extra=Facts(diff="next_step_done"))
    # The day a step is marked done, not a question; diff reports it with `done`.
    done_on: IsoDate | None = Field(
        None, description="The day it was done (YYYY-MM-DD).",
        json_schema_extra=Facts(asked=False, diff="next_step_done"),
    )
    notes: OptText = Field(None, description=NOTES_HELP, json_schema_extra=FREE_NOTES)


class Reflection(ModelBase):
    """Answers to the worksheet's reflection questions; None means not yet answered."""

    systems_challenges: OptText = Field(
        None, description="Which challenges between partners come from the systems involved?",
        json_schema_extra=_QUESTION,
    )
    role_challenges: OptText = Field(
        None, description="Which come from people's roles?", json_schema_extra=_QUESTION
    )
    conversations_needed: OptText = Field(
        None, description="Which conversations would keep action and alignment high?",
        json_schema_extra=_QUESTION,
    )
    competition: OptText = Field(
        None, description="Where are partners competing?", json_schema_extra=_QUESTION
    )
    fragmentation: OptText = Field(
        None, description="Where is the work pulling apart?", json_schema_extra=_QUESTION
    )
    results_culture: OptText = Field(
        None, description="How can the group's results culture support sharing measures?",
        json_schema_extra=_QUESTION,
    )
    notes: OptText = Field(None, description=NOTES_HELP,
                           json_schema_extra=Facts(asked=False, wide=True, diff="reflection"))


# The reflection questions: the fields of Reflection that are a gap while unanswered.
REFLECTION_FIELDS = tuple(
    name for name, info in Reflection.model_fields.items() if info.json_schema_extra == _QUESTION
)


class Worksheet(ModelBase):
    """One Shared Performance Measures worksheet for one result."""

    # measurekit writes the format version, and keeps `updated`: neither is asked, nor a change.
    schema_version: Literal[1, 2, 3] = Field(
        SCHEMA_VERSION,
        description="The format version: 3 once a version 3 field is used (forecast, "
        "tolerance, baseline_date, story_on, indicators), else 2 (1 is still read).",
        json_schema_extra=_BOOKKEEPING,
    )
    title: Text = Field(description="A short name for the worksheet.", json_schema_extra=QUICK)
    result: Text = Field(
        description="The result in the center: a condition of well-being for a whole population.",
        json_schema_extra=QUICK,
    )
    # Asked in the first section, with the result (interview/steps.py details).
    indicators: list[Indicator] = Field(
        [], description="Population indicators of the result in the center: is the population "
        "better off?", json_schema_extra=Facts(diff="indicator"),
    )
    action_plan: OptText = Field(
        None, description="A summary of, or a link to, the results action plan reviewed first."
    )
    facilitator: OptText = Field(
        None, description="Who runs the session or keeps the file.",
        json_schema_extra=Facts(person=True),
    )
    updated: IsoDate | None = Field(
        None, description="When the content last changed; measurekit sets it when it saves.",
        json_schema_extra=_BOOKKEEPING,
    )
    notes: OptText = Field(None, description=NOTES_HELP, json_schema_extra=FREE_NOTES)
    # Lists of items: each is asked item by item, in its own listing (interview/steps.py).
    partners: list[Partner] = Field(
        [], description="Everyone who can contribute to the result.",
        json_schema_extra=Facts(diff="partner"),
    )
    shared_measures: list[SharedMeasure] = Field(
        [], description="Measures partners agree to share for aligned action.",
        json_schema_extra=Facts(diff="measure"),
    )
    work_plan: list[WorkItem] = Field(
        [], description="The plan for developing and sharing the measures.",
        json_schema_extra=Facts(diff="work"),
    )
    next_steps: list[NextStep] = Field(
        [], description="Who will do what, with whom, by when.",
        json_schema_extra=Facts(diff="next_step"),
    )
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

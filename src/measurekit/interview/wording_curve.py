"""The interview's words for turning the curve: the result's population indicators, which
way is better, how big a change is noise, and the forecast offered after a third point.

wording.py merges QUESTIONS and CHOICES into its own, so a question is looked up in one place.
"""

from __future__ import annotations

from typing import Any

_DIRECTION = "Which way is better for this measure: up or down?"
_TOLERANCE = "How big a change is just noise? (in the measure's unit; Enter: none)"
_STORY = "The story behind the curve: why is it moving this way, and what would help?"
_WAYS = {"up": "Up: a higher value is better", "down": "Down: a lower value is better"}

QUESTIONS = {
    "Measure.direction": _DIRECTION,
    "Measure.tolerance": _TOLERANCE,
    "SharedMeasure.direction": _DIRECTION,
    "SharedMeasure.tolerance": _TOLERANCE,
    "Indicator.name": "Name of the population indicator",  # one line at 80, with its hint
    "Indicator.baseline": "Baseline (where it stands now)",
    "Indicator.target": "Target",
    "Indicator.target_date": "Target date",
    "Indicator.data_source": "Data source",
    "Indicator.story": _STORY,
    "Indicator.direction": "Which way is better for this indicator: up or down?",
    "Indicator.tolerance": _TOLERANCE,
}
CHOICES: dict[str, dict[Any, str]] = {
    "Measure.direction": _WAYS, "SharedMeasure.direction": _WAYS, "Indicator.direction": _WAYS,
}

# Short enough for one line at 80 columns, with its "(y/N)".
ADD_FIRST_INDICATOR = "Add a population indicator (is the whole population better off)?"
ADD_INDICATOR = "Add another population indicator?"

NOT_A_TOLERANCE = "a number of 0 or more, such as 2 or 0.5"

FORECAST_LINE = (
    "Forecast (a straight line through the points, where the curve goes if nothing "
    "changes): {points}"
)
FORECAST_KEEP = "Keep this forecast?"

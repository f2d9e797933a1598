"""measurekit: fill in, check and share a Shared Performance Measures worksheet.

The command line (`measurekit --help`) is one way in; this module is the other:

    import measurekit
    ws = measurekit.load("worksheets/youth-justice.yaml")
    ws.title = "Alder County Youth Justice, 2027"  # checked as it is set
    measurekit.rename_id(ws, "alder-city-police", "city-police")  # and every reference
    measurekit.save(ws, "worksheets/youth-justice.yaml")  # refused if invalid; atomic, .bak
    print([gap.message for gap in measurekit.gaps(ws)])

Every name is imported on first use (a module `__getattr__`), so `import measurekit`, and
the command line's start-up, load none of the worksheet machinery until it is needed.
The operations (`rename_id`, `remove_partner`, `remove_measure`, `add_points`,
`mark_done`) change a worksheet in place and keep its references whole, as the interview
does. Errors are `MeasurekitError`s: `WorksheetInvalid` (with every problem, located),
`FileProblem`, `UsageProblem`.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Each public name: the module that defines it and its name there.
_EXPORTS = {
    "load": ("measurekit.core.store", "load_worksheet"),
    "save": ("measurekit.core.store", "save"),
    "Saved": ("measurekit.core.saving", "Saved"),
    "Worksheet": ("measurekit.core.model", "Worksheet"),
    "Partner": ("measurekit.core.model", "Partner"),
    "Measure": ("measurekit.core.model", "Measure"),
    "SharedMeasure": ("measurekit.core.model", "SharedMeasure"),
    "Indicator": ("measurekit.core.model", "Indicator"),
    "Point": ("measurekit.core.model", "Point"),
    "WorkItem": ("measurekit.core.model", "WorkItem"),
    "NextStep": ("measurekit.core.model", "NextStep"),
    "Reflection": ("measurekit.core.model", "Reflection"),
    "rename_id": ("measurekit.core.operations", "rename_id"),
    "remove_partner": ("measurekit.core.operations", "remove_partner"),
    "remove_measure": ("measurekit.core.operations", "remove_measure"),
    "add_points": ("measurekit.core.operations", "add_points"),
    "mark_done": ("measurekit.core.operations", "mark_done"),
    "gaps": ("measurekit.core.gaps", "find_gaps"),
    "Gap": ("measurekit.core.gaps", "Gap"),
    "progress": ("measurekit.core.progress", "progress"),
    "Progress": ("measurekit.core.progress", "Progress"),
    "MeasurekitError": ("measurekit.core.errors", "MeasurekitError"),
    "WorksheetInvalid": ("measurekit.core.errors", "WorksheetInvalid"),
    "FileProblem": ("measurekit.core.errors", "FileProblem"),
    "UsageProblem": ("measurekit.core.errors", "UsageProblem"),
    "Problem": ("measurekit.core.errors", "Problem"),
}

__all__ = [  # _EXPORTS's names and trend (tests/test_api.py checks they agree)
    "FileProblem", "Gap", "Indicator", "Measure", "MeasurekitError", "NextStep", "Partner", "Point",
    "Problem", "Progress", "Reflection", "Saved", "SharedMeasure", "UsageProblem", "WorkItem",
    "Worksheet", "WorksheetInvalid", "__version__", "add_points", "gaps", "load", "mark_done",
    "progress", "remove_measure", "remove_partner", "rename_id", "save", "trend",
]

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports
    from .core.errors import (
        FileProblem,
        MeasurekitError,
        Problem,
        UsageProblem,
        WorksheetInvalid,
    )
    from .core.gaps import Gap
    from .core.gaps import find_gaps as gaps
    from .core.model import (
        Indicator,
        Measure,
        NextStep,
        Partner,
        Point,
        Reflection,
        SharedMeasure,
        WorkItem,
        Worksheet,
    )
    from .core.operations import (
        add_points,
        mark_done,
        remove_measure,
        remove_partner,
        rename_id,
    )
    from .core.progress import Progress, progress
    from .core.saving import Saved
    from .core.store import load_worksheet as load
    from .core.store import save


def trend(worksheet: Worksheet, as_of: date | None = None) -> list[dict[str, Any]]:
    """How every measure is doing as of a date (today by default): `measurekit trend`'s
    rows, as plain dicts (measure, partner, status and the status rule's figures)."""
    from .reports.trend import build

    return build(worksheet, as_of or date.today()).records


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'measurekit' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # the next lookup is a plain one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})

"""Turning pydantic's validation errors into Problems a consultant can act on.

Each error gets the field path, the line and column of the value it concerns,
what was expected, and for an unknown key the closest known key.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .fieldtypes import format_path
from .model import Worksheet
from .reading import Positions

Loc = tuple[str | int, ...]


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at `loc` (for 'did you mean' suggestions)."""
    model: type[BaseModel] | None = Worksheet
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _show(value: Any) -> str:
    text = repr(value)
    if isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: Mapping[str, Any]) -> str:
    """One pydantic error as a sentence: what was expected, and what was there."""
    kind, msg, value = error["type"], error["msg"], error.get("input")
    loc = tuple(error["loc"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        model = model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        listing = f" (known keys: {', '.join(known)})" if known and not close else ""
        return f"unknown key {name!r}{hint}{listing}; free text belongs in 'notes'"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return "must not be empty"
    if kind == "too_short":
        return "needs at least one entry"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_show(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_show(value)}"
    if kind == "string_type":
        if isinstance(value, bool):  # YAML 1.1 reads yes/no/on/off/true/false as booleans
            return f"expected text, got the yes/no value {value}: put the word in quotes"
        return f"expected text, got {_show(value)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false, got {_show(value)}"
    text = msg[0].lower() + msg[1:] if msg else kind
    text = text.replace("input should be", "expected")
    return f"{text}, got {_show(value)}"


def problems_from_validation(exc: Any, positions: Positions, name: str) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        line, column = positions.locate(loc, key=error["type"] == "extra_forbidden")
        problems.append(Problem(name, describe(error), format_path(loc), line, column))
    return problems

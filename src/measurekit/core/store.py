"""Reading and writing worksheet files: strict YAML in, validated worksheets out, atomic saves.

Loading reads strict YAML into plain data (reading.py: no aliases, duplicate keys or odd
tags, and where each value was written), checks the format version, validates the
worksheet and its references, and points every problem at a line and column of the
file. Saving lives in saving.py; its names are re-exported here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import saving
from .errors import Problem, WorksheetInvalid
from .integrity import integrity_problems
from .model import SCHEMA_VERSION, Worksheet
from .problems import problems_from_validation
from .reading import Positions, read_yaml
from .saving import HEADER as HEADER
from .saving import SCHEMA_FILENAME as SCHEMA_FILENAME
from .saving import OnDisk as OnDisk
from .saving import Saved as Saved
from .saving import atomic_write as atomic_write
from .saving import content_equal as content_equal
from .saving import dumps as dumps
from .saving import gc_paused as gc_paused
from .saving import read_bytes as read_bytes
from .saving import to_data as to_data


@dataclass
class Loaded:
    """A worksheet with what the tool needs to know about the file it came from."""

    worksheet: Worksheet
    path: Path
    raw: bytes
    has_comments: bool


def load(path: Path | str) -> Loaded:
    """Read, parse and validate a worksheet file, or raise WorksheetInvalid with every problem."""
    path = Path(path)
    raw = read_bytes(path)
    if len(raw) < LARGE:
        return parse(raw, str(path), path)
    from .streams import status

    status(f"Reading {path} ({len(raw) / 1e6:.1f} MB)...")  # a second or more: say so
    try:
        return parse(raw, str(path), path)
    finally:
        status(None)


LARGE = 500_000  # bytes: about 300 partners, where reading starts to take a second


def load_worksheet(path: Path | str) -> Worksheet:
    return load(path).worksheet


def save(worksheet: Worksheet, path: Path | str, today: date | None = None,
         known: OnDisk | None = None,
         on_write: Callable[[bytes], object] | None = None) -> Saved:
    """Write a worksheet atomically, keeping the previous file as PATH.bak (or in git).

    Refused (WorksheetInvalid, nothing written) when no load would accept it. The
    file on disk is read and parsed, to compare: `known` is the file as the caller read
    it, and when the bytes on disk are still those, they are not parsed again.
    `on_write` gets the exact bytes before anything is written. See saving.write.
    """
    path = Path(os.path.realpath(path))
    previous: Worksheet | None = None
    old_raw: bytes | None = None
    if path.exists():
        old_raw = read_bytes(path)
        if known is not None and known.raw == old_raw:
            previous = known.worksheet
        else:
            try:
                previous = parse(old_raw, str(path), path).worksheet
            except WorksheetInvalid:
                previous = None
    return saving.write(worksheet, path, old_raw, previous, today, on_write)


@gc_paused()
def parse(raw: bytes, name: str, path: Path | None = None) -> Loaded:
    read = read_yaml(raw, name, HEADER)
    data, positions = read.data, read.positions
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise WorksheetInvalid(
            [
                Problem(
                    name, f"expected a mapping of fields at the top, got {kind}", line=1, column=1
                )
            ]
        )
    _check_version(data, positions, name)
    try:
        worksheet = Worksheet.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError, imported lazily by pydantic itself
        if not hasattr(exc, "errors"):
            raise
        raise WorksheetInvalid(problems_from_validation(exc, positions, name)) from None
    integrity = [
        _located(name, positions, loc, message) for loc, message in integrity_problems(worksheet)
    ]
    if integrity:
        raise WorksheetInvalid(integrity)
    return Loaded(worksheet, path or Path(name), raw, read.has_comments)


@gc_paused()
def parse_data(raw: bytes, name: str) -> tuple[Any, bool]:
    """The file's plain data and whether it has comments, refusing YAML problems as `parse`
    does but not validating the worksheet (the interview asks again for invalid answers)."""
    read = read_yaml(raw, name, HEADER)
    return read.data, read.has_comments


def _located(name: str, positions: Positions, loc: tuple[str | int, ...], message: str) -> Problem:
    from .fieldtypes import format_path

    line, column = positions.locate(loc)
    return Problem(name, message, format_path(loc), line, column)


def _check_version(data: dict[str, Any], positions: Positions, name: str) -> None:
    version = data.get("schema_version")
    if version is None:
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    "required field is missing: a worksheet starts with "
                    f"'schema_version: {SCHEMA_VERSION}'",
                    "schema_version",
                    1,
                    1,
                )
            ]
        )
    line, column = positions.locate(("schema_version",))
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    f"expected the whole number {SCHEMA_VERSION}, got {version!r}",
                    "schema_version",
                    line,
                    column,
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    f"this worksheet uses format version {version}, but this measurekit reads "
                    f"version {SCHEMA_VERSION}; upgrade measurekit (pip install -U measurekit)",
                    "schema_version",
                    line,
                    column,
                )
            ]
        )

"""Reading and writing worksheet files: strict YAML in, validated worksheets out, atomic saves.

Loading composes the YAML into nodes (PyYAML's C parser where present) and builds
plain data from them ourselves, so that we can refuse what `safe_load` lets
through (aliases, duplicate keys, odd tags) and point every problem at a line and
column of the file. Saving lives in saving.py; its names are re-exported here.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import saving
from .errors import Problem, WorksheetInvalid
from .integrity import integrity_problems
from .model import SCHEMA_VERSION, Worksheet
from .problems import locate, problems_from_validation
from .saving import HEADER as HEADER
from .saving import SCHEMA_FILENAME as SCHEMA_FILENAME
from .saving import OnDisk as OnDisk
from .saving import Saved as Saved
from .saving import atomic_write as atomic_write
from .saving import content_equal as content_equal
from .saving import dumps as dumps
from .saving import read_bytes as read_bytes
from .saving import to_data as to_data
from .values import number_problem

_Y = "tag:yaml.org,2002:"
_SAFE_SCALARS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()
# PyYAML reads plain scalars by YAML 1.1, where 0755 is octal 493, 1:30 is 90 and `no` is
# false. Only the forms YAML 1.2 (and every reader) agrees on are numbers or booleans here;
# the rest stay the text the user wrote, and the dumper quotes them on save.
_YAML12 = {
    _Y + "int": re.compile(r"[-+]?(0|[1-9][0-9]*)"),
    _Y + "float": re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?"),
    _Y + "bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
}
_ANY = re.compile(r".*", re.S)


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file becomes objects.

    A big worksheet turns into hundreds of thousands of nodes, dicts and models that all
    live on, and none of which form cycles; the collector would walk them again and
    again as they pile up (60% of the load on 1,000 partners; bench/scale.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tree(raw: bytes, name: str) -> tuple[str, yaml.Node, Any]:
    """The file's text, its YAML nodes (for locating problems) and its plain data."""
    text = _decode(raw, name)
    _refuse_conflicts(text, name)
    node = _compose(text, name)
    return text, node, _Builder(name).build(node)


@_gc_paused()
def parse(raw: bytes, name: str, path: Path | None = None) -> Loaded:
    text, node, data = _tree(raw, name)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise WorksheetInvalid(
            [
                Problem(
                    name, f"expected a mapping of fields at the top, got {kind}", line=1, column=1
                )
            ]
        )
    _check_version(data, node, name)
    try:
        worksheet = Worksheet.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError, imported lazily by pydantic itself
        if not hasattr(exc, "errors"):
            raise
        raise WorksheetInvalid(problems_from_validation(exc, node, name)) from None
    integrity = [
        _located(name, node, loc, message) for loc, message in integrity_problems(worksheet)
    ]
    if integrity:
        raise WorksheetInvalid(integrity)
    return Loaded(worksheet, path or Path(name), raw, _has_comments(text, node))


@_gc_paused()
def parse_data(raw: bytes, name: str) -> tuple[Any, bool]:
    """The file's plain data and whether it has comments, refusing YAML problems as `parse`
    does but not validating the worksheet (the interview asks again for invalid answers)."""
    text, node, data = _tree(raw, name)
    return data, _has_comments(text, node)


def _located(name: str, root: yaml.Node, loc: tuple[str | int, ...], message: str) -> Problem:
    from .fieldtypes import format_path

    mark = locate(root, loc)
    return Problem(name, message, format_path(loc), mark.line + 1, mark.column + 1)


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    "the file is empty; a worksheet needs at least schema_version, title "
                    "and result",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                    line=line,
                    column=column,
                )
            ]
        ) from None
    return text


_CONFLICT = re.compile(r"^<<<<<<<(?: [^\n]*)?\n.*?^>>>>>>>(?: [^\n]*)?$", re.M | re.S)


def _refuse_conflicts(text: str, name: str) -> None:
    """git's conflict markers, named as such: YAML would only see a bad line after one."""
    if "<<<<<<<" not in text:
        return
    problems = []
    for found in _CONFLICT.finditer(text):
        first = text.count("\n", 0, found.start()) + 1
        last = first + found.group().count("\n")
        problems.append(Problem(
            name, f"unresolved merge conflict at lines {first}-{last} (<<<<<<< ... >>>>>>>): "
            "git could not merge two versions here. Keep the lines you want between the "
            "markers and remove the others, delete the three marker lines (<<<<<<<, =======, "
            f">>>>>>>), then run: measurekit validate {name} (or take one side whole: "
            f"git checkout --ours {name}, or --theirs)", line=first, column=1))
    if problems:
        raise WorksheetInvalid(problems)


def _compose(text: str, name: str) -> yaml.Node:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    f"not valid YAML: {what}",
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position, not a mark
        raise WorksheetInvalid([Problem(name, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    "the file holds no YAML document; a worksheet needs at least "
                    "schema_version, title and result",
                )
            ]
        )
    return node


class _Builder:
    """Turns composed nodes into plain data, refusing what a worksheet never needs."""

    def __init__(self, name: str):
        self.name = name
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> WorksheetInvalid:
        mark = node.start_mark
        return WorksheetInvalid(
            [Problem(self.name, message, line=mark.line + 1, column=mark.column + 1)]
        )

    def build(self, node: yaml.Node) -> Any:
        # An alias makes the composer hand back the very same node object twice;
        # refusing the second sighting stops an alias bomb before it is expanded.
        if id(node) in self.seen:
            raise self.fail(
                node,
                "YAML anchors and aliases (&name, *name) are not allowed in a worksheet: "
                "the value anchored here is reused by an alias; write it out in full",
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _Y + "map":
                raise self.fail(node, f"unsupported YAML tag {node.tag!r}")
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node)
                if not isinstance(key, str):
                    raise self.fail(key_node, f"a key must be text, got {key!r}")
                if key in out:
                    raise self.fail(key_node, f"duplicate key {key!r} in the same mapping")
                out[key] = self.build(value_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _Y + "seq":
                raise self.fail(node, f"unsupported YAML tag {node.tag!r}")
            return [self.build(item) for item in node.value]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag not in _SAFE_SCALARS:
            raise self.fail(node, f"unsupported YAML tag {node.tag!r}; plain values only")
        if node.tag == _Y + "str" or node.tag == _Y + "timestamp":
            return node.value  # dates are checked by the model, with the field's path
        if node.tag == _Y + "null":
            return None
        if not node.style and not _YAML12.get(node.tag, _ANY).fullmatch(node.value):
            return node.value  # 0755, 1:30, 0x1F, 1_000, yes, .inf: kept as written
        if node.tag == _Y + "bool":
            return _constructor.construct_yaml_bool(node)
        problem = number_problem(node.value)  # before int() meets 5,000 digits
        if problem:
            raise self.fail(node, problem)
        try:
            if node.tag == _Y + "int":
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except ValueError:
            raise self.fail(node, f"{node.value!r} is not a number") from None


def _check_version(data: dict[str, Any], root: yaml.Node, name: str) -> None:
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
    mark = locate(root, ("schema_version",))
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise WorksheetInvalid(
            [
                Problem(
                    name,
                    f"expected the whole number {SCHEMA_VERSION}, got {version!r}",
                    "schema_version",
                    mark.line + 1,
                    mark.column + 1,
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
                    mark.line + 1,
                    mark.column + 1,
                )
            ]
        )


def _has_comments(text: str, root: yaml.Node) -> bool:
    """True when the file has a comment other than the tool's own header line."""
    # The tool's own header line is not the user's comment (also when an editor made it CRLF).
    first_line_end = text.find("\n") + 1 or len(text)
    own = text[:first_line_end].rstrip("\r\n") == HEADER.rstrip("\n")
    body = text[first_line_end:] if own else text
    offset = len(text) - len(body)
    if "#" not in body:
        return False
    spans: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if "#" in node.value:
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += [k, v]
        else:
            stack += node.value
    start = body.find("#")
    while start != -1:
        index = start + offset
        if not any(a <= index < b for a, b in spans):
            return True
        start = body.find("#", start + 1)
    return False

"""Strict YAML in: a file's plain data, and where each value of it was written.

The data is built straight from the parser's events (PyYAML's C parser where present),
never as a tree of YAML nodes: the node tree of a 40 MB worksheet took three quarters
of the memory of a load, and was kept only to point messages at a line and column
(bench/memory.py). What a message needs is kept instead as `Positions`: one number
per value, in document order (8 bytes each), found again from a field path only when
a problem is reported. What `safe_load` lets through and a worksheet never needs is
refused on the way, at its line and column: anchors and aliases, duplicate keys, tags
other than the plain ones, and git's conflict markers.

Example:
    read = read_yaml(raw, "ws.yaml")
    read.data["title"]; read.positions.locate(("partners", 0, "kind"))  ->  (19, 11)
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import Problem, WorksheetInvalid
from .values import number_problem

Loc = tuple[str | int, ...]
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
_CONFLICT = re.compile(r"^<<<<<<<(?: [^\n]*)?\n.*?^>>>>>>>(?: [^\n]*)?$", re.M | re.S)
_COLUMN = 1 << 32  # a position is line * _COLUMN + column, both 0-based


class Positions:
    """Where each value was written, found from its field path (1-based line and column).

    `marks` holds one position per value in document order: a mapping, then each of its
    keys followed by that key's value; a list, then its items. Walking the data in the
    same order finds a path's place; the sizes of the subtrees skipped on the way are
    counted once and remembered (only when a problem is reported).
    """

    def __init__(self, data: Any, marks: array[int]):
        self._data = data
        self._marks = marks
        self._sizes: dict[int, int] = {}

    def locate(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """The place of the value at `loc`, or of the deepest value on the way that exists.

        With `key`, the place of the last key itself rather than its value (unknown keys).
        """
        node, index = self._data, 0
        for depth, part in enumerate(loc):
            if isinstance(node, dict) and isinstance(part, str) and part in node:
                index += 1
                for name, value in node.items():
                    if name == part:
                        break
                    index += 1 + self._size(value)
                if key and depth == len(loc) - 1:
                    break
                node, index = node[part], index + 1
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                index += 1 + sum(self._size(item) for item in node[:part])
                node = node[part]
            else:
                break
        mark = self._marks[index]
        return mark // _COLUMN + 1, mark % _COLUMN + 1

    def _size(self, value: Any) -> int:
        """How many positions a value takes: itself and everything inside it."""
        if not isinstance(value, dict | list):
            return 1
        known = self._sizes.get(id(value))
        if known is None:
            # An explicit stack: a deeply nested file must not exhaust Python's recursion.
            total, stack = 0, [value]
            while stack:
                item = stack.pop()
                total += 1
                if isinstance(item, dict):
                    total += len(item)  # the keys
                    stack.extend(item.values())
                elif isinstance(item, list):
                    stack.extend(item)
            known = self._sizes[id(value)] = total
        return known


@dataclass
class Read:
    """A file's plain data, where each value was written, and whether it has comments."""

    text: str
    data: Any
    positions: Positions
    has_comments: bool


def read_yaml(raw: bytes, name: str, own_header: str) -> Read:
    """The data of a YAML file with one document, or WorksheetInvalid at its first problem.

    `own_header` is the tool's own first line, which is not the user's comment.
    """
    text = decode(raw, name)
    refuse_conflicts(text, name)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        data, marks, hashes = _Builder(loader, name).build()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise _invalid(name, f"not valid YAML: {what}", mark) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position, not a mark
        raise WorksheetInvalid([Problem(name, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return Read(text, data, Positions(data, marks), _has_comments(text, hashes, own_header))


def decode(raw: bytes, name: str) -> str:
    """The file's text, or WorksheetInvalid for an empty file or bytes that are not UTF-8."""
    if not raw.strip():
        raise WorksheetInvalid([Problem(
            name, "the file is empty; a worksheet needs at least schema_version, title and result"
        )])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise WorksheetInvalid([Problem(
            name, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            line=line, column=column,
        )]) from None


def refuse_conflicts(text: str, name: str) -> None:
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


def _invalid(name: str, message: str, mark: Any) -> WorksheetInvalid:
    return WorksheetInvalid([Problem(
        name, message, line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )])


class _Builder:
    """Plain data from parser events, refusing what a worksheet never needs."""

    def __init__(self, loader: Any, name: str):
        self.loader = loader
        self.name = name
        self.marks: array[int] = array("Q")
        self.hashes: list[tuple[int, int]] = []  # spans of values with a '#' in them
        # A plain scalar's value follows from its text alone, and a worksheet repeats its
        # texts (dates, numbers, statuses): each is resolved once.
        self.plain: dict[str, Any] = {}
        self.anchors: dict[str, Any] = {}
        self.stack: list[Any] = []  # the mappings and lists open around the current value
        self.keys: list[Any] = []  # for each open mapping: its pending key (or _NO_KEY)

    def fail(self, mark: Any, message: str) -> WorksheetInvalid:
        """A problem at `mark`, with the field path of the value being read there."""
        from .fieldtypes import format_path

        parts: list[str | int] = []
        for depth, container in enumerate(self.stack, start=1 - len(self.stack)):
            # Each open container but the innermost is the last item of the one around it.
            if type(container) is list:
                parts.append(len(container) - 1 if depth else len(container))
            elif depth:
                parts.append(next(reversed(container)))
            elif self.keys[-1] is not _NO_KEY:
                parts.append(self.keys[-1])
        problem = _invalid(self.name, message, mark).problems[0]
        return WorksheetInvalid([Problem(problem.file, problem.message, format_path(parts),
                                         problem.line, problem.column)])

    def build(self) -> tuple[Any, array[int], list[tuple[int, int]]]:
        get = self.loader.get_event
        get()  # the stream's start
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            raise WorksheetInvalid([Problem(
                self.name, "the file holds no YAML document; a worksheet needs at least "
                "schema_version, title and result",
            )])
        root = self._document()
        get()  # the document's end
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail(event.start_mark, "not valid YAML: expected a single document in "
                            "the stream but found another document")
        return root, self.marks, self.hashes

    def _document(self) -> Any:
        """The document's root value: one pass over its events, with an explicit stack."""
        get, marks, stack, keys = self.loader.get_event, self.marks, self.stack, self.keys
        root: Any = None
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                if isinstance(done, dict):
                    keys.pop()
                if not stack:
                    return done
                continue
            if kind is yaml.AliasEvent:
                self._alias(event)
            mark = event.start_mark
            if event.anchor is not None:
                self._anchor(event)
            if kind is yaml.ScalarEvent:
                value: Any = self._scalar(event)
            elif kind is yaml.MappingStartEvent:
                self._collection(event, _Y + "map", yaml.MappingNode)
                value = {}
            elif kind is yaml.SequenceStartEvent:
                self._collection(event, _Y + "seq", yaml.SequenceNode)
                value = []
            else:  # pragma: no cover - the parser emits nothing else inside a document
                raise self.fail(mark, f"not valid YAML: unexpected {kind.__name__}")
            marks.append(mark.line * _COLUMN + mark.column)
            if not stack:
                root = value
            else:
                parent = stack[-1]
                if type(parent) is list:
                    parent.append(value)
                elif keys[-1] is _NO_KEY:
                    if not isinstance(value, str):
                        shown = "a mapping" if isinstance(value, dict) else (
                            "a list" if isinstance(value, list) else repr(value))
                        raise self.fail(mark, f"a key must be text, got {shown}")
                    if value in parent:
                        raise self.fail(mark, f"duplicate key {value!r} in the same mapping")
                    keys[-1] = value
                else:
                    parent[keys[-1]] = value
                    keys[-1] = _NO_KEY
            if kind is not yaml.ScalarEvent:
                stack.append(value)
                if kind is yaml.MappingStartEvent:
                    keys.append(_NO_KEY)
            elif not stack:
                return root

    def _alias(self, event: Any) -> None:
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise self.fail(event.start_mark,
                            f"not valid YAML: found undefined alias {event.anchor!r}")
        # Refused at its first use, before anything is expanded: no alias bomb.
        raise self.fail(anchored, "YAML anchors and aliases (&name, *name) are not allowed in "
                        "a worksheet: the value anchored here is reused by an alias; write it "
                        "out in full")

    def _anchor(self, event: Any) -> None:
        if event.anchor in self.anchors:
            raise self.fail(event.start_mark, f"not valid YAML: found duplicate anchor "
                            f"{event.anchor!r}; first occurrence second occurrence")
        self.anchors[event.anchor] = event.start_mark

    def _collection(self, event: Any, default: str, node: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(node, None, event.implicit)
        if tag != default:
            raise self.fail(event.start_mark, f"unsupported YAML tag {tag!r}")

    def _scalar(self, event: Any) -> Any:
        value = event.value
        if "#" in value:
            self.hashes.append((event.start_mark.index, event.end_mark.index))
        if event.tag is None and not event.style:
            known = self.plain.get(value, _NO_KEY)
            if known is _NO_KEY:
                known = self.plain[value] = self._resolved(event)
            return known
        return self._resolved(event)

    def _resolved(self, event: Any) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _Y + "str" or tag == _Y + "timestamp":
            return value  # dates are checked by the model, with the field's path
        if tag not in _SAFE_SCALARS:
            raise self.fail(event.start_mark, f"unsupported YAML tag {tag!r}; plain values only")
        if tag == _Y + "null":
            return None
        if not event.style and not _YAML12.get(tag, _ANY).fullmatch(value):
            return value  # 0755, 1:30, 0x1F, 1_000, yes, .inf: kept as written
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        if tag == _Y + "bool":
            return _constructor.construct_yaml_bool(node)
        if number_problem(value):
            # More digits than a number is kept with (5,000 would stop int(); 1.0e+309 is
            # infinite): the text as written. A text field keeps it; a value field refuses
            # it, with its path (model.py).
            return value
        try:
            if tag == _Y + "int":
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except ValueError:
            raise self.fail(event.start_mark, f"{value!r} is not a number") from None


_NO_KEY = object()  # a mapping waiting for its next key


def _has_comments(text: str, hashes: list[tuple[int, int]], own_header: str) -> bool:
    """True when the file has a comment other than the tool's own header line.

    `hashes` are the spans of the values that hold a '#', which is then no comment.
    """
    # The tool's own header line is not the user's comment (also when an editor made it CRLF).
    first_line_end = text.find("\n") + 1 or len(text)
    own = text[:first_line_end].rstrip("\r\n") == own_header.rstrip("\n")
    body = text[first_line_end:] if own else text
    offset = len(text) - len(body)
    if "#" not in body:
        return False
    start = body.find("#")
    while start != -1:
        index = start + offset
        if not any(a <= index < b for a, b in hashes):
            return True
        start = body.find("#", start + 1)
    return False

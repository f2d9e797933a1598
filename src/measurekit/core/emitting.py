"""A worksheet's plain data as YAML text, exactly as PyYAML's safe dumper writes it, faster.

Saving a large worksheet is mostly this (`forecast --yes` and `record` at 10,000 partners:
bench/scale.py). PyYAML spends most of it in Python, not in its C emitter: a node tree
built by a representer looked up per value, walked again by a serializer that resolves
each scalar's implicit tag twice by regular expressions. Here the data goes to the
emitter as events, straight from the values, and a scalar's event is made once and
reused (the same keys, dates and values recur thousands of times). The text is the same
byte for byte (tests/test_emitting.py compares them on any data).

Example:
    >>> dump({"id": "a", "history": [{"date": date(2026, 1, 31), "value": 3.5}]})
    'id: a\\nhistory:\\n- date: 2026-01-31\\n  value: 3.5\\n'
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode

_Y = "tag:yaml.org,2002:"
_Emitter = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when there
# Block style throughout, as yaml.dump(default_flow_style=False) writes; no anchors.
_MAP_START = MappingStartEvent(None, _Y + "map", True, flow_style=False)
_SEQ_START = SequenceStartEvent(None, _Y + "seq", True, flow_style=False)
_MAP_END, _SEQ_END = MappingEndEvent(), SequenceEndEvent()


class _Writer:
    """Sends one document's events to the emitter, each scalar's made once."""

    def __init__(self, emit: Callable[[Any], None]):
        self.emit = emit
        self.resolver = yaml.resolver.Resolver()
        # For what the file rarely holds, as yaml.dump(sort_keys=False) represents it.
        self.representer = yaml.SafeDumper(io.StringIO(), sort_keys=False)
        self.scalars: dict[tuple[str, str, str | None], ScalarEvent] = {}

    def value(self, value: Any) -> None:
        kind = type(value)
        if kind is dict:
            self.emit(_MAP_START)
            for key, item in value.items():
                self.value(key)
                self.value(item)
            self.emit(_MAP_END)
        elif kind is list:
            self.emit(_SEQ_START)
            for item in value:
                self.value(item)
            self.emit(_SEQ_END)
        elif kind is str:
            self.scalar("str", value, "|" if "\n" in value else None)
        elif kind is int:
            self.scalar("int", str(value))
        elif kind is bool:
            self.scalar("bool", "true" if value else "false")
        elif value is None:
            self.scalar("null", "null")
        elif kind is date:
            self.scalar("timestamp", value.isoformat())
        else:  # floats (.inf, 1.0e+20) and anything else: PyYAML's safe representer says how
            self.node(self.representer.represent_data(value))

    def scalar(self, tag: str, text: str, style: str | None = None) -> None:
        key = (tag, text, style)
        event = self.scalars.get(key)
        if event is None:
            full = tag if tag.startswith("tag:") else _Y + tag
            # As PyYAML's serializer: the tag is left out where the text reads as it anyway.
            implicit = (full == self.resolver.resolve(ScalarNode, text, (True, False)),
                        full == self.resolver.resolve(ScalarNode, text, (False, True)))
            event = self.scalars[key] = ScalarEvent(None, full, implicit, text, style=style)
        self.emit(event)

    def node(self, node: Node) -> None:
        if isinstance(node, ScalarNode):
            self.scalar(node.tag, node.value, node.style)
            return
        mapping = isinstance(node, MappingNode)
        start = MappingStartEvent if mapping else SequenceStartEvent
        implicit = node.tag == self.resolver.resolve(type(node), node.value, True)
        self.emit(start(None, node.tag, implicit, flow_style=getattr(node, "flow_style", None)))
        for item in node.value:
            for part in item if mapping else (item,):
                self.node(part)
        self.emit(_MAP_END if mapping else _SEQ_END)


def dump(data: Any) -> str:
    """YAML text in the file's layout: keys in order, block style, lines of 88 at most."""
    stream = io.StringIO()
    emitter = _Emitter(stream, allow_unicode=True, width=88, indent=2)
    emitter.emit(StreamStartEvent())
    emitter.emit(DocumentStartEvent(explicit=False))
    _Writer(emitter.emit).value(data)
    emitter.emit(DocumentEndEvent(explicit=False))
    emitter.emit(StreamEndEvent())
    return stream.getvalue()

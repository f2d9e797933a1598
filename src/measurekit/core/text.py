"""Text helpers shared by the interview, the reports and the command line.

Worksheet text is the user's: it is shown, never obeyed. `safe` makes control
characters visible so that an ESC or a BEL in a partner's name cannot act on the
terminal that prints it, and a bidi override cannot make a reader see text in an
order other than the one it has (the "Trojan Source" trick).

Example:
    >>> safe("Bad\\x1b[31mname\\u202e")
    'Bad\\\\x1b[31mname\\\\u202e'
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and C1 controls: shown as \x.. escapes;
# bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) as \u.. escapes.
# So are the invisible direction marks (U+200E LRM, U+200F RLM, U+061C ALM), which can
# reorder the text around them as an override does, and the line and paragraph separators
# (U+2028, U+2029), which break the line in some viewers and vanish in others: a reader
# cannot tell what they see. Every output escapes them (tests/test_invisible_marks.py);
# the worksheet keeps them as typed, and json writes them as \u.. escapes of the same text.
_MARKS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_MARKS}]")
# The same characters but the C0 ones, which JSON escapes by itself.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_MARKS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """User text with control characters made visible (an ESC can't recolour the terminal)."""
    return _CONTROL.sub(_escape, text)


def safe_json(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as \\u escapes: the same data, inert.

    These characters only occur inside JSON strings, where `\\u202e` means the character
    itself, so a program reading the JSON gets exactly what the worksheet holds.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def count(n: int, noun: str) -> str:
    """`1 partner`, `2 partners`: a number and its noun, never `partner(s)`.

    The last word takes the plural (`3 work plan items`); "singular|plural" gives both
    (`count(2, "person|people")`).
    """
    one, _, many = noun.partition("|")
    return f"{n} {one if n == 1 else many or _plural(one)}"


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def possessive(name: str) -> str:
    """`Alder Schools'`, `Juvenile Court's`: a name that ends in s takes the apostrophe alone."""
    return name + ("'" if name.endswith(("s", "S")) else "'s")


class Wording(str):
    """A message template whose `format` also knows two specs:

    `{n:measure}` is `count(n, "measure")` (`{n:is|are}` picks the word alone), and
    `{name:'s}` is `possessive(name)`.

    >>> Wording("{name:'s} {n:measure} {n:is|are} new").format(name="Clinics", n=1)
    "Clinics' 1 measure is new"
    """

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return str.format(self, *map(_Worded, args), **{k: _Worded(v) for k, v in kwargs.items()})


class _Worded:
    """A value in a Wording: formats with the two specs, and is otherwise itself."""

    __slots__ = ("value",)

    def __init__(self, value: object):
        self.value = value

    def __format__(self, spec: str) -> str:
        value = self.value
        if spec == "'s":
            return possessive(str(value))
        if isinstance(value, int) and spec[:1].isalpha():
            if "|" in spec and " " not in spec:
                one, many = spec.split("|", 1)
                return one if value == 1 else many
            return count(value, spec)
        return format(value, spec)

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)

    def __getattr__(self, name: str) -> object:
        return getattr(self.value, name)

    def __getitem__(self, key: object) -> object:
        return self.value[key]  # type: ignore[index]

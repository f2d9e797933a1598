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

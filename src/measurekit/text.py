"""Text helpers shared by the interview, the reports and the command line.

Worksheet text is the user's: it is shown, never obeyed. `safe` makes control
characters visible so that an ESC or a BEL in a partner's name cannot act on the
terminal that prints it.

Example:
    >>> safe("Bad\\x1b[31mname")
    'Bad\\\\x1b[31mname'
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and C1 controls: shown as \x.. escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """User text with control characters made visible (an ESC can't recolour the terminal)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)

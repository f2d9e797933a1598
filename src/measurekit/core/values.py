"""How a typed value becomes a worksheet value: one reading for the prompt and the csv."""

from __future__ import annotations

import re

NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")  # not 0755: kept as text, as the file does


def number_or_text(text: str) -> int | float | str:
    """'120' -> 120, '3.5' -> 3.5, '45%' -> '45%': a baseline or target as the file keeps it."""
    if NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text

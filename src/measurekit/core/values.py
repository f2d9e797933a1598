"""How a typed value becomes a worksheet value, and when a value counts as a number.

One reading for the prompt, the csv, the loader and the progress rule: `number_or_text`
turns what was typed into what the file keeps, `number` reads a kept value as an exact
number, and `number_problem` says why a number cannot be kept. A number must be finite
and have at most 15 significant digits (about what a float holds exactly, and far more
than any measure needs), so that no report meets a value it cannot compute with.

Example:
    number_or_text("3.5") == 3.5; number_or_text("45%") == "45%"
    number_or_text("2,5", decimal_comma=True) == 2.5
    number("1,250") == 1250; number_problem(float("inf")) == "... not a finite number ..."
"""

from __future__ import annotations

import math
import re
from decimal import Context, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

DIGITS = 15  # significant digits a number may have
_LIMIT = 10**DIGITS  # and no more than DIGITS before the decimal point
NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")  # not 0755: kept as text, as the file does
# What counts as a number in kept text: 1,250 and 3.5 (and 43% once the sign is off).
_READS_AS_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?$")
# A number written with a decimal comma: 2,5 or 1.250,5 (dots then group thousands).
_DECIMAL_COMMA = re.compile(r"^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
# A float as YAML writes one (1.5e+3), which the loader reads as a number.
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_LOOKS_NUMERIC = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
_COMMA_NUMBER = re.compile(r"^[+-]?\d[\d,]*,[\d,]*(\.\d+)?%?$")
_TOO_LONG = 24  # characters: shorter numeric text cannot exceed the limit by digit count


def number_problem(value: Any) -> str | None:
    """Why `value` cannot be kept as a number (not finite, too many digits), or None.

    Text that is not written as a number (such as 'about 40') has no problem here; text
    written as one (`1,250`, or `1.0e+309` as YAML writes a float) has the number's.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"{value} is not a finite number; write the value measured"
        if abs(value) < _LIMIT and _significant(repr(value)) <= DIGITS:
            return None  # (0.1 + 0.2 has 17 digits: it would not read back as written)
        return _too_many(repr(value))
    if isinstance(value, int):
        return None if abs(value) < _LIMIT else _too_many(f"a {_length(value)}-digit number")
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if len(text) < 16 and "e" not in text.lower():
            return None  # too short to hold more than 15 digits
        if not (_READS_AS_NUMBER.match(text) or _FLOAT.fullmatch(text)):
            return None
        return None if _significant(text) <= DIGITS else _too_many(_short(text))
    return None


def _length(value: int) -> int:
    return len(str(abs(value))) if abs(value) < 10**4000 else int(math.log10(abs(value))) + 1


def _significant(text: str) -> int:
    """Digits from the first non-zero one to the last non-zero decimal, a whole number's
    trailing zeros included: 12.50 has 3, 1000 has 4, 0.0001 has 1, 1e20 has 21."""
    exact = Context(prec=len(text) + 1)  # the default 28 digits would round long ones
    sign, digits, exponent = Decimal(text.replace(",", "").lstrip("+-")).normalize(
        exact).as_tuple()
    assert isinstance(exponent, int)  # finite: the pattern has no inf or nan
    return 0 if digits == (0,) else len(digits) + max(exponent, 0)


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}...{text[-6:]} ({len(text)} characters)"


def _too_many(what: str) -> str:
    return (f"{what} is too long a number to compute with: measurekit keeps at most "
            f"{DIGITS} significant digits, and at most {DIGITS} before the decimal point; "
            "round it, or write it as a phrase")


def number_or_text(text: str, decimal_comma: bool = False) -> int | float | str:
    """'120' -> 120, '3.5' -> 3.5, '45%' -> '45%': a baseline or target as the file keeps it.

    With `decimal_comma` (a European spreadsheet), '2,5' -> 2.5 and '1.250,5' -> 1250.5.
    ValueError says why a number is refused: too many digits, or a mark it cannot be
    read by without guessing.
    """
    text = text.strip()
    if decimal_comma:
        return _european(text)
    if NUMBER.match(text):
        problem = number_problem(text)
        if problem:
            raise ValueError(problem)
        return float(text) if "." in text else int(text)
    problem = number_problem(text)
    if problem:
        raise ValueError(problem)
    if _COMMA_NUMBER.match(text) and not _READS_AS_NUMBER.match(text.removesuffix("%")):
        raise ValueError(
            f"{text!r}: a comma here groups thousands (1,250), so this is not a number; "
            "write decimals with a dot (2.5)")
    return text


def _european(text: str) -> int | float | str:
    """A value from a csv written with decimal commas, in the worksheet's own form."""
    body, percent = (text[:-1].rstrip(), "%") if text.endswith("%") else (text, "")
    found = _DECIMAL_COMMA.match(body)
    if not found:
        if _LOOKS_NUMERIC.match(body):
            raise ValueError(
                f"{text!r} is not a number written with a decimal comma (2,5 or 1.250,5); "
                "a dot here groups thousands, a comma marks the decimals")
        return number_or_text(text)  # text such as 'about 40', checked for its digits
    sign, whole, decimals = found.groups()
    plain = f"{sign}{whole.replace('.', '')}"
    if decimals:
        plain += f".{decimals}"
    value = number_or_text(plain)
    return f"{plain}%" if percent else value


def number(value: Any) -> Fraction | None:
    """A kept value as an exact number, or None when it is not one.

    Example: number("43%") == 43, number("1,250") == 1250, number("3.5") == Fraction(7, 2),
    number("about 40") is None. A value the loader would refuse (number_problem) is
    None too, so that nothing computes with it.
    """
    # A worksheet repeats few distinct values, read many times over (the rule, the charts):
    # each is read once. Fractions are immutable, so sharing one is safe.
    return _number(value) if isinstance(value, (str, int, float)) else None


@lru_cache(maxsize=4096, typed=True)  # typed: True is not 1, and 1 is not 1.0
def _number(value: str | int | float) -> Fraction | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value) if abs(value) < _LIMIT else None
    if isinstance(value, float):
        # the decimal as written, not the binary float
        return Fraction(repr(value)) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip().removesuffix("%").strip()
    if not text or not _READS_AS_NUMBER.match(text) or not any(c.isdigit() for c in text):
        return None
    if len(text) > _TOO_LONG and number_problem(text):
        return None
    return Fraction(text.replace(",", ""))

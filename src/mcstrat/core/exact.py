"""Numbers as people write them, read exactly: the one reader behind every importance, swing point and weight.

Importances, swing points and stakeholder weights come from answers files (YAML or JSON numbers,
or text such as '5/2'), from flags and from the questionnaire, and go into exact Fraction
arithmetic. Every one of them is read by `read_number`, with the same guards, before any arithmetic:

- Only the ASCII digits 0-9. Python's int(), float() and Fraction() also read the digits of other
  scripts ('٥' is 5, '۰' is 0, '𝟓' is 5); most readers of a file, and most tools, do not see those
  as the same numbers, so a number that decides a ranking is written with 0-9, and the message
  says so.
- Text of at most MAX_LENGTH (40) characters: 3, 2.5, .5, 1e2, 100/3, with an optional sign; no
  underscores, spaces or hexadecimal, which Python would also read.
- An exponent of at most MAX_EXPONENT (20) either way, judged on the text before the number is
  built (Fraction('1e999999999') computes 10**999999999: minutes and gigabytes). A float is read
  through its shortest repr, the text YAML or JSON gave, so 1e-300 meets the guard '1e-300' meets.
- At most MAX_DIGITS (40) digits below the line: the text bounds alone allow 10**58 there (40
  characters and an exponent of 20). With the ranges every caller checks (0..5, 0..100, up to
  1000) the numerator stays within four digits of it, so no statement brings a number of more than
  about 45 digits into exact arithmetic, and work estimates can count digits (analyses/group.py).

An int is already exact: it is only range-checked (YAML and JSON readers refuse more than 400
digits before it gets here).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from mcstrat.core.catalog import suggest
from mcstrat.errors import InputError
from mcstrat.sanitize import clip, quoted

MAX_LENGTH = 40
MAX_EXPONENT = 20
MAX_DIGITS = 40
#: a number as a person may write it (after stripping and lower-casing): 3, 2.5, .5, 1e2, 100/3
NUMBER_TEXT = re.compile(r"^[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(e[+-]?[0-9]+)?|[0-9]+/[0-9]+)$")


class NumberError(InputError):
    """A number refused, with REASON (what is wrong, without its origin or the hint) for callers that re-word it."""

    def __init__(self, where: str, reason: str, hint: str, *, out_of_range: bool = False) -> None:
        self.reason = reason
        self.out_of_range = out_of_range
        super().__init__(f"{where}: {reason}; {hint}")


def fmt_number(value: Fraction) -> str:
    """A short, readable number: 3, 2.5, 1e+400 (never overflowing a float)."""
    if value.denominator == 1 and abs(value.numerator) < 10**15:
        return str(value.numerator)
    if abs(value) >= 10**15:
        whole = abs(value.numerator // value.denominator)
        # str() of an int refuses more than 4,300 digits: beyond that, the size is what matters
        digits = str(whole) if whole.bit_length() < 14_000 else "1" + "0" * int(whole.bit_length() * math.log10(2))
        return f"{'-' if value < 0 else ''}{digits[0]}e+{len(digits) - 1}"
    return f"{float(value):g}"


def read_number(
    value: Any,
    where: str,
    *,
    noun: str,
    hint: str,
    low: Fraction | int | None = None,
    high: Fraction | int | None = None,
    above_low: bool = False,
    out_of_range: str = "{} is out of range",
    words: Sequence[str] = (),
) -> Fraction:
    """VALUE (an int, a float or text) as an exact Fraction, under the module's guards, within LOW..HIGH.

    Refusals are NumberErrors worded 'WHERE: REASON; HINT': VALUE 'is not NOUN' (with the closest of
    WORDS, if any), 'is not a finite number', 'is written with ..., which is not one of the ASCII digits
    0-9', 'has more decimals than NOUN needs', or OUT_OF_RANGE with the number put in. ABOVE_LOW
    makes LOW itself out of range.
    """

    def refuse(reason: str, *, outside: bool = False) -> NumberError:
        return NumberError(where, reason, hint, out_of_range=outside)

    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise refuse(f"{quoted(value)} is not {noun}")
    if isinstance(value, int):
        number = Fraction(value)
    else:
        if isinstance(value, float) and not math.isfinite(value):
            raise refuse(f"{quoted(value)} is not a finite number")
        text = repr(value) if isinstance(value, float) else value.strip().lower()
        foreign = next((ch for ch in text if ch.isnumeric() and not ch.isascii()), None)
        if foreign is not None:
            raise refuse(f"{quoted(value)} is written with {quoted(foreign)}, which is not one of the ASCII digits 0-9")
        if len(text) > MAX_LENGTH or not NUMBER_TEXT.match(text):
            raise refuse(f"{quoted(value)} is not {noun}{suggest(clip(text, 100), list(words)) if words else ''}")
        mantissa, _, exponent = text.partition("e")
        if exponent and abs(int(exponent)) > MAX_EXPONENT:
            if int(exponent) < 0 or Fraction(mantissa) == 0:
                raise refuse(f"{quoted(value)} has more decimals than {noun} needs")
            raise refuse(out_of_range.format(value.strip() if isinstance(value, str) else text), outside=True)
        try:
            number = Fraction(text)
        except ZeroDivisionError:
            raise refuse(f"{quoted(value)} is not {noun}") from None
        if len(str(number.denominator)) > MAX_DIGITS:
            raise refuse(f"{quoted(value)} has more decimals than {noun} needs")
    if (low is not None and (number < low or (above_low and number == low))) or (high is not None and number > high):
        raise refuse(out_of_range.format(fmt_number(number)), outside=True)
    return number


__all__ = ["MAX_DIGITS", "MAX_EXPONENT", "MAX_LENGTH", "NUMBER_TEXT", "NumberError", "fmt_number", "read_number"]

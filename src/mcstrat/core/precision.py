"""How precisely a person stated a number: the interval every importance and swing statement stands for.

A statement may be an interval: ``3-4``, ``[3, 4]`` (text, or a list of two numbers in an answers
file), ``60-80`` swing points. A single number is as precise as its last digit:

- an importance ``i`` written without decimals (or as a word: ``high`` is 4) stands for
  ``[i - 0.5, i + 0.5]``, one written with d decimals for ``± 0.5 x 10^-d`` (``2.5`` is
  ``[2.45, 2.55]``), a fraction such as ``10/3`` for ``± 0.5``;
- swing points stand for ``± 5`` points;
- the interval stays within the scale (an importance within 0..5, points within 0..100), and a
  statement of 0 stays exactly 0 (not caring is not a rounded number).

The ranking scores one weighting: the number stated, or an interval's midpoint (``3-4`` ranks as
3.5). The firmness analyses draw each statement uniformly from its interval (the ``stated`` weight
space, analyses/spaces.py). Each end of an interval is read by exact.py's guards, as every number a
person writes is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

from mcstrat.errors import InputError
from mcstrat.sanitize import quoted

#: One end of an interval: a plain decimal or a fraction (no sign: statements are never negative).
_END = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+/[0-9]+"
_INTERVAL = re.compile(rf"^\s*(?:\[\s*({_END})\s*,\s*({_END})\s*\]|({_END})\s*-\s*({_END}))\s*$")
#: The precision of a swing statement given as one number, in points either side.
POINTS_PRECISION = Fraction(5)


class Stated(NamedTuple):
    """A statement: the number the ranking uses, and the interval it stands for (LOW <= POINT <= HIGH)."""

    point: Fraction
    low: Fraction
    high: Fraction

    @property
    def exact(self) -> bool:
        return self.low == self.high


def interval_parts(value: Any) -> tuple[Any, Any] | None:
    """The two ends VALUE gives as an interval ('3-4', '[3, 4]' or a list of two), None for a single value."""
    if isinstance(value, list):
        return (value[0], value[1]) if len(value) == 2 else None
    if isinstance(value, str):
        found = _INTERVAL.match(value)
        if found:
            low, high = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
            return low, high
    return None


def decimals(value: Any) -> int:
    """The decimals a single number was written with: 2.5 -> 1, '3' -> 0 (fractions and words: 0)."""
    text = repr(value) if isinstance(value, float) else str(value).strip().lower()
    mantissa, _, exponent = text.partition("e")
    _, dot, fraction = mantissa.partition(".")
    places = len(fraction) if dot else 0
    if exponent:
        try:
            places -= int(exponent)
        except ValueError:
            return 0
    return max(0, places)


def stated(
    value: Any,
    where: str,
    read: Callable[[Any, str], Fraction],
    top: int,
    spread: Callable[[Any], Fraction],
) -> Stated:
    """VALUE as a statement: READ reads one number (guards and the 0..TOP range included), SPREAD gives a single
    number's precision either side; an interval's ends are read alike and must be in order."""
    if isinstance(value, list) and len(value) != 2:
        raise InputError(f"{where}: a range is two numbers, low then high, such as [3, 4]; this list has {len(value)}")
    parts = interval_parts(value)
    if parts is not None:
        low, high = read(parts[0], where), read(parts[1], where)
        if low > high:
            shown = quoted(value) if isinstance(value, str) else f"[{parts[0]}, {parts[1]}]"
            raise InputError(f"{where}: {shown} runs backwards; write the low end first, such as 3-4")
        return Stated((low + high) / 2, low, high)
    point = read(value, where)
    if point == 0:
        return Stated(point, point, point)
    half = spread(value)
    return Stated(point, max(Fraction(0), point - half), min(Fraction(top), point + half))


def importance_spread(value: Any) -> Fraction:
    """How precise a single importance is, either side: half a unit of its last digit."""
    return Fraction(1, 2) / 10 ** decimals(value) if not _fraction(value) else Fraction(1, 2)


def points_spread(value: Any) -> Fraction:
    """How precise single swing points are, either side: 5 points."""
    return POINTS_PRECISION


def written(found: Stated, top: int, points: bool) -> str | None:
    """The single number that stands for FOUND's interval, as it was written ('3', '2.5', '2.0', '1/3'), or None
    when only a range does ('3-4'); TOP is the scale's top, POINTS for swing points (±5) rather than importances."""
    point, low, high = found

    def fits(half: Fraction) -> bool:
        return low == max(Fraction(0), point - half) and high == min(Fraction(top), point + half)

    if low == high:
        return "0" if point == 0 else None
    if points:
        if not fits(POINTS_PRECISION):
            return None
        shortest = next((places for places in _PLACES if (point * 10**places).denominator == 1), None)
        return _decimal(point, shortest) if shortest is not None else f"{point.numerator}/{point.denominator}"
    for places in _PLACES:
        if (point * 10**places).denominator == 1 and fits(Fraction(1, 2) / 10**places):  # 2 may have been 2.0
            return _decimal(point, places)
    # only a number with no short decimal (1/3) was written as a fraction, as precise as ±0.5
    decimal = any((point * 10**places).denominator == 1 for places in _PLACES)
    return f"{point.numerator}/{point.denominator}" if not decimal and fits(Fraction(1, 2)) else None


#: The decimals a statement may be written with, fewest first (exact.py bounds a number's digits well below).
_PLACES = range(13)


def _decimal(value: Fraction, places: int) -> str:
    """VALUE (non-negative, whole at PLACES decimals) written with exactly PLACES decimals: 2, 2.5, 2.0."""
    digits = str((value * 10**places).numerator).rjust(places + 1, "0")
    return digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"


def _fraction(value: Any) -> bool:
    return isinstance(value, str) and "/" in value


__all__ = [
    "POINTS_PRECISION",
    "Stated",
    "decimals",
    "importance_spread",
    "interval_parts",
    "points_spread",
    "stated",
    "written",
]

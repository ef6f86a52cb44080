"""How every number is printed: one rounding rule, and decimals that never make different values look equal.

The rule: round half away from zero, on the exact value (a Fraction, or a float's exact binary
value), so 1/8 is 13% and 37.5% is 38% in every view. Each kind of figure has one way to print:

- a score (0..100) and points: one decimal (`score`, `signed` for a lead or a difference);
- a share of the weight, a probability: a percentage, whole unless more is asked (`percent`,
  `chance`, which says "<1%" for a chance too small to show rather than a misleading "0%");
- an importance (0..5), swing points (0..100): up to two decimals, trailing zeros dropped;
- an interval end that does not exist: "no limit" (`bound`).

`places` picks the decimals for a set of figures shown together (a column, a sentence and its
lead): the fewest, from a given minimum, at which different values stay different, so 68.20 and
68.17 are never both shown as 68.2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

Number = Fraction | float | int

#: What an interval end that does not exist reads as.
NO_LIMIT = "no limit"


def exact(value: Number) -> Fraction:
    """VALUE as an exact Fraction (a float's exact binary value)."""
    return value if isinstance(value, Fraction) else Fraction(value)


def _rounded(value: Number, places: int) -> tuple[bool, int]:
    """(negative, |value| x 10^places rounded half away from zero)."""
    scaled = abs(exact(value)) * 10**places
    whole = int(scaled + Fraction(1, 2))
    return value < 0 and whole != 0, whole


def fixed(value: Number, places: int = 1) -> str:
    """VALUE with PLACES decimals, rounded half away from zero."""
    negative, whole = _rounded(value, places)
    digits = str(whole).rjust(places + 1, "0")
    text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    return ("-" if negative else "") + text


def places(values: Iterable[Number], least: int = 1, most: int = 4, scale: int = 1) -> int:
    """The fewest decimals (LEAST..MOST) at which the different VALUES (times SCALE) stay different."""
    distinct = {exact(v) * scale for v in values}
    for n in range(least, most):
        if len({_rounded(v, n) for v in distinct}) == len(distinct):
            return n
    return most


def score(value: Number, decimals: int = 1) -> str:
    """A score or points on the 0..100 scale: 68.5."""
    return fixed(value, decimals)


def signed(value: Number, decimals: int = 1) -> str:
    """A lead or a difference of points, with its sign: +1.9, -0.4, 0.0."""
    text = fixed(value, decimals)
    return text if text.startswith("-") or _rounded(value, decimals)[1] == 0 else "+" + text


def percent(share: Number, decimals: int = 0) -> str:
    """A share (0..1) as a percentage: 13%."""
    return fixed(100 * exact(share), decimals) + "%"


def chance(p: Number, decimals: int = 0) -> str:
    """A probability as a percentage; a chance above 0 that would show as 0 reads "<1%" (never "0%": cannot)."""
    if p > 0 and _rounded(100 * exact(p), decimals)[1] == 0:
        return "<" + ("1" if decimals == 0 else "0." + "0" * (decimals - 1) + "1") + "%"
    return percent(p, decimals)


def importance(value: Number, decimals: int = 2) -> str:
    """An importance (0..5) or swing points: up to DECIMALS decimals, trailing zeros dropped: 4, 2.5, 1.67."""
    text = fixed(value, decimals)
    return text.rstrip("0").rstrip(".") if "." in text else text


def bound(value: Number | None, show: Callable[[Number], str]) -> str:
    """An interval end printed by SHOW, or "no limit" where there is none."""
    return NO_LIMIT if value is None else show(value)


def rank(place: int, tied: bool) -> str:
    """A competition rank, "2=" when shared."""
    return f"{place}=" if tied else str(place)


def count(n: int) -> str:
    """A whole number with thousands separators: 10,000."""
    return f"{n:,}"


def tau(value: float | None) -> str:
    """A rank correlation (-1..1) to two decimals, "undefined" where there is none."""
    return "undefined" if value is None else fixed(value, 2)


def listed(words: list[str]) -> str:
    """Items in a sentence: 'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def machine(value: Number | None) -> float | int | None:
    """VALUE as a JSON or CSV number: an int when whole, else the nearest float."""
    if value is None or isinstance(value, (int, float)):
        return value
    return value.numerator if value.denominator == 1 else float(value)


def lead_places(high: Number, *lows: Number) -> int:
    """Decimals for scores shown beside their leads: 1, or 2 where one decimal would not add up.

    68.52 and 66.67 show as 68.5 and 66.7 with a lead of 1.9 (1.85 rounded), which a reader checks
    as 1.8; two decimals (68.52, 66.67, 1.85) keep the sentence's arithmetic true.
    """
    for low in lows:
        shown = Fraction(_rounded(high, 1)[1] - _rounded(low, 1)[1], 10)
        if fixed(shown) != fixed(exact(high) - exact(low)):
            return 2
    return 1


__all__ = [
    "NO_LIMIT",
    "bound",
    "chance",
    "count",
    "exact",
    "fixed",
    "importance",
    "lead_places",
    "listed",
    "machine",
    "percent",
    "places",
    "rank",
    "score",
    "signed",
    "tau",
]

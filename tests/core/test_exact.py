"""One reader of the numbers people write, with one set of guards, behind every parser (exact.py)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from mcstrat.core.catalog import Catalog
from mcstrat.core.exact import MAX_DIGITS, read_number
from mcstrat.core.priorities import check, parse_importance
from mcstrat.core.questionnaire import InvalidAnswer, parse_answer, questions
from mcstrat.core.weighting import parse_points
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.answers import answers_from_data


def _question(catalog: Catalog, kind: str) -> Any:
    return next(q for q in questions(catalog, {"weighting": "swing"}) if q.kind == kind)


def _weight(catalog: Catalog, value: Any) -> None:
    _, problems = check(catalog, {"roi": 5}, stakeholder_weight=value)
    if problems:
        raise InputError(problems[0])


def _file_weight(catalog: Catalog, value: Any) -> None:
    answers_from_data({"version": 1, "priorities": {"roi": 5}, "stakeholder_weight": value})


#: Every place a number a person wrote is read: (name, reader of one value).
READERS: list[tuple[str, Callable[[Catalog, Any], object]]] = [
    ("importance", lambda catalog, v: parse_importance(v, "w")),
    ("swing points", lambda catalog, v: parse_points(v, "w")),
    ("stakeholder weight", _weight),
    ("stakeholder weight in a file", _file_weight),
    ("importance in a file", lambda catalog, v: answers_from_data({"version": 1, "priorities": {"risk": v}})),
    ("swing points in a file", lambda catalog, v: answers_from_data({"version": 1, "swing": {"risk": v}})),
    ("questionnaire importance", lambda catalog, v: parse_answer(_question(catalog, "importance"), str(v))),
    ("questionnaire points", lambda catalog, v: parse_answer(_question(catalog, "swing"), str(v))),
]
REFUSED = (InputError, InvalidAnswer, FileProblem)


@pytest.mark.parametrize(("reader", "read"), READERS, ids=[name for name, _ in READERS])
@pytest.mark.parametrize("text", ["٥", "۰", "𝟓", "５", "2.٥", "1/٣", "٣/4"])
def test_every_reader_takes_only_the_ascii_digits(
    catalog: Catalog, reader: str, read: Callable[[Catalog, Any], object], text: str
) -> None:
    """Python's int(), float() and Fraction() read '٥' as 5; no reader of mcstrat does, and each says why."""
    with pytest.raises(REFUSED) as err:
        read(catalog, text)
    assert "ASCII digits 0-9" in str(err.value), str(err.value)


@pytest.mark.parametrize(("reader", "read"), READERS, ids=[name for name, _ in READERS])
@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (1e-300, "more decimals than"),  # a float: read through its repr, with the same exponent guard
        ("1e-400", "more decimals than"),
        ("1.00000000000000000000000000000001e-20", "more decimals than"),  # 52 digits below the line
        ("1e400", "out"),  # 'out of range', or the questionnaire's 'outside 0 to 5'
        (1e300, "out"),
    ],
)
def test_every_reader_applies_the_same_guards(
    catalog: Catalog, reader: str, read: Callable[[Catalog, Any], object], value: Any, fragment: str
) -> None:
    with pytest.raises(REFUSED) as err:
        read(catalog, value)
    assert fragment in str(err.value), str(err.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, Fraction(0)),
        (3, Fraction(3)),
        (2.5, Fraction(5, 2)),
        (0.1, Fraction(1, 10)),  # a float is read as its shortest repr, '0.1', not as its binary value
        (1e-05, Fraction(1, 100_000)),
        (" 2.5 ", Fraction(5, 2)),
        (".5", Fraction(1, 2)),
        ("1E2", Fraction(100)),
        ("-1", Fraction(-1)),
        ("100/3", Fraction(100, 3)),
        ("1/100000000000000003", Fraction(1, 100000000000000003)),
        ("1e-20", Fraction(1, 10**20)),
    ],
)
def test_read_number(value: Any, expected: Fraction) -> None:
    assert read_number(value, "w", noun="a number", hint="use a number") == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1_000", "is not a number"),  # Python's own readers allow the underscore; a person's file need not
        ("0x10", "is not a number"),
        ("1/0", "is not a number"),
        ("", "is not a number"),
        ("x" * 41, "is not a number"),
        (True, "is not a number"),
        (None, "is not a number"),
        ([1], "is not a number"),
        (float("nan"), "is not a finite number"),
        ("1e21", "out of range"),
        ("1e999999999", "out of range"),  # judged before 10**999999999 is ever computed
        ("1e-21", "has more decimals than a number needs"),
        ("0e-999999999", "has more decimals than a number needs"),
        ("١", "'١' is written with '١', which is not one of the ASCII digits 0-9"),
    ],
)
def test_read_number_refuses(value: Any, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        read_number(value, "w", noun="a number", hint="use a number")
    assert str(err.value).startswith("w: ") and str(err.value).endswith("; use a number")
    assert fragment in str(err.value)


def test_the_digit_bound_is_what_the_text_bounds_allow() -> None:
    """40 characters and an exponent of 20 reach a denominator of 10**58; 40 digits is the bound kept."""
    assert read_number("0." + "0" * 37 + "1", "w", noun="a number", hint="h") == Fraction(1, 10**38)
    with pytest.raises(InputError, match="more decimals"):
        read_number("1." + "0" * 20 + "1e-20", "w", noun="a number", hint="h")
    assert MAX_DIGITS == 40

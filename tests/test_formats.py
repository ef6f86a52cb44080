"""Tests for formats.py helpers shared by every view."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mcstrat.formats import score_places


@pytest.mark.parametrize(
    ("scores", "places"),
    [
        ([Fraction(685, 10), Fraction(667, 10)], 1),
        ([Fraction(6824, 100), Fraction(6824, 100), Fraction(6817, 100)], 2),  # a real tie stays one value
        ([Fraction(200, 3), Fraction(6667, 100)], 3),  # 66.667 and 66.670
        ([Fraction(1, 3) + 50, Fraction(1, 3) + 50 + Fraction(1, 10**9)], 4),  # never more than 4
        ([], 1),
    ],
)
def test_score_places_keeps_different_scores_different(scores: list[Fraction], places: int) -> None:
    assert score_places(scores) == places

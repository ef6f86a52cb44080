"""Tests for formats.py helpers shared by every view."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from mcstrat.report.formats import score_places


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


def test_why_not_sentences_of_a_model_tied_first_and_of_several_dominators() -> None:
    from mcstrat.report.formats import whynot_sentences

    base: dict[str, Any] = {
        "name": "A", "winner": "b", "rank": 1, "tied": True, "tied_with": ["b"], "identical": ["b"],
        "costs": {}, "dominated_by": [], "strictly_dominated_by": [], "group": False, "possible": True,
        "distance": 0,
    }  # fmt: skip
    names = {"b": "B", "c": "C", "d": "D"}
    said = " ".join(whynot_sentences(base, names, {}))
    assert "A is already first, sharing first place with B." in said
    assert "it can only ever share first place with it." in said
    later = {**base, "rank": 3, "gap": 2.0, "tied_with": ["b", "c"], "identical": [], "possible": False}
    later |= {"dominated_by": ["c", "d"], "strictly_dominated_by": ["d"], "blocking": ["c", "d"]}
    said = " ".join(whynot_sentences(later, names, {}))
    assert "A ranks 3= (shared with B and C), 2.0 points behind B." in said
    assert "D is better on every criterion, so it can never come first while it is in the ranking." in said
    assert "It is dominated by C: at least as good on every criterion and better on one, so it can at best tie" in said

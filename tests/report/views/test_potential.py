"""The "what can win" view: each verdict in words, and a verdict the exact check could not confirm says so."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mcstrat.analyses.potential import Potential
from mcstrat.report.views.potential import cell


@pytest.mark.parametrize(
    ("found", "said"),
    [
        (Potential(True, 2.5, {"roi": Fraction(1)}), "yes, by up to 2.5 points"),
        (Potential(True, 0.0, {"roi": Fraction(1)}), "only a tie"),
        (Potential(False, -3.25, None), "no (at best 3.3 points behind)"),
    ],
)
def test_each_verdict_in_words(found: Potential, said: str) -> None:
    assert cell(found) == said
    unchecked = Potential(found.possible, found.margin, found.weights, confirmed=False)
    assert cell(unchecked) == f"{said}, by the solver alone (not confirmed exactly)"

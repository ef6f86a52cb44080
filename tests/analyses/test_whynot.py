"""Why not X: the closest weights that make X first, checked by exact re-scoring (whynot.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from mcstrat.analyses.aggregate import aggregate
from mcstrat.analyses.ranking import Problem, problem, score_with, weights
from mcstrat.analyses.whynot import why_not
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities

from .test_potential import WITH_D
from .test_robustness import ANALYTIC, prob_for

PRIORITY_SETS = [
    ({}, "H1"),
    ({"roi": 5, "risk": 4, "autonomy": 1}, "H1"),
    ({"cost": 5, "effort": 0.5, "impact": 3}, "H2"),
    ({"speed": 5, "horizon": 4}, "H3"),
]


def first_at(prob: Problem, w: list[Fraction], m: int) -> tuple[bool, bool]:
    """(first, alone first) for model M under weights W."""
    scores = score_with(prob, w)
    best = max(scores)
    return scores[m] == best, scores[m] == best and scores.count(best) == 1


@pytest.mark.parametrize(("importances", "horizon"), PRIORITY_SETS)
def test_needed_weights_make_it_first_and_slightly_less_does_not(
    catalog: Catalog, importances: dict[str, Any], horizon: str
) -> None:
    prob = problem(catalog, Priorities.build(catalog, importances, targets={"horizon": horizon}))
    now = weights(prob.importances)
    ids = [m.id for m in prob.models]
    for m, mid in enumerate(ids):
        found = why_not([prob], mid)
        assert found.now == dict(zip([c.id for c in prob.criteria], now))
        if found.rank == 1:
            assert found.distance == 0 and found.gap == 0 and first_at(prob, now, m)[0]
            continue
        assert not first_at(prob, now, m)[0]
        assert found.possible and found.needed is not None and found.distance is not None
        needed = [found.needed[c.id] for c in prob.criteria]
        assert sum(needed) == 1 and all(x >= 0 for x in needed)
        assert found.distance == sum(abs(a - b) for a, b in zip(needed, now))
        assert first_at(prob, needed, m)[0], mid  # at the needed weights: first (perhaps tied)
        short = [a + (b - a) * Fraction(999, 1000) for a, b in zip(now, needed)]
        assert not first_at(prob, short, m)[0], mid  # slightly short of them: not first
        # the importances that give them keep the stated total
        assert found.importances is not None
        assert sum(found.importances.values()) == sum(prob.importances)
        assert weights([found.importances[c.id] for c in prob.criteria]) == needed


def test_gap_and_costs_add_up(catalog: Catalog) -> None:
    prob = problem(catalog, Priorities.build(catalog, {"roi": 5, "risk": 4}, targets={"horizon": "H1"}))
    scores = dict(zip([m.id for m in prob.models], score_with(prob, weights(prob.importances))))
    found = why_not([prob], "mooc-led")
    assert found.gap == scores[found.winner] - scores["mooc-led"] > 0
    assert sum(found.costs.values()) == -found.gap


def test_a_model_that_cannot_win_names_who_is_in_its_way() -> None:
    found = why_not([prob_for(WITH_D, {"g1": 1, "g2": 1})], "d")
    assert not found.possible and found.needed is None and found.distance is None
    assert found.dominated_by == ("c",) and found.blocking == ("c",)


def test_a_group_moves_its_aggregate_weights() -> None:
    people = [prob_for(ANALYTIC, {"g1": 5, "g2": 0}), prob_for(ANALYTIC, {"g1": 0, "g2": 5})]
    found = why_not(people, "a", [Fraction(1), Fraction(1)])
    assert found.now == {"g1": Fraction(1, 2), "g2": Fraction(1, 2)} and found.importances is None
    # group scores: A = W1, C = 0.6; A first from W1 = 0.6, a change of 0.1 + 0.1
    assert found.needed == {"g1": Fraction(3, 5), "g2": Fraction(2, 5)} and found.distance == Fraction(1, 5)
    agg = aggregate(people)
    assert max(agg.scores([Fraction(3, 5), Fraction(2, 5)])) == agg.scores([Fraction(3, 5), Fraction(2, 5)])[0]


def test_too_large_an_exact_aggregate_is_refused_up_front(catalog: Catalog) -> None:
    from mcstrat.analyses.aggregate import MAX_EXACT_WORK
    from mcstrat.errors import InputError

    prob = problem(catalog, Priorities.build(catalog, {"roi": 5}))
    with pytest.raises(InputError, match="exact terms"):
        why_not([prob] * (MAX_EXACT_WORK // 64 + 1), "mooc-led")


#: Five primes above 10**17: importances 1/p with co-prime denominators that no float can hold
#: once a group's exact utilities combine them (issue 18).
BIG_PRIMES = [10**17 + 3, 10**17 + 19, 10**17 + 21, 10**17 + 49, 10**17 + 81, 10**17 + 99, 10**17 + 141]


def _big_denominator_group(catalog: Catalog) -> list[Problem]:
    """Five people with importances 1/p (large co-prime p) and different targets and ranges modes."""
    crits = [c.id for c in catalog.criteria if c.id != "horizon"]
    people = []
    for s in range(5):
        importances = {c: f"1/{BIG_PRIMES[(s + k) % len(BIG_PRIMES)] + 2 * s}" for k, c in enumerate(crits)}
        importances["horizon"] = f"1/{7 + s}"
        ranges = ("midpoint", "optimistic", "pessimistic")[s % 3]
        built = Priorities.build(catalog, importances, targets={"horizon": f"H{s % 3 + 1}"}, ranges=ranges)
        people.append(problem(catalog, built))
    return people


def test_a_group_whose_exact_numbers_outgrow_a_float_gets_an_exact_answer(catalog: Catalog) -> None:
    """Group utilities with denominators of hundreds of digits: no OverflowError, and the weights reported
    really put the model first, checked by exact re-scoring."""
    people = _big_denominator_group(catalog)
    agg = aggregate(people)
    assert max(u.denominator for row in agg.utilities for u in row) > 10**400  # beyond any float
    for mid in agg.model_ids:
        found = why_not(people, mid)
        m = agg.model_ids.index(mid)
        if found.rank == 1 or not found.possible:
            continue
        assert found.needed is not None
        scores = agg.scores([found.needed[c] for c in agg.criterion_ids])
        assert scores[m] == max(scores), mid

"""What can win at all: dominance and potential optimality, checked against hand-worked answers (potential.py)."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from mcstrat.analyses.potential import potential
from mcstrat.analyses.ranking import Problem, dominance, problem, rank, score_with
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities

from .test_robustness import ANALYTIC, benefit, custom, model, prob_for

# ANALYTIC: A = (1, 0), B = (0, 1), C = (0.6, 0.6); D = (0.4, 0.4) added: never first
WITH_D = custom(
    [
        benefit("g1", [0, 0.4, 0.6, 1]) | {"scale": ["L", "D", "M", "H"]},
        benefit("g2", [0, 0.4, 0.6, 1]) | {"scale": ["L", "D", "M", "H"]},
    ],
    [model("a", g1="H", g2="L"), model("b", g1="L", g2="H"), model("c", g1="M", g2="M"), model("d", g1="D", g2="D")],
)


@pytest.mark.parametrize("horizon", ["H1", "H2", "H3"])
def test_peer_consortium_is_dominated_by_the_business_unit(catalog: Catalog, horizon: str) -> None:
    priorities = Priorities.build(catalog, {}, targets={"horizon": horizon})
    found = dominance(rank(catalog, priorities))
    assert "institutional-business-unit" in found["peer-consortium"]
    # the two are rated alike on horizon, risk, cost and impact, and the unit is better on the rest
    assert "institutional-business-unit" not in found


def test_dominance_only_counts_weighted_criteria(catalog: Catalog) -> None:
    # with weight on risk alone, every LOW-risk model ties and every MED-risk one is dominated by them
    priorities = Priorities.build(catalog, {c.id: 0 for c in catalog.criteria} | {"risk": 5})
    found = dominance(rank(catalog, priorities))
    low = {"sole-institution", "industry-partnership", "professional-body-partnership", "ngo-partnership", "mooc-led"}
    assert set(found) == {"institutional-business-unit", "peer-consortium", "opx-led"}
    assert all(set(by) == low for by in found.values())


def check(prob: Problem, found: dict[str, Any]) -> None:
    """Every possible model's witness weights make it first, with exactly the lead reported."""
    ids = [m.id for m in prob.models]
    for mid, spaces in found.items():
        for space, pot in spaces.items():
            if not pot.possible:
                assert pot.weights is None and pot.margin < 0
                continue
            w = [pot.weights[c.id] for c in prob.criteria]
            assert sum(w) == 1 and all(x >= 0 for x in w)
            scores = score_with(prob, w)
            m = ids.index(mid)
            lead = min((scores[m] - s for k, s in enumerate(scores) if k != m), default=Fraction(0))
            assert lead >= 0 and pot.margin == pytest.approx(float(lead), abs=1e-9), (mid, space)
            if space == "order":  # the witness keeps the stated order
                stated = prob.importances
                for i, si in enumerate(stated):
                    for j, sj in enumerate(stated):
                        if si > sj:
                            assert w[i] >= w[j]
                        if sj == 0:
                            assert w[j] == 0


@pytest.mark.parametrize(
    ("importances", "expected"),
    [
        # free: C leads by 10 at (1/2, 1/2); A by 40 at (1, 0) over C's 60; D is always 20 behind C
        (
            {"g1": 1, "g2": 1},
            {"free": {"a": 40, "b": 40, "c": 10, "d": -20}, "order": {"a": 40, "b": 40, "c": 10, "d": -20}},
        ),
        # order g1 > g2 (w1 >= 1/2): B is at best 10 behind C, at (1/2, 1/2)
        (
            {"g1": 3, "g2": 1},
            {"free": {"a": 40, "b": 40, "c": 10, "d": -20}, "order": {"a": 40, "b": -10, "c": 10, "d": -20}},
        ),
    ],
)
def test_potential_optimality_hand_worked(importances: dict[str, Any], expected: dict[str, dict[str, float]]) -> None:
    prob = prob_for(WITH_D, importances)
    found = potential([prob])
    for space, margins in expected.items():
        for mid, margin in margins.items():
            pot = found[mid][space]
            assert pot.margin == pytest.approx(margin, abs=1e-7), (mid, space)
            assert pot.possible == (margin >= 0) and pot.confirmed
    assert found["d"]["free"].blocking  # who stands in its way: the rivals of the certificate
    check(prob, found)


def test_a_model_that_can_only_tie(catalog: Catalog) -> None:
    priorities = Priorities.build(catalog, {}, targets={"horizon": "H1"})
    found = potential([problem(catalog, priorities)])
    for space in ("free", "order"):
        # twins can never beat each other; the dominated consortium can at best tie its dominator
        assert found["ngo-partnership"][space].margin == 0 and found["ngo-partnership"][space].possible
        assert found["peer-consortium"][space].margin == 0


@pytest.mark.parametrize("horizon", ["H1", "H2", "H3"])
@pytest.mark.parametrize(
    "importances", [{}, {"roi": 5, "risk": 4, "autonomy": 1}, {"cost": 5, "effort": 0.5, "impact": 3}]
)
def test_witnesses_hold_by_exact_rescoring(catalog: Catalog, horizon: str, importances: dict[str, Any]) -> None:
    prob = problem(catalog, Priorities.build(catalog, importances, targets={"horizon": horizon}))
    check(prob, potential([prob]))


def test_group_potential() -> None:
    # one person weighs only g1, the other only g2: the group scores A = B = 0.5, C = 0.6
    people = [prob_for(ANALYTIC, {"g1": 5, "g2": 0}), prob_for(ANALYTIC, {"g1": 0, "g2": 5})]
    found = potential(people)
    assert found["c"]["free"].margin == pytest.approx(10) and found["c"]["free"].possible
    assert found["a"]["free"].margin == pytest.approx(-10) and not found["a"]["free"].possible
    assert found["c"]["free"].weights == {"g1": Fraction(1, 2), "g2": Fraction(1, 2)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_order_space_in_generator_form_matches_the_plain_programme(catalog: Catalog, seed: int) -> None:
    # a group with ties among one-decimal importances and zeros: the generator LP (no order rows)
    # must find the same best lead as the LP over the weights with one row per ordered pair
    import random

    from mcstrat.analyses.aggregate import check_group
    from mcstrat.analyses.potential import _program, _solve_weights, best_lead

    rnd = random.Random(seed)
    people = [
        problem(
            catalog,
            Priorities.build(
                catalog,
                {c.id: rnd.choice([0, 1, 1, 2.5, 2.5, 4]) for c in catalog.criteria},
                targets={"horizon": rnd.choice(["H1", "H2", "H3"])},
            ),
        )
        for _ in range(4)
    ]
    lp = _program(people, check_group(people, None), "order")
    ids = [m.id for m in people[0].models]
    for m in range(len(ids)):
        rivals = [k for k in range(len(ids)) if k != m]
        found = best_lead(lp, m, rivals, ids)
        plain = 100 * _solve_weights(lp, lp.exact(), m, rivals)[0]
        assert found.margin == pytest.approx(plain, abs=1e-6) and found.confirmed
        assert found.possible == (plain >= -1e-9)


def test_too_much_work_is_refused_up_front(catalog: Catalog) -> None:
    from mcstrat.analyses.potential import MAX_LP_WORK
    from mcstrat.errors import InputError

    prob = problem(catalog, Priorities.build(catalog, {"roi": 5}))
    most = math.isqrt(MAX_LP_WORK // (8 * 8 * 8))
    potential([prob] * 3)  # a small group is worked out
    with pytest.raises(InputError, match=f"rank at most {most:,} stakeholders together, or fewer models"):
        potential([prob] * (most + 1))


def test_a_record_of_a_group_too_large_for_the_programmes_is_refused_before_any_sampling(
    catalog: Catalog, tmp_path: Path
) -> None:
    """The refusal comes first: no seconds of sampling are spent on a decision that is then refused."""
    from mcstrat.analyses.potential import MAX_LP_WORK
    from mcstrat.decide import Firmness, Request, decide, for_record
    from mcstrat.errors import InputError

    most = math.isqrt(MAX_LP_WORK // (8 * 8 * 8))
    paths = []
    for i in range(most + 1):
        path = tmp_path / f"p{i}.yaml"
        path.write_text(f"version: 1\nname: p{i}\npriorities: {{roi: 5, risk: {i % 6}}}\n", encoding="utf-8")
        paths.append(path)
    decision = decide(Request(answers=tuple(paths)))
    sampled = mock.patch("mcstrat.analyses.robustness.smaa", side_effect=AssertionError("sampled first"))
    with sampled, pytest.raises(InputError, match="for --robustness and every --report"):
        for_record(decision, Firmness())

"""What can win at all: dominance and potential optimality, checked against hand-worked answers (potential.py)."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcstrat.analyses.potential import dominated_by, potential
from mcstrat.analyses.ranking import Problem, dominance, problem, rank
from mcstrat.analyses.robustness import smaa
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


def favourable_lead(prob: Problem, w: list[Fraction], m: int) -> Fraction:
    """M's smallest lead (0..100) at weights W with its ranged cells at their best and its rivals' at their worst."""
    cells = prob.intervals()
    best = 100 * sum((wc * hi for wc, (_, hi) in zip(w, cells[m])), Fraction(0))
    return min(
        (
            best - 100 * sum((wc * lo for wc, (lo, _) in zip(w, row)), Fraction(0))
            for k, row in enumerate(cells)
            if k != m
        ),
        default=Fraction(0),
    )


def check(prob: Problem, found: dict[str, Any]) -> None:
    """Every possible model's witness weights make it first (ranged cells at the ends that favour it), with exactly the
    lead reported."""
    ids = [m.id for m in prob.models]
    for mid, spaces in found.items():
        for space, pot in spaces.items():
            if not pot.possible:
                assert pot.weights is None and pot.margin < 0
                continue
            w = [pot.weights[c.id] for c in prob.criteria]
            assert sum(w) == 1 and all(x >= 0 for x in w)
            m = ids.index(mid)
            lead = favourable_lead(prob, w, m)
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
    # no ranged cell counts (impact, roi and horizon at 0): the consortium is dominated, by the business unit too
    priorities = Priorities.build(catalog, {"impact": 0, "roi": 0, "horizon": 0})
    found = potential([problem(catalog, priorities)])
    for space in ("free", "order"):
        # twins can never beat each other; the dominated consortium can at best tie its dominator
        assert found["ngo-partnership"][space].margin == 0 and found["ngo-partnership"][space].possible
        assert found["peer-consortium"][space].margin < 0
        assert "institutional-business-unit" in found["peer-consortium"][space].dominated_by


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


# -- one value model (issue 19): what cannot happen never happens in a sample ------------------------


def target(cid: str, scale: list[str]) -> dict[str, Any]:
    return {"id": cid, "label": cid, "meaning": cid, "direction": "target", "scale": scale}


# b's ranged g1 (L/H) scores M at midpoint: as scored it is a's equal on g1 and worse on g2, yet drawn at H it can win
RANGED = custom(
    [benefit("g1"), benefit("g2")],
    [model("a", g1="M", g2="M"), model("b", g1="L/H", g2="L"), model("c", g1="L", g2="L")],
)


def test_dominance_over_the_ranges_is_not_dominance_as_scored() -> None:
    priorities = Priorities.build(RANGED, {"g1": 3, "g2": 1}, ranges="midpoint")
    prob = problem(RANGED, priorities)
    assert dominance(rank(RANGED, priorities))["b"] == ["a"]  # at the ratings as scored
    found = potential([prob])
    assert found["b"]["order"].dominated_by == ()  # drawn at H, b beats a on g1
    assert found["c"]["order"].dominated_by == ("a",)  # c's L is below a's M whatever b does
    # b's best case (H, L) against a (M, M) and c (L, L): w1 - (w1 + w2)/2 at w1 = 1 in the free space
    assert found["b"]["free"].margin == pytest.approx(50)
    result = smaa([prob], samples=2000, seed=3)
    assert result.acceptability["b"][0] > 0 and result.acceptability["c"][0] == 0


@pytest.mark.parametrize(
    ("ordinal", "margin"),
    [
        # fixed scales: C = (0.6, 0.6) leads A = (1, 0) and B = (0, 1) by at most 10, at (1/2, 1/2)
        (False, 10),
        # --ordinal draws each M anywhere in (0, 1): C's lead over A is at most w2, over B at most w1: 50 at (1/2, 1/2)
        (True, 50),
    ],
)
def test_potential_follows_the_ordinal_spacing(ordinal: bool, margin: float) -> None:
    prob = prob_for(ANALYTIC, {"g1": 1, "g2": 1})
    assert potential([prob], ordinal=ordinal)["c"]["free"].margin == pytest.approx(margin)


@pytest.mark.parametrize(
    ("ratings", "ordinal", "dominated"),
    [
        # target M: a at the target dominates b one level off, at fixed scales and at every spacing
        ({"a": "M", "b": "L"}, False, {"b": ("a",)}),
        ({"a": "M", "b": "L"}, True, {"b": ("a",)}),
        # L and H are equally far from M on equal spacing: neither dominates; with --ordinal neither either
        ({"a": "L", "b": "H"}, False, {}),
        ({"a": "L", "b": "H"}, True, {}),
        # a ranged cell that reaches the target is as good as the target at its best
        ({"a": "M", "b": "L/M"}, False, {}),
    ],
)
def test_dominance_on_a_target_criterion(ratings: dict[str, str], ordinal: bool, dominated: dict[str, Any]) -> None:
    cat = custom([target("t", ["L", "M", "H"])], [model(m, t=r) for m, r in ratings.items()])
    prob = problem(cat, Priorities.build(cat, {"t": 1}, targets={"t": "M"}))
    found = dominated_by([prob], ordinal)
    assert {m: by for m, by in found.items() if by} == dominated


def test_on_one_side_of_the_target_farther_is_worse_at_every_spacing() -> None:
    # target H on a four-level scale: N is nearer than M, and M than L, however --ordinal spaces the levels
    cat = custom([target("t", ["L", "M", "N", "H"])], [model("a", t="N"), model("b", t="M"), model("c", t="L")])
    prob = problem(cat, Priorities.build(cat, {"t": 1}, targets={"t": "H"}))
    # on one side of the target, farther is worse at every spacing
    assert dominated_by([prob], True) == {"a": (), "b": ("a",), "c": ("a", "b")}


# random small decisions: a group of 1-3 people, ranged cells, every weight space, with and without --ordinal
LEVEL3 = ["L", "M", "H"]
RATING = st.sampled_from(["L", "M", "H", "L/M", "M/H", "L/H"])


@st.composite
def decisions(draw: Any) -> tuple[Catalog, list[Problem]]:
    kinds = draw(st.lists(st.sampled_from(["benefit", "cost", "target"]), min_size=2, max_size=3))
    criteria = [
        {"id": f"c{j}", "label": f"c{j}", "meaning": "m", "direction": kind, "scale": LEVEL3}
        for j, kind in enumerate(kinds)
    ]
    n_models = draw(st.integers(3, 5))
    models = [model(f"m{i}", **{c["id"]: draw(RATING) for c in criteria}) for i in range(n_models)]
    cat = custom(criteria, models)
    people = []
    for _ in range(draw(st.integers(1, 3))):
        importances = {c["id"]: draw(st.sampled_from([0, 1, 2, 3, 5])) for c in criteria}
        if not any(importances.values()):
            importances[criteria[0]["id"]] = 1
        targets = {c["id"]: draw(st.sampled_from(LEVEL3)) for c in criteria if c["direction"] == "target"}
        people.append(problem(cat, Priorities.build(cat, importances, targets=targets)))
    return cat, people


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decisions(), st.sampled_from(["stated", "order", "free", "local"]), st.booleans(), st.integers(0, 2**16))
def test_property_what_cannot_win_never_comes_first(
    decision: tuple[Catalog, list[Problem]], space: str, ordinal: bool, seed: int
) -> None:
    _, people = decision
    found = potential(people, ordinal=ordinal, space=space, spread=1.0)
    result = smaa(people, samples=300, seed=seed, weight_space=space, ordinal=ordinal, spread=1.0)
    judged = space  # each space sampled is searched too (stated and local are boxes: spaces.box)
    for mid, spaces in found.items():
        if space in ("stated", "local"):  # a box lies inside the free space: what cannot win there cannot here
            assert spaces["free"].possible or not spaces[space].possible
        first = result.acceptability[mid][0]
        pot = spaces[judged]
        if pot.dominated_by or not pot.possible:
            assert first == 0.0, (mid, pot)
        if first > 0:
            assert pot.possible and not pot.dominated_by, (mid, pot, first)
        assert spaces["order"].dominated_by == spaces["free"].dominated_by


def test_people_who_state_the_same_priorities_move_together(catalog: Catalog) -> None:
    """One draw gives people with the same stated order the same weights, and puts a ranged cell at one place for
    all of them: the programme may not move them apart. Three people with the same priorities planning for H1, H1
    and H2: industry partnership (H1/H2) differs from the professional-body partnership (H1) only on horizon, so
    it can at best tie (it was said to win by up to 3.3 points when each person's weights and cell moved alone)."""
    importances = {"roi": 5, "risk": 4, "impact": 3, "horizon": 3, "autonomy": 2}
    people = [
        problem(catalog, Priorities.build(catalog, importances, targets={"horizon": horizon}))
        for horizon in ("H1", "H1", "H2")
    ]
    found = potential(people)
    result = smaa(people, samples=2000, seed=3)
    for space in ("free", "order"):
        industry = found["industry-partnership"][space]
        assert industry.possible and industry.margin == 0, industry
    assert result.acceptability["industry-partnership"][0] == 0.0
    for mid, spaces in found.items():  # and nothing that comes first is said to be unable to
        if result.acceptability[mid][0] > 0:
            assert spaces["order"].possible, mid


@pytest.mark.parametrize("space", ["stated", "local"])
def test_a_box_witness_is_inside_the_box_and_wins_exactly(catalog: Catalog, space: str) -> None:
    """The witness weights of a model that can come first within what was stated: inside the box (each
    importance within its interval, up to a common factor) and first when re-scored in Fractions."""
    from mcstrat.analyses.spaces import box

    pri = Priorities.build(catalog, {"roi": "3-4", "risk": 4, "speed": 2.5, "autonomy": 1, "impact": 0})
    prob = problem(catalog, pri)
    found = potential([prob], space=space, spread=1.0)
    low, high, scale = box(prob, space, 1.0)  # type: ignore[misc]
    ids = [c.id for c in prob.criteria]
    winners = 0
    for mid, spaces in found.items():
        p = spaces[space]
        if not p.possible or p.weights is None:
            continue
        winners += 1
        w = [p.weights[c] for c in ids]
        x = [wi * a for wi, a in zip(w, scale)]
        live = [j for j in range(len(ids)) if high[j] > 0]
        t_low = max(low[j] / x[j] for j in live if x[j] > 0)
        t_high = min(high[j] / x[j] for j in live if x[j] > 0)
        assert t_low <= t_high and all(x[j] == 0 for j in range(len(ids)) if high[j] == 0)
        m = [mo.id for mo in prob.models].index(mid)
        best = [max(iv) for iv in prob.intervals()[m]]
        for k, row in enumerate(prob.intervals()):
            if k != m:
                assert sum(wi * (b - min(iv)) for wi, b, iv in zip(w, best, row)) >= 0
    assert winners >= 2

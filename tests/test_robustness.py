"""How firm is a ranking: SMAA rank acceptability and weight stability intervals (robustness.py)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mcstrat.catalog import Catalog
from mcstrat.engine import Problem, problem, rank, score_with
from mcstrat.errors import InputError
from mcstrat.priorities import RANGE_MODES, Priorities
from mcstrat.robustness import SmaaResult, StabilityInterval, _beyond, _exact_root, _mul, _roots, smaa, stability

from .conftest import tiny_catalog_data

TWINS = ("professional-body-partnership", "ngo-partnership")  # identical ratings in Table 2
EPS = Fraction(1, 10**12)  # wider than any irrational bound's isolating interval


def model(mid: str, **ratings: str) -> dict[str, Any]:
    return {"id": mid, "name": mid, "description": mid, "ratings": ratings, "strengths": "s", "weaknesses": "w"}


def benefit(cid: str, values: list[float] | None = None) -> dict[str, Any]:
    crit: dict[str, Any] = {"id": cid, "label": cid, "meaning": cid, "direction": "benefit", "scale": ["L", "M", "H"]}
    if values is not None:
        crit["values"] = values
    return crit


def cost(cid: str) -> dict[str, Any]:
    return {"id": cid, "label": cid, "meaning": cid, "direction": "cost", "scale": ["L", "M", "H"]}


def custom(criteria: list[dict[str, Any]], models: list[dict[str, Any]]) -> Catalog:
    return Catalog.from_data({"version": 1, "criteria": criteria, "models": models})


# The analytic case: utilities A = (1, 0), B = (0, 1), C = (0.6, 0.6).
ANALYTIC = custom(
    [benefit("g1", [0, 0.6, 1]), benefit("g2", [0, 0.6, 1])],
    [model("a", g1="H", g2="L"), model("b", g1="L", g2="H"), model("c", g1="M", g2="M")],
)


def prob_for(catalog: Catalog, importances: dict[str, Any], **kwargs: Any) -> Problem:
    return problem(catalog, Priorities.build(catalog, importances, **kwargs))


def shipped(catalog: Catalog, importances: dict[str, Any], target: str | None = "H1", **kwargs: Any) -> Problem:
    targets = {"horizon": target} if target else None
    return prob_for(catalog, importances, targets=targets, **kwargs)


def assert_normalised(result: SmaaResult) -> None:
    n = len(result.model_ids)
    rows = [result.acceptability[mid] for mid in result.model_ids]
    assert all(len(row) == n for row in rows)
    assert all(0.0 <= p <= 1.0 for row in rows for p in row)
    for row in rows:
        assert math.fsum(row) == pytest.approx(1.0, abs=1e-9)
    for r in range(n):
        assert math.fsum(row[r] for row in rows) == pytest.approx(1.0, abs=1e-9)
    for mid in result.model_ids:
        weights = result.central_weights[mid]
        assert (weights is None) == (result.acceptability[mid][0] == 0.0)
        if weights is not None:
            assert math.fsum(weights.values()) == pytest.approx(1.0, abs=1e-9)


# -- SMAA: known answers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("importance", "spread", "ordinal", "expected"),
    [
        # w1 = a/(a+b) with a, b ~ U(0, 2): P(w1 > 0.6) = P(w1 < 0.4) = P(0.4 < w1 < 0.6) = 1/3
        (1, 1.0, False, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}),
        # a, b ~ U(max(0, 1 - 3), 1 + 3) = U(0, 4): the same ratio, the same answer
        (1, 3.0, False, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}),
        # a, b ~ U(0.5, 1.5): P(a > 1.5 b) = integral over b in (0.5, 1) of (1.5 - 1.5 b) = 3/16
        (1, 0.5, False, {"a": 3 / 16, "b": 3 / 16, "c": 5 / 8}),
        # --ordinal ignores `values`: C = (p1, p2), each criterion's M drawn ~ U(0, 1) on its own; given
        # w1 = w >= 1/2, C beats A with probability (1 - w) / (2w), and w has density 1/(2w^2) there,
        # so P(C first) = 1/4, and A and B have 3/8 each
        (1, 1.0, True, {"a": 3 / 8, "b": 3 / 8, "c": 1 / 4}),
    ],
)
@pytest.mark.parametrize("seed", [1, 2024])
def test_analytic_first_place_probabilities(
    importance: int, spread: float, ordinal: bool, expected: dict[str, float], seed: int
) -> None:
    samples = 20_000
    prob = prob_for(ANALYTIC, {"g1": importance, "g2": importance})
    result = smaa([prob], samples=samples, seed=seed, spread=spread, ordinal=ordinal)
    for mid, p in expected.items():
        standard_error = math.sqrt(p * (1 - p) / samples)
        assert abs(result.acceptability[mid][0] - p) < 4 * standard_error, (mid, result.acceptability[mid])
    assert_normalised(result)


def test_spread_zero_without_ranged_cells_gives_the_exact_ranking(catalog: Catalog) -> None:
    # impact, roi and horizon hold every ranged cell of Table 2; at importance 0 nothing is uncertain
    priorities = Priorities.build(catalog, {"impact": 0, "roi": 0, "cost": 5, "speed": 3})
    result = smaa([problem(catalog, priorities)], samples=50, seed=3, spread=0.0)
    ranking = rank(catalog, priorities).ranking
    for place in ranking:
        k = sum(1 for other in ranking if other.rank == place.rank)
        expected = [1 / k if place.rank - 1 <= r < place.rank - 1 + k else 0.0 for r in range(len(ranking))]
        assert result.acceptability[place.model.id] == pytest.approx(expected, abs=1e-12)
    assert_normalised(result)


@pytest.mark.parametrize(
    ("weights", "first", "central"),
    [
        ((1, 1), "c", {"g1": 0.5, "g2": 0.5}),  # group scores A = B = 0.5 < C = 0.6: the compromise wins
        ((3, 1), "a", {"g1": 0.75, "g2": 0.25}),  # A = 0.75 > C = 0.6
        ((1, 3), "b", {"g1": 0.25, "g2": 0.75}),
    ],
)
def test_group_with_opposite_priorities(weights: tuple[int, int], first: str, central: dict[str, float]) -> None:
    people = [prob_for(ANALYTIC, {"g1": 5, "g2": 0}), prob_for(ANALYTIC, {"g1": 0, "g2": 5})]
    alone = [smaa([p], samples=100, seed=1, spread=0.0) for p in people]
    assert [r.acceptability["a"][0] for r in alone] == [1.0, 0.0]
    assert [r.acceptability["b"][0] for r in alone] == [0.0, 1.0]
    group = smaa(people, [Fraction(w) for w in weights], samples=100, seed=1, spread=0.0)
    assert group.acceptability[first][0] == 1.0
    assert group.central_weights[first] == pytest.approx(central)
    assert [mid for mid in group.model_ids if group.central_weights[mid] is not None] == [first]
    # importance 0 stays 0 whatever the spread, so each person's weights stay (1, 0) and (0, 1)
    loose = smaa(people, [Fraction(w) for w in weights], samples=100, seed=1, spread=2.0)
    assert (loose.acceptability, loose.central_weights) == (group.acceptability, group.central_weights)


def test_group_under_spread_is_less_certain() -> None:
    people = [prob_for(ANALYTIC, {"g1": 4, "g2": 1}), prob_for(ANALYTIC, {"g1": 1, "g2": 4})]
    firm = smaa(people, samples=500, seed=1, spread=0.0)
    assert firm.acceptability["c"][0] == 1.0  # the group scores A = B = 0.5 < C = 0.6
    loose = smaa(people, samples=4000, seed=1, spread=2.0)
    assert 0.2 < loose.acceptability["c"][0] < 0.99
    assert_normalised(loose)


# -- SMAA: invariants ----------------------------------------------------------------------------


def test_same_seed_same_numbers_other_seed_other_numbers(catalog: Catalog) -> None:
    prob = shipped(catalog, {"roi": 5, "horizon": 3})
    one = smaa([prob], samples=2000, seed=42)
    assert smaa([prob], samples=2000, seed=42) == one
    assert smaa([prob], samples=2000, seed=43).acceptability != one.acceptability
    assert (one.samples, one.seed, one.spread, one.ordinal) == (2000, 42, 1.0, False)


def test_the_random_stream_is_pinned() -> None:
    # The same seed must give these numbers on any machine and Python version; a change here
    # changes every published --seed result, so it must be deliberate.
    result = smaa([prob_for(ANALYTIC, {"g1": 1, "g2": 2})], samples=1000, seed=7, spread=1.0)
    counts = [[round(p * 1000, 6) for p in result.acceptability[mid]] for mid in "abc"]
    assert counts == [[22, 98, 880], [691, 189, 120], [287, 713, 0]]


@pytest.mark.parametrize("ordinal", [False, True])
@pytest.mark.parametrize(
    "importances",
    [{}, {"roi": 5, "horizon": 3}, {"cost": "critical", "risk": "high", "horizon": 1}, {"speed": 0.5, "impact": 4}],
)
def test_rows_and_columns_sum_to_one(catalog: Catalog, importances: dict[str, Any], ordinal: bool) -> None:
    result = smaa([shipped(catalog, importances)], samples=3000, seed=5, ordinal=ordinal)
    assert result.model_ids == tuple(catalog.model_ids)
    assert_normalised(result)
    first = result.central_weights[result.model_ids[4]]
    assert first is not None and list(first) == catalog.criterion_ids


@pytest.mark.parametrize("ordinal", [False, True])
@pytest.mark.parametrize("spread", [0.0, 1.0, 3.0])
def test_identical_models_share_acceptability_equally(catalog: Catalog, ordinal: bool, spread: float) -> None:
    result = smaa([shipped(catalog, {"cost": 4, "horizon": 2})], samples=2000, seed=11, spread=spread, ordinal=ordinal)
    one, two = (result.acceptability[mid] for mid in TWINS)
    assert one == two
    assert result.central_weights[TWINS[0]] == result.central_weights[TWINS[1]]
    # they always tie, so neither can be first without the other: each first-place share is half a sample
    assert one[0] * 2000 * 2 == pytest.approx(round(one[0] * 2000 * 2))


def test_ordinal_mode_changes_the_numbers_and_stays_normalised(catalog: Catalog) -> None:
    prob = shipped(catalog, {"roi": 5, "horizon": 3})
    plain = smaa([prob], samples=3000, seed=9)
    ordinal = smaa([prob], samples=3000, seed=9, ordinal=True)
    assert ordinal.ordinal and not plain.ordinal
    assert ordinal.acceptability != plain.acceptability
    assert_normalised(ordinal)


def test_ranges_mode_plays_no_part_in_smaa(catalog: Catalog) -> None:
    results = [
        smaa([shipped(catalog, {"impact": 5, "horizon": 2}, ranges=mode)], samples=1000, seed=4) for mode in RANGE_MODES
    ]
    assert results[0] == results[1] == results[2]


def test_only_the_problems_models_are_ranked(catalog: Catalog) -> None:
    prob = shipped(catalog, {"risk": 5}, exclude=["mooc-led"], require=["effort<=MED"])
    result = smaa([prob], samples=500, seed=1)
    assert "mooc-led" not in result.acceptability and "peer-consortium" not in result.acceptability
    assert len(result.acceptability["sole-institution"]) == len(prob.models) == 6
    assert_normalised(result)


def test_a_model_never_first_has_no_central_weights(catalog: Catalog) -> None:
    result = smaa([shipped(catalog, {"effort": 5, "speed": 5})], samples=2000, seed=1, spread=0.5)
    assert result.acceptability["peer-consortium"][0] == 0.0
    assert result.central_weights["peer-consortium"] is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 0}, "samples"),
        ({"samples": 1_000_001}, "samples"),
        ({"samples": 2.5}, "samples"),
        ({"samples": True}, "samples"),
        ({"spread": -0.1}, "spread"),
        ({"spread": math.nan}, "spread"),
        ({"spread": math.inf}, "spread"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_arguments_are_input_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        smaa([prob_for(ANALYTIC, {"g1": 1})], **kwargs)


@pytest.mark.parametrize("analysis", [smaa, stability])
def test_stakeholders_must_share_one_problem(catalog: Catalog, analysis: Any) -> None:
    full = shipped(catalog, {"risk": 5})
    fewer = shipped(catalog, {"risk": 5}, exclude=["mooc-led"])
    with pytest.raises(InputError, match="same models"):
        analysis([full, fewer])
    with pytest.raises(InputError, match="one weight each"):
        analysis([full, full], [Fraction(1)])
    with pytest.raises(InputError, match="positive"):
        analysis([full, full], [Fraction(1), Fraction(0)])
    with pytest.raises(InputError, match="at least one"):
        analysis([])


# -- stability: checked by exact re-scoring --------------------------------------------------------


def scores_at(problems: list[Problem], weights: list[Fraction], j: int, x: Fraction) -> list[Fraction]:
    """Group scores with criterion J's (weighted mean) importance moved to X by a common shift."""
    total = sum(weights, Fraction(0))
    d = x - mean_importance(problems, weights, j)
    per = [score_with(p, [r + d if k == j else r for k, r in enumerate(p.importances)]) for p in problems]
    return [sum((w * s[m] for w, s in zip(weights, per)), Fraction(0)) / total for m in range(len(problems[0].models))]


def verify(
    problems: list[Problem], result: dict[str, StabilityInterval], weights: list[Fraction] | None = None
) -> None:
    """Every bound holds by re-scoring just inside and just outside it."""
    weights = weights or [Fraction(1)] * len(problems)
    first = problems[0]
    ids = [m.id for m in first.models]
    stated_scores = scores_at(problems, weights, 0, mean_importance(problems, weights, 0))
    top = stated_scores.index(max(stated_scores))

    def leader(x: Fraction, j: int) -> tuple[bool, str]:
        scores = scores_at(problems, weights, j, x)
        return scores[top] == max(scores), ids[scores.index(max(scores))]

    def defined(x: Fraction, j: int) -> bool:
        """Whether everyone still has some importance once criterion J is moved to X."""
        d = x - mean_importance(problems, weights, j)
        return all(sum(p.importances) + d > 0 for p in problems)

    expected = [
        c.id
        for j, c in enumerate(first.criteria)
        if c.direction != "target" or all(p.targets[j] is not None for p in problems)
    ]
    assert list(result) == expected
    for j, crit in enumerate(first.criteria):
        if crit.id not in result:
            continue
        iv = result[crit.id]
        stated = [p.importances[j] for p in problems]
        assert iv.criterion == crit.id
        assert iv.importance == mean_importance(problems, weights, j)
        assert 0 <= iv.low <= iv.importance and (iv.high is None or iv.importance <= iv.high)
        for x in (iv.low, iv.importance, iv.high if iv.high is not None else iv.importance + 100):
            if defined(x, j):
                assert leader(x, j)[0], (crit.id, x)
        if iv.below is None:
            assert iv.low == iv.importance - min(stated)  # one person: 0; a group: someone's importance reaches 0
        else:
            assert leader(iv.low - EPS, j) == (False, iv.below), crit.id
        if iv.high is None:
            assert iv.above is None
        else:
            still, winner = leader(iv.high + EPS, j)
            assert not still, crit.id
            assert iv.above == (winner if iv.high <= 5 else None), crit.id


def mean_importance(problems: list[Problem], weights: list[Fraction], j: int) -> Fraction:
    return sum((w * p.importances[j] for w, p in zip(weights, problems)), Fraction(0)) / sum(weights, Fraction(0))


PRIORITY_SETS: list[tuple[dict[str, Any], str | None, str]] = [
    ({}, None, "midpoint"),
    ({"roi": 5, "horizon": 3}, "H1", "midpoint"),
    ({"cost": "critical", "risk": "high", "horizon": 2}, "H2", "midpoint"),
    ({"impact": 5, "speed": 4, "autonomy": 0, "horizon": 1}, "H3", "optimistic"),
    ({"effort": 0.5, "risk": 0, "roi": 2.5, "horizon": 4}, "H2", "pessimistic"),
    ({"autonomy": 5, "effort": 0, "risk": 0, "speed": 0, "cost": 0, "impact": 0, "roi": 0}, None, "midpoint"),
]


@pytest.mark.parametrize(("importances", "target", "ranges"), PRIORITY_SETS)
def test_stability_bounds_hold_by_rescoring(
    catalog: Catalog, importances: dict[str, Any], target: str | None, ranges: str
) -> None:
    prob = shipped(catalog, importances, target=target, ranges=ranges)
    result = stability([prob])
    verify([prob], result)
    assert all(isinstance(iv.low, Fraction) and isinstance(iv.high, (Fraction, type(None))) for iv in result.values())
    assert ("horizon" in result) == (target is not None)


def test_stability_on_the_shipped_catalogue_by_hand(catalog: Catalog) -> None:
    # roi 5, horizon 3 (H1), others 2: the twins lead with 67.5; the business unit scores 65
    priorities = Priorities.build(catalog, {"roi": 5, "horizon": 3}, targets={"horizon": "H1"})
    assert [r.model.id for r in rank(catalog, priorities).top] == list(TWINS)
    result = stability([problem(catalog, priorities)])
    assert result["roi"] == StabilityInterval("roi", Fraction(5), Fraction(0), Fraction(7), None, None)
    assert result["horizon"] == StabilityInterval(
        "horizon", Fraction(3), Fraction(7, 3), None, "institutional-business-unit", None
    )


# tiny catalogue (conftest): alpha (gain 1, pain 0), beta (0, 1), gamma (gain LOW/MED = 1/4, pain 1/2)
# line-up (conftest order alpha, beta, gamma), plus a catalogue where two models cross at one point
CROSS = custom(
    [benefit("gain"), cost("pain")],
    [model("t", gain="H", pain="H"), model("m2", gain="M", pain="M"), model("m1", gain="L", pain="L")],
)

FAR = custom([benefit("gain"), cost("pain")], [model("t", gain="H", pain="M"), model("m", gain="L", pain="L")])


@pytest.mark.parametrize(
    ("catalog_data", "importances", "criterion", "expected"),
    [
        # gain x, pain 1: alpha x vs beta 1 vs gamma x/4 + 1/2: alpha first from x = 1, beta below
        (None, {"gain": 3, "pain": 1}, "gain", (Fraction(3), Fraction(1), None, "beta", None)),
        # pain y, gain 3: alpha 3 vs beta y vs gamma 3/4 + y/2: beta takes over above y = 3
        (None, {"gain": 3, "pain": 1}, "pain", (Fraction(1), Fraction(0), Fraction(3), None, "beta")),
        # pain y, gain 4: beta overtakes at y = 4; reported (4 <= 5)
        (None, {"gain": 4, "pain": 1}, "pain", (Fraction(1), Fraction(0), Fraction(4), None, "beta")),
        # pain y, gain 5: beta overtakes at y = 5, still on the 0..5 scale, so reported
        (None, {"gain": 5, "pain": 0.5}, "pain", (Fraction(1, 2), Fraction(0), Fraction(5), None, "beta")),
        # pain y, gain 3: t = 3 + y/2 vs m = y: m overtakes at y = 6, off the 0..5 scale, so not reported
        ("far", {"gain": 3, "pain": 1}, "pain", (Fraction(1), Fraction(0), Fraction(6), None, None)),
        # two models cross at once: t = x, m2 = (x + 1/2) / 2, m1 = 1/2 with gain x, pain 1/2; both at
        # x = 1/2, and just below m1 leads (m2 falls faster) though m2 comes first in model order
        ("cross", {"gain": 1, "pain": 0.5}, "gain", (Fraction(1), Fraction(1, 2), None, "m1", None)),
        # pain y, gain 1: t = 1, m2 = (1 + y) / 2, m1 = y: both at y = 1, just above m1 leads (steeper)
        ("cross", {"gain": 1, "pain": 0.5}, "pain", (Fraction(1, 2), Fraction(0), Fraction(1), None, "m1")),
    ],
)
def test_stability_hand_worked(
    catalog_data: str | None, importances: dict[str, Any], criterion: str, expected: tuple[Any, ...]
) -> None:
    cat = {"cross": CROSS, "far": FAR}.get(catalog_data or "", Catalog.from_data(tiny_catalog_data()))
    prob = prob_for(cat, importances)
    result = stability([prob])
    iv = result[criterion]
    assert (iv.importance, iv.low, iv.high, iv.below, iv.above) == expected
    verify([prob], result)


def test_one_criterion_alone_is_stable_everywhere() -> None:
    prob = prob_for(Catalog.from_data(tiny_catalog_data()), {"gain": 2, "pain": 0})
    result = stability([prob])
    assert result["gain"] == StabilityInterval("gain", Fraction(2), Fraction(0), None, None, None)
    assert result["pain"].low == 0 and result["pain"].high == Fraction(2)  # beta = y vs alpha = 2
    verify([prob], result)


GROUPS: list[tuple[list[tuple[dict[str, Any], str]], list[int]]] = [
    (
        [({"roi": 5, "horizon": 3, "cost": 0}, "H1"), ({"effort": 5, "risk": 4, "speed": 1, "impact": 3.5}, "H3")],
        [1, 2],
    ),
    ([({"cost": 5, "horizon": 2}, "H2"), ({"autonomy": 5, "horizon": 1}, "H1"), ({"risk": 1}, "H3")], [1, 1, 3]),
    ([({"speed": 5}, "H1"), ({"speed": 5}, "H1")], [1, 1]),  # identical stakeholders: as one person
]


@pytest.mark.parametrize(("people", "weights"), GROUPS)
def test_group_stability_bounds_hold_by_rescoring(
    catalog: Catalog, people: list[tuple[dict[str, Any], str]], weights: list[int]
) -> None:
    problems = [shipped(catalog, importances, target=target) for importances, target in people]
    fractions = [Fraction(w) for w in weights]
    result = stability(problems, fractions)
    verify(problems, result, fractions)


def test_identical_stakeholders_match_one_person(catalog: Catalog) -> None:
    one = shipped(catalog, {"speed": 5, "horizon": 2})
    assert stability([one, one], [Fraction(2), Fraction(5)]) == stability([one])


def test_group_bounds_can_be_irrational_and_are_within_tolerance(catalog: Catalog) -> None:
    problems = [shipped(catalog, {"roi": 5, "horizon": 3, "cost": 0}), shipped(catalog, {"effort": 5, "risk": 4})]
    result = stability(problems)
    bounds = [b for iv in result.values() for b in (iv.low, iv.high) if b is not None]
    assert any(b.denominator > 10**9 for b in bounds)  # an isolated irrational root
    verify(problems, result)


# -- exact root finding ---------------------------------------------------------------------------


def poly(*coefficients: Any) -> list[Fraction]:
    return [Fraction(c) for c in coefficients]


def test_roots_are_exact_when_rational_and_tight_when_not() -> None:
    # (x^2 - 2)(3x - 1)(x - 5/7)^2: roots -sqrt 2, 1/3, 5/7, sqrt 2
    p = poly(-2, 0, 1)
    for factor in (poly(-1, 3), poly(Fraction(-5, 7), 1), poly(Fraction(-5, 7), 1)):
        p = _mul(p, factor)
    roots = _roots([p], Fraction(-10))
    assert [r.exact for r in roots] == [None, Fraction(1, 3), Fraction(5, 7), None]
    for r, value in zip((roots[0], roots[3]), (-math.sqrt(2), math.sqrt(2))):
        assert r.lo < Fraction(value) + EPS and Fraction(value) - EPS < r.hi and r.hi - r.lo < EPS
        assert r.lo**2 < 2 < r.hi**2 if value > 0 else r.hi**2 < 2 < r.lo**2
    # the double root at 5/7 does not change the sign; the simple one at sqrt 2 does
    assert (_beyond(p, roots[2], True), _beyond(p, roots[2], False)) == (-1, -1)
    assert (_beyond(p, roots[3], True), _beyond(p, roots[3], False)) == (1, -1)
    assert (_beyond(p, _exact_root(Fraction(1, 3)), True), _beyond(p, _exact_root(Fraction(1, 3)), False)) == (-1, 1)


# -- properties ----------------------------------------------------------------------------------

LEVELS = st.sampled_from([0, 0.5, 1, 2, 3, 4, 5])
CRITERIA = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
PRIORITIES = st.fixed_dictionaries({c: LEVELS for c in CRITERIA})
TARGET = st.sampled_from(["H1", "H2", "H3"])
RANGES = st.sampled_from(RANGE_MODES)


def shipped_or_skip(catalog: Catalog, importances: dict[str, Any], target: str, ranges: str) -> Problem:
    assume(any(v for v in importances.values()))
    return shipped(catalog, importances, target=target, ranges=ranges)


@settings(max_examples=30, deadline=None)
@given(PRIORITIES, TARGET, st.floats(0, 3), st.booleans(), st.integers(0, 2**32))
def test_property_acceptability_is_normalised(
    catalog: Catalog, importances: dict[str, Any], target: str, spread: float, ordinal: bool, seed: int
) -> None:
    prob = shipped_or_skip(catalog, importances, target, "midpoint")
    result = smaa([prob], samples=300, seed=seed, spread=spread, ordinal=ordinal)
    assert_normalised(result)
    assert result.acceptability[TWINS[0]] == result.acceptability[TWINS[1]]


@settings(max_examples=40, deadline=None)
@given(PRIORITIES, TARGET, RANGES)
def test_property_stability_holds_by_rescoring(
    catalog: Catalog, importances: dict[str, Any], target: str, ranges: str
) -> None:
    prob = shipped_or_skip(catalog, importances, target, ranges)
    verify([prob], stability([prob]))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(PRIORITIES, TARGET, st.integers(1, 4)), min_size=2, max_size=3))
def test_property_group_stability_holds_by_rescoring(
    catalog: Catalog, people: list[tuple[dict[str, Any], str, int]]
) -> None:
    problems = [shipped_or_skip(catalog, importances, target, "midpoint") for importances, target, _ in people]
    weights = [Fraction(w) for _, _, w in people]
    verify(problems, stability(problems, weights), weights)


@st.composite
def custom_problems(draw: st.DrawFn) -> tuple[list[Problem], list[Fraction]]:
    """A random small catalogue (any directions, scales, values, ranged cells) and 1-3 stakeholders."""
    criteria: list[dict[str, Any]] = []
    for j in range(draw(st.integers(1, 4))):
        size = draw(st.integers(2, 5))
        crit: dict[str, Any] = {
            "id": f"c{j}",
            "label": f"c{j}",
            "meaning": "m",
            "direction": draw(st.sampled_from(["benefit", "cost", "target"])),
            "scale": [f"L{i}" for i in range(size)],
        }
        if draw(st.booleans()):
            inner = sorted(draw(st.sets(st.integers(1, 19), min_size=size - 2, max_size=size - 2)))
            crit["values"] = [0, *(v / 20 for v in inner), 1]  # the ends are 0 and 1, as a models file requires
        criteria.append(crit)
    models = []
    for i in range(draw(st.integers(1, 5))):
        ratings = {}
        for crit in criteria:
            lo = draw(st.integers(0, len(crit["scale"]) - 1))
            hi = draw(st.integers(lo, len(crit["scale"]) - 1))
            ratings[crit["id"]] = crit["scale"][lo] if lo == hi else f"{crit['scale'][lo]}/{crit['scale'][hi]}"
        models.append(model(f"m{i}", **ratings))
    cat = custom(criteria, models)
    ranges = draw(RANGES)
    problems = []
    for _ in range(draw(st.integers(1, 3))):
        importances: dict[str, Any] = {}
        targets: dict[str, str] = {}
        for crit in criteria:
            importances[crit["id"]] = draw(st.sampled_from([0, 0.5, 1, 2, 3, 5]))
            if crit["direction"] == "target":
                target = draw(st.sampled_from([None, *crit["scale"]]))
                if target is None:
                    importances[crit["id"]] = 0
                else:
                    targets[crit["id"]] = target
        assume(any(importances.values()))
        problems.append(prob_for(cat, importances, targets=targets, ranges=ranges))
    weights = [Fraction(draw(st.integers(1, 4))) for _ in problems]
    return problems, weights


@settings(max_examples=60, deadline=None)
@given(custom_problems())
def test_property_any_catalogue_stability_holds_by_rescoring(case: tuple[list[Problem], list[Fraction]]) -> None:
    problems, weights = case
    verify(problems, stability(problems, weights), weights)


@settings(max_examples=40, deadline=None)
@given(custom_problems(), st.floats(0, 3), st.booleans(), st.integers(0, 2**32))
def test_property_any_catalogue_acceptability_is_normalised(
    case: tuple[list[Problem], list[Fraction]], spread: float, ordinal: bool, seed: int
) -> None:
    problems, weights = case
    result = smaa(problems, weights, samples=200, seed=seed, spread=spread, ordinal=ordinal)
    assert_normalised(result)
    assert result == smaa(problems, weights, samples=200, seed=seed, spread=spread, ordinal=ordinal)


def _people(n: int, decimals: int | None = None) -> list[Problem]:
    from mcstrat.catalog import load_catalog
    from mcstrat.engine import problem
    from mcstrat.priorities import Priorities

    catalog = load_catalog()
    out = []
    for i in range(n):
        # a different total for each: roi 0.25, 0.5, ... (or with DECIMALS places: 1.0001, 1.0002, ...)
        roi = f"{1 + (i + 1) / 10**decimals:.{decimals}f}" if decimals is not None else str(Fraction(i + 1, 4))
        out.append(problem(catalog, Priorities.build(catalog, {"roi": roi}, targets={"horizon": "H1"})))
    return out


@pytest.mark.parametrize(
    ("problems", "fragment"),
    [
        (_people(13), "add up to 13 different totals (at most 12)"),
        (_people(2, decimals=4), "some importances have more than 3 decimals"),
    ],
)
def test_group_stability_refuses_what_would_take_too_long(problems: list[Problem], fragment: str) -> None:
    with pytest.raises(InputError) as err:
        stability(problems)
    assert fragment in str(err.value) and "leave out --stability" in str(err.value)


def test_group_stability_limits_are_not_for_one_person() -> None:
    assert stability(_people(1, decimals=12))  # one person's bounds are linear: any precision is fine
    assert stability(_people(12))  # the largest group allowed

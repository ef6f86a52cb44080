"""How firm is a ranking: SMAA rank acceptability, central weights and confidence factors (robustness.py)."""

from __future__ import annotations

import dataclasses
import itertools
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mcstrat.analyses.ranking import Problem, problem, rank
from mcstrat.analyses.robustness import MAX_WORK, SmaaResult, smaa
from mcstrat.analyses.spaces import tiers
from mcstrat.analyses.stability import stability
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities
from mcstrat.core.vocabulary import RANGE_MODES
from mcstrat.errors import InputError
from mcstrat.files.models import catalog_from_data

TWINS = ("professional-body-partnership", "ngo-partnership")  # identical ratings in Table 2


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
    return catalog_from_data({"version": 1, "criteria": criteria, "models": models})


# The issue's analytic case: utilities A = (1, 0), B = (0, 1), C = (0.6, 0.6).
ANALYTIC = custom(
    [benefit("g1", [0, 0.6, 1]), benefit("g2", [0, 0.6, 1])],
    [model("a", g1="H", g2="L"), model("b", g1="L", g2="H"), model("c", g1="M", g2="M")],
)


def prob_for(catalog: Catalog, importances: dict[str, Any], **kwargs: Any) -> Problem:
    return problem(catalog, Priorities.build(catalog, importances, **kwargs))


def shipped(catalog: Catalog, importances: dict[str, Any], target: str | None = "H1", **kwargs: Any) -> Problem:
    targets = {"horizon": target} if target else None
    return prob_for(catalog, importances, targets=targets, **kwargs)


#: acceptability x 1000 of the pinned-stream case below (numpy Generator(PCG64(7)))
PINNED = [[19, 115, 866], [652, 214, 134], [329, 671, 0]]


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
    result = smaa([prob], samples=samples, seed=seed, weight_space="local", spread=spread, ordinal=ordinal)
    for mid, p in expected.items():
        standard_error = math.sqrt(p * (1 - p) / samples)
        assert abs(result.acceptability[mid][0] - p) < 4 * standard_error, (mid, result.acceptability[mid])
    assert_normalised(result)


def test_spread_zero_without_ranged_cells_gives_the_exact_ranking(catalog: Catalog) -> None:
    # impact, roi and horizon hold every ranged cell of Table 2; at importance 0 nothing is uncertain
    priorities = Priorities.build(catalog, {"impact": 0, "roi": 0, "cost": 5, "speed": 3})
    result = smaa([problem(catalog, priorities)], samples=50, seed=3, weight_space="local", spread=0.0)
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
    alone = [smaa([p], samples=100, seed=1, weight_space="local", spread=0.0) for p in people]
    assert [r.acceptability["a"][0] for r in alone] == [1.0, 0.0]
    assert [r.acceptability["b"][0] for r in alone] == [0.0, 1.0]
    group = smaa(people, [Fraction(w) for w in weights], samples=100, seed=1, weight_space="local", spread=0.0)
    assert group.acceptability[first][0] == 1.0
    assert group.central_weights[first] == pytest.approx(central)
    assert [mid for mid in group.model_ids if group.central_weights[mid] is not None] == [first]
    # importance 0 stays 0 whatever the spread, so each person's weights stay (1, 0) and (0, 1)
    loose = smaa(people, [Fraction(w) for w in weights], samples=100, seed=1, weight_space="local", spread=2.0)
    assert (loose.acceptability, loose.central_weights) == (group.acceptability, group.central_weights)


def test_group_under_spread_is_less_certain() -> None:
    people = [prob_for(ANALYTIC, {"g1": 4, "g2": 1}), prob_for(ANALYTIC, {"g1": 1, "g2": 4})]
    firm = smaa(people, samples=500, seed=1, weight_space="local", spread=0.0)
    assert firm.acceptability["c"][0] == 1.0  # the group scores A = B = 0.5 < C = 0.6
    loose = smaa(people, samples=4000, seed=1, weight_space="local", spread=2.0)
    assert 0.2 < loose.acceptability["c"][0] < 0.99
    assert_normalised(loose)


# -- SMAA: invariants ----------------------------------------------------------------------------


def test_same_seed_same_numbers_other_seed_other_numbers(catalog: Catalog) -> None:
    prob = shipped(catalog, {"roi": 5, "horizon": 3})
    one = smaa([prob], samples=2000, seed=42)
    assert smaa([prob], samples=2000, seed=42) == one
    assert smaa([prob], samples=2000, seed=42, weight_space="free") != one
    assert smaa([prob], samples=2000, seed=43).acceptability != one.acceptability
    assert (one.samples, one.seed, one.spread, one.ordinal, one.weight_space) == (2000, 42, None, False, "stated")
    assert one.rating_error == 0.0


def test_the_random_stream_is_pinned() -> None:
    # The same seed must give these numbers on any machine and Python version; a change here
    # changes every published --seed result, so it must be deliberate.
    # (numpy promises the same stream from Generator(PCG64(seed)) within a release)
    result = smaa([prob_for(ANALYTIC, {"g1": 1, "g2": 2})], samples=1000, seed=7, weight_space="local", spread=1.0)
    counts = [[round(p * 1000, 6) for p in result.acceptability[mid]] for mid in "abc"]
    assert counts == PINNED


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
    prob = shipped(catalog, {"cost": 4, "horizon": 2})
    result = smaa([prob], samples=2000, seed=11, weight_space="local", spread=spread, ordinal=ordinal)
    one, two = (result.acceptability[mid] for mid in TWINS)
    assert one == pytest.approx(two, abs=1e-12)
    assert result.central_weights[TWINS[0]] == pytest.approx(result.central_weights[TWINS[1]])
    # they always tie, so neither can be first without the other: each first-place share is half a sample
    assert one[0] * 2000 * 2 == pytest.approx(round(one[0] * 2000 * 2))
    assert result.identical == (TWINS,)
    assert result.combined_first(TWINS) == pytest.approx(2 * one[0])


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
    result = smaa([shipped(catalog, {"effort": 5, "speed": 5})], samples=2000, seed=1, weight_space="local", spread=0.5)
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
        ({"seed": -1}, "seed"),
        ({"weight_space": "loose"}, "weight space must be one of stated, order, free, local"),
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


# -- weight spaces: analytic cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("space", "importances", "expected"),
    [
        # free, two criteria: w1 ~ U(0, 1); A first if w1 > 0.6, B if w1 < 0.4, C between (the issue's case)
        ("free", {"g1": 1, "g2": 3}, {"a": 0.4, "b": 0.4, "c": 0.2}),
        # order, tied statements: no order between the two, so the same as free
        ("order", {"g1": 2, "g2": 2}, {"a": 0.4, "b": 0.4, "c": 0.2}),
        # order g1 > g2: w1 ~ U(1/2, 1): A if w1 > 0.6 (4/5), C otherwise (1/5), never B
        ("order", {"g1": 2, "g2": 1}, {"a": 0.8, "b": 0.0, "c": 0.2}),
        ("order", {"g1": 1, "g2": 4}, {"a": 0.0, "b": 0.8, "c": 0.2}),
        # order with g2 at 0: the weight stays on g1 alone
        ("order", {"g1": 1, "g2": 0}, {"a": 1.0, "b": 0.0, "c": 0.0}),
    ],
)
def test_weight_spaces_analytic(space: str, importances: dict[str, Any], expected: dict[str, float]) -> None:
    samples = 40_000
    result = smaa([prob_for(ANALYTIC, importances)], samples=samples, seed=3, weight_space=space)
    for mid, p in expected.items():
        assert abs(result.acceptability[mid][0] - p) < 4 * math.sqrt(p * (1 - p) / samples) + 1e-12, mid
    assert_normalised(result)
    assert result.error == pytest.approx(
        1.96 * math.sqrt(max(expected.values()) * (1 - max(expected.values())) / samples), rel=0.05, abs=1e-9
    )
    assert result.spread is None


# three criteria: X = (0, 0, 1) against a constant Y = (t, t, t); X first iff w3 > t
def _three(t: float) -> Catalog:
    crits = [benefit(c, [0, t, 1]) for c in ("g1", "g2", "g3")]
    return custom(crits, [model("x", g1="L", g2="L", g3="H"), model("y", g1="M", g2="M", g3="M")])


@pytest.mark.parametrize(
    ("space", "importances", "t", "expected"),
    [
        # free (uniform on the simplex): P(w3 > t) = (1 - t)^2
        ("free", {"g1": 1, "g2": 1, "g3": 1}, 0.2, 0.64),
        # g1 and g2 tied above g3: w3 is the smallest coordinate, P(min > t) = (1 - 3t)^2
        ("order", {"g1": 4, "g2": 4, "g3": 1}, 0.2, 0.16),
        # g3 above the tied g1, g2: w3 is the largest, P(max > t) = 3 (1 - t)^2 for t >= 1/2
        ("order", {"g1": 1, "g2": 1, "g3": 5}, 0.5, 0.75),
        # a strict order g3 > g1 > g2: the same P(max > t), as w3 is still the largest
        ("order", {"g1": 2, "g2": 1, "g3": 5}, 0.5, 0.75),
    ],
)
def test_order_space_is_uniform_over_the_weak_order(
    space: str, importances: dict[str, Any], t: float, expected: float
) -> None:
    samples = 40_000
    result = smaa([prob_for(_three(t), importances)], samples=samples, seed=5, weight_space=space)
    assert abs(result.acceptability["x"][0] - expected) < 4 * math.sqrt(expected * (1 - expected) / samples)


def test_order_space_of_swing_answers_orders_the_effective_weights() -> None:
    # swing: e1 > e2 stated, ranges r = (1, 1/2): e1 ~ U(1/2, 1), w1 = e1 / (e1 + 2 e2) = e1 / (2 - e1);
    # A first iff w1 > 0.6 iff e1 > 3/4 (1/2); B iff w1 < 0.4 iff e1 < 4/7 (1/7); C between (5/14)
    prob = prob_for(ANALYTIC, {"g1": 2, "g2": 1})._replace(
        weighting="swing",
        stated=(Fraction(80), Fraction(20)),
        spans=(Fraction(1), Fraction(1, 2)),
    )
    samples = 40_000
    result = smaa([prob], samples=samples, seed=8, weight_space="order")
    for mid, p in {"a": 0.5, "b": 1 / 7, "c": 5 / 14}.items():
        assert abs(result.acceptability[mid][0] - p) < 4 * math.sqrt(p * (1 - p) / samples), mid


def test_tiers_are_the_weak_order_of_the_statement() -> None:
    values = [Fraction(2), Fraction(0), Fraction(5), Fraction(2), Fraction(1, 2)]
    assert tiers(values) == [[2], [0, 3], [4]]


def test_identical_stakeholders_are_as_certain_as_one(catalog: Catalog) -> None:
    # only the cells vary: cells are drawn once per sample for everyone, so a twin adds no certainty
    one = shipped(catalog, {"roi": 5, "impact": 4, "horizon": 3})
    alone = smaa([one], samples=5000, seed=2, weight_space="local", spread=0.0)
    pair = smaa([one, one], samples=5000, seed=2, weight_space="local", spread=0.0)
    assert pair.acceptability == alone.acceptability
    assert pair.confidence == alone.confidence


def test_confidence_factor(catalog: Catalog) -> None:
    # no ranged cell counts (their criteria at 0) and no ordinal: central weights decide for certain
    certain = smaa([shipped(catalog, {"impact": 0, "roi": 0, "cost": 5, "speed": 3})], samples=500, seed=1)
    assert all(c in (None, 0.5, 1.0) for c in certain.confidence.values())
    loose = smaa([shipped(catalog, {"roi": 5, "impact": 5, "horizon": 3})], samples=3000, seed=1)
    values = [c for c in loose.confidence.values() if c is not None]
    assert all(0.0 <= c <= 1.0 for c in values) and any(c < 1.0 for c in values)
    assert all((loose.confidence[m] is None) == (loose.acceptability[m][0] == 0.0) for m in loose.model_ids)


def test_error_warns_only_when_samples_are_few(catalog: Catalog) -> None:
    few = smaa([shipped(catalog, {"roi": 5})], samples=100, seed=1)
    many = smaa([shipped(catalog, {"roi": 5})], samples=20_000, seed=1)
    assert few.warn and few.error > 0.02
    assert not many.warn and many.error < 0.02


def test_work_beyond_the_limit_is_refused_up_front(catalog: Catalog) -> None:
    # 400 different people (identical ones count as one, see test_head_count_buys_nothing)
    people = [shipped(catalog, {"roi": 5, "risk": 1 + k / 100}) for k in range(400)]
    with pytest.raises(InputError) as err:
        smaa(people, samples=1_000_000)
    message = str(err.value)
    assert "400 stakeholder(s)" in message and "use --samples" in message
    assert MAX_WORK > 0


# -- properties ----------------------------------------------------------------------------------

LEVELS = st.sampled_from([0, 0.5, 1, 2, 3, 4, 5])
CRITERIA = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
PRIORITIES = st.fixed_dictionaries({c: LEVELS for c in CRITERIA})
TARGET = st.sampled_from(["H1", "H2", "H3"])
RANGES = st.sampled_from(RANGE_MODES)
SPACES = st.sampled_from(["order", "free", "local"])


@settings(max_examples=30, deadline=None)
@given(PRIORITIES, TARGET, SPACES, st.floats(0, 3), st.booleans(), st.integers(0, 2**32))
def test_property_acceptability_is_normalised(
    catalog: Catalog, importances: dict[str, Any], target: str, space: str, spread: float, ordinal: bool, seed: int
) -> None:
    assume(any(v for v in importances.values()))
    prob = shipped(catalog, importances, target=target)
    result = smaa([prob], samples=300, seed=seed, weight_space=space, spread=spread, ordinal=ordinal)
    assert_normalised(result)
    assert result.acceptability[TWINS[0]] == pytest.approx(result.acceptability[TWINS[1]], abs=1e-12)


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


@settings(max_examples=40, deadline=None)
@given(custom_problems(), SPACES, st.floats(0, 3), st.booleans(), st.integers(0, 2**32))
def test_property_any_catalogue_acceptability_is_normalised(
    case: tuple[list[Problem], list[Fraction]], space: str, spread: float, ordinal: bool, seed: int
) -> None:
    problems, weights = case
    kwargs: dict[str, Any] = {"samples": 200, "seed": seed, "weight_space": space, "spread": spread, "ordinal": ordinal}
    result = smaa(problems, weights, **kwargs)
    assert_normalised(result)
    assert result == smaa(problems, weights, **kwargs)


def test_places_match_the_pairwise_definition_with_exact_near_and_chained_ties() -> None:
    """_places sorts and compares pairwise only near ties; its counts must be the pairwise definition's."""
    import numpy as np

    from mcstrat.analyses.robustness import TIE, _places

    rng = np.random.default_rng(7)
    scores = rng.random((400, 6))
    scores[::4, 1] = scores[::4, 0]  # exact ties
    scores[1::4, 2] = scores[1::4, 3] + 0.6 * TIE  # near ties
    scores[2::4, 4] = scores[2::4, 5] + 0.7 * TIE  # a chain: 5 ~ 4 ~ 3 but 5 and 3 apart
    scores[2::4, 3] = scores[2::4, 4] + 0.7 * TIE
    scores[3::8] = 0.5  # everything tied
    for shaped in (scores, scores.reshape(100, 4, 6)):
        higher, equal = _places(shaped)
        diff = shaped[..., None, :] - shaped[..., :, None]
        assert (higher == (diff > TIE).sum(axis=-1)).all()
        assert (equal == (np.abs(diff) <= TIE).sum(axis=-1)).all()


# -- head count buys nothing (issue 19) ------------------------------------------------------------


def _without_members(result: SmaaResult) -> SmaaResult:
    return dataclasses.replace(result, members=())


HEAD_COUNT = [("order", False), ("free", False), ("local", False), ("order", True), ("free", True)]


@pytest.mark.parametrize(("space", "ordinal"), HEAD_COUNT)
def test_head_count_buys_nothing(catalog: Catalog, space: str, ordinal: bool) -> None:
    a = shipped(catalog, {"roi": 5, "risk": 3, "impact": 2, "horizon": 1}, target="H1")
    b = shipped(catalog, {"cost": 4, "speed": 2, "horizon": 3, "autonomy": 1}, target="H2")
    kwargs: dict[str, Any] = {"samples": 3000, "seed": 11, "weight_space": space, "ordinal": ordinal}
    base = smaa([a, b], [Fraction(2), Fraction(1)], **kwargs)
    assert len(base.members) == 2
    for k in (1, 2, 5):
        copies = smaa([a] * k + [b], [Fraction(2, k)] * k + [Fraction(1)], **kwargs)
        assert _without_members(copies) == _without_members(base), k
        assert copies.members == (base.members[0],) * k + (base.members[1],)
    # a member split into two identical halves of half their weight, anywhere in the list
    split = smaa([a, b, a], [Fraction(1), Fraction(1), Fraction(1)], **kwargs)
    assert _without_members(split) == _without_members(base)
    # k copies of one person are that person
    alone = smaa([a], **kwargs)
    for k in (2, 5):
        assert _without_members(smaa([a] * k, **kwargs)) == alone


def test_one_draw_per_sample_for_everyone(catalog: Catalog) -> None:
    # two people who state the same order (not the same importances, so not merged) get the same weights in every
    # sample under `order`: together they are exactly as firm as either alone
    rest = {c: 0 for c in catalog.criterion_ids}
    a = shipped(catalog, rest | {"roi": 5, "risk": 3, "impact": 3, "cost": 1, "horizon": 1})
    b = shipped(catalog, rest | {"roi": 4, "risk": 2, "impact": 2, "cost": 0.5, "horizon": 0.5})
    alone = smaa([a], samples=2000, seed=4, weight_space="order")
    pair = smaa([a, b], samples=2000, seed=4, weight_space="order")
    assert pair.acceptability == alone.acceptability
    assert pair.members[0] == pair.members[1] == pytest.approx(alone.combined_first(pair.winner), abs=1e-12)


@pytest.mark.parametrize(
    ("weights", "winner", "members"),
    [
        # the compromise C wins the group; each person alone always puts their own extreme first
        ((1, 1), ("c",), (0.0, 0.0)),
        ((3, 1), ("a",), (1.0, 0.0)),  # A wins: it is the first person's own first, never the second's
    ],
)
def test_members_chance_the_groups_winner_comes_first_for_them(
    weights: tuple[int, int], winner: tuple[str, ...], members: tuple[float, float]
) -> None:
    people = [prob_for(ANALYTIC, {"g1": 5, "g2": 0}), prob_for(ANALYTIC, {"g1": 0, "g2": 5})]
    group = smaa(people, [Fraction(w) for w in weights], samples=200, seed=1, weight_space="local", spread=0.0)
    assert (group.winner, group.members) == (winner, members)


def test_members_count_the_winners_identical_models_with_it(catalog: Catalog) -> None:
    # Table 2's professional-body and NGO partnerships are rated alike: the winner is both, and a member's chance
    # is that either comes first for them, which one member alone shares with the group's acceptability
    a = shipped(catalog, {"risk": 5, "cost": 5, "horizon": 4})
    group = smaa([a, a], samples=1000, seed=3)
    assert group.winner == TWINS
    assert group.members[0] == pytest.approx(group.combined_first(TWINS), abs=1e-12)


# -- every Monte Carlo figure with its error (issue 20) ------------------------------------------------


def test_acceptability_and_confidence_half_widths_are_the_binomial_bound(catalog: Catalog) -> None:
    samples = 400
    result = smaa([shipped(catalog, {"roi": 5, "impact": 4, "horizon": 3})], samples=samples, seed=5)
    for mid in result.model_ids:
        widths = result.acceptability_error[mid]
        assert len(widths) == len(result.model_ids)
        for p, width in zip(result.acceptability[mid], widths):
            assert width == pytest.approx(1.96 * math.sqrt(p * (1 - p) / samples), rel=1e-12, abs=1e-15)
        c = result.confidence[mid]
        if c is None:
            assert result.confidence_error[mid] is None
        else:
            assert result.confidence_error[mid] == pytest.approx(1.96 * math.sqrt(c * (1 - c) / samples), rel=1e-12)
    # the existing error is the largest first-rank chance's, one of them
    best = max(result.model_ids, key=lambda m: result.acceptability[m][0])
    assert result.error == result.acceptability_error[best][0]


def test_the_first_rank_half_width_covers_the_true_chance_about_95_percent_of_the_time() -> None:
    # free, two criteria: w1 ~ U(0, 1), A first exactly when w1 > 0.6: its true chance is 0.4
    prob = prob_for(ANALYTIC, {"g1": 1, "g2": 3})
    covered = 0
    for seed in range(100):
        result = smaa([prob], samples=400, seed=seed, weight_space="free")
        covered += abs(result.acceptability["a"][0] - 0.4) <= result.acceptability_error["a"][0]
    assert 88 <= covered <= 100


def test_central_weight_half_widths_in_an_analytic_case() -> None:
    # free, two criteria: A first when w1 > 0.6, so there w1 ~ U(0.6, 1) (sd 0.4 / sqrt 12), in 40% of the
    # samples; C first when 0.4 < w1 < 0.6 (sd 0.2 / sqrt 12), in 20%
    samples = 20_000
    result = smaa([prob_for(ANALYTIC, {"g1": 1, "g2": 3})], samples=samples, seed=2, weight_space="free")
    for mid, width, chance in (("a", 0.4, 0.4), ("b", 0.4, 0.4), ("c", 0.2, 0.2)):
        errors = result.central_error[mid]
        assert errors is not None
        expected = 1.96 * (width / math.sqrt(12)) / math.sqrt(chance * samples)
        # w2 = 1 - w1: the same spread on both criteria
        assert errors["g1"] == pytest.approx(expected, rel=0.03)
        assert errors["g2"] == pytest.approx(errors["g1"], rel=1e-6)
    # and each central weight's interval covers the true conditional mean about 95% of the time
    covered = 0
    for seed in range(100):
        found = smaa([prob_for(ANALYTIC, {"g1": 1, "g2": 3})], samples=400, seed=seed, weight_space="free")
        central, errors = found.central_weights["a"], found.central_error["a"]
        assert central is not None and errors is not None and errors["g1"] is not None
        covered += abs(central["g1"] - 0.8) <= errors["g1"]
    assert 88 <= covered <= 100


def test_central_weight_half_widths_from_the_raw_samples(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from mcstrat.analyses import robustness

    trace: list[Any] = []
    monkeypatch.setattr(robustness, "_TRACE", trace)
    monkeypatch.setattr(robustness, "CHUNK_FLOATS", 3_000)  # several chunks: the sums carry across them
    samples = 2_000
    prob = shipped(catalog, {"roi": 5, "impact": 4, "horizon": 3, "risk": 2})
    result = smaa([prob], samples=samples, seed=11)
    assert len(trace) > 1
    shares = np.concatenate([t[0] for t in trace])
    weights = np.concatenate([t[1] for t in trace])
    assert shares.shape == (samples, len(result.model_ids))
    assert weights.shape == (samples, len(prob.criteria))
    ids = [c.id for c in prob.criteria]
    for m, mid in enumerate(result.model_ids):
        f = shares[:, m]
        n = float(f.sum())
        assert n == pytest.approx(result.acceptability[mid][0] * samples, abs=1e-9)
        errors = result.central_error[mid]
        if n == 0:
            assert errors is None and result.central_weights[mid] is None
            continue
        assert errors is not None
        if n < 2:
            assert all(v is None for v in errors.values())
            continue
        # two passes, the deviations from the mean: another computation than the module's sums of squares
        mean = (f[:, None] * weights).sum(axis=0) / n
        variance = (f[:, None] * (weights - mean) ** 2).sum(axis=0) / (n - 1)
        central = result.central_weights[mid]
        assert central is not None
        for j, cid in enumerate(ids):
            assert central[cid] == pytest.approx(mean[j], abs=1e-12)
            assert errors[cid] == pytest.approx(1.96 * math.sqrt(variance[j] / n), rel=1e-7, abs=1e-12)


def test_half_widths_are_null_where_undefined_and_zero_where_certain() -> None:
    # g2 at 0: A always first at the weights (1, 0), so its central weights cannot spread; B and C never first
    certain = smaa([prob_for(ANALYTIC, {"g1": 5, "g2": 0})], samples=300, seed=1)
    assert certain.central_error == {"a": {"g1": 0.0, "g2": 0.0}, "b": None, "c": None}
    assert certain.confidence_error == {"a": 0.0, "b": None, "c": None}
    assert certain.acceptability_error["a"] == [0.0, 0.0, 0.0]
    # one sample: the model that came first did so once, too few to estimate a spread
    once = smaa([prob_for(ANALYTIC, {"g1": 1, "g2": 3})], samples=1, seed=1, weight_space="free")
    (winner,) = [m for m in once.model_ids if once.acceptability[m][0] == 1.0]
    assert once.central_error[winner] == {"g1": None, "g2": None}
    assert all(once.central_error[m] is None for m in once.model_ids if m != winner)


def test_half_widths_are_the_same_bytes_for_the_same_seed(catalog: Catalog) -> None:
    import json

    prob = shipped(catalog, {"roi": 5, "impact": 4, "horizon": 3, "risk": 2})

    def errors(seed: int) -> str:
        found = smaa([prob], samples=3_000, seed=seed)
        return json.dumps([found.acceptability_error, found.confidence_error, found.central_error])

    assert errors(4) == errors(4)
    assert errors(4) != errors(5)


# -- SMAA-O as published, and the table's own uncertainty (--rating-error) -----------------------------------


def independent_first(
    prob: Problem, samples: int, seed: int, *, ordinal: bool = False, q: float = 0.0, stated_space: bool = False
) -> list[float]:
    """First-place chances by a direct Monte Carlo written from the definitions, one sample at a time.

    Weights uniform over the stated weak order (`order`): sorted Dirichlet(1) values dealt to the tiers, a random
    order inside each; or (STATED_SPACE, importances and swing points) each statement uniform in its interval
    (Problem.bounds), normalised. For swing and ranking answers they are the effective weights e, turned into
    w ∝ e / r (r the problem's spans) except with --ordinal, where e applies directly to utilities rescaled so that
    the worst level any ranked cell covers is 0 and the best 1. Rating error: each cell one level down with chance q/2, up
    with q/2, both ends of a ranged cell, staying put at the scale's ends. Ties share the first place.
    """
    import numpy as np

    rng = np.random.default_rng([seed, 20])
    crit, n_models, n_crit = prob.criteria, len(prob.models), len(prob.criteria)
    stated = prob.stated or prob.importances
    levels = sorted({v for v in stated if v > 0}, reverse=True)
    live = [j for j in range(n_crit) if stated[j] > 0]
    swing = prob.weighting in ("swing", "ranking")
    firsts = [0.0] * n_models
    for _ in range(samples):
        w = [0.0] * n_crit
        if stated_space:
            picked = [float(lo) + float(hi - lo) * rng.random() for lo, hi in prob.bounds]
            w = [v / sum(picked) for v in picked]
        else:
            x = sorted(rng.dirichlet([1.0] * len(live)), reverse=True)
            dealt = 0
            for v in levels:
                tier = [j for j in range(n_crit) if stated[j] == v]
                for j, t in zip(tier, rng.permutation(len(tier))):
                    w[j] = x[dealt + int(t)]
                dealt += len(tier)
        if swing and not ordinal:
            w = [wj / float(r) if r > 0 else wj for wj, r in zip(w, prob.spans)]
            w = [wj / sum(w) for wj in w]
        scores = [0.0] * n_models
        for j, c in enumerate(crit):
            size = len(c.scale)
            cells = []
            for row in prob.ratings:
                lo, hi = row[j].lo, row[j].hi
                u = rng.random()
                if u < q / 2 and lo > 0:
                    lo, hi = lo - 1, hi - 1
                elif u >= 1 - q / 2 and hi < size - 1:
                    lo, hi = lo + 1, hi + 1
                cells.append((lo, hi))
            pos = [0.0, *sorted(rng.random(size - 2)), 1.0] if ordinal else [float(p) for p in c.positions()]

            def utility(p: float, j: int = j, c: Any = c, pos: list[float] = pos) -> float:
                if c.direction == "benefit":
                    return p
                if c.direction == "cost":
                    return 1 - p
                t = prob.targets[j]
                return 0.0 if t is None else 1 - abs(p - pos[t])

            values = []
            for lo, hi in cells:
                where = pos[lo] if lo == hi else pos[lo] + (pos[hi] - pos[lo]) * rng.random()
                values.append(utility(where))
            if ordinal:
                covered = [utility(pos[lv]) for lv in range(size) if any(lo <= lv <= hi for lo, hi in cells)]
                worst, best = min(covered), max(covered)
                values = [(v - worst) / (best - worst) if best > worst else 0.0 for v in values]
            for m in range(n_models):
                scores[m] += w[j] * values[m]
        top = max(scores)
        tied = [m for m in range(n_models) if scores[m] >= top - 1e-12]
        for m in tied:
            firsts[m] += 1 / len(tied)
    return [f / samples for f in firsts]


def close(module: float, mine: float, n_module: int, n_mine: int) -> bool:
    """Two independent Monte Carlo estimates of one chance agree within 4 standard errors of their difference."""
    p = (module + mine) / 2
    return abs(module - mine) <= 4 * math.sqrt(max(p * (1 - p), 1e-4) * (1 / n_module + 1 / n_mine))


FINANCE = {"swing": {"risk": 100, "cost": 80, "roi": 60, "speed": "100/3"}, "target_horizon": "H2"}


def finance(catalog: Catalog) -> Problem:
    """examples/team/finance.yaml's swing answers."""
    return problem(catalog, Priorities.build(catalog, **FINANCE))  # type: ignore[arg-type]


def example(catalog: Catalog) -> Problem:
    """examples/answers.yaml's importances, target, exclusion and limit."""
    importances = {
        "effort": 2, "horizon": 3, "risk": "high", "autonomy": 4, "speed": 3, "cost": "medium", "impact": 4, "roi": 5
    }  # fmt: skip
    built = Priorities.build(catalog, importances, target_horizon="H1", exclude=["opx-led"], require=["risk<=MED"])
    return problem(catalog, built)


def test_smaa_o_on_finance_swing_case_matches_an_independent_sampler(catalog: Catalog) -> None:
    prob = finance(catalog)
    result = smaa([prob], samples=20_000, seed=3, ordinal=True, weight_space="order")
    mine = independent_first(prob, 4000, seed=3, ordinal=True)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 4000), (mid, result.acceptability[mid][0], mine[m])
    # the industry partnership and the two partnerships rated like it on every criterion finance weighs share the
    # first place: together about 99% or more (the issue's SMAA-O figure), a third each
    together = result.combined_first(("industry-partnership", *TWINS))
    assert together >= 0.99
    assert result.acceptability["industry-partnership"][0] == pytest.approx(together / 3, abs=1e-12)
    assert_normalised(result)


def test_smaa_o_with_a_target_exclusions_and_limits_matches_an_independent_sampler(catalog: Catalog) -> None:
    # the example: importances read as effective weights, horizon's fit to H1 rescaled over the ranked models
    prob = example(catalog)
    result = smaa([prob], samples=20_000, seed=5, ordinal=True, weight_space="order")
    mine = independent_first(prob, 3000, seed=5, ordinal=True)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 3000), (mid, result.acceptability[mid][0], mine[m])


@pytest.mark.parametrize("who", ["finance", "example"])
def test_smaa_o_in_the_stated_space_matches_an_independent_sampler(catalog: Catalog, who: str) -> None:
    # each statement anywhere in what it stands for (swing points ±5, an importance ±0.5), read as effective weights
    prob = finance(catalog) if who == "finance" else example(catalog)
    result = smaa([prob], samples=20_000, seed=7, ordinal=True, weight_space="stated")
    mine = independent_first(prob, 3000, seed=7, ordinal=True, stated_space=True)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 3000), (mid, result.acceptability[mid][0], mine[m])


def test_rating_error_in_the_stated_space_matches_an_independent_sampler(catalog: Catalog) -> None:
    prob = example(catalog)
    result = smaa([prob], samples=20_000, seed=8, rating_error=0.1, weight_space="stated")
    mine = independent_first(prob, 3000, seed=8, q=0.1, stated_space=True)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 3000), (mid, result.acceptability[mid][0], mine[m])


@pytest.mark.parametrize("space", ["order", "stated"])
@pytest.mark.parametrize(
    "swing",
    [
        FINANCE["swing"],
        # speed's range over the ranked models is twice risk's, so weights w ∝ e / r would put risk above speed
        {"speed": 100, "risk": 85, "roi": 50},
    ],
)
def test_smaa_o_keeps_the_stated_swing_order_in_every_sample(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch, space: str, swing: dict[str, Any]
) -> None:
    # the swing points, even ±5 each, never overlap, so every sample's effective weights keep their order
    import mcstrat.analyses.robustness as robustness

    trace: list[Any] = []
    monkeypatch.setattr(robustness, "_TRACE", trace)
    prob = problem(catalog, Priorities.build(catalog, swing=swing, target_horizon="H2"))
    smaa([prob], samples=2000, seed=8, ordinal=True, weight_space=space)
    ids = [c.id for c in prob.criteria]
    weights = trace[0][1]  # samples x criteria: the weights applied, here the effective weights
    named = sorted(swing, key=lambda c: -float(Fraction(swing[c])))
    for higher, lower in itertools.pairwise(named):
        assert (weights[:, ids.index(higher)] > weights[:, ids.index(lower)]).all(), (higher, lower)
    assert (weights[:, [ids.index(c) for c in ids if c not in swing]] == 0).all()


def test_smaa_o_zero_and_one_are_the_ranked_models_worst_and_best_levels() -> None:
    # every ranked model is M or H on g1: M is worth 0 and H 1 whatever the draw, so with g1 alone a (H) always wins,
    # and on g2 the only covered levels are L and M, so M is worth 1 there
    catalog = custom(
        [benefit("g1"), benefit("g2")],
        [model("a", g1="H", g2="L"), model("b", g1="M", g2="M"), model("c", g1="L", g2="H")],
    )
    built = Priorities.build(catalog, {"g1": 3, "g2": 3}, exclude=["c"])
    result = smaa([problem(catalog, built)], samples=2000, seed=2, ordinal=True, weight_space="order")
    # a = (1, 0) and b = (0, 1) in every sample: each first exactly when its weight is the larger, half the time
    assert result.acceptability["a"][0] == pytest.approx(0.5, abs=0.035)
    assert result.acceptability["a"][0] + result.acceptability["b"][0] == pytest.approx(1.0)


@pytest.mark.parametrize("q", [0.1, 0.3])
def test_rating_error_on_the_example_matches_an_independent_sampler(catalog: Catalog, q: float) -> None:
    prob = example(catalog)
    result = smaa([prob], samples=20_000, seed=4, rating_error=q, weight_space="order")
    mine = independent_first(prob, 4000, seed=4, q=q)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 4000), (mid, result.acceptability[mid][0], mine[m])
    assert result.rating_error == q
    assert_normalised(result)


def test_rating_error_on_the_example_reproduces_the_issue(catalog: Catalog) -> None:
    prob = example(catalog)
    plain = smaa([prob], samples=20_000, seed=1, weight_space="order")
    off = smaa([prob], samples=20_000, seed=1, rating_error=0.1, weight_space="order")
    # the issue: 86% with the table as rated; with each cell one level off with probability 0.1 the issue's own
    # computation gave 63%, this definition (a ranged cell moves both ends, limits settled on the table as rated)
    # gives 61%, which the independent sampler above confirms
    winner = "institutional-business-unit"
    assert plain.acceptability[winner][0] == pytest.approx(0.86, abs=0.01)
    assert off.acceptability[winner][0] == pytest.approx(0.61, abs=0.01)


def test_rating_error_with_smaa_o_matches_an_independent_sampler(catalog: Catalog) -> None:
    prob = finance(catalog)
    result = smaa([prob], samples=20_000, seed=6, ordinal=True, rating_error=0.2, weight_space="order")
    mine = independent_first(prob, 3000, seed=6, ordinal=True, q=0.2)
    for m, mid in enumerate(result.model_ids):
        assert close(result.acceptability[mid][0], mine[m], 20_000, 3000), (mid, result.acceptability[mid][0], mine[m])


def test_rating_error_zero_is_the_table_as_rated_to_the_bit(catalog: Catalog) -> None:
    prob = example(catalog)
    assert smaa([prob], samples=3000, seed=5, rating_error=0.0, weight_space="order") == smaa(
        [prob], samples=3000, seed=5, weight_space="order"
    )
    assert smaa([prob], samples=3000, seed=5, rating_error=0.05, weight_space="order") != smaa(
        [prob], samples=3000, seed=5, weight_space="order"
    )


@pytest.mark.parametrize("ordinal", [False, True])
def test_rating_error_same_seed_same_numbers(catalog: Catalog, ordinal: bool) -> None:
    prob = example(catalog)
    one = smaa([prob], samples=3000, seed=12, rating_error=0.2, ordinal=ordinal, weight_space="order")
    assert smaa([prob], samples=3000, seed=12, rating_error=0.2, ordinal=ordinal, weight_space="order") == one
    assert smaa([prob], samples=3000, seed=13, rating_error=0.2, ordinal=ordinal, weight_space="order") != one


@pytest.mark.parametrize("q", [-0.01, 0.51, 1.0, math.nan, math.inf, True, "0.1"])
def test_rating_error_out_of_range_is_refused(catalog: Catalog, q: Any) -> None:
    with pytest.raises(InputError, match=r"--rating-error must be a chance from 0 to 0\.5"):
        smaa([example(catalog)], samples=100, rating_error=q, weight_space="order")


@pytest.mark.parametrize("q", [0, 0.5])
def test_rating_error_bounds_are_accepted(catalog: Catalog, q: float) -> None:
    assert_normalised(smaa([example(catalog)], samples=500, rating_error=q))


def test_rating_error_moves_cells_and_stays_on_the_scale() -> None:
    # one criterion, a at H and b at L: with Q = 1/2, a goes down (to M) a quarter of the time and never up;
    # b goes up a quarter of the time. b comes first only when a is at M and b... never: M > L, M = M ties
    catalog = custom([benefit("g1")], [model("a", g1="H"), model("b", g1="L")])
    result = smaa([prob_for(catalog, {"g1": 3})], samples=20_000, seed=1, rating_error=0.5, weight_space="order")
    # a moves down with 1/4, b up with 1/4: both then M (a tie, half each) with 1/16; otherwise a is ahead
    assert result.acceptability["b"][0] == pytest.approx(1 / 32, abs=0.004)


def test_a_ranged_cell_moves_both_ends() -> None:
    # a = L/M (scored as drawn anywhere in [0, 1/2]) against b = M: moved up, a is M/H in [1/2, 1] and always ahead;
    # a cannot move down (L is the bottom), and b moving is independent
    catalog = custom([benefit("g1")], [model("a", g1="L/M"), model("b", g1="M")])
    result = smaa([prob_for(catalog, {"g1": 3})], samples=40_000, seed=2, rating_error=0.4, weight_space="order")
    # P(a first) = P(a up) (1 - P(b up)) + P(a stays) P(b down) + P(a up) P(b up) P(U > 1/2)... worked out:
    # a up 0.2, stays 0.8; b up 0.2, down 0.2, stays 0.6. a first: up & b stays/down (0.2 x 0.8) -> 1, up & b up
    # (0.2 x 0.2) -> a in [1/2, 1] vs b at H = 1: never; stays & b down (0.8 x 0.2) -> a in [0, 1/2] vs 0: always;
    # stays & b stays: never (a <= 1/2 = b, a tie only on a null set)
    assert result.acceptability["a"][0] == pytest.approx(0.2 * 0.8 + 0.8 * 0.2, abs=0.01)


def test_identical_members_share_the_cells_draws(catalog: Catalog) -> None:
    # two members whose statements differ only in a target that carries no weight: not merged, yet the group's
    # scores are one member's in every sample only if both see the same weights and the same moved cells
    one = shipped(catalog, {"roi": 5, "risk": 3, "impact": 2, "horizon": 0}, target="H1")
    two = shipped(catalog, {"roi": 5, "risk": 3, "impact": 2, "horizon": 0}, target="H3")
    alone = smaa([one], samples=3000, seed=9, rating_error=0.2, weight_space="order")
    group = smaa([one, two], [Fraction(1), Fraction(1)], samples=3000, seed=9, rating_error=0.2, weight_space="order")
    for mid in alone.model_ids:
        assert group.acceptability[mid] == pytest.approx(alone.acceptability[mid], abs=1e-12)
    assert group.members == pytest.approx((alone.combined_first(group.winner),) * 2, abs=1e-12)
    # and a group of identical members is exactly one of them
    assert smaa(
        [one, one], [Fraction(1), Fraction(2)], samples=3000, seed=9, rating_error=0.2, weight_space="order"
    ).acceptability == (alone.acceptability)


@pytest.mark.parametrize("ordinal", [False, True])
def test_a_dominated_model_can_come_first_only_with_rating_error(ordinal: bool) -> None:
    # b is dominated by a (never ahead of it with the table as rated, at any spacing of the levels); once cells
    # may be one level off, b at H and a at M happen, and b then comes first
    from mcstrat.analyses.potential import dominated_by

    catalog = custom([benefit("g1"), benefit("g2")], [model("a", g1="H", g2="M"), model("b", g1="M", g2="M")])
    prob = prob_for(catalog, {"g1": 3, "g2": 2})
    assert dominated_by([prob], ordinal) == {"a": (), "b": ("a",)}
    assert smaa([prob], samples=5000, seed=3, ordinal=ordinal, weight_space="order").acceptability["b"][0] == 0.0
    assert (
        smaa([prob], samples=5000, seed=3, ordinal=ordinal, rating_error=0.3, weight_space="order").acceptability["b"][
            0
        ]
        > 0.01
    )


@pytest.mark.parametrize("space", ["order", "stated"])
@pytest.mark.parametrize(
    "swing",
    [
        {"risk": 100, "roi": 60, "speed": "100/3"},
        {"speed": 100, "risk": 85, "roi": 50},
        {"horizon": 100, "roi": 90, "impact": 50, "effort": 30},
        {"autonomy": 100, "cost": 70, "speed": 40},
    ],
)
def test_smaa_o_never_contradicts_what_can_win(catalog: Catalog, space: str, swing: dict[str, Any]) -> None:
    # one value model: a model said unable to come first under SMAA-O's weights never comes first in its samples
    from mcstrat.analyses.potential import potential

    prob = problem(catalog, Priorities.build(catalog, swing=swing, target_horizon="H2"))
    result = smaa([prob], samples=5000, seed=2, ordinal=True, weight_space=space)
    found = potential([prob], ordinal=True, space=space)
    for mid in result.model_ids:
        if not found[mid][space].possible:
            assert result.acceptability[mid][0] == 0.0, mid
        if result.acceptability[mid][0] > 0:
            assert found[mid][space].possible, mid


def test_what_can_win_under_smaa_o_leaves_out_spacings_it_never_draws(catalog: Catalog) -> None:
    # risk counts most and no ranked model is rated HIGH on it, so LOW is always worth 1 and MED 0: the
    # institutional business unit (risk MED) can at best tie the MOOC route (risk LOW), never lead it
    from mcstrat.analyses.potential import potential

    prob = problem(catalog, Priorities.build(catalog, swing={"risk": 100, "roi": 60, "speed": "100/3"}))
    found = potential([prob], ordinal=True)["institutional-business-unit"]["order"]
    assert found.possible and found.margin == 0.0
    result = smaa([prob], samples=5000, seed=2, ordinal=True, weight_space="order")
    assert result.acceptability["institutional-business-unit"][0] == 0.0

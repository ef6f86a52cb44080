"""Weight stability intervals on the aggregate model, checked by exact re-scoring (stability.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mcstrat.analyses.aggregate import distinct
from mcstrat.analyses.ranking import Problem, problem, rank, weights
from mcstrat.analyses.stability import StabilityInterval, stability
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities
from mcstrat.core.vocabulary import RANGE_MODES
from mcstrat.files.models import catalog_from_data
from tests.conftest import tiny_catalog_data

from .test_robustness import TWINS, benefit, cost, custom, custom_problems, model, prob_for, shipped

EPS = Fraction(1, 10**12)


# -- stability: checked by exact re-scoring --------------------------------------------------------


def group_weight(problems: list[Problem], shares: list[Fraction], j: int) -> Fraction:
    return sum((lam * weights(p.importances)[j] for lam, p in zip(shares, problems)), Fraction(0))


def scores_at(problems: list[Problem], shares: list[Fraction], j: int, x: Fraction) -> list[Fraction]:
    """Group scores with criterion J's group weight moved to X, every other weight rescaled in proportion.

    Computed from each stakeholder's own weights and utilities: the group's utilities held, moving W_j
    to x scales every stakeholder's weight on j by x / W_j and their other weights by (1 - x) / (1 - W_j).
    """
    wj = group_weight(problems, shares, j)
    k = (1 - x) / (1 - wj)
    out = []
    for m in range(len(problems[0].models)):
        total = Fraction(0)
        if wj == 0:  # no one weighs j: its group utility is the share-weighted mean (of those with a target)
            has = [
                (lam, p.utilities()[m][j])
                for lam, p in zip(shares, problems)
                if p.criteria[j].direction != "target" or p.targets[j] is not None
            ]
            total += x * sum((lam * u for lam, u in has), Fraction(0)) / sum((lam for lam, _ in has), Fraction(0))
        for lam, p in zip(shares, problems):
            w, u = weights(p.importances), p.utilities()[m]
            for c in range(len(w)):
                total += lam * (w[c] * x / wj if c == j and wj else (k * w[c] if c != j else 0)) * u[c]
        out.append(100 * total)
    return out


def verify(
    problems: list[Problem], result: dict[str, StabilityInterval], stakeholder: list[Fraction] | None = None
) -> None:
    """Every bound holds by re-scoring just inside and just outside it."""
    given = stakeholder or [Fraction(1)] * len(problems)
    shares = [w / sum(given, Fraction(0)) for w in given]
    first = problems[0]
    ids = [m.id for m in first.models]
    group = len(distinct(problems, shares)[0]) > 1  # identical stakeholders are one person
    plain = [sum((lam * s for lam, s in zip(shares, ss)), Fraction(0)) for ss in zip(*(
        [100 * sum((a * b for a, b in zip(weights(p.importances), row)), Fraction(0)) for row in p.utilities()]
        for p in problems))]  # fmt: skip
    top = plain.index(max(plain))

    def share_of(j: int, value: Fraction) -> Fraction:
        """One person: an importance -> its share of the weight, the other importances held."""
        if group:
            return value
        rest = sum(first.importances, Fraction(0)) - first.importances[j]
        return value / (rest + value)

    def leader(j: int, x: Fraction) -> tuple[bool, str]:
        scores = scores_at(problems, shares, j, x)
        return scores[top] == max(scores), ids[scores.index(max(scores))]

    expected = [
        c.id
        for j, c in enumerate(first.criteria)
        if c.direction != "target" or any(p.targets[j] is not None for p in problems)
    ]
    assert list(result) == expected
    for j, crit in enumerate(first.criteria):
        if crit.id not in result:
            continue
        iv = result[crit.id]
        assert iv.scale == ("weight" if group else "importance")
        if group:
            assert iv.importance == group_weight(problems, shares, j)
        else:
            assert iv.importance == first.importances[j]
        wj = group_weight(problems, shares, j)
        if wj == 1:
            continue
        assert 0 <= iv.low <= iv.importance and (iv.high is None or iv.importance <= iv.high)
        ends = [share_of(j, iv.low), wj, Fraction(1) if iv.high is None else share_of(j, iv.high)]
        for x in ends:
            if x < 1:
                assert leader(j, x)[0], (crit.id, x)
        if iv.below is None:
            assert iv.low == 0
        else:
            assert leader(j, share_of(j, iv.low) - EPS) == (False, iv.below), crit.id
        if iv.high is None or (group and iv.high == 1):
            assert iv.above is None
        else:
            assert leader(j, share_of(j, iv.high) + EPS) == (False, iv.above), crit.id


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
    # the business unit would overtake at roi 7: beyond the 0..5 scale, but still named
    assert result["roi"] == StabilityInterval(
        "roi", Fraction(5), Fraction(0), Fraction(7), None, "institutional-business-unit"
    )
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
        # pain y, gain 3: t = 3 + y/2 vs m = y: m overtakes at y = 6, beyond the 0..5 scale, still named
        ("far", {"gain": 3, "pain": 1}, "pain", (Fraction(1), Fraction(0), Fraction(6), None, "m")),
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
    cat = {"cross": CROSS, "far": FAR}.get(catalog_data or "", catalog_from_data(tiny_catalog_data()))
    prob = prob_for(cat, importances)
    result = stability([prob])
    iv = result[criterion]
    assert (iv.importance, iv.low, iv.high, iv.below, iv.above) == expected
    verify([prob], result)


def test_one_criterion_alone_is_stable_everywhere() -> None:
    prob = prob_for(catalog_from_data(tiny_catalog_data()), {"gain": 2, "pain": 0})
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


def test_identical_stakeholders_are_one_person(catalog: Catalog) -> None:
    """Two copies of one person (whatever their weights) are that person: the same intervals, on their own scale."""
    one = shipped(catalog, {"speed": 5, "horizon": 2})
    other = shipped(catalog, {"roi": 5, "horizon": 2})
    alone, pair = stability([one]), stability([one, one], [Fraction(2), Fraction(5)])
    assert pair == alone and all(iv.scale == "importance" for iv in pair.values())
    assert all(iv.scale == "weight" for iv in stability([one, other]).values())  # two voices: group shares


def test_a_large_group_with_one_decimal_importances(catalog: Catalog) -> None:
    # refused before (too many different totals): now linear, exact and quick for any group
    import random

    rnd = random.Random(4)
    people = [
        shipped(
            catalog,
            {c.id: f"{rnd.randint(0, 50) / 10:.1f}" for c in catalog.criteria if c.id != "horizon"}
            | {"horizon": "2.5"},
        )
        for _ in range(30)
    ]
    result = stability(people)
    assert len(result) == 8
    verify(people, result)


# -- properties ----------------------------------------------------------------------------------

LEVELS = st.sampled_from([0, 0.5, 1, 2, 3, 4, 5])
CRITERIA = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
PRIORITIES = st.fixed_dictionaries({c: LEVELS for c in CRITERIA})
TARGET = st.sampled_from(["H1", "H2", "H3"])
RANGES = st.sampled_from(RANGE_MODES)


def shipped_or_skip(catalog: Catalog, importances: dict[str, Any], target: str, ranges: str) -> Problem:
    assume(any(v for v in importances.values()))
    return shipped(catalog, importances, target=target, ranges=ranges)


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


@settings(max_examples=60, deadline=None)
@given(custom_problems())
def test_property_any_catalogue_stability_holds_by_rescoring(case: tuple[list[Problem], list[Fraction]]) -> None:
    problems, weights = case
    verify(problems, stability(problems, weights), weights)

"""The scoring engine (analyses/ranking.py): hand-worked cases, ties, ranges, horizon fit, constraints, properties."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat.analyses.ranking import competition_ranks, rank
from mcstrat.core.catalog import Catalog, Rating
from mcstrat.core.priorities import Priorities
from mcstrat.core.utility import cell_interval, level_utilities, pick
from mcstrat.errors import InputError
from mcstrat.files.models import catalog_from_data

EXAMPLE = {
    "effort": 2,
    "horizon": 3,
    "risk": "high",
    "autonomy": 4,
    "speed": 3,
    "cost": "medium",
    "impact": 4,
    "roi": 5,
}


def scores(result: Any) -> dict[str, F]:
    return {r.model.id: r.score for r in result.ranking}


def test_examples_answers_by_hand(catalog: Catalog) -> None:
    """examples/answers.yaml worked by hand: importances sum to 27.

    institutional-business-unit: effort MED 1/2, horizon H2/H3 vs H1 = [0, 1/2] -> 1/4, risk MED 1/2,
    autonomy HIGH 1, speed HIGH 1, cost MED 1/2, impact MED/HIGH 3/4, roi MED/HIGH 3/4
    -> 2/2 + 3/4 + 4/2 + 4 + 3 + 2/2 + 4*3/4 + 5*3/4 = 18.5 -> 100 * 18.5 / 27 = 1850/27.
    professional-body-partnership: 1 + 3 + 4 + 2 + 1.5 + 2 + 2 + 2.5 = 18 -> 1800/27.
    """
    pri = Priorities.build(catalog, EXAMPLE, targets={"horizon": "H1"}, exclude=["opx-led"], require=["risk<=MED"])
    result = rank(catalog, pri)
    got = scores(result)
    assert got["institutional-business-unit"] == F(1850, 27)
    assert got["professional-body-partnership"] == F(1800, 27) == got["ngo-partnership"]
    assert [(r.rank, r.tied, r.model.id) for r in result.ranking[:4]] == [
        (1, False, "institutional-business-unit"),
        (2, True, "professional-body-partnership"),
        (2, True, "ngo-partnership"),
        (4, False, "industry-partnership"),
    ]
    assert [(e.model.id, e.reason) for e in result.excluded] == [("opx-led", "excluded by request")]
    assert sum(cw.weight for cw in result.criteria) == 1


def test_contributions_sum_to_score(catalog: Catalog) -> None:
    result = rank(catalog, Priorities.build(catalog, EXAMPLE, targets={"horizon": "H1"}))
    for r in result.ranking:
        assert sum(r.contributions.values()) == r.score


@pytest.mark.parametrize(
    ("direction", "target", "expected"),
    [
        ("benefit", None, [F(0), F(1, 2), F(1)]),
        ("cost", None, [F(1), F(1, 2), F(0)]),
        ("target", 0, [F(1), F(1, 2), F(0)]),
        ("target", 1, [F(1, 2), F(1), F(1, 2)]),
        ("target", 2, [F(0), F(1, 2), F(1)]),
    ],
)
def test_level_utilities(catalog: Catalog, direction: str, target: int | None, expected: list[F]) -> None:
    crit = catalog.criterion("risk")._replace(direction=direction)
    assert level_utilities(crit, target) == expected


@pytest.mark.parametrize(
    ("rating", "target", "interval", "midpoint"),
    [
        ("H1", "H1", (F(1), F(1)), F(1)),
        ("H2", "H1", (F(1, 2), F(1, 2)), F(1, 2)),
        ("H2/H3", "H1", (F(0), F(1, 2)), F(1, 4)),
        ("H1/H2", "H1", (F(1, 2), F(1)), F(3, 4)),
        ("H1/H2", "H2", (F(1, 2), F(1)), F(3, 4)),
        ("H2/H3", "H3", (F(1, 2), F(1)), F(3, 4)),
        ("H1/H3", "H2", (F(1, 2), F(1)), F(3, 4)),  # a range spanning the target fits it at best
    ],
)
def test_horizon_fit(catalog: Catalog, rating: str, target: str, interval: tuple[F, F], midpoint: F) -> None:
    crit = catalog.criterion("horizon")
    ends = [crit.level_index(p) for p in rating.split("/")]
    levels = level_utilities(crit, crit.level_index(target))
    got = cell_interval(levels, Rating(rating, ends[0] or 0, ends[-1] or 0))
    assert got == interval
    assert pick(got, "midpoint") == midpoint
    assert (pick(got, "pessimistic"), pick(got, "optimistic")) == interval


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        # tiny catalogue, gain and pain equally important; gamma is gain LOW/MED [0, 1/2], pain MED 1/2
        ("midpoint", {"alpha": F(50), "beta": F(50), "gamma": F(75, 2)}),
        ("optimistic", {"alpha": F(50), "beta": F(50), "gamma": F(50)}),
        ("pessimistic", {"alpha": F(50), "beta": F(50), "gamma": F(25)}),
    ],
)
def test_ranges_modes(tiny_catalog: Catalog, mode: str, expected: dict[str, F]) -> None:
    result = rank(tiny_catalog, Priorities.build(tiny_catalog, {"gain": 1, "pain": 1}, ranges=mode))
    assert scores(result) == expected


def test_three_way_tie_shares_rank_and_keeps_file_order(tiny_catalog: Catalog) -> None:
    result = rank(tiny_catalog, Priorities.build(tiny_catalog, {"gain": 1, "pain": 1}, ranges="optimistic"))
    assert [(r.rank, r.tied, r.model.id) for r in result.ranking] == [
        (1, True, "alpha"),
        (1, True, "beta"),
        (1, True, "gamma"),
    ]
    assert len(result.top) == 3


def test_exact_arithmetic_keeps_ties_floats_would_break() -> None:
    """0.1 + 0.2 == 0.3 exactly here; in floats 0.1 + 0.2 is 0.30000000000000004 and the tie would break."""

    def crit(cid: str, middle: float) -> dict[str, Any]:
        return {
            "id": cid,
            "label": cid,
            "meaning": "m",
            "direction": "benefit",
            "scale": ["L", "M", "H"],
            "values": [0, middle, 1],
        }

    def model(mid: str, a: str, b: str, c: str) -> dict[str, Any]:
        return {
            "id": mid,
            "name": mid,
            "description": "d",
            "ratings": {"a": a, "b": b, "c": c},
            "strengths": "s",
            "weaknesses": "w",
        }

    assert 0.1 + 0.2 != 0.3
    catalog = catalog_from_data(
        {
            "version": 1,
            "criteria": [crit("a", 0.1), crit("b", 0.2), crit("c", 0.3)],
            "models": [model("one", "M", "M", "L"), model("two", "L", "L", "M")],
        }
    )
    result = rank(catalog, Priorities.build(catalog, {"a": 1, "b": 1, "c": 1}))
    assert [r.score for r in result.ranking] == [F(10), F(10)]
    assert [(r.rank, r.tied) for r in result.ranking] == [(1, True), (1, True)]


def test_competition_ranks() -> None:
    assert competition_ranks([F(9), F(7), F(7), F(5), F(5), F(5), F(1)]) == [
        (1, False),
        (2, True),
        (2, True),
        (4, True),
        (4, True),
        (4, True),
        (7, False),
    ]


def test_constraints_exclude_with_reasons(catalog: Catalog) -> None:
    pri = Priorities.build(catalog, {"roi": 5}, require=["risk<=LOW", "autonomy>=MED"], exclude=["sole"])
    result = rank(catalog, pri)
    reasons = {e.model.id: e.reasons for e in result.excluded}
    assert reasons["sole-institution"] == ("excluded by request",)
    assert reasons["opx-led"] == ("breaks risk<=LOW (rated MED)", "breaks autonomy>=MED (rated LOW)")
    assert "peer-consortium" in reasons and "institutional-business-unit" in reasons
    assert {r.model.id for r in result.ranking} | set(reasons) == set(catalog.model_ids)


def test_ranged_cell_must_meet_constraint_throughout(catalog: Catalog) -> None:
    result = rank(catalog, Priorities.build(catalog, {"roi": 5}, require=["impact>=MED"]))
    dropped = {e.model.id for e in result.excluded}
    assert dropped == {"sole-institution", "mooc-led"}  # LOW/MED dips below MED


def test_nothing_left_names_the_constraints(catalog: Catalog) -> None:
    with pytest.raises(
        InputError,
        match=r"^no model is left to rank after excluding sole-institution and the limits risk<=LOW, autonomy>=HIGH; "
        "relax",
    ):
        Priorities.build(catalog, {"roi": 5}, require=["risk<=LOW", "autonomy>=HIGH"], exclude=["sole"])


def test_roi_only_prefers_the_high_roi_models(catalog: Catalog) -> None:
    ranking = rank(catalog, Priorities.build(catalog, {c: 0 for c in catalog.criterion_ids} | {"roi": 5})).ranking
    assert [(r.rank, r.model.id) for r in ranking[:2]] == [(1, "institutional-business-unit"), (1, "opx-led")]
    assert ranking[0].score == F(75)


# -- properties ---------------------------------------------------------------------------

CRITERIA = ["effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi"]
importance = st.fractions(min_value=0, max_value=5, max_denominator=8)
importances = st.fixed_dictionaries({c: importance for c in CRITERIA}).filter(lambda d: any(d.values()))
modes = st.sampled_from(["midpoint", "optimistic", "pessimistic"])
targets = st.sampled_from(["H1", "H2", "H3"])


def _rank(catalog: Catalog, imps: dict[str, F], target: str, mode: str) -> Any:
    return rank(
        catalog,
        Priorities.build(catalog, {k: str(v) for k, v in imps.items()}, targets={"horizon": target}, ranges=mode),
    )


@settings(max_examples=60, deadline=None)
@given(
    imps=importances, k=st.fractions(min_value=F(1, 10), max_value=1, max_denominator=10), target=targets, mode=modes
)
def test_scaling_importances_changes_nothing(
    catalog: Catalog, imps: dict[str, F], k: F, target: str, mode: str
) -> None:
    a = _rank(catalog, imps, target, mode)
    b = _rank(catalog, {c: v * k for c, v in imps.items()}, target, mode)
    assert [(r.rank, r.model.id, r.score) for r in a.ranking] == [(r.rank, r.model.id, r.score) for r in b.ranking]


@settings(max_examples=60, deadline=None)
@given(imps=importances, target=targets, mode=modes)
def test_scores_stay_between_0_and_100(catalog: Catalog, imps: dict[str, F], target: str, mode: str) -> None:
    for r in _rank(catalog, imps, target, mode).ranking:
        assert 0 <= r.score <= 100
        assert sum(r.contributions.values()) == r.score


@settings(max_examples=80, deadline=None)
@given(
    imps=importances,
    target=targets,
    mode=modes,
    model=st.integers(0, 7),
    crit=st.sampled_from(["effort", "risk", "autonomy", "speed", "cost", "impact", "roi"]),
)
def test_improving_a_rating_never_lowers_the_score(
    catalog: Catalog, imps: dict[str, F], target: str, mode: str, model: int, crit: str
) -> None:
    before = scores(_rank(catalog, imps, target, mode))
    mid = catalog.models[model].id
    scale = catalog.criterion(crit).scale
    direction = catalog.criterion(crit).direction
    best = scale[-1] if direction == "benefit" else scale[0]
    data = catalog.to_data()
    data["models"][model]["ratings"][crit] = best
    improved = catalog_from_data(data)
    after = scores(_rank(improved, imps, target, mode))
    assert after[mid] >= before[mid]
    assert all(after[m] == before[m] for m in before if m != mid)

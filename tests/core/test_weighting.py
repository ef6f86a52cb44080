"""Effective weights, swing points and criteria rankings: hand-worked cases and invariants."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat.analyses.ranking import rank, spans
from mcstrat.core.priorities import Priorities, combine
from mcstrat.core.weighting import (
    effective_weights,
    importances_for,
    order_differs,
    parse_points,
    parse_ranking,
    ranking_text,
    ranking_weights,
    roc_weights,
)
from mcstrat.errors import InputError
from mcstrat.files.answers import load_answers
from mcstrat.files.models import catalog_from_data, load_catalog
from tests.conftest import EXAMPLE_ANSWERS

CAT = load_catalog()
F = Fraction


def effective(priorities: Priorities) -> dict[str, Fraction]:
    return {cw.criterion.id: cw.effective for cw in rank(CAT, priorities).criteria}


def test_roc_weights_of_four_positions() -> None:
    # (1/4)(1 + 1/2 + 1/3 + 1/4), (1/4)(1/2 + 1/3 + 1/4), (1/4)(1/3 + 1/4), (1/4)(1/4)
    assert roc_weights(4) == [F(25, 48), F(13, 48), F(7, 48), F(1, 16)]
    assert sum(roc_weights(7)) == 1


def test_roc_weights_of_four_criteria_with_a_tie() -> None:
    """a > b = c > d: b and c share the mean of positions 2 and 3, (13/48 + 7/48) / 2 = 5/24."""
    groups = parse_ranking(CAT, "risk > roi = impact > speed", "ranking")
    assert groups == [["risk"], ["roi", "impact"], ["speed"]]
    assert ranking_weights(groups) == {"risk": F(25, 48), "roi": F(5, 24), "impact": F(5, 24), "speed": F(1, 16)}


def test_ranking_answers_give_roc_effective_weights_exactly() -> None:
    p = Priorities.build(CAT, ranking="risk > roi = impact > speed")
    e = effective(p)
    assert e == {"effort": 0, "horizon": 0, "risk": F(25, 48), "autonomy": 0, "speed": F(1, 16), "cost": 0,
                 "impact": F(5, 24), "roi": F(5, 24)}  # fmt: skip
    assert p.weighting == "ranking" and p.stated == e
    assert p.defaulted == {"effort", "horizon", "autonomy", "cost"}  # not named: weight 0


def test_effective_weights_of_the_example_file() -> None:
    """Ranges under target H1, midpoint, over the models ranked (OPX excluded): effort, speed 1; horizon 3/4;
    autonomy 1/2 (OPX, the only LOW, is left out: MED to HIGH); risk, cost, impact, roi 1/2.

    w x r is 2, 9/4, 2, 2, 3, 1, 2, 5/2 (sum 67/4): speed (importance 3) outweighs roi (importance 5), and
    autonomy weighs 8/67 (12%), not the 16/75 (21%) the whole table's range would give it.
    """
    p = combine(CAT, load_answers(EXAMPLE_ANSWERS), _no_flags())
    assert p.exclude == ("opx-led",)
    r = spans(CAT, p, [m for m in CAT.models if m.id != "opx-led"])
    assert r == {"effort": 1, "horizon": F(3, 4), "risk": F(1, 2), "autonomy": F(1, 2), "speed": 1, "cost": F(1, 2),
                 "impact": F(1, 2), "roi": F(1, 2)}  # fmt: skip
    assert spans(CAT, p)["autonomy"] == 1  # over the whole table, OPX's LOW widens it
    e = effective(p)
    assert e == {"effort": F(8, 67), "horizon": F(9, 67), "risk": F(8, 67), "autonomy": F(8, 67),
                 "speed": F(12, 67), "cost": F(4, 67), "impact": F(8, 67), "roi": F(10, 67)}  # fmt: skip
    assert e["speed"] > e["roi"] and p.importances["speed"] < p.importances["roi"]
    assert ("speed", "roi") in order_differs(p.importances, e)


def _no_flags() -> object:
    from mcstrat.core.statement import Overrides

    return Overrides()


def test_swing_effective_weights_equal_the_points() -> None:
    p = Priorities.build(CAT, swing={"risk": 100, "roi": "100/3", "speed": 50.5}, targets={"horizon": "H1"})
    total = 100 + F(100, 3) + F(101, 2)
    e = effective(p)
    assert e["risk"] == 100 / total and e["roi"] == F(100, 3) / total and e["speed"] == F(101, 2) / total
    assert sum(e.values()) == 1
    assert max(p.importances.values()) == 5  # importances scaled into 0..5
    assert p.stated == {c: e[c] * total for c in e}


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"swing": {"risk": 101}}, "swing.risk: 101 points is out of range"),
        ({"swing": {"risk": -1}}, "swing.risk: -1 points is out of range"),
        ({"swing": {"risk": 0, "roi": 0}}, "every swing has 0 points"),
        ({"swing": {"horizon": 50}}, "horizon has no target level"),
        ({"swing": {"rsik": 50}}, "did you mean 'risk'"),
        ({"swing": {"risk": "lots"}}, "'lots' is not a number of points"),
        ({"ranking": "risk > rsik"}, "did you mean 'risk'"),
        ({"ranking": "risk > roi = risk"}, "risk appears twice in the ranking"),
        ({"ranking": "   "}, "the ranking is empty"),
        ({"ranking": "risk >> roi"}, "has an empty place"),
        ({"ranking": "risk > roi", "swing": {"risk": 1}}, "both as swing and as ranking"),
    ],
)
def test_bad_swing_and_ranking(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InputError, match=None) as caught:
        Priorities.build(CAT, **kwargs)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


def test_range_zero_criterion_is_refused_in_swing_and_ranking() -> None:
    data = {
        "version": 1,
        "criteria": [
            {"id": "gain", "label": "Gain", "meaning": "m", "direction": "benefit", "scale": ["LOW", "HIGH"]},
            {"id": "flat", "label": "Flat", "meaning": "m", "direction": "benefit", "scale": ["LOW", "HIGH"]},
        ],
        "models": [
            {"id": f"m{i}", "name": f"M{i}", "description": "d", "ratings": {"gain": g, "flat": "LOW"},
             "strengths": "s", "weaknesses": "w"}
            for i, g in enumerate(["LOW", "HIGH"])
        ],
    }  # fmt: skip

    tiny = catalog_from_data(data)
    for kwargs in ({"swing": {"gain": 100, "flat": 10}}, {"ranking": "gain > flat"}):
        with pytest.raises(InputError) as caught:
            Priorities.build(tiny, **kwargs)  # type: ignore[arg-type]
        assert "every model scores the same on flat (its range is 0)" in str(caught.value)
    assert Priorities.build(tiny, swing={"gain": 100, "flat": 0}).importances == {"gain": 5, "flat": 0}


def test_ranking_text_reads_back_the_same_weights() -> None:
    stated = ranking_weights(parse_ranking(CAT, "risk > roi = impact > speed", "r"))
    text = ranking_text(stated, CAT.criterion_ids)
    assert text == "risk > impact = roi > speed"
    assert ranking_weights(parse_ranking(CAT, text, "r")) == stated


def test_parse_points_is_exact() -> None:
    assert parse_points("100/3", "p") == F(100, 3)
    assert parse_points(12.5, "p") == F(25, 2)
    assert parse_points(0, "p") == 0


def test_importances_for_gives_back_the_effective_weights() -> None:
    r = {"a": F(1, 2), "b": F(1), "c": F(0)}
    e = {"a": F(1, 3), "b": F(2, 3), "c": F(0)}
    imp = importances_for(e, r)
    total = sum(imp.values())
    assert effective_weights({k: v / total for k, v in imp.items()}, r) == e


# -- properties -------------------------------------------------------------------------------

importance = st.fractions(min_value=0, max_value=5, max_denominator=4)
points = st.fractions(min_value=0, max_value=100, max_denominator=3)
PLAIN = [c.id for c in CAT.criteria if c.id != "horizon"]


@settings(max_examples=40, deadline=None)
@given(st.fixed_dictionaries({c: importance for c in PLAIN}).filter(lambda d: any(d.values())))
def test_effective_weights_sum_to_one(given_importances: dict[str, Fraction]) -> None:
    p = Priorities.build(CAT, {k: str(v) for k, v in given_importances.items()}, targets={"horizon": "H2"})
    assert sum(effective(p).values()) == 1


@settings(max_examples=30, deadline=None)
@given(
    st.fixed_dictionaries({c: points for c in PLAIN}).filter(lambda d: any(d.values())),
    st.fractions(min_value=F(1, 10), max_value=1, max_denominator=10),
)
def test_scaling_swing_points_leaves_the_ranking_unchanged(swing: dict[str, Fraction], factor: Fraction) -> None:
    def ranking(pts: dict[str, Fraction]) -> list[tuple[int, str, Fraction]]:
        p = Priorities.build(CAT, swing={k: f"{v.numerator}/{v.denominator}" for k, v in pts.items()})
        return [(r.rank, r.model.id, r.score) for r in rank(CAT, p).ranking]

    scaled = {k: v * factor for k, v in swing.items()}
    assert ranking(swing) == ranking(scaled)
    total = sum(swing.values())
    p = Priorities.build(CAT, swing={k: f"{v.numerator}/{v.denominator}" for k, v in swing.items()})
    assert effective(p) == {c.id: swing.get(c.id, F(0)) / total for c in CAT.criteria}

"""Group decisions: weighted means of individual runs, shared exclusions, agreement figures."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat.analyses.group import (
    Reading,
    Stakeholder,
    borda_scores,
    group_rank,
    kendall_tau_b,
    leverage,
    normalised_scores,
)
from mcstrat.analyses.ranking import rank
from mcstrat.core.priorities import Priorities, parse_constraint
from mcstrat.errors import InputError
from mcstrat.files.models import load_catalog

CAT = load_catalog()
IDS = CAT.model_ids
F = Fraction


def only(**importances: Any) -> dict[str, Any]:
    """Every criterion at 0 except those given (so no default importance creeps in)."""
    out: dict[str, Any] = {c.id: 0 for c in CAT.criteria}
    out.update(importances)
    return out


def prio(importances: dict[str, Any], *, target: str = "H1", **kwargs: Any) -> Priorities:
    return Priorities.build(CAT, importances, targets={"horizon": target}, **kwargs)


def scores(result: Any) -> dict[str, Fraction]:
    return {r.model.id: r.score for r in result.ranking}


# -- group scores -----------------------------------------------------------------------------

MIXED_GROUP = [
    ("Provost", {"roi": 5, "risk": "high", "impact": 3}, {"target": "H1"}),
    ("Finance", {"cost": 5, "roi": 4}, {"target": "H2", "ranges": "pessimistic", "stakeholder_weight": 2}),
    ("Faculty", {"autonomy": 5, "impact": 4.5, "horizon": 1}, {"target": "H3", "ranges": "optimistic"}),
]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_group_scores_are_weighted_mean_of_individual_engine_runs(count: int) -> None:
    members = [(name, prio(imp, **kw)) for name, imp, kw in MIXED_GROUP[:count]]
    group = group_rank(CAT, [Stakeholder(name, p) for name, p in members])
    individual = [scores(rank(CAT, p)) for _, p in members]
    weights = [p.stakeholder_weight for _, p in members]
    expected = {mid: sum((w * s[mid] for w, s in zip(weights, individual)), F(0)) / sum(weights, F(0)) for mid in IDS}
    assert scores(group.result) == expected
    assert all(isinstance(r.score, Fraction) for r in group.result.ranking)
    # each view is that stakeholder's own engine ranking
    for view, own in zip(group.stakeholders, individual):
        assert scores(view.result) == own


def test_group_ranking_is_sorted_with_shared_ranks_in_file_order() -> None:
    # both stakeholders rate professional-body and ngo identically: an exact tie in the group too
    group = group_rank(
        CAT,
        [Stakeholder("A", prio(only(cost=5, roi=2))), Stakeholder("B", prio(only(risk=3, horizon=2)))],
    )
    ranking = group.result.ranking
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)
    pb, ngo = (
        next(r for r in ranking if r.model.id == mid) for mid in ("professional-body-partnership", "ngo-partnership")
    )
    assert pb.score == ngo.score and pb.rank == ngo.rank and pb.tied and ngo.tied
    assert ranking.index(pb) + 1 == ranking.index(ngo)  # file order within the tie
    for r in ranking:
        first_equal = next(i for i, other in enumerate(ranking) if other.score == r.score)
        assert r.rank == first_equal + 1


def test_stakeholder_weight_changes_the_mean_and_the_winner() -> None:
    # A values autonomy only, B effort only (hand-worked below)
    def run(weight_b: int) -> dict[str, Fraction]:
        a = prio(only(autonomy=3), name="A")
        b = prio(only(effort=3), name="B", stakeholder_weight=weight_b)
        return scores(group_rank(CAT, [Stakeholder("A", a), Stakeholder("B", b)]).result)

    equal, tilted = run(1), run(3)
    # autonomy HIGH=100 MED=50 LOW=0; effort LOW=100 MED=50 HIGH=0
    assert equal["sole-institution"] == F(75) and equal["mooc-led"] == F(75) and equal["opx-led"] == F(50)
    assert tilted["sole-institution"] == F(100 + 3 * 50, 4) == F(125, 2)
    assert tilted["mooc-led"] == F(50 + 3 * 100, 4) == F(175, 2)
    assert tilted["opx-led"] == F(0 + 3 * 100, 4) == F(75)
    assert max(tilted, key=lambda k: tilted[k]) == "mooc-led"


def test_contributions_sum_to_the_group_score_and_explain_it() -> None:
    members = [Stakeholder(name, prio(imp, **kw)) for name, imp, kw in MIXED_GROUP]
    group = group_rank(CAT, members)
    res = group.result
    assert sum((cw.weight for cw in res.criteria), F(0)) == 1
    for r in res.ranking:
        assert sum(r.contributions.values(), F(0)) == r.score
        for cw in res.criteria:
            cid = cw.criterion.id
            assert r.contributions[cid] == 100 * cw.weight * r.utilities[cid]
            assert 0 <= r.utilities[cid] <= 1
    # importance: weighted mean of the stated importances (weights 1, 2, 1)
    roi = next(cw for cw in res.criteria if cw.criterion.id == "roi")
    assert roi.importance == F(5 * 1 + 4 * 2 + 2 * 1, 4)  # Faculty left roi at the default, 2
    assert roi.defaulted is False
    # a contribution is the weighted mean of the stakeholders' contributions
    own = [{r.model.id: r for r in v.result.ranking} for v in group.stakeholders]
    sole = next(r for r in res.ranking if r.model.id == "sole-institution")
    expected = (
        own[0]["sole-institution"].contributions["roi"] * 1
        + own[1]["sole-institution"].contributions["roi"] * 2
        + own[2]["sole-institution"].contributions["roi"]
    ) / 4
    assert sole.contributions["roi"] == expected


def test_utilities_shared_when_stakeholders_agree_on_targets_and_ranges() -> None:
    a, b = prio(only(roi=5, horizon=1)), prio(only(cost=2, horizon=4))
    group = group_rank(CAT, [Stakeholder("A", a), Stakeholder("B", b)])
    single = {r.model.id: r.utilities for r in rank(CAT, a).ranking}
    assert {r.model.id: r.utilities for r in group.result.ranking} == single


# -- exclusions -------------------------------------------------------------------------------


def test_exclusion_by_one_stakeholder_removes_the_model_for_all_and_names_them() -> None:
    provost = prio(only(roi=5), exclude=["mooc-led"])
    finance = prio(only(cost=5), require=["risk<=LOW"], exclude=["mooc"])
    group = group_rank(CAT, [Stakeholder("Provost", provost), Stakeholder("Finance", finance)])
    reasons = {e.model.id: e.reasons for e in group.result.excluded}
    assert reasons == {
        "institutional-business-unit": ("Finance: breaks risk<=LOW (rated MED)",),
        "peer-consortium": ("Finance: breaks risk<=LOW (rated MED)",),
        "mooc-led": ("Provost: excluded by request", "Finance: excluded by request"),
        "opx-led": ("Finance: breaks risk<=LOW (rated MED)",),
    }
    survivors = ["sole-institution", "industry-partnership", "professional-body-partnership", "ngo-partnership"]
    assert sorted(r.model.id for r in group.result.ranking) == sorted(survivors)
    for view in group.stakeholders:
        assert sorted(r.model.id for r in view.result.ranking) == sorted(survivors)
        assert view.result.excluded == group.result.excluded
    # the Provost's scores are unchanged by Finance's constraint; only the field shrinks
    provost_alone = scores(rank(CAT, provost))
    assert scores(group.stakeholders[0].result) == {mid: provost_alone[mid] for mid in survivors}
    assert group.stakeholders[0].result.priorities == provost  # their own priorities, untouched
    assert [p.models for p in group.problems] == [tuple(CAT.models[IDS.index(m)] for m in IDS if m in survivors)] * 2


def test_nothing_left_names_who_excluded_what() -> None:
    keep = "sole-institution"
    a = prio(only(roi=5), exclude=[m for m in IDS if m != keep])
    b = prio(only(cost=5), require=["autonomy<=MED"])
    with pytest.raises(InputError) as err:
        group_rank(CAT, [Stakeholder("Provost", a), Stakeholder("Finance", b)])
    message = str(err.value)
    assert "sole-institution (Finance: breaks autonomy<=MED (rated HIGH))" in message
    assert "institutional-business-unit (Provost: excluded by request; Finance: breaks autonomy<=MED" in message
    assert "relax a constraint" in message


def test_limits_for_the_whole_group_are_reported_as_such() -> None:
    constraint = parse_constraint(CAT, "risk<=LOW", "--require")
    result = group_rank(
        CAT,
        [Stakeholder("Provost", prio(only(roi=5))), Stakeholder("Finance", prio(only(cost=5)))],
        exclude=("opx-led",),
        require=(constraint,),
    )
    reasons = {e.model.id: e.reasons for e in result.result.excluded}
    assert reasons["opx-led"] == ("whole group: excluded by request", "whole group: breaks risk<=LOW (rated MED)")
    assert reasons["peer-consortium"] == ("whole group: breaks risk<=LOW (rated MED)",)
    assert all(not r.startswith(("Provost", "Finance")) for rs in reasons.values() for r in rs)


@pytest.mark.parametrize(
    ("names", "fragment"),
    [
        ([], "at least one stakeholder"),
        (["Provost", "Provost"], "both named 'Provost'"),
    ],
)
def test_bad_groups_are_refused(names: list[str], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        group_rank(CAT, [Stakeholder(n, prio(only(roi=1)), source=f"{i}.yaml") for i, n in enumerate(names)])


# -- agreement --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "tau"),
    [
        ([4, 3, 2, 1], [4, 3, 2, 1], 1.0),  # identical
        ([4, 3, 2, 1], [1, 2, 3, 4], -1.0),  # reversed
        ([1, 2, 3, 4], [2, 1, 4, 3], 1 / 3),  # 4 concordant, 2 discordant pairs of 6
        # ties: pairs (0,1) tied in y, (1,2) tied in x, the other 4 concordant: 4 / sqrt(5 x 5)
        ([3, 2, 2, 1], [3, 3, 2, 1], 0.8),
        # x ties the first pair; 2 concordant: 2 / sqrt((3 - 1) x 3)
        ([1, 1, 2], [1, 2, 3], 2 / math.sqrt(6)),
        ([2, 2, 2], [1, 2, 3], None),  # x has no untied pair: undefined
        ([5], [5], None),  # one model: no pairs
    ],
)
def test_kendall_tau_b_hand_worked(x: list[int], y: list[int], tau: float | None) -> None:
    got = kendall_tau_b([F(v) for v in x], [F(v) for v in y])
    if tau is None:
        assert got is None
    else:
        assert got == pytest.approx(tau, abs=1e-15)


def test_kendall_tau_b_is_exact_for_perfect_squares() -> None:
    assert kendall_tau_b([F(3), F(2), F(2), F(1)], [F(3), F(3), F(2), F(1)]) == 0.8


def test_agreement_between_stakeholders_hand_worked() -> None:
    # cost only: industry, professional-body, ngo 100, the rest 50 (groups of 3 and 5 ties)
    # effort only: mooc, opx 100; peer 0; the other five 50 (groups of 2, 1, 5)
    # untied-in-both pairs: high-cost x peer = 3 concordant; high-cost x {mooc, opx} = 6 discordant
    # n0 = 28, ties 3 + 10 = 13 and 1 + 10 = 11: tau-b = -3 / sqrt(15 x 17)
    group = group_rank(
        CAT,
        [
            Stakeholder("Finance", prio(only(cost=4))),
            Stakeholder("Ops", prio(only(effort=2))),
            Stakeholder("Finance 2", prio(only(cost=1))),
        ],
    )
    pairs = [(p.a, p.b, p.tau) for p in group.agreement.pairs]
    assert [(a, b) for a, b, _ in pairs] == [("Finance", "Ops"), ("Finance", "Finance 2"), ("Ops", "Finance 2")]
    assert pairs[0][2] == pytest.approx(-3 / math.sqrt(255))
    assert pairs[1][2] == 1.0  # same order, different importance
    assert pairs[2][2] == pytest.approx(-3 / math.sqrt(255))
    assert group.agreement.mean_tau == pytest.approx((1 - 6 / math.sqrt(255)) / 3)


def test_reversed_stakeholders_have_tau_minus_one() -> None:
    # over sole-institution (autonomy HIGH, effort MED) and opx-led (autonomy LOW, effort LOW) only
    keep = ["sole-institution", "opx-led"]
    drop = [m for m in IDS if m not in keep]
    group = group_rank(
        CAT,
        [Stakeholder("A", prio(only(autonomy=5), exclude=drop)), Stakeholder("B", prio(only(effort=5)))],
    )
    assert [r.model.id for r in group.stakeholders[0].result.ranking] == keep
    assert [r.model.id for r in group.stakeholders[1].result.ranking] == keep[::-1]
    assert group.agreement.pairs[0].tau == -1.0


def test_group_of_one_has_no_pairs() -> None:
    p = prio(only(roi=5, risk=2))
    group = group_rank(CAT, [Stakeholder("Solo", p)])
    assert group.agreement.pairs == ()
    assert group.agreement.mean_tau is None
    assert scores(group.result) == scores(rank(CAT, p))
    assert all(c.range == 0 for c in group.agreement.criteria)


def test_criteria_disagreement_sorted_by_range_then_criteria_order() -> None:
    a = prio(only(cost=5, roi=1, impact=3, effort=1, risk=2))
    b = prio(only(cost=1, roi=4, impact=1, effort=3, risk=2))
    c = prio(only(cost=3, roi=2, impact=2, effort=2, risk=2))
    group = group_rank(CAT, [Stakeholder("A", a), Stakeholder("B", b), Stakeholder("C", c)])
    # disagreement is on effective weights: each one's own, max - min, widest first, then criteria order
    spreads = group.agreement.criteria
    for spread in spreads:
        j = CAT.criterion_ids.index(spread.criterion)
        own = {v.name: v.result.criteria[j].effective for v in group.stakeholders}
        assert spread.effective_weights == own
        assert spread.range == max(own.values()) - min(own.values())
    keys = [(-s.range, CAT.criterion_ids.index(s.criterion)) for s in spreads]
    assert keys == sorted(keys)
    assert spreads[0].criterion == "cost"
    assert [s.criterion for s in spreads if s.range == 0] == ["horizon", "autonomy", "speed"]
    assert next(s for s in spreads if s.criterion == "cost").importances == {"A": 5, "B": 1, "C": 3}


def test_identical_weights_show_no_dispute() -> None:
    """Everything 5 and everything 1 are the same weights: no criterion is disputed."""
    five = prio({c.id: 5 for c in CAT.criteria})
    one = prio({c.id: 1 for c in CAT.criteria})
    group = group_rank(CAT, [Stakeholder("Five", five), Stakeholder("One", one)])
    assert all(c.range == 0 for c in group.agreement.criteria)
    assert group.agreement.pairs[0].tau == 1.0
    assert group.stakeholders[0].group_top_ranks == group.stakeholders[1].group_top_ranks


# -- views, synthesised priorities, serialisation ---------------------------------------------


def test_views_report_top_and_score_for_the_group_top() -> None:
    a = prio(only(autonomy=3), name="A")
    b = prio(only(effort=3), stakeholder_weight=3)
    group = group_rank(CAT, [Stakeholder("A", a, source="a.yaml"), Stakeholder("B", b)])
    assert [r.model.id for r in group.result.top] == ["mooc-led"]
    va, vb = group.stakeholders
    assert va.top == ("sole-institution", "institutional-business-unit")
    assert vb.top == ("mooc-led", "opx-led")
    assert va.group_top_scores == {"mooc-led": F(50)}
    assert vb.group_top_scores == {"mooc-led": F(100)}
    assert (va.weight, vb.weight) == (1, 3)
    assert (va.share, vb.share) == (F(1, 4), F(3, 4))
    assert group.stakeholder_weights == (F(1, 4), F(3, 4))
    assert va.source == "a.yaml" and vb.source is None
    assert [p.importances for p in group.problems] == [
        tuple(a.importances[c.id] for c in CAT.criteria),
        tuple(b.importances[c.id] for c in CAT.criteria),
    ]


def test_synthesised_priorities_describe_the_group() -> None:
    a = prio(only(roi=5, horizon=2), target="H1", exclude=["opx-led"], require=["risk<=MED"])
    b = prio(only(cost=5, horizon=2), target="H2", ranges="optimistic", require=["risk<=MED", "autonomy>=MED"])
    res = group_rank(CAT, [Stakeholder("A", a), Stakeholder("B", b)]).result
    horizon = next(cw for cw in res.criteria if cw.criterion.id == "horizon")
    assert horizon.target == "H1, H2"
    assert "horizon" not in res.priorities.targets
    assert res.priorities.ranges == "mixed"
    assert res.priorities.exclude == ("opx-led",)
    assert [c.text for c in res.priorities.require] == ["risk<=MED", "autonomy>=MED"]
    assert res.priorities.importances == {cw.criterion.id: cw.importance for cw in res.criteria}

    same = group_rank(CAT, [Stakeholder("A", a), Stakeholder("C", b._replace(ranges="midpoint"))]).result
    assert same.priorities.ranges == "midpoint"
    agreed = group_rank(CAT, [Stakeholder("A", a), Stakeholder("D", prio(only(cost=1, horizon=3)))]).result
    assert agreed.priorities.targets == {"horizon": 0}
    assert next(cw for cw in agreed.criteria if cw.criterion.id == "horizon").target == "H1"


def test_to_dict_gives_the_json_fields() -> None:
    members = [Stakeholder(name, prio(imp, **kw)) for name, imp, kw in MIXED_GROUP[:2]]
    group = group_rank(CAT, members)
    data = json.loads(json.dumps(group.to_dict()))
    assert set(data) == {"stakeholders", "agreement"}
    first = data["stakeholders"][0]
    assert set(first) == {
        "name", "weight", "leverage", "weighting", "top", "group_top_scores", "group_top_ranks", "ranking"
    }  # fmt: skip
    assert first["weight"] == float(group.stakeholders[0].share)  # normalised, not as stated
    assert set(data["agreement"]["checks"]) == {"normalised", "borda"}
    assert set(data["agreement"]["checks"]["borda"]) == {"winner", "ranking"}
    assert first["weighting"] == "importance"
    assert first["group_top_ranks"] == {r.model.id: 1 for r in group.result.top} or all(
        rank >= 1 for rank in first["group_top_ranks"].values()
    )
    assert first["name"] == "Provost"
    assert first["top"] == list(group.stakeholders[0].top)
    assert [row["id"] for row in first["ranking"]] == [r.model.id for r in group.stakeholders[0].result.ranking]
    assert set(first["ranking"][0]) == {"rank", "id", "score", "tied"}
    assert data["agreement"]["pairs"] == [{"a": "Provost", "b": "Finance", "tau": group.agreement.pairs[0].tau}]
    assert data["agreement"]["mean_tau"] == group.agreement.mean_tau
    assert set(data["agreement"]["criteria"][0]) == {"criterion", "effective_weights", "importances", "range"}
    # a custom number format, e.g. rounding as the single-ranking JSON does
    rounded = group.to_dict(number=lambda f: round(float(f), 2))
    assert rounded["stakeholders"][0]["ranking"][0]["score"] == round(
        float(group.stakeholders[0].result.ranking[0].score), 2
    )


# -- properties -------------------------------------------------------------------------------

importance = st.fractions(min_value=0, max_value=5, max_denominator=4).map(str)  # the answers-file form: "5/4"
member = st.tuples(
    st.fixed_dictionaries({c.id: importance for c in CAT.criteria}).filter(lambda d: any(v != "0" for v in d.values())),
    st.sampled_from(["H1", "H2", "H3"]),
    st.sampled_from(["midpoint", "optimistic", "pessimistic"]),
    st.integers(min_value=1, max_value=5),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(member, min_size=1, max_size=4))
def test_group_score_is_the_weighted_mean_for_any_group(members: list[Any]) -> None:
    people = [
        Stakeholder(f"S{i}", prio(imp, target=t, ranges=r, stakeholder_weight=w))
        for i, (imp, t, r, w) in enumerate(members)
    ]
    group = group_rank(CAT, people)
    individual = [scores(rank(CAT, s.priorities)) for s in people]
    total = sum(F(w) for *_, w in members)
    for r in group.result.ranking:
        assert r.score == sum((F(w) * s[r.model.id] for (*_, w), s in zip(members, individual)), F(0)) / total
        assert sum(r.contributions.values(), F(0)) == r.score
        assert 0 <= r.score <= 100
    taus = [p.tau for p in group.agreement.pairs if p.tau is not None]
    assert all(-1 <= t <= 1 for t in taus)


def _python_summary(names: list[str], scores: list[list[Fraction]]) -> tuple[Any, float | None]:
    """The pure-Python summary (kendall_tau_b per pair), as _agreement makes it for mid-sized groups."""
    from mcstrat.analyses.group import PAIRS_IN_SUMMARY, PairAgreement

    every = [
        PairAgreement(names[i], names[j], kendall_tau_b(scores[i], scores[j]))
        for i in range(len(names))
        for j in range(i + 1, len(names))
    ]
    known = [p for p in every if p.tau is not None]
    taus = [p.tau for p in known if p.tau is not None]
    most = sorted(known, key=lambda p: -(p.tau or 0.0))[:PAIRS_IN_SUMMARY]
    least = sorted(known, key=lambda p: p.tau or 0.0)[:PAIRS_IN_SUMMARY]
    mean = math.fsum(taus) / len(taus) if taus else None
    return (len(known), len(every) - len(known), min(taus) if taus else None, most, least), mean


@pytest.mark.parametrize("n_models", [1, 2, 5])
def test_vectorised_pair_summary_is_kendall_tau_b_to_the_bit(n_models: int) -> None:
    """Big groups' taus come from numpy; every figure must be what kendall_tau_b gives, ties included."""
    import random

    from mcstrat.analyses.group import _summary_vectorised

    rnd = random.Random(n_models)
    levels = [Fraction(k, 3) for k in range(4)]  # few levels: many ties, repeated and constant rows
    names = [f"s{i}" for i in range(60)]
    scores = [[rnd.choice(levels) for _ in range(n_models)] for _ in names]
    summary, taus = _summary_vectorised(names, scores)
    (count, undefined, low, most, least), mean = _python_summary(names, scores)
    assert (summary.count, summary.undefined, summary.min_tau) == (count, undefined, low)
    assert summary.most_agreeing == tuple(most) and summary.least_agreeing == tuple(least)
    assert (math.fsum(taus) / len(taus) if taus else None) == mean


def test_group_sums_are_exact_for_any_shares() -> None:
    from mcstrat.analyses.group import _dot

    rnd = __import__("random").Random(3)
    a = [Fraction(rnd.randint(-9, 9), rnd.randint(1, 12)) for _ in range(50)]
    b = [Fraction(rnd.randint(0, 9), rnd.randint(1, 7)) for _ in range(50)]
    c = [Fraction(rnd.randint(0, 5), rnd.randint(1, 40)) for _ in range(50)]
    assert _dot(a, b) == sum((x * y for x, y in zip(a, b)), Fraction(0))
    assert _dot(a, b, c) == sum((x * y * z for x, y, z in zip(a, b, c)), Fraction(0))
    assert _dot([], []) == 0


def test_a_big_group_reads_the_same_through_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The group's JSON is the same whether its pairs go through Python or numpy."""
    import random

    import mcstrat.analyses.group as group_module

    rnd = random.Random(11)
    people = [
        Stakeholder(f"P{i}", prio({c.id: rnd.randint(0, 5) for c in CAT.criteria}, target=rnd.choice(["H1", "H2"])))
        for i in range(group_module.PAIRS_LISTED_UP_TO + 6)
    ]
    monkeypatch.setattr(group_module, "VECTORISED_FROM", 10_000)
    python = group_rank(CAT, people).agreement.to_dict()
    monkeypatch.setattr(group_module, "VECTORISED_FROM", group_module.PAIRS_LISTED_UP_TO)
    vectorised = group_rank(CAT, people).agreement.to_dict()
    assert "pairs_summary" in vectorised
    assert json.dumps(vectorised) == json.dumps(python)


# -- the work estimate counts digits as well as terms (issue 18) -------------------------------------

#: Eight primes past 10**17 for each member: importances 1/p whose exact group sums carry every p.
_PRIMES = [10**17 + k for k in (3, 19, 21, 49, 81, 99, 141, 181, 337, 339, 369, 379, 423, 519, 543, 589)]


def _fraction_people(count: int) -> list[Stakeholder]:
    people = []
    for s in range(count):
        stated = {c.id: f"1/{_PRIMES[(s + j) % len(_PRIMES)] + 1000 * s}" for j, c in enumerate(CAT.criteria)}
        people.append(Stakeholder(f"p{s}", prio(stated)))
    return people


def test_common_digits_is_the_size_of_the_common_denominator() -> None:
    from mcstrat.analyses.aggregate import common_digits

    assert common_digits([F(1, 8), F(3, 4), F(1, 125), F(2)], 100) == 4  # lcm 1000
    assert common_digits([F(1, 7), F(1, 7), F(1, 7)], 100) == 1
    assert common_digits([F(1, p) for p in _PRIMES], 10_000) == len(str(math.prod(_PRIMES)))
    assert 20 < common_digits([F(1, p) for p in _PRIMES], 20) < 40  # counting stops once past the most asked


def test_a_group_of_large_fractions_is_refused_for_the_size_of_its_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """20 members are 1,280 terms; their importances' co-prime denominators make exact numbers of
    thousands of digits, which the estimate counts too."""
    import mcstrat.analyses.group as group_module

    monkeypatch.setattr(group_module, "MAX_GROUP_WORK", 2_000)
    whole = [Stakeholder(f"w{s}", prio(only(roi=s % 5 + 1, risk=2, horizon=3))) for s in range(20)]
    assert len(group_rank(CAT, whole).stakeholders) == 20  # the terms alone fit
    with pytest.raises(InputError) as err:
        group_rank(CAT, _fraction_people(20))
    message = str(err.value)
    assert "20 stakeholders x 8 models x 8 criteria" in message
    assert "with exact numbers of at least 1," in message and "(at most 2,000)" in message
    assert "write importances with fewer digits (0.25 rather than 1/7919" in message


def test_an_exact_aggregate_of_large_fractions_is_refused_for_the_size_of_its_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mcstrat.analyses.aggregate as aggregate_module
    from mcstrat.analyses.aggregate import aggregate
    from mcstrat.analyses.ranking import problem

    monkeypatch.setattr(aggregate_module, "MAX_EXACT_WORK", 20_000)
    whole = [problem(CAT, prio(only(roi=s % 5 + 1, risk=2, horizon=3))) for s in range(20)]
    assert aggregate(whole).weights
    with pytest.raises(InputError, match=r"1,280 exact terms with numbers of at least 1,\d\d\d digits"):
        aggregate([problem(CAT, s.priorities) for s in _fraction_people(20)])


# -- leverage and the two more readings (issue 19), hand-worked ------------------------------------

#: three members' own scores over three models, with shares 1/2, 1/4, 1/4: A has extreme views, B mild
#: ones with a tie, C scores every model alike
HAND_SCORES = [[F(90), F(50), F(10)], [F(20), F(60), F(60)], [F(30), F(30), F(30)]]
HAND_SHARES = [F(1, 2), F(1, 4), F(1, 4)]


def test_leverage_is_weight_times_spread_as_a_share_of_everyones() -> None:
    # pulls: 1/2 x 80 = 40, 1/4 x 40 = 10, 1/4 x 0 = 0; total 50
    assert leverage(HAND_SCORES, HAND_SHARES) == [F(4, 5), F(1, 5), F(0)]
    assert leverage([[F(5), F(5)], [F(7), F(7)]], [F(1, 2), F(1, 2)]) == [F(0), F(0)]  # no one's scores differ


def test_normalised_reading_rescales_each_members_scores_to_0_1() -> None:
    # A: 1, 1/2, 0; B: 0, 1, 1; C: all equal, adds 0 to every model
    assert normalised_scores(HAND_SCORES, HAND_SHARES) == [F(1, 2), F(1, 2), F(1, 4)]
    # no member counts more by having more extreme views: rescaling a member's scores changes nothing
    stretched = [[3 * x - 7 for x in HAND_SCORES[0]], *HAND_SCORES[1:]]
    assert normalised_scores(stretched, HAND_SHARES) == normalised_scores(HAND_SCORES, HAND_SHARES)


def test_borda_reading_gives_n_minus_1_to_first_and_shares_places_on_ties() -> None:
    # A: 2, 1, 0; B: 0, 3/2, 3/2 (tied for places 1 and 2); C: 1, 1, 1 (all three tied)
    assert borda_scores(HAND_SCORES, HAND_SHARES) == [F(5, 4), F(9, 8), F(5, 8)]


def test_reading_winner_and_ranking_keep_exact_ties_in_file_order() -> None:
    found = Reading.of({"a": F(1, 2), "b": F(1, 2), "c": F(1, 4)})
    assert found.winner == ("a", "b")
    assert found.ranking == ("a", "b", "c")
    assert found.to_dict() == {"winner": ["a", "b"], "ranking": ["a", "b", "c"]}


def test_group_rank_reports_leverage_checks_and_who_excluded_what() -> None:
    people = [
        Stakeholder("Provost", prio(only(autonomy=3, impact=5), exclude=("ngo-partnership",))),
        Stakeholder("Finance", prio(only(effort=5), stakeholder_weight=3)),
    ]
    group = group_rank(CAT, people, exclude=("peer-consortium",))
    ids = [r.model.id for r in sorted(group.result.ranking, key=lambda r: IDS.index(r.model.id))]
    own = [[scores(view.result)[mid] for mid in ids] for view in group.stakeholders]
    shares = [F(1, 4), F(3, 4)]
    assert [v.leverage for v in group.stakeholders] == leverage(own, shares)
    assert sum(v.leverage for v in group.stakeholders) == 1
    checks = group.agreement.checks
    assert checks is not None
    assert checks.normalised.scores == dict(zip(ids, normalised_scores(own, shares)))
    assert checks.borda.scores == dict(zip(ids, borda_scores(own, shares)))
    assert group.excluded_by == {"peer-consortium": (), "ngo-partnership": ("Provost",)}


def test_the_readings_can_pick_another_winner() -> None:
    # Provost's scores spread wider than Finance's: the weighted mean follows Provost, the other readings do not
    people = [Stakeholder("A", prio(only(autonomy=3, impact=5))), Stakeholder("B", prio(only(effort=5)))]
    group = group_rank(CAT, people)
    checks = group.agreement.checks
    assert checks is not None
    assert [r.model.id for r in group.result.top] == ["opx-led"]
    assert checks.normalised.winner == ("institutional-business-unit",)
    assert checks.borda.winner == ("institutional-business-unit",)


score_rows = st.integers(min_value=2, max_value=6).flatmap(
    lambda n: st.lists(
        st.lists(st.fractions(min_value=0, max_value=100, max_denominator=7), min_size=n, max_size=n),
        min_size=1,
        max_size=5,
    )
)


@settings(max_examples=150, deadline=None)
@given(rows=score_rows, data=st.data())
def test_readings_hold_their_invariants(rows: list[list[Fraction]], data: st.DataObject) -> None:
    weights = data.draw(st.lists(st.integers(1, 9), min_size=len(rows), max_size=len(rows)))
    shares = [F(w, sum(weights)) for w in weights]
    n = len(rows[0])
    pulls = leverage(rows, shares)
    assert sum(pulls) == (1 if any(max(r) > min(r) for r in rows) else 0)
    # each member hands out 0 + 1 + ... + (n - 1) Borda points, ties or not; shares sum to 1
    assert sum(borda_scores(rows, shares)) == F(n * (n - 1), 2)
    normalised = normalised_scores(rows, shares)
    assert all(0 <= x <= 1 for x in normalised)
    # a member's scores stretched and shifted (more extreme views) change neither reading
    stretched = [[5 * x + 3 for x in rows[0]], *rows[1:]]
    assert normalised_scores(stretched, shares) == normalised
    assert borda_scores(stretched, shares) == borda_scores(rows, shares)
    # a member split into two halves of half the weight changes nothing
    split = [rows[0], rows[0], *rows[1:]]
    halves = [shares[0] / 2, shares[0] / 2, *shares[1:]]
    assert normalised_scores(split, halves) == normalised
    assert borda_scores(split, halves) == borda_scores(rows, shares)

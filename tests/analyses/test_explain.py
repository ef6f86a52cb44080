"""Why the winner wins (explain.py): the lead, where it comes from, ties and missed targets, worked by hand."""

from __future__ import annotations

import json
from fractions import Fraction as F
from typing import Any

from mcstrat.analyses.explain import lead
from mcstrat.analyses.ranking import rank
from mcstrat.cli import app
from mcstrat.core.catalog import Catalog
from mcstrat.core.priorities import Priorities
from mcstrat.files.models import catalog_from_data
from mcstrat.report.views.explain import sentences
from tests.conftest import EXAMPLE_ANSWERS, make_runner

EXAMPLE = {"effort": 2, "horizon": 3, "risk": 4, "autonomy": 4, "speed": 3, "cost": 2, "impact": 4, "roi": 5}


def test_example_lead_by_hand(catalog: Catalog) -> None:
    """Importances sum to 27; institutional-business-unit 1850/27 against 1800/27 for both partnerships.

    Points gained over them (x 27/100): autonomy 4*(1 - 1/2) = 2, speed 3*(1 - 1/2) = 1.5,
    roi 5*(3/4 - 1/2) = 1.25, impact 4*(3/4 - 1/2) = 1; lost: horizon 3*(1/4 - 1) = -2.25,
    risk 4*(1/2 - 1) = -2, cost 2*(1/2 - 1) = -1. Total 0.5 -> 50/27 = 1.85 points.
    """
    pri = Priorities.build(catalog, EXAMPLE, targets={"horizon": "H1"}, exclude=["opx-led"], require=["risk<=MED"])
    result = rank(catalog, pri)
    found = lead(result)
    assert found.winners == ("institutional-business-unit",)
    assert found.runners_up == ("professional-body-partnership", "ngo-partnership")
    assert found.margin == F(50, 27)
    assert found.gains["autonomy"] == F(200, 27)
    assert found.gains["speed"] == F(150, 27)
    assert found.gains["horizon"] == F(-225, 27)
    assert sum(found.gains.values()) == found.margin
    assert found.reasons == ("autonomy", "speed")
    assert [(t.criterion, t.target, t.rating) for t in found.missed_targets] == [("horizon", "H1", "H2/H3")]
    line, notes = sentences(result, found)
    assert line == (
        "Institutional business unit leads Professional body led or partnership and NGO led or partnership "
        "by 1.85 points, mostly on autonomy and speed to market."
    )
    assert notes == ["Institutional business unit misses your target horizon H1: it is rated H2/H3."]


def test_tied_runners_up_and_the_smallest_gain(tiny_catalog: Catalog) -> None:
    # gain 2, pain 1: Alpha (1, 0) 200/3; Beta (0, 1) 100/3; Gamma (1/4, 1/2) 100/3, tied second.
    # Gains on gain: min(200/3 - 0, 200/3 - 50/3) = 50; on pain: min(0 - 100/3, 0 - 50/3) = -100/3
    result = rank(tiny_catalog, Priorities.build(tiny_catalog, {"gain": 2, "pain": 1}))
    found = lead(result)
    assert found.runners_up == ("beta", "gamma")
    assert found.margin == F(100, 3)
    assert found.gains == {"gain": F(50), "pain": F(-100, 3)}
    assert found.reasons == ("gain",)
    # shown as 66.7 and 33.3, whose difference reads 33.4: the lead gets two decimals
    assert sentences(result, found)[0] == "Alpha leads Beta and Gamma by 33.33 points, mostly on gain."


def test_gains_tied_at_the_cut_are_all_named() -> None:
    crit = {"meaning": "m", "direction": "benefit", "scale": ["LOW", "HIGH"]}
    model = {"description": "d", "strengths": "s", "weaknesses": "w"}
    catalog = catalog_from_data(
        {
            "version": 1,
            "criteria": [{"id": c, "label": c.upper(), **crit} for c in ("aa", "bb", "cc")],
            "models": [
                {"id": "x", "name": "X", "ratings": {"aa": "HIGH", "bb": "HIGH", "cc": "HIGH"}, **model},
                {"id": "y", "name": "Y", "ratings": {"aa": "LOW", "bb": "LOW", "cc": "LOW"}, **model},
            ],
        }
    )
    result = rank(catalog, Priorities.build(catalog, {"aa": 1, "bb": 1, "cc": 1}))
    found = lead(result)
    assert found.reasons == ("aa", "bb", "cc")
    assert sentences(result, found)[0] == "X leads Y by 100.0 points, mostly on AA, BB and CC."


def test_a_tie_for_first_is_said_as_a_tie(tiny_catalog: Catalog) -> None:
    result = rank(tiny_catalog, Priorities.build(tiny_catalog, {"gain": 1, "pain": 1}))
    assert result.ranking[0].tied
    found = lead(result)
    assert found.tied and found.margin == 0 and found.reasons == ()
    line, _ = sentences(result, found)
    assert line == "Alpha and Beta tie for first at 50.0 points."


def test_only_one_model_left(tiny_catalog: Catalog) -> None:
    result = rank(tiny_catalog, Priorities.build(tiny_catalog, {"gain": 1}, exclude=["beta", "gamma"]))
    line, notes = sentences(result)
    assert line == "Alpha is the only model left to rank." and notes == []


def test_no_target_no_note(catalog: Catalog) -> None:
    result = rank(catalog, Priorities.build(catalog, {"roi": 5}))
    assert lead(result).missed_targets == ()


def test_default_view_and_json_carry_the_summary() -> None:
    runner = make_runner()
    table = runner.invoke(app, ["recommend", "--answers", str(EXAMPLE_ANSWERS)])
    assert table.exit_code == 0, table.output
    flat = " ".join(table.stdout.split())
    assert "leads Professional body led or partnership and NGO led or partnership by 1.85 points" in flat
    assert "mostly on autonomy and speed to market." in flat
    assert "Note: Institutional business unit misses your target horizon H1: it is rated H2/H3." in flat
    data = json.loads(runner.invoke(app, ["recommend", "-a", str(EXAMPLE_ANSWERS), "-f", "json"]).stdout)
    summary = data["summary"]
    assert summary["reasons"] == ["autonomy", "speed"]
    assert summary["runners_up"] == ["professional-body-partnership", "ngo-partnership"]
    assert summary["missed_targets"] == [{"criterion": "horizon", "target": "H1", "rating": "H2/H3"}]
    assert summary["text"].endswith("mostly on autonomy and speed to market.")


def test_a_group_with_different_targets_misses_only_the_levels_the_winner_does_not_reach(catalog: Catalog) -> None:
    """Targets H1 (weight 2) and H3: Sole institution (H1) wins; it misses H3 only, which B set."""
    from mcstrat.analyses.group import Stakeholder, group_rank

    def stakeholder(name: str, target: str, weight: int, **more: Any) -> Stakeholder:
        importances = {c.id: 0 for c in catalog.criteria} | {"autonomy": 5, "horizon": 5}
        pri = Priorities.build(catalog, importances, targets={"horizon": target}, stakeholder_weight=weight, **more)
        return Stakeholder(name, pri, source=f"{name}.yaml")

    def said(*members: Stakeholder) -> tuple[list[tuple[str, str, str]], list[str]]:
        grouped = group_rank(catalog, list(members))
        own = [(view.name, view.result) for view in grouped.stakeholders]
        found = lead(grouped.result, own)
        return [(t.criterion, t.target, t.rating) for t in found.missed_targets], sentences(grouped.result, found)[1]

    missed, notes = said(stakeholder("A", "H1", 2), stakeholder("B", "H3", 1))
    assert missed == [("horizon", "H3", "H1")]
    assert notes == ["Sole institution misses the target horizon H3 of B: it is rated H1."]
    # rated H2/H3, the business unit reaches H3: it misses only A's H1, and says whose it is
    missed, notes = said(stakeholder("A", "H1", 1), stakeholder("B", "H3", 5))
    assert missed == [("horizon", "H1", "H2/H3")]
    assert notes == ["Institutional business unit misses the target horizon H1 of A: it is rated H2/H3."]
    # only MOOC led (H2) left: it misses A's H1 and B's and C's H3, each level with whose it is
    others = [m.id for m in catalog.models if m.id != "mooc-led"]
    missed, notes = said(
        stakeholder("A", "H1", 1, exclude=others), stakeholder("B", "H3", 1), stakeholder("C", "H3", 1)
    )
    assert missed == [("horizon", "H1, H3", "H2")]
    assert notes == ["MOOC led misses the target horizons H1 (A) and H3 (B and C): it is rated H2."]


def test_a_ranged_rating_reaches_each_level_of_its_range(catalog: Catalog) -> None:
    # the business unit is rated H2/H3: target H3 is reached, target H1 is not
    importances = {c.id: 0 for c in catalog.criteria} | {"autonomy": 5, "horizon": 1}
    reached = rank(catalog, Priorities.build(catalog, importances, targets={"horizon": "H3"}))
    assert reached.ranking[0].model.id == "institutional-business-unit"
    assert lead(reached).missed_targets == () and sentences(reached)[1] == []
    missed = rank(
        catalog, Priorities.build(catalog, importances, targets={"horizon": "H1"}, exclude=["sole-institution"])
    )
    assert missed.ranking[0].model.id == "institutional-business-unit"
    assert [(t.target, t.rating) for t in lead(missed).missed_targets] == [("H1", "H2/H3")]


def test_a_member_s_target_counts_only_when_they_weigh_the_criterion() -> None:
    """Finance targets H2 but answers in swing points without horizon: its weight 0, its target does not count."""
    from tests.conftest import ROOT

    team = ROOT / "examples" / "team"
    runner = make_runner()
    out = runner.invoke(
        app, ["recommend", "-a", str(team / "provost.yaml"), "-a", str(team / "finance.yaml"), "-f", "json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    finance = next(c for c in data["criteria"] if c["id"] == "horizon")
    assert finance["target"] == "H1, H2"  # both stated, but ...
    assert all("H2" not in t["target"] for t in data["summary"]["missed_targets"])
    assert not any("H2" in note for note in data["summary"]["notes"])

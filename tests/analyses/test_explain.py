"""Why the winner wins (explain.py): the lead, where it comes from, ties and missed targets, worked by hand."""

from __future__ import annotations

import json
from fractions import Fraction as F

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


def test_a_group_with_different_targets_misses_only_the_levels_the_winner_is_not_rated(catalog: Catalog) -> None:
    """Targets H1 (weight 2) and H3: Sole institution (H1) wins; it misses H3 only, which one stakeholder set."""
    from mcstrat.analyses.group import Stakeholder, group_rank

    def stakeholder(name: str, target: str, weight: int) -> Stakeholder:
        importances = {c.id: 0 for c in catalog.criteria} | {"autonomy": 5, "horizon": 5}
        pri = Priorities.build(catalog, importances, targets={"horizon": target}, stakeholder_weight=weight)
        return Stakeholder(name, pri, source=f"{name}.yaml")

    result = group_rank(catalog, [stakeholder("A", "H1", 2), stakeholder("B", "H3", 1)]).result
    found = lead(result)
    assert [(t.criterion, t.target, t.rating) for t in found.missed_targets] == [("horizon", "H3", "H1")]
    _, notes = sentences(result, found)
    assert notes == ["Sole institution misses the target horizon H3 that some stakeholders set: it is rated H1."]
    # rated H2/H3, the business unit misses both H1 and H3: said of the stakeholders, not "your target"
    result = group_rank(catalog, [stakeholder("A", "H1", 1), stakeholder("B", "H3", 5)]).result
    assert result.ranking[0].model.id == "institutional-business-unit"
    _, notes = sentences(result)
    assert notes == ["Institutional business unit misses the stakeholders' target horizons H1, H3: it is rated H2/H3."]

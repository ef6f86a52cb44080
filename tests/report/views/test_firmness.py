"""The verdict's view (views/firmness.py) and the defaults' (views/defaults.py): JSON and the sentences."""

from __future__ import annotations

from mcstrat.core.statement import Overrides
from mcstrat.decide import Request, decide, for_record
from mcstrat.decide.decision import Firmness
from mcstrat.report import data as report_data
from mcstrat.report.views import defaults, firmness
from tests.conftest import EXAMPLE_ANSWERS


def test_json_firmness_is_the_verdict_and_its_four_figures() -> None:
    decision = decide(Request(answers=(EXAMPLE_ANSWERS,), robustness=True))
    found = report_data.recommend(decision)["firmness"]
    assert list(found) == ["verdict", "chance_first", "lead", "flip", "hinges"]
    assert found["verdict"] == "fragile" and found["hinges"] == 23
    assert found["lead"] == 50 / 27 and found["flip"] == 2 / 135
    assert (
        found["chance_first"]
        == report_data.recommend(decision)["robustness"]["acceptability"]["institutional-business-unit"][0]
    )


def test_no_robustness_no_verdict() -> None:
    assert "firmness" not in report_data.recommend(decide(Request(answers=(EXAMPLE_ANSWERS,))))


def test_the_sentence_says_the_deciding_figure_first_in_the_units_of_every_view() -> None:
    decision = decide(Request(answers=(EXAMPLE_ANSWERS,), robustness=True))
    said = firmness.sentence(decision)
    assert said.startswith("Fragile: a 1.85-point lead that moving 1.5% of the weight overturns; first in ")
    assert "of the weightings within what you stated" in said
    assert "23 single ratings of the table, one level off, would change it" in said


def test_a_record_adds_one_line_for_the_order_space() -> None:
    decision = for_record(decide(Request(answers=(EXAMPLE_ANSWERS,))), Firmness())
    assert decision.order_chance is not None and decision.smaa is not None
    assert decision.order_chance > decision.smaa.acceptability["institutional-business-unit"][0]
    line = firmness.order_line(decision)
    assert line.startswith("Keeping only the order of your priorities, not how much each matters, it comes first in")
    assert firmness.order_line(decide(Request(answers=(EXAMPLE_ANSWERS,), robustness=True))) == ""


def test_defaults_are_said_only_when_they_carry_more_than_a_quarter() -> None:
    loud = decide(
        Request(
            flags=Overrides(
                importances={"roi": ("critical", "--roi"), "risk": ("high", "--risk")},
                targets={"horizon": ("H1", "--target-horizon")},
            )
        )
    )
    assert report_data.recommend(loud)["defaults"] == {
        "criteria": ["effort", "horizon", "autonomy", "speed", "cost", "impact"],
        "share": 19 / 28,
    }
    assert defaults.sentence(loud) == (
        "Criteria you did not mention (effort, horizon, autonomy, speed to market, cost and impact) were counted at "
        "medium importance and carry 68% of the influence on this ranking; state them to be sure."
    )
    quiet = decide(Request(answers=(EXAMPLE_ANSWERS,)))
    assert report_data.recommend(quiet)["defaults"] == {"criteria": [], "share": 0}
    assert defaults.sentence(quiet) == "" and defaults.blocks(quiet) == []


def test_the_chance_says_when_the_ratings_were_let_move() -> None:
    settings = Firmness(rating_error=0.1, samples=500)
    decision = decide(Request(answers=(EXAMPLE_ANSWERS,), robustness=True, firmness=settings))
    assert "of the weightings within what you stated, each rating of the table possibly one level off (10%);" in (
        firmness.sentence(decision)
    )

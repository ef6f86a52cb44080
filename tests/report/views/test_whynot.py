"""Why-not's view: the change said once, in the units the priorities were stated in (views/whynot.py)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mcstrat.decide import Decision, Request, decide
from mcstrat.report import numbers
from mcstrat.report.views.whynot import data, sentences
from tests.conftest import EXAMPLE_ANSWERS, write_yaml

PROVOST = {"effort": 2, "horizon": 3, "risk": 4, "autonomy": 4, "speed": 3, "cost": 2, "impact": 4, "roi": 5}


def asked(model: str, *answers: Path, unlock: bool = False) -> Decision:
    return decide(Request(answers=answers, why_not=model, unlock_ignored=unlock))


def said(decision: Decision) -> str:
    assert decision.why_not is not None
    return " ".join(sentences(decision, decision.why_not))


def person(tmp_path: Path, name: str, **statement: Any) -> Path:
    return write_yaml(tmp_path / f"{name}.yaml", {"version": 1, "name": name, **statement})


def test_mooc_cannot_win_keeping_the_example_order_and_the_any_order_change_is_in_importances() -> None:
    decision = asked("mooc", EXAMPLE_ANSWERS)
    found = decision.why_not
    assert found is not None
    text = said(decision)
    assert "Keeping your order of priorities, MOOC led cannot come first: Institutional business unit" in text
    # the change in importances, each as printed, the largest moves first
    terms = found.any_order.members[0].terms
    assert isinstance(terms.now, dict) and isinstance(terms.needed, dict)
    moved = sorted(
        (c for c in terms.now if terms.now[c] != terms.needed[c]), key=lambda c: -abs(terms.needed[c] - terms.now[c])
    )
    labels = {c.id: c.label for c in decision.catalog.criteria}
    first = moved[0]
    assert (
        f"Only by changing the order of your priorities: MOOC led comes first if {labels[first]} goes from "
        f"{numbers.importance(terms.now[first])} to {numbers.importance(terms.needed[first])}"
    ) in text
    assert "(importance, 0–5): the smallest change, moving 10.7% of the weight;" in text
    assert "would then count for more than" in text  # the order it breaks, said
    assert "--unlock-ignored" not in text  # the example gives every criterion an importance


def test_a_change_keeping_the_order_is_said_first_in_importances(tmp_path: Path) -> None:
    decision = asked("professional", person(tmp_path, "p", priorities=PROVOST, target_horizon="H1"))
    found = decision.why_not
    assert found is not None and found.keep_order.possible
    text = said(decision)
    assert text.index("Keeping your order of priorities, Professional body led or partnership comes first if") < len(
        text
    )
    terms = found.keep_order.members[0].terms
    assert isinstance(terms.needed, dict) and isinstance(terms.now, dict)
    for c in terms.now:
        if numbers.importance(terms.now[c]) != numbers.importance(terms.needed[c]):
            assert f"from {numbers.importance(terms.now[c])} to {numbers.importance(terms.needed[c])}" in text
    # in any order it is no smaller, so it is not said again
    assert found.any_order.distance == found.keep_order.distance
    assert "Changing the order" not in text and "Only by changing" not in text


def test_rescaled_importances_say_so(tmp_path: Path) -> None:
    flat = dict.fromkeys(PROVOST, 5)
    decision = asked("mooc", person(tmp_path, "p", priorities=flat, target_horizon="H1"))
    assert "rescaled so the largest is 5" in said(decision)


def test_swing_answers_are_answered_in_swing_points(tmp_path: Path) -> None:
    swing = {"risk": 100, "cost": 80, "roi": 60, "speed": "100/3"}
    text = said(asked("sole", person(tmp_path, "f", swing=swing, target_horizon="H2")))
    assert "Keeping your order of priorities, Sole institution comes first if" in text
    assert "(swing points, top = 100)" in text and "Cost goes from 80 to" in text


def test_ranking_answers_are_answered_with_an_order(tmp_path: Path) -> None:
    ranking = "autonomy > impact = horizon > effort"
    text = said(asked("opx", person(tmp_path, "r", ranking=ranking, target_horizon="H3")))
    assert "Keeping your order of priorities, OPX led cannot come first" in text
    assert "comes first if the criteria are ranked Effort > " in text
    assert "(now Autonomy > Horizon = Impact > Effort)" in text


def test_criteria_stated_zero_are_held_and_the_flag_named_until_unlocked(tmp_path: Path) -> None:
    answers = person(tmp_path, "z", priorities={"roi": 5, "risk": 4, "effort": 0, "autonomy": 0})
    locked = said(asked("mooc", answers))
    assert "Criteria you gave 0 stay at 0 (" in locked and "--unlock-ignored lets them count too" in locked
    unlocked = asked("mooc", answers, unlock=True)
    assert "--unlock-ignored" not in said(unlocked)
    assert unlocked.why_not is not None and unlocked.why_not.unlock_ignored
    assert data(unlocked)["unlock_ignored"] is True


def test_a_group_names_who_moves_and_how(tmp_path: Path) -> None:
    a = person(tmp_path, "Provost", priorities=PROVOST, target_horizon="H1")
    b = person(tmp_path, "Finance", swing={"risk": 100, "cost": 80, "roi": 60, "speed": "100/3"}, target_horizon="H2")
    decision = asked("mooc", a, b)
    found = decision.why_not
    assert found is not None and found.keep_order.possible
    text = said(decision)
    assert "Keeping each member's order of priorities, MOOC led comes first if" in text
    moving = [m for m in found.keep_order.members if m.distance > 0]
    names = ["Provost", "Finance"]
    for m in moving:
        assert f"{names[m.index]} ({numbers.percent(m.distance / 2, 1)} of their weight): " in text
    units = {"importance": "(importance, 0–5", "points": "(swing points, top = 100)"}
    for m in moving:
        assert units[m.terms.unit] in text
    # JSON: every member, with their own weights now and needed and the change in their units
    members = data(decision)["keep_order"]["members"]
    assert [x["name"] for x in members] == names
    assert members[1]["terms"]["unit"] == "points" and members[0]["terms"]["unit"] == "importance"
    for entry, m in zip(members, found.keep_order.members):
        assert entry["distance"] == pytest.approx(float(m.distance))
        assert set(entry["weights"]) == set(m.now)
        assert sum(w["needed"] for w in entry["weights"].values()) == pytest.approx(1)


def test_json_keeps_the_any_order_answer_and_adds_keep_order() -> None:
    decision = asked("mooc", EXAMPLE_ANSWERS)
    found = decision.why_not
    assert found is not None
    out = data(decision)
    assert out["possible"] is True and out["distance"] == pytest.approx(float(found.any_order.distance or 0))
    assert out["keep_order"] == {
        "possible": False,
        "distance": None,
        "weights": None,
        "blocking": list(found.keep_order.blocking),
        "terms": None,
        "members": None,
    }
    assert out["members"] is None and out["terms"]["unit"] == "importance"
    assert out["importances"] == out["terms"]["needed"]
    needed = {c: Fraction(repr(w["needed"])) for c, w in out["weights"].items()}
    assert sum(needed.values()) == pytest.approx(1)


def test_a_keep_order_answer_within_the_certification_tolerance_is_said_once() -> None:
    """The committee's professional body: keeping the order costs 8e-11 more than any order, under the 1e-9 the
    distances are certified to: one answer, and no 'rescaled' where no importance passes 5."""
    from tests.conftest import ROOT

    decision = decide(Request(group=ROOT / "examples" / "committee.yaml", why_not="professional-body-partnership"))
    text = said(decision)
    assert "Keeping each member's order of priorities, Professional body led or partnership comes first if" in text
    assert "In any order" not in text and "rescaled" not in text

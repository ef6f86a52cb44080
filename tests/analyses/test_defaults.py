"""What nobody stated carries (analyses/defaults.py), worked out by hand from Table 2."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from mcstrat.core.statement import Overrides
from mcstrat.decide import Request, decide

ROOT = Path(__file__).resolve().parents[2]
F = Fraction


def test_the_issue_case_by_hand() -> None:
    """--roi critical --risk high --target-horizon H1: roi 5, risk 4, and six criteria at medium (2), horizon
    switched on by its target. Ranges over all eight models (midpoint, target H1): effort, autonomy, speed 1;
    horizon 3/4; risk, cost, impact, roi 1/2. w x r (unnormalised): effort 2, horizon 3/2, risk 2, autonomy 2,
    speed 2, cost 1, impact 1, roi 5/2: 14 in all, of which the six defaults carry 19/2: 19/28 (68%)."""
    flags = Overrides(
        importances={"roi": ("critical", "--roi"), "risk": ("high", "--risk")},
        targets={"horizon": ("H1", "--target-horizon")},
    )
    found = decide(Request(flags=flags)).defaults
    assert found is not None
    assert found.criteria == ("effort", "horizon", "autonomy", "speed", "cost", "impact")
    assert found.share == F(19, 28) and found.loud


def test_stated_everything_means_no_defaults() -> None:
    found = decide(Request(answers=(ROOT / "examples" / "answers.yaml",))).defaults
    assert found is not None and (found.criteria, found.share, found.loud) == ((), 0, False)


def test_a_group_splits_each_criterion_by_who_stated_it() -> None:
    """The share is the members' unstated w x r, weighted by their shares, over the group's w x r."""
    decision = decide(Request(group=ROOT / "examples" / "committee.yaml"))
    assert decision.group is not None and decision.defaults is not None
    total = unstated = F(0)
    for view in decision.group.stakeholders:
        for cw in view.result.criteria:
            total += view.share * cw.weight * cw.span
            if cw.defaulted and cw.importance > 0:
                unstated += view.share * cw.weight * cw.span
    assert decision.defaults.share == unstated / total
    # and it is the group's influence carried by those statements: the group's effective weights sum the same way
    group_total = sum((cw.weight * cw.span for cw in decision.result.criteria), F(0))
    assert group_total == total

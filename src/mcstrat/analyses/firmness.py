"""How firm is the recommendation, in one word? The verdict of issue 20 and the four figures it rests on.

Definitions (docs/firmness.md states the same rule for readers):

- ``chance_first``: the winner's first-rank acceptability (SMAA-2, analyses/robustness.py) in the
  weight space the robustness analysis sampled, its identical models counted with it (they are one
  row of the table, so they always score alike and their split of first place is arbitrary).
- ``lead``: the winner's score lead over the best model that is not identical to it, in points
  of the 0..100 score (exact; None when nothing else is ranked).
- ``flip``: the smallest share of the weight that must move to change the winner: half the L1
  distance of the nearest rival's any-order why-not (analyses/whynot.py), with criteria stated as 0
  kept at 0. The L1 distance counts every unit of weight twice (once where it leaves, once where it
  arrives), so half of it is the share moved. The nearest rival is the one with the smallest such
  distance over every ranked model not identical to the winner; None when no rival can come first
  under any weights (nothing overturns it by weighting alone). For a group it is the weighted
  total change of the members' weights (whynot.py's distance), halved.
- ``hinges``: the number of single one-level moves of a cell of the table that change the winner
  (analyses/sensitivity.py's ``cells``).

Verdict, in this order: ``tied`` when the top is tied (models with the same exact score that are
not rated identically); ``firm`` when chance_first >= 0.75, flip >= 0.10 (or None) and
hinges = 0; ``fragile`` when chance_first < 0.5 or flip < 0.05; otherwise ``fairly firm``.
The thresholds are compared with the figures as computed (not as rounded for print).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from mcstrat.analyses.ranking import Problem, RankResult, identical_models
from mcstrat.analyses.robustness import SmaaResult
from mcstrat.analyses.sensitivity import Sensitivity
from mcstrat.analyses.whynot import any_order_distance
from mcstrat.core.vocabulary import VERDICTS

#: The rule's thresholds.
FIRM_CHANCE = 0.75
FIRM_FLIP = Fraction(1, 10)
FRAGILE_CHANCE = 0.5
FRAGILE_FLIP = Fraction(1, 20)


class Verdict(NamedTuple):
    """The verdict and the figures it rests on, for the winner of the ranking."""

    verdict: str
    winner: tuple[str, ...]  # the winner and its identical models
    chance_first: float
    lead: Fraction | None  # points over the best other model; None when it is alone
    runner_up: str | None  # that model
    flip: Fraction | None  # share of the weight; None when no weighting overturns it
    rival: str | None  # the nearest rival: the model the flip puts first
    hinges: int
    reason: str  # which part of the rule decided the verdict: tied, chance, flip, hinges or all


def verdict(chance_first: float, flip: Fraction | None, hinges: int, tied: bool) -> tuple[str, str]:
    """(verdict, the part of the rule that decided it) for the four figures."""
    if tied:
        return "tied", "tied"
    if chance_first < FRAGILE_CHANCE:
        return "fragile", "chance"
    if flip is not None and flip < FRAGILE_FLIP:
        return "fragile", "flip"
    if chance_first >= FIRM_CHANCE and (flip is None or flip >= FIRM_FLIP) and hinges == 0:
        return "firm", "all"
    if chance_first < FIRM_CHANCE:
        return "fairly firm", "chance"
    if flip is not None and flip < FIRM_FLIP:
        return "fairly firm", "flip"
    return "fairly firm", "hinges"


def judge(
    result: RankResult,
    problems: Sequence[Problem],
    shares: Sequence[Fraction],
    smaa: SmaaResult,
    sensitivity: Sensitivity,
) -> Verdict:
    """The verdict on RESULT's winner from the robustness SMAA, the table's SENSITIVITY and any-order why-nots."""
    # each model with the models rated identically to it (one row of the table), itself alone when none are
    rows = {m: group for group in identical_models(problems) for m in group}
    family = set(rows.get(result.ranking[0].model.id, (result.ranking[0].model.id,)))
    top = result.top
    tied = any(r.model.id not in family for r in top)
    winner = tuple(r.model.id for r in result.ranking if r.model.id in family)
    chance = smaa.combined_first(winner)
    others = [r for r in result.ranking if r.model.id not in family]
    lead = (top[0].score - others[0].score) if others else None
    flip: Fraction | None = None
    rival: str | None = None
    if not tied:
        # nearest first by a lower bound, stopping once no rival left can be nearer (exact, and it spares most
        # of the programmes of a large decision): moving a share d of a member's weight changes a rival's lead
        # over the winner by at most d times the spread of that member's utility differences between the two,
        # so closing the winner's lead g takes at least g / (the largest spread) of the weight
        bounds = _lower_bounds(problems, shares, result.ranking[0].model.id, [r.model.id for r in others])
        seen: set[str] = set()
        for other in sorted(others, key=lambda r: bounds[r.model.id]):
            if flip is not None and bounds[other.model.id] >= flip:
                break
            if other.model.id in seen:  # a rated-identical rival is as near as its twin
                continue
            seen.update(rows.get(other.model.id, (other.model.id,)))
            distance = any_order_distance(problems, other.model.id, shares)
            if distance is None:
                continue
            moved = distance / 2
            if flip is None or moved < flip:
                flip, rival = moved, other.model.id
    said, reason = verdict(chance, flip, len(sensitivity.cells), tied)
    return Verdict(
        verdict=said,
        winner=winner,
        chance_first=chance,
        lead=lead,
        runner_up=others[0].model.id if others else None,
        flip=flip,
        rival=rival,
        hinges=len(sensitivity.cells),
        reason=reason,
    )


def _lower_bounds(
    problems: Sequence[Problem], shares: Sequence[Fraction], winner: str, rivals: Sequence[str]
) -> dict[str, Fraction]:
    """Per rival, a lower bound of the share of the weight that must move for it to catch the WINNER:
    (the winner's lead) / max over members of (max - min over their weighed criteria of u_rival - u_winner)."""
    from mcstrat.analyses.aggregate import utilities_of
    from mcstrat.analyses.ranking import weights

    ids = [m.id for m in problems[0].models]
    w_idx = ids.index(winner)
    tables = utilities_of(problems)
    ws = [weights(prob.importances) for prob in problems]
    out: dict[str, Fraction] = {}
    for rival in rivals:
        k = ids.index(rival)
        lead = Fraction(0)
        spread = Fraction(0)
        for share, u, w in zip(shares, tables, ws):
            diffs = [u[k][c] - u[w_idx][c] for c in range(len(w)) if w[c] > 0]
            lead += share * sum((-w[c] * (u[k][c] - u[w_idx][c]) for c in range(len(w))), Fraction(0))
            if diffs:
                spread = max(spread, max(diffs) - min(diffs))
        out[rival] = lead / spread if spread > 0 else Fraction(10**9)
    return out


__all__ = ["FIRM_CHANCE", "FIRM_FLIP", "FRAGILE_CHANCE", "FRAGILE_FLIP", "VERDICTS", "Verdict", "judge", "verdict"]

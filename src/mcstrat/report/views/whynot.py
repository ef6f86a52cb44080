"""Why-not's view: where a model ranks, what costs it most, and the smallest change of weights that puts it first.

analyses/whynot.py has the definitions: the closest weights in total absolute change (L1), found
by a linear programme and confirmed exactly; shares of weight moved are half that distance. A tied
rank reads "ranks 2="; a model rated identically to another can only ever share first place with
it; a dominated model "can at best tie" with a model it equals on some criterion that counts, and
"can never come first" while one better on every such criterion is ranked.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Column, Num, Paragraph, Table
from mcstrat.report.views import ranking

if TYPE_CHECKING:
    from mcstrat.analyses.whynot import WhyNot


def sentences(decision: Decision, found: WhyNot) -> list[str]:
    """The answer in plain sentences."""
    names = {m.id: m.name for m in decision.catalog.models}
    labels = {c.id: c.label for c in decision.catalog.criteria}
    name, winner = names[found.model], names[found.winner]
    tied_with = [names[m] for m in found.tied_with]
    out = []
    if found.rank == 1:
        shared = f", sharing first place with {numbers.listed(tied_with)}" if tied_with else ""
        out.append(f"{name} is already first{shared}.")
    else:
        shared = f" (shared with {numbers.listed(tied_with)})" if tied_with else ""
        out.append(
            f"{name} ranks {numbers.rank(found.rank, found.tied)}{shared}, {numbers.score(found.gap)} points behind "
            f"{winner}."
        )
        worst = [(c, v) for c, v in sorted(found.costs.items(), key=lambda kv: kv[1]) if v < 0][:3]
        if worst:
            costs = ", ".join(f"{labels.get(c, c)} ({numbers.signed(v)} points)" for c, v in worst)
            out.append(f"It loses most on {costs} against {winner}.")
    identical = [names[m] for m in found.identical]
    if identical:
        out.append(
            f"It is rated identically to {numbers.listed(identical)}, so they always score the same: "
            f"it can only ever share first place with {'it' if len(identical) == 1 else 'them'}."
        )
    if found.dominated_by:
        strict = [m for m in found.dominated_by if m in found.strictly_dominated_by]
        loose = [m for m in found.dominated_by if m not in strict]
        if decision.group is not None:
            who = numbers.listed([names[m] for m in found.dominated_by])
            out.append(
                f"It is dominated by {who}: at least as good on every "
                "criterion and better on one (with the group's present weights; other weights change whose "
                "utilities count)."
            )
        else:
            if strict:
                one = len(strict) == 1
                who = numbers.listed([names[m] for m in strict])
                out.append(
                    f"{who} {'is' if one else 'are'} better on every criterion, so it "
                    f"can never come first while {'it is' if one else 'they are'} in the ranking."
                )
            if loose:
                one = len(loose) == 1
                who = numbers.listed([names[m] for m in loose])
                out.append(
                    f"It is dominated by {who}: at least as good on every criterion and "
                    f"better on one, so it can at best tie with {'it' if one else 'them'} (with all the weight on "
                    "criteria where they are equal)."
                )
    if not found.possible:
        blocking = numbers.listed([names[m] for m in found.blocking]) or "other models"
        verb = "stands" if len(found.blocking) == 1 else "stand"
        out.append(f"No weighting of the criteria makes it first: {blocking} {verb} in its way.")
    elif found.rank != 1 and found.distance is not None:
        whose = "the group's weights" if decision.group is not None else "your weights"
        out.append(
            f"The smallest change of {whose} that makes it first moves {numbers.percent(found.distance / 2, 1)} of "
            "the weight (the needed weights below; there it ties first, and any less change leaves it behind)."
        )
    return out


def table(decision: Decision, found: WhyNot) -> Table:
    """Per criterion: the weight now and needed, the importance needed (importance answers), and the points lost."""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    needed = found.needed or {}
    imps = found.importances
    rows = []
    for c, cost in sorted(found.costs.items(), key=lambda kv: kv[1]):
        row: list[Any] = [
            Num(labels.get(c, c), c),
            Num(numbers.percent(found.now[c], 1), found.now[c]),
            Num("-" if c not in needed else numbers.percent(needed[c], 1), needed.get(c, "")),
        ]
        imp = imps.get(c) if imps is not None else None
        text = "-" if imp is None else numbers.importance(imp) + (" (beyond 5)" if imp > 5 else "")
        row.append(Num(text, "" if imp is None else imp))
        row.append(Num(numbers.signed(cost), cost))
        rows.append(tuple(row))
    return Table(
        (
            Column("Criterion", key="criterion", wrap=False),
            Column("Weight now", key="weight_now", numeric=True, wrap=False),
            Column("Needed", key="weight_needed", numeric=True, wrap=False),
            # for machines always; on a screen only for importance answers, which have importances to give
            Column(
                "Importance needed",
                key="importance_needed",
                numeric=True,
                wrap=False,
                only="" if imps is not None else "data",
            ),
            Column("Points against the winner", key="points_vs_winner", numeric=True, wrap=False),
        ),
        tuple(rows),
        title="Weights now and needed, and points against the winner",
        export=True,
    )


def blocks(decision: Decision) -> list[Block]:
    """The sentences, then the table of weights now and needed."""
    found = decision.why_not
    assert found is not None
    return [*(Paragraph((line,)) for line in sentences(decision, found)), table(decision, found)]


def shift(decision: Decision) -> str:
    """The smallest change of weights under which the runner-up comes first, in words (a record's page 1)."""
    found = decision.shift
    if found is None or not found.possible or found.needed is None or found.distance is None:
        return ""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    needed, now = found.needed, found.now
    moves = sorted(needed, key=lambda c: -abs(needed[c] - now[c]))
    shown = [c for c in moves if abs(needed[c] - now[c]) >= Fraction(1, 200)][:3]
    # whole percentages when they are exact, else one decimal: rounding made a 1.5-point move read
    # "from 11% to 13%" beside "at least 1%"
    values = [found.distance / 2, *(now[c] for c in shown), *(needed[c] for c in shown)]
    decimals = 0 if all((100 * v).denominator == 1 for v in values) else 1
    parts = [
        f"{labels[c]} from {numbers.percent(now[c], decimals)} to {numbers.percent(needed[c], decimals)}" for c in shown
    ]
    whose = "the group's weight" if decision.group is not None else "the weight"
    return (
        f"For {ranking.taker(decision, found.model)} to come first instead, at least "
        f"{numbers.percent(found.distance / 2, decimals)} of {whose} would have to move: {numbers.listed(parts)}."
    )


__all__ = ["blocks", "sentences", "shift", "table"]

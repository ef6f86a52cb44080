"""The explanation's view: why the winner wins (its lead, and where it comes from), missed targets, each model's points.

The lead sentence is stated once and used everywhere: under the ranking on a terminal and in
Markdown, in JSON's `summary.text`, and on a record's page 1. Scores and the lead carry two
decimals where one would not add up (numbers.lead_places). analyses/explain.py defines the lead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mcstrat.analyses.explain import Lead, MissedTarget, lead
from mcstrat.analyses.ranking import CriterionWeight, RankResult
from mcstrat.core.vocabulary import Direction
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Column, Heading, Inline, Note, Paragraph, Strong, Table, Toned
from mcstrat.report.views.ranking import taker


def prose(label: str) -> str:
    """A criterion label inside a sentence: 'Speed to market' -> 'speed to market', 'ROI' stays."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def members(decision: Decision) -> tuple[tuple[str, RankResult], ...]:
    """A group's members, each name and their own ranking (whose targets count); () for one person."""
    if decision.group is None:
        return ()
    return tuple((view.name, view.result) for view in decision.group.stakeholders)


def _missed(winner: str, label: str, t: MissedTarget) -> str:
    """One missed target in plain words: yours, or each missed level with the members who set it."""
    if not t.stakeholders:
        return f"{winner} misses your target {label} {t.target}: it is rated {t.rating}."
    if len(t.stakeholders) == 1:
        level, names = t.stakeholders[0]
        said = f"{label} {level} of {numbers.listed(list(names))}"
    else:
        said = f"{label}s " + numbers.listed(
            [f"{level} ({numbers.listed(list(names))})" for level, names in t.stakeholders]
        )
    return f"{winner} misses the target {said}: it is rated {t.rating}."


def sentences(
    result: RankResult, found: Lead | None = None, members: Sequence[tuple[str, RankResult]] = ()
) -> tuple[str, list[str]]:
    """The lead as one plain sentence, and one sentence per missed target (a group's MEMBERS: whose targets count).

    Names and labels come from the models file: writers pass the text through their channel's sanitiser.
    """
    found = found or lead(result, members)
    names = {r.model.id: r.model.name for r in result.ranking}
    labels = {cw.criterion.id: prose(cw.criterion.label) for cw in result.criteria}
    first = result.ranking[0]
    if found.tied:
        line = (
            f"{numbers.listed([names[m] for m in found.winners])} tie for first at {numbers.score(first.score)} points."
        )
    elif not found.runners_up:
        line = f"{names[found.winners[0]]} is the only model left to rank."
    else:
        decimals = numbers.lead_places(first.score, first.score - found.margin)
        line = (
            f"{names[found.winners[0]]} leads {numbers.listed([names[m] for m in found.runners_up])} by "
            f"{numbers.score(found.margin, decimals)} points"
        )
        if found.reasons:
            line += f", mostly on {numbers.listed([labels[c] for c in found.reasons])}"
        line += "."
    winner = first.model.name
    notes = [_missed(winner, labels[t.criterion], t) for t in found.missed_targets]
    return line, notes


def data(result: RankResult, members: Sequence[tuple[str, RankResult]] = ()) -> dict[str, Any]:
    """The `summary` object of `recommend --format json` (a group's MEMBERS: whose targets count)."""
    found = lead(result, members)
    line, notes = sentences(result, found)
    return {
        "text": line,
        "winners": list(found.winners),
        "runners_up": list(found.runners_up),
        "margin": float(found.margin),
        "reasons": list(found.reasons),
        "gains": {c: float(g) for c, g in found.gains.items()},
        "missed_targets": [
            {
                "criterion": t.criterion,
                "target": t.target,
                "rating": t.rating,
                # a group's: each missed level -> the members who set it
                **({"stakeholders": {level: list(names) for level, names in t.stakeholders}} if t.stakeholders else {}),
            }
            for t in found.missed_targets
        ],
        "notes": notes,
    }


def summary(result: RankResult, members: Sequence[tuple[str, RankResult]] = ()) -> list[Block]:
    """The lead sentence (a tie in a warning's colour) and any missed target, under the ranking (a group's MEMBERS:
    whose targets count)."""
    line, notes = sentences(result, members=members)
    first: Inline = (Toned(line, "warn"),) if len(result.top) > 1 else (line,)
    return [Paragraph(first), *(Paragraph((Toned(f"Note: {note}", "warn"),)) for note in notes)]


def points_table(decision: Decision, top: int | None = None) -> Table:
    """Each model's points from each criterion (100 x weight x utility): they add up to its score."""
    result = decision.result
    shown = result.first(top)
    decimals = numbers.places(r.score for r in shown)
    return Table(
        (
            Column("Model", width=20),
            *(Column(cw.criterion.id, numeric=True, wrap=False) for cw in result.criteria),
            Column("Total", numeric=True, wrap=False),
        ),
        tuple(
            (
                r.model.name,
                *(numbers.score(r.contributions[cw.criterion.id]) for cw in result.criteria),
                numbers.score(r.score, decimals),
            )
            for r in shown
        ),
        title="Points from each criterion (weight x utility x 100)",
    )


def lead_table(decision: Decision) -> list[Block]:
    """Winner against runner-up, criterion by criterion: each one's rating and points, and the difference, largest
    gain first; criteria where they score the same are left out (a record's)."""
    result = decision.result
    first = result.ranking[0]
    runner = next((r for r in result.ranking if r.rank > 1), None)
    if runner is None:
        return []
    by_id = {cw.criterion.id: cw for cw in result.criteria}
    diffs = sorted(by_id, key=lambda c: -(first.contributions[c] - runner.contributions[c]))
    differ = [c for c in diffs if first.contributions[c] != runner.contributions[c]]

    def said(rating: str, points: numbers.Number) -> str:
        return f"{rating} ({numbers.score(points)})" if rating else numbers.score(points)

    rows: list[tuple[Any, ...]] = [
        (
            by_id[c].criterion.label,
            said(first.ratings.get(c, ""), first.contributions[c]),
            said(runner.ratings.get(c, ""), runner.contributions[c]),
            numbers.signed(first.contributions[c] - runner.contributions[c]),
        )
        for c in differ
    ]
    places = numbers.lead_places(first.score, runner.score)  # as the lead sentence prints them
    rows.append(
        (
            Strong("Score"),
            Strong(numbers.score(first.score, places)),
            Strong(numbers.score(runner.score, places)),
            Strong(numbers.signed(first.score - runner.score, places)),
        )
    )
    a, b = first.model.name, taker(decision, runner.model.id)
    same = len(by_id) - len(differ)
    return [
        Heading(f"Why {a} leads {b}"),
        Note(
            (
                "Each criterion's rating and, in brackets, the points it adds to the score out of 100"
                + (f"; {same} criteria where both score the same are left out" if same > 1 else "")
                + (f"; {same} criterion where both score the same is left out" if same == 1 else "")
                + ".",
            )
        ),
        Table(
            (
                Column("Criterion"),
                Column(a, numeric=True),
                Column(b, numeric=True),
                Column("Difference", numeric=True, wrap=False),
            ),
            tuple(rows),
        ),
    ]


def _better(criteria: Sequence[CriterionWeight]) -> str:
    """What being better on CRITERIA means, in plain words: "lower risk and cost", "more autonomy", "a horizon nearer
    the target"."""
    by: dict[Direction, list[str]] = {}
    for cw in criteria:
        by.setdefault(cw.criterion.direction, []).append(prose(cw.criterion.label))
    parts = []
    if Direction.benefit in by:
        parts.append("more " + numbers.listed(by[Direction.benefit]))
    if Direction.cost in by:
        parts.append("lower " + numbers.listed(by[Direction.cost]))
    parts += [f"a {label} nearer the target" for label in by.get(Direction.target, [])]
    return numbers.listed(parts)


def deciding(decision: Decision) -> Inline:
    """The two or three criteria that decide it, where the winner gains most over the runner-up, and what choosing it
    gives up against the runner-up, in plain words (a record's page 1)."""
    result = decision.result
    first = result.ranking[0]
    runner = next((r for r in result.ranking if r.rank > 1), None)
    if runner is None or len(result.top) > 1:
        return ()
    by_id = {cw.criterion.id: cw for cw in result.criteria}
    gains = sorted(((c, first.contributions[c] - runner.contributions[c]) for c in by_id), key=lambda d: -d[1])
    top = [by_id[c] for c, d in gains if d > 0][:3]
    if not top:
        return ()
    losses = [by_id[c] for c, d in reversed(gains) if d < 0][:3]
    other = taker(decision, runner.model.id)
    tail = f"; choosing it gives up what the runner-up offers: {_better(losses)}" if losses else ""
    return (Strong("What decides it."), f" {first.model.name} offers {_better(top)} than {other}{tail}.")


__all__ = ["data", "deciding", "lead_table", "members", "points_table", "prose", "sentences", "summary"]

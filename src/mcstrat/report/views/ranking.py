"""The ranking's view: each model's rank and score, who is left out and why, and which models another always beats.

A score is 100 x the weighted sum of a model's utilities; tied models share a rank ("2="). Scores
are printed with the decimals that keep different scores different (numbers.places). The table
is also the command's data (CSV): rank, id, name, score, tied, each criterion's points and, when
firmness was measured, the chance of each rank.
"""

from __future__ import annotations

from mcstrat.analyses.ranking import RankResult, dominance, identical_models
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import (
    Bars,
    Block,
    Cell,
    Chart,
    Column,
    Items,
    Meter,
    Note,
    Num,
    Paragraph,
    Strong,
    Table,
)


def table(decision: Decision, top: int | None = None) -> Table:
    """Rank, model and score (with a bar on a terminal); for machines also id, tie, points and rank chances."""
    result = decision.result
    shown = result.first(top)
    criteria = [cw.criterion.id for cw in result.criteria]
    decimals = numbers.places(r.score for r in shown)
    smaa = decision.smaa
    ranks = len(next(iter(smaa.acceptability.values()))) if smaa is not None else 0
    columns = (
        Column("Rank", key="rank", numeric=True, wrap=False),
        Column("id", key="id", only="data"),
        Column("Model", key="name", width=36),
        Column("Score", key="score", numeric=True, wrap=False),
        Column("tied", key="tied", only="data"),
        Column("", only="screen", wrap=False),
        *(Column(f"points from {c}", key=f"contribution_{c}", only="data") for c in criteria),
        *(Column(f"chance of rank {i + 1}", key=f"p_rank{i + 1}", only="data") for i in range(ranks)),
    )
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            Num(numbers.rank(r.rank, r.tied), r.rank),
            r.model.id,
            r.model.name,
            Num(numbers.score(r.score, decimals), r.score),
            Num(str(r.tied).lower(), str(r.tied).lower()),
            Meter(float(r.score) / 100),
            *(Num(numbers.score(r.contributions[c]), r.contributions[c]) for c in criteria),
            *(Num(numbers.chance(p), p) for p in (smaa.acceptability[r.model.id] if smaa is not None else [])),
        )
        for r in shown
    )
    return Table(columns, rows, key_columns=2, export=True)


def title(decision: Decision) -> str:
    """ "Recommendation", for whom when the priorities are named."""
    name = decision.result.priorities.name
    return "Recommendation" + (f" for {name}" if name else "")


def hidden(result: RankResult, top: int | None) -> list[Block]:
    """A note when --top leaves models out."""
    count = len(result.ranking) - len(result.first(top))
    if not count:
        return []
    return [Note((f"{count} more model{'s' if count > 1 else ''} not shown; drop --top to see all.",))]


def excluded(result: RankResult) -> list[Block]:
    """The models left out of the ranking, each with every reason."""
    if not result.excluded:
        return []
    return [
        Paragraph(("Not ranked:",)),
        Items(tuple((Strong(e.model.name), f": {e.reason}") for e in result.excluded)),
    ]


def dominated(decision: Decision) -> list[Block]:
    """The models another model is at least as good as on everything that counts (and better on one), at the ratings
    as scored, in plain words."""
    found = dominance(decision.result)
    if not found:
        return []
    names = {r.model.id: r.model.name for r in decision.result.ranking}
    # a group's utilities depend on whose weight counts, so only its present weights say so; ranged ratings
    # are judged as scored (the firmness analysis's dominance, over their whole range, is what can win's)
    when = " and the group's present weights" if decision.group is not None else ""
    return [
        Note(
            (
                f"At the ratings as scored{when}, {names[m]} can never come out ahead of "
                f"{numbers.listed([names[d] for d in by])}: "
                # the dominating model is named as the subject: "it" would read as the dominated one
                + (f"{names[by[0]]} is" if len(by) == 1 else "each of them is")
                + " at least as good on every criterion that counts and better on one.",
            )
        )
        for m, by in found.items()
    ]


def scores_chart(decision: Decision, top: int | None = None) -> Chart:
    """The scores as bars stacked by what each criterion contributes (a record's picture of the table)."""
    result = decision.result
    shown = result.first(top)
    used = [cw.criterion for cw in result.criteria if any(r.contributions[cw.criterion.id] > 0 for r in shown)]
    decimals = numbers.places(r.score for r in shown)
    first = result.ranking[0]
    runner = next((r for r in result.ranking if r.rank > 1), None)
    return Chart(
        title="Scores, stacked by what each criterion contributes",
        alt=(
            f"{first.model.name} scores {numbers.score(first.score, decimals)} out of 100"
            + (f", {runner.model.name} {numbers.score(runner.score, decimals)}" if runner else "")
            + "; each bar is split into the points each criterion adds."
        ),
        plot=Bars(
            rows=tuple(r.model.name for r in shown),
            segments=tuple(c.label for c in used),
            values=tuple(tuple(float(r.contributions[c.id]) for c in used) for r in shown),
            axis="Score (0-100)",
            limit=100.0,
            totals=tuple(numbers.score(r.score, decimals) for r in shown),
        ),
        key="scores",
    )


def taker(decision: Decision, model_id: str) -> str:
    """A model that would come first, with any rated identically to it (they would share first place)."""
    names = {m.id: m.name for m in decision.catalog.models}
    twins = next((g for g in identical_models(decision.problems()[0]) if model_id in g), ())
    others = [names[t] for t in twins if t != model_id]
    if not others:
        return names[model_id]
    return f"{names[model_id]} (jointly with {numbers.listed(others)}, rated identically)"


def method(decision: Decision) -> Note:
    """How a score is made, for the record."""
    how = (
        "Group score: the stakeholders' scores (0-100) averaged with their weights."
        if decision.group is not None
        else "Score: 100 x the weighted sum of the model's ratings turned into utilities (1 = best)."
    )
    return Note((how + " Models with exactly equal scores share a rank (=), listed in the models file's order.",))


__all__ = ["dominated", "excluded", "hidden", "method", "scores_chart", "table", "taker", "title"]

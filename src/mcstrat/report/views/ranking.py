"""The ranking's view: each model's rank and score, who is left out and why, and which models another always beats.

A score is 100 x the weighted sum of a model's utilities; tied models share a rank ("2="). Scores
are printed with the decimals that keep different scores different (numbers.places). The table
is also the command's data (CSV): rank, id, name, score, tied, each criterion's points and, when
firmness was measured, the chance of each rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcstrat.analyses.ranking import Ranked, RankResult, dominance, identical_models
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


def not_ranked(result: RankResult) -> list[Block]:
    """The models left out of the ranking, with every reason, in one paragraph (the terminal's plain view)."""
    if not result.excluded:
        return []
    reasons = _joined([(Strong(e.model.name), f", {e.reason}") for e in result.excluded])
    return [Paragraph(("Not ranked: ", *reasons, "."))]


def _joined(parts: list[tuple[Strong, str]]) -> tuple[Strong | str, ...]:
    out: list[Strong | str] = []
    for i, part in enumerate(parts):
        if i:
            out.append("; ")
        out += part
    return tuple(out)


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


def never_ahead(decision: Decision) -> list[Block]:
    """`dominated` in one sentence (the terminal's plain view): each model that can never come out ahead at the ratings
    as scored, and of which."""
    found = dominance(decision.result)
    if not found:
        return []
    names = {r.model.id: r.model.name for r in decision.result.ranking}
    when = " and the group's present weights" if decision.group is not None else ""
    pairs = [(names[m], numbers.listed([names[d] for d in by])) for m, by in found.items()]
    said = f"{pairs[0][0]} can never come out ahead of {pairs[0][1]}"
    said += "".join(f", nor {m} of {by}" for m, by in pairs[1:])
    return [Note((f"At the ratings as scored{when}, {said}.",))]


def scores_chart(decision: Decision, top: int | None = None) -> Chart:
    """The scores as bars stacked by what each criterion contributes (a record's picture of the table)."""
    result = decision.result
    shown = result.first(top)
    used = [cw.criterion for cw in result.criteria if any(r.contributions[cw.criterion.id] > 0 for r in shown)]
    first = result.ranking[0]
    runner = next((r for r in result.ranking if r.rank > 1), None)
    # as the lead sentence prints the scores, where one decimal would not add up
    decimals = max(numbers.places(r.score for r in shown), numbers.lead_places(first.score, *_runner(runner)))
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


def together(names: Sequence[str]) -> str:
    """Models rated identically as one name, their shared last words said once: "Professional body / NGO led or
    partnership" (a record's one row or bar for them)."""
    if len(names) < 2:
        return "".join(names)
    words = [n.split() for n in names]
    shared = 0
    while shared < min(len(w) for w in words) - 1 and len({w[-1 - shared] for w in words}) == 1:
        shared += 1
    if not shared:
        return " / ".join(names)
    return " / ".join(" ".join(w[:-shared]) for w in words) + " " + " ".join(words[0][-shared:])


def twins(decision: Decision) -> dict[str, tuple[str, ...]]:
    """Each model rated identically to another -> its whole group of ids, in file order."""
    return {m: group for group in identical_models(decision.problems()[0]) for m in group}


def one_row(decision: Decision, model_id: str) -> str:
    """A model's name, or the one name of the models rated identically to it: "A / B led or partnership, rated
    identically" (a row of a record's table)."""
    names = {m.id: m.name for m in decision.catalog.models}
    group = twins(decision).get(model_id)
    if not group:
        return names[model_id]
    return f"{together([names[m] for m in group])}, rated identically"


def _runner(runner: Ranked | None) -> list[numbers.Number]:
    return [runner.score] if runner is not None else []


def taker(decision: Decision, model_id: str) -> str:
    """A model that would come first, with any rated identically to it (they would share first place)."""
    names = {m.id: m.name for m in decision.catalog.models}
    group = twins(decision).get(model_id)
    if not group:
        return names[model_id]
    return f"{together([names[m] for m in group])} (rated identically)"


def ranking_chart(decision: Decision, top: int | None = None) -> Chart:
    """The ranking as one bar per model, models rated identically as one bar, the recommendation in its own colour
    (a record's page 1). Scores with the decimals of the lead sentence, so page 1 prints each score once."""
    result = decision.result
    names = {m.id: m.name for m in decision.catalog.models}
    groups = twins(decision)
    rows: list[tuple[str, numbers.Number, bool]] = []
    seen: set[str] = set()
    for r in result.first(top):
        if r.model.id in seen:
            continue
        group = groups.get(r.model.id, (r.model.id,))
        seen.update(group)
        rows.append((together([names[m] for m in group]), r.score, r.rank == 1))
    first = result.ranking[0]
    runner = next((r for r in result.ranking if r.rank > 1), None)
    decimals = numbers.lead_places(first.score, *([runner.score] if runner else []))
    shared = [together([names[m] for m in g]) for g in dict.fromkeys(groups.values())]
    alike = f" Models rated identically share one bar: {numbers.listed(shared)}." if shared else ""
    return Chart(
        title="The models ranked by score",
        alt=(
            f"{numbers.listed([r.model.name for r in result.top])} "
            f"{'scores' if len(result.top) == 1 else 'score'} highest, {numbers.score(first.score, decimals)} out of "
            f"100; the bars below are the other models, best first.{alike}"
        ),
        plot=Bars(
            rows=tuple(name for name, _, _ in rows),
            segments=("Recommended", "Other models"),
            values=tuple((float(s), 0.0) if best else (0.0, float(s)) for _, s, best in rows),
            axis="Score out of 100",
            limit=100.0,
            totals=tuple(numbers.score(s, decimals) for _, s, _ in rows),
            sequential=True,
        ),
        key="ranking",
    )


def method(decision: Decision) -> Note:
    """How a score is made, for the record."""
    how = (
        "Group score: the stakeholders' scores (0-100) averaged with their weights."
        if decision.group is not None
        else "Score: 100 x the weighted sum of the model's ratings turned into utilities (1 = best)."
    )
    return Note((how + " Models with exactly equal scores share a rank (=), listed in the models file's order.",))


__all__ = [
    "dominated",
    "excluded",
    "hidden",
    "method",
    "never_ahead",
    "not_ranked",
    "one_row",
    "ranking_chart",
    "scores_chart",
    "table",
    "taker",
    "title",
    "together",
    "twins",
]

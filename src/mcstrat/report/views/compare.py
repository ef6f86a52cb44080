"""Comparison's view: models side by side, who is better on each criterion, and where a score gap comes from.

analyses/compare.py has the definitions: without priorities "better" follows each criterion's
direction alone; with them, utilities follow the priorities and each criterion's points
(weight x utility x 100) add up to the score, so the differences column adds up to the score gap.
"""

from __future__ import annotations

from mcstrat.decide import Compared
from mcstrat.report import numbers
from mcstrat.report.document import (
    Bars,
    Block,
    Cell,
    Chart,
    Column,
    Grid,
    Inline,
    Items,
    Note,
    Num,
    Paragraph,
    Strong,
    Table,
    Toned,
)
from mcstrat.report.views.catalog import BETTER


def table(compared: Compared) -> Table:
    """Each criterion's rating per model (✓ the better; with priorities, its points) and the gap to the first model."""
    found = compared.comparison
    models = found.models
    first = models[0]
    scored = found.scores is not None
    rows: list[tuple[Cell, ...]] = []
    for row in found.criteria:
        cells: list[Cell] = []
        for m in models:
            runs: Inline = (Strong(row.ratings[m.id]),) if m.id in row.better else (row.ratings[m.id],)
            if m.id in row.better:
                runs += (Toned(" ✓", "good"),)
            if row.points is not None:
                runs += (Toned(f" {numbers.score(row.points[m.id])}", "note"),)
            cells.append(runs)
        points = row.points or {}
        rows.append(
            (
                Num(f"{row.criterion.label} ({BETTER[row.criterion.direction]})", row.criterion.id),
                *cells,
                *(row.ratings[m.id] for m in models),
                " ".join(row.better),
                *(Num(numbers.score(points[m.id]), points[m.id]) if points else Num("", "") for m in models),
                *(
                    Num(numbers.signed(points[m.id] - points[first.id]), points[m.id] - points[first.id])
                    if points
                    else Num("", "")
                    for m in models[1:]
                ),
            )
        )
    if found.scores is not None:
        scores = found.scores
        rows.append(
            (
                Num("Score", "score"),
                *(Strong(numbers.score(scores[m.id])) for m in models),
                *("" for _ in models),
                "",
                *(Num(numbers.score(scores[m.id]), scores[m.id]) for m in models),
                *(
                    Num(numbers.signed(scores[m.id] - scores[first.id]), scores[m.id] - scores[first.id])
                    for m in models[1:]
                ),
            )
        )
    shown_diff = "" if scored else "data"
    columns = (
        Column("Criterion", key="criterion", wrap=False),
        *(Column(m.name, width=22) for m in models),
        *(Column(f"rating {m.id}", key=f"rating_{m.id}", only="data") for m in models),
        Column("better", key="better", only="data"),
        *(Column(f"points {m.id}", key=f"points_{m.id}", only="data") for m in models),
        *(
            Column(f"Δ {m.name} − {first.name}", key=f"difference_{m.id}", numeric=True, wrap=False, only=shown_diff)  # type: ignore[arg-type]
            for m in models[1:]
        ),
    )
    return Table(columns, tuple(rows), export=True)


def notes(compared: Compared) -> list[Block]:
    """What the table's marks and points mean, and any limit the priorities would break."""
    found = compared.comparison
    names = {m.id: m.name for m in found.models}
    out: list[Block] = []
    if found.scores is not None:
        out.append(
            Note(
                (
                    "✓ better on that criterion; after each rating, the points it adds to the score (weight x utility "
                    "x 100) under the priorities given; each Δ column adds up to its score gap.",
                )
            )
        )
    else:
        out.append(
            Note(("✓ better on that criterion. Give priorities (flags or --answers) to see points and scores.",))
        )
    if any(row.utilities is None for row in found.criteria):
        out.append(Note(("Horizon is judged once you give a target horizon (--target-horizon).",)))
    for e in found.excluded:
        out.append(
            Paragraph((Toned(f"Note: the priorities given would exclude {names[e.model.id]}: {e.reason}.", "warn"),))
        )
    return out


def summary(compared: Compared) -> list[Block]:
    """Who leads and by how much (with priorities), and where each model is better: a comparison record's page 1."""
    found = compared.comparison
    models = found.models
    out: list[Block] = []
    if found.scores is not None:
        scores = found.scores
        ranked = sorted(models, key=lambda m: -scores[m.id])
        best, rest = ranked[0], ranked[1:]
        top = scores[best.id]
        decimals = numbers.lead_places(top, *(scores[m.id] for m in rest))
        gaps = [
            f"{m.name} {numbers.score(scores[m.id], decimals)} "
            f"({numbers.score(top - scores[m.id], decimals)} points behind)"
            for m in rest
        ]
        if scores[best.id] == scores[rest[0].id]:
            out.append(
                Paragraph((Strong("No single leader."), f" {best.name} and {rest[0].name} score exactly the same."))
            )
        else:
            out.append(
                Paragraph(
                    (
                        Strong(f"{best.name} leads with {numbers.score(top, decimals)} out of 100"),
                        f" against the stated priorities; {numbers.listed(gaps)}.",
                    )
                )
            )
    else:
        out.append(
            Paragraph(
                (
                    Strong(f"Comparing {numbers.listed([m.name for m in models])}."),
                    " No priorities were given, so there are no scores; who is better follows each criterion's "
                    "direction alone.",
                )
            )
        )
    wins = {m.id: [row.criterion.label for row in found.criteria if row.better == (m.id,)] for m in models}
    out.append(
        Items(
            tuple(
                (
                    Strong(m.name),
                    ": better on " + (numbers.listed(wins[m.id]) if wins[m.id] else "no criterion on its own") + ".",
                )
                for m in models
            )
        )
    )
    if found.excluded:
        names = {m.id: m.name for m in models}
        out.append(
            Paragraph(
                (
                    Strong("Outside the stated limits:"),
                    " " + "; ".join(f"{names[e.model.id]}: {e.reason}" for e in found.excluded),
                )
            )
        )
    return out


def charts(compared: Compared) -> list[Block]:
    """The scores stacked by criterion (with priorities) and the ratings as a heat map."""
    found = compared.comparison
    models = found.models
    names = [m.name for m in models]
    out: list[Block] = []
    if found.scores is not None:
        scores = found.scores
        used = [row for row in found.criteria if row.points and any(row.points[m.id] > 0 for m in models)]
        out.append(
            Chart(
                title="Scores, stacked by what each criterion contributes",
                alt="Each model's score out of 100, split into the points each criterion adds.",
                plot=Bars(
                    rows=tuple(names),
                    segments=tuple(row.criterion.label for row in used),
                    values=tuple(tuple(float(row.points[m.id]) for row in used if row.points) for m in models),
                    axis="Score (0-100)",
                    limit=100.0,
                    totals=tuple(numbers.score(scores[m.id]) for m in models),
                ),
                key="scores",
            )
        )
    unjudged = any(row.utilities is None for row in found.criteria)
    out.append(
        Chart(
            title="The models' ratings side by side",
            alt="Each model's rating on each criterion, coloured from worst (light) to best (dark).",
            plot=Grid(
                rows=tuple(names),
                columns=tuple(row.criterion.label for row in found.criteria),
                values=tuple(
                    tuple(None if row.utilities is None else float(row.utilities[m.id]) for row in found.criteria)
                    for m in models
                ),
                texts=tuple(tuple(row.ratings[m.id] for row in found.criteria) for m in models),
                # the note only where a cell is left uncoloured (a target criterion with no target given)
                legend="Utility: 0 worst, 1 best" + (" (uncoloured: needs a target)" if unjudged else ""),
            ),
            key="ratings",
        )
    )
    return out


__all__ = ["charts", "notes", "summary", "table"]

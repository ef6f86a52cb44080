"""The catalogue's views: every model's ratings, one model's card, the ratings as a heat map, profiles, the source.

What the models file says, stated once: the `models` and `show` commands and the records draw
these blocks. Ratings are shown as written in the table; colours in the heat map are utilities
(0 worst, 1 best) under the priorities of the day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mcstrat.core.catalog import Catalog, Model
from mcstrat.core.vocabulary import Direction
from mcstrat.report.document import (
    Block,
    Chart,
    Column,
    Grid,
    Heading,
    Inline,
    Items,
    Link,
    Note,
    Num,
    Paragraph,
    Strong,
    Table,
)

#: Which end of a scale is better, in words.
BETTER = {Direction.benefit: "higher", Direction.cost: "lower", Direction.target: "closer to target"}
_MEANING = {
    Direction.cost: "lower is better",
    Direction.benefit: "higher is better",
    Direction.target: "closer to your target is better",
}


def flat(text: str) -> str:
    """Whitespace runs (line breaks of a folded YAML block) as one space."""
    return " ".join(str(text).split())


def models_table(catalog: Catalog) -> Table:
    """Every model's rating on every criterion (with, for machines, its description, example, strengths, weaknesses)."""
    columns = (
        Column("id", key="id", only="data"),
        Column("Model", key="name", width=16),
        *(Column(c.id, key=c.id, wrap=False) for c in catalog.criteria),
        Column("description", key="description", only="data"),
        Column("example", key="example", only="data"),
        Column("strengths", key="strengths", only="data"),
        Column("weaknesses", key="weaknesses", only="data"),
    )
    rows = tuple(
        (
            m.id,
            m.name,
            *(m.ratings[c] for c in catalog.criterion_ids),
            m.description,
            m.example,
            m.strengths,
            m.weaknesses,
        )
        for m in catalog.models
    )
    return Table(columns, rows, export=True)


def directions(catalog: Catalog) -> Note:
    """Which end of each criterion's scale is better, criteria grouped by direction."""
    parts = []
    for direction, meaning in _MEANING.items():
        ids = [c.id for c in catalog.criteria if c.direction == direction]
        if ids:
            parts.append(f"{', '.join(ids)}: {meaning}")
    return Note(("; ".join(parts) + ".",))


def card(catalog: Catalog, model: Model) -> list[Block]:
    """One model (its name and id head the section): description and example, every rating with the criterion's
    meaning, strengths, weaknesses."""
    head: list[Block] = [Paragraph((model.description,))]
    if model.example:
        head.append(Paragraph((f"Example: {model.example}",)))
    table = Table(
        (
            Column("id", key="criterion", only="data"),
            Column("Criterion", key="label", wrap=False),
            Column("Rating", key="rating", wrap=False),
            Column("direction", key="direction", only="data"),
            Column("Meaning", key="meaning"),
        ),
        tuple((c.id, c.label, Strong(model.ratings[c.id]), str(c.direction), c.meaning) for c in catalog.criteria),
        export=True,
    )
    return [*head, table, *profile(model)]


def profile(model: Model) -> list[Block]:
    """A model's strengths and weaknesses, as the source table summarises them."""
    return [
        Paragraph((Strong("Strengths:"), " " + model.strengths)),
        Paragraph((Strong("Weaknesses:"), " " + model.weaknesses)),
    ]


def profiles(models: Sequence[tuple[Model, str]]) -> list[Block]:
    """Each model (with a caption such as "rank 1, score 68.5"): its strengths and weaknesses, as listed items."""
    blocks: list[Block] = [Paragraph(("As summarised in the source table.",))]
    for model, caption in models:
        blocks += [
            Heading(f"{model.name} ({caption})" if caption else model.name),
            Items(
                (
                    (Strong("Strengths:"), " " + flat(model.strengths)),
                    (Strong("Weaknesses:"), " " + flat(model.weaknesses)),
                )
            ),
        ]
    return blocks


def ratings_chart(
    catalog: Catalog, models: Sequence[Model], utilities: Sequence[Sequence[float | None]], *, note: str = ""
) -> Chart:
    """The ratings of MODELS as a heat map, coloured by UTILITIES ([model][criterion], None uncoloured)."""
    return Chart(
        title="The models' ratings",
        alt="Each model's rating on each criterion, coloured from worst (light) to best (dark) for these priorities.",
        plot=Grid(
            rows=tuple(m.name for m in models),
            columns=tuple(c.label for c in catalog.criteria),
            values=tuple(tuple(row) for row in utilities),
            texts=tuple(tuple(m.ratings[c.id] for c in catalog.criteria) for m in models),
            legend="Light: worse, dark: better for these priorities" + note,
        ),
        key="ratings",
    )


def ratings_table(catalog: Catalog, models: Sequence[Model]) -> list[Block]:
    """The ratings of MODELS side by side, each criterion headed by which end of its scale is better."""
    return [
        Paragraph(("Ratings from the source table; in brackets, which end of each scale is better.",)),
        Table(
            (Column("Model"), *(Column(f"{c.label} ({BETTER[c.direction]})", wrap=False) for c in catalog.criteria)),
            tuple((m.name, *(m.ratings[c.id] for c in catalog.criteria)) for m in models),
        ),
    ]


def attribution(catalog: Catalog) -> Note:
    """One line crediting the source table, or saying the models file has none."""
    src = catalog.source
    if src is None:
        return Note(("Source: a custom models file with no source block.",))
    runs: Inline = (f"Source: {src.citation}",)
    if src.url:
        runs += (" ", Link(src.url, src.url))
    if src.adapted_from:
        runs += (f" Adapted from {src.adapted_from}.",)
    return Note((*runs, f" Licence: {src.licence}."))


def credit(catalog: Catalog) -> Note:
    """The source in one short line (the terminal's plain view; `attribution` has it whole): authors and year, the
    table, what it was adapted from, the licence."""
    src = catalog.source
    if src is None:
        return attribution(catalog)
    who = src.citation.split(").")[0] + ")" if ")." in src.citation else src.citation
    # initials dropped: "Brown, M., McGreal, R. & Peters, M. (2023)" -> "Brown, McGreal & Peters (2023)"
    who = re.sub(r",\s+[A-Z]\.(?:\s?[A-Z]\.)*(?=[\s,])", "", who)
    table = f", {src.table.split('.')[0]}" if src.table else ""
    adapted = f", adapted from {src.adapted_from}" if src.adapted_from else ""
    return Note((f"Source: {' '.join(who.split())}{table}{adapted}; {src.licence}.",))


def source(catalog: Catalog, models_input: tuple[str, str] | None = None) -> list[Block]:
    """Where the models and ratings come from (a custom models file named, with its hash), and the licence."""
    out: list[Block] = []
    if models_input is not None:
        path, digest = models_input
        out += [
            Table((Column("Models file"), Column("SHA-256")), ((path, Num(digest, digest)),), breakable=True),
            Paragraph(
                (
                    f"Models file: {path}, not the built-in Table 2 of Brown, McGreal & Peters (2023); where that "
                    "file cites a source, its ratings are adapted from it, not rated by its authors.",
                )
            ),
        ]
    src = catalog.source
    if src is None:
        return [
            *out,
            Paragraph(
                (
                    "The models file used has no source section, so the origin of its models, ratings, strengths and "
                    "weaknesses is not recorded. Its criterion directions (which end of each scale is better) are "
                    "those the file states.",
                )
            ),
        ]
    url = src.url or (f"https://doi.org/{src.doi}" if src.doi else None)
    whose = "Business models, ratings, strengths and weaknesses" if models_input is None else "Adapted from"
    out.append(Paragraph((f"{whose}: {flat(src.citation)}", *((" ", Link(url, url)) if url else ()))))
    table = [flat(src.table)] if src.table else []
    # the built-in table's title already says "(adapted from Presant, 2020)": say it once
    if src.adapted_from and not (src.table and "adapted from" in src.table.lower()):
        table.append(f"The table is adapted from {flat(src.adapted_from)}.")
    if table:
        out.append(Paragraph((" ".join(table),)))
    licence: Inline = (f"Licence: {src.licence}",)
    if src.licence_url:
        licence += (" (", Link(src.licence_url, src.licence_url), ")")
    out.append(Paragraph((*licence, "." + (f" Changes: {flat(src.changes)}" if src.changes else ""))))
    out.append(
        Paragraph(
            (
                "The criterion directions (which end of each scale is better), meanings and questions are mcstrat's "
                "interpretation, not the authors'.",
            )
        )
    )
    return out


__all__ = [
    "BETTER",
    "attribution",
    "card",
    "credit",
    "directions",
    "flat",
    "models_table",
    "profile",
    "profiles",
    "ratings_chart",
    "ratings_table",
    "source",
]

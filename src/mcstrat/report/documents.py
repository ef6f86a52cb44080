"""The documents the commands print: each a composition of views, drawn by any writer (terminal, Markdown, CSV).

`models`, `show`, `recommend`, `why_not` and `compare` lay their views out in order; they never
state a result themselves. Records (report/record.py) compose the same views for a reader. Each
imports the views it uses, so `models` does not load the ranking's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcstrat.report.document import Block, Document, Note, Paragraph, Section, Strong
from mcstrat.report.views import catalog

if TYPE_CHECKING:
    from mcstrat.core.catalog import Catalog, Model
    from mcstrat.decide import Compared, Decision


def _subject(decision: Decision) -> str:
    return " = ".join(r.model.name for r in decision.result.top)


def models(found: Catalog) -> Document:
    """Every model's ratings, which end of each scale is better, and the source."""
    blocks = (catalog.models_table(found), catalog.directions(found), catalog.attribution(found))
    return Document(
        "", "the business models", sections=(Section("Micro-credential business models", "models", blocks),)
    )


def show(found: Catalog, model: Model) -> Document:
    """One model's card and the source."""
    blocks = (*catalog.card(found, model), catalog.attribution(found))
    return Document("", model.name, sections=(Section(f"{model.name} ({model.id})", "model", blocks),))


def recommend(
    decision: Decision, *, top: int | None = None, explain_points: bool = False, brief: bool = False
) -> Document:
    """The ranking, why the winner wins, the priorities, each analysis asked for, the recommended model(s).

    BRIEF is the terminal's plain view, one screen (`brief_recommend`); every other format, and the
    terminal with --explain, gets the whole document.
    """
    if brief:
        return brief_recommend(decision, top=top)
    from mcstrat.report.views import defaults, explain, present, ranking, sensitivity, weights

    result = decision.result
    reason = explain.deciding(decision)
    first: list[Block] = [
        ranking.table(decision, top),
        *ranking.hidden(result, top),
        *explain.summary(result, explain.members(decision)),
        *([Paragraph(reason)] if reason else []),  # as the plain view says it: --explain adds, never drops
        *sensitivity.blocks(decision),
        *defaults.blocks(decision),
        *ranking.excluded(result),
        *ranking.dominated(decision),
    ]
    sections = [
        Section(ranking.title(decision), "ranking", tuple(first)),
        Section(weights.title(decision), "priorities", tuple(weights.blocks(decision))),
    ]
    if explain_points:
        sections.append(Section("", "points", (explain.points_table(decision, top),)))
    sections += [view.section(decision, top=top) for view in present(decision)]
    recommended: list[Block] = []
    for r in result.top:
        recommended += [
            Paragraph((Strong(f"Top: {r.model.name}"), " — " + r.model.description)),
            *catalog.profile(r.model),
        ]
    sections.append(Section("", "top", tuple(recommended)))
    sections.append(Section("", "source", (catalog.attribution(decision.catalog),)))
    return Document("", _subject(decision), sections=tuple(sections))


def brief_recommend(decision: Decision, *, top: int | None = None) -> Document:
    """The terminal's plain view of a ranking, the answer before the details: the ranking, the lead and what decides
    it, the warnings that matter (a missed target on its own line, defaults, the ratings it hangs on, models left
    out or never ahead), a group's dissent, each analysis asked for (its summary first), and what to type for more.

    The priorities table, each criterion's points, a group's details and the top model's card are --explain's
    (`recommend`). Every sentence is its view's own: nothing here is worded twice. For the example answers it fits
    30 lines at 80 columns (tests/report/test_documents.py).
    """
    from mcstrat.report.views import defaults, explain, present, ranking, sensitivity

    result = decision.result
    reason = explain.deciding(decision)
    first: list[Block] = [
        ranking.table(decision, top),
        *ranking.hidden(result, top),
        *explain.summary(result, explain.members(decision)),
        *([Paragraph(reason)] if reason else []),
        *defaults.blocks(decision),
        *sensitivity.blocks(decision),
        *ranking.not_ranked(result),
        *ranking.never_ahead(decision),
    ]
    sections = [Section(ranking.title(decision), "ranking", tuple(first))]
    for view in present(decision):
        if view.__name__ == "mcstrat.report.views.group":  # a group's summary; its details are --explain's
            sections.append(Section("", "stakeholders", tuple(view.summary(decision))))
        else:
            sections.append(view.section(decision, top=top))
    sections.append(Section("", "more", (hints(decision), catalog.credit(decision.catalog))))
    return Document("", _subject(decision), sections=tuple(sections))


def hints(decision: Decision) -> Note:
    """What to type for more, under the terminal's plain view: only what was not already asked for."""
    said = ["--explain (details)"]
    if decision.smaa is None:
        said.append("--robustness (how firm)")
    if len(decision.result.ranking) > 1:
        said.append("why-not MODEL")
    said.append("--report FILE")
    return Note(("More: " + ", ".join(said),))


def why_not(decision: Decision) -> Document:
    """Where a model ranks, what costs it most, the smallest change that puts it first."""
    from mcstrat.report.views import whynot

    found = decision.why_not
    assert found is not None
    name = next(m.name for m in decision.catalog.models if m.id == found.model)
    return Document(
        "",
        f"why not {name}",
        sections=(
            Section(f"Why not {name}?", "why-not", tuple(whynot.blocks(decision))),
            Section("", "source", (catalog.attribution(decision.catalog),)),
        ),
    )


def compare(compared: Compared) -> Document:
    """The models side by side, what the marks mean, and each one's strengths and weaknesses."""
    from mcstrat.report.views import compare as compare_view

    found = compared.comparison
    profiles: list[Block] = []
    for m in found.models:
        profiles += [Paragraph((Strong(m.name),)), *catalog.profile(m)]
    return Document(
        "",
        " vs ".join(m.name for m in found.models),
        sections=(
            Section(
                "Comparison: " + " vs ".join(m.name for m in found.models),
                "comparison",
                (compare_view.table(compared), *compare_view.notes(compared)),
            ),
            Section("", "profiles", tuple(profiles)),
            Section("", "source", (catalog.attribution(compared.catalog),)),
        ),
    )


__all__ = ["brief_recommend", "compare", "hints", "models", "recommend", "show", "why_not"]

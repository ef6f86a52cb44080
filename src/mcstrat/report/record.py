"""The decision record and the comparison record: the views composed for the people who decide.

Page 1 is the decision in plain words, each sentence taken from the view that states it: the
recommendation and its lead (explain), how firm it is (robustness), what decides it (explain),
who disagrees most (group), what would change it (stability and why-not), what cannot win
(potential), which single ratings of the table it hangs on (sensitivity), and the questions
still to settle. Then the evidence, each chart before its table,
the priorities, the top models' profiles, and an appendix with the inputs, how the figures were
made, the source and a glossary of the technical terms. Nothing here states a result of its own
but those questions: a record re-words nothing a view says.
"""

from __future__ import annotations

from mcstrat.core.vocabulary import Direction, Weighting
from mcstrat.decide import Compared, Decision
from mcstrat.report import numbers
from mcstrat.report.document import (
    Block,
    Column,
    Definitions,
    Document,
    Heading,
    Inline,
    Items,
    Num,
    Paragraph,
    Section,
    Strong,
    Table,
)
from mcstrat.report.views import (
    catalog,
    explain,
    group,
    potential,
    present,
    ranking,
    robustness,
    sensitivity,
    stability,
    weights,
    whynot,
)
from mcstrat.report.views import compare as compare_view

TITLE = "Decision record: micro-credential business model"
COMPARISON_TITLE = "Comparison record: micro-credential business models"
#: The headings of a decision record, in order (Stakeholders only for a group), as its sections
#: (its views) title them: the record's contract with docs/record.md, checked by the tests.
SECTIONS = (
    "Summary",
    "Scores",
    "How firm the ranking is",
    "What can win at all",
    "What would change it",
    "Ratings",
    "Stakeholders",
    "Priorities",
    "Strengths and weaknesses of the top models",
    "Appendix: inputs and provenance",
)
#: The technical terms a record uses beyond page 1, and what they mean.
GLOSSARY = (
    (
        "Score",
        "100 x the weighted sum of a model's utilities: each rating turned into a value from 0 (worst) to 1 (best).",
    ),
    (
        "Weight",
        "A criterion's share of the priorities as stated: the importances (or swing points) divided by their sum.",
    ),
    ("Influence", weights.INFLUENCE.removeprefix("Influence: ") + " Keeney calls it the effective weight."),
    ("Swing points", "0 to 100 for the change from a criterion's worst to its best rating among the models."),
    (
        "Rank weight",
        "The weight a ranking of the criteria gives each position (rank-order centroid, Barron & Barrett).",
    ),
    (
        "Chance of each rank",
        "How often a model takes each rank across the weightings sampled (SMAA-2 rank acceptability, Lahdelma & "
        "Salminen).",
    ),
    ("Confidence", "The chance a model still comes first at its central weights, only the ratings varying."),
    ("Central weights", "The average weights in the sampled weightings where a model comes first."),
    (
        "Weight space",
        "The weightings sampled: order keeps the order of the stated priorities, free allows any, local varies "
        "each importance by up to the spread.",
    ),
    ("Sampling error", "The 95% margin of the largest chance of coming first, from the number of samples."),
    (
        "Never ahead of",
        "Another model is at least as good on every criterion that counts and better on one, for every "
        "stakeholder and wherever ranged ratings fall (dominance).",
    ),
    (
        "Can come first",
        "Some weights in the space, with ranged ratings at the ends that favour the model, give it a score at "
        "least as high as every rival's (potential optimality).",
    ),
    (
        "Stays first from, up to",
        "The range of one criterion's weight, the others rescaled in proportion, over which the recommendation "
        "stays first (a weight stability interval).",
    ),
    ("Agreement", group.AGREEMENT.removeprefix("Agreement: ")),
)


def decision_record(decision: Decision, *, date: str, version: str | None = None, top: int | None = None) -> Document:
    """The decision record of DECISION (firmness, what can win and stability measured: decide.for_record)."""
    result = decision.result
    byline = [f"Date: {date}"]
    if decision.group is not None:
        byline.append("For: " + ", ".join(v.name for v in decision.group.stakeholders))
    elif result.priorities.name:
        byline.append(f"For: {result.priorities.name}")
    if version:
        byline.append(f"Prepared with mcstrat {version}")
    sections = [
        _summary(decision),
        Section(
            "Scores",
            "scores",
            (
                ranking.scores_chart(decision, top),
                ranking.method(decision),
                ranking.table(decision, top),
                *ranking.hidden(result, top),
                *ranking.excluded(result),
                *explain.lead_table(decision),
            ),
        ),
    ]
    sections += [view.section(decision, record=True, top=top) for view in present(decision) if view is not group]
    shown = [r.model for r in result.first(top)]
    utilities = [
        [
            float(r.utilities[cw.criterion.id])
            if cw.weight > 0 or cw.criterion.direction != Direction.target or cw.target
            else None
            for cw in result.criteria
        ]
        for r in result.first(top)
    ]
    sections.append(
        Section(
            "Ratings",
            "ratings",
            (
                catalog.ratings_chart(decision.catalog, shown, utilities),
                *catalog.ratings_table(decision.catalog, shown),
            ),
        )
    )
    if decision.group is not None:
        sections.append(group.section(decision, record=True, top=top))
    sections.append(Section("Priorities", "priorities", tuple(weights.blocks(decision))))
    runner = next((r for r in result.ranking if r.rank > 1), None)
    ranks = {1} | ({runner.rank} if runner else set())
    chosen = [(r.model, f"rank {r.rank}, score {numbers.score(r.score)}") for r in result.first(top) if r.rank in ranks]
    sections.append(Section("Strengths and weaknesses of the top models", "profiles", tuple(catalog.profiles(chosen))))
    sections.append(_appendix(decision))
    subject = " and ".join(r.model.name for r in result.top)
    return Document(TITLE, subject, tuple(byline), tuple(sections))


def _whose(decision: Decision) -> str:
    if decision.group is not None:
        return f"the weighted priorities of {len(decision.group.stakeholders)} stakeholders"
    who = decision.result.priorities.name
    return f"the stated priorities of {who}" if who else "the stated priorities"


def _recommendation(decision: Decision) -> Inline:
    """The recommendation and its lead, as the explanation states it, with any stated target it misses."""
    result = decision.result
    first = result.ranking[0]
    line, missed = explain.sentences(result, members=explain.members(decision))
    notes = "".join(" " + note for note in missed) if len(result.top) == 1 else ""
    if len(result.ranking) == 1:
        return (
            Strong(f"Recommendation: {first.model.name}."),
            f" It is the only model left after the exclusions and limits (score {numbers.score(first.score)} "
            f"out of 100).{notes}",
        )
    if len(result.top) > 1:
        return (
            Strong("No single recommendation."),
            f" {line} Their scores against {_whose(decision)} are exactly equal; decide between them on grounds the "
            "criteria do not capture.",
        )
    return (
        Strong(f"Recommendation: {first.model.name}."),
        f" It scores {numbers.score(first.score, numbers.lead_places(first.score, *_seconds(decision)))} out of 100 "
        f"against {_whose(decision)}. {line}{notes}",
    )


def _seconds(decision: Decision) -> list[numbers.Number]:
    runner = next((r for r in decision.result.ranking if r.rank > 1), None)
    return [runner.score] if runner is not None else []


def _summary(decision: Decision) -> Section:
    blocks: list[Block] = [Paragraph(_recommendation(decision))]
    if len(decision.result.ranking) > 1:
        if decision.smaa is not None:
            blocks.append(Paragraph(robustness.headline(decision)))
        deciding = explain.deciding(decision)
        if deciding:
            blocks.append(Paragraph(deciding))
        if decision.group is not None:
            blocks.append(Paragraph(group.dissent(decision, decision.group)))
        changes = stability.changes(decision) if decision.stability is not None else []
        shift = whynot.shift(decision)
        changes += [shift] if shift else []
        lead: Inline = (Strong("What would change it."),)
        if changes:
            blocks.append(Paragraph((*lead, " The nearest changes that would put another model first:")))
            blocks.append(Items(tuple((s,) for s in changes)))
        elif decision.stability is not None:
            blocks.append(
                Paragraph((*lead, " No single criterion's weight, changed on its own, puts another model first."))
            )
        if decision.potential is not None:
            blocks.append(Paragraph(potential.headline(decision)))
    hangs = sensitivity.sentence(decision)
    if hangs:
        blocks.append(Paragraph((hangs,)))
    blocks.append(Paragraph((Strong("Questions to settle before committing."), " The ranking does not answer them:")))
    blocks.append(Items(tuple(_questions(decision)), checklist=True))
    return Section("Summary", "summary", tuple(blocks), summary=True)


def _questions(decision: Decision) -> list[Inline]:
    """The questions the ranking does not answer (from the source paper's key questions for leaders)."""
    result = decision.result
    name = result.ranking[0].model.name
    targets = [cw for cw in result.criteria if cw.criterion.direction == Direction.target and cw.target]
    horizon = (
        " and the "
        + numbers.listed(
            [
                # a group whose stakeholders plan for different levels lists them all ("H1, H2")
                f"{cw.criterion.label.lower()}s the stakeholders are planning for ({cw.target})"
                if decision.group is not None and "," in (cw.target or "")
                else f"{cw.criterion.label.lower()} you are planning for ({cw.target})"
                for cw in targets
            ]
        )
        if targets
        else ""
    )
    out: list[Inline] = [
        (
            Strong("Strategic positioning."),
            " How do micro-credentials serve the institution's mission, and where do they sit in its credential "
            "ecology (stand-alone, stackable, credit-bearing towards a degree)?",
        ),
        (
            Strong("Leadership."),
            " Who leads the micro-credential strategy, and do they bring the transformative qualities it needs: "
            "a clear vision, listening to and linking the people involved, and building a team across the institution?",
        ),
        (
            Strong("Internal structures."),
            " Which unit owns design, delivery and quality assurance: the existing faculties, a central digital "
            "education unit, a professional and continuing education unit, or a separate business unit?",
        ),
        (
            Strong("Business model."),
            f" Is {name} fit for purpose for your learners, partners{horizon}, and what would it take to run it well?",
        ),
        (
            Strong("Risks."),
            f" What could go wrong with {name}, and how will each risk be mitigated? "
            f"Weaknesses in the source table: {catalog.flat(result.ranking[0].model.weaknesses)}",
        ),
    ]
    if len(result.top) > 1:
        out.append(
            (
                Strong("Break the tie."),
                f" {numbers.listed([r.model.name for r in result.top])} score exactly the same on the stated "
                "priorities; decide between them on grounds the criteria do not capture.",
            )
        )
    smaa = decision.smaa
    if smaa is not None:
        row = smaa.acceptability.get(result.ranking[0].model.id)
        if row and row[0] < 0.5:
            out.append(
                (
                    Strong("A close call."),
                    f" {name} comes first in only {numbers.chance(row[0])} of the weightings; "
                    "check the priorities that drive the result.",
                )
            )
    if decision.group is not None:
        widest = group.widest(decision, decision.group)
        if widest:
            out.append(widest)
    defaulted = [cw.criterion.label for cw in result.criteria if cw.defaulted]
    how = result.priorities.weighting
    if defaulted and how in (Weighting.swing, Weighting.ranking):
        what = "given no swing points" if how == Weighting.swing else "left out of the ranking"
        out.append(
            (
                Strong("Criteria left out."),
                f" {numbers.listed(defaulted)} were {what}, so they weigh nothing; confirm that is right.",
            )
        )
    elif defaulted:
        whom = " by any stakeholder" if decision.group is not None else ""
        out.append(
            (
                Strong("Unstated priorities."),
                f" {numbers.listed(defaulted)} kept the default importance (not stated{whom}); confirm that is right.",
            )
        )
    return out


def _inputs(files: tuple[tuple[str, str], ...], group: tuple[str, str] | None = None) -> list[Block]:
    """The answers files read, with their SHA-256; a group file (GROUP: path, SHA-256) first."""
    if not files:
        return [Paragraph(("No answers file: the priorities were given as command-line options or answers.",))]
    rows = [(p, Num(d, d)) for p, d in files]
    if group is not None:
        rows.insert(0, (f"{group[0]} (group file)", Num(group[1], group[1])))
    return [Table((Column("Answers file"), Column("SHA-256")), tuple(rows), breakable=True)]


def _appendix(decision: Decision) -> Section:
    blocks: list[Block] = _inputs(decision.inputs, decision.group_input)
    smaa = decision.smaa
    if smaa is not None:
        blocks.append(
            Paragraph(
                (
                    f"Firmness: {numbers.count(smaa.samples)} samples, seed {smaa.seed}, "
                    f"weight space {smaa.weight_space}"
                    + (f" (spread ±{numbers.importance(smaa.spread)})" if smaa.spread is not None else "")
                    + (", ordinal scales" if smaa.ordinal else "")
                    + ". The same inputs and seed give the same numbers (for a given numpy release).",
                )
            )
        )
    blocks += catalog.source(decision.catalog, decision.models_input)
    blocks += [Heading("Glossary"), Definitions(GLOSSARY)]
    return Section("Appendix: inputs and provenance", "appendix", tuple(blocks))


def comparison_record(compared: Compared, *, date: str, version: str | None = None) -> Document:
    """A side-by-side record of `compare`, in the decision record's style."""
    found = compared.comparison
    byline = [f"Date: {date}"]
    if found.priorities is not None and found.priorities.name:
        byline.append(f"For: {found.priorities.name}")
    if version:
        byline.append(f"Prepared with mcstrat {version}")
    profiles = [(m, "") for m in found.models]
    evidence = (*compare_view.charts(compared), compare_view.table(compared), *compare_view.notes(compared))
    appendix = (
        *(_inputs(compared.inputs) if compared.inputs else []),
        *catalog.source(compared.catalog, compared.models_input),
    )
    sections = (
        Section("Summary", "summary", tuple(compare_view.summary(compared)), summary=True),
        Section("Side by side", "side-by-side", evidence),
        Section("Strengths and weaknesses", "profiles", tuple(catalog.profiles(profiles))),
        Section("Appendix: inputs and provenance", "appendix", appendix),
    )
    return Document(COMPARISON_TITLE, " vs ".join(m.name for m in found.models), tuple(byline), sections)


__all__ = ["COMPARISON_TITLE", "GLOSSARY", "SECTIONS", "TITLE", "comparison_record", "decision_record"]

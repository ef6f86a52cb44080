"""The decision record and the comparison record: the views composed for the people who decide.

Page 1 is the decision in plain words, each sentence taken from the view that states it: the
decision and its lead (explain), a ranking chart with models rated identically as one bar
(ranking), how sure (the firmness verdict), what decides it and what it gives up (explain), a
missed target on its own line (explain), the single ratings it hangs on (sensitivity), loud
defaults (defaults), for a group what each member stated and who disagrees most (group), and
the questions still to settle. Then the evidence, each chart before its table: scores and why
the winner leads, how firm, what can win, what would change it (stability and why-not), the
priorities, the ratings with the top models' profiles, the stakeholders; and an appendix with
how the chances were worked out, the inputs, the source and a glossary. Nothing here states a
result of its own but those questions: a record re-words nothing a view says. It does decide
where a view's blocks go (page 1, the evidence, the appendix) and shows models rated
identically as one row wherever their rows say the same (`one_row`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from mcstrat.core.vocabulary import Direction, Weighting
from mcstrat.decide import Compared, Decision
from mcstrat.report import numbers
from mcstrat.report.document import (
    Bars,
    Block,
    Chart,
    Column,
    Definitions,
    Document,
    Grid,
    Heading,
    Inline,
    Items,
    Num,
    Paragraph,
    Section,
    Strong,
    Table,
    Toned,
    plain,
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
    "Priorities",
    "Ratings, strengths and weaknesses",
    "Stakeholders",
    "Appendix: inputs and provenance",
)
#: The technical terms a record uses beyond page 1, and what they mean.
GLOSSARY = (
    ("Score", "100 x the weighted sum of a model's ratings, each turned into a value from 0 (worst) to 1 (best)."),
    ("Weight", "A criterion's share of the priorities as stated: its importance (or points) over their sum."),
    ("Influence", weights.INFLUENCE.removeprefix("Influence: ") + " Keeney calls it the effective weight."),
    ("Swing points", "0 to 100 for the change from a criterion's worst to its best rating among the models."),
    ("Rank weight", "The weight a ranking gives each position (rank-order centroid, Barron & Barrett)."),
    (
        "Chance of each rank",
        "How often a model takes each rank over the weightings sampled (SMAA-2 rank acceptability).",
    ),
    ("Confidence", "The chance a model still comes first at its central weights, only the ratings varying."),
    ("Central weights", "The average weights of the sampled weightings in which a model comes first."),
    ("Weight space", "The weightings sampled, as the appendix says: which weights count as what was stated."),
    ("Sampling error", "The 95% margin of a chance, from the number of samples."),
    (
        "Never ahead of",
        "Another model is as good on every criterion that counts, better on one, however ranged ratings fall.",
    ),
    (
        "Can come first",
        "Some weights in the space, ranged ratings at their best, put it level with every rival (potential "
        "optimality).",
    ),
    (
        "Stays first from, up to",
        "How far one criterion's weight can move, the others rescaled, before another model comes first.",
    ),
    ("Agreement", group.AGREEMENT.removeprefix("Agreement: ")),
)


def decision_record(decision: Decision, *, date: str, version: str | None = None, top: int | None = None) -> Document:
    """The decision record of DECISION (firmness, what can win and stability measured: decide.for_record)."""
    result = decision.result
    byline = [f"Date: {date}"]
    if decision.group is not None:
        members = ", ".join(v.name for v in decision.group.stakeholders)
        named = result.priorities.name or ""  # a group file's `name`, else "group: <members>" (analyses/group.py)
        byline.append(f"For: {named} ({members})" if named and not named.startswith("group: ") else f"For: {members}")
    elif result.priorities.name:
        byline.append(f"For: {result.priorities.name}")
    if version:
        byline.append(f"Prepared with mcstrat {version}")
    sections = [
        _summary(decision, top),
        Section(
            "Scores",
            "scores",
            (
                # page 1's chart ranks every model with its score: no second copy in a table
                ranking.scores_chart(decision, top),
                ranking.method(decision),
                *ranking.hidden(result, top),
                *ranking.excluded(result),
                *explain.lead_table(decision),
            ),
        ),
    ]
    technical: list[Block] = []
    for view in present(decision):
        if view is group or view.__name__.endswith(".firmness"):  # the verdict is page 1's; the group's is later
            continue
        section = view.section(decision, record=True, top=top)
        if view is robustness and decision.smaa is not None:
            # the sampling's workings (central weights, how the chances were made) are technical: the appendix's
            moved = [
                robustness.how(decision.smaa, decision),
                *robustness.central(decision.smaa, decision),
            ]
            technical += moved
            section = section._replace(blocks=tuple(b for b in section.blocks if b not in moved))
        if view is robustness and decision.smaa is not None and len(result.ranking) > 1:
            # the figure behind the verdict on page 1, in words, above its chart
            section = section._replace(blocks=(Paragraph(robustness.headline(decision)), *section.blocks))
        if view is stability:  # the chart, then what would change it in words beside it, then the table
            charts = [b for b in section.blocks if isinstance(b, Chart)]
            rest = [b for b in section.blocks if not isinstance(b, Chart)]
            section = section._replace(blocks=(*charts, *_changes(decision), *rest))
        elif view is potential and len(result.ranking) > 1:
            section = section._replace(blocks=(Paragraph(potential.headline(decision)), *section.blocks))
        sections.append(section)
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
    sections.append(Section("Priorities", "priorities", tuple(weights.blocks(decision))))
    runner = next((r for r in result.ranking if r.rank > 1), None)
    ranks = {1} | ({runner.rank} if runner else set())
    chosen = [(r.model, f"rank {r.rank}, score {numbers.score(r.score)}") for r in result.first(top) if r.rank in ranks]
    # the ratings and what the source table says of the top models, one beside the other when printed; every
    # rating is written in its cell of the heat map (Markdown gives it as a table): no second copy in a table
    sections.append(
        Section(
            "Ratings, strengths and weaknesses",
            "ratings",
            (catalog.ratings_chart(decision.catalog, shown, utilities), *catalog.profiles(chosen)),
        )
    )
    if decision.group is not None:
        sections.append(group.section(decision, record=True, top=top))
    sections.append(_appendix(decision, technical))
    subject = " and ".join(r.model.name for r in result.top)
    return one_row(Document(TITLE, subject, tuple(byline), tuple(sections)), ranking.twins(decision), _names(decision))


def _names(decision: Decision) -> dict[str, str]:
    return {m.id: m.name for m in decision.catalog.models}


def one_row(doc: Document, twins: Mapping[str, tuple[str, ...]], names: Mapping[str, str]) -> Document:
    """DOC with the models rated identically as one row of every table and one bar or row of every chart, where
    their rows say the same ("Professional body / NGO led or partnership, rated identically")."""
    if not twins:
        return doc
    groups = list(dict.fromkeys(twins.values()))
    merged = {names[g[0]]: (tuple(names[m] for m in g), ranking.together([names[m] for m in g])) for g in groups}

    def rows(labels: Sequence[str], same: Callable[[int, int], bool]) -> tuple[list[int], dict[int, str]]:
        """The rows kept, and the new label of each kept row that now stands for its twins."""
        index = {label: i for i, label in enumerate(labels)}
        drop: set[int] = set()
        renamed: dict[int, str] = {}
        for first, (members, name) in merged.items():
            at = [index.get(m) for m in members]
            if None in at or first not in index:
                continue
            kept = index[first]
            found = [i for i in at if i is not None]
            if all(same(kept, i) for i in found):
                drop.update(i for i in found if i != kept)
                renamed[kept] = name
        return [i for i in range(len(labels)) if i not in drop], renamed

    def table(block: Table) -> Table:
        col = next((i for i, c in enumerate(block.columns) if c.key == "name"), 0)
        labels = [plain(row[col]) if col < len(row) else "" for row in block.rows]

        def same(a: int, b: int) -> bool:
            return all(
                plain(x) == plain(y)
                for k, (x, y) in enumerate(zip(block.rows[a], block.rows[b]))
                if k != col and block.columns[k].key not in ("id",)
            )

        kept, renamed = rows(labels, same)
        if not renamed:
            return block
        new = []
        for i in kept:
            row = block.rows[i]
            if i in renamed:
                row = (*row[:col], f"{renamed[i]}, rated identically", *row[col + 1 :])
            new.append(row)
        return block._replace(rows=tuple(new))

    def chart(block: Chart) -> Chart:
        plot = block.plot
        if isinstance(plot, Bars):
            kept, renamed = rows(plot.rows, lambda a, b: plot.values[a] == plot.values[b])
            if not renamed:
                return block
            return block._replace(
                plot=plot._replace(
                    rows=tuple(renamed.get(i, plot.rows[i]) for i in kept),
                    values=tuple(plot.values[i] for i in kept),
                    totals=tuple(plot.totals[i] for i in kept) if plot.totals else (),
                )
            )
        if isinstance(plot, Grid):
            kept, renamed = rows(
                plot.rows, lambda a, b: plot.values[a] == plot.values[b] and plot.texts[a] == plot.texts[b]
            )
            if not renamed:
                return block
            return block._replace(
                plot=plot._replace(
                    rows=tuple(renamed.get(i, plot.rows[i]) for i in kept),
                    values=tuple(plot.values[i] for i in kept),
                    texts=tuple(plot.texts[i] for i in kept),
                )
            )
        return block

    def each(block: Block) -> Block:
        if isinstance(block, Table) and not block.breakable:
            return table(block)
        if isinstance(block, Chart):
            return chart(block)
        return block

    return doc._replace(sections=tuple(s._replace(blocks=tuple(each(b) for b in s.blocks)) for s in doc.sections))


def _whose(decision: Decision) -> str:
    if decision.group is not None:
        return f"the weighted priorities of {len(decision.group.stakeholders)} stakeholders"
    who = decision.result.priorities.name
    return f"the stated priorities of {who}" if who else "the stated priorities"


def _decision(decision: Decision) -> Inline:
    """The decision the committee is asked to take, in one sentence, and the lead as the explanation states it."""
    result = decision.result
    first = result.ranking[0]
    line, _ = explain.sentences(result, members=explain.members(decision))
    if len(result.ranking) == 1:
        return (
            Strong(f"The decision: whether to adopt {first.model.name} as the micro-credential business model."),
            f" It is the only model left after the exclusions and limits (score {numbers.score(first.score)} "
            "out of 100).",
        )
    if len(result.top) > 1:
        return (
            Strong(
                f"The decision: which of {numbers.listed([r.model.name for r in result.top])} to adopt as the "
                "micro-credential business model."
            ),
            f" {line} Their scores against {_whose(decision)} are exactly equal; decide between them on grounds the "
            "criteria do not capture.",
        )
    return (
        Strong(f"The decision: whether to adopt {first.model.name} as the micro-credential business model."),
        f" It fits {_whose(decision)} best, scoring "
        f"{numbers.score(first.score, numbers.lead_places(first.score, *_seconds(decision)))} out of 100. {line}",
    )


def _seconds(decision: Decision) -> list[numbers.Number]:
    runner = next((r for r in decision.result.ranking if r.rank > 1), None)
    return [runner.score] if runner is not None else []


def _verdict(decision: Decision) -> list[Block]:
    """How sure, in one sentence: the firmness verdict (views/firmness.py), else how often the winner comes first."""
    # the firmness verdict (issue 20): the verdict's own section, composed here when the decision carries one
    if decision.verdict is not None:
        from mcstrat.report.views import firmness

        return list(firmness.section(decision, record=True).blocks)
    if decision.smaa is not None:
        return [Paragraph(robustness.headline(decision))]
    return []


def _defaults(decision: Decision) -> list[Block]:
    """Defaults when they carry more than a quarter of the influence (views/defaults.py says when)."""
    from mcstrat.report.views import defaults

    said = defaults.sentence(decision)
    return [Paragraph((Toned(said, "warn"),))] if said else []


def _changes(decision: Decision) -> list[Block]:
    """What would change it: the nearest ends of the stability intervals and the runner-up's why-not shift."""
    changes = stability.changes(decision) if decision.stability is not None else []
    shift = whynot.shift(decision)
    changes += [shift] if shift else []
    if changes:
        return [
            Paragraph(("The nearest changes that would put another model first:",)),
            Items(tuple((s,) for s in changes)),
        ]
    if decision.stability is not None:
        return [Paragraph(("No single criterion's weight, changed on its own, puts another model first.",))]
    return []


def _summary(decision: Decision, top: int | None = None) -> Section:
    """Page 1, in the issue's order: the decision; the ranking chart; how sure; what decides it and what it gives up;
    a missed target on its own line; the ratings it hangs on; heavy defaults; for a group, each member's priorities
    and who disagrees most; the questions to settle."""
    result = decision.result
    blocks: list[Block] = [Paragraph(_decision(decision))]
    if len(result.ranking) > 1:
        blocks.append(ranking.ranking_chart(decision, top))
        blocks += _verdict(decision)
        deciding = explain.deciding(decision)
        if deciding:
            blocks.append(Paragraph(deciding))
    _, missed = explain.sentences(result, members=explain.members(decision))
    if len(result.top) == 1:
        blocks += [Paragraph((Toned(f"Missed target. {note}", "warn"),)) for note in missed]
    hangs = sensitivity.sentence(decision)
    if hangs and len(result.ranking) > 1:
        blocks.append(Paragraph((hangs,)))
    blocks += _defaults(decision)
    if decision.group is not None and len(result.ranking) > 1:
        chart = group.priorities_chart(decision, decision.group)
        blocks += [chart] if chart is not None else []
        blocks.append(Paragraph(group.dissent(decision, decision.group)))
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


def _appendix(decision: Decision, technical: Sequence[Block] = ()) -> Section:
    blocks: list[Block] = [
        *([Heading("How the chances were worked out"), *technical] if technical else []),
        *_inputs(decision.inputs, decision.group_input),
    ]
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
    how = decision.result.priorities.weighting
    unused = {
        "Swing points": how != Weighting.swing,
        "Rank weight": how != Weighting.ranking,
        "Agreement": decision.group is None,
    }
    blocks += [Heading("Glossary"), Definitions(tuple(d for d in GLOSSARY if not unused.get(d[0])))]
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

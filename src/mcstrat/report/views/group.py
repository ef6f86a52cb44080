"""A group's view: each stakeholder's own choice and ranking, how alike they rank, and where their priorities differ.

How alike two stakeholders rank the models is Kendall's tau-b of their scores (1 the same order,
-1 the reverse); where they differ is compared in influence (effective weights), not in stated
importances: everything at 5 and everything at 1 are the same priorities. analyses/group.py has
the definitions. A group of more than PAIRS_LISTED_UP_TO people gets summaries, not every pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcstrat.core.vocabulary import Direction
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import (
    Block,
    Chart,
    Column,
    Grid,
    Heading,
    Inline,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    Toned,
)
from mcstrat.report.views.weights import stated, stated_header

if TYPE_CHECKING:
    from mcstrat.analyses.group import GroupResult

LEVERAGE = (
    "Moves the group: who moves the group most. How far a stakeholder's own scores run from the model they like "
    "least to the one they like most, times their weight, as a share of everyone's: the more extreme their views "
    "or the larger their weight, the more they move the group's scores."
)
AGREEMENT = (
    "Agreement: how alike two stakeholders rank the models, from 1 (the same order) to -1 (the reverse order) "
    "(Kendall's tau-b)."
)


def stakeholders(decision: Decision, group: GroupResult) -> Table:
    """Each stakeholder's weight, their own first choice, and their rank of and score for the group's choice."""
    names = {m.id: m.name for m in decision.catalog.models}
    tops = group.result.top
    first = tops[0].model
    shares = numbers.places([v.share for v in group.stakeholders], least=0, scale=100)
    pulls = numbers.places([v.leverage for v in group.stakeholders], least=0, scale=100)
    rows = []
    for view in group.stakeholders:
        own = next((r for r in view.result.ranking if r.model.id == first.id), None)
        rows.append(
            (
                view.name,
                numbers.percent(view.share, shares),
                numbers.percent(view.leverage, pulls),
                numbers.listed([names.get(m, m) for m in view.top]) + (" (tied)" if len(view.top) > 1 else ""),
                numbers.rank(own.rank, own.tied) if own else "-",
                *(numbers.score(view.group_top_scores[r.model.id]) for r in tops),
            )
        )
    return Table(
        (
            Column("Stakeholder", width=22),
            Column("Weight", numeric=True, wrap=False),
            Column("Moves the group", numeric=True, width=10),
            Column("Their first choice", width=28),
            Column(f"Their rank of {first.name}", numeric=True, width=16),
            *(Column(f"Their score for {r.model.name}", numeric=True, width=16) for r in tops),
        ),
        tuple(rows),
    )


def readings(decision: Decision, group: GroupResult) -> list[Block]:
    """The group's ranking beside two more readings of the same scores; a warning when either picks another winner."""
    checks = group.agreement.checks
    if checks is None:
        return []
    names = {m.id: m.name for m in decision.catalog.models}
    chosen = tuple(r.model.id for r in decision.result.top)

    def firsts(ids: tuple[str, ...]) -> str:
        return numbers.listed([names.get(m, m) for m in ids]) + (" (tied)" if len(ids) > 1 else "")

    def next_two(ranking: tuple[str, ...], winner: tuple[str, ...]) -> str:
        return ", ".join(names.get(m, m) for m in [m for m in ranking if m not in winner][:2]) or "-"

    ranked = tuple(r.model.id for r in decision.result.ranking)
    table = Table(
        (Column("Reading"), Column("First", width=28), Column("Then", width=28)),
        (
            ("Weighted mean of scores (the group's ranking)", firsts(chosen), next_two(ranked, chosen)),
            (
                "Each stakeholder's scores rescaled to 0-100% first",
                firsts(checks.normalised.winner),
                next_two(checks.normalised.ranking, checks.normalised.winner),
            ),
            (
                "Borda count of the stakeholders' own rankings",
                firsts(checks.borda.winner),
                next_two(checks.borda.ranking, checks.borda.winner),
            ),
        ),
        title="Three readings of the same scores",
    )
    out: list[Block] = [table]
    said = {
        "normalised": "Rescaling each stakeholder's scores from their least to their most liked model (so no one "
        "counts more by having more extreme views)",
        "borda": "Counting each stakeholder's own order of the models (a Borda count: most points for their first "
        "choice)",
    }
    warned = False
    for key, reading in (("normalised", checks.normalised), ("borda", checks.borda)):
        if set(reading.winner) != set(chosen):
            warned = True
            out.append(
                Paragraph(
                    (
                        Toned(
                            f"{said[key]} puts {firsts(reading.winner)} first, not {firsts(chosen)}: the group's "
                            "choice depends on how its scores are combined; discuss it before deciding.",
                            "warn",
                        ),
                    )
                )
            )
    if not warned:
        out.append(
            Paragraph(
                (
                    f"Both other readings put {firsts(chosen)} first too: the choice does not depend on how the "
                    "stakeholders' scores are combined.",
                )
            )
        )
    asked = [
        (names.get(mid, mid), by) for mid, by in group.excluded_by.items() if by and len(by) < len(group.stakeholders)
    ]
    if asked:
        out.append(
            Paragraph(
                (
                    "Left out at the request of some stakeholders only: "
                    + "; ".join(f"{model} ({numbers.listed(list(by))})" for model, by in asked)
                    + ".",
                )
            )
        )
    return out


def rankings(decision: Decision, group: GroupResult, top: int | None = None) -> list[Block]:
    """Each stakeholder's rank (score) of each model beside the group's, as a heat map and a table (up to 20 people)."""
    if group.agreement.summary is not None:  # a group too big to list every pair
        return []
    shown = decision.result.first(top)
    views = [{r.model.id: r for r in view.result.ranking} for view in group.stakeholders]
    count = len(decision.result.ranking)
    values, texts, rows = [], [], []
    for r in shown:
        ranks = [(r.rank, r.tied, r.score)] + [
            (own.rank, own.tied, own.score) if own else (0, False, 0) for own in (v.get(r.model.id) for v in views)
        ]
        values.append(tuple(None if k == 0 else 1 - (k - 1) / max(count - 1, 1) for k, _, _ in ranks))
        texts.append(tuple("-" if k == 0 else numbers.rank(k, t) for k, t, _ in ranks))
        rows.append(
            (r.model.name, *("-" if k == 0 else f"{numbers.rank(k, t)} ({numbers.score(s)})" for k, t, s in ranks))
        )
    people = [v.name for v in group.stakeholders]
    chart = Chart(
        title="Each stakeholder's ranking",
        alt=(
            "The rank each stakeholder gives each model, beside the group's; "
            f"{decision.result.ranking[0].model.name} is first for the group."
        ),
        plot=Grid(
            rows=tuple(r.model.name for r in shown),
            columns=("Group", *people),
            values=tuple(values),
            texts=tuple(texts),
            legend="Rank: dark = first",
        ),
        key="stakeholders",
    )
    return [
        chart,
        Table(
            (Column("Model"), Column("Group", numeric=True, wrap=False), *(Column(n, numeric=True) for n in people)),
            tuple(rows),
            title="Each stakeholder's ranking: rank (score); = marks a tie",
        ),
    ]


def agreement(group: GroupResult) -> list[Block]:
    """How alike each pair of stakeholders ranks the models; for a large group, a summary and the extreme pairs."""
    found = group.agreement
    if found.summary is not None:
        summary = found.summary
        blocks: list[Block] = [
            Paragraph(
                (
                    f"How alike the stakeholders rank the models, over {numbers.count(summary.count)} pairs "
                    f"({numbers.count(summary.undefined)} undefined): mean agreement {numbers.tau(found.mean_tau)}, "
                    f"lowest {numbers.tau(summary.min_tau)}.",
                )
            )
        ]
        for title, chosen in (
            ("Most agreeing pairs", summary.most_agreeing),
            ("Least agreeing pairs", summary.least_agreeing),
        ):
            blocks.append(
                Table(
                    (Column("Stakeholder"), Column("Stakeholder"), Column("Agreement", numeric=True, wrap=False)),
                    tuple((p.a, p.b, numbers.tau(p.tau)) for p in chosen),
                    title=title,
                )
            )
        return [*blocks, Note((AGREEMENT,))]
    if not found.pairs:
        return [Paragraph(("Only one stakeholder: there is no one to agree or disagree with.",))]
    return [
        Paragraph((f"How alike the stakeholders rank the models: mean agreement {numbers.tau(found.mean_tau)}.",)),
        Table(
            (Column("Stakeholder"), Column("Stakeholder"), Column("Agreement", numeric=True, wrap=False)),
            tuple((p.a, p.b, numbers.tau(p.tau)) for p in found.pairs),
        ),
        Note((AGREEMENT + " Undefined when a stakeholder scores every model the same.",)),
    ]


def disagreement(decision: Decision, group: GroupResult) -> list[Block]:
    """Each criterion's influence for each stakeholder (or the lowest and highest), widest range first."""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    differing = [c for c in group.agreement.criteria if c.range > 0]
    if not differing:
        return [Paragraph(("Every stakeholder gives each criterion the same influence.",))]
    if group.agreement.summary is not None:  # a group too big to list every pair
        rows = []
        for c in differing:
            low = min(c.effective_weights, key=lambda n: c.effective_weights[n])
            high = max(c.effective_weights, key=lambda n: c.effective_weights[n])
            rows.append(
                (
                    labels.get(c.criterion, c.criterion),
                    f"{numbers.percent(c.effective_weights[low])} ({low})",
                    f"{numbers.percent(c.effective_weights[high])} ({high})",
                    numbers.percent(c.range),
                )
            )
        return [
            Table(
                (Column("Criterion"), Column("Lowest"), Column("Highest"), Column("Range", numeric=True, wrap=False)),
                tuple(rows),
                title="Where priorities differ most: each criterion's influence, lowest and highest",
            )
        ]
    people = group.stakeholders
    own = {c.criterion.id: i for i, c in enumerate(decision.result.criteria)}
    rows2 = []
    for c in differing:
        cells = []
        for view in people:
            theirs = view.result.criteria[own[c.criterion]]
            how = view.result.priorities.weighting
            cells.append(f"{numbers.percent(theirs.effective)} ({stated(theirs, how, '*')})")
        rows2.append((labels.get(c.criterion, c.criterion), *cells, numbers.percent(c.range)))
    return [
        Table(
            (
                Column("Criterion"),
                *(Column(v.name, numeric=True) for v in people),
                Column("Range", numeric=True, wrap=False),
            ),
            tuple(rows2),
            title="Where priorities differ most: each criterion's influence for each stakeholder",
        ),
        Note(
            (
                "In brackets, what each stakeholder stated: an importance (0-5), swing points or a ranking's weight; "
                "* not stated, so the default.",
            )
        ),
    ]


def settings(decision: Decision, group: GroupResult) -> Table:
    """Each stakeholder's weight, target levels, range mode, exclusions and limits."""
    targets = [c for c in decision.catalog.criteria if c.direction == Direction.target]
    names = {m.id: m.name for m in decision.catalog.models}
    rows = []
    for view in group.stakeholders:
        prio = view.result.priorities
        rows.append(
            (
                view.name,
                f"{numbers.importance(view.weight)} ({numbers.percent(view.share)})",
                *(
                    next((cw.target or "none" for cw in view.result.criteria if cw.criterion.id == c.id), "none")
                    for c in targets
                ),
                str(prio.ranges),
                ", ".join(names.get(m, m) for m in prio.exclude) or "none",
                ", ".join(c.text for c in prio.require) or "none",
            )
        )
    return Table(
        (
            Column("Stakeholder"),
            Column("Weight", numeric=True),
            *(Column(f"Target {c.label.lower()}", wrap=False) for c in targets),
            Column("Ranged ratings", wrap=False),
            Column("Leaves out"),
            Column("Limits"),
        ),
        tuple(rows),
        title="Each stakeholder's settings",
    )


def dissent(decision: Decision, group: GroupResult) -> Inline:
    """Who disagrees most: the stakeholder who ranks the group's choice lowest, and their own first choice."""
    names = {m.id: m.name for m in decision.catalog.models}
    first = decision.result.ranking[0].model
    worst = None
    for view in group.stakeholders:
        own = next((r for r in view.result.ranking if r.model.id == first.id), None)
        if own is None:
            continue
        key = (own.rank, view.share)
        if worst is None or key > worst[0]:
            worst = (key, view, own)
    lead = Strong("Who disagrees most.")
    if worst is None or worst[2].rank == 1:
        return (lead, f" No one: every stakeholder ranks {first.name} first.")
    _, view, own = worst
    theirs = numbers.listed([names.get(m, m) for m in view.top])
    choice = f"their first choice, {theirs}" if len(view.top) == 1 else f"their first choices, {theirs} (tied)"
    first_score = next(r.score for r in view.result.ranking if r.rank == 1)
    return (
        lead,
        f" {view.name} ({numbers.percent(view.share)} of the weight) ranks {first.name} "
        f"{_ordinal(own.rank)}{'=' if own.tied else ''} of {len(view.result.ranking)}, scoring it "
        f"{numbers.score(own.score)} against {numbers.score(first_score)} for {choice}.",
    )


def priorities_chart(decision: Decision, group: GroupResult) -> Chart | None:
    """Each stakeholder's priorities as a heat map: what they stated for each criterion, shaded by its share of
    their weight (a record's page 1; None for a group too big to list every pair)."""
    if group.agreement.summary is not None:
        return None
    criteria = decision.result.criteria
    rows, values, texts = [], [], []
    for view in group.stakeholders:
        own = {cw.criterion.id: cw for cw in view.result.criteria}
        theirs = [own[cw.criterion.id] for cw in criteria]
        top = max((float(cw.weight) for cw in theirs), default=0.0) or 1.0
        how = view.result.priorities.weighting
        rows.append(view.name)
        values.append(tuple(float(cw.weight) / top for cw in theirs))
        texts.append(tuple(stated(cw, how, "*") for cw in theirs))
    hows = {view.result.priorities.weighting for view in group.stakeholders}
    unit = stated_header(next(iter(hows))) if len(hows) == 1 else "what each stated"
    return Chart(
        title="What each stakeholder stated",
        alt=(
            f"Each stakeholder's priorities ({unit.lower()}; * not stated), darker where a criterion weighs more "
            "for them."
        ),
        plot=Grid(
            rows=tuple(rows),
            columns=tuple(cw.criterion.label for cw in criteria),
            values=tuple(values),
            texts=tuple(texts),
            legend=f"{unit}; darker = counts more for them",
        ),
        key="members",
    )


def widest(decision: Decision, group: GroupResult) -> Inline:
    """The criterion the stakeholders' influence differs on most, as a question to settle (a record's)."""
    found = next((c for c in group.agreement.criteria if c.range > 0), None)
    if found is None:
        return ()
    labels = {c.id: c.label for c in decision.catalog.criteria}
    shares = found.effective_weights
    low, high = min(shares, key=lambda n: shares[n]), max(shares, key=lambda n: shares[n])
    # in plain words on page 1: influence is the share of what decides the scores (the glossary's word)
    return (
        Strong("Where stakeholders differ most."),
        f" {labels.get(found.criterion, found.criterion)}: it decides {numbers.percent(shares[low])} of the "
        f"differences in score for {low} and {numbers.percent(shares[high])} for {high}; agree how much it should "
        "count.",
    )


def blocks(decision: Decision, top: int | None = None) -> list[Block]:
    """The whole group view: stakeholders, their rankings, agreement, where priorities differ, settings."""
    group = decision.group
    assert group is not None
    return [
        stakeholders(decision, group),
        Note((LEVERAGE,)),
        *readings(decision, group),
        *rankings(decision, group, top),
        Heading("Agreement"),
        *agreement(group),
        *disagreement(decision, group),
        settings(decision, group),
    ]


def summary(decision: Decision) -> list[Block]:
    """The group in brief (the terminal's plain view, and the first line of its section): who disagrees most, and
    the warning when another reading of the same scores puts another model first."""
    group = decision.group
    assert group is not None
    warned = [
        b
        for b in readings(decision, group)
        if isinstance(b, Paragraph) and any(isinstance(r, Toned) and r.tone == "warn" for r in b.text)
    ]
    said = dissent(decision, group)
    return [*([Paragraph(said)] if said else []), *warned]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def data(decision: Decision) -> dict[str, Any]:
    """The JSON fields a group adds: stakeholders and agreement."""
    assert decision.group is not None
    return decision.group.to_dict(numbers.machine)


def section(decision: Decision, *, record: bool = False, top: int | None = None) -> Section:
    """The group view as a document section (a record's has the rankings' heat map)."""
    blocks_ = blocks(decision, top)
    first = [] if record else summary(decision)[:1]  # on a terminal, its summary first
    return Section(
        "Stakeholders", "stakeholders", (*first, *(b for b in blocks_ if record or not isinstance(b, Chart)))
    )


__all__ = [
    "AGREEMENT",
    "LEVERAGE",
    "agreement",
    "blocks",
    "data",
    "disagreement",
    "dissent",
    "priorities_chart",
    "rankings",
    "readings",
    "section",
    "settings",
    "stakeholders",
    "summary",
    "widest",
]

"""Firmness's view: how often each model takes each rank across the weightings the priorities allow (SMAA-2).

The chance of each rank is SMAA-2's rank acceptability (Lahdelma & Salminen), estimated by Monte
Carlo over the weight space asked for and the ratings' uncertainty (analyses/robustness.py). The
plain sentence names the model that comes first most often and its chance, in whole percentages;
the table gives every rank's chance ("·" never, "<1%" some but under half a percent), each
model's confidence factor, and the central weights; the note says how the figures were made.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.core.vocabulary import Weighting, WeightSpace
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import (
    Bars,
    Block,
    Chart,
    Column,
    Heat,
    Inline,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    Toned,
)

if TYPE_CHECKING:
    from mcstrat.analyses.robustness import SmaaResult

_SPACE = {
    WeightSpace.order: "weightings that keep the order of {whose} priorities",
    WeightSpace.free: "weightings of every kind (no order of priorities assumed)",
    WeightSpace.local: "weightings with each importance varied by up to ±{spread}",
}


def space(smaa: SmaaResult, decision: Decision) -> str:
    """The weightings sampled, in plain words (a group's stakeholders each keep their own statements)."""
    group = decision.group is not None
    whose = "each stakeholder's" if group else "your"
    if smaa.weight_space == WeightSpace.stated:
        return stated_words(decision)
    return _SPACE[WeightSpace(smaa.weight_space)].format(whose=whose, spread=numbers.importance(smaa.spread or 0))


def stated_words(decision: Decision) -> str:
    """The ``stated`` space in words: "weightings within what you stated (each importance ±0.5)"."""
    if decision.group is not None:
        return (
            "weightings within what each stakeholder stated (each number as precise as its last digit, swing points "
            "±5, a range as given, a ranking's order kept)"
        )
    result = decision.result
    how = result.priorities.weighting
    if how == Weighting.ranking:
        return "weightings that keep the order of your ranking (a ranking states an order, nothing finer)"
    bounds = result.priorities.bounds or {}
    parts: list[str] = []
    named = [cw for cw in result.criteria if not cw.defaulted and cw.importance > 0]
    singles = [cw for cw in named if cw.ranged is None]
    if how == Weighting.swing:
        parts += ["each swing ±5 points"] if singles else []
    else:
        halves = {
            (cw.importance - bounds[cw.criterion.id][0])
            if bounds[cw.criterion.id][0] > 0
            else (bounds[cw.criterion.id][1] - cw.importance)
            for cw in singles
        }
        if halves == {Fraction(1, 2)}:
            parts.append("each importance ±0.5")
        elif halves:
            parts.append("each importance ± half its last digit")
    if any(cw.ranged is not None for cw in named):
        parts.append("each range as you gave it")
    if any(cw.defaulted and cw.importance > 0 for cw in result.criteria):
        parts.append("a criterion you did not mention at medium ±0.5")
    return "weightings within what you stated" + (f" ({numbers.listed(parts)})" if parts else "")


def expected_rank(acceptability: list[float]) -> float:
    """The mean rank under the sampled uncertainty: how models are ordered in the chance table."""
    return sum((i + 1) * p for i, p in enumerate(acceptability))


def order(smaa: SmaaResult) -> list[str]:
    """The models by expected rank (ties keep the models file's order)."""
    return sorted(smaa.model_ids, key=lambda m: (expected_rank(smaa.acceptability[m]), smaa.model_ids.index(m)))


def headline(decision: Decision) -> Inline:
    """How firm the first place is, in plain words: the page-1 sentence and the view's first line."""
    smaa = decision.smaa
    assert smaa is not None
    names = {m.id: m.name for m in decision.catalog.models}
    first = decision.result.ranking[0].model.id
    tops = [r.model.id for r in decision.result.top]
    accept = smaa.acceptability
    twins = {m: g for g in smaa.identical for m in g}

    def who(m: str) -> str:
        if m in twins:
            return " or ".join(names[x] for x in twins[m]) + " (rated identically)"
        return names[m]

    def share(m: str) -> float:
        return smaa.combined_first(twins[m]) if m in twins else accept[m][0]

    units = list(dict.fromkeys(twins.get(m, (m,))[0] for m in smaa.model_ids))
    units.sort(key=lambda m: -share(m))
    drawn = f"{numbers.count(smaa.samples)} {space(smaa, decision)}"
    if smaa.rating_error > 0:
        drawn += f", with each rating of the table possibly one level off (chance {numbers.chance(smaa.rating_error)})"
    if len(tops) > 1:
        shares = numbers.listed([f"{names[m]} in {numbers.chance(accept[m][0])}" for m in tops])
        rest = [m for m in units if m not in tops and accept[m][0] > 0]
        tail = (
            f" In the rest: {numbers.listed([f'{who(m)} in {numbers.chance(share(m))}' for m in rest])}."
            if rest
            else ""
        )
        return (
            Strong("How firm: the tie splits when the weights vary."),
            f" Across {drawn}, {shares} came first.{tail}",
        )
    p = share(first) if first in twins else accept[first][0]
    others = [m for m in units if m != twins.get(first, (first,))[0]]
    best_other = others[0] if others else None
    tail = ""
    if best_other is not None and share(best_other) > 0:
        chance = numbers.chance(share(best_other))
        # the model is named as the subject: "It" would read as the recommendation
        tail = (
            f" {who(best_other)} comes first more often than the recommendation, in {chance} of them."
            if share(best_other) > p
            else f" Next is {who(best_other)}, at {chance}."
        )
    # the word for how firm is the verdict's (views/firmness.py), said once, from every figure it rests on
    return (Strong(f"How firm: {who(first)} comes first in {numbers.chance(p)} of {drawn}."), tail)


def table(smaa: SmaaResult, decision: Decision) -> Table:
    """The chance of each rank per model, shaded, with its confidence factor."""
    names = {m.id: m.name for m in decision.catalog.models}
    ranks = len(smaa.model_ids)

    def cell(p: float) -> Heat:
        return Heat("·" if p == 0 else numbers.chance(p), p)

    return Table(
        (
            Column("Model", width=24),
            *(Column(f"#{i + 1}", numeric=True, wrap=False) for i in range(ranks)),
            Column("Confidence", numeric=True, wrap=False),
        ),
        tuple(
            (
                names.get(m, m),
                *(cell(p) for p in smaa.acceptability[m]),
                "-" if smaa.confidence.get(m) is None else numbers.chance(smaa.confidence[m] or 0.0),
            )
            for m in order(smaa)
        ),
        title="Chance of each rank",
    )


def how(smaa: SmaaResult, decision: Decision) -> Note:
    """How the chances were made: samples, seed, weight space, what varies, the Monte Carlo error (the largest first
    chance's, and the widest of any chance shown when wider)."""
    error = numbers.fixed(100 * smaa.error, 1)
    widest = numbers.fixed(100 * max(smaa.error, largest_error(smaa)), 1)
    group = decision.group is not None
    return Note(
        (
            f"#1 is the chance of coming first, · never. From {numbers.count(smaa.samples)} samples (seed {smaa.seed}) "
            f"of {space(smaa, decision)} (weight space {smaa.weight_space}); "
            + (
                "one draw of the weights per sample for everyone, each stakeholder mapping it to their own priorities "
                "(so members who state the same thing count as one with their weights added); "
                if group
                else ""
            )
            + "ranged ratings drawn anywhere in their range, the same for every stakeholder"
            + (
                "; the spacing of rating levels drawn at random, the worst rating among the ranked models counting 0 "
                "and the best 1, and each weight the worth of going from one to the other (ordinal)"
                if smaa.ordinal
                else ""
            )
            + (
                f"; each rating of the table may be one level off, with probability {numbers.chance(smaa.rating_error)}"
                " (half up, half down), the same for every stakeholder, so a model that cannot win with the table as "
                "rated may come first here"
                if smaa.rating_error > 0
                else ""
            )
            + f". Sampling error ±{error} points (95%)"
            + (f", ± up to {widest} for any chance shown" if widest != error else "")
            + ". Confidence: the chance a model still comes first at its own typical winning weights, only the ratings "
            "varying.",
        )
    )


def largest_error(smaa: SmaaResult) -> float:
    """The widest 95% half-width of any chance the table shows: a rank's chance or a confidence factor."""
    widths = [w for row in smaa.acceptability_error.values() for w in row]
    widths += [w for w in smaa.confidence_error.values() if w is not None]
    return max(widths, default=0.0)


def warning(smaa: SmaaResult) -> list[Block]:
    """A warning when the Monte Carlo error is too large (above 2 points): more samples are needed."""
    if not smaa.warn:
        return []
    return [Paragraph((Toned(warning_text(smaa), "warn"),))]


def warning_text(smaa: SmaaResult) -> str:
    return (
        f"Warning: these chances are uncertain by up to ±{numbers.fixed(100 * smaa.error, 1)} points (95%); "
        f"use more --samples (now {numbers.count(smaa.samples)})."
    )


def chart(smaa: SmaaResult, decision: Decision) -> Chart:
    """How often each model takes each rank, as stacked bars (ranks beyond 4 together)."""
    names = {m.id: m.name for m in decision.catalog.models}
    ids = order(smaa)
    width = len(smaa.model_ids)
    shown = min(width, 4)
    values = []
    for mid in ids:
        row = smaa.acceptability[mid]
        values.append((*(100 * p for p in row[:shown]), *([100 * sum(row[shown:])] if width > shown else [])))
    segments = [f"Rank {k}" for k in range(1, shown + 1)] + ([f"Rank {shown + 1} or lower"] if width > shown else [])
    first = decision.result.ranking[0].model
    return Chart(
        title="How often each model takes each rank",
        alt=(
            f"Out of {numbers.count(smaa.samples)} weightings, {first.name} is first in "
            f"{numbers.chance(smaa.acceptability.get(first.id, [0.0])[0])}."
        ),
        plot=Bars(
            rows=tuple(names.get(m, m) for m in ids),
            segments=tuple(segments),
            values=tuple(values),
            axis="Share of the sampled weightings (%)",
            limit=100.0,
            totals=tuple(numbers.chance(smaa.acceptability[m][0]) + " first" for m in ids),
            sequential=True,
        ),
        key="firmness",
    )


def central(smaa: SmaaResult, decision: Decision) -> list[Block]:
    """The central weights: the typical weights under which each model that can come first does."""
    winners = [m for m in order(smaa) if smaa.central_weights.get(m)]
    if not winners:
        return []
    names = {m.id: m.name for m in decision.catalog.models}
    criteria = decision.catalog.criteria
    widths = [w for m in winners for w in (smaa.central_error.get(m) or {}).values() if w is not None]
    spread = (
        [Note((f"Sampling error of these weights: ± up to {numbers.fixed(100 * max(widths), 1)} points (95%).",))]
        if widths
        else []
    )
    return [
        Table(
            (Column("Model", width=20), *(Column(c.id, numeric=True, wrap=False) for c in criteria)),
            tuple(
                (names.get(m, m), *(numbers.percent((smaa.central_weights[m] or {}).get(c.id, 0.0)) for c in criteria))
                for m in winners
            ),
            title="Central weights: the average weights under which each model comes first",
        ),
        *spread,
        *(
            [
                Note(
                    (
                        "With the spacing of rating levels drawn at random, these weights are each criterion's share "
                        "of the worth of going from its worst to its best rating among the ranked models.",
                    )
                )
            ]
            if smaa.ordinal
            else []
        ),
    ]


def _members(decision: Decision) -> dict[str, float]:
    """Each stakeholder's name -> their own chance that the group's winner comes first for them (groups only)."""
    smaa = decision.smaa
    if smaa is None or decision.group is None or not smaa.members:
        return {}
    return {view.name: p for view, p in zip(decision.group.stakeholders, smaa.members)}


def members(decision: Decision) -> list[Block]:
    """How often the group's winner comes first for each stakeholder on their own, in plain words."""
    found = _members(decision)
    smaa = decision.smaa
    if not found or smaa is None:
        return []
    names = {m.id: m.name for m in decision.catalog.models}
    first, *twins = (names.get(m, m) for m in smaa.winner)
    winner = first + (f" (or {numbers.listed(twins)}, rated identically)" if twins else "")
    return [
        Note(
            (
                f"For each stakeholder on their own: the chance that {winner}, which comes first most often for the "
                "group, also comes first for them, with their own weights in the same samples (a tie for first counts "
                "as a share, half each when two tie): "
                + numbers.listed([f"{name} {numbers.chance(p) if p > 0 else 'never'}" for name, p in found.items()])
                + ".",
            )
        )
    ]


def blocks(decision: Decision, *, charts: bool = False) -> list[Block]:
    """The whole firmness view: the sentence (a record's chart instead: its page 1 has the sentence), the chances,
    how they were made, twins, central weights."""
    smaa = decision.smaa
    assert smaa is not None
    names = {m.id: m.name for m in decision.catalog.models}
    twins = [
        Note(
            (
                f"{numbers.listed([names.get(m, m) for m in ids])} are rated identically: together they come first "
                f"{numbers.chance(smaa.combined_first(ids))} of the time.",
            )
        )
        for ids in smaa.identical
    ]
    return [
        *([chart(smaa, decision)] if charts else [Paragraph(headline(decision))]),  # a record says it on page 1
        table(smaa, decision),
        how(smaa, decision),
        *twins,
        *members(decision),
        *warning(smaa),
        *central(smaa, decision),
    ]


def data(decision: Decision) -> dict[str, Any]:
    """The JSON of firmness: samples, seed, weight space, every rank's chance, central weights, confidence, and
    `errors`: each of those figures' 95% half-width; for a group, `members`: each stakeholder's own chance that the
    group's winner comes first for them."""
    found = decision.smaa
    assert found is not None
    return {
        "robustness": {
            "samples": found.samples,
            "seed": found.seed,
            "spread": found.spread,
            "ordinal": found.ordinal,
            "rating_error": found.rating_error,
            "acceptability": found.acceptability,
            "central_weights": found.central_weights,
            "weight_space": found.weight_space,
            "error": found.error,
            "errors": {
                "acceptability": found.acceptability_error,
                "confidence": found.confidence_error,
                "central_weights": found.central_error,
            },
            "confidence": found.confidence,
            "identical": [list(ids) for ids in found.identical],
            **({"members": _members(decision)} if decision.group is not None else {}),
        }
    }


def section(decision: Decision, *, record: bool = False, top: int | None = None) -> Section:
    return Section("How firm the ranking is", "firmness", tuple(blocks(decision, charts=record)))


__all__ = [
    "blocks",
    "central",
    "chart",
    "data",
    "expected_rank",
    "headline",
    "how",
    "largest_error",
    "members",
    "order",
    "section",
    "space",
    "table",
    "warning_text",
]

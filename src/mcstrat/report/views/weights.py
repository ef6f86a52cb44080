"""The priorities' view: what was stated per criterion, the weight it became, and the influence it really has.

A weight multiplies a utility, so what a criterion can do to the ranking also depends on how far
apart the models are on it: its influence (Keeney's effective weight, core/weighting.py) is its
weight times that range, as a share of all criteria's. The table puts the three side by side, in
the unit the person stated (importance 0-5, swing points 0-100, or a ranking's weight), and says
plainly where the influence's order differs from the stated one.
"""

from __future__ import annotations

from mcstrat.analyses.ranking import CriterionWeight, RankResult
from mcstrat.core.vocabulary import RangeMode, Unmentioned, Weighting
from mcstrat.core.weighting import order_differs
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Column, Items, Note, Table
from mcstrat.report.views.catalog import BETTER

#: Influence in one sentence: the note under every table of it, and the glossary's entry.
INFLUENCE = (
    "Influence: the share of the possible differences in score a criterion decides (its weight times how far apart "
    "the models are on it)."
)
RANGE_WORDS = {
    RangeMode.midpoint: "halfway between their two ends",
    RangeMode.optimistic: "at their better end",
    RangeMode.pessimistic: "at their worse end",
    RangeMode.mixed: "as each stakeholder chose",
}


def stated_header(weighting: Weighting, group: bool = False) -> str:
    """The heading of what was stated: an importance, swing points or a ranking's weight."""
    if group:
        return "Group importance (0-5)"
    return {Weighting.swing: "Points (0-100)", Weighting.ranking: "Rank weight"}.get(weighting, "Importance (0-5)")


def stated(cw: CriterionWeight, weighting: Weighting, default: str = " (default)") -> str:
    """What a person stated for a criterion, in their unit ("3-4" for a range); DEFAULT marks one not stated."""
    if cw.ranged is not None:
        return f"{numbers.importance(cw.ranged[0])}-{numbers.importance(cw.ranged[1])}"
    if weighting == Weighting.swing and cw.stated is not None:
        return numbers.importance(cw.stated)
    if weighting == Weighting.ranking and cw.stated is not None:
        return numbers.percent(cw.stated)
    return numbers.importance(cw.importance) + (default if cw.defaulted else "")


def order_notes(result: RankResult) -> list[str]:
    """Where a criterion has more influence than one stated above it (importance answers), in plain words."""
    if result.priorities.weighting != Weighting.importance:
        return []
    labels = {cw.criterion.id: cw.criterion.label for cw in result.criteria}
    given = {cw.criterion.id: cw.importance for cw in result.criteria}
    effective = {cw.criterion.id: cw.effective for cw in result.criteria}
    return [
        f"{labels[a]} has more influence than {labels[b]} here, because the models are further apart on {labels[a]}."
        for a, b in order_differs(given, effective)[:3]
    ]


def shares(result: RankResult) -> tuple[dict[str, str], dict[str, str]]:
    """Each criterion's weight and influence as printed everywhere they appear: percentages with the decimals
    that keep different values different (within each of the two columns)."""
    weights = {cw.criterion.id: cw.weight for cw in result.criteria}
    influence = {cw.criterion.id: cw.effective for cw in result.criteria}
    w, e = numbers.places(weights.values(), least=0, scale=100), numbers.places(influence.values(), least=0, scale=100)
    return (
        {c: numbers.percent(v, w) for c, v in weights.items()},
        {c: numbers.percent(v, e) for c, v in influence.items()},
    )


def narrowed(result: RankResult) -> list[str]:
    """Where leaving models out narrowed a weighed criterion's range (so its influence), in plain words."""
    labels = [cw.criterion.label for cw in result.criteria if cw.weight > 0 and cw.span < cw.table_span]
    if not labels:
        return []
    these = "it" if len(labels) == 1 else "them"
    return [
        f"The models left out widened the range of {numbers.listed(labels)}: among the models ranked "
        f"{'it varies' if len(labels) == 1 else 'they vary'} less, so influence is worked out over the models ranked "
        f"and {these} weigh less here."
    ]


def title(decision: Decision) -> str:
    return "The group's priorities" if decision.group is not None else "Your priorities"


def blocks(decision: Decision) -> list[Block]:
    """The priorities table, then what it means and the settings that shape the scores."""
    result = decision.result
    group = decision.group is not None
    how = result.priorities.weighting
    weight, influence = shares(result)
    table = Table(
        (
            Column("Criterion", width=20),
            Column("Better", width=10),
            Column(stated_header(how, group), numeric=True, width=12),
            Column("Weight", numeric=True, wrap=False),
            Column("Influence", numeric=True, wrap=False),
        ),
        tuple(
            (
                cw.criterion.label,
                BETTER[cw.criterion.direction],
                numbers.importance(cw.importance) if group else stated(cw, how),
                weight[cw.criterion.id],
                influence[cw.criterion.id],
            )
            for cw in result.criteria
        ),
    )
    notes = [INFLUENCE, *order_notes(result), *narrowed(result)]
    if any(cw.defaulted for cw in result.criteria):
        if how in (Weighting.swing, Weighting.ranking):
            notes.append(
                f"Criteria not named in the {'swing points' if how == Weighting.swing else 'ranking'} weigh nothing."
            )
        elif not group and result.priorities.unmentioned == Unmentioned.none:
            notes.append("(default): not stated, so it counts for nothing (the answers say unmentioned: none).")
        elif not group:
            notes.append("(default): not stated, so it counts as medium (2); horizon counts 0 without a target.")
    settings = []
    for cw in result.criteria:
        if cw.target:
            settings.append((f"Target {cw.criterion.label.lower()}: {cw.target}",))
    settings.append((f"Ranged ratings (such as LOW/MED) are scored {RANGE_WORDS[result.priorities.ranges]}.",))
    if result.priorities.require:
        settings.append((f"Hard limits: {', '.join(c.text for c in result.priorities.require)}.",))
    return [table, *(Note((note,)) for note in notes), Items(tuple(settings))]


__all__ = [
    "INFLUENCE",
    "RANGE_WORDS",
    "blocks",
    "narrowed",
    "order_notes",
    "shares",
    "stated",
    "stated_header",
    "title",
]

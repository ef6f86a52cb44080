"""What can win's view: can each model come first at all, under the stated order of priorities and under any weights.

Potential optimality, checked exactly (analyses/potential.py): a model can come first when some
admissible weights, with ranged ratings at their ends most favourable to it, give it a score at
least as high as every rival's; its best lead is the largest lead any such weights give (0: at
best a tie). Dominance over the same sets (potential.dominated_by) names a model at least as good
for every stakeholder on every criterion they weigh, whatever the ranged ratings turn out to be.
Both are judged over what the firmness analysis samples, so neither contradicts its chances.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcstrat.core.vocabulary import WeightSpace
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Column, Inline, Note, Paragraph, Section, Strong, Table

if TYPE_CHECKING:
    from mcstrat.analyses.potential import Potential


def cell(p: Potential) -> str:
    """Whether a model can come first under one weight space, in words; a verdict the exact check could not
    confirm (a near-tie out of the rounding's reach, in practice never) says so."""
    if not p.possible:
        said = f"no (at best {numbers.score(-p.margin)} points behind)"
    elif p.margin <= 0:
        said = "only a tie"
    else:
        said = f"yes, by up to {numbers.score(p.margin)} points"
    return said if p.confirmed else f"{said}, by the solver alone (not confirmed exactly)"


def _off(decision: Decision) -> float:
    """The --rating-error the chances were drawn with: above 0, what cannot win here is said of the table as rated."""
    return decision.smaa.rating_error if decision.smaa is not None else 0.0


def sampled(decision: Decision) -> str:
    """The weight space the chances of coming first were drawn from (the space this view judges by first)."""
    found = decision.potential
    assert found is not None
    space = decision.smaa.weight_space if decision.smaa is not None else WeightSpace.order
    return space if all(space in spaces for spaces in found.values()) else WeightSpace.order


#: The sampled space in a column heading and in a sentence ({yours}: "your priorities" or a group's words).
_HEADING = {
    WeightSpace.stated: "as stated",
    WeightSpace.order: "{order}",
    WeightSpace.local: "importances ± spread",
    WeightSpace.free: "any weights",
}
_WITHIN = {
    WeightSpace.stated: "weights within what {who} stated",
    WeightSpace.order: "weights that keep the order of {yours}",
    WeightSpace.local: "importances within the spread of {yours}",
    WeightSpace.free: "weights",
}
_BEYOND = {
    WeightSpace.stated: "weights beyond what {who} stated",
    WeightSpace.order: "weights that break the order of {yours}",
    WeightSpace.local: "importances further from {yours} than the spread",
    WeightSpace.free: "other weights",
}


def _dominated(decision: Decision) -> dict[str, tuple[str, ...]]:
    """Each model's dominators over the admissible sets and ranges (the same in both weight spaces)."""
    found = decision.potential
    assert found is not None
    return {m: spaces[WeightSpace.order].dominated_by for m, spaces in found.items()}


def table(decision: Decision) -> Table:
    """Per ranked model: who is at least as good on everything, and can it come first (your order, any weights)."""
    found = decision.potential
    assert found is not None
    names = {m.id: m.name for m in decision.catalog.models}
    dominated = _dominated(decision)
    whose = "each stakeholder's order" if decision.group is not None else "your order"
    space = sampled(decision)
    return Table(
        (
            Column("Model", width=24),
            Column("Never ahead of", width=24),
            Column(f"Can come first ({_HEADING[WeightSpace(space)].format(order=whose)})", width=26),
            Column("Can come first (any weights)", width=26),
        ),
        tuple(
            (
                r.model.name,
                numbers.listed([names[d] for d in dominated.get(r.model.id, ())]) or "-",
                cell(found[r.model.id][space]),
                cell(found[r.model.id][WeightSpace.free]),
            )
            for r in decision.result.ranking
            if r.model.id in found
        ),
    )


def blocks(decision: Decision) -> list[Block]:
    return [
        table(decision),
        Note(
            (
                "Can it come first under some weights within what was stated (as the chances of coming first are "
                "drawn), or under any weights at all, with ranged ratings (such as LOW/MED) anywhere in their range? "
                "'By up to' is its "
                "largest possible lead; checked exactly. 'Never ahead of': a model at least as good on every "
                "criterion that counts, for every stakeholder, even at its worst against this one at its best, and "
                "better on one."
                + (
                    " All of this is with the table as rated: the chances of coming first also let each rating be "
                    f"one level off (with probability {numbers.chance(_off(decision))}), so they may give a model "
                    "that cannot come first here some chance of coming first."
                    if _off(decision) > 0
                    else ""
                ),
            )
        ),
    ]


def headline(decision: Decision) -> Inline:
    """Which models cannot come first at all, can only with other priorities, or can at best tie (page 1)."""
    found = decision.potential
    assert found is not None
    names = {m.id: m.name for m in decision.catalog.models}
    smaa = decision.smaa
    twins = {m: g for g in (smaa.identical if smaa is not None else ()) for m in g}
    dominated = _dominated(decision)
    ranked = [r.model.id for r in decision.result.ranking if r.model.id in found]
    free, order = WeightSpace.free, sampled(decision)
    never = [m for m in ranked if not found[m][free].possible]
    not_in_order = [m for m in ranked if found[m][free].possible and not found[m][order].possible]
    # under any weights some of them still only tie (margin 0): they never come first on their own
    order_alone = [m for m in not_in_order if found[m][free].margin > 0]
    order_tie = [m for m in not_in_order if found[m][free].margin <= 0]
    first = decision.result.ranking[0].model.id
    tie_only = [m for m in ranked if found[m][order].possible and found[m][order].margin <= 0 and m != first]
    group = decision.group is not None
    parts: list[str] = []
    if never:
        why = [f"{names[dominated[m][0]]} for {names[m]}" for m in never if dominated.get(m)]
        parts.append(
            f"{numbers.listed([names[m] for m in never])} cannot come first under any weights at all"
            + (f" (another model is at least as good on every criterion that counts: {'; '.join(why)})" if why else "")
            + "."
        )
    yours = "at least one stakeholder's priorities" if group else "your priorities"
    beyond = _BEYOND[WeightSpace(order)].format(yours=yours, who="at least one stakeholder" if group else "you")
    if order_alone:
        parts.append(f"{numbers.listed([names[m] for m in order_alone])} could come first only with {beyond}.")
    if order_tie:
        parts.append(
            f"{numbers.listed([names[m] for m in order_tie])} could at best tie for first, and only with {beyond}."
        )
    alone = [m for m in tie_only if m not in twins]
    if alone:
        parts.append(f"{numbers.listed([names[m] for m in alone])} can at best tie for first.")
    seen: set[str] = set()
    for m in tie_only:
        if m in twins and m not in seen:
            seen.update(twins[m])
            parts.append(
                f"{numbers.listed([names[g] for g in twins[m]])} are rated identically, so they can only share a place."
            )
    if not parts:
        return (
            Strong("What can win."),
            " Every ranked model could come first under some "
            + _WITHIN[WeightSpace(order)].format(
                yours="each stakeholder's priorities" if group else "your priorities", who="each" if group else "you"
            )
            + ".",
        )
    if _off(decision) > 0:  # the chances let ratings be off; this is the table as rated (one value model, said)
        parts.insert(0, "With the table as rated:")
        parts.append(
            "With each rating possibly one level off, as the chances of coming first allow, any of them may still "
            "come first on its own."
        )
    return (Strong("What cannot win."), " " + " ".join(parts))


def data(decision: Decision) -> dict[str, Any]:
    """Per model and weight space: can it rank first, its best lead in points, and the weights giving it; and the
    models dominating it over the admissible sets and ranges (`dominated_by`, empty when none)."""
    found = decision.potential
    assert found is not None
    return {
        "potential": {
            mid: {
                **{
                    space: {
                        "possible": p.possible,
                        "margin": round(p.margin, 9),
                        "weights": None if p.weights is None else {c: numbers.machine(w) for c, w in p.weights.items()},
                    }
                    for space, p in spaces.items()
                },
                "dominated_by": list(spaces[WeightSpace.order].dominated_by),
            }
            for mid, spaces in found.items()
        }
    }


def section(decision: Decision, *, record: bool = False, top: int | None = None) -> Section:
    """The view as a document section; on a terminal its headline first (a record says it on page 1)."""
    first: list[Block] = [] if record else [Paragraph(headline(decision))]
    return Section("What can win at all", "can-win", (*first, *blocks(decision)))


__all__ = [
    "blocks",
    "cell",
    "data",
    "headline",
    "section",
    "table",
]

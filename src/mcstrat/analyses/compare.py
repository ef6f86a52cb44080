"""Models side by side: who is better on each criterion, and where a score gap comes from.

Without priorities, "better" follows each criterion's direction alone (ranged cells at their
midpoint) and a target criterion such as horizon has no better model until a target is given.
With priorities, utilities follow the priorities' target and --ranges mode, and each
criterion's points (weight x utility x 100) explain the score difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from mcstrat.core.vocabulary import Direction, RangeMode
from mcstrat.errors import InputError

if TYPE_CHECKING:
    from mcstrat.analyses.ranking import Exclusion
    from mcstrat.core.catalog import Catalog, Criterion, Model
    from mcstrat.core.priorities import Priorities


@dataclass(frozen=True)
class CriterionComparison:
    """One criterion across the compared models."""

    criterion: Criterion
    ratings: dict[str, str]
    utilities: dict[str, Fraction] | None  # None: cannot be judged (a target criterion with no target)
    better: tuple[str, ...]  # ids of the models best on this criterion; () when all are equal or unjudged
    points: dict[str, Fraction] | None  # with priorities: weight x utility x 100


@dataclass(frozen=True)
class Comparison:
    """The result of `mcstrat compare`."""

    models: tuple[Model, ...]
    criteria: tuple[CriterionComparison, ...]
    scores: dict[str, Fraction] | None
    priorities: Priorities | None
    excluded: tuple[Exclusion, ...]


def compare(
    catalog: Catalog,
    models: list[Model],
    priorities: Priorities | None = None,
    *,
    members: Sequence[Priorities] = (),
    left_out: Sequence[Exclusion] = (),
) -> Comparison:
    """Compare MODELS (two or more, distinct) criterion by criterion.

    For a group, MEMBERS are each member's priorities (their `stakeholder_weight` the convener's weight),
    PRIORITIES the group's (as group.py describes it) and LEFT_OUT the group's exclusions: the points are
    the aggregate model's (aggregate.py), 100 x group weight x group utility, which add up to the group score.
    """
    from mcstrat.analyses.ranking import exclusions, problem, weights
    from mcstrat.core.utility import level_utilities, pick

    ids = [m.id for m in models]
    if len(ids) < 2:
        raise InputError("compare needs at least two model ids, e.g. `mcstrat compare sole mooc`")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InputError(f"model {', '.join(repeated)} is named twice; compare distinct models")

    usable: list[bool] | None = None
    if members:
        from mcstrat.analyses.aggregate import aggregate

        # the weights are those of the group's ranking: swing points turned into weights over the ranges of the
        # models it ranks, not of the few compared
        ranked = [m for m in catalog.models if m.id not in {e.model.id for e in left_out}]
        agg = aggregate(
            [problem(catalog, p, models=list(models), weigh_over=ranked) for p in members],
            [p.stakeholder_weight for p in members],
        )
        utils, w, usable = [list(row) for row in agg.utilities], list(agg.weights), list(agg.usable)
        excluded = tuple(e for e in left_out if e.model.id in ids)
    elif priorities is not None:
        dropped = {e.model.id for e in exclusions(catalog, priorities)}
        ranked = [m for m in catalog.models if m.id not in dropped]  # the weights of the ranking (as for a group)
        prob = problem(catalog, priorities, models=list(models), weigh_over=ranked)
        utils = prob.utilities()
        w = weights(prob.importances)
        excluded = tuple(e for e in exclusions(catalog, priorities) if e.model.id in ids)
    rows = []
    for j, crit in enumerate(catalog.criteria):
        ratings = {m.id: m.ratings[crit.id] for m in models}
        utilities: dict[str, Fraction] | None
        points = None
        if priorities is not None:
            targeted = crit.direction == Direction.target and crit.id not in priorities.targets
            unjudged = not usable[j] if usable is not None else targeted
            utilities = None if unjudged else {m.id: utils[i][j] for i, m in enumerate(models)}
            points = {m.id: 100 * w[j] * utils[i][j] for i, m in enumerate(models)}
        elif crit.direction == Direction.target:
            utilities = None
        else:
            levels = level_utilities(crit, None)
            cells = [catalog.rating(m, crit.id) for m in models]
            utilities = {
                m.id: pick((min(levels[r.lo : r.hi + 1]), max(levels[r.lo : r.hi + 1])), RangeMode.midpoint)
                for m, r in zip(models, cells)
            }
        better: tuple[str, ...] = ()
        if utilities is not None and len(set(utilities.values())) > 1:
            best = max(utilities.values())
            better = tuple(mid for mid, u in utilities.items() if u == best)
        rows.append(CriterionComparison(crit, ratings, utilities, better, points))
    scores = None
    if priorities is not None:
        scores = {m.id: sum((r.points[m.id] for r in rows if r.points), Fraction(0)) for m in models}
    return Comparison(tuple(models), tuple(rows), scores, priorities, excluded if priorities is not None else ())

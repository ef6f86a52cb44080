"""The utility of a rated cell, and each criterion's range of utility over the models ranked.

Below core/priorities.py and core/weighting.py, so that stated priorities (swing points, rankings)
can be turned into weights from the ranges without a circle; analyses/ranking.py's docstring gives
the definitions (benefit p, cost 1 - p, target 1 - |p - p(t)|; a ranged cell is
the interval of its levels' utilities, scored by the ``--ranges`` mode).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from mcstrat.core.catalog import Catalog, Criterion, Model, Rating
from mcstrat.core.vocabulary import Direction, RangeMode

Interval = tuple[Fraction, Fraction]


def level_utilities(crit: Criterion, target: int | None, positions: list[Fraction] | None = None) -> list[Fraction]:
    """The utility of each level of CRIT's scale (POSITIONS overrides the scale's own)."""
    pos = positions if positions is not None else crit.positions()
    if crit.direction == Direction.benefit:
        return list(pos)
    if crit.direction == Direction.cost:
        return [1 - p for p in pos]
    if target is None:
        # importance 0 with no target: the criterion plays no part, any constant will do
        return [Fraction(0) for _ in pos]
    return [1 - abs(p - pos[target]) for p in pos]


def cell_interval(levels: list[Fraction], rating: Rating) -> Interval:
    """[worst, best] utility over every level a (possibly ranged) cell covers."""
    covered = levels[rating.lo : rating.hi + 1]
    return min(covered), max(covered)


def pick(interval: Interval, mode: str) -> Fraction:
    """The utility of a cell under a --ranges mode."""
    lo, hi = interval
    if mode == RangeMode.optimistic:
        return hi
    if mode == RangeMode.pessimistic:
        return lo
    return (lo + hi) / 2


def criterion_spans(
    catalog: Catalog, targets: Mapping[str, int], ranges: str, models: Sequence[Model] | None = None
) -> dict[str, Fraction]:
    """Each criterion's range r_c: max - min utility over MODELS (the models ranked; every model in CATALOG when
    None), under TARGETS and RANGES."""
    out: dict[str, Fraction] = {}
    for crit in catalog.criteria:
        levels = level_utilities(crit, targets.get(crit.id))
        values = [pick(cell_interval(levels, catalog.rating(m, crit.id)), ranges) for m in models or catalog.models]
        out[crit.id] = max(values) - min(values)
    return out


def extremes(
    catalog: Catalog, targets: Mapping[str, int], ranges: str, models: Sequence[Model] | None = None
) -> dict[str, tuple[str, str]]:
    """Per criterion, the rating (as written) of a worst and a best model of MODELS (every model when None): the
    swing a person weighs.

    The first model in file order with the lowest (resp. highest) utility is named.
    """
    out: dict[str, tuple[str, str]] = {}
    for crit in catalog.criteria:
        levels = level_utilities(crit, targets.get(crit.id))
        scored = [
            (pick(cell_interval(levels, catalog.rating(m, crit.id)), ranges), catalog.rating(m, crit.id).text)
            for m in models or catalog.models
        ]
        worst = min(scored, key=lambda s: s[0])
        best = max(scored, key=lambda s: s[0])
        out[crit.id] = (worst[1], best[1])
    return out


__all__ = ["Interval", "cell_interval", "criterion_spans", "extremes", "level_utilities", "pick"]

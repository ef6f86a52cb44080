"""Weighted scoring of the business models, exactly, with ties, exclusions and explanations.

Utility of a cell, in [0, 1] with 1 always best. Each scale level has a position p in [0, 1]
(equally spaced unless the models file gives `values`). A benefit criterion's utility is p,
a cost criterion's is 1 - p, and a target criterion's is its fit to the chosen target level t:
1 - |p - p(t)|. A ranged cell (LOW/MED, H2/H3) covers every level between its ends, so its
utility is an interval: [the worst, the best] utility over those levels. `--ranges` picks the
score used: pessimistic (the worst), optimistic (the best) or midpoint (their mean). For
horizon with target H1, H2/H3 is the interval [0, 1/2] and scores 1/4 at midpoint.

Score = 100 x sum(weight x utility), weights being the importances divided by their sum.
Everything is a Fraction, so models that are equally good tie exactly: tied models share the
best rank of their group (1, 2, 2, 4) and keep the order of the models file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple, TypeVar, cast

from mcstrat.core.catalog import Catalog, Criterion, Model, Rating
from mcstrat.core.priorities import Constraint, Priorities, nothing_left, stated_range
from mcstrat.core.priorities import excluded_by as priorities_excluded_by
from mcstrat.core.utility import Interval, cell_interval, criterion_spans, level_utilities, pick
from mcstrat.core.vocabulary import Weighting
from mcstrat.core.weighting import effective_weights, importances_for
from mcstrat.errors import InputError

_T = TypeVar("_T")


class CriterionWeight(NamedTuple):
    """A criterion as used in a ranking: its stated importance and normalised weight."""

    criterion: Criterion
    importance: Fraction
    weight: Fraction
    defaulted: bool
    target: str | None
    # r_c over the models ranked, and e_c = w_c r_c / sum_k w_k r_k (weighting.py)
    span: Fraction = Fraction(0)
    effective: Fraction = Fraction(0)
    # what the person stated: swing points or ROC weight (None for importance answers)
    stated: Fraction | None = None
    # r_c over every model in the models file: above `span` when an exclusion or a limit narrowed the range
    table_span: Fraction = Fraction(0)
    # the range the statement was given as ('3-4': importances or swing points), None for a single number
    ranged: tuple[Fraction, Fraction] | None = None


class Ranked(NamedTuple):
    """One model's place in the ranking, with everything needed to explain it."""

    rank: int
    model: Model
    score: Fraction
    tied: bool
    ratings: dict[str, str]
    utilities: dict[str, Fraction]
    contributions: dict[str, Fraction]


class Exclusion(NamedTuple):
    """A model left out of the ranking, and every reason why."""

    model: Model
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


class RankResult(NamedTuple):
    """The ranking and its explanation: what every renderer draws from."""

    criteria: tuple[CriterionWeight, ...]
    ranking: tuple[Ranked, ...]
    excluded: tuple[Exclusion, ...]
    priorities: Priorities

    @property
    def top(self) -> tuple[Ranked, ...]:
        """Every model sharing rank 1."""
        return tuple(r for r in self.ranking if r.rank == 1)

    def first(self, count: int | None) -> tuple[Ranked, ...]:
        """The first COUNT ranked models (all when None), and any tied with the last of them."""
        if count is None or count >= len(self.ranking):
            return self.ranking
        cut = self.ranking[count - 1].rank
        return tuple(r for r in self.ranking if r.rank <= cut)


class Problem(NamedTuple):
    """The numbers a ranking is made from, for the robustness and stability analyses."""

    criteria: tuple[Criterion, ...]
    importances: tuple[Fraction, ...]
    targets: tuple[int | None, ...]
    models: tuple[Model, ...]
    ratings: tuple[tuple[Rating, ...], ...]  # [model][criterion]
    ranges: str
    # r_c per criterion: max - min utility over the models ranked (see spans())
    spans: tuple[Fraction, ...] = ()
    weighting: Weighting = Weighting.importance  # how the priorities were stated (Priorities.weighting)
    stated: tuple[Fraction, ...] = ()  # what was stated per criterion (Priorities.statement)
    # the interval each statement stands for (Priorities.bounds, core/precision.py); () for a ranking
    bounds: tuple[tuple[Fraction, Fraction], ...] = ()

    def intervals(self, positions: list[list[Fraction]] | None = None) -> list[list[Interval]]:
        """[model][criterion] utility interval of every cell."""
        levels = [
            level_utilities(c, t, positions[j] if positions else None)
            for j, (c, t) in enumerate(zip(self.criteria, self.targets))
        ]
        return [[cell_interval(levels[j], r) for j, r in enumerate(row)] for row in self.ratings]

    def utilities(self) -> list[list[Fraction]]:
        """[model][criterion] utility under the --ranges mode."""
        return [[pick(iv, self.ranges) for iv in row] for row in self.intervals()]


def exclusions(catalog: Catalog, priorities: Priorities) -> list[Exclusion]:
    """Models removed by the priorities' --exclude or broken constraints, with reasons, in file order."""
    return excluded_by(catalog, priorities.exclude, priorities.require)


def excluded_by(catalog: Catalog, exclude: Iterable[str], require: Iterable[Constraint]) -> list[Exclusion]:
    """Models in EXCLUDE (ids) or breaking a constraint in REQUIRE, each with every reason, in file order."""
    reasons = priorities_excluded_by(catalog, exclude, require)
    return [Exclusion(model, reasons[model.id]) for model in catalog.models if model.id in reasons]


#: Work the problems of one decision share (a group's stakeholders): parsed ratings per set of
#: models, spans per (targets, ranges), utilities per (models, targets, ranges). One dict per
#: catalogue, passed to problem() and rank() for every stakeholder; never shared between catalogues.
Shared = dict[tuple[Any, ...], Any]


def _shared(shared: Shared | None, key: tuple[Any, ...], make: Callable[[], _T]) -> _T:
    if shared is None:
        return make()
    if key not in shared:
        shared[key] = make()
    return cast("_T", shared[key])


def problem(
    catalog: Catalog,
    priorities: Priorities,
    models: list[Model] | None = None,
    *,
    shared: Shared | None = None,
    weigh_over: Sequence[Model] | None = None,
) -> Problem:
    """The scoring problem for MODELS (default: those left after exclusions and constraints).

    Swing points and rankings become weights over the ranges of the models ranked: MODELS, or WEIGH_OVER when
    only some of the ranked models are scored (`compare`), so their weights are the ranking's.
    SHARED (see Shared) saves parsing the same ratings and computing the same spans again.
    """
    if models is None:
        dropped = {e.model.id for e in exclusions(catalog, priorities)}
        models = [m for m in catalog.models if m.id not in dropped]
        if not models:
            where = f"{priorities.source}: " if priorities.source else ""
            raise InputError(where + nothing_left(priorities.exclude, priorities.require))
    targets_key = tuple(sorted(priorities.targets.items()))
    chosen = models
    span = _shared(
        shared,
        ("spans", targets_key, priorities.ranges, tuple(m.id for m in models)),
        lambda: spans(catalog, priorities, chosen),
    )
    ratings = _shared(
        shared,
        ("ratings", tuple(m.id for m in models)),
        lambda: tuple(tuple(catalog.rating(m, c.id) for c in catalog.criteria) for m in chosen),
    )
    statement = priorities.statement
    importances = priorities.importances
    if priorities.weighting in (Weighting.swing, Weighting.ranking):
        # the effective weights stated are over the ranges of the models ranked here (a group ranks fewer
        # models than each member's own exclusions leave): the importances giving them, over these ranges
        total = sum(statement.values(), Fraction(0))
        over = span if weigh_over is None else spans(catalog, priorities, weigh_over)
        importances = importances_for({c: v / total for c, v in statement.items()}, over)
    bounds = priorities.bounds
    return Problem(
        criteria=tuple(catalog.criteria),
        importances=tuple(importances[c.id] for c in catalog.criteria),
        targets=tuple(priorities.targets.get(c.id) for c in catalog.criteria),
        models=tuple(models),
        ratings=ratings,
        ranges=priorities.ranges,
        spans=tuple(span[c.id] for c in catalog.criteria),
        weighting=priorities.weighting,
        stated=tuple(statement[c.id] for c in catalog.criteria),
        bounds=tuple(bounds[c.id] for c in catalog.criteria) if bounds is not None else (),
    )


def spans(catalog: Catalog, priorities: Priorities, models: Sequence[Model] | None = None) -> dict[str, Fraction]:
    """Each criterion's range r_c: max - min of the ranking's utility over MODELS (every model in the file when None).

    The utility is the one the ranking uses (after the --ranges mode and the target level), and
    the models are those ranked, after exclusions and hard limits (Keeney: a weight is worth the
    swing between the worst and best of the alternatives actually compared; a model left out
    cannot widen it).
    """
    return criterion_spans(catalog, priorities.targets, priorities.ranges, models)


def weights(importances: tuple[Fraction, ...] | list[Fraction]) -> list[Fraction]:
    """Importances normalised to sum to 1."""
    total = sum(importances, Fraction(0))
    if total <= 0:
        raise InputError("every criterion has importance 0, so nothing can be ranked; give one an importance above 0")
    return [i / total for i in importances]


def competition_ranks(scores: list[Fraction]) -> list[tuple[int, bool]]:
    """(rank, tied) for scores already sorted best first: 1, 2, 2, 4."""
    out: list[tuple[int, bool]] = []
    for i, score in enumerate(scores):
        same_as_previous = i > 0 and scores[i - 1] == score
        tied = same_as_previous or (i + 1 < len(scores) and scores[i + 1] == score)
        out.append((out[-1][0] if same_as_previous else i + 1, tied))
    return out


Row = tuple[Model, dict[str, str], dict[str, Fraction], dict[str, Fraction]]  # ratings, utilities, contributions


def order(rows: list[Row]) -> tuple[Ranked, ...]:
    """Rows in models-file order -> best first, scored by their contributions, ties sharing a rank."""
    scored = sorted(
        ((sum(row[3].values(), Fraction(0)), index, row) for index, row in enumerate(rows)),
        key=lambda item: (-item[0], item[1]),
    )
    places = competition_ranks([score for score, _, _ in scored])
    return tuple(
        Ranked(
            rank=place, model=model, score=score, tied=tied, ratings=ratings, utilities=utils, contributions=contribs
        )
        for (score, _, (model, ratings, utils, contribs)), (place, tied) in zip(scored, places)
    )


def rank(
    catalog: Catalog, priorities: Priorities, models: list[Model] | None = None, *, shared: Shared | None = None
) -> RankResult:
    """Rank the models that survive exclusions and constraints (or exactly MODELS), best first.

    SHARED (see Shared): one dict for every stakeholder of a group, so their common work is done once.
    """
    excluded = exclusions(catalog, priorities)
    prob = problem(catalog, priorities, models, shared=shared)
    w = weights(prob.importances)
    utilities = _shared(
        shared, ("utilities", tuple(m.id for m in prob.models), prob.targets, prob.ranges), prob.utilities
    )
    rows: list[Row] = [
        (
            model,
            {c.id: r.text for c, r in zip(prob.criteria, ratings)},
            {c.id: u for c, u in zip(prob.criteria, utils)},
            {c.id: 100 * wj * u for c, wj, u in zip(prob.criteria, w, utils)},
        )
        for model, ratings, utils in zip(prob.models, prob.ratings, utilities)
    ]
    span = dict(zip(catalog.criterion_ids, prob.spans))
    whole = span if len(prob.models) == len(catalog.models) else spans(catalog, priorities)
    effective = effective_weights(dict(zip(catalog.criterion_ids, w)), span)
    criteria = tuple(
        CriterionWeight(
            criterion=c,
            importance=prob.importances[j],
            weight=wj,
            defaulted=c.id in priorities.defaulted,
            target=c.scale[priorities.targets[c.id]] if c.id in priorities.targets else None,
            span=span[c.id],
            effective=effective[c.id],
            stated=priorities.stated[c.id] if priorities.stated is not None else None,
            table_span=whole[c.id],
            ranged=stated_range(priorities, c.id),
        )
        for j, (c, wj) in enumerate(zip(catalog.criteria, w))
    )
    return RankResult(criteria=criteria, ranking=order(rows), excluded=tuple(excluded), priorities=priorities)


def score_with(prob: Problem, importances: list[Fraction]) -> list[Fraction]:
    """Each model's exact score (0..100) under other IMPORTANCES, in PROB's model order."""
    w = weights(importances)
    return [100 * sum((wj * u for wj, u in zip(w, utils)), Fraction(0)) for utils in prob.utilities()]


def identical_models(problems: Sequence[Problem]) -> tuple[tuple[str, ...], ...]:
    """Groups of two or more models with the same rating on every criterion, in file order."""
    first = problems[0]
    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for mo, row in zip(first.models, first.ratings):
        groups.setdefault(tuple((r.lo, r.hi) for r in row), []).append(mo.id)
    return tuple(tuple(ids) for ids in groups.values() if len(ids) > 1)


def dominance(result: RankResult) -> dict[str, list[str]]:
    """Each dominated model's id -> the ids of the models dominating it, in ranking order, at the ratings as scored.

    Exact Fraction comparisons of the ranking's utilities (ranged cells scored by the --ranges mode; for a
    group, the group's utilities at its present weights) on the criteria that carry weight: a description of
    the ranking as scored, which every ranking reports without importing the LP machinery. What can happen
    is potential.dominated_by's, over the admissible weights and the whole range of every ranged cell.
    """
    weighed = [cw.criterion.id for cw in result.criteria if cw.weight > 0]
    ranked = result.ranking
    out: dict[str, list[str]] = {}
    for b in ranked:
        by = []
        for a in ranked:
            if a is b:
                continue
            pairs = [(a.utilities[c], b.utilities[c]) for c in weighed]
            if all(x >= y for x, y in pairs) and any(x > y for x, y in pairs):
                by.append(a.model.id)
        if by:
            out[b.model.id] = by
    return out


__all__ = [
    "CriterionWeight",
    "Exclusion",
    "Problem",
    "RankResult",
    "Ranked",
    "Shared",
    "competition_ranks",
    "dominance",
    "excluded_by",
    "exclusions",
    "identical_models",
    "order",
    "problem",
    "rank",
    "score_with",
    "spans",
    "weights",
]

"""Why not model X? Where it ranks, what costs it most, and the smallest change of priorities that makes it first.

Definitions, on the aggregate model of aggregate.py (for one person: their normalised weights
and utilities; for a group: the group weights W_c and utilities ū_mc):

- ``rank`` is X's competition rank (1, 2, 2, 4) by exact score; ``gap`` is the winner's score
  minus X's, in points (0 when X is first). ``costs`` are, per criterion, X's contribution minus
  the winner's, 100 W_c (ū_Xc - ū_winner,c): the most negative cost X the most. When X is first,
  the comparison is with the best of the others (and the gap is 0).
- The smallest change is the weight vector W' closest to the stated W in total absolute change
  of normalised weights (L1, ``distance`` = sum_c |W'_c - W_c|, from 0 to 2) under which X
  scores at least as much as every other model (a shared first place counts as first), every
  usable criterion free to move from 0 to 1. It is found as a linear programme (HiGHS, lp.py)
  and confirmed exactly: the weights reported are fractions that sum to 1 and under which X's
  exact score is first; if rounding the solver's answer loses that, it is moved a hair towards
  the weights where X leads most (potential.py), so ``distance`` may exceed the true minimum by
  about 1e-9 at most. At those weights X's lead over the closest rival is 0 (it ties first), and
  any point short of them on the way from the stated weights leaves it behind.
- For one person who gave importances, ``importances`` are the importances giving W' with the
  same total as the stated ones (so a criterion whose weight did not move keeps its importance);
  they may exceed the 0..5 scale, and the views say so.
- A model that cannot rank first under any weights (``possible`` false, ``weights`` None) names
  the models in its way: those dominating it (ranking.dominance) or, failing that, the rivals
  of the exact certificate that no weighting lets it beat all at once.
- ``tied_with`` are the models with exactly its score; ``identical`` those rated the same on
  every criterion (they always score the same, so it can only ever share first place with them);
  ``strictly_dominated_by`` the models of ``dominated_by`` better on every criterion that counts
  (no weighting lets it even tie with them while they are ranked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mcstrat.analyses.aggregate import aggregate
from mcstrat.analyses.lp import solve
from mcstrat.analyses.potential import _LADDER, _Lp, best_lead, rational
from mcstrat.analyses.ranking import Problem, competition_ranks, identical_models
from mcstrat.core.vocabulary import Weighting
from mcstrat.errors import McstratError


@dataclass(frozen=True)
class WhyNot:
    """The answer to "why not MODEL?" (see the module docstring)."""

    model: str
    rank: int
    winner: str  # the model compared with: the first (or, when MODEL is first, the best other)
    gap: Fraction  # points behind the winner, 0 when first
    costs: dict[str, Fraction]  # per criterion: MODEL's contribution minus the winner's, in points
    possible: bool
    distance: Fraction | None  # L1 change of normalised weights; None when impossible
    now: dict[str, Fraction]  # the stated (group) weights
    needed: dict[str, Fraction] | None  # the closest weights that make MODEL first; None when impossible
    importances: dict[str, Fraction] | None  # one person with importance answers: importances giving `needed`
    blocking: tuple[str, ...]  # models in its way when impossible
    dominated_by: tuple[str, ...]
    tied_with: tuple[str, ...] = ()  # other models with exactly its score
    identical: tuple[str, ...] = ()  # other models rated the same on every criterion
    strictly_dominated_by: tuple[str, ...] = ()  # of dominated_by: better on every criterion that counts

    @property
    def tied(self) -> bool:
        """True when another model has exactly its score (the views say "ranks 2=")."""
        return bool(self.tied_with)


def why_not(
    problems: Sequence[Problem], model_id: str, stakeholder_weights: Sequence[Fraction] | None = None
) -> WhyNot:
    """Why MODEL_ID is not first, and the smallest change of weights that would make it first."""
    agg = aggregate(problems, stakeholder_weights)
    ids = list(agg.model_ids)
    m = ids.index(model_id)
    crit = agg.criterion_ids
    scores = agg.scores()
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], i))
    places = dict(zip(order, (r for r, _ in competition_ranks([scores[i] for i in order]))))
    rank = places[m]
    others = [i for i in order if i != m]
    w_idx = order[0] if order[0] != m else (others[0] if others else m)
    gap = max(Fraction(0), scores[w_idx] - scores[m])
    costs = {c: 100 * agg.weights[j] * (agg.utilities[m][j] - agg.utilities[w_idx][j]) for j, c in enumerate(crit)}
    now = dict(zip(crit, agg.weights))
    usable = [j for j in range(len(crit)) if agg.usable[j]]
    dominated_by = tuple(
        ids[k]
        for k in order
        if k != m
        and all(agg.utilities[k][j] >= agg.utilities[m][j] for j in usable)
        and any(agg.utilities[k][j] > agg.utilities[m][j] for j in usable)
    )
    single = len(problems) == 1 and problems[0].weighting == Weighting.importance
    tied_with = tuple(ids[k] for k in order if k != m and scores[k] == scores[m])
    identical = next((tuple(x for x in g if x != model_id) for g in identical_models(problems) if model_id in g), ())
    strictly = tuple(
        other
        for other in dominated_by
        if usable and all(agg.utilities[ids.index(other)][j] > agg.utilities[m][j] for j in usable)
    )

    def result(
        possible: bool, distance: Fraction | None, needed: dict[str, Fraction] | None, blocking: tuple[str, ...]
    ) -> WhyNot:
        imps = None
        if single and needed is not None:
            total = sum(problems[0].importances, Fraction(0))
            imps = {c: total * w for c, w in needed.items()}
        return WhyNot(
            model_id, rank, ids[w_idx], gap, costs, possible, distance, now, needed, imps, blocking, dominated_by,
            tied_with, identical, strictly,
        )  # fmt: skip

    if rank == 1 or not others:
        return result(True, Fraction(0), dict(now), ())
    lp = _Lp(
        criteria=crit, blocks=[(Fraction(1), usable, [list(row) for row in agg.utilities])], orders=[], offsets=[0]
    )
    rivals = [k for k in range(len(ids)) if k != m]
    best = best_lead(lp, m, rivals, ids)
    if not best.possible or best.weights is None:
        return result(False, None, None, dominated_by or best.blocking)

    # minimise sum(p + q) with W = W0 + p - q, sum W = 1, W >= 0, (ū_m - ū_k) . W >= 0 for every rival k
    n = len(usable)
    w0 = [float(agg.weights[j]) for j in usable]
    diffs = [[agg.utilities[m][j] - agg.utilities[k][j] for j in usable] for k in rivals]
    a_ub = [[-float(d) for d in row] + [0.0] * (2 * n) for row in diffs]
    a_eq = []
    for q in range(n):
        row = [0.0] * (3 * n)
        row[q], row[n + q], row[2 * n + q] = 1.0, -1.0, 1.0
        a_eq.append(row)
    a_eq.append([1.0] * n + [0.0] * (2 * n))
    res = solve([0.0] * n + [1.0] * (2 * n), a_ub, [0.0] * len(a_ub), a_eq, [*w0, 1.0], [(0.0, None)] * (3 * n))
    stated = [agg.weights[j] for j in usable]
    target = [best.weights[crit[j]] for j in usable]  # confirmed: X leads (or ties) there

    def first(w: list[Fraction]) -> bool:
        return all(sum((d * x for d, x in zip(row, w)), Fraction(0)) >= 0 for row in diffs)

    chosen: list[Fraction] | None = None
    for den in _LADDER:
        w = rational(list(res.x[:n]), den)
        total = sum(w, Fraction(0))
        if total <= 0:
            continue
        w = [x / total for x in w]
        if first(w) and (chosen is None or _l1(w, stated) < _l1(chosen, stated)):
            chosen = w
    if chosen is None:
        base = [x / sum(rational(list(res.x[:n]), 10**12), Fraction(0)) for x in rational(list(res.x[:n]), 10**12)]
        for beta in (Fraction(1, 10**9), Fraction(1, 10**6), Fraction(1, 10**3), Fraction(1, 10), Fraction(1)):
            w = [(1 - beta) * a + beta * b for a, b in zip(base, target)]
            if first(w):
                chosen = w
                break
    if chosen is None:  # cannot happen: beta = 1 is the confirmed witness
        raise McstratError("why-not could not confirm the weights found; please report this")
    needed = dict.fromkeys(crit, Fraction(0))
    for j, x in zip(usable, chosen):
        needed[crit[j]] = x
    return result(True, _l1(chosen, stated), needed, ())


def _l1(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((abs(x - y) for x, y in zip(a, b)), Fraction(0))


__all__ = ["WhyNot", "why_not"]

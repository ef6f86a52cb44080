"""Weight spaces: the weightings a person's statement admits, for the firmness analyses to sample and search.

Each stakeholder's weights come from one of three spaces (vocabulary.WeightSpace, `--weight-space`):

- ``order`` (the default; SMAA with ordinal preference information, Lahdelma & Salminen): every
  weight vector that keeps the order of what the stakeholder stated. For importance answers that
  is the order of the importances, over the weights w; for swing and ranking answers it is the
  order of the stated swing points or rank weights, over the effective weights e, and
  ``w_c ∝ e_c / r_c`` (r_c the criterion's range over the whole table, Problem.spans). Criteria
  tied in the statement are unordered among themselves; criteria stated at 0 stay 0.
- ``free`` (no preference information, the baseline): all weight vectors of the criteria with a
  non-zero statement.
- ``local`` (a local perturbation): each importance r anywhere in [max(0, r - s), r + s] with s
  the spread (`--spread`), then normalised; importances of 0 stay 0.

Uniform sampling over a weak order (`draw_weights`): draw x uniformly from the simplex of the k
non-zero criteria (normalised standard exponentials, i.e. Dirichlet(1, ..., 1)), sort it in
descending order, give the largest |T1| values to the first tier, the next |T2| to the second,
and so on, in a uniformly random order inside each tier. This is exactly uniform on the
admissible set: the simplex splits (up to a null set) into k! congruent regions, one per strict
order of the coordinates, each of equal volume by symmetry; the admissible set is the union of
the prod_t |T_t|! regions whose order is consistent with the tiers. Sorting maps the uniform
point to a uniform point of the one sorted region (a k!-to-1 measure-preserving map), and the
random permutation inside the tiers then moves it into each consistent region with equal
probability. potential.py searches the same ``order`` and ``free`` spaces with linear programmes.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.analyses.ranking import Problem
from mcstrat.core.vocabulary import Weighting, WeightSpace

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]


def tiers(values: Sequence[Fraction]) -> list[list[int]]:
    """Indices of the non-zero VALUES grouped by equal value, largest first (a weak order)."""
    distinct = sorted({v for v in values if v > 0}, reverse=True)
    return [[j for j, v in enumerate(values) if v == level] for level in distinct]


def order_space(prob: Problem) -> tuple[list[list[int]], list[Fraction]]:
    """The weak order a stakeholder stated and the scale a = r_c (swing, ranking) or 1 (importances).

    Weights w are admissible under ``order`` when a_i w_i >= a_j w_j for i in a higher tier than j
    (for swing and ranking answers, e = a w are the effective weights whose order was stated).
    """
    stated = list(prob.stated) if prob.stated else list(prob.importances)
    if prob.weighting in (Weighting.swing, Weighting.ranking) and prob.spans:
        scale = [r if r > 0 else Fraction(1) for r in prob.spans]
    else:
        scale = [Fraction(1)] * len(stated)
    return tiers(stated), scale


def draw_weights(
    rng: Any, prob: Problem, space: str, spread: float, n: int, tiers_scale: tuple[list[list[int]], list[Fraction]]
) -> Array:
    """N normalised weight vectors of one stakeholder (n x criteria)."""
    import numpy as np

    n_crit = len(prob.criteria)
    out = np.zeros((n, n_crit))
    if space == WeightSpace.local:
        live = [j for j, r in enumerate(prob.importances) if r > 0]
        r = np.array([float(prob.importances[j]) for j in live])
        low = np.maximum(0.0, r - spread)
        drawn = low + (r + spread - low) * rng.random((n, len(live)))
        total = drawn.sum(axis=1)
        # an all-zero draw has probability ~0 (only with every importance <= spread); keep it stated
        bad = total <= 0.0
        if bad.any():
            drawn[bad] = r
            total[bad] = r.sum()
        out[:, live] = drawn / total[:, None]
        return out
    levels, scale = tiers_scale
    live = [j for tier in levels for j in tier]
    k = len(live)
    x = rng.standard_exponential((n, k))
    x /= x.sum(axis=1, keepdims=True)
    if space == WeightSpace.free:
        out[:, live] = x
        return out
    x = np.sort(x, axis=1)[:, ::-1]  # descending
    start = 0
    for tier in levels:  # each tier's values in a uniformly random order: argsort of uniform draws
        size = len(tier)
        if size == 2:  # argsort of two draws, without the sort: swap where the first is larger
            pair = rng.random((n, 2))
            swap = pair[:, 0] > pair[:, 1]  # argsort is stable on two values: equal draws keep the order
            x[swap, start], x[swap, start + 1] = x[swap, start + 1], x[swap, start]
        elif size > 1:
            block = x[:, start : start + size]
            x[:, start : start + size] = np.take_along_axis(block, np.argsort(rng.random((n, size)), axis=1), axis=1)
        start += size
    out[:, live] = x
    if any(a != 1 for a in scale):
        out /= np.array([float(a) for a in scale])  # e_c -> w_c ∝ e_c / r_c
        out /= out.sum(axis=1, keepdims=True)
    return out


__all__ = ["draw_weights", "order_space", "tiers"]

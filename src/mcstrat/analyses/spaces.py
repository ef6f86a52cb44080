"""Weight spaces: the weightings a person's statement admits, for the firmness analyses to sample and search.

Each stakeholder's weights come from one of four spaces (vocabulary.WeightSpace, `--weight-space`):

- ``stated`` (the default: what the person said, as precisely as they said it): each statement
  anywhere in the interval it stands for (core/precision.py: an importance 3 is 2.5-3.5, a range
  3-4 is itself, swing points ±5, 0 stays 0), uniformly and independently, then normalised
  (importances: ``w = r / sum r``) or turned into weights through the ranges (swing points:
  effective weights ``e = p / sum p``, so ``w_c ∝ p_c / r_c``). A ranking states an order only,
  so for ranking answers ``stated`` is ``order``.
- ``order`` (SMAA with ordinal preference information, Lahdelma & Salminen): every
  weight vector that keeps the order of what the stakeholder stated. For importance answers that
  is the order of the importances, over the weights w; for swing and ranking answers it is the
  order of the stated swing points or rank weights, over the effective weights e, and
  ``w_c ∝ e_c / r_c`` (r_c the criterion's range over the whole table, Problem.spans). Criteria
  tied in the statement are unordered among themselves; criteria stated at 0 stay 0.
- ``free`` (no preference information, the baseline): all weight vectors of the criteria with a
  non-zero statement.
- ``local`` (a local perturbation): each importance r anywhere in [max(0, r - s), r + s] with s
  the spread (`--spread`), then normalised; importances of 0 stay 0.

Uniform sampling over a weak order (`map_weights`): draw x uniformly from the simplex of the k
non-zero criteria (normalised standard exponentials, i.e. Dirichlet(1, ..., 1)), sort it in
descending order, give the largest |T1| values to the first tier, the next |T2| to the second,
and so on, in a uniformly random order inside each tier. This is exactly uniform on the
admissible set: the simplex splits (up to a null set) into k! congruent regions, one per strict
order of the coordinates, each of equal volume by symmetry; the admissible set is the union of
the prod_t |T_t|! regions whose order is consistent with the tiers. Sorting maps the uniform
point to a uniform point of the one sorted region (a k!-to-1 measure-preserving map), and the
random permutation inside the tiers then moves it into each consistent region with equal
probability. potential.py searches the same spaces with linear programmes (``stated`` and ``local`` as the
boxes `box` gives).

One draw per sample for everyone (`draw`): each sample draws one standard exponential E_c and one
uniform U_c per criterion (for ``local`` one uniform U_c per criterion), and every stakeholder maps
that one draw through their own space (``stated``: each statement low_c + (high_c - low_c) U_c, so
members who state the same interval get the same number in every sample; ``order`` and ``free``: x =
E[live] / sum(E[live]) over their own non-zero criteria, sorted into their own tiers, the order
inside a tier given by the ranks of U over the tier's criteria (``local``: each importance
max(0, r - s) + (r + s - max(0, r - s)) U_c). Each stakeholder's weights are still exactly uniform on their
own admissible set: E[live] are i.i.d. standard exponentials, so x is Dirichlet(1) on their simplex;
the U of different tiers are disjoint i.i.d. uniforms independent of E, so the ranks inside each
tier are a uniformly random permutation, independent between tiers and of x: the argument above,
word for word. Only the joint law across stakeholders changes: the imprecision of a statement is
drawn once, as a ranged cell is, so stakeholders who state the same thing get the same weights in
every sample, and a group of identical stakeholders is exactly as certain as one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

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


class Draw(NamedTuple):
    """One sample block's shared random numbers: per sample, one exponential and one uniform per criterion."""

    exponential: Array  # n x criteria (None-like empty for local)
    uniform: Array  # n x criteria


def draw(rng: Any, space: str, n: int, n_crit: int) -> Draw:
    """N samples of the numbers every stakeholder maps through their own space (one draw per sample)."""
    import numpy as np

    if space == WeightSpace.local:
        return Draw(np.zeros((n, 0)), rng.random((n, n_crit)))
    return Draw(rng.standard_exponential((n, n_crit)), rng.random((n, n_crit)))


def box(prob: Problem, space: str, spread: float = 0.0) -> tuple[list[Fraction], list[Fraction], list[Fraction]] | None:
    """The box a ``stated`` or ``local`` space draws each statement from: (low, high, scale a) per criterion, with
    weights ``w_c ∝ x_c / a_c`` for x in the box; None for a space that is not a box (a ranking's ``stated`` too).

    ``stated``: the statements' intervals (Problem.bounds), a = 1 for importances and the range r_c for swing
    points (effective weights proportional to the points). ``local``: each importance r within [max(0, r - s),
    r + s] (0 stays 0), a = 1."""
    n_crit = len(prob.criteria)
    if space == WeightSpace.local:
        spread_ = Fraction(spread)
        return (
            [max(Fraction(0), r - spread_) if r > 0 else Fraction(0) for r in prob.importances],
            [r + spread_ if r > 0 else Fraction(0) for r in prob.importances],
            [Fraction(1)] * n_crit,
        )
    if space != WeightSpace.stated or prob.weighting == Weighting.ranking or not prob.bounds:
        return None
    scale = [Fraction(1)] * n_crit
    if prob.weighting == Weighting.swing:
        scale = [r if r > 0 else Fraction(1) for r in prob.spans]
    return [lo for lo, _ in prob.bounds], [hi for _, hi in prob.bounds], scale


def sampled_space(prob: Problem, space: str) -> str:
    """The space PROB's weights are really drawn from: a ranking's ``stated`` is ``order``."""
    if space == WeightSpace.stated and (prob.weighting == Weighting.ranking or not prob.bounds):
        return WeightSpace.order
    return space


def map_weights(
    drawn: Draw, prob: Problem, space: str, spread: float, tiers_scale: tuple[list[list[int]], list[Fraction]]
) -> Array:
    """One stakeholder's normalised weight vectors (n x criteria) from the shared DRAWN numbers."""
    import numpy as np

    n, n_crit = drawn.uniform.shape
    out = np.zeros((n, n_crit))
    space = sampled_space(prob, space)
    if space == WeightSpace.stated:
        found = box(prob, space)
        assert found is not None
        lows, highs, scale = found
        live = [j for j in range(n_crit) if highs[j] > 0]
        low = np.array([float(lows[j]) for j in live])
        high = np.array([float(highs[j]) for j in live])
        scales = np.array([float(scale[j]) for j in live])
        picked = (low + (high - low) * drawn.uniform[:, live]) / scales
        total = picked.sum(axis=1)
        bad = total <= 0.0  # only when every live interval starts at 0 and each draw is 0: probability ~0
        if bad.any():
            picked[bad] = (low + high) / 2 / scales
            total[bad] = picked[bad].sum(axis=1)
        out[:, live] = picked / total[:, None]
        return out
    if space == WeightSpace.local:
        live = [j for j, r in enumerate(prob.importances) if r > 0]
        r = np.array([float(prob.importances[j]) for j in live])
        low = np.maximum(0.0, r - spread)
        picked = low + (r + spread - low) * drawn.uniform[:, live]
        total = picked.sum(axis=1)
        # an all-zero draw has probability ~0 (only with every importance <= spread); keep it stated
        bad = total <= 0.0
        if bad.any():
            picked[bad] = r
            total[bad] = r.sum()
        out[:, live] = picked / total[:, None]
        return out
    levels, scale = tiers_scale
    live = sorted(j for tier in levels for j in tier)
    x = drawn.exponential[:, live]
    x = x / x.sum(axis=1, keepdims=True)
    if space == WeightSpace.free:
        out[:, live] = x
        return out
    x = np.sort(x, axis=1)[:, ::-1]  # descending
    start = 0
    for tier in levels:  # the tier's values go to its criteria in the order of their uniforms
        size = len(tier)
        block = x[:, start : start + size]
        if size == 1:
            out[:, tier[0]] = block[:, 0]
        elif size == 2:  # the ranks of two uniforms without sorting: the larger takes the larger value
            first = drawn.uniform[:, tier[0]] >= drawn.uniform[:, tier[1]]  # a stable sort keeps equals in order
            out[:, tier[0]] = np.where(first, block[:, 0], block[:, 1])
            out[:, tier[1]] = np.where(first, block[:, 1], block[:, 0])
        else:
            # the criterion whose uniform ranks r-th (descending, stable) takes the r-th largest value
            ranks = np.argsort(np.argsort(-drawn.uniform[:, tier], axis=1, kind="stable"), axis=1, kind="stable")
            out[:, tier] = np.take_along_axis(block, ranks, axis=1)
        start += size
    if any(a != 1 for a in scale):
        out /= np.array([float(a) for a in scale])  # e_c -> w_c ∝ e_c / r_c
        out /= out.sum(axis=1, keepdims=True)
    return out


__all__ = ["Draw", "box", "draw", "map_weights", "order_space", "sampled_space", "tiers"]

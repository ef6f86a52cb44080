"""What can win at all: dominance (exact, no solver) and potential optimality (linear programmes).

Dominance. Model b is dominated by model a when a is at least as good as b on every criterion
that carries weight in the ranking and better on at least one, comparing the ranking's exact
utilities (after the --ranges mode and target levels; for a group, the group's utilities of
aggregate.py over the criteria the group weighs). It needs only Fraction comparisons, so every
ranking reports it at no cost and without numpy or scipy.

Potential optimality. Model m can rank first under a weight space when some admissible weights
give it a score at least as high as every rival's. Its ``margin`` is the largest lead over the
best rival that any admissible weights give, in score points (0..100): max over admissible
weights of min over rivals of (score_m - score_rival). A positive margin: m can win outright; 0:
it can at best tie; negative: it cannot rank first. The admissible weights are those of
robustness.py's spaces, for every stakeholder at once (the group score is linear in all of
them): ``free`` (any weights on the criteria with a non-zero statement) and ``order`` (weights
keeping the stated order; for swing and ranking answers the order of the effective weights).

It is one linear programme per model and space, solved with scipy's HiGHS, and confirmed
exactly: the witness weights are turned into fractions (normalised exactly, their order checked)
and re-scored in Fractions, and a model reported unable to win carries an exact dual
certificate: a mix of rivals y and order multipliers z with sum_s max_c (D^T y + G^T z)_sc < 0,
which bounds every admissible weighting's lead below zero. The reported ``weights`` are the
group's (W_c = sum_s λ_s w_sc) at the witness, None when the model cannot rank first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.aggregate import check_group
from mcstrat.engine import Problem
from mcstrat.errors import McstratError

if TYPE_CHECKING:
    from mcstrat.engine import RankResult

SPACES = ("free", "order")
#: Denominators tried when turning a floating-point witness into fractions.
_LADDER = (10**3, 10**6, 10**9, 10**12)


def dominance(result: RankResult) -> dict[str, list[str]]:
    """Each dominated model's id -> the ids of the models dominating it, in ranking order."""
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


@dataclass(frozen=True)
class Potential:
    """Whether a model can rank first under one weight space, its best lead and the weights giving it."""

    possible: bool
    margin: float  # score points; exact when confirmed
    weights: dict[str, Fraction] | None  # the group's weights at the witness; None if impossible
    confirmed: bool = True  # False only if neither the witness nor a certificate could be checked exactly
    blocking: tuple[str, ...] = ()  # rivals in the certificate that it cannot win (the models in its way)


@dataclass
class _Lp:
    """One decision's weights as LP variables: one block per stakeholder type."""

    criteria: tuple[str, ...]
    blocks: list[tuple[Fraction, list[int], list[list[Fraction]]]]  # (share, live criteria, utilities[m][c])
    orders: list[tuple[int, Fraction, int, Fraction]]  # (i, a_i, j, a_j): a_i x_i - a_j x_j >= 0
    offsets: list[int]  # first variable of each block

    @property
    def size(self) -> int:
        return self.offsets[-1] + len(self.blocks[-1][1]) if self.blocks else 0

    def diff_rows(self, m: int, rivals: Sequence[int]) -> list[list[Fraction]]:
        """Exact coefficients of score_m - score_k (0..1 scale) per rival k, over the variables."""
        rows = []
        for k in rivals:
            row = []
            for share, live, utils in self.blocks:
                row += [share * (utils[m][c] - utils[k][c]) for c in live]
            rows.append(row)
        return rows

    def order_rows(self) -> list[list[Fraction]]:
        rows = []
        for i, ai, j, aj in self.orders:
            row = [Fraction(0)] * self.size
            row[i] = ai
            row[j] = -aj
            rows.append(row)
        return rows

    def group_weights(self, x: Sequence[Fraction]) -> dict[str, Fraction]:
        out = dict.fromkeys(self.criteria, Fraction(0))
        for (share, live, _), start in zip(self.blocks, self.offsets):
            for q, c in enumerate(live):
                out[self.criteria[c]] += share * x[start + q]
        return out


def _program(problems: Sequence[Problem], shares: Sequence[Fraction], space: str) -> _Lp:
    """The LP variables of SPACE for PROBLEMS, identical stakeholders merged (their mix is admissible too)."""
    from mcstrat.robustness import order_space

    first = problems[0]
    merged: dict[Any, tuple[Fraction, list[int], list[list[Fraction]], list[list[int]], list[Fraction]]] = {}
    for prob, share in zip(problems, shares):
        levels, scale = order_space(prob)
        live = [j for tier in levels for j in tier]
        live.sort()
        utils = prob.utilities()
        key = (
            (tuple(live), tuple(prob.targets), prob.ranges)
            if space == "free"
            else (tuple(tuple(t) for t in levels), tuple(scale), tuple(prob.targets), prob.ranges)
        )
        if key in merged:
            old = merged[key]
            merged[key] = (old[0] + share, *old[1:])
        else:
            merged[key] = (share, live, utils, levels, scale)
    lp = _Lp(criteria=tuple(c.id for c in first.criteria), blocks=[], orders=[], offsets=[])
    start = 0
    for share, live, utils, levels, scale in merged.values():
        lp.blocks.append((share, live, utils))
        lp.offsets.append(start)
        if space == "order":
            var = {c: start + q for q, c in enumerate(live)}
            for upper, lower in itertools.pairwise(levels):
                for i in upper:
                    for j in lower:
                        lp.orders.append((var[i], scale[i], var[j], scale[j]))
        start += len(live)
    return lp


def _linprog(c: list[float], a_ub: list[list[float]], b_ub: list[float], a_eq: list[list[float]], b_eq: list[float],
             bounds: list[tuple[float | None, float | None]]) -> Any:  # fmt: skip
    from scipy.optimize import linprog

    res = linprog(c, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise McstratError(f"the linear programme solver failed ({res.message}); please report this")
    return res


def rational(values: Sequence[float], denominator: int) -> list[Fraction]:
    """Non-negative VALUES as fractions with at most DENOMINATOR, unnormalised."""
    return [max(Fraction(0), Fraction(v).limit_denominator(denominator)) for v in values]


def _block_normalise(lp: _Lp, x: list[Fraction]) -> list[Fraction] | None:
    out = list(x)
    for (_, live, _), start in zip(lp.blocks, lp.offsets):
        total = sum(out[start : start + len(live)], Fraction(0))
        if total <= 0:
            return None
        for q in range(len(live)):
            out[start + q] /= total
    return out


def _value(rows: list[list[Fraction]], x: Sequence[Fraction]) -> Fraction:
    return min(sum((a * b for a, b in zip(row, x) if a and b), Fraction(0)) for row in rows)


def _certify_witness(
    lp: _Lp, diffs: list[list[Fraction]], orders: list[list[Fraction]], floats: Sequence[float]
) -> tuple[Fraction, list[Fraction]] | None:
    """The best exact lead among the witness's rational roundings that keep every constraint."""
    best: tuple[Fraction, list[Fraction]] | None = None
    for den in _LADDER:
        x = _block_normalise(lp, rational(floats, den))
        if x is None:
            continue
        if any(sum((a * b for a, b in zip(row, x) if a), Fraction(0)) < 0 for row in orders):
            continue
        lead = _value(diffs, x)
        if best is None or lead > best[0]:
            best = (lead, x)
    return best


def _certify_bound(
    lp: _Lp, diffs: list[list[Fraction]], orders: list[list[Fraction]], y: Sequence[float], z: Sequence[float]
) -> Fraction | None:
    """An exact upper bound on the lead from dual multipliers Y (rivals) and Z (orders), or None."""
    for den in _LADDER:
        ys = rational(y, den)
        total = sum(ys, Fraction(0))
        if total <= 0:
            continue
        ys = [v / total for v in ys]
        zs = [v / total for v in rational(z, den)]
        col = [Fraction(0)] * lp.size
        for weight, row in zip(ys, diffs):
            if weight:
                for v, a in enumerate(row):
                    col[v] += weight * a
        for weight, row in zip(zs, orders):
            if weight:
                for v, a in enumerate(row):
                    col[v] += weight * a
        bound = sum(
            (max(col[start : start + len(live)]) for (_, live, _), start in zip(lp.blocks, lp.offsets)), Fraction(0)
        )
        if bound < 0:
            return bound
    return None


def best_lead(lp: _Lp, m: int, rivals: Sequence[int], ids: Sequence[str]) -> Potential:
    """Potential optimality of model M against RIVALS under LP's admissible weights."""
    if not rivals:
        x = [Fraction(0)] * lp.size
        for (_, live, _), start in zip(lp.blocks, lp.offsets):
            for q in range(len(live)):
                x[start + q] = Fraction(1, len(live))
        return Potential(True, 0.0, lp.group_weights(x))
    diffs = lp.diff_rows(m, rivals)
    orders = lp.order_rows()
    n = lp.size
    # variables: x (n), t; maximise t
    a_ub = [[-float(a) for a in row] + [1.0] for row in diffs] + [[-float(a) for a in row] + [0.0] for row in orders]
    b_ub = [0.0] * len(a_ub)
    a_eq = []
    for (_, live, _), start in zip(lp.blocks, lp.offsets):
        row = [0.0] * (n + 1)
        for q in range(len(live)):
            row[start + q] = 1.0
        a_eq.append(row)
    res = _linprog([0.0] * n + [-1.0], a_ub, b_ub, a_eq, [1.0] * len(a_eq), [(0.0, None)] * n + [(None, None)])
    t = -float(res.fun)
    witness = _certify_witness(lp, diffs, orders, list(res.x[:n]))
    if witness is not None and witness[0] >= 0:
        return Potential(True, float(100 * witness[0]), lp.group_weights(witness[1]))
    marg = [-float(v) for v in res.ineqlin.marginals]
    y, z = marg[: len(diffs)], marg[len(diffs) :]
    bound = _certify_bound(lp, diffs, orders, y, z)
    blocking = tuple(ids[k] for k, v in zip(rivals, y) if v > 1e-9)
    if bound is not None:
        return Potential(False, 100 * t, None, blocking=blocking)
    return Potential(
        t >= 0,
        100 * t,
        lp.group_weights(witness[1]) if witness and t >= 0 else None,
        confirmed=False,
        blocking=blocking,
    )


def potential(
    problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None
) -> dict[str, dict[str, Potential]]:
    """Per model id, per weight space (free, order): can it rank first, by how much, with which weights."""
    shares = check_group(problems, stakeholder_weights)
    ids = [mo.id for mo in problems[0].models]
    out: dict[str, dict[str, Potential]] = {mid: {} for mid in ids}
    for space in SPACES:
        lp = _program(problems, shares, space)
        for m, mid in enumerate(ids):
            rivals = [k for k in range(len(ids)) if k != m]
            out[mid][space] = best_lead(lp, m, rivals, ids)
    return out


__all__ = ["SPACES", "Potential", "best_lead", "dominance", "potential", "rational"]

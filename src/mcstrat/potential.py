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
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

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
    """One decision's weights as LP variables: one block of criteria per stakeholder (type)."""

    criteria: tuple[str, ...]
    blocks: list[tuple[Fraction, list[int], list[list[Fraction]]]]  # (share, live criteria, utilities[m][c])
    orders: list[tuple[int, Fraction, int, Fraction]]  # (i, a_i, j, a_j): a_i x_i - a_j x_j >= 0
    offsets: list[int]  # first variable of each block
    _exact: Any = None

    @property
    def size(self) -> int:
        return self.offsets[-1] + len(self.blocks[-1][1]) if self.blocks else 0

    def exact(self) -> _Exact:
        """Integer forms of the coefficients (built once): exact checks in int arithmetic, floats for the solver."""
        if self._exact is None:
            self._exact = _Exact(self)
        return cast("_Exact", self._exact)

    def group_weights(self, x: Sequence[Fraction]) -> dict[str, Fraction]:
        out = dict.fromkeys(self.criteria, Fraction(0))
        for (share, live, _), start in zip(self.blocks, self.offsets):
            for q, c in enumerate(live):
                out[self.criteria[c]] += share * x[start + q]
        return out


class _Exact:
    """An LP's data as integers: share x utility x Q per model and variable, order scales x A per order row."""

    def __init__(self, lp: _Lp) -> None:
        import numpy as np

        n_models = len(lp.blocks[0][2]) if lp.blocks else 0
        # share x utility as integers over Q = lcm(share denominators) x lcm(utility denominators)
        ls = math.lcm(1, *(share.denominator for share, _, _ in lp.blocks))
        lu = math.lcm(
            1, *(utils[m][c].denominator for _, live, utils in lp.blocks for m in range(n_models) for c in live)
        )
        self.q = ls * lu
        shares = [int(share * ls) for share, _, _ in lp.blocks]
        self.u = [
            [s_int * int(utils[m][c] * lu) for s_int, (_, live, utils) in zip(shares, lp.blocks) for c in live]
            for m in range(n_models)
        ]  # [model][variable]
        self.uf = np.array(self.u, dtype=float) / self.q if self.u else np.zeros((0, 0))
        scales = {a.denominator for o in lp.orders for a in (o[1], o[3])}
        self.ad = math.lcm(*scales) if scales else 1
        self.orders = [(i, int(ai * self.ad), j, int(aj * self.ad)) for i, ai, j, aj in lp.orders]
        g = np.zeros((len(lp.orders), lp.size))
        for row, (i, ai, j, aj) in enumerate(lp.orders):
            g[row, i] += float(ai)
            g[row, j] -= float(aj)
        self.gf = g
        self.blocks = [(start, len(live)) for (_, live, _), start in zip(lp.blocks, lp.offsets)]
        # per block, its orders grouped top-down for the repair of rounded witnesses
        self.block_orders: list[list[tuple[int, int, int, int]]] = [[] for _ in self.blocks]
        for o in self.orders:
            for b, (start, n) in enumerate(self.blocks):
                if start <= o[0] < start + n:
                    self.block_orders[b].append(o)

    def witness(self, x: Sequence[float], den: int) -> list[int] | None:
        """X rounded to integers over DEN per block, repaired to keep every order exactly (or None)."""
        n = [max(0, round(v * den)) for v in x]
        for b, (start, size) in enumerate(self.blocks):
            # orders run between consecutive tiers, listed top tier first: one pass down keeps them all
            for i, ai, j, aj in self.block_orders[b]:
                if ai * n[i] < aj * n[j]:
                    n[j] = (ai * n[i]) // aj
            if sum(n[start : start + size]) <= 0:
                return None
        return n

    def leads(self, n: Sequence[int], m: int, rivals: Sequence[int]) -> Fraction:
        """The exact smallest lead (0..1 scale) of model M over RIVALS at the integer witness N."""
        totals = [sum(n[start : start + size]) for start, size in self.blocks]
        common = math.prod(totals)  # every lead over this one denominator: integer arithmetic only
        cofactors = [common // t for t in totals]
        um = self.u[m]
        best: int | None = None
        for k in rivals:
            uk = self.u[k]
            lead = 0
            for (start, size), cof in zip(self.blocks, cofactors):
                part = sum(n[v] * (um[v] - uk[v]) for v in range(start, start + size) if n[v])
                if part:
                    lead += part * cof
            if best is None or lead < best:
                best = lead
        return Fraction(best or 0, common * self.q)

    def weights(self, n: Sequence[int]) -> list[Fraction]:
        out: list[Fraction] = []
        for start, size in self.blocks:
            total = sum(n[start : start + size])
            out += [Fraction(v, total) for v in n[start : start + size]]
        return out

    def bound(self, m: int, rivals: Sequence[int], y: Sequence[float], z: Sequence[float], den: int) -> bool:
        """True when multipliers Y, Z (rounded over DEN) prove exactly that M cannot lead every rival."""
        ys = [max(0, round(v * den)) for v in y]
        if sum(ys) <= 0:
            return False
        zs = [max(0, round(v * den)) for v in z]
        size = len(self.u[m])
        col = [0] * size
        um = self.u[m]
        for k, yk in zip(rivals, ys):
            if yk:
                uk = self.u[k]
                for v in range(size):
                    col[v] += self.ad * yk * (um[v] - uk[v])
        for (i, ai, j, aj), zk in zip(self.orders, zs):
            if zk:
                col[i] += self.q * zk * ai
                col[j] -= self.q * zk * aj
        return sum(max(col[start : start + n]) for start, n in self.blocks) < 0


def _program(problems: Sequence[Problem], shares: Sequence[Fraction], space: str) -> _Lp:
    """The LP variables of SPACE for PROBLEMS, identical stakeholders merged (their mix is admissible too)."""
    from mcstrat.aggregate import utilities_of
    from mcstrat.robustness import order_space

    first = problems[0]
    merged: dict[Any, tuple[Fraction, list[int], list[list[Fraction]], list[list[int]], list[Fraction]]] = {}
    for prob, share, utils in zip(problems, shares, utilities_of(problems)):
        levels, scale = order_space(prob)
        live = sorted(j for tier in levels for j in tier)
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


def _linprog(c: Any, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any, bounds: Any) -> Any:
    from scipy.optimize import linprog

    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise McstratError(f"the linear programme solver failed ({res.message}); please report this")
    return res


def rational(values: Sequence[float], denominator: int) -> list[Fraction]:
    """Non-negative VALUES as fractions with at most DENOMINATOR, unnormalised."""
    return [max(Fraction(0), Fraction(v).limit_denominator(denominator)) for v in values]


def best_lead(lp: _Lp, m: int, rivals: Sequence[int], ids: Sequence[str]) -> Potential:
    """Potential optimality of model M against RIVALS under LP's admissible weights."""
    import numpy as np

    n = lp.size
    ex = lp.exact()
    if not rivals:
        even = [1] * n
        return Potential(True, 0.0, lp.group_weights(ex.weights(even)))
    # variables: x (n), t; maximise t subject to (U_m - U_k) x >= t, G x >= 0, each block summing to 1
    diff = ex.uf[m][None, :] - ex.uf[list(rivals)]
    a_ub = np.vstack([
        np.hstack([-diff, np.ones((len(rivals), 1))]),
        np.hstack([-ex.gf, np.zeros((len(lp.orders), 1))]),
    ])  # fmt: skip
    a_eq = np.zeros((len(ex.blocks), n + 1))
    for b, (start, size) in enumerate(ex.blocks):
        a_eq[b, start : start + size] = 1.0
    c = np.zeros(n + 1)
    c[-1] = -1.0
    res = _linprog(c, a_ub, np.zeros(len(a_ub)), a_eq, np.ones(len(ex.blocks)), [(0.0, None)] * n + [(None, None)])
    t = -float(res.fun)
    x = list(res.x[:n])
    for den in _LADDER:
        witness = ex.witness(x, den)
        if witness is None:
            continue
        lead = ex.leads(witness, m, rivals)
        if lead >= 0:
            return Potential(True, float(100 * lead), lp.group_weights(ex.weights(witness)))
    marg = [-float(v) for v in res.ineqlin.marginals]
    y, z = marg[: len(rivals)], marg[len(rivals) :]
    blocking = tuple(ids[k] for k, v in zip(rivals, y) if v > 1e-9)
    if any(ex.bound(m, rivals, y, z, den) for den in _LADDER):
        return Potential(False, 100 * t, None, blocking=blocking)
    # neither side confirmed exactly (a tie the rounding cannot reach): report the solver's verdict
    return Potential(t >= 0, 100 * max(t, 0.0) if t >= 0 else 100 * t, None, confirmed=False, blocking=blocking)


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

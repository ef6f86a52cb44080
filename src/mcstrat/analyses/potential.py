"""What can win at all: dominance (exact, no solver) and potential optimality (linear programmes).

Dominance. Model b is dominated by model a when a is at least as good as b on every criterion
that carries weight in the ranking and better on at least one, comparing the ranking's exact
utilities (after the --ranges mode and target levels; for a group, the group's utilities of
aggregate.py over the criteria the group weighs, at the group's present weights: when
stakeholders plan for different target levels, other weights change whose utilities count, so
only for one person does dominance imply "at best a tie"). It needs only Fraction comparisons, so every
ranking reports it at no cost and without numpy or a solver.

Potential optimality. Model m can rank first under a weight space when some admissible weights
give it a score at least as high as every rival's. Its ``margin`` is the largest lead over the
best rival that any admissible weights give, in score points (0..100): max over admissible
weights of min over rivals of (score_m - score_rival). A positive margin: m can win outright; 0:
it can at best tie; negative: it cannot rank first. The admissible weights are those of
robustness.py's spaces, for every stakeholder at once (the group score is linear in all of
them), with the ranking's utilities (ranged cells scored by the --ranges mode, not sampled):
``free`` (any weights on the criteria with a non-zero statement) and ``order`` (weights
keeping the stated order; for swing and ranking answers the order of the effective weights).

It is one linear programme per model and space, solved with HiGHS (lp.py), and confirmed
exactly: the witness weights are turned into fractions (normalised exactly, their order checked)
and re-scored in Fractions, and a model reported unable to win carries an exact dual
certificate: a mix of rivals y and order multipliers z with sum_s max_c (D^T y + G^T z)_sc < 0,
which bounds every admissible weighting's lead below zero. The reported ``weights`` are the
group's (W_c = sum_s λ_s w_sc) at the witness, None when the model cannot rank first.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from mcstrat.analyses.ranking import Problem
from mcstrat.core.vocabulary import WeightSpace
from mcstrat.errors import InputError

SPACES = (WeightSpace.free, WeightSpace.order)
#: Denominators tried when turning a floating-point witness into fractions.
_LADDER = (10**9, 10**12, 10**6, 10**3)


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
    # order space: per block, its tiers of variables (top first), and each variable's scale a
    tiers: list[list[list[int]]] | None = None
    scale: list[Fraction] | None = None

    @property
    def size(self) -> int:
        return self.offsets[-1] + len(self.blocks[-1][1]) if self.blocks else 0

    def exact(self) -> _Exact:
        """Integer forms of the coefficients (built once): exact checks in int arithmetic, floats for the solver."""
        if self._exact is None:
            self._exact = _Exact(self)
        return cast("_Exact", self._exact)

    def group_weights(self, x: Sequence[Fraction]) -> dict[str, Fraction]:
        sums: dict[int, Fraction] = {}
        for (share, live, _), start in zip(self.blocks, self.offsets):
            for q, c in enumerate(live):
                if x[start + q]:
                    sums[c] = sums.get(c, Fraction(0)) + share * x[start + q]
        return {cid: sums.get(c, Fraction(0)) for c, cid in enumerate(self.criteria)}


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
        # stakeholders share utility tables (aggregate.utilities_of): each criterion's integers once per table
        scaled: dict[tuple[int, int], list[int]] = {}
        columns = []
        for s_int, (_, live, utils) in zip(shares, lp.blocks):
            for c in live:
                key = (id(utils), c)
                if key not in scaled:
                    scaled[key] = [int(utils[m][c] * lu) for m in range(n_models)]
                columns.append((s_int, scaled[key]))
        self.u = [[s_int * col[m] for s_int, col in columns] for m in range(n_models)]  # [model][variable]
        if self.q.bit_length() < 1000:  # the solver's floats as they always were (same witnesses, same output)
            self.uf = np.array(self.u, dtype=float) / self.q if self.u else np.zeros((0, 0))
        else:  # Q past 1e308 (a group's exact utilities of hundreds of digits): each u / Q, correctly rounded
            self.uf = np.array([[v / self.q for v in row] for row in self.u], dtype=float)
        scales = {a.denominator for o in lp.orders for a in (o[1], o[3])}
        self.ad = math.lcm(*scales) if scales else 1
        self.orders = [(i, int(ai * self.ad), j, int(aj * self.ad)) for i, ai, j, aj in lp.orders]
        g = np.zeros((len(lp.orders), lp.size))
        for row, (i, ai, j, aj) in enumerate(lp.orders):
            g[row, i] += float(ai)
            g[row, j] -= float(aj)
        self.gf = g
        self.blocks = [(start, len(live)) for (_, live, _), start in zip(lp.blocks, lp.offsets)]
        self.generators: _Generators | None = None  # the order space's generator form, built once
        # per block, its orders grouped top-down for the repair of rounded witnesses
        self.block_orders: list[list[tuple[int, int, int, int]]] = [[] for _ in self.blocks]
        for o in self.orders:
            for b, (start, n) in enumerate(self.blocks):
                if start <= o[0] < start + n:
                    self.block_orders[b].append(o)

    def witness(self, x: Sequence[float], den: int) -> list[int] | None:
        """X rounded to integers over DEN (DEN < 0: snapped to fractions up to -DEN) per block, repaired to keep
        every order exactly (or None)."""
        if den > 0:
            n = [max(0, round(v * den)) for v in x]
        else:  # snap to the simplest nearby fractions (a tie at 1/3 needs them), on one denominator per block
            snapped = rational(x, -den)
            n = [0] * len(snapped)
            for start, size in self.blocks:
                common = math.lcm(1, *(f.denominator for f in snapped[start : start + size]))
                for v in range(start, start + size):
                    n[v] = int(snapped[v] * common)
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
        # the lead over k is sum_v c_v (U_m,v - U_k,v) with c_v = n_v x its block's cofactor: S_m - S_k
        where: list[int] = []
        weight: list[int] = []
        for (start, size), total in zip(self.blocks, totals):
            cof = common // total
            for v in range(start, start + size):
                if n[v]:
                    where.append(v)
                    weight.append(n[v] * cof)

        def total_of(u: Sequence[int]) -> int:
            return sum(map(operator.mul, weight, [u[v] for v in where]))

        own = total_of(self.u[m])
        best = min((own - total_of(self.u[k]) for k in rivals), default=0)
        return Fraction(best, common * self.q)

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


def _prepared(problems: Sequence[Problem]) -> list[tuple[list[list[Fraction]], tuple[list[list[int]], list[Fraction]]]]:
    """Each problem's utilities and order space, computed once for both spaces' programmes."""
    from mcstrat.analyses.aggregate import utilities_of
    from mcstrat.analyses.spaces import order_space

    return [(utils, order_space(prob)) for prob, utils in zip(problems, utilities_of(problems))]


def _program(
    problems: Sequence[Problem],
    shares: Sequence[Fraction],
    space: str,
    prepared: Sequence[tuple[list[list[Fraction]], tuple[list[list[int]], list[Fraction]]]] | None = None,
) -> _Lp:
    """The LP variables of SPACE for PROBLEMS, identical stakeholders merged (their mix is admissible too)."""
    first = problems[0]
    merged: dict[Any, tuple[Fraction, list[int], list[list[Fraction]], list[list[int]], list[Fraction]]] = {}
    for prob, share, (utils, (levels, scale)) in zip(problems, shares, prepared or _prepared(problems)):
        live = sorted(j for tier in levels for j in tier)
        key = (
            (tuple(live), tuple(prob.targets), prob.ranges)
            if space == WeightSpace.free
            else (tuple(tuple(t) for t in levels), tuple(scale), tuple(prob.targets), prob.ranges)
        )
        if key in merged:
            old = merged[key]
            merged[key] = (old[0] + share, *old[1:])
        else:
            merged[key] = (share, live, utils, levels, scale)
    lp = _Lp(criteria=tuple(c.id for c in first.criteria), blocks=[], orders=[], offsets=[])
    if space == WeightSpace.order:
        lp.tiers, lp.scale = [], []
    start = 0
    for share, live, utils, levels, scale in merged.values():
        lp.blocks.append((share, live, utils))
        lp.offsets.append(start)
        if space == WeightSpace.order:
            var = {c: start + q for q, c in enumerate(live)}
            for upper, lower in itertools.pairwise(levels):
                for i in upper:
                    for j in lower:
                        lp.orders.append((var[i], scale[i], var[j], scale[j]))
            assert lp.tiers is not None and lp.scale is not None
            lp.tiers.append([[var[c] for c in tier] for tier in levels])
            lp.scale += [scale[c] for c in live]
        start += len(live)
    return lp


def rational(values: Sequence[float], denominator: int) -> list[Fraction]:
    """Non-negative VALUES as fractions with at most DENOMINATOR, unnormalised."""
    return [max(Fraction(0), Fraction(v).limit_denominator(denominator)) for v in values]


class _Generators:
    """The order space in generator form, so its LP needs no order rows.

    In a block with tiers T_1 > ... > T_L of effective weights ε = a w, write ε_i = F_t + e_i for
    i in T_t, with F_t = g_t + g_{t+1} + ... + g_L: the floors g >= 0 make every tier's floor at least
    the next tier's, and e_i >= 0 (only in tiers of two or more; a lone criterion is its floor) lifts
    a criterion above its floor, up to the floor of the tier above: g_{t-1} - e_i >= 0. Every
    admissible ε is reached, so the LP over (g, e) is the LP over the order space, with a handful of
    rows instead of one per ordered pair. w = M p, M mapping the generator variables p to weights.
    """

    def __init__(self, lp: _Lp) -> None:
        import numpy as np

        assert lp.tiers is not None and lp.scale is not None
        self.cols: list[list[int]] = []  # per generator variable: the weight variables it raises
        self.ties: list[tuple[int, int]] = []  # (g_{t-1}, e_i): g - e >= 0
        self.blocks: list[tuple[int, int]] = []
        for tiers in lp.tiers:
            first = len(self.cols)
            floors = []
            for t in range(len(tiers)):
                floors.append(len(self.cols))
                self.cols.append([i for tier in tiers[: t + 1] for i in tier])  # g_t raises tiers 1..t
            for t, tier in enumerate(tiers):
                if len(tier) > 1:
                    for i in tier:
                        if t > 0:
                            self.ties.append((floors[t - 1], len(self.cols)))
                        self.cols.append([i])
            self.blocks.append((first, len(self.cols) - first))
        self.scale = lp.scale
        self.um: Any = None
        self.tie_rows: Any = None
        self.a_eq: Any = None
        self._inverse: list[int] | None = None
        self.lcm_num = 1
        self.m = np.zeros((lp.size, len(self.cols)))
        for v, raised in enumerate(self.cols):
            for i in raised:
                self.m[i, v] = 1.0 / float(lp.scale[i])

    def solve(self, ex: _Exact, m: int, rivals: Sequence[int]) -> tuple[float, list[float], list[float], list[float]]:
        """(best lead t, weights x, rival multipliers y, tie multipliers z) from one LP."""
        import numpy as np

        n = len(self.cols)
        if self.um is None:  # the same for every model: built once
            self.um = ex.uf @ self.m  # each model's score per generator variable
            self.tie_rows = np.zeros((len(self.ties), n + 1))
            for row, (g, e) in enumerate(self.ties):
                self.tie_rows[row, g], self.tie_rows[row, e] = -1.0, 1.0
            sums = self.m.sum(axis=0)
            self.a_eq = np.zeros((len(self.blocks), n + 1))
            for b, (start, size) in enumerate(self.blocks):
                self.a_eq[b, start : start + size] = sums[start : start + size]
        diff = self.um[m][None, :] - self.um[list(rivals)]
        a_ub = np.vstack([np.hstack([-diff, np.ones((len(rivals), 1))]), self.tie_rows])
        a_eq = self.a_eq
        c = np.zeros(n + 1)
        c[-1] = -1.0
        from mcstrat.analyses.lp import solve

        res = solve(c, a_ub, np.zeros(len(a_ub)), a_eq, np.ones(len(self.blocks)), [(0.0, None)] * n + [(None, None)])
        marg = [-float(v) for v in res.ineq_marginals]
        x = list(self.m @ res.x[:n])
        return -res.fun, x, marg[: len(rivals)], marg[len(rivals) :]

    def inverse(self) -> list[int]:
        """1 / a_i as integers over L = lcm of the scales' numerators (L / a_i is whole)."""
        if self._inverse is None:
            self.lcm_num = math.lcm(1, *(a.numerator for a in self.scale))
            self._inverse = [int(self.lcm_num / a) for a in self.scale]
        return self._inverse

    def bound(
        self, ex: _Exact, m: int, rivals: Sequence[int], y: Sequence[float], z: Sequence[float], den: int
    ) -> bool:
        """True when Y, Z (rounded over DEN) prove exactly that M cannot lead every rival in the order space."""
        ys = [max(0, round(v * den)) for v in y]
        if sum(ys) <= 0:
            return False
        zs = [max(0, round(v * den)) for v in z]
        um = ex.u[m]
        # per weight variable: Q x sum_k y_k (U_m - U_k), in integers
        per = [0] * len(um)
        for k, yk in zip(rivals, ys):
            if yk:
                uk = ex.u[k]
                for i in range(len(um)):
                    per[i] += yk * (um[i] - uk[i])
        inv = self.inverse()
        col = [sum(per[i] * inv[i] for i in raised) for raised in self.cols]  # all over L (see inverse)
        lz = self.lcm_num
        for (g, e), zk in zip(self.ties, zs):
            if zk:
                col[g] += ex.q * zk * lz
                col[e] -= ex.q * zk * lz
        sums = [sum(inv[i] for i in raised) for raised in self.cols]
        total = Fraction(0)
        for start, size in self.blocks:
            total += max(Fraction(col[v], sums[v]) for v in range(start, start + size))
        return total < 0


def _solve_weights(
    lp: _Lp, ex: _Exact, m: int, rivals: Sequence[int]
) -> tuple[float, list[float], list[float], list[float]]:
    """The LP over the weights themselves: maximise t with (U_m - U_k) x >= t, G x >= 0, blocks summing to 1."""
    import numpy as np

    n = lp.size
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
    from mcstrat.analyses.lp import solve

    res = solve(c, a_ub, np.zeros(len(a_ub)), a_eq, np.ones(len(ex.blocks)), [(0.0, None)] * n + [(None, None)])
    marg = [-float(v) for v in res.ineq_marginals]
    return -res.fun, list(res.x[:n]), marg[: len(rivals)], marg[len(rivals) :]


def best_lead(lp: _Lp, m: int, rivals: Sequence[int], ids: Sequence[str]) -> Potential:
    """Potential optimality of model M against RIVALS under LP's admissible weights."""

    n = lp.size
    ex = lp.exact()
    if not rivals:
        even = [1] * n
        return Potential(True, 0.0, lp.group_weights(ex.weights(even)))
    gen: _Generators | None = None
    if lp.tiers is not None:
        gen = ex.generators if ex.generators is not None else _Generators(lp)
        ex.generators = gen
        t, x, y, z = gen.solve(ex, m, rivals)
    else:
        t, x, y, z = _solve_weights(lp, ex, m, rivals)
    blocking = tuple(ids[k] for k, v in zip(rivals, y) if v > 1e-9)

    def proved() -> bool:
        if gen is not None:
            return any(gen.bound(ex, m, rivals, y, z, den) for den in _LADDER)
        return any(ex.bound(m, rivals, y, z, den) for den in _LADDER)

    # when the solver finds no lead, the exact certificate goes first: once it holds, no admissible
    # weights (so no witness) can give M a lead, and the witnesses need not be tried
    tried = t < 0
    if tried and proved():
        return Potential(False, 100 * t, None, blocking=blocking)
    # the simplest nearby fractions first where that is cheap (a witness at 1/6 reads 1/6, not 0.166666667)
    ladder = (-(10**6), *_LADDER) if n <= 100 else (*_LADDER, -(10**6))
    for den in ladder:
        witness = ex.witness(x, den)
        if witness is None:
            continue
        lead = ex.leads(witness, m, rivals)
        if lead >= 0:
            return Potential(True, float(100 * lead), lp.group_weights(ex.weights(witness)))
    if not tried and proved():
        return Potential(False, 100 * t, None, blocking=blocking)
    # neither side confirmed exactly (a tie the rounding cannot reach): report the solver's verdict
    return Potential(t >= 0, 100 * max(t, 0.0) if t >= 0 else 100 * t, None, confirmed=False, blocking=blocking)


#: Work units (models^2 x criteria x stakeholders^2) the programmes may take, about 4 s on this
#: project's 2-core machine. Measured on Table 2 (8 models, 8 criteria) with 100 to 1,000
#: distinct stakeholders, the programmes' time grows with the square of the stakeholders (each
#: adds its criteria's variables and its order's rows to every programme): about 1 s per 25
#: million units (0.2 s for the generated 20 x 15 x 30 decision, 5.4 million; 19 s for 1,000
#: people on Table 2, 512 million, which is refused). Beyond it, refused before any work starts.
MAX_LP_WORK = 100_000_000


def lp_work(n_models: int, n_criteria: int, n_stakeholders: int) -> int:
    """The programmes' work units for a decision of this size (see MAX_LP_WORK)."""
    return n_models**2 * n_criteria * n_stakeholders**2


def check_lp_work(problems: Sequence[Problem]) -> None:
    """Refuse, before any work, a decision whose "what can win" programmes would not finish in seconds.

    Every record and `--robustness` work them out, so the message names both and the two fixes.
    """
    n_models, n_crit, n_people = len(problems[0].models), len(problems[0].criteria), len(problems)
    work = lp_work(n_models, n_crit, n_people)
    if work > MAX_LP_WORK:
        most = math.isqrt(MAX_LP_WORK // (n_models**2 * n_crit))
        raise InputError(
            f"working out which models can come first (for --robustness and every --report) would take too long "
            f"here: {n_models} models, {n_crit} criteria and {n_people:,} stakeholders are {work:,} units of work "
            f"(at most {MAX_LP_WORK:,}); rank at most {most:,} stakeholders together, or fewer models "
            "(--exclude, --require)"
        )


def potential(
    problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None
) -> dict[str, dict[str, Potential]]:
    """Per model id, per weight space (free, order): can it rank first, by how much, with which weights."""
    from mcstrat.analyses.aggregate import check_group

    check_lp_work(problems)
    shares = check_group(problems, stakeholder_weights)
    ids = [mo.id for mo in problems[0].models]
    out: dict[str, dict[str, Potential]] = {mid: {} for mid in ids}
    prepared = _prepared(problems)
    for space in SPACES:
        lp = _program(problems, shares, space, prepared)
        for m, mid in enumerate(ids):
            rivals = [k for k in range(len(ids)) if k != m]
            out[mid][space] = best_lead(lp, m, rivals, ids)
    return out


__all__ = ["MAX_LP_WORK", "SPACES", "Potential", "best_lead", "check_lp_work", "lp_work", "potential", "rational"]

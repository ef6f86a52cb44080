"""What can win at all: dominance and potential optimality, over exactly what robustness.py samples.

Every statement here of what can or cannot happen is made over what the firmness analysis varies
(one value model for every analysis): each stakeholder's weights anywhere in their admissible set
(spaces.py), each ranged cell anywhere in its range, and with --ordinal the spacing of every
scale's levels (interior levels anywhere in (0, 1), in order). So a model said to be dominated or
unable to come first under a space has a first-rank acceptability of exactly 0 there, and a model
that comes first in any sample is never said to be either.

Dominance (`dominated_by`; the dominance beside a plain ranking is ranking.dominance, at the
ratings as scored). Model a dominates b when, for every stakeholder, a's worst case is at least
b's best case on every criterion that stakeholder weighs, and a's worst case is above b's best
case on one criterion some stakeholder weighs (the classic dominance relation, over the imprecise
values). Best and worst cases are each stakeholder's own (their utility and target level); with
--ordinal they are taken at every spacing of the levels, whose extremes are at the scale's step
spacings (see `spacings`).

Potential optimality (Hazen's; as in SMAA, Lahdelma & Salminen). Model m can rank first under a
weight space when some admissible weights, with m's ranged cells at their best end and its rivals'
at their worst (each stakeholder's own ends: the case most favourable to m), give it a score at
least as high as every rival's. Its ``margin`` is the largest lead over the best rival that any
such weights give, in score points (0..100): max over admissible weights of min over rivals of
sum_s λ_s sum_c w_sc (best_smc - worst_skc) (with --ordinal, each term at the spacing that
favours m most). A positive margin: m can win outright; 0: it can at best tie; negative: it cannot
rank first in any sample. Taking each stakeholder's and each rival's most favourable end
separately is an upper bound on what one draw can give (a cell is drawn once for everyone), so
"cannot" is always right and "can" may be generous where stakeholders differ in target level or
rivals in spacing. The admissible weights are those of robustness.py's spaces, for every
stakeholder at once (the group score is linear in all of them): ``free`` (any weights on the
criteria with a non-zero statement), ``order`` (weights keeping the stated order; for swing
and ranking answers the order of the effective weights), and the space the robustness analysis
sampled when it is a box, ``stated`` or ``local`` (spaces.box): weights ``w ∝ x / a`` for x
anywhere in a box [low, high] of statements, which is exactly ``low_c t <= a_c w_c <= high_c t``
for some scale t >= 0 per member (_BoxForm: 2k rows a member; a ranking's ``stated`` keeps its
order rows).

With --ordinal the weights are SMAA-O's (robustness.py): the effective weights e themselves, kept in the
stated order with no conversion through the ranges, on utilities rescaled in each sample so that the worst
level a ranked cell covers is 0 and the best 1. At a step spacing whose step lies among the covered levels the
rescaled utilities are the step's own 0s and 1s: for a benefit or cost criterion those steps are exactly the
extremes SMAA-O draws (a rescaled gain is linear-fractional in the spacing of the covered levels, so its
extremes are at their steps), and steps outside them (where every ranked cell would be worth the same) are left
out (`_drawn`). A target criterion keeps every step of its scale, an upper bound: "can come first" may be
generous there, never "cannot".

It is one linear programme per model and space, solved with HiGHS (lp.py), and confirmed
exactly: the witness weights are turned into fractions (normalised exactly, their order checked)
and re-scored in Fractions, and a model reported unable to win carries an exact dual
certificate: a mix of rivals y and order multipliers z with sum_s max_c (D^T y + G^T z)_sc < 0
(D the most-favourable gains above),
which bounds every admissible weighting's lead below zero. The reported ``weights`` are the
group's (W_c = sum_s λ_s w_sc) at the witness, None when the model cannot rank first.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from mcstrat.analyses.ranking import Problem
from mcstrat.core.catalog import Criterion
from mcstrat.core.utility import cell_interval, level_utilities
from mcstrat.core.vocabulary import Direction, WeightSpace
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
    dominated_by: tuple[str, ...] = ()  # models dominating it over the admissible sets and ranges (dominated_by)


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
    # per block, per criterion: the cells' (best[m], worst[m]) utilities at each spacing the analysis reaches
    # (Ends); None: every cell at the block's own utility (the lead over k is then (U_m - U_k) x)
    ends: list[Ends] | None = None
    # box spaces (stated, local): per block, (low, high, scale a) per variable when the block's weights are
    # w ∝ x / a with x in the box [low, high]; None for a block whose weights keep an order (or are free)
    boxes: list[tuple[list[Fraction], list[Fraction], list[Fraction]] | None] | None = None

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
    """An LP's data as integers over Q: share x utility per model and variable at each end (the best for the model,
    the worst for its rivals) and spacing; order scales x A per order row."""

    def __init__(self, lp: _Lp) -> None:
        import numpy as np

        n_models = len(lp.blocks[0][2]) if lp.blocks else 0
        ends: list[Ends] = []
        for b, (_, live, utils) in enumerate(lp.blocks):
            if lp.ends is not None:
                ends.append(lp.ends[b])
            else:  # every cell at its one utility: best and worst alike
                ends.append({c: [([utils[m][c] for m in range(n_models)],) * 2] for c in live})
        # share x utility as integers over Q = lcm(share denominators) x lcm(utility denominators)
        ls = math.lcm(1, *(share.denominator for share, _, _ in lp.blocks))
        lu = math.lcm(
            1,
            *(
                u.denominator
                for (_, live, _), table in zip(lp.blocks, ends)
                for c in live
                for pair in table[c]
                for side in pair
                for u in side
            ),
        )
        self.q = ls * lu
        shares = [int(share * ls) for share, _, _ in lp.blocks]
        # stakeholders share utility tables (aggregate.utilities_of, _ends): each criterion's integers once per table
        scaled: dict[tuple[int, int], list[tuple[list[int], list[int]]]] = {}
        columns = []
        for s_int, (_, live, _), table in zip(shares, lp.blocks, ends):
            for c in live:
                key = (id(table), c)
                if key not in scaled:
                    scaled[key] = [
                        (
                            [u.numerator * (lu // u.denominator) for u in best],
                            [u.numerator * (lu // u.denominator) for u in worst],
                        )
                        for best, worst in table[c]
                    ]
                columns.append((s_int, scaled[key]))
        # spacings per variable: one (fixed scales) or several (--ordinal); padded with the last, which a max ignores
        self.spacings = max((len(col) for _, col in columns), default=1)
        self.single = self.spacings == 1
        pad = [col + [col[-1]] * (self.spacings - len(col)) for _, col in columns]
        # [spacing][model][variable]
        self.best = [[[s_int * col[t][0][m] for (s_int, _), col in zip(columns, pad)] for m in range(n_models)]
                     for t in range(self.spacings)]  # fmt: skip
        self.worst = [[[s_int * col[t][1][m] for (s_int, _), col in zip(columns, pad)] for m in range(n_models)]
                      for t in range(self.spacings)]  # fmt: skip
        self.u = self.best[0]  # [model][variable]: the utilities when best and worst agree
        if self.q.bit_length() < 1000:  # the solver's floats as they always were (same witnesses, same output)
            self.bestf = np.array(self.best, dtype=float).reshape(self.spacings, n_models, -1) / self.q
            self.worstf = np.array(self.worst, dtype=float).reshape(self.spacings, n_models, -1) / self.q
        else:  # Q past 1e308 (a group's exact utilities of hundreds of digits): each u / Q, correctly rounded
            self.bestf = np.array([[[v / self.q for v in row] for row in t] for t in self.best], dtype=float)
            self.worstf = np.array([[[v / self.q for v in row] for row in t] for t in self.worst], dtype=float)
        self.bestf = self.bestf.reshape(self.spacings, n_models, len(columns))
        self.worstf = self.worstf.reshape(self.spacings, n_models, len(columns))
        self._diffs: dict[tuple[int, int], list[int]] = {}
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
        self.boxform: _BoxForm | None = None  # a box space's form with one scale variable per box, built once
        # per block, its orders grouped top-down for the repair of rounded witnesses
        self.block_orders: list[list[tuple[int, int, int, int]]] = [[] for _ in self.blocks]
        for o in self.orders:
            for b, (start, n) in enumerate(self.blocks):
                if start <= o[0] < start + n:
                    self.block_orders[b].append(o)
        self.boxes = lp.boxes or [None] * len(self.blocks)

    def diff(self, m: int, k: int) -> list[int]:
        """Per variable, the most M can gain on K there (over Q): M's best end less K's worst, at the spacing
        that favours M most."""
        key = (m, k)
        found = self._diffs.get(key)
        if found is None:
            if self.single:
                found = list(map(operator.sub, self.best[0][m], self.worst[0][k]))
            else:
                gains = [map(operator.sub, b[m], w[k]) for b, w in zip(self.best, self.worst)]
                found = [max(vals) for vals in zip(*gains)]
            self._diffs[key] = found
        return found

    def diff_float(self, m: int, rivals: Sequence[int]) -> Any:
        """diff(m, k) for every rival k as floats (rivals x variables), for the solver."""
        return (self.bestf[:, m, None, :] - self.worstf[:, list(rivals), :]).max(axis=0)

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
            found = self.boxes[b]
            if found is not None:  # a box: the nearest point of the box along the witness's ray, exactly
                placed = _into_box(n[start : start + size], *found)
                if placed is None:
                    return None
                n[start : start + size] = placed
                continue
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

        best = min((total_of(self.diff(m, k)) for k in rivals), default=0)
        return Fraction(best, common * self.q)

    def weights(self, n: Sequence[int]) -> list[Fraction]:
        out: list[Fraction] = []
        for start, size in self.blocks:
            total = sum(n[start : start + size])
            out += [Fraction(v, total) for v in n[start : start + size]]
        return out

    def bound(self, m: int, rivals: Sequence[int], y: Sequence[float], z: Sequence[float], den: int) -> bool:
        """True when multipliers Y, Z (rounded over DEN) prove exactly that M cannot lead every rival."""
        rounded = _rounded(y, z, den)
        if rounded is None:
            return False
        ys, zs = rounded
        size = len(self.u[m])
        col = [0] * size
        for k, yk in zip(rivals, ys):
            if yk:
                dk = self.diff(m, k)
                for v in range(size):
                    col[v] += self.ad * yk * dk[v]
        for (i, ai, j, aj), zk in zip(self.orders, zs):
            if zk:
                col[i] += self.q * zk * ai
                col[j] -= self.q * zk * aj
        return sum(max(col[start : start + n]) for start, n in self.blocks) < 0


#: Per criterion index: the cells' (best[m], worst[m]) utilities at each spacing of the scale the analysis reaches.
Ends = dict[int, list[tuple[list[Fraction], list[Fraction]]]]


def _into_box(
    n: Sequence[int], low: Sequence[Fraction], high: Sequence[Fraction], scale: Sequence[Fraction]
) -> list[int] | None:
    """Integer weights proportional to x / a for the x of the box [LOW, HIGH] nearest the ray of the rounded
    witness N: x = clip(t a n) for the t in the middle of the ratios every coordinate allows (exact)."""
    r = [a * v for a, v in zip(scale, n)]  # the witness in the statements' units, up to a factor
    lows = [lo / rv for lo, rv in zip(low, r) if rv > 0]
    highs = [hi / rv for hi, rv in zip(high, r) if rv > 0]
    if not highs:
        return None
    t_low, t_high = max(lows, default=Fraction(0)), min(highs)
    t = (t_low + t_high) / 2 if t_low <= t_high else t_low
    x = [min(hi, max(lo, t * rv)) for lo, hi, rv in zip(low, high, r)]
    q = [xv / a for xv, a in zip(x, scale)]
    if sum(q) <= 0:
        return None
    common = math.lcm(1, *(v.denominator for v in q))
    return [int(v * common) for v in q]


def spacings(crit: Criterion, ordinal: bool) -> list[list[Fraction]]:
    """The level positions at which a cell's best and worst cases are reached: the scale's own; with --ordinal,
    where the interior levels are drawn anywhere in (0, 1) in order, the L - 1 step spacings (0, .., 0, 1, .., 1).

    On the spacings of a scale (0 = p_0 <= ... <= p_L-1 = 1, a polytope whose vertices are the steps) every
    level's utility is linear (a target's |p - p_t| has a sign fixed by the levels' order), so a cell's best
    case is linear or constant and its worst case concave: a best-minus-worst gain is convex and a worst-minus-
    best difference concave, and their extremes over every spacing are reached at the steps.
    """
    if not ordinal:
        return [crit.positions()]
    size = len(crit.scale)
    return [[Fraction(0) if i < j else Fraction(1) for i in range(size)] for j in range(1, size)]


def _criterion_ends(
    prob: Problem, j: int, positions: Sequence[list[Fraction]]
) -> list[tuple[list[Fraction], list[Fraction]]]:
    """Criterion J's (best[m], worst[m]) cell utilities for PROB at each of POSITIONS."""
    crit, target = prob.criteria[j], prob.targets[j]
    out = []
    for pos in positions:
        levels = level_utilities(crit, target, list(pos))
        cells = [cell_interval(levels, row[j]) for row in prob.ratings]
        out.append(([hi for _, hi in cells], [lo for lo, _ in cells]))
    return out


def _cell_ends(prob: Problem, ordinal: bool) -> Ends:
    """PROB's (best, worst) utilities of every cell, per criterion and spacing (spacings, _drawn)."""
    return {j: _criterion_ends(prob, j, _drawn(prob, j, ordinal)) for j in range(len(prob.criteria))}


def _drawn(prob: Problem, j: int, ordinal: bool) -> list[list[Fraction]]:
    """The spacings of criterion J whose extremes the sampling reaches: spacings(); for SMAA-O on a benefit or cost
    criterion only the steps among the levels the ranked cells cover, since robustness.py rescales those to 0 and
    1 in every sample (a step outside them, where every ranked cell would be worth the same, is never drawn)."""
    crit = prob.criteria[j]
    steps = spacings(crit, ordinal)
    if not ordinal or crit.direction == Direction.target:
        return steps
    low, high = min(row[j].lo for row in prob.ratings), max(row[j].hi for row in prob.ratings)
    inside = [pos for step, pos in enumerate(steps, start=1) if low < step <= high]
    return inside or steps


def ends_of(problems: Sequence[Problem], ordinal: bool = False) -> list[Ends]:
    """Each problem's cell ends (_cell_ends), computed once per distinct target levels: the best case of a ranged
    cell is its best level for that stakeholder, the worst its worst (the --ranges mode plays no part)."""
    seen: dict[tuple[int | None, ...], Ends] = {}
    out = []
    for prob in problems:
        if prob.targets not in seen:
            seen[prob.targets] = _cell_ends(prob, ordinal)
        out.append(seen[prob.targets])
    return out


def _live(prob: Problem) -> list[int]:
    """The criteria a stakeholder's weights may put weight on, in every weight space."""
    stated = prob.stated or prob.importances
    return [j for j in range(len(prob.criteria)) if stated[j] > 0 or prob.importances[j] > 0]


def dominated_by(problems: Sequence[Problem], ordinal: bool = False) -> dict[str, tuple[str, ...]]:
    """Each model id -> the models dominating it over the admissible sets and ranges, in the models file's order.

    Model a dominates b when, for every stakeholder, a's worst case is at least b's best case on every criterion
    that stakeholder weighs (each cell anywhere in its range, and with --ordinal at every spacing of the levels),
    and a's worst case is above b's best case on one criterion some stakeholder weighs (at the scale's own
    spacing; with --ordinal at equal spacing, which is then strict at every spacing drawn): a's score is then
    higher than b's for every stakeholder's admissible weights and every draw of the cells, so b never comes
    first. (The classic dominance of multi-criteria analysis, over the imprecise values: Lahdelma & Salminen's
    SMAA treats it so, and a dominated model's first-rank acceptability is 0.)
    """
    first = problems[0]
    n_models = len(first.models)
    ids = [mo.id for mo in first.models]
    # per column (criterion, target level): a >= b everywhere, and a > b strictly; computed once per column
    weak: dict[tuple[int, int | None], list[list[bool]]] = {}
    strict: dict[tuple[int, int | None], list[list[bool]]] = {}
    used: set[tuple[int, int | None]] = set()
    for prob in problems:
        for j in _live(prob):
            key = (j, prob.targets[j])
            used.add(key)
            if key in weak:
                continue
            crit = prob.criteria[j]
            size = len(crit.scale)
            ends = _criterion_ends(prob, j, spacings(crit, ordinal))
            # strictness at one interior spacing: the scale's own, or equal spacing with --ordinal (a concave
            # difference >= 0 at every step that is > 0 there is > 0 at every interior spacing)
            equal = [Fraction(i, size - 1) for i in range(size)] if ordinal and size > 1 else crit.positions()
            ((best, worst),) = _criterion_ends(prob, j, [equal])
            # compared as integers over one denominator (exactly; Fraction comparisons cost ten times as much)
            den = math.lcm(1, *(u.denominator for pair in [*ends, (best, worst)] for side in pair for u in side))
            ints = [tuple([u.numerator * (den // u.denominator) for u in side] for side in pair) for pair in ends]
            top = [u.numerator * (den // u.denominator) for u in best]
            bottom = [u.numerator * (den // u.denominator) for u in worst]
            weak[key] = [
                [all(w[a] >= bb[b] for bb, w in ints) for b in range(n_models)] for a in range(n_models)
            ]  # fmt: skip
            strict[key] = [[bottom[a] > top[b] for b in range(n_models)] for a in range(n_models)]
    out: dict[str, tuple[str, ...]] = {}
    for b in range(n_models):
        out[ids[b]] = tuple(
            ids[a]
            for a in range(n_models)
            if a != b and all(weak[key][a][b] for key in used) and any(strict[key][a][b] for key in used)
        )
    return out


def _prepared(
    problems: Sequence[Problem], ordinal: bool = False
) -> list[tuple[list[list[Fraction]], tuple[list[list[int]], list[Fraction]], Ends]]:
    """Each problem's utilities, order space and cell ends, computed once for both spaces' programmes."""
    from mcstrat.analyses.aggregate import utilities_of
    from mcstrat.analyses.spaces import order_space

    return [
        (utils, order_space(prob), ends)
        for prob, utils, ends in zip(problems, utilities_of(problems), ends_of(problems, ordinal))
    ]


def _program(
    problems: Sequence[Problem],
    shares: Sequence[Fraction],
    space: str,
    prepared: Sequence[tuple[list[list[Fraction]], tuple[list[list[int]], list[Fraction]], Ends]] | None = None,
    *,
    ordinal: bool = False,
    spread: float = 0.0,
) -> _Lp:
    """The LP variables of SPACE for PROBLEMS: one block of weights per class of stakeholders whom one draw gives
    the same weights.

    robustness.py maps one draw per sample through each stakeholder's admissible set, so stakeholders with
    the same live criteria (``free``) or the same tiers and scale (``order``) get the same weights in every
    sample, whatever their targets. They share one block here (_merged), so the programme cannot give them
    different weights that no sample gives (three people stating the same priorities with targets H1, H1
    and H2 move together), nor a ranged cell a different place for each of them. Stakeholders of
    different classes keep separate blocks: an outer bound of what one draw reaches, so "cannot" stays
    exact and "can" may be generous only between classes (or, with ORDINAL, between targets)."""
    from mcstrat.analyses.spaces import box, sampled_space

    first = problems[0]
    classes: dict[tuple[Any, ...], list[tuple[Problem, _Block]]] = {}
    for prob, share, (utils, (levels, scale), ends) in zip(problems, shares, prepared or _prepared(problems)):
        live = sorted(j for tier in levels for j in tier)
        kind = sampled_space(prob, space)
        found = box(prob, kind, spread) if kind in (WeightSpace.stated, WeightSpace.local) else None
        # the class: its kind first, then what every member of it shares (a box's live criteria and box too)
        if found is not None:
            live = [j for j in range(len(prob.criteria)) if found[1][j] > 0]
            key: tuple[Any, ...] = ("box", tuple(live), *(tuple(v[j] for j in live) for v in found))
        elif kind == WeightSpace.free:
            key = ("free", tuple(live))
        else:
            key = ("order", tuple(tuple(t) for t in levels), tuple(scale))
        classes.setdefault(key, []).append((prob, (share, live, utils, levels, scale, ends)))
    merged = [(key, _merged(members, ordinal)) for key, members in classes.items()]
    lp = _Lp(criteria=tuple(c.id for c in first.criteria), blocks=[], orders=[], offsets=[], ends=[], boxes=[])
    generators = space == WeightSpace.order  # the order space alone: its generator form needs no order rows
    if generators:
        lp.tiers, lp.scale = [], []
    start = 0
    for key, (share, live, utils, levels, scale, ends) in merged:
        lp.blocks.append((share, live, utils))
        assert lp.ends is not None and lp.boxes is not None
        lp.ends.append(ends)
        lp.offsets.append(start)
        var = {c: start + q for q, c in enumerate(live)}
        # a box's rows are _BoxForm's (a_c w_c between low_c t and high_c t, one t per block)
        lp.boxes.append((list(key[2]), list(key[3]), list(key[4])) if key[0] == "box" else None)
        if key[0] == "order":  # between consecutive tiers
            for upper, lower in itertools.pairwise(levels):
                for i in upper:
                    for j in lower:
                        lp.orders.append((var[i], scale[i], var[j], scale[j]))
            if generators:
                assert lp.tiers is not None and lp.scale is not None
                lp.tiers.append([[var[c] for c in tier] for tier in levels])
                lp.scale += [scale[c] for c in live]
        start += len(live)
    return lp


_Block = tuple[Fraction, list[int], list[list[Fraction]], list[list[int]], list[Fraction], Ends]


def _merged(members: Sequence[tuple[Problem, _Block]], ordinal: bool) -> _Block:
    """One block for stakeholders who share their weights: shares summed, utilities averaged by share, and each
    cell's best and worst case taken for the class as a whole.

    A ranged cell sits at one place for everyone in a sample. On a target criterion the class's utility of a
    cell at position x is G(x) = sum_s p_s (1 - |x - t_s|) (p_s the shares within the class), concave and
    piecewise linear: its best over the cell's range is at an end or at a member's target inside it, its
    worst at an end. With ORDINAL (the level positions drawn too) the members' own best and worst cases
    are averaged instead: an outer bound (a mean of maxima is at least the maximum of the mean). Members
    whose tables are the same objects (the same targets: utilities_of and ends_of share them) keep them."""
    share = sum((block[0] for _, block in members), Fraction(0))
    prob, (_, live, utils, levels, scale, ends) = members[0]
    if all(block[2] is utils and block[5] is ends for _, block in members):
        return share, live, utils, levels, scale, ends
    parts = [(block[0] / share, block[2], block[5], who) for who, block in members]
    mixed_utils = [
        [sum((p * u[m][c] for p, u, _, _ in parts), Fraction(0)) for c in range(len(utils[m]))]
        for m in range(len(utils))
    ]
    mixed_ends: Ends = {}
    for c, spaced in ends.items():
        crit = prob.criteria[c]
        targets = {who.targets[c] for _, _, _, who in parts}
        if not ordinal and crit.direction == Direction.target and len(targets) > 1:
            mixed_ends[c] = [_class_ends(prob, c, [(p, who.targets[c]) for p, _, _, who in parts])]
            continue
        mixed_ends[c] = [
            (
                [sum((p * e[c][s][0][m] for p, _, e, _ in parts), Fraction(0)) for m in range(len(best))],
                [sum((p * e[c][s][1][m] for p, _, e, _ in parts), Fraction(0)) for m in range(len(worst))],
            )
            for s, (best, worst) in enumerate(spaced)
        ]
    return share, live, mixed_utils, levels, scale, mixed_ends


def _class_ends(
    prob: Problem, c: int, aims: Sequence[tuple[Fraction, int | None]]
) -> tuple[list[Fraction], list[Fraction]]:
    """Target criterion C's (best[m], worst[m]) for a class whose members (share P, target level T) share weights."""
    pos = prob.criteria[c].positions()

    def mean(x: Fraction) -> Fraction:
        return sum((p * (1 - abs(x - pos[t])) for p, t in aims if t is not None), Fraction(0))

    best, worst = [], []
    for row in prob.ratings:
        low, high = pos[row[c].lo], pos[row[c].hi]
        inside = [pos[t] for _, t in aims if t is not None and low <= pos[t] <= high]
        best.append(max(mean(x) for x in [low, high, *inside]))
        worst.append(min(mean(low), mean(high)))
    return best, worst


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
        self.tie_rows: Any = None
        self.ends: Any = None
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
        if self.tie_rows is None:  # the same for every model: built once
            self.tie_rows = np.zeros((len(self.ties), n + 1))
            for row, (g, e) in enumerate(self.ties):
                self.tie_rows[row, g], self.tie_rows[row, e] = -1.0, 1.0
            sums = self.m.sum(axis=0)
            self.a_eq = np.zeros((len(self.blocks), n + 1))
            for b, (start, size) in enumerate(self.blocks):
                self.a_eq[b, start : start + size] = sums[start : start + size]
        if ex.single:  # each model's best and worst score per generator variable, built once
            if self.ends is None:
                self.ends = (ex.bestf[0] @ self.m, ex.worstf[0] @ self.m)
            diff = self.ends[0][m][None, :] - self.ends[1][list(rivals)]
        else:  # the spacing that favours M most differs per variable: the max before the map
            diff = ex.diff_float(m, rivals) @ self.m  # the most M can gain on each rival, per generator variable
        a_ub = np.vstack([np.hstack([-diff, np.ones((len(rivals), 1))]), self.tie_rows])
        t, found, marg = _max_lead(a_ub, self.a_eq, n)
        return t, list(self.m @ found), marg[: len(rivals)], marg[len(rivals) :]

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
        rounded = _rounded(y, z, den)
        if rounded is None:
            return False
        ys, zs = rounded
        size = len(ex.u[m])
        # per weight variable: Q x sum_k y_k diff(m, k), in integers
        per = [0] * size
        for k, yk in zip(rivals, ys):
            if yk:
                dk = ex.diff(m, k)
                for i in range(size):
                    per[i] += yk * dk[i]
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


class _BoxForm:
    """A box space (stated, local) with one scale variable t_b per box block, so its LP needs 2k rows a block, not
    the k(k - 1) ratio rows of the box's cone.

    A box block's weights w are admissible when w ∝ x / a for some x in [low, high] (spaces.box): exactly when
    some t_b >= 0 gives low_c t_b <= a_c w_c <= high_c t_b for every criterion c (t_b is the factor x = t_b a w
    takes; w sums to 1 in its block, so t_b > 0 when some low_c > 0, and t_b = 0 only for w = 0 otherwise).
    Blocks that keep an order (a ranking's ``stated``) keep their order rows (lp.orders). The rows, each >= 0:
    a_c w_c - low_c t_b, high_c t_b - a_c w_c, and the order rows; the variables: the weights, then one t per
    box.

    A certificate that M cannot lead every rival: multipliers y (rivals) and z (rows) with, for the Lagrangian L
    = sum_k y_k lead_k(w) + sum_r z_r row_r(w, t), sum_b max_c (w_c's coefficient) + sum_b max(0, t_b's
    coefficient) x cap_b < 0, where cap_b = min over low_c > 0 of a_c / low_c bounds t_b (a_c w_c >= low_c t_b
    and w_c <= 1; with no low_c > 0 the coefficient must be <= 0): L's largest value over each block's simplex
    and t_b's range. Then every admissible weighting has sum_k y_k lead_k < 0, so some rival leads M. Checked in
    exact arithmetic, each row scaled so its largest coefficient is 1 (a row times a positive number is the same
    row; the solver then sees numbers near 1, however large the fractions of the statements).
    """

    def __init__(self, lp: _Lp) -> None:
        self.size = lp.size
        # per row: variable -> exact coefficient, the largest 1 (t variables after the weights): a row times a
        # positive number is the same row, and the solver sees numbers near 1 however large the fractions
        self.rows: list[dict[int, Fraction]] = []
        self.taus: list[int] = []
        self.caps: list[Fraction | None] = []  # per box: the largest t any of its weightings takes (None: no bound)
        assert lp.boxes is not None
        for found, (_, live, _), start in zip(lp.boxes, lp.blocks, lp.offsets):
            if found is None:
                continue
            tau = self.size + len(self.taus)
            self.taus.append(tau)
            low, high, scale = found
            # a_c w_c >= low_c t with w_c <= 1: t <= a_c / low_c for every c with low_c > 0
            self.caps.append(min((a / lo for a, lo in zip(scale, low) if lo > 0), default=None))
            for q in range(len(live)):
                self.rows.append(_unit({start + q: scale[q], tau: -low[q]}))
                self.rows.append(_unit({start + q: -scale[q], tau: high[q]}))
        for i, ai, j, aj in lp.orders:  # the blocks that keep an order
            self.rows.append(_unit({i: ai, j: -aj}))
        self.matrix: Any = None
        self.a_eq: Any = None

    def solve(self, ex: _Exact, m: int, rivals: Sequence[int]) -> tuple[float, list[float], list[float], list[float]]:
        """(best lead t, weights x, rival multipliers y, row multipliers z) from one LP."""
        import numpy as np

        n = self.size + len(self.taus)
        if self.matrix is None:  # the same for every model: built once
            self.matrix = np.zeros((len(self.rows), n + 1))
            for r, row in enumerate(self.rows):
                for v, coef in row.items():
                    self.matrix[r, v] = -float(coef)
            self.a_eq = np.zeros((len(ex.blocks), n + 1))
            for b, (start, size) in enumerate(ex.blocks):
                self.a_eq[b, start : start + size] = 1.0
        diff = ex.diff_float(m, rivals)
        lead_rows = np.hstack([-diff, np.zeros((len(rivals), len(self.taus))), np.ones((len(rivals), 1))])
        t, found, marg = _max_lead(np.vstack([lead_rows, self.matrix]), self.a_eq, n)
        return t, list(found[: self.size]), marg[: len(rivals)], marg[len(rivals) :]

    def bound(
        self, ex: _Exact, m: int, rivals: Sequence[int], y: Sequence[float], z: Sequence[float], den: int
    ) -> bool:
        """True when Y, Z (rounded over DEN) prove exactly that M cannot lead every rival in the box space."""
        rounded = _rounded(y, z, den)
        if rounded is None:
            return False
        ys, zs = rounded
        col: list[Fraction] = [Fraction(0)] * (self.size + len(self.taus))
        for k, yk in zip(rivals, ys):
            if yk:
                dk = ex.diff(m, k)
                for v in range(self.size):
                    col[v] += yk * dk[v]
        for row, zr in zip(self.rows, zs):
            if zr:
                for v, coef in row.items():
                    col[v] += ex.q * zr * coef  # the leads are integers over Q: the rows are brought to Q too
        # each t_b within [0, cap_b]: at most max(0, coefficient) x cap_b; a positive coefficient with no cap fails
        extra = Fraction(0)
        for tau, cap in zip(self.taus, self.caps):
            if col[tau] > 0:
                if cap is None:
                    return False
                extra += col[tau] * cap
        return sum(max(col[start : start + n]) for start, n in ex.blocks) + extra < 0


def _max_lead(a_ub: Any, a_eq: Any, n: int) -> tuple[float, Any, list[float]]:
    """Every form's programme: maximise the lead t (the last column) over N variables >= 0, with A_UB X <= 0 and
    each A_EQ row (a block's weights) summing to 1; (t, the N variables, the rows' multipliers, each >= 0)."""
    import numpy as np

    from mcstrat.analyses.lp import solve

    c = np.zeros(n + 1)
    c[-1] = -1.0
    res = solve(c, a_ub, np.zeros(len(a_ub)), a_eq, np.ones(len(a_eq)), [(0.0, None)] * n + [(None, None)])
    return -res.fun, res.x[:n], [-float(v) for v in res.ineq_marginals]


def _rounded(y: Sequence[float], z: Sequence[float], den: int) -> tuple[list[int], list[int]] | None:
    """The multipliers Y (rivals) and Z (rows) as whole numbers over DEN, negatives as 0; None when no Y is left."""
    ys = [max(0, round(v * den)) for v in y]
    if sum(ys) <= 0:
        return None
    return ys, [max(0, round(v * den)) for v in z]


def _unit(row: dict[int, Fraction]) -> dict[int, Fraction]:
    """ROW (variable -> coefficient) scaled so its largest coefficient is 1 in size, zeros dropped (exact)."""
    top = max(abs(c) for c in row.values())
    return {v: Fraction(c) / top for v, c in row.items() if c != 0}


def _solve_weights(
    lp: _Lp, ex: _Exact, m: int, rivals: Sequence[int]
) -> tuple[float, list[float], list[float], list[float]]:
    """The LP over the weights themselves: maximise t with (U_m - U_k) x >= t, G x >= 0, blocks summing to 1."""
    import numpy as np

    n = lp.size
    diff = ex.diff_float(m, rivals)
    a_ub = np.vstack([
        np.hstack([-diff, np.ones((len(rivals), 1))]),
        np.hstack([-ex.gf, np.zeros((len(lp.orders), 1))]),
    ])  # fmt: skip
    a_eq = np.zeros((len(ex.blocks), n + 1))
    for b, (start, size) in enumerate(ex.blocks):
        a_eq[b, start : start + size] = 1.0
    t, found, marg = _max_lead(a_ub, a_eq, n)
    return t, list(found), marg[: len(rivals)], marg[len(rivals) :]


def best_lead(lp: _Lp, m: int, rivals: Sequence[int], ids: Sequence[str]) -> Potential:
    """Potential optimality of model M against RIVALS under LP's admissible weights."""

    n = lp.size
    ex = lp.exact()
    if not rivals:
        even = [1] * n
        return Potential(True, 0.0, lp.group_weights(ex.weights(even)))
    gen: _Generators | None = None
    box: _BoxForm | None = None
    if lp.tiers is not None:
        gen = ex.generators if ex.generators is not None else _Generators(lp)
        ex.generators = gen
        t, x, y, z = gen.solve(ex, m, rivals)
    elif lp.boxes and any(found is not None for found in lp.boxes):
        box = ex.boxform if ex.boxform is not None else _BoxForm(lp)
        ex.boxform = box
        t, x, y, z = box.solve(ex, m, rivals)
    else:
        t, x, y, z = _solve_weights(lp, ex, m, rivals)
    blocking = tuple(ids[k] for k, v in zip(rivals, y) if v > 1e-9)

    def proved() -> bool:
        if gen is not None:
            return any(gen.bound(ex, m, rivals, y, z, den) for den in _LADDER)
        if box is not None:
            return any(box.bound(ex, m, rivals, y, z, den) for den in _LADDER)
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
    problems: Sequence[Problem],
    stakeholder_weights: Sequence[Fraction] | None = None,
    *,
    ordinal: bool = False,
    space: str | None = None,
    spread: float = 0.0,
) -> dict[str, dict[str, Potential]]:
    """Per model id, per weight space (free, order, and SPACE, the one robustness sampled, when it is another:
    stated or local with its SPREAD): can it rank first, by how much, with which weights, and which models
    dominate it (dominated_by), all over what robustness.py samples (ORDINAL: the level spacing too)."""
    from mcstrat.analyses.aggregate import check_group

    check_lp_work(problems)
    shares = check_group(problems, stakeholder_weights)
    if ordinal:  # SMAA-O weighs the effective weights themselves (robustness.py): no space converts through ranges
        problems = [prob._replace(spans=tuple(Fraction(1) for _ in prob.spans)) for prob in problems]
    ids = [mo.id for mo in problems[0].models]
    out: dict[str, dict[str, Potential]] = {mid: {} for mid in ids}
    prepared = _prepared(problems, ordinal)
    dominated = dominated_by(problems, ordinal)
    for searched in (*SPACES, *([space] if space is not None and space not in SPACES else [])):
        lp = _program(problems, shares, searched, prepared, ordinal=ordinal, spread=spread)
        for m, mid in enumerate(ids):
            rivals = [k for k in range(len(ids)) if k != m]
            found = best_lead(lp, m, rivals, ids)
            out[mid][searched] = dataclasses.replace(found, dominated_by=dominated[mid])
    return out


__all__ = [
    "MAX_LP_WORK",
    "SPACES",
    "Ends",
    "Potential",
    "best_lead",
    "check_lp_work",
    "dominated_by",
    "ends_of",
    "lp_work",
    "potential",
    "rational",
    "spacings",
]

"""Why not model X? Where it ranks, what costs it most, and the smallest change of priorities that makes it first.

Definitions. Each stakeholder s (one person: s alone, share λ = 1) has shares λ_s, normalised
weights w_s and utilities u_smc (the ranking's, after their --ranges mode and target levels);
the group's score of m is sum_s λ_s sum_c w_sc u_smc, on the aggregate model of aggregate.py.

- ``rank`` is X's competition rank (1, 2, 2, 4) by exact score; ``gap`` is the winner's score
  minus X's, in points (0 when X is first). ``costs`` are, per criterion, X's contribution minus
  the winner's, 100 W_c (ū_Xc - ū_winner,c) on the aggregate model: the most negative cost X the
  most. When X is first, the comparison is with the best of the others (and the gap is 0).
- The smallest change is the set of weights w'_s, each in its stakeholder's admissible set,
  closest to the stated ones in the weighted total change of normalised weights
  ``distance = sum_s λ_s sum_c |w'_sc - w_sc|`` (L1; one person: the plain L1 distance, 0 to 2),
  under which X scores at least as much as every other model (a shared first place counts as
  first). Two admissible sets are asked about, in this order:

  - ``keep_order``: the weights keep the order the stakeholder stated (spaces.order_space, the
    set the robustness analysis samples as ``order``): a criterion stated higher stays at least as
    high (for swing and ranking answers, in effective weights r_c w_c), criteria stated equal are
    free among themselves;
  - ``any_order`` (the answer JSON has always given as ``distance`` and ``weights``): any weights.
    When keeping the order costs no more, to within the certification tolerance (its distance is
    within 1e-9 of the any-order programme's certified lower bound, so of the any-order distance
    too), the any-order answer is the keep-order one (an optimum of both, as certified), so an
    answer never breaks the stated order for nothing.

  In both, criteria stated as 0 stay 0, unless ``unlock_ignored``: then every criterion the
  stakeholder can weigh may move, and under ``keep_order`` those stated 0 count as stated below
  every other (they may rise, but not above a criterion that was stated).
- Each is one linear programme (HiGHS, lp.py), confirmed exactly: the weights reported are
  fractions, each stakeholder's summing to 1 and keeping their admissible set, under which X's
  exact score is first (re-scored in Fractions; where the rounding loses that, they are moved
  exactly as little as needed towards the admissible weights where X leads most). An exact lower
  bound of the programme's optimum is built from its dual (Lagrangian) multipliers; the distance
  reported is within 1e-9 of the optimum (``bound`` is that lower bound, certified:
  ``distance - bound <= 1e-9``). At those weights X's lead over the closest rival is 0 (it ties
  first) or, where rounding would lose the tie, at most 1e-9 of a score point (the answer of the same
  programme with every lead at least that); any point short of them on the way from the stated
  weights leaves it behind.
- A model that cannot rank first under a set (``possible`` false, weights None) names the models
  in its way: those dominating it (any_order) or the rivals of an exact certificate (a mix y of
  rivals and order multipliers z with sum_s max_c (λ_s D^T y + G^T z)_sc < 0, so no admissible
  weights let it lead them all at once).
- ``needed`` are the group's weights W'_c = sum_s λ_s w'_sc there; ``members`` give each
  stakeholder's own change (its L1 distance and weights) and the same change in the units they
  stated their priorities in (``Terms``): importances on their 0..5 scale with the same total as
  stated (a criterion that did not move keeps its importance; if one would pass 5, by more than
  the certification tolerance, all are scaled so the largest is 5, ``rescaled``; dust above 5 is
  5), swing points with the top swing at 100, or, for a ranking, the order of criteria the needed
  effective weights imply.
- ``tied_with`` are the models with exactly its score; ``identical`` those rated the same on
  every criterion (they always score the same, so it can only ever share first place with them);
  ``dominated_by`` (on the aggregate model) the models at least as good on every usable criterion
  and better on one, ``strictly_dominated_by`` those better on every one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from mcstrat.analyses.aggregate import aggregate, check_group, utilities_of
from mcstrat.analyses.lp import solve
from mcstrat.analyses.ranking import Problem, competition_ranks, identical_models, weights
from mcstrat.analyses.spaces import order_space
from mcstrat.core.vocabulary import MAX_IMPORTANCE, MAX_POINTS, Direction, Weighting
from mcstrat.core.weighting import order_differs, ranking_text
from mcstrat.errors import McstratError

#: How far the distance reported may exceed the programme's optimum (certified exactly).
TOLERANCE = Fraction(1, 10**9)


@dataclass(frozen=True)
class Terms:
    """One stakeholder's change in the units they stated priorities in.

    ``unit`` is "importance" (0..5), "points" (swing points, top = 100) or "ranking" (``now`` and
    ``needed`` are then rankings such as "roi > risk = impact"). ``reordered`` lists (a, b): a
    stated below b but above it at the needed weights (the stated order broken).
    """

    unit: str
    now: dict[str, Fraction] | str
    needed: dict[str, Fraction] | str
    rescaled: bool = False
    reordered: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Member:
    """One stakeholder's part of a change: how far their own weights move, and where to."""

    index: int  # the stakeholder's position in the decision
    distance: Fraction  # sum_c |w'_sc - w_sc|, their own weights' L1 change
    now: dict[str, Fraction]
    needed: dict[str, Fraction]
    terms: Terms


@dataclass(frozen=True)
class Change:
    """The smallest change under one admissible set (keep_order or any_order)."""

    possible: bool
    distance: Fraction | None  # sum_s λ_s ||w'_s - w_s||_1; None when impossible
    needed: dict[str, Fraction] | None  # the group's weights W' (one person: theirs)
    members: tuple[Member, ...] = ()  # one per stakeholder, in order; () when impossible
    blocking: tuple[str, ...] = ()  # models in its way when impossible
    bound: Fraction | None = None  # exact lower bound of the optimum: distance - bound <= TOLERANCE


@dataclass(frozen=True)
class WhyNot:
    """The answer to "why not MODEL?" (see the module docstring)."""

    model: str
    rank: int
    winner: str  # the model compared with: the first (or, when MODEL is first, the best other)
    gap: Fraction  # points behind the winner, 0 when first
    costs: dict[str, Fraction]  # per criterion: MODEL's contribution minus the winner's, in points
    now: dict[str, Fraction]  # the stated (group) weights
    any_order: Change
    keep_order: Change
    dominated_by: tuple[str, ...] = ()
    tied_with: tuple[str, ...] = ()  # other models with exactly its score
    identical: tuple[str, ...] = ()  # other models rated the same on every criterion
    strictly_dominated_by: tuple[str, ...] = ()  # of dominated_by: better on every criterion that counts
    unlock_ignored: bool = False
    ignored: tuple[str, ...] = field(default=())  # criteria some stakeholder stated as 0 (held at 0 unless unlocked)

    @property
    def tied(self) -> bool:
        """True when another model has exactly its score (the views say "ranks 2=")."""
        return bool(self.tied_with)

    @property
    def possible(self) -> bool:
        return self.any_order.possible

    @property
    def distance(self) -> Fraction | None:
        return self.any_order.distance

    @property
    def needed(self) -> dict[str, Fraction] | None:
        return self.any_order.needed

    @property
    def blocking(self) -> tuple[str, ...]:
        return self.any_order.blocking

    @property
    def importances(self) -> dict[str, Fraction] | None:
        """One person with importance answers: the importances of the any-order answer."""
        if len(self.any_order.members) != 1 or self.any_order.members[0].terms.unit != "importance":
            return None
        needed = self.any_order.members[0].terms.needed
        return needed if isinstance(needed, dict) else None


# -- the stakeholders as blocks of LP variables ---------------------------------------------------------------


@dataclass
class _Block:
    """Stakeholders with identical statements and utilities, merged (an optimum moves them alike)."""

    share: Fraction
    members: list[int]
    prob: Problem
    live: list[int]  # criteria that may carry weight
    w0: list[Fraction]  # stated weights of the live criteria
    utils: list[list[Fraction]]  # [model][criterion]
    tiers: list[list[int]]  # keep_order: tiers of positions in `live`, top first
    scale: list[Fraction]  # a per position in `live`: a_i w_i >= a_j w_j between tiers


def _blocks(problems: Sequence[Problem], shares: Sequence[Fraction], unlock: bool) -> list[_Block]:
    merged: dict[Any, _Block] = {}
    for s, (prob, share, utils) in enumerate(zip(problems, shares, utilities_of(problems))):
        key = (prob.importances, prob.stated, prob.weighting, prob.targets, prob.ranges, prob.spans)
        if key in merged:
            merged[key].share += share
            merged[key].members.append(s)
            continue
        levels, scale = order_space(prob)
        stated_live = [j for tier in levels for j in tier]
        if unlock:
            weighable = [
                j
                for j, c in enumerate(prob.criteria)
                if not (c.direction == Direction.target and prob.targets[j] is None)
            ]
            bottom = [j for j in weighable if j not in stated_live]
            if bottom:
                levels = [*levels, bottom]
        live = sorted(j for tier in levels for j in tier)
        pos = {j: q for q, j in enumerate(live)}
        w = weights(prob.importances)
        merged[key] = _Block(
            share=share,
            members=[s],
            prob=prob,
            live=live,
            w0=[w[j] for j in live],
            utils=utils,
            tiers=[[pos[j] for j in tier] for tier in levels],
            scale=[scale[j] for j in live],
        )
    return list(merged.values())


class _Leads:
    """X's leads over its rivals as linear forms in the blocks' weights, exactly and as floats (built once)."""

    def __init__(self, blocks: list[_Block], m: int, rivals: list[int]) -> None:
        import numpy as np

        self.coef: list[list[Fraction]] = []  # lead_k(w') = sum_v coef[k][v] w'_v
        for k in rivals:
            row: list[Fraction] = []
            for b in blocks:
                row += [b.share * (b.utils[m][j] - b.utils[k][j]) for j in b.live]
            self.coef.append(row)
        self.floats = np.array([[float(c) for c in row] for row in self.coef], dtype=float).reshape(len(rivals), -1)
        # the non-zero terms of each row, for exact sums over them only
        self.terms = [[(v, c) for v, c in enumerate(row) if c] for row in self.coef]


class _Program:
    """The weights of every block as LP variables, X's leads over its rivals, and (keep_order) the orders."""

    def __init__(self, blocks: list[_Block], leads: _Leads, keep_order: bool) -> None:
        self.blocks = blocks
        self.offsets: list[int] = []
        start = 0
        for b in blocks:
            self.offsets.append(start)
            start += len(b.live)
        self.n = start
        self.coef = leads.coef
        self.lead_rows = leads.floats
        self.terms = leads.terms
        # keep_order: a_i w'_i - a_j w'_j >= 0 between consecutive tiers (variables i, j)
        self.orders: list[tuple[int, Fraction, int, Fraction]] = []
        if keep_order:
            for b, off in zip(blocks, self.offsets):
                for upper, lower in zip(b.tiers, b.tiers[1:]):
                    for i in upper:
                        for j in lower:
                            self.orders.append((off + i, b.scale[i], off + j, b.scale[j]))

    def spans(self) -> list[tuple[int, int]]:
        return [(off, len(b.live)) for b, off in zip(self.blocks, self.offsets)]

    def leads(self, x: Sequence[Fraction]) -> list[Fraction]:
        return [sum((c * x[v] for v, c in row if x[v]), Fraction(0)) for row in self.terms]

    def distance(self, x: Sequence[Fraction]) -> Fraction:
        total = Fraction(0)
        for b, off in zip(self.blocks, self.offsets):
            total += b.share * sum((abs(x[off + q] - w) for q, w in enumerate(b.w0)), Fraction(0))
        return total

    def _rows(self, extra: int) -> tuple[Any, Any, Any]:
        """Over n + EXTRA columns: rival rows (-lead <= ...), order rows (-(a_i x_i - a_j x_j) <= 0), block sums."""
        import numpy as np

        rivals = np.zeros((len(self.lead_rows), self.n + extra))
        rivals[:, : self.n] = -self.lead_rows
        orders = np.zeros((len(self.orders), self.n + extra))
        for row, (i, ai, j, aj) in enumerate(self.orders):
            orders[row, i], orders[row, j] = -float(ai), float(aj)
        sums = np.zeros((len(self.blocks), self.n + extra))
        for row, (off, size) in enumerate(self.spans()):
            sums[row, off : off + size] = 1.0
        return rivals, orders, sums

    def best_lead(self) -> tuple[float, list[float], list[float], list[float]]:
        """Maximise t with lead_k >= t, the orders and each block summing to 1: (t, x, y, z)."""
        import numpy as np

        rivals, orders, sums = self._rows(1)
        rivals[:, -1] = 1.0
        a_ub = np.vstack([rivals, orders])
        c = np.zeros(self.n + 1)
        c[-1] = -1.0
        res = solve(c, a_ub, np.zeros(len(a_ub)), sums, np.ones(len(self.blocks)),
                    [(0.0, None)] * self.n + [(None, None)])  # fmt: skip
        marg = [-float(v) for v in res.ineq_marginals]
        return -res.fun, list(res.x[: self.n]), marg[: len(rivals)], marg[len(rivals) :]

    def closest(self, margin: float = 0.0) -> tuple[list[float], list[float], list[float]]:
        """Minimise sum_b λ_b sum |x - w0| with every lead >= MARGIN: (x, y, z).

        With d >= |x - w0| as x - d <= w0 and -x - d <= -w0 (one pair of rows per variable)."""
        import numpy as np

        n = self.n
        rivals, orders, sums = self._rows(n)
        eye = np.eye(n)
        absolute = np.zeros((2 * n, 2 * n))
        absolute[0::2, :n], absolute[0::2, n:] = eye, -eye
        absolute[1::2, :n], absolute[1::2, n:] = -eye, -eye
        w0 = np.array([float(w) for b in self.blocks for w in b.w0])
        b_abs = np.empty(2 * n)
        b_abs[0::2], b_abs[1::2] = w0, -w0
        a_ub = np.vstack([absolute, rivals, orders])
        b_ub = np.concatenate([b_abs, np.full(len(rivals), -margin), np.zeros(len(orders))])
        c = np.concatenate([np.zeros(n), [float(b.share) for b in self.blocks for _ in b.live]])
        res = solve(c, a_ub, b_ub, sums, np.ones(len(self.blocks)), [(0.0, None)] * (2 * n))
        marg = [-float(v) for v in res.ineq_marginals]
        r = 2 * n
        return list(res.x[:n]), marg[r : r + len(rivals)], marg[r + len(rivals) :]

    def admissible(self, values: Sequence[Fraction]) -> list[Fraction] | None:
        """VALUES (non-negative) made exactly admissible: the orders kept top down, each block normalised."""
        x = [max(Fraction(0), v) for v in values]
        for i, ai, j, aj in self.orders:  # listed top tier first, block by block: one pass keeps them all
            if ai * x[i] < aj * x[j]:
                x[j] = ai * x[i] / aj
        for off, size in self.spans():
            total = sum(x[off : off + size], Fraction(0))
            if total <= 0:
                return None
            for v in range(off, off + size):
                x[v] /= total
        return x

    def candidates(self, x: Sequence[float]) -> Iterator[list[Fraction]]:
        """X as exact admissible weights: snapped to simple fractions, then the solver's exact binary values."""
        for den in (10**6, 10**9, None):
            values = [Fraction(v) if den is None else Fraction(v).limit_denominator(den) for v in x]
            found = self.admissible(values)
            if found is not None:
                yield found

    def impossible(self, y: Sequence[float], z: Sequence[float]) -> bool:
        """True when multipliers Y (rivals) and Z (orders) prove exactly that X cannot lead every rival."""
        ys = [Fraction(max(v, 0.0)) for v in y]
        if sum(ys) <= 0:
            return False
        h = self._h(ys, [Fraction(max(v, 0.0)) for v in z])
        return sum(max(h[off : off + size]) for off, size in self.spans()) < 0

    def _h(self, ys: Sequence[Fraction], zs: Sequence[Fraction]) -> list[Fraction]:
        h = [Fraction(0)] * self.n
        for row, yk in zip(self.terms, ys):
            if yk:
                for v, c in row:
                    h[v] += yk * c
        for (i, ai, j, aj), zk in zip(self.orders, zs):
            if zk:
                h[i] += zk * ai
                h[j] -= zk * aj
        return h

    def lower_bound(self, y: Sequence[float], z: Sequence[float]) -> Fraction:
        """An exact lower bound of the closest change from multipliers Y, Z (Lagrangian duality).

        For y, z >= 0 and any μ_b, the optimum is at least sum_b μ_b + sum_v min over x >= 0 of
        (λ_b |x - w0_v| - (h_v + μ_b) x), h = λ D^T y + G^T z; that minimum is w0_v min(λ_b, -(h_v + μ_b))
        when h_v + μ_b <= λ_b (else unbounded), and the bound is largest at μ_b = λ_b - max_v h_v.
        """
        h = self._h([Fraction(max(v, 0.0)) for v in y], [Fraction(max(v, 0.0)) for v in z])
        total = Fraction(0)
        for b, (off, size) in zip(self.blocks, self.spans()):
            mu = b.share - max(h[off : off + size])
            total += mu + sum((w * min(b.share, -(h[off + q] + mu)) for q, w in enumerate(b.w0) if w), Fraction(0))
        return total


def _repaired(prog: _Program, x: list[Fraction], target: list[Fraction]) -> list[Fraction]:
    """X moved exactly as little as needed towards TARGET (leads all >= 0) for every lead to be >= 0."""
    at_x, at_t = prog.leads(x), prog.leads(target)
    beta = max((-a / (t - a) for a, t in zip(at_x, at_t) if a < 0), default=Fraction(0))
    if beta == 0:
        return x
    return [(1 - beta) * a + beta * t for a, t in zip(x, target)]


def _change(blocks: list[_Block], leads: _Leads, rivals: list[int], ids: Sequence[str], keep_order: bool) -> Change:
    """The closest weights that make the model first under one admissible set, confirmed exactly."""
    prog = _Program(blocks, leads, keep_order)
    t, x, y, z = prog.best_lead()
    blocking = tuple(ids[k] for k, v in zip(rivals, y) if v > 1e-9)
    if t < 0 and prog.impossible(y, z):
        return Change(False, None, None, blocking=blocking)
    target = next((w for w in prog.candidates(x) if min(prog.leads(w)) >= 0), None)
    if target is None:
        if prog.impossible(y, z):
            return Change(False, None, None, blocking=blocking)
        raise McstratError("why-not could not confirm whether the model can come first; please report this")
    xc, yc, zc = prog.closest()
    bound = prog.lower_bound(yc, zc)
    # the solver's answer as it is, where rounding keeps every lead >= 0 (simple fractions first); else
    # the answer with every lead at least a hair above 0 where X can lead them all (t > 0), which rounding
    # keeps first without mixing in other weights; else moved as little as needed towards TARGET
    tries: list[Callable[[], Iterator[list[Fraction]]]] = [lambda: prog.candidates(xc)]
    if t > 0:
        tries.append(lambda: prog.candidates(prog.closest(min(t / 2, 1e-11))[0]))
    best: tuple[Fraction, list[Fraction]] | None = None
    for attempt in tries:
        group = attempt()
        for cand in group:
            if min(prog.leads(cand)) < 0:
                continue
            dist = prog.distance(cand)
            if dist - bound <= TOLERANCE / 10 and (best is None or dist < best[0]):
                best = (dist, cand)
                break
        if best is not None:
            break
    for cand in [] if best is not None else [*prog.candidates(xc), target]:
        fixed = _repaired(prog, cand, target)
        dist = prog.distance(fixed)
        if best is None or dist < best[0]:
            best = (dist, fixed)
        if dist - bound <= TOLERANCE / 10:
            break
    assert best is not None
    distance, chosen = best
    if distance - bound > TOLERANCE:
        raise McstratError(
            f"why-not could not certify the smallest change to within 1e-9 (gap {float(distance - bound):.3g}); "
            "please report this"
        )
    return Change(True, distance, *_placed(blocks, prog, chosen), bound=bound)


def _placed(
    blocks: list[_Block], prog: _Program, x: Sequence[Fraction]
) -> tuple[dict[str, Fraction], tuple[Member, ...]]:
    """The group's weights at X and each stakeholder's part, in stakeholder order."""
    crit = [c.id for c in blocks[0].prob.criteria]
    group = dict.fromkeys(crit, Fraction(0))
    members: dict[int, Member] = {}
    for b, off in zip(blocks, prog.offsets):
        needed = [Fraction(0)] * len(crit)
        for q, j in enumerate(b.live):
            needed[j] = x[off + q]
            group[crit[j]] += b.share * x[off + q]
        now = weights(b.prob.importances)
        member_distance = sum((abs(a - c) for a, c in zip(needed, now)), Fraction(0))
        for s in b.members:
            members[s] = Member(
                s, member_distance, dict(zip(crit, now)), dict(zip(crit, needed)), terms(b.prob, needed)
            )
    return group, tuple(members[s] for s in sorted(members))


def terms(prob: Problem, needed: Sequence[Fraction]) -> Terms:
    """NEEDED (normalised weights per criterion) in the units PROB's priorities were stated in."""
    crit = [c.id for c in prob.criteria]
    if prob.weighting == Weighting.importance:
        now = dict(zip(crit, prob.importances))
        total = sum(prob.importances, Fraction(0))
        imps = [total * w for w in needed]
        # exact weights carry the solver's dust (a stated 5 may come back as 5 + 1e-16): only a value really
        # above 5 (by more than the certification tolerance) rescales them all; dust above 5 is 5
        rescaled = max(imps) > MAX_IMPORTANCE + TOLERANCE
        if rescaled:
            top = max(imps)
            imps = [MAX_IMPORTANCE * v / top for v in imps]
        else:
            imps = [min(v, Fraction(MAX_IMPORTANCE)) for v in imps]
        after = dict(zip(crit, imps))
        return Terms("importance", now, after, rescaled, tuple(order_differs(now, after)))
    effective = [r * w for r, w in zip(prob.spans, needed)]
    stated = dict(zip(crit, prob.stated))
    if prob.weighting == Weighting.swing:
        top_now = max(prob.stated)
        top = max(effective)
        points_now = {c: MAX_POINTS * v / top_now for c, v in stated.items()}
        points = {c: (MAX_POINTS * e / top if top > 0 else Fraction(0)) for c, e in zip(crit, effective)}
        return Terms("points", points_now, points, False, tuple(order_differs(points_now, points)))
    after = dict(zip(crit, effective))
    return Terms("ranking", ranking_text(stated, crit), ranking_text(after, crit), False,
                 tuple(order_differs(stated, after)))  # fmt: skip


def _unchanged(blocks: list[_Block], now: dict[str, Fraction]) -> Change:
    """X is already first: no change, every stakeholder where they are."""
    crit = [c.id for c in blocks[0].prob.criteria]
    members: dict[int, Member] = {}
    for b in blocks:
        w = weights(b.prob.importances)
        for s in b.members:
            members[s] = Member(s, Fraction(0), dict(zip(crit, w)), dict(zip(crit, w)), terms(b.prob, w))
    return Change(True, Fraction(0), dict(now), tuple(members[s] for s in sorted(members)), bound=Fraction(0))


def why_not(
    problems: Sequence[Problem],
    model_id: str,
    stakeholder_weights: Sequence[Fraction] | None = None,
    *,
    unlock_ignored: bool = False,
) -> WhyNot:
    """Why MODEL_ID is not first, and the smallest changes of weights (keeping the order, and in any order)
    that would make it first."""
    agg = aggregate(problems, stakeholder_weights)
    shares = check_group(problems, stakeholder_weights)
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
    tied_with = tuple(ids[k] for k in order if k != m and scores[k] == scores[m])
    identical = next((tuple(x for x in g if x != model_id) for g in identical_models(problems) if model_id in g), ())
    strictly = tuple(
        other
        for other in dominated_by
        if usable and all(agg.utilities[ids.index(other)][j] > agg.utilities[m][j] for j in usable)
    )
    ignored = tuple(
        c
        for j, c in enumerate(crit)
        if agg.usable[j] and any(not (prob.stated or prob.importances)[j] for prob in problems)
    )
    blocks = _blocks(problems, shares, unlock_ignored)
    if rank == 1 or not others:
        same = _unchanged(blocks, now)
        any_order = keep_order = same
    else:
        rivals = [k for k in range(len(ids)) if k != m]
        leads = _Leads(blocks, m, rivals)
        any_order = _change(blocks, leads, rivals, ids, keep_order=False)
        if not any_order.possible:
            any_order = Change(False, None, None, blocking=dominated_by or any_order.blocking)
            keep_order = Change(False, None, None, blocking=any_order.blocking)
        else:
            keep_order = _change(blocks, leads, rivals, ids, keep_order=True)
            kept, bound = keep_order.distance, any_order.bound
            if kept is not None and bound is not None and kept - bound <= TOLERANCE:
                # as small in any order, to within the certification tolerance (so within it of the any-order
                # distance too): the answer that keeps the order is the one to give (an optimum as certified)
                any_order = Change(True, kept, keep_order.needed, keep_order.members, bound=bound)
    return WhyNot(
        model_id, rank, ids[w_idx], gap, costs, now, any_order, keep_order, dominated_by, tied_with, identical,
        strictly, unlock_ignored, ignored,
    )  # fmt: skip


def any_order_distance(
    problems: Sequence[Problem], model_id: str, stakeholder_weights: Sequence[Fraction] | None = None
) -> Fraction | None:
    """The certified any-order distance of `why_not` alone (criteria stated as 0 kept at 0): the smallest weighted
    L1 change of the weights that puts MODEL_ID first; 0 when it is first already, None when nothing can."""
    shares = check_group(problems, stakeholder_weights)
    ids = [mo.id for mo in problems[0].models]
    m = ids.index(model_id)
    scores = aggregate(problems, stakeholder_weights).scores()
    if all(scores[m] >= s for s in scores):
        return Fraction(0)
    blocks = _blocks(problems, shares, False)
    rivals = [k for k in range(len(ids)) if k != m]
    return _change(blocks, _Leads(blocks, m, rivals), rivals, ids, keep_order=False).distance


__all__ = ["TOLERANCE", "Change", "Member", "Terms", "WhyNot", "any_order_distance", "terms", "why_not"]

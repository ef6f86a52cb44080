"""How firm is a ranking? SMAA rank acceptability and weight stability intervals.

Robustness: rank acceptability (SMAA-2 style), by Monte Carlo over the uncertainty the inputs
really carry. In each sample, independently for each stakeholder:

- Weights: each criterion with stated importance r > 0 is drawn uniformly from
  [max(0, r - s), r + s], where s is the spread (`--spread`, default 1.0); criteria with
  importance 0 stay 0; then the weights are normalised to sum to 1.
- Ranged cells (`LOW/MED`): the utility is drawn uniformly between the utilities of its two
  ends, independently per cell per sample. (For a target criterion such as horizon, between
  the worst and the best utility of the levels the cell covers.) Single-level cells keep
  their exact utility; the `--ranges` mode plays no part, since ranged cells are sampled.
- With `--ordinal` (SMAA-O style), the interior levels of each scale are also drawn per
  sample as sorted uniform values in (0, 1) instead of being equally spaced (or placed at the
  models file's `values`); the ends stay at 0 and 1.
- Constraints and exclusions apply as in the plain ranking.

A group's score for a model is the stakeholder-weighted mean of the stakeholders' scores. A
tie among k models over ranks r..r+k-1 adds 1/k to each of those ranks for each tied model,
so every model's row and every rank's column of the acceptability matrix sums to 1. Scores
are summed with `math.fsum`, so models with identical utilities tie exactly, and the only
source of randomness is `random.Random(seed).random()`: the same seed gives the same numbers
on any machine. A model's central weights are the average normalised weight vector over the
samples where it ranks first (a first place shared by k models counts 1/k): what you would
have to believe for it to win. For a group they average the stakeholder-weighted mean of the
stakeholders' normalised weight vectors.

Stability: weight stability intervals. The top model is the first model ranked 1 by the exact
scores (for a group, by the stakeholder-weighted mean of the stakeholders' exact scores).
For each criterion c, with every other importance held at its stated value, [low, high] is
the interval of c's importance over which the top model stays first (a shared first place
counts as first). `high` is None when it stays first however high c's importance goes.
`below` and `above` name the model that wins just outside the interval: `below` is None when
the interval reaches down to 0, and `above` is None when the interval is unbounded or `high`
is above 5, the top of the importance scale. When several models cross at the same point,
the one with the best score just beyond it wins; remaining ties go to the earlier model.

For one person, with x the importance of c, every model scores 100 (A_m + x u_mc) / (R + x)
over the same positive denominator, so the bounds are exact fractions. For a group, every
stakeholder's importance of c moves by one common amount d, never taking anyone's below 0;
`importance`, `low` and `high` are the stakeholder-weighted mean importance of c plus d, so
the interval's lowest possible end is where the lowest stakeholder's importance reaches 0
(then `below` is None). The group's scores are rational functions of d over a common positive
denominator, so its bounds are roots of polynomials with exact rational coefficients,
isolated with Sturm sequences: rational roots are found exactly, and an irrational one is
given as the fraction at the inner end of an isolating interval narrower than 1e-12.

A target criterion with no target level chosen (for any stakeholder) cannot be given an
importance, so it has no stability interval. A group whose stakeholders' importances add up to
more than MAX_GROUP_TOTALS different totals, or have more than 3 decimals, is refused with an
InputError rather than computed slowly (see MAX_GROUP_TOTALS).
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import add, mul

from mcstrat.engine import Problem, score_with
from mcstrat.errors import InputError
from mcstrat.priorities import MAX_IMPORTANCE  # a model taking over only above it is not reported

MAX_SAMPLES = 1_000_000
#: Irrational stability bounds are given to within this.
TOLERANCE = Fraction(1, 10**12)


@dataclass(frozen=True)
class SmaaResult:
    """Rank acceptability indices from Monte Carlo sampling (SMAA-2 style)."""

    samples: int
    seed: int
    spread: float
    ordinal: bool
    model_ids: tuple[str, ...]  # in the problem's model order
    acceptability: dict[str, list[float]]  # model id -> [P(rank 1), P(rank 2), ...]; rows and columns sum to 1
    central_weights: dict[str, dict[str, float] | None]  # mean normalised weights where the model ranks first


@dataclass(frozen=True)
class StabilityInterval:
    """The importance range of one criterion within which the current top model stays first."""

    criterion: str
    importance: Fraction  # the stated importance (for a group: the stakeholders' weighted mean)
    low: Fraction  # never below 0
    high: Fraction | None  # None: unbounded above
    below: str | None  # model id winning just below `low` (None if low == 0; for a group, if someone's reaches 0)
    above: str | None  # model id winning just above `high` (None if unbounded or high > 5)


# -- shared checks ---------------------------------------------------------------------------


def _group(problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None) -> list[Fraction]:
    """Check that PROBLEMS describe one decision; return the stakeholder weights."""
    if not problems:
        raise InputError("no stakeholder to analyse; give at least one set of priorities")
    first = problems[0]
    model_ids = [mo.id for mo in first.models]
    criterion_ids = [c.id for c in first.criteria]
    if not model_ids:
        raise InputError("no model to rank; relax a constraint or exclude fewer models")
    for number, prob in enumerate(problems, 1):
        if [mo.id for mo in prob.models] != model_ids:
            raise InputError(
                f"stakeholder {number} ranks other models than stakeholder 1; "
                "every stakeholder must rank the same models (apply the same exclusions and constraints)"
            )
        if [c.id for c in prob.criteria] != criterion_ids or len(prob.importances) != len(criterion_ids):
            raise InputError(f"stakeholder {number} uses other criteria than stakeholder 1; use one models file")
        if any(r < 0 for r in prob.importances) or not any(r > 0 for r in prob.importances):
            raise InputError(
                f"stakeholder {number} has no importance above 0 (or one below 0); give each criterion 0 to 5"
            )
    if stakeholder_weights is None:
        return [Fraction(1)] * len(problems)
    if len(stakeholder_weights) != len(problems):
        raise InputError(
            f"{len(stakeholder_weights)} stakeholder weights for {len(problems)} stakeholders; give one weight each"
        )
    weights = []
    for number, w in enumerate(stakeholder_weights, 1):
        value = Fraction(w)
        if value <= 0:
            raise InputError(f"stakeholder {number} has weight {w}; use a positive number such as 1")
        weights.append(value)
    return weights


# -- SMAA --------------------------------------------------------------------------------------

_BENEFIT, _COST, _TARGET, _FLAT = range(4)

_Row = list[float]  # one model's utility per column, overwritten where it varies
#: A scale redrawn per sample in ordinal mode: column, kind, target level, interior levels,
#: single-level cells as (row, level) and ranged cells as (first level, last level, rows).
_Scale = tuple[int, int, int, int, list[tuple[_Row, int]], list[tuple[int, int, list[_Row]]]]


def _float_levels(kind: int, positions: list[float], target: int) -> list[float]:
    """`engine.level_utilities` in floats, for positions drawn per sample."""
    if kind == _BENEFIT:
        return positions
    if kind == _COST:
        return [1.0 - p for p in positions]
    if kind == _TARGET:
        at = positions[target]
        return [1.0 - abs(p - at) for p in positions]
    return [0.0] * len(positions)


def _sampled_cells(
    problems: Sequence[Problem], columns: list[tuple[int, int]], rows: list[_Row]
) -> list[tuple[_Row, int, float, float]]:
    """Fill ROWS with fixed utilities; return the ranged cells as (row, column, low, width)."""
    intervals = [prob.intervals() for prob in problems]
    varying = []
    for k, (who, j) in enumerate(columns):
        for row, cells in zip(rows, intervals[who]):
            worst, best = cells[j]
            row[k] = float(worst)
            if worst != best:
                varying.append((row, k, float(worst), float(best) - float(worst)))
    return varying


def _ordinal_scales(problems: Sequence[Problem], columns: list[tuple[int, int]], rows: list[_Row]) -> list[_Scale]:
    """Each column's scale and the cells that read it, for redrawing levels per sample."""
    scales = []
    for k, (who, j) in enumerate(columns):
        prob = problems[who]
        crit = prob.criteria[j]
        target = prob.targets[j]
        kind = {"benefit": _BENEFIT, "cost": _COST}.get(crit.direction, _TARGET if target is not None else _FLAT)
        fixed: list[tuple[_Row, int]] = []
        ranged: dict[tuple[int, int], list[_Row]] = {}
        for row, ratings in zip(rows, prob.ratings):
            rating = ratings[j]
            if rating.is_range:
                ranged.setdefault((rating.lo, rating.hi), []).append(row)
            else:
                fixed.append((row, rating.lo))
        spans = [(lo, hi, members) for (lo, hi), members in ranged.items()]
        scales.append((k, kind, target or 0, len(crit.scale) - 2, fixed, spans))
    return scales


def smaa(
    problems: Sequence[Problem],
    stakeholder_weights: Sequence[Fraction] | None = None,
    *,
    samples: int = 10_000,
    seed: int = 1,
    spread: float = 1.0,
    ordinal: bool = False,
) -> SmaaResult:
    """Rank acceptability and central weights of each model under the sampling model above."""
    weights = _group(problems, stakeholder_weights)
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise InputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, not {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError(f"seed must be a whole number, not {seed!r}")
    if isinstance(spread, bool) or not isinstance(spread, (int, float)) or not math.isfinite(spread) or spread < 0:
        raise InputError(f"spread must be a finite number of at least 0, not {spread!r}")
    s = float(spread)
    first = problems[0]
    n_models = len(first.models)
    group = len(problems) > 1
    total_weight = sum(weights, Fraction(0))

    # One column per (stakeholder, criterion) with importance > 0: the others never count.
    columns: list[tuple[int, int]] = []
    draws: list[tuple[list[tuple[float, float]], float]] = []  # per stakeholder: (low, width) per column; share
    for who, prob in enumerate(problems):
        ranges = []
        for j, r in enumerate(prob.importances):
            if r > 0:
                columns.append((who, j))
                low = max(0.0, float(r) - s)
                ranges.append((low, float(r) + s - low))
        draws.append((ranges, float(weights[who] / total_weight)))
    rows: list[_Row] = [[0.0] * len(columns) for _ in range(n_models)]
    varying = [] if ordinal else _sampled_cells(problems, columns, rows)
    scales = _ordinal_scales(problems, columns, rows) if ordinal else []

    # acceptability is counted in units of 1/lcm(1..n) of a sample, so shared ranks add up exactly
    unit = math.lcm(*range(1, n_models + 1))
    shares = [0] + [unit // k for k in range(1, n_models + 1)]
    counts = [[0] * n_models for _ in range(n_models)]
    central = [[0.0] * len(columns) for _ in range(n_models)]  # summed normalised weights where first
    model_order = list(range(n_models))

    rnd = random.Random(seed).random
    fsum = math.fsum
    for _ in range(samples):
        raw: list[float] = []
        normal: list[float] = []  # normalised, and scaled by the stakeholder's share of the group
        for ranges, share in draws:
            while True:
                drawn = [low + width * rnd() for low, width in ranges]
                total = fsum(drawn)
                if total > 0.0:  # all-zero draws have probability ~0 but would not normalise
                    break
            raw += drawn
            normal += [w / total * share for w in drawn]
        coefficients = normal if group else raw  # one person's ranking needs no normalising

        if ordinal:
            for k, kind, target, inner, fixed, spans in scales:
                # a three-level scale (the usual) has one interior level: nothing to sort
                positions = [0.0, rnd(), 1.0] if inner == 1 else [0.0, *sorted([rnd() for _ in range(inner)]), 1.0]
                levels = _float_levels(kind, positions, target)
                for row, level in fixed:
                    row[k] = levels[level]
                for lo, hi, members in spans:
                    covered = levels[lo : hi + 1]
                    low = min(covered)
                    width = max(covered) - low
                    for row in members:
                        row[k] = low + width * rnd()
        else:
            for row, k, low, width in varying:
                row[k] = low + width * rnd()

        scores = [fsum(map(mul, coefficients, row)) for row in rows]
        order = sorted(model_order, key=scores.__getitem__, reverse=True)
        place = 0
        while place < n_models:
            score = scores[order[place]]
            end = place + 1
            while end < n_models and scores[order[end]] == score:
                end += 1
            tied = end - place
            if tied == 1:
                counts[order[place]][place] += unit
            else:
                part = shares[tied]
                for q in range(place, end):
                    row_counts = counts[order[q]]
                    for slot in range(place, end):
                        row_counts[slot] += part
            if place == 0:
                if tied == 1:
                    central[order[0]] = list(map(add, central[order[0]], normal))
                else:
                    portion = 1.0 / tied
                    for i in order[:end]:
                        central[i] = [c + w * portion for c, w in zip(central[i], normal)]
            place = end

    model_ids = tuple(mo.id for mo in first.models)
    acceptability = {mid: [c / (unit * samples) for c in counts[i]] for i, mid in enumerate(model_ids)}
    central_weights: dict[str, dict[str, float] | None] = {}
    for i, mid in enumerate(model_ids):
        if counts[i][0] == 0:
            central_weights[mid] = None
            continue
        firsts = counts[i][0] / unit  # samples where it ranks first, a shared first place counting 1/k
        by_criterion = [0.0] * len(first.criteria)
        for k, (_, j) in enumerate(columns):
            by_criterion[j] += central[i][k]
        central_weights[mid] = {c.id: w / firsts for c, w in zip(first.criteria, by_criterion)}
    return SmaaResult(
        samples=samples,
        seed=seed,
        spread=s,
        ordinal=ordinal,
        model_ids=model_ids,
        acceptability=acceptability,
        central_weights=central_weights,
    )


# -- exact polynomials (coefficients lowest degree first, no trailing zeros) ---------------------

_Poly = list[Fraction]


def _trim(p: _Poly) -> _Poly:
    while p and p[-1] == 0:
        p.pop()
    return p


def _add(p: _Poly, q: _Poly) -> _Poly:
    out = [Fraction(0)] * max(len(p), len(q))
    for i, c in enumerate(p):
        out[i] += c
    for i, c in enumerate(q):
        out[i] += c
    return _trim(out)


def _sub(p: _Poly, q: _Poly) -> _Poly:
    return _add(p, [-c for c in q])


def _mul(p: _Poly, q: _Poly) -> _Poly:
    if not p or not q:
        return []
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return _trim(out)


def _eval(p: _Poly, x: Fraction) -> Fraction:
    out = Fraction(0)
    for c in reversed(p):
        out = out * x + c
    return out


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def _divmod(p: _Poly, q: _Poly) -> tuple[_Poly, _Poly]:
    rem = list(p)
    quot = [Fraction(0)] * max(len(p) - len(q) + 1, 0)
    while len(rem) >= len(q):
        factor = rem[-1] / q[-1]
        shift = len(rem) - len(q)
        quot[shift] = factor
        for i, c in enumerate(q):
            rem[shift + i] -= factor * c
        rem.pop()  # its leading term is now zero
        _trim(rem)
    return _trim(quot), rem


def _monic(p: _Poly) -> _Poly:
    return [c / p[-1] for c in p]


def _gcd(p: _Poly, q: _Poly) -> _Poly:
    while q:
        p, q = q, _divmod(p, q)[1]
    return _monic(p) if p else p


def _squarefree(p: _Poly) -> _Poly:
    """P with every repeated root made simple (same roots, monic)."""
    if len(p) <= 2:
        return _monic(p)
    derivative = [i * c for i, c in enumerate(p)][1:]
    return _monic(_divmod(p, _gcd(p, derivative))[0])


def _integer(p: _Poly) -> list[int]:
    """A positive multiple of P with integer coefficients: the same sign everywhere, cheaper to evaluate."""
    if not p:
        return []
    scale = math.lcm(*(c.denominator for c in p))
    ints = [int(c * scale) for c in p]
    common = math.gcd(*ints)
    return [c // common for c in ints]


def _sign_at(p: list[int], x: Fraction) -> int:
    """The sign of integer polynomial P at X, in integers: den(x)^deg * P(x)."""
    num, den = x.numerator, x.denominator
    acc, power = 0, 1
    for c in reversed(p):
        acc = acc * num + c * power
        power *= den
    return (acc > 0) - (acc < 0)


def _sturm(p: _Poly) -> list[list[int]]:
    """The Sturm sequence of P, each member scaled to integers."""
    seq = [p, [i * c for i, c in enumerate(p)][1:]]
    while len(seq[-1]) > 1:
        rem = _divmod(seq[-2], seq[-1])[1]
        if not rem:
            break
        seq.append([-c for c in rem])
    return [_integer(q) for q in seq]


def _count(seq: list[list[int]], a: Fraction, b: Fraction) -> int:
    """Distinct roots in (a, b] of the square-free polynomial whose Sturm sequence is SEQ."""

    def variations(x: Fraction) -> int:
        signs = [s for s in (_sign_at(q, x) for q in seq) if s]
        return sum(1 for u, v in itertools.pairwise(signs) if u != v)

    return variations(a) - variations(b)


def _taylor(p: _Poly, x: Fraction) -> _Poly:
    """The coefficients of p(x + h) in h."""
    coeffs = list(p)
    n = len(coeffs)
    for i in range(n):
        for k in range(n - 2, i - 1, -1):
            coeffs[k] += x * coeffs[k + 1]
    return coeffs


class _Root:
    """A real root: EXACT, or the only root of the square-free POLY in (lo, hi]."""

    def __init__(self, poly: _Poly, lo: Fraction, hi: Fraction, exact: Fraction | None = None) -> None:
        self.poly = poly
        self.ints = _integer(poly)
        self.seq: list[list[int]] | None = None  # made only if bisection by sign cannot decide
        self.lo = lo
        self.hi = hi
        self.exact = exact
        self.lo_sign = _sign_at(self.ints, lo) if exact is None else 0

    def refine(self) -> None:
        """Halve the isolating interval (or find the root exactly)."""
        if self.exact is not None:
            return
        mid = (self.lo + self.hi) / 2
        sign = _sign_at(self.ints, mid)
        if sign == 0:
            self.exact = self.lo = self.hi = mid
            return
        if self.lo_sign:  # a simple root, the only one in (lo, hi]: the sign changes across it
            left = sign != self.lo_sign
        else:  # lo is another root of POLY: count
            if self.seq is None:
                self.seq = _sturm(self.poly)
            left = _count(self.seq, self.lo, mid) == 1
        if left:
            self.hi = mid
        else:
            self.lo, self.lo_sign = mid, sign

    def found(self) -> bool:
        """True once the root is known exactly."""
        return self.exact is not None

    def inside(self, towards_high: bool) -> Fraction:
        """The root if exact, else the end of its interval on the given side."""
        if self.exact is not None:
            return self.exact
        return self.lo if towards_high else self.hi


def _exact_root(x: Fraction) -> _Root:
    return _Root([-x, Fraction(1)], x, x, x)


def _isolate(p: _Poly, a: Fraction, b: Fraction) -> list[_Root]:
    """The roots of square-free P in (a, b], in increasing order; rational ones exactly."""
    seq = _sturm(p)
    ints = seq[0]
    leading = abs(ints[-1])  # a rational root's denominator divides it
    width = min(TOLERANCE, Fraction(1, leading**2))
    out: list[_Root] = []
    stack = [(a, b)]
    while stack:
        lo, hi = stack.pop()
        found = _count(seq, lo, hi)
        if found <= 0:
            continue
        if found > 1:
            mid = (lo + hi) / 2
            stack.append((mid, hi))
            stack.append((lo, mid))
            continue
        if _sign_at(ints, hi) == 0:
            out.append(_exact_root(hi))
            continue
        root = _Root(p, lo, hi)
        root.seq = seq
        while root.exact is None and root.hi - root.lo >= width:
            root.refine()
        if root.exact is None:
            # narrower than 1/leading^2, the interval holds at most one fraction whose denominator divides leading
            guess = ((root.lo + root.hi) / 2).limit_denominator(leading)
            if root.lo < guess <= root.hi and _sign_at(ints, guess) == 0:
                root = _exact_root(guess)
        out.append(root)
    return out


def _beyond(f: _Poly, root: _Root, right: bool) -> int:
    """The sign of F just right (or left) of ROOT."""
    if not f:
        return 0
    if root.exact is not None:
        coeffs = _taylor(f, root.exact)
        k = next(i for i, c in enumerate(coeffs) if c)
        return _sign(coeffs[k]) * (1 if right or k % 2 == 0 else -1)
    # refine until F's only root left in (lo, hi] is ROOT itself (if F vanishes there) or none
    common = _gcd(f, root.poly)
    vanishes = len(common) > 1 and _count(_sturm(common), root.lo, root.hi) == 1
    seq = _sturm(_squarefree(f)) if len(f) > 1 else [_integer(f)]
    ints = _integer(f)
    while (
        _count(seq, root.lo, root.hi) != int(vanishes) or _sign_at(ints, root.lo) == 0 or _sign_at(ints, root.hi) == 0
    ):
        root.refine()
        if root.found():
            return _beyond(f, root, right)
    return _sign_at(ints, root.hi if right else root.lo)


def _compare(a: _Root, b: _Root) -> int:
    """Order two roots, refining isolated ones until they separate or prove equal."""
    x, y = a.exact, b.exact
    if x is not None and y is not None:
        return _sign(x - y)
    if x is None and y is not None:
        return -_compare(b, a)
    if x is not None:
        if b.lo < x <= b.hi:
            if _sign_at(b.ints, x) == 0:  # the only root of b's polynomial there
                return 0
            b.refine()
            return _compare(a, b)
        return -1 if x <= b.lo else 1
    # two isolated roots, both proven irrational
    if a.hi <= b.lo or b.hi <= a.lo:
        return -1 if a.hi <= b.lo else 1
    common = _gcd(a.poly, b.poly)
    if len(common) > 1 and _count(_sturm(common), a.lo, a.hi) == 1:
        # a's root is a root of b's polynomial, which has no other root in b's interval: equal if inside it
        while not (a.hi <= b.lo or b.hi <= a.lo):
            if b.lo <= a.lo and a.hi <= b.hi:
                return 0
            a.refine()
        return -1 if a.hi <= b.lo else 1
    while not (a.hi <= b.lo or b.hi <= a.lo):
        a.refine()
        b.refine()
    return -1 if a.hi <= b.lo else 1


def _roots(polys: list[_Poly], a: Fraction) -> list[_Root]:
    """Every distinct root above A of the POLYS, in increasing order."""
    roots: list[_Root] = []
    seen: set[tuple[Fraction, ...]] = set()
    for p in polys:
        if len(p) < 2:
            continue
        g = _squarefree(p)
        if tuple(g) in seen:
            continue
        seen.add(tuple(g))
        if len(g) == 2:
            x = -g[0] / g[1]
            if a < x:
                roots.append(_exact_root(x))
        else:
            bound = 1 + max(abs(c / g[-1]) for c in g)  # Cauchy: every root is smaller in size
            roots.extend(_isolate(g, max(a, -bound), bound))
    roots.sort(key=functools.cmp_to_key(_compare))
    out: list[_Root] = []
    for root in roots:
        if not out or _compare(out[-1], root) != 0:
            out.append(root)
    return out


# -- stability ---------------------------------------------------------------------------------


def stability(
    problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None
) -> dict[str, StabilityInterval]:
    """Per criterion, the importance interval over which the current top model stays first."""
    weights = _group(problems, stakeholder_weights)
    _check_group_size(problems)
    first = problems[0]
    total_weight = sum(weights, Fraction(0))
    utilities = [prob.utilities() for prob in problems]
    per_person = [score_with(prob, list(prob.importances)) for prob in problems]
    group_scores = [
        sum((w * scores[m] for w, scores in zip(weights, per_person)), Fraction(0)) for m in range(len(first.models))
    ]
    top = group_scores.index(max(group_scores))
    out: dict[str, StabilityInterval] = {}
    for j, crit in enumerate(first.criteria):
        if crit.direction == "target" and any(prob.targets[j] is None for prob in problems):
            continue
        out[crit.id] = _criterion(problems, weights, total_weight, utilities, top, j)
    return out


#: Group stability is exact: its bounds are roots of a polynomial whose degree is the number of
#: different importance totals among the stakeholders, with coefficients as long as their
#: decimals. Past these limits the root isolation takes seconds to minutes (measured: 12 totals
#: with 3-decimal importances, 1.9 s; 20 totals with 2 decimals, 19 s), so it is refused instead.
MAX_GROUP_TOTALS = 12
MAX_DENOMINATOR = 1000  # importances with at most 3 decimals


def _check_group_size(problems: Sequence[Problem]) -> None:
    if len(problems) < 2:
        return  # one person's bounds are linear: always fast
    totals = {sum(prob.importances, Fraction(0)) for prob in problems}
    precise = any(r.denominator > MAX_DENOMINATOR for prob in problems for r in prob.importances)
    if len(totals) > MAX_GROUP_TOTALS or precise:
        why = []
        if len(totals) > MAX_GROUP_TOTALS:
            why.append(f"their importances add up to {len(totals)} different totals (at most {MAX_GROUP_TOTALS})")
        if precise:
            why.append("some importances have more than 3 decimals")
        raise InputError(
            f"--stability for a group is computed exactly, and for these {len(problems)} stakeholders it would take "
            f"too long: {' and '.join(why)}; round importances to at most 3 decimals, rank fewer stakeholders "
            "together, or leave out --stability (--robustness has no such limit)"
        )


def _criterion(
    problems: Sequence[Problem],
    weights: list[Fraction],
    total_weight: Fraction,
    utilities: list[list[list[Fraction]]],
    top: int,
    j: int,
) -> StabilityInterval:
    """The stability interval of criterion J (see the module docstring)."""
    first = problems[0]
    stated = [prob.importances[j] for prob in problems]
    mean = sum((w * r for w, r in zip(weights, stated)), Fraction(0)) / total_weight
    floor = -min(stated)  # the common shift d may not take anyone's importance below 0
    # Person s scores model m as 100 N_sm(d) / (T_s + d); over one common denominator, the group's
    # scores are H_m(d) / prod_T (T + d) up to a positive constant, so H_m orders the models.
    classes: dict[Fraction, list[int]] = {}
    for who, prob in enumerate(problems):
        classes.setdefault(sum(prob.importances, Fraction(0)), []).append(who)
    numerators: list[_Poly] = []
    for m in range(len(first.models)):
        h: _Poly = []
        for total, members in classes.items():
            part: _Poly = []
            for who in members:
                prob, u = problems[who], utilities[who][m]
                now = sum((r * x for r, x in zip(prob.importances, u)), Fraction(0))
                part = _add(part, [weights[who] * now, weights[who] * u[j]])
            for other in classes:
                if other != total:
                    part = _mul(part, [other, Fraction(1)])
            h = _add(h, part)
        numerators.append(h)
    gaps = [_sub(numerators[top], h) for h in numerators]  # >= 0 where the top model is first

    def crossing(events: list[_Root], right: bool) -> tuple[_Root, str] | None:
        """The first event where some model overtakes the top model, and who wins just beyond."""
        for event in events:
            beaters = [m for m, gap in enumerate(gaps) if _beyond(gap, event, right) < 0]
            if beaters:
                best = beaters[0]
                for m in beaters[1:]:
                    if _beyond(_sub(numerators[m], numerators[best]), event, right) > 0:
                        best = m
                return event, first.models[best].id
        return None

    zero = _exact_root(Fraction(0))
    lowest = _exact_root(floor)
    events = _roots(gaps, floor - 1)
    high_hit = crossing([r for r in events if _compare(r, zero) >= 0], right=True)
    low_hit = crossing([r for r in reversed(events) if _compare(r, zero) <= 0 and _compare(r, lowest) > 0], right=False)

    high = above = None
    if high_hit is not None:
        high = mean + high_hit[0].inside(towards_high=True)
        above = high_hit[1] if high <= MAX_IMPORTANCE else None
    if low_hit is not None:
        low, below = mean + low_hit[0].inside(towards_high=False), low_hit[1]
    else:
        low, below = mean + floor, None
    return StabilityInterval(
        criterion=first.criteria[j].id, importance=mean, low=low, high=high, below=below, above=above
    )


__all__ = ["SmaaResult", "StabilityInterval", "smaa", "stability"]

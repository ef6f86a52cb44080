"""The aggregate model of a decision: one weight per criterion and one utility per cell, exactly.

For stakeholders s with normalised shares λ_s (one person: λ = 1), normalised weights w_sc
and utilities u_smc (the ranking's, after the --ranges mode and their own target levels):

- the group weight of criterion c is ``W_c = sum_s λ_s w_sc`` (the W_c sum to 1);
- the group utility of model m on c is ``ū_mc = sum_s λ_s w_sc u_smc / W_c``, the mean of the
  stakeholders' utilities weighted by how much each weighs c. When no one weighs c (W_c = 0) it
  is the share-weighted mean over the stakeholders for whom c has a utility (a target criterion
  has one only once a target level is chosen); a criterion with no utility for anyone is
  not ``usable`` (it cannot be weighted).

so the group's score of m is exactly ``sum_c W_c ū_mc`` (times 100), the stakeholder-weighted
mean of their scores. This is the model `--stability` and `why-not` work on, and the one
dominance compares, as group.py's ranking reports the same weights and utilities.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from mcstrat.analyses.ranking import Problem, weights
from mcstrat.core.vocabulary import Direction
from mcstrat.errors import InputError

#: Units of exact work the aggregate model may take: one per term (stakeholder x model x criterion), about
#: 2 s per million, plus the size of the numbers (exact_work).
MAX_EXACT_WORK = 1_000_000
#: Digit operations (see exact_work) that cost what one term does here; measured on the slowest user of the
#: aggregate model, why-not with its exact witness checks (issue 18: 300 members with importances 1/p, p
#: of 18 digits, took 9 s).
DIGITS_PER_TERM = 12_000
#: Below this many digits per added term, Python's own cost of a Fraction addition dominates (measured).
DIGIT_FLOOR = 60


def common_digits(numbers: Iterable[Fraction], most: int) -> int:
    """Decimal digits of the least common multiple of the denominators of NUMBERS, counting no further once
    past MOST (so a refusal costs little however large the numbers are): a result above MOST is a lower bound."""
    common = 1
    for den in dict.fromkeys(number.denominator for number in numbers):
        common = math.lcm(common, den)
        if _digits(common) > most:
            break
    return _digits(common)


def _digits(number: int) -> int:
    """Decimal digits of a positive NUMBER (str() refuses more than 4,300; beyond, from its bits, +-1)."""
    return len(str(number)) if number.bit_length() < 10_000 else int(number.bit_length() * math.log10(2)) + 1


def exact_work(
    people: int, models: int, criteria: int, numbers: Iterable[Fraction], limit: int, per_term: int
) -> tuple[int, int]:
    """(units of work, digits) of a group's exact sums, counting digits as well as terms (issue 18).

    Each of the MODELS x CRITERIA group sums adds PEOPLE fractions; their common denominator grows to
    D digits (common_digits of NUMBERS: the stakeholders' weights and shares), and each addition
    costs about D x max(D / PEOPLE, DIGIT_FLOOR) digit operations, so a sum costs about
    max(D^2, DIGIT_FLOOR x PEOPLE x D) of them; PER_TERM of them cost what one term does. Whole or
    one-decimal importances keep D small (below 20 and 200 digits); fractions with large co-prime
    denominators make it grow with every member (300 members with 1/p, p of 18 digits: 35,000
    digits). Digits are counted only as far as LIMIT needs: past it, both figures are lower bounds.
    """
    terms = people * models * criteria
    budget = max(limit - terms, 0) * per_term // max(models * criteria, 1)
    most = min(math.isqrt(budget), budget // max(DIGIT_FLOOR * people, 1))
    digits = common_digits(numbers, most)
    return terms + models * criteria * max(digits * digits, DIGIT_FLOOR * people * digits) // per_term, digits


@dataclass(frozen=True)
class Aggregate:
    """Group weights W_c and group utilities ū_mc (see the module docstring)."""

    model_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    weights: tuple[Fraction, ...]  # W_c, summing to 1
    utilities: tuple[tuple[Fraction, ...], ...]  # [model][criterion] ū_mc
    usable: tuple[bool, ...]  # False: a target criterion with no target level for anyone

    def scores(self, w: Sequence[Fraction] | None = None) -> list[Fraction]:
        """Each model's exact score (0..100) under weights W (default: the group's)."""
        w = self.weights if w is None else w
        return [100 * sum((wc * u for wc, u in zip(w, row) if wc), Fraction(0)) for row in self.utilities]


def utilities_of(problems: Sequence[Problem]) -> list[list[list[Fraction]]]:
    """Each problem's [model][criterion] utilities, computed once per distinct (targets, ranges mode).

    The problems of one decision share models and ratings (check_group), so their utilities differ
    only through target levels and the --ranges mode.
    """
    seen: dict[tuple[tuple[int | None, ...], str], list[list[Fraction]]] = {}
    out = []
    for prob in problems:
        key = (prob.targets, prob.ranges)
        if key not in seen:
            seen[key] = prob.utilities()
        out.append(seen[key])
    return out


def check_group(problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None) -> list[Fraction]:
    """Check that PROBLEMS describe one decision; return the stakeholder shares (summing to 1)."""
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
        given = [Fraction(1)] * len(problems)
    else:
        if len(stakeholder_weights) != len(problems):
            raise InputError(
                f"{len(stakeholder_weights)} stakeholder weights for {len(problems)} stakeholders; give one weight each"
            )
        given = []
        for number, w in enumerate(stakeholder_weights, 1):
            value = Fraction(w)
            if value <= 0:
                raise InputError(f"stakeholder {number} has weight {w}; use a positive number such as 1")
            given.append(value)
    total = sum(given, Fraction(0))
    return [w / total for w in given]


def distinct(
    problems: Sequence[Problem], shares: Sequence[Fraction]
) -> tuple[list[Problem], list[Fraction], list[int]]:
    """Identical stakeholders as one: (the distinct problems, their shares summed exactly, each input's index).

    Two problems are identical when everything an analysis reads from them is: importances (the
    local space reads them as stated), statement, weighting, target levels, --ranges mode and
    criterion ranges; models and ratings are one decision's already (check_group). k identical
    stakeholders then count exactly as one with their summed share: in floating point too.
    """
    seen: dict[tuple[object, ...], int] = {}
    out: list[Problem] = []
    summed: list[Fraction] = []
    index: list[int] = []
    for prob, share in zip(problems, shares):
        key = (prob.importances, prob.stated, prob.weighting, prob.targets, prob.ranges, prob.spans)
        if key not in seen:
            seen[key] = len(out)
            out.append(prob)
            summed.append(Fraction(0))
        summed[seen[key]] += share
        index.append(seen[key])
    return out, summed, index


def aggregate(problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None) -> Aggregate:
    """The aggregate model of PROBLEMS (one per stakeholder) with their weights."""
    shares = check_group(problems, stakeholder_weights)
    first = problems[0]
    n_crit = len(first.criteria)
    ws = [weights(prob.importances) for prob in problems]
    terms = len(problems) * len(first.models) * n_crit
    numbers = itertools.chain(shares, *ws)
    work, digits = exact_work(len(problems), len(first.models), n_crit, numbers, MAX_EXACT_WORK, DIGITS_PER_TERM)
    if work > MAX_EXACT_WORK:
        size = (
            f"{len(problems)} stakeholder(s) x {len(first.models)} models x {n_crit} criteria is {terms:,} exact terms"
        )
        if terms > MAX_EXACT_WORK:
            raise InputError(
                f"this analysis is exact, and {size} (at most {MAX_EXACT_WORK:,}), which would take too long; "
                "rank fewer models (--exclude, --require) or fewer stakeholders together"
            )
        # the terms fit: the size of the numbers is what does not (a refusal counts digits only so far)
        raise InputError(
            f"this analysis is exact, and {size} with numbers of at least {digits:,} digits, at least {work:,} "
            f"units of work (at most {MAX_EXACT_WORK:,}), which would take too long; write importances with "
            "fewer digits (0.25 rather than 1/7919: fractions with large denominators make every exact sum "
            "carry them all), or rank fewer stakeholders together"
        )
    us = utilities_of(problems)
    has = [
        [not (c.direction == Direction.target and prob.targets[j] is None) for j, c in enumerate(prob.criteria)]
        for prob in problems
    ]
    group_w = [sum((lam * w[j] for lam, w in zip(shares, ws)), Fraction(0)) for j in range(n_crit)]
    usable = tuple(any(h[j] for h in has) for j in range(n_crit))
    rows = []
    for m in range(len(first.models)):
        row = []
        for j in range(n_crit):
            if group_w[j] > 0:
                row.append(sum((lam * w[j] * u[m][j] for lam, w, u in zip(shares, ws, us)), Fraction(0)) / group_w[j])
            elif usable[j]:
                part = [(lam, u[m][j]) for lam, u, h in zip(shares, us, has) if h[j]]
                row.append(sum((lam * x for lam, x in part), Fraction(0)) / sum((lam for lam, _ in part), Fraction(0)))
            else:
                row.append(Fraction(0))
        rows.append(tuple(row))
    return Aggregate(
        model_ids=tuple(mo.id for mo in first.models),
        criterion_ids=tuple(c.id for c in first.criteria),
        weights=tuple(group_w),
        utilities=tuple(rows),
        usable=usable,
    )


__all__ = [
    "DIGITS_PER_TERM",
    "MAX_EXACT_WORK",
    "Aggregate",
    "aggregate",
    "check_group",
    "common_digits",
    "distinct",
    "exact_work",
    "utilities_of",
]

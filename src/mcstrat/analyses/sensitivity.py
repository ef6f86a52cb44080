"""The table's own uncertainty: which single ratings the winner hangs on, and how few it takes to change it.

Table 2's cells are one practitioner's judgements, so this asks what happens if a cell is one
level off. Exact (Fractions throughout) and cheap, so every ranking carries it.

Definitions:

- A **move** takes one cell of a *ranked* model (excluded models are not moved) one level down
  or up its scale; a ranged cell moves both ends (``LOW/MED`` up is ``MED/HIGH``). A move that
  would push an end off the scale is skipped (``LOW/MED`` has no move down). ``from`` and ``to``
  are the cell as the scale spells it.
- The **winner** is the set of models tied first at the exact score. The priorities stay as
  they are (importances, swing points or a ranking already turned into weights over the ranges of
  the models ranked, as rated): a move changes the table, not what anyone stated. For a group the score is the
  group's (the stakeholders' scores averaged with their shares, each stakeholder's own target
  levels and ``--ranges`` mode), as analyses/group.py ranks it.
- **Hard limits still apply**: every limit of the decision (each member's ``require`` and the
  whole group's) is checked again on the moved cell, over its whole range as always, and a model
  that then breaks one drops out of the ranking (``--exclude`` is unaffected: only ranked models
  move). If the winner drops out, the winner changes; if nothing is left, the new winner is
  empty.
- A move **changes the winner** when the winner after it (the problem with that one cell changed,
  re-ranked exactly) differs from today's. ``cells`` lists every such move with the new winner,
  models in ranking order, criteria in the models file's order, the move down before the move up.
- ``min_changes`` is the smallest number of moves, on distinct cells, that together change the
  winner: 1 when a cell is listed, else 2 or 3, or None when even three do not (the search stops
  there).

Each move changes one model's score by an exact amount, ``delta = 100 sum_s lambda_s w_sc
(u'_smc - u_smc)`` (the group's sum; for one person lambda = 1), or drops that model; moves on
distinct cells add up, since a score is a sum over cells. Every cell value is an exact Fraction,
put over the values' common denominator, so the sums and comparisons below are integer
arithmetic, as exact as Fractions and faster. So every move is scored once, and the
search for 2 and 3 moves needs no enumeration of pairs or triples (Table 2 has 94 moves, some
130,000 triples). Why it is exact, when no single move changes the winner:

1. If several models tie first, every move on a winner's cell has delta 0 and drops nothing
   (a nonzero delta would break the tie, a drop would remove it: both single changes). So the
   winners keep the top score S, and a set of moves changes the winner exactly when it lifts
   some other model x to S or above. Only moves on x's cells matter for that.
2. With one winner w, the winner changes exactly when w drops out (a single move, excluded by
   assumption, or a set containing one, which is already minimal at 1) or some other model x
   reaches a score at least w's new one: ``s_x + D_x >= s_w + D_w`` (D the sum of the deltas on
   that model's cells). Given a changing set C, keep only its moves on w's cells that lower w
   and on x's cells that raise x (x the model that catches up): dropping the others raises
   ``s_x + D_x - s_w - D_w`` or leaves it, and drops nobody who matters, so the smaller set still
   changes the winner.

So the fewest moves that change the winner is, over the rivals x (and any winner w), the
smallest k such that the k largest gains among w's cells (each cell's largest lowering of w,
``-delta``, by a move that does not drop w) and x's cells (each cell's largest raising of x,
``delta``, by a move that does not drop x) add up to at least ``s_w - s_x``: one sort per
rival, at most one gain per cell, so the moves are on distinct cells. The result is reported up
to SEARCHED (3), None beyond.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from mcstrat.analyses.ranking import Problem, weights
from mcstrat.core.catalog import Rating
from mcstrat.core.priorities import Constraint
from mcstrat.core.utility import cell_interval, level_utilities, pick

#: The most moves the search for min_changes counts; beyond, min_changes is None.
SEARCHED = 3


class Cell(NamedTuple):
    """One cell that, moved one level, changes the winner: to WINNER (ids, empty when nothing is left)."""

    model: str
    criterion: str
    source: str  # the rating now, as the scale spells it ("MED/HIGH")
    to: str  # the rating after the move ("HIGH")
    winner: tuple[str, ...]


class Sensitivity(NamedTuple):
    """Every single cell the winner hangs on, and the fewest one-level moves that change it (None: more than 3)."""

    winner: tuple[str, ...]  # today's: the models tied first
    cells: tuple[Cell, ...]
    min_changes: int | None


class _Move(NamedTuple):
    model: int  # index in the problems' models
    criterion: int
    rating: Rating
    delta: int  # the change of the model's score, over the common denominator of every value
    drops: bool  # the moved cell breaks a hard limit


def moved(scale: Sequence[str], rating: Rating) -> list[Rating]:
    """RATING one level down and one level up SCALE (both ends of a range), skipping a move off the scale."""
    out = []
    for step in (-1, 1):
        lo, hi = rating.lo + step, rating.hi + step
        if lo >= 0 and hi < len(scale):
            text = scale[lo] if lo == hi else f"{scale[lo]}/{scale[hi]}"
            out.append(Rating(text, lo, hi))
    return out


def sensitivity(
    problems: Sequence[Problem],
    stakeholder_weights: Sequence[Fraction] | None = None,
    require: Sequence[Constraint] = (),
) -> Sensitivity:
    """The cells of PROBLEMS' ranked models the winner hangs on, and min_changes (see the module docstring).

    PROBLEMS are one decision's (one per stakeholder, over the ranked models), STAKEHOLDER_WEIGHTS
    their weights (None: equal), REQUIRE every hard limit of the decision (checked again on a moved cell).
    """
    given = (
        [Fraction(w) for w in stakeholder_weights] if stakeholder_weights is not None else [Fraction(1)] * len(problems)
    )
    total = sum(given, Fraction(0))
    shares = [w / total for w in given]
    first = problems[0]
    criteria, models, ratings = first.criteria, first.models, first.ratings
    # the weight each utility carries: per criterion, per (target level, --ranges mode), sum of lambda_s w_sc
    carried: list[dict[tuple[int | None, str], Fraction]] = [{} for _ in criteria]
    for prob, share in zip(problems, shares):
        for j, w in enumerate(weights(prob.importances)):
            if w:
                key = (prob.targets[j], prob.ranges)
                carried[j][key] = carried[j].get(key, Fraction(0)) + share * w
    levels = [{key: level_utilities(crit, key[0]) for key in carried[j]} for j, crit in enumerate(criteria)]

    def value(j: int, rating: Rating) -> Fraction:
        """100 x the weighted utility of RATING on criterion J, summed over the stakeholders."""
        return 100 * sum(
            (c * pick(cell_interval(levels[j][k], rating), k[1]) for k, c in carried[j].items()), Fraction(0)
        )

    # each (criterion, level span) valued once, then every sum in integers: the values over their common denominator
    spans = {
        (j, r.lo, r.hi): r
        for row in ratings
        for j, old in enumerate(row)
        for r in (old, *moved(criteria[j].scale, old))
    }
    exact = {key: value(key[0], r) for key, r in spans.items()}
    den = 1
    for v in exact.values():
        den = math.lcm(den, v.denominator)
    known = {key: v.numerator * (den // v.denominator) for key, v in exact.items()}
    scores = [sum(known[(j, r.lo, r.hi)] for j, r in enumerate(row)) for row in ratings]
    limits: list[list[Constraint]] = [[c for c in require if c.criterion == crit.id] for crit in criteria]
    moves = [
        _Move(
            m,
            j,
            new,
            known[(j, new.lo, new.hi)] - known[(j, old.lo, old.hi)],
            not all(c.holds(new.lo, new.hi) for c in limits[j]),
        )
        for m, row in enumerate(ratings)
        for j, old in enumerate(row)
        for new in moved(criteria[j].scale, old)
    ]
    winner = _top(scores, set())
    order = sorted(range(len(models)), key=lambda m: (-scores[m], m))
    place = {m: i for i, m in enumerate(order)}
    cells = []
    for mv in sorted(moves, key=lambda mv: (place[mv.model], mv.criterion, mv.rating.lo)):
        after = list(scores)
        after[mv.model] += mv.delta
        top = _top(after, {mv.model} if mv.drops else set())
        if top != winner:
            cells.append(
                Cell(
                    models[mv.model].id,
                    criteria[mv.criterion].id,
                    ratings[mv.model][mv.criterion].text,
                    mv.rating.text,
                    tuple(models[m].id for m in top),
                )
            )
    fewest = 1 if cells else _fewest(scores, winner, moves)
    return Sensitivity(tuple(models[m].id for m in winner), tuple(cells), fewest)


def _top(scores: Sequence[int], dropped: set[int]) -> tuple[int, ...]:
    """The indices tied first among the models not DROPPED, in file order (empty when none is left)."""
    left = [m for m in range(len(scores)) if m not in dropped]
    if not left:
        return ()
    best = max(scores[m] for m in left)
    return tuple(m for m in left if scores[m] == best)


def _fewest(scores: Sequence[int], winner: tuple[int, ...], moves: Sequence[_Move]) -> int | None:
    """The fewest moves on distinct cells that change the winner, when no single one does (up to SEARCHED)."""
    lowers: dict[tuple[int, int], int] = {}  # (model, criterion) -> the largest gain on that cell
    raises: dict[tuple[int, int], int] = {}
    for mv in moves:
        if mv.drops:
            continue
        cell = (mv.model, mv.criterion)
        if mv.delta < 0:
            lowers[cell] = max(lowers.get(cell, 0), -mv.delta)
        elif mv.delta > 0:
            raises[cell] = max(raises.get(cell, 0), mv.delta)
    best: int | None = None
    w = winner[0]  # with several winners no winner's cell has a gain (the module docstring, 1.)
    own = sorted((g for (m, _), g in lowers.items() if m == w), reverse=True)[:SEARCHED]
    for x in range(len(scores)):
        if x in winner:
            continue
        gains = sorted([*own, *(g for (m, _), g in raises.items() if m == x)], reverse=True)[:SEARCHED]
        need, total = scores[w] - scores[x], 0
        for k, gain in enumerate(gains, 1):
            total += gain
            if total >= need:
                best = k if best is None else min(best, k)
                break
    return best


__all__ = ["SEARCHED", "Cell", "Sensitivity", "moved", "sensitivity"]

"""Weight stability intervals: how far each criterion's weight can move before the top model changes.

Definition (on the aggregate model of aggregate.py, exact in Fractions). The top model t is the
first model (in the models file's order) with the best exact score. For a criterion c with
weight W_c, move it to x in [0, 1] and rescale every other weight in proportion,
W_j(x) = W_j (1 - x) / (1 - W_c), holding the utilities ū. Every model's score is then linear
in x:

    score_m(x) = x ū_mc + (1 - x) b_m,   b_m = sum_{j != c} W_j ū_mj / (1 - W_c)

so the interval [low, high] of x over which t stays first (a shared first place counts as
first) is an intersection of half-lines, found exactly with no size limit. ``below`` and
``above`` name the model first just outside the interval: among the models that reach t's
score at the bound, the one whose score moves fastest beyond it (remaining ties: the earlier
model). An end with no such model is None (shown "—"): nothing takes over before the weight
reaches 0 (``low`` = 0) or the whole weight (``high`` = 1).

One person keeps the importance scale: holding the other importances (total R) and giving c
the importance r is the same move with x = r / (R + r), so the bounds are reported as
importances r = R x / (1 - x), and ``high`` is None when t stays first however high c's
importance goes. A bound may lie beyond the 0..5 scale of importances; it is reported as it is
(the views say it is beyond the scale), and the model that takes over there is still named.

A group reports shares of the group's weight (``scale`` "weight", 0..1), unless its stakeholders all
state the same (aggregate.distinct): k copies of one person are that person, on their own scale. A criterion with no
utility (a target criterion with no target level chosen for anyone) has no interval; nor does
one that holds the whole weight (W_c = 1: there is no other weight to rescale), which is stable
everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mcstrat.analyses.aggregate import Aggregate, aggregate, check_group, distinct
from mcstrat.analyses.ranking import Problem


@dataclass(frozen=True)
class StabilityInterval:
    """The range of one criterion's importance (one person) or weight share (a group) keeping the top model first."""

    criterion: str
    importance: Fraction  # the value now, on the interval's scale (importance, or the group's weight share)
    low: Fraction  # never below 0
    high: Fraction | None  # None: unbounded (one person); a group's is at most 1
    below: str | None  # model id first just below `low` (None: nothing takes over down to 0)
    above: str | None  # model id first just above `high` (None: nothing takes over)
    scale: str = "importance"  # "importance" (one person, 0..5) or "weight" (a group, 0..1)

    @property
    def weight(self) -> Fraction:
        """The value now (named for a group's weight share)."""
        return self.importance


def _linear(agg: Aggregate, j: int) -> list[tuple[Fraction, Fraction]]:
    """Each model's score on criterion J's weight x as (value at x = 0, slope)."""
    wc = agg.weights[j]
    rest = 1 - wc
    out = []
    for row in agg.utilities:
        b = sum((w * u for k, (w, u) in enumerate(zip(agg.weights, row)) if k != j and w), Fraction(0)) / rest
        out.append((b, row[j] - b))
    return out


def share_interval(agg: Aggregate, top: int, j: int) -> tuple[Fraction, Fraction, int | None, int | None]:
    """(low, high, below, above) of criterion J's weight share on the aggregate model (model indices)."""
    lines = _linear(agg, j)
    b_t, s_t = lines[top]
    low, high = Fraction(0), Fraction(1)
    below: list[tuple[Fraction, int]] = []  # (slope, model) crossing at the current low
    above: list[tuple[Fraction, int]] = []
    for m, (b_m, s_m) in enumerate(lines):
        if m == top:
            continue
        c0, slope = b_t - b_m, s_t - s_m  # t's lead at x = 0, and how it changes with x
        if slope == 0:
            continue  # the lead never changes sign: m never overtakes (or ties throughout)
        root = -c0 / slope
        if slope < 0 and root < 1:  # the lead shrinks as x grows and is gone past root
            if root < high:
                high, above = root, [(s_m, m)]
            elif root == high:
                above.append((s_m, m))
        elif slope > 0 and root > 0:
            if root > low:
                low, below = root, [(s_m, m)]
            elif root == low:
                below.append((s_m, m))
    # beyond the bound, the fastest-moving model wins; ties to the earlier model
    up = max(above, key=lambda item: (item[0], -item[1]))[1] if above else None
    down = min(below, key=lambda item: (item[0], item[1]))[1] if below else None
    return low, high, down, up


def stability(
    problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None
) -> dict[str, StabilityInterval]:
    """Per criterion, the interval over which the current top model stays first (module docstring)."""
    agg = aggregate(problems, stakeholder_weights)
    scores = agg.scores()
    top = scores.index(max(scores))
    # identical stakeholders are one voice: k copies of one person keep that person's importance scale
    group = len(distinct(problems, check_group(problems, stakeholder_weights))[0]) > 1
    ids = agg.model_ids
    out: dict[str, StabilityInterval] = {}
    for j, cid in enumerate(agg.criterion_ids):
        if not agg.usable[j]:
            continue
        wc = agg.weights[j]
        if wc == 1:
            low_x, high_x, down, up = Fraction(0), Fraction(1), None, None
        else:
            low_x, high_x, down, up = share_interval(agg, top, j)
        below = None if down is None else ids[down]
        above = None if up is None else ids[up]
        if group:
            out[cid] = StabilityInterval(cid, wc, low_x, high_x, below, above, scale="weight")
            continue
        stated = problems[0].importances
        rest = sum(stated, Fraction(0)) - stated[j]
        if rest == 0:
            out[cid] = StabilityInterval(cid, stated[j], Fraction(0), None, None, None)
            continue

        def importance(x: Fraction, rest: Fraction = rest) -> Fraction:
            return rest * x / (1 - x)

        high = None if high_x == 1 else importance(high_x)
        out[cid] = StabilityInterval(cid, stated[j], importance(low_x), high, below, above)
    return out


__all__ = ["StabilityInterval", "share_interval", "stability"]

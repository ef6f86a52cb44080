"""How much each criterion really weighs: criterion ranges, effective weights, swing points and rankings.

Definitions (Keeney & Raiffa 1976, ch. 3; Keeney 2002, "Common mistakes in making value trade-offs"):

- The range of criterion c is ``r_c = max_m u_mc - min_m u_mc`` over the models ranked (after
  exclusions and hard limits: a model left out cannot widen the swing a person weighs), with the
  utility the ranking uses (after the ``--ranges`` mode and the target level); see
  utility.criterion_spans.
- A weight multiplies a utility, so what a criterion can do to the ranking is its weight times
  its range. The effective weight is ``e_c = w_c r_c / sum_k w_k r_k``: the share of the possible
  score differences that c controls. A criterion on which every model is rated the same has
  effective weight 0 (and when no weighted criterion has a range at all, every e_c is 0).
- Swing weighting: the person gives the swing of each criterion, from its worst to its best
  level among the models, points from 0 to 100 (100 for the swing that matters most). The weights
  are set so that the effective weights equal the normalised points exactly:
  ``w_c`` proportional to ``points_c / r_c``.
- Ranking the criteria: an order of swings, best first, with ties ("risk > roi = impact > cost").
  It sets the effective weights to rank-order-centroid weights (Barron & Barrett 1996): position
  k of n gets ``(1/n) sum_{i=k..n} 1/i``; tied criteria share the mean of the weights of the
  positions they occupy. Criteria not named weigh 0.

The importances that reproduce given effective weights are ``e_c / r_c`` (0 where r_c = 0),
scaled so that the largest is 5, the top of the importance scale: the engine normalises
importances into weights, so the scale does not change the ranking, and it keeps every
importance within the 0..5 that the stability and robustness analyses vary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from mcstrat.core.catalog import Catalog
from mcstrat.core.exact import read_number
from mcstrat.core.precision import Stated, points_spread, stated
from mcstrat.core.vocabulary import MAX_IMPORTANCE, MAX_POINTS
from mcstrat.errors import InputError
from mcstrat.sanitize import quoted


def roc_weights(n: int) -> list[Fraction]:
    """Rank-order-centroid weights of positions 1..N, best first: (1/n) sum_{i=k..n} 1/i."""
    return [sum((Fraction(1, i) for i in range(k, n + 1)), Fraction(0)) / n for k in range(1, n + 1)]


def ranking_weights(groups: Sequence[Sequence[str]]) -> dict[str, Fraction]:
    """ROC weights of an order of tie GROUPS (best first): tied criteria share their positions' mean."""
    roc = roc_weights(sum(len(g) for g in groups))
    out: dict[str, Fraction] = {}
    position = 0
    for group in groups:
        share = sum(roc[position : position + len(group)], Fraction(0)) / len(group)
        for cid in group:
            out[cid] = share
        position += len(group)
    return out


def parse_ranking(catalog: Catalog, text: Any, where: str) -> list[list[str]]:
    """'risk > roi = impact > speed' -> [['risk'], ['roi', 'impact'], ['speed']], ids checked against CATALOG."""
    hint = "write criteria best first, '>' between them and '=' for ties, e.g. 'risk > roi = impact > speed'"
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: the ranking is empty; {hint}")
    if len(text) > 2000:
        raise InputError(f"{where}: the ranking is too long; {hint}")
    groups: list[list[str]] = []
    seen: set[str] = set()
    for part in text.split(">"):
        group: list[str] = []
        for name in part.split("="):
            name = name.strip()
            if not name:
                raise InputError(f"{where}: {quoted(text)} has an empty place; {hint}")
            try:
                cid = catalog.resolve_criterion(name).id
            except InputError as exc:
                raise InputError(f"{where}: {exc}; {hint}") from None
            if cid in seen:
                raise InputError(f"{where}: {cid} appears twice in the ranking; name each criterion once")
            seen.add(cid)
            group.append(cid)
        groups.append(group)
    return groups


def ranking_text(stated: Mapping[str, Fraction], order: Sequence[str]) -> str:
    """The ranking that gives the ROC weights STATED: criteria with weight > 0, best first, ties by '='.

    Within a tie, criteria keep ORDER (the models file's)."""
    named = [cid for cid in order if stated.get(cid, 0) > 0]
    levels = sorted({stated[cid] for cid in named}, reverse=True)
    return " > ".join(" = ".join(cid for cid in named if stated[cid] == level) for level in levels)


def _points_number(value: Any, where: str) -> Fraction:
    """One number of swing points from 0 to 100, exactly (numbers or fractions such as '100/3'; exact.py's guards)."""
    return read_number(
        value,
        where,
        noun="a number of points",
        hint="give points from 0 to 100 (100 for the swing that matters most), or a range such as 60-80",
        low=0,
        high=MAX_POINTS,
        out_of_range="{} points is out of range",
    )


def points_statement(value: Any, where: str) -> Stated:
    """Swing points as stated: the number ranked and the interval it stands for (precision.py: ±5 points)."""
    return stated(value, where, _points_number, MAX_POINTS, points_spread)


def parse_points(value: Any, where: str) -> Fraction:
    """The swing points a number or a range ('60-80': its midpoint) ranks by, exactly."""
    return points_statement(value, where).point


def effective_weights(weights: Mapping[str, Fraction], spans: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """e_c = w_c r_c / sum_k w_k r_k, exactly; every e_c is 0 when no weighted criterion has a range."""
    total = sum((w * spans[c] for c, w in weights.items()), Fraction(0))
    if total == 0:
        return {c: Fraction(0) for c in weights}
    return {c: w * spans[c] / total for c, w in weights.items()}


def importances_for(effective: Mapping[str, Fraction], spans: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """Importances whose normalised weights give EFFECTIVE as effective weights: e_c / r_c, largest scaled to 5.

    Criteria with r_c = 0 (or e_c = 0) get importance 0. EFFECTIVE must give some c with
    e_c > 0 and r_c > 0."""
    raw = {c: (e / spans[c] if spans[c] > 0 else Fraction(0)) for c, e in effective.items()}
    top = max(raw.values())
    if top <= 0:
        raise InputError("no criterion with a range has weight above 0, so nothing can be ranked")
    return {c: MAX_IMPORTANCE * v / top for c, v in raw.items()}


def order_differs(stated: Mapping[str, Any], effective: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Pairs (a, b) where a is stated below b but carries more effective weight: where the order differs.

    Each a is paired with the b it overtakes that was stated highest (first in STATED's order on ties)."""
    out: list[tuple[str, str]] = []
    for a in stated:
        overtaken = [b for b in stated if stated[b] > stated[a] and effective[a] > effective[b]]
        if overtaken:
            best = max(overtaken, key=lambda b: stated[b])
            out.append((a, best))
    return out


__all__ = [
    "effective_weights",
    "importances_for",
    "order_differs",
    "parse_points",
    "parse_ranking",
    "points_statement",
    "ranking_text",
    "ranking_weights",
    "roc_weights",
]

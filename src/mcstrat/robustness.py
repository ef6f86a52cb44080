"""How firm is a ranking? SMAA rank acceptability and weight stability intervals.

INTERFACE SKELETON: the result types below are fixed; the functions are being implemented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mcstrat.engine import Problem


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
    below: str | None  # model id winning just below `low` (None if low == 0)
    above: str | None  # model id winning just above `high` (None if unbounded or high > 5)


def smaa(
    problems: Sequence[Problem],
    stakeholder_weights: Sequence[Fraction] | None = None,
    *,
    samples: int = 10_000,
    seed: int = 1,
    spread: float = 1.0,
    ordinal: bool = False,
) -> SmaaResult:
    raise NotImplementedError


def stability(
    problems: Sequence[Problem], stakeholder_weights: Sequence[Fraction] | None = None
) -> dict[str, StabilityInterval]:
    raise NotImplementedError

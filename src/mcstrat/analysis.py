"""One recommendation with everything asked about it: ranking, group, robustness, stability."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcstrat.catalog import Catalog
    from mcstrat.engine import Problem, RankResult
    from mcstrat.group import GroupResult
    from mcstrat.robustness import SmaaResult, StabilityInterval


@dataclass(frozen=True)
class Analysis:
    """What every renderer of `recommend` draws from."""

    catalog: Catalog
    result: RankResult
    group: GroupResult | None = None
    smaa: SmaaResult | None = None
    stability: dict[str, StabilityInterval] | None = None
    inputs: tuple[tuple[str, str], ...] = field(default=())  # (answers file, sha256)
    models_input: tuple[str, str] | None = None  # (custom --models file, sha256); None for the built-in Table 2

    def problems(self) -> tuple[tuple[Problem, ...], tuple[Fraction, ...]]:
        """The scoring problem(s) behind the ranking, one per stakeholder, with their weights."""
        if self.group is not None:
            return self.group.problems, self.group.stakeholder_weights
        from mcstrat.engine import problem

        return (problem(self.catalog, self.result.priorities),), (Fraction(1),)

    def with_robustness(self, *, samples: int, seed: int, spread: float, ordinal: bool) -> Analysis:
        from mcstrat.robustness import smaa

        problems, weights = self.problems()
        found = smaa(problems, weights, samples=samples, seed=seed, spread=spread, ordinal=ordinal)
        return replace(self, smaa=found)

    def with_stability(self) -> Analysis:
        from mcstrat.robustness import stability

        problems, weights = self.problems()
        return replace(self, stability=stability(problems, weights))

"""One recommendation with everything asked about it: ranking, group, robustness, stability, why-not.

The analyses live in their own modules (robustness.py: SMAA; potential.py: dominance and what
can win; stability.py: weight stability; whynot.py: why not a model); this module only runs the
ones asked for on the ranking's problem(s), so the CLI and the decision record share one path.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from mcstrat.core.vocabulary import WeightSpace
from mcstrat.errors import InputError

if TYPE_CHECKING:
    from mcstrat.analyses.group import GroupResult
    from mcstrat.analyses.potential import Potential
    from mcstrat.analyses.ranking import Problem, RankResult
    from mcstrat.analyses.robustness import SmaaResult, StabilityInterval
    from mcstrat.analyses.whynot import WhyNot
    from mcstrat.core.catalog import Catalog


class Analysis(NamedTuple):
    """What every renderer of `recommend` draws from."""

    catalog: Catalog
    result: RankResult
    group: GroupResult | None = None
    smaa: SmaaResult | None = None
    stability: dict[str, StabilityInterval] | None = None
    inputs: tuple[tuple[str, str], ...] = ()  # (answers file, sha256)
    potential: dict[str, dict[str, Potential]] | None = None
    models_input: tuple[str, str] | None = None  # (custom --models file, sha256); None for the built-in Table 2

    def problems(self) -> tuple[tuple[Problem, ...], tuple[Fraction, ...]]:
        """The scoring problem(s) behind the ranking, one per stakeholder, with their weights."""
        if self.group is not None:
            return self.group.problems, self.group.stakeholder_weights
        from mcstrat.analyses.ranking import problem

        return (problem(self.catalog, self.result.priorities),), (Fraction(1),)

    def with_robustness(
        self, *, samples: int, seed: int, spread: float, ordinal: bool, weight_space: WeightSpace = WeightSpace.order
    ) -> Analysis:
        """Add SMAA under WEIGHT_SPACE and potential optimality under the free and order spaces."""
        from mcstrat.analyses.potential import potential
        from mcstrat.analyses.robustness import smaa

        problems, weights = self.problems()
        found = smaa(
            problems, weights, samples=samples, seed=seed, weight_space=weight_space, spread=spread, ordinal=ordinal
        )
        return self._replace(smaa=found, potential=potential(problems, weights))

    def with_potential(self) -> Analysis:
        """Add potential optimality (free and order spaces) without sampling: every decision record has it."""
        from mcstrat.analyses.potential import potential

        problems, weights = self.problems()
        return self._replace(potential=potential(problems, weights))

    def with_stability(self) -> Analysis:
        from mcstrat.analyses.stability import stability

        problems, weights = self.problems()
        return self._replace(stability=stability(problems, weights))

    def why_not(self, model_id: str) -> WhyNot:
        """Why MODEL_ID (an id of the catalogue) is not first."""
        from mcstrat.analyses.whynot import why_not

        for ex in self.result.excluded:
            if ex.model.id == model_id:
                raise InputError(
                    f"{model_id} is not ranked: {ex.reason}; drop that --exclude or relax the constraint to ask why not"
                )
        problems, weights = self.problems()
        return why_not(problems, model_id, weights)

    def for_record(
        self, *, samples: int, seed: int, spread: float, ordinal: bool, weight_space: WeightSpace = WeightSpace.order
    ) -> Analysis:
        """With firmness (SMAA, what can win) and stability, which a decision record always shows."""
        found = self
        if found.smaa is None:
            found = found.with_robustness(
                samples=samples, seed=seed, spread=spread, ordinal=ordinal, weight_space=weight_space
            )
        if found.potential is None:
            found = found.with_potential()
        return found if found.stability is not None else found.with_stability()

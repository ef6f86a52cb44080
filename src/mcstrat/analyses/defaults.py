"""What did the defaults decide? The share of the influence carried by criteria nobody stated.

A criterion nobody mentions in importance answers counts at the default importance (``medium``,
core/priorities.py), and a target criterion given a target level but no importance is switched on
at that default too: those are the criteria a person did not state. Their weight moves the ranking
as much as any other, so it is said aloud.

Definitions: ``criteria`` are the criteria left at the default by at least one stakeholder that
carry weight for one of them (importance above 0), in the models file's order. ``share`` is the
part of the influence (effective weight, core/weighting.py: weight times range) they carry:

    share = sum_s λ_s sum_{c unstated by s} w_sc r_sc / sum_s λ_s sum_c w_sc r_sc

with λ_s the stakeholders' shares, w_sc their normalised weights and r_sc their ranges (for one
person, λ = 1 and the share is the sum of the unstated criteria's effective weights; for a group,
the group's effective weights as analyses/group.py defines them, split by who stated what). It is
exact, and 0 when nothing is unstated (swing and ranking answers give unnamed criteria 0, which
they state).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from mcstrat.analyses.ranking import RankResult

#: Above this share of the influence, the defaults are said on page 1 and in the terminal.
LOUD = Fraction(1, 4)


class Defaults(NamedTuple):
    """The criteria left at the default that carry weight, and the share of the influence they carry."""

    criteria: tuple[str, ...]
    share: Fraction

    @property
    def loud(self) -> bool:
        """True when the defaults carry more than a quarter of the influence."""
        return self.share > LOUD


def defaults(results: Sequence[RankResult], shares: Sequence[Fraction]) -> Defaults:
    """The defaults of the stakeholders' RESULTS (one each, with SHARES summing to 1)."""
    total = unstated = Fraction(0)
    named: set[str] = set()
    for share, result in zip(shares, results):
        for cw in result.criteria:
            part = share * cw.weight * cw.span
            total += part
            if cw.defaulted and cw.importance > 0:
                unstated += part
                named.add(cw.criterion.id)
    order = [cw.criterion.id for cw in results[0].criteria] if results else []
    return Defaults(tuple(c for c in order if c in named), unstated / total if total else Fraction(0))


__all__ = ["LOUD", "Defaults", "defaults"]

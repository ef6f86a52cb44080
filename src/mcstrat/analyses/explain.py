"""Why the winner wins, in one line: its lead over the runner-up, where the lead comes from, missed targets.

Definitions (exact, in Fractions):
- The runner-up is every model at the first rank below the winner's (several when they tie).
- The lead (margin) is the winner's score minus the runner-up's.
- A criterion's gain is the winner's points from it (100 x weight x utility) minus the
  runner-up's; with several tied runners-up, the smallest of those differences (the gain the
  winner holds over each of them). The gains add up to the lead when there is one runner-up.
- The lead comes "mostly" from the two criteria with the largest positive gains, and from any
  criterion whose gain ties with the second of them.
- A missed target is a target criterion with a stated target level and importance above 0 on
  which the winner is not rated exactly that level (H2/H3 for target H1, or the range H1/H2). A
  group whose stakeholders set different levels ("H1, H3") misses those the winner is not rated.
When several models tie for first, there is no lead: the sentence says they tie.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from mcstrat.analyses.ranking import RankResult

#: how many criteria the sentence names as the source of the lead (more when they tie)
REASONS = 2


class MissedTarget(NamedTuple):
    """A stated target the winner misses: the criterion, the target level and the winner's rating."""

    criterion: str
    target: str
    rating: str


class Lead(NamedTuple):
    """Why the winner is first: what the default `recommend` view says in one line.

    A NamedTuple rather than a frozen dataclass: as immutable, and about 1 ms cheaper to define
    on every `recommend` run.
    """

    winners: tuple[str, ...]  # model ids sharing first place (several: a tie, no lead)
    runners_up: tuple[str, ...]  # model ids at the next rank; empty when no other model is ranked
    margin: Fraction  # winner's score minus runner-up's; 0 for a tie for first
    gains: dict[str, Fraction]  # criterion id -> the winner's gain over the runner-up(s), in points
    reasons: tuple[str, ...]  # the criteria the lead mostly comes from, largest gain first
    missed_targets: tuple[MissedTarget, ...]

    @property
    def tied(self) -> bool:
        return len(self.winners) > 1


def lead(result: RankResult) -> Lead:
    """The winner's lead over the runner-up, the criteria it comes from, and the targets it misses."""
    top = result.top
    winner = top[0]
    rest = [r for r in result.ranking if r.rank > 1]
    missed = tuple(
        MissedTarget(cw.criterion.id, ", ".join(levels), winner.ratings[cw.criterion.id])
        for cw in result.criteria
        if cw.target is not None and cw.importance > 0
        # a group's stakeholders may set different levels ("H1, H3"): the ones the winner is not rated
        for levels in [[t for t in cw.target.split(", ") if winner.ratings[cw.criterion.id].upper() != t.upper()]]
        if levels
    )
    if len(top) > 1 or not rest:
        return Lead(tuple(r.model.id for r in top), (), Fraction(0), {}, (), missed)
    second = [r for r in rest if r.rank == rest[0].rank]
    ids = [cw.criterion.id for cw in result.criteria]
    gains = {c: min(winner.contributions[c] - r.contributions[c] for r in second) for c in ids}
    positive = sorted((c for c in ids if gains[c] > 0), key=lambda c: (-gains[c], ids.index(c)))
    reasons = positive[:REASONS]
    if reasons:
        cut = gains[reasons[-1]]
        reasons += [c for c in positive[REASONS:] if gains[c] == cut]
    return Lead(
        winners=(winner.model.id,),
        runners_up=tuple(r.model.id for r in second),
        margin=winner.score - second[0].score,
        gains=gains,
        reasons=tuple(reasons),
        missed_targets=missed,
    )


__all__ = ["REASONS", "Lead", "MissedTarget", "lead"]

"""Why the winner wins, in one line: its lead over the runner-up, where the lead comes from, missed targets.

Definitions (exact, in Fractions):
- The runner-up is every model at the first rank below the winner's (several when they tie).
- The lead (margin) is the winner's score minus the runner-up's.
- A criterion's gain is the winner's points from it (100 x weight x utility) minus the
  runner-up's; with several tied runners-up, the smallest of those differences (the gain the
  winner holds over each of them). The gains add up to the lead when there is one runner-up.
- The lead comes "mostly" from the two criteria with the largest positive gains, and from any
  criterion whose gain ties with the second of them.
- A missed target is a target criterion with a stated target level and weight above 0 whose
  level the winner's rating does not reach: H2/H3 misses target H1, and reaches H2 and H3 (a
  ranged rating may lie anywhere in its range). In a group, each member's own target counts, and
  only when that member gives the criterion weight above 0; the missed levels are listed in scale
  order, each with the members who set it ("H1" of Provost and Dean).
When several models tie for first, there is no lead: the sentence says they tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from mcstrat.analyses.ranking import CriterionWeight, RankResult

#: how many criteria the sentence names as the source of the lead (more when they tie)
REASONS = 2


class MissedTarget(NamedTuple):
    """A stated target the winner misses: the criterion, the target level and the winner's rating."""

    criterion: str
    target: str  # the levels missed, in scale order, joined by ", "
    rating: str
    # a group's: each missed level and the members who set it (in member order); () for one person
    stakeholders: tuple[tuple[str, tuple[str, ...]], ...] = ()


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


def reaches(cw: CriterionWeight, rating: str, level: str) -> bool:
    """Whether RATING (a level or a range such as H2/H3) reaches LEVEL: the level is one of the range's."""
    crit = cw.criterion
    ends = [crit.level_index(part) for part in rating.split("/")]
    at = crit.level_index(level)
    if at is None or None in ends:  # not on the scale: only the same words reach it
        return rating.strip().upper() == level.strip().upper()
    return min(e for e in ends if e is not None) <= at <= max(e for e in ends if e is not None)


def missed_targets(result: RankResult, members: Sequence[tuple[str, RankResult]] = ()) -> tuple[MissedTarget, ...]:
    """The stated targets the winner's ratings do not reach: one person's from RESULT, a group's from each member's
    own ranking in MEMBERS (name, their RankResult), counting a member's target only when they weigh it."""
    winner = result.ranking[0]
    found = []
    for j, cw in enumerate(result.criteria):
        cid = cw.criterion.id
        rating = winner.ratings[cid]
        if not members:  # one person's target (or, without its members, a group's levels joined by ", ")
            if cw.target is not None and cw.weight > 0:
                levels = [t for t in cw.target.split(", ") if not reaches(cw, rating, t)]
                if levels:
                    found.append(MissedTarget(cid, ", ".join(levels), rating))
            continue
        who: dict[str, list[str]] = {}
        for name, theirs in members:
            own = theirs.criteria[j]
            if own.target is not None and own.weight > 0 and not reaches(own, rating, own.target):
                who.setdefault(own.target, []).append(name)
        if who:
            levels = sorted(who, key=lambda t: (cw.criterion.level_index(t) is None, cw.criterion.level_index(t) or 0))
            found.append(MissedTarget(cid, ", ".join(levels), rating, tuple((t, tuple(who[t])) for t in levels)))
    return tuple(found)


def lead(result: RankResult, members: Sequence[tuple[str, RankResult]] = ()) -> Lead:
    """The winner's lead over the runner-up, the criteria it comes from, and the targets it misses (a group's
    MEMBERS, each name and their own ranking, say whose targets count)."""
    top = result.top
    winner = top[0]
    rest = [r for r in result.ranking if r.rank > 1]
    missed = missed_targets(result, members)
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


__all__ = ["REASONS", "Lead", "MissedTarget", "lead", "missed_targets", "reaches"]

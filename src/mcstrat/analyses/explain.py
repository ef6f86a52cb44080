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


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _prose(label: str) -> str:
    """A criterion label inside a sentence: 'Speed to market' -> 'speed to market', 'ROI' stays."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def sentences(found: Lead, result: RankResult) -> tuple[str, list[str]]:
    """The lead as plain text (one sentence) and one sentence per missed target.

    Names and labels come from the models file, so callers pass the text through their
    channel's sanitiser.
    """
    names = {r.model.id: r.model.name for r in result.ranking}
    labels = {cw.criterion.id: _prose(cw.criterion.label) for cw in result.criteria}
    score = float(result.ranking[0].score)
    if found.tied:
        line = f"{_and([names[m] for m in found.winners])} tie for first at {score:.1f} points."
    elif not found.runners_up:
        line = f"{names[found.winners[0]]} is the only model left to rank."
    else:
        others = _and([names[m] for m in found.runners_up])
        # the table shows one decimal: when the shown scores' difference rounds otherwise
        # (68.5 - 66.7 beside a lead of 1.85), give the lead to two decimals so neither reads wrong
        first = float(result.ranking[0].score)
        shown = round(round(first, 1) - round(first - float(found.margin), 1), 1)
        places = 1 if f"{shown:.1f}" == f"{float(found.margin):.1f}" else 2
        line = f"{names[found.winners[0]]} leads {others} by {float(found.margin):.{places}f} points"
        if found.reasons:
            line += f", mostly on {_and([labels[c] for c in found.reasons])}"
        line += "."
    winner = result.ranking[0].model.name
    several = {cw.criterion.id for cw in result.criteria if cw.target is not None and ", " in cw.target}
    notes = [
        (
            f"{winner} misses the stakeholders' target {labels[t.criterion]}s {t.target}: it is rated {t.rating}."
            if ", " in t.target
            else f"{winner} misses the target {labels[t.criterion]} {t.target} that some stakeholders set: "
            f"it is rated {t.rating}."
        )
        if t.criterion in several
        else f"{winner} misses your target {labels[t.criterion]} {t.target}: it is rated {t.rating}."
        for t in found.missed_targets
    ]
    return line, notes


def summary_data(found: Lead, result: RankResult) -> dict[str, object]:
    """The `summary` object of `recommend --format json`."""
    line, notes = sentences(found, result)
    return {
        "text": line,
        "winners": list(found.winners),
        "runners_up": list(found.runners_up),
        "margin": float(found.margin),
        "reasons": list(found.reasons),
        "gains": {c: float(g) for c, g in found.gains.items()},
        "missed_targets": [
            {"criterion": t.criterion, "target": t.target, "rating": t.rating} for t in found.missed_targets
        ],
        "notes": notes,
    }

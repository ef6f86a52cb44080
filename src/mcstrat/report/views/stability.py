"""Stability's view: how far each priority can move, on its own, before another model comes first.

analyses/stability.py finds, for each criterion, the interval of its weight (the others rescaled
in proportion) over which the top model stays first, and the model first just outside each end.
Here every interval is said in the unit the priorities were stated in: an importance (0-5), swing
points (0-100, the other criteria's points held), a ranking's weight, or, for a group, a share of
the group's weight. How close a change is is measured one way everywhere: by how much of the
weight must move (the distance between the weight now and the bound, as shares), so the closest
call named on a terminal, in Markdown and in a record is the same criterion; an end within 2.5
points of the weight (CLOSE) is marked "(close)".
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from mcstrat.core.vocabulary import Weighting
from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Chart, Column, Intervals, Note, Paragraph, Section, Table, Toned
from mcstrat.report.views import ranking

if TYPE_CHECKING:
    from mcstrat.analyses.stability import StabilityInterval

#: An end of an interval this close to the weight now (as a share) is a close call.
CLOSE = Fraction(1, 40)


class Unit(NamedTuple):
    """The unit intervals are said in: its name, the scale's top, and how a share of the weight reads in it."""

    name: str  # "importance", "points", "weight"
    top: float  # the top of the stated scale: 5, 100 or 100 (%)
    value: Callable[[Fraction, str], Fraction | None]  # a share x of criterion c's weight -> the unit (None: no limit)
    show: Callable[[numbers.Number], str]

    def text(self, share: Fraction | None, cid: str, *, mark: bool = True) -> str:
        """SHARE of criterion CID's weight in this unit, as printed ("no limit" where there is none), marked
        "(beyond 5)" when past the top of the scale the priorities were stated on (unless MARK is False)."""
        if share is None:
            return numbers.NO_LIMIT
        return numbers.bound(self.value(share, cid), self.show) + (
            " " + self.past() if mark and self.over(share, cid) else ""
        )

    def over(self, share: Fraction | None, cid: str) -> bool:
        """True when SHARE of CID's weight is past the top of a stated scale (importance 5, 100 points)."""
        value = None if share is None or self.name == "weight" else self.value(share, cid)
        return value is not None and value > self.top

    def past(self) -> str:
        return f"(beyond {numbers.importance(self.top)})"


def _shares(decision: Decision) -> bool:
    """Whether the intervals are shares of a group's weight: a group whose members do not all state the same
    (identical members are one voice, and their intervals are that person's own, analyses/stability.py)."""
    return decision.group is not None and any(iv.scale == "weight" for iv in (decision.stability or {}).values())


def unit(decision: Decision) -> Unit:
    """The unit of DECISION's priorities: a group's share of weight, or the person's own statement's."""
    result = decision.result
    if _shares(decision):
        return Unit("weight", 100.0, lambda x, c: x, lambda v: numbers.percent(v))
    crit = {cw.criterion.id: cw for cw in result.criteria}
    how = result.priorities.weighting
    total = sum((cw.importance for cw in result.criteria), Fraction(0))

    def rest(c: str) -> Fraction:  # the others' weight times range, per unit of weight not on c
        others = sum((cw.weight * cw.span for k, cw in crit.items() if k != c), Fraction(0))
        return others / (1 - crit[c].weight) if crit[c].weight < 1 else Fraction(0)

    def influence(x: Fraction, c: str) -> Fraction | None:
        moved = x * crit[c].span
        whole = moved + (1 - x) * rest(c)
        return moved / whole if whole > 0 else None

    if how == Weighting.swing:
        points = {k: cw.stated or Fraction(0) for k, cw in crit.items()}

        def swing(x: Fraction, c: str) -> Fraction | None:
            e = influence(x, c)
            if e is None or e >= 1:
                return None
            return sum((p for k, p in points.items() if k != c), Fraction(0)) * e / (1 - e)

        return Unit("points", 100, swing, numbers.importance)
    if how == Weighting.ranking:
        return Unit("weight", 100.0, influence, lambda v: numbers.percent(v))

    def importance(x: Fraction, c: str) -> Fraction | None:
        others = total - crit[c].importance
        return None if x >= 1 else others * x / (1 - x)

    return Unit("importance", 5, importance, numbers.importance)


def _share(decision: Decision, iv: StabilityInterval, value: Fraction | None) -> Fraction | None:
    """A bound of IV (an importance, or a group's share) as a share of the weight; None: no limit."""
    if value is None:
        return None
    if iv.scale == "weight":
        return value
    others = sum((cw.importance for cw in decision.result.criteria), Fraction(0)) - iv.importance
    return value / (others + value) if others + value > 0 else Fraction(0)


class End(NamedTuple):
    """One end of a criterion's interval: how far it is (as a share of the weight) and what happens beyond it."""

    criterion: str
    way: str  # "more" or "less"
    share: Fraction | None  # the bound, as a share of the weight
    now: Fraction
    taker: str | None  # the model first beyond it

    @property
    def distance(self) -> Fraction | None:
        return None if self.share is None else abs(self.share - self.now)

    @property
    def close(self) -> bool:
        return self.taker is not None and self.distance is not None and self.distance < CLOSE


def ends(decision: Decision) -> list[End]:
    """Both ends of every criterion's interval, as shares of the weight."""
    stab = decision.stability
    assert stab is not None
    weights = {cw.criterion.id: cw.weight for cw in decision.result.criteria}
    out = []
    for cid, iv in stab.items():
        now = iv.importance if iv.scale == "weight" else weights[cid]
        out.append(End(cid, "more", _share(decision, iv, iv.high), now, iv.above))
        out.append(End(cid, "less", _share(decision, iv, iv.low), now, iv.below))
    return out


def changes(decision: Decision, limit: int = 3) -> list[str]:
    """The nearest changes of one priority that put another model first, nearest first, in the stated unit."""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    tied = {r.model.id for r in decision.result.top}  # a model tied first now would come first alone
    said = unit(decision)
    whose = (
        "of the group's weight"
        if _shares(decision)
        else {"importance": "in importance", "points": "points"}.get(said.name, "of the weight")
    )
    found = []
    for end in ends(decision):
        if end.taker is None or end.distance is None:
            continue
        alone = " on its own" if end.taker in tied else ""
        taker = ranking.taker(decision, end.taker)
        if end.distance == 0:
            text = f"Any {end.way} weight on {labels[end.criterion]} would put {taker} first{alone}."
        else:
            past = (
                f"; your scale stops at {numbers.importance(said.top)}" if said.over(end.share, end.criterion) else ""
            )
            bound = said.text(end.share, end.criterion, mark=False)
            text = (
                f"If {labels[end.criterion]} counted for {end.way} than {bound} {whose} "
                f"(now {said.text(end.now, end.criterion)}{past}), {taker} would come first{alone}."
            )
        found.append((end.distance, text))
    found.sort(key=lambda item: item[0])
    return [text for _, text in found[:limit]]


def headline(decision: Decision) -> str:
    """The closest call in one sentence, or that no single priority changes the winner."""
    top = decision.result.ranking[0].model.name
    nearest = changes(decision, 1)
    if not nearest:
        return f"{top} stays first whichever single priority changes, however far."
    return f"{top} stays first while each priority stays within its range below. The closest call: {nearest[0]}"


def table(decision: Decision) -> Table:
    """Each criterion's value now, the range that keeps the top model first, and who is first beyond each end."""
    stab = decision.stability
    assert stab is not None
    said = unit(decision)
    labels = {c.id: c.label for c in decision.catalog.criteria}
    names = {m.id: m.name for m in decision.catalog.models}
    by = {(e.criterion, e.way): e for e in ends(decision)}
    rows = []
    for cid in stab:
        low, high = by[(cid, "less")], by[(cid, "more")]

        def shown(end: End) -> tuple[str | Toned, ...]:
            text = said.text(end.share, end.criterion)
            return (Toned(text + " (close)", "warn"),) if end.close else (text,)

        rows.append(
            (
                labels.get(cid, cid),
                said.text(low.now, cid),
                shown(low),
                shown(high),
                names[low.taker] if low.taker else "-",
                names[high.taker] if high.taker else "-",
            )
        )
    heading = {"importance": "Importance", "points": "Points"}.get(said.name, "Share of weight")
    return Table(
        (
            Column("Criterion", width=16),
            Column(f"{heading} now", numeric=True, width=10),
            Column("Stays first from", numeric=True, width=10),
            Column("Up to", numeric=True, width=10),
            Column("Below it, first is", width=18),
            Column("Above it, first is", width=18),
        ),
        tuple(rows),
        title=f"Where {decision.result.ranking[0].model.name} stays first",
    )


def chart(decision: Decision) -> Chart:
    """The intervals as bands on the stated scale, the value now marked (a record's picture of the table)."""
    stab = decision.stability
    assert stab is not None
    said = unit(decision)
    by = {(e.criterion, e.way): e for e in ends(decision)}
    labels = {c.id: c.label for c in decision.catalog.criteria}
    scale = 100 if said.name == "weight" else 1

    def value(end: End) -> float | None:
        if end.share is None:
            return None
        found = said.value(end.share, end.criterion)
        return None if found is None else float(scale * found)

    cids = list(stab)
    axis = {"importance": "Importance, 0-5", "points": "Points, 0-100"}.get(
        said.name, "Share of the group's weight, %" if _shares(decision) else "Share of the weight, %"
    )
    name = decision.result.ranking[0].model.name
    return Chart(
        title=f"Where {name} stays first, criterion by criterion",
        alt=(
            f"For each criterion, the band within which {name} stays first, the value now marked; "
            "outside a band another model comes first."
        ),
        plot=Intervals(
            rows=tuple(labels.get(c, c) for c in cids),
            lows=tuple(value(by[(c, "less")]) or 0.0 for c in cids),
            highs=tuple(value(by[(c, "more")]) for c in cids),
            stated=tuple(value(by[(c, "less")]._replace(share=by[(c, "less")].now)) or 0.0 for c in cids),
            limit=said.top,
            axis=axis,
        ),
        key="stability",
    )


def blocks(decision: Decision, *, charts: bool = False) -> list[Block]:
    group = _shares(decision)
    moved = "the other weights rescaled in proportion" if group else "the other priorities held as stated"
    return [
        *([chart(decision)] if charts else [Paragraph((headline(decision),))]),  # a record's page 1 has the changes
        table(decision),
        Note(
            (
                f"Each criterion moved on its own, {moved}. '-': no other model takes over at that end. "
                "(close): less than 2.5 points of the weight would have to move.",
            )
        ),
    ]


def data(decision: Decision) -> dict[str, Any]:
    """One person: importances (0..5); a group: shares of the group's weight (0..1)."""
    found = decision.stability
    assert found is not None
    machine = numbers.machine
    return {
        "stability": {
            cid: {
                ("weight" if iv.scale == "weight" else "importance"): machine(iv.importance),
                "low": machine(iv.low),
                "high": machine(iv.high),
                "below": iv.below,
                "above": iv.above,
            }
            for cid, iv in found.items()
        }
    }


def section(decision: Decision, *, record: bool = False, top: int | None = None) -> Section:
    return Section("What would change it", "changes", tuple(blocks(decision, charts=record)))


__all__ = [
    "CLOSE",
    "blocks",
    "changes",
    "chart",
    "data",
    "ends",
    "headline",
    "section",
    "table",
    "unit",
]

"""Why-not's view: where a model ranks, what costs it most, and the smallest change of priorities that puts it first.

analyses/whynot.py has the definitions: the closest weights in total absolute change (L1), first
keeping the order of the priorities as stated, then in any order, found by linear programmes and
confirmed exactly. Here the change is said once, in the units the priorities were stated in:
importances (0-5) for importance answers, swing points (top = 100) for swing answers, the order
of the criteria for a ranking; for a group, who would have to move and how. Shares of weight
moved are half the distance. A tied rank reads "ranks 2="; a model rated identically to another
can only ever share first place with it; a dominated model "can at best tie" with a model it
equals on some criterion that counts, and "can never come first" while one better on every such
criterion is ranked. ``data`` is the JSON of `why-not --format json`; ``blocks`` its document.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Column, Num, Paragraph, Table
from mcstrat.report.numbers import machine
from mcstrat.report.views import ranking

if TYPE_CHECKING:
    from mcstrat.analyses.whynot import Change, Member, Terms, WhyNot

#: How each unit is named after the values given in it.
UNITS = {"importance": "importance, 0–5", "points": "swing points, top = 100"}
#: Column headers of the stated units.
HEADERS = {"importance": "Importance", "points": "Swing points"}


def _names(decision: Decision) -> list[str]:
    """The stakeholders' names, in the decision's order (one person: "")."""
    if decision.group is None:
        return [""]
    return [s.name for s in decision.group.stakeholders]


def _terms_data(terms: Terms) -> dict[str, Any]:
    def values(v: dict[str, Fraction] | str) -> Any:
        return v if isinstance(v, str) else {c: machine(x) for c, x in v.items()}

    return {"unit": terms.unit, "now": values(terms.now), "needed": values(terms.needed), "rescaled": terms.rescaled}


def _change_data(decision: Decision, found: WhyNot, change: Change) -> dict[str, Any]:
    """{possible, distance, weights, blocking, terms, members} of one change (members for a group, else terms)."""
    out: dict[str, Any] = {
        "possible": change.possible,
        "distance": machine(change.distance),
        "weights": None
        if change.needed is None
        else {c: {"now": machine(found.now[c]), "needed": machine(change.needed[c])} for c in found.now},
        "blocking": list(change.blocking),
    }
    if decision.group is None:
        out["terms"] = _terms_data(change.members[0].terms) if change.members else None
        out["members"] = None
    else:
        names = _names(decision)
        out["terms"] = None
        out["members"] = (
            None
            if not change.possible
            else [
                {
                    "name": names[m.index],
                    "distance": machine(m.distance),
                    "weights": {c: {"now": machine(m.now[c]), "needed": machine(m.needed[c])} for c in m.now},
                    "terms": _terms_data(m.terms),
                }
                for m in change.members
            ]
        )
    return out


def data(decision: Decision) -> dict[str, Any]:
    """`why-not --format json`: rank, gap, the needed weights in any order and keeping the order, costs."""
    found = decision.why_not
    assert found is not None
    names = {m.id: m.name for m in decision.catalog.models}
    any_order = _change_data(decision, found, found.any_order)
    keep = _change_data(decision, found, found.keep_order)
    return {
        "model": found.model,
        "name": names.get(found.model, found.model),
        "rank": found.rank,
        "tied": found.tied,
        "tied_with": list(found.tied_with),
        "identical": list(found.identical),
        "strictly_dominated_by": list(found.strictly_dominated_by),
        "gap": machine(found.gap),
        "winner": found.winner,
        # the smallest change in any order
        "possible": found.possible,
        "distance": any_order["distance"],
        "weights": any_order["weights"],
        "importances": None if found.importances is None else {c: machine(v) for c, v in found.importances.items()},
        "terms": any_order["terms"],
        "members": any_order["members"],
        # the smallest change keeping the stated order
        "keep_order": keep,
        "unlock_ignored": found.unlock_ignored,
        "ignored": list(found.ignored),
        "now": {c: machine(v) for c, v in found.now.items()},  # the weights now, also when `weights` is null
        "costs": {c: machine(v) for c, v in sorted(found.costs.items(), key=lambda kv: kv[1])},
        "dominated_by": list(found.dominated_by),
        "blocking": list(found.blocking),
        "group": decision.group is not None,
        "names": {
            m: names.get(m, m)
            for m in (
                found.winner,
                *found.dominated_by,
                *found.blocking,
                *found.keep_order.blocking,
                *found.tied_with,
                *found.identical,
            )
        },
    }


def _ranking_words(text: str, labels: dict[str, str]) -> str:
    """A ranking such as "roi > risk = impact" with the criteria's labels."""
    return " > ".join(" = ".join(labels.get(c, c) for c in tier.split(" = ")) for tier in text.split(" > "))


def _moves(terms: Terms, labels: dict[str, str]) -> str:
    """How one stakeholder's priorities move, in their units: "Return on investment goes from 5 to 4.2 and
    Effort from 2 to 2.6 (importance, 0–5)"; "" when nothing they can see moves."""
    if terms.unit == "ranking":
        assert isinstance(terms.now, str) and isinstance(terms.needed, str)
        if terms.now == terms.needed:
            return ""
        return (
            f"the criteria are ranked {_ranking_words(terms.needed, labels)} (now {_ranking_words(terms.now, labels)})"
        )
    assert isinstance(terms.now, dict) and isinstance(terms.needed, dict)
    now, needed = terms.now, terms.needed
    # the criteria whose value changes as printed, the largest change first
    shown = sorted(now, key=lambda c: -abs(needed[c] - now[c]))
    visible = [c for c in shown if numbers.importance(now[c]) != numbers.importance(needed[c])]
    parts = [
        f"{labels.get(c, c)}{' goes' if k == 0 else ''} from {numbers.importance(now[c])} to "
        f"{numbers.importance(needed[c])}"
        for k, c in enumerate(visible)
    ]
    if not parts:
        return ""
    rescaled = "; rescaled so the largest is 5" if terms.rescaled else ""
    return f"{numbers.listed(parts)} ({UNITS[terms.unit]}{rescaled})"


def _reordered(terms: Terms, labels: dict[str, str]) -> str:
    """ "; Effort would then count for more than Risk" where the change breaks the stated order."""
    if terms.unit == "ranking" or not terms.reordered:
        return ""
    pairs = [f"{labels.get(a, a)} would then count for more than {labels.get(b, b)}" for a, b in terms.reordered[:2]]
    more = f" (and {len(terms.reordered) - 2} more)" if len(terms.reordered) > 2 else ""
    return "; " + numbers.listed(pairs) + more


def _how(decision: Decision, change: Change, labels: dict[str, str]) -> str:
    """Who moves how: one person's moves, or each moving member's ("Provost: ...; Finance: ...")."""
    if decision.group is None:
        return _moves(change.members[0].terms, labels)
    names = _names(decision)
    parts = []
    for m in _moving(change):
        said = _moves(m.terms, labels)
        parts.append(f"{names[m.index]} ({numbers.percent(m.distance / 2, 1)} of their weight): {said}")
    return "; ".join(parts)


def _moving(change: Change) -> list[Member]:
    """The members whose change shows in the units they stated priorities in."""
    return [m for m in change.members if m.distance > 0 and _moves(m.terms, {})]


def _change_sentence(decision: Decision, found: WhyNot, change: Change, *, keep: bool, first: bool) -> str:
    """One answer in words: how the priorities would have to move, and how much of the weight moves."""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    name = next(m.name for m in decision.catalog.models if m.id == found.model)
    group = decision.group is not None
    assert change.distance is not None
    whose = "the group's weight" if group else "the weight"
    moved = f"the smallest change, moving {numbers.percent(change.distance / 2, 1)} of {whose}"
    how = _how(decision, change, labels)
    if group:
        count = len(_moving(change))
        opening = (
            "Keeping each member's order of priorities, "
            if keep
            else ("Only by changing the order of some member's priorities: " if first else "In any order, ")
        )
        if not count:  # every member's change is below what their units print
            return f"{opening}{name} comes first with a change too small to show ({moved})."
        who = "one member moves" if count == 1 else f"{count} members move"
        return f"{opening}{name} comes first if {who} ({moved}): {how}."
    reorder = "" if keep else _reordered(change.members[0].terms, labels)
    opening = (
        "Keeping your order of priorities, "
        if keep
        else ("Only by changing the order of your priorities: " if first else "Changing the order of your priorities, ")
    )
    condition = f" if {how}" if how else ""
    return f"{opening}{name} comes first{condition}: {moved}{reorder}."


def sentences(decision: Decision, found: WhyNot) -> list[str]:
    """The answer in plain sentences."""
    names = {m.id: m.name for m in decision.catalog.models}
    labels = {c.id: c.label for c in decision.catalog.criteria}
    name, winner = names[found.model], names[found.winner]
    tied_with = [names[m] for m in found.tied_with]
    group = decision.group is not None
    out = []
    if found.rank == 1:
        shared = f", sharing first place with {numbers.listed(tied_with)}" if tied_with else ""
        out.append(f"{name} is already first{shared}.")
    else:
        shared = f" (shared with {numbers.listed(tied_with)})" if tied_with else ""
        out.append(
            f"{name} ranks {numbers.rank(found.rank, found.tied)}{shared}, {numbers.score(found.gap)} points behind "
            f"{winner}."
        )
        worst = [(c, v) for c, v in sorted(found.costs.items(), key=lambda kv: kv[1]) if v < 0][:3]
        if worst:
            costs = ", ".join(f"{labels.get(c, c)} ({numbers.signed(v)} points)" for c, v in worst)
            out.append(f"It loses most on {costs} against {winner}.")
    identical = [names[m] for m in found.identical]
    if identical:
        out.append(
            f"It is rated identically to {numbers.listed(identical)}, so they always score the same: "
            f"it can only ever share first place with {'it' if len(identical) == 1 else 'them'}."
        )
    if found.dominated_by:
        strict = [m for m in found.dominated_by if m in found.strictly_dominated_by]
        loose = [m for m in found.dominated_by if m not in strict]
        if group:
            who = numbers.listed([names[m] for m in found.dominated_by])
            out.append(
                f"It is dominated by {who}: at least as good on every "
                "criterion and better on one (with the group's present weights; other weights change whose "
                "utilities count)."
            )
        else:
            if strict:
                one = len(strict) == 1
                who = numbers.listed([names[m] for m in strict])
                out.append(
                    f"{who} {'is' if one else 'are'} better on every criterion, so it "
                    f"can never come first while {'it is' if one else 'they are'} in the ranking."
                )
            if loose:
                one = len(loose) == 1
                who = numbers.listed([names[m] for m in loose])
                out.append(
                    f"It is dominated by {who}: at least as good on every criterion and "
                    f"better on one, so it can at best tie with {'it' if one else 'them'} (with all the weight on "
                    "criteria where they are equal)."
                )
    if found.rank == 1:
        return out
    keep, free = found.keep_order, found.any_order
    order = "each member's order of priorities" if group else "your order of priorities"
    if keep.possible:
        out.append(_change_sentence(decision, found, keep, keep=True, first=True))
    elif free.possible and keep.blocking:
        blocking = numbers.listed([names[m] for m in keep.blocking])
        verb = "stands" if len(keep.blocking) == 1 else "stand"
        out.append(f"Keeping {order}, {name} cannot come first: {blocking} {verb} in its way.")
    else:
        out.append(f"Keeping {order}, {name} cannot come first.")
    if not free.possible:
        blocking = numbers.listed([names[m] for m in found.blocking]) or "other models"
        verb = "stands" if len(found.blocking) == 1 else "stand"
        out.append(f"No weighting of the criteria makes it first: {blocking} {verb} in its way.")
    else:
        if not keep.possible or (
            free.distance is not None and keep.distance is not None and free.distance < keep.distance
        ):
            out.append(_change_sentence(decision, found, free, keep=False, first=not keep.possible))
        out.append("There it ties first; any smaller change leaves it behind.")
    if found.ignored and not found.unlock_ignored:
        if group:
            out.append("Criteria a member gave 0 stay at 0 for them; --unlock-ignored lets them count too.")
        else:
            ignored = numbers.listed([labels.get(c, c) for c in found.ignored])
            out.append(f"Criteria you gave 0 stay at 0 ({ignored}); --unlock-ignored lets them count too.")
    return out


def table(decision: Decision, found: WhyNot) -> Table:
    """Per criterion: the weight now and needed (keeping the order, in any order), the same in the unit the
    priorities were stated in (one person's importances or swing points), and the points lost."""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    keep = found.keep_order.needed or {}
    free = found.any_order.needed or {}
    single = decision.group is None and found.any_order.members
    unit = found.any_order.members[0].terms.unit if single else ""
    stated = unit in HEADERS
    now_terms = found.any_order.members[0].terms.now if stated else {}
    keep_terms = found.keep_order.members[0].terms.needed if stated and found.keep_order.members else {}
    free_terms = found.any_order.members[0].terms.needed if stated and found.any_order.members else {}

    def weight(values: dict[str, Fraction], c: str) -> Num:
        return Num("-" if c not in values else numbers.percent(values[c], 1), values.get(c, ""))

    def given(values: Any, c: str) -> Num:
        if not isinstance(values, dict) or c not in values:
            return Num("-", "")
        return Num(numbers.importance(values[c]), values[c])

    rows = []
    for c, cost in sorted(found.costs.items(), key=lambda kv: kv[1]):
        rows.append(
            (
                Num(labels.get(c, c), c),
                Num(numbers.percent(found.now[c], 1), found.now[c]),
                weight(keep, c),
                weight(free, c),
                given(now_terms, c),
                given(keep_terms, c),
                given(free_terms, c),
                Num(numbers.signed(cost), cost),
            )
        )
    head = HEADERS.get(unit, "Stated")
    shown: Any = "" if stated else "data"
    return Table(
        (
            Column("Criterion", key="criterion", wrap=False),
            Column("Weight now", key="weight_now", numeric=True, wrap=False),
            Column("Needed, your order", key="weight_needed_keep_order", numeric=True, wrap=False),
            Column("Needed, any order", key="weight_needed", numeric=True, wrap=False),
            # for machines always; on a screen for importance and swing answers, which have values to give
            Column(f"{head} now", key="stated_now", numeric=True, wrap=False, only=shown),
            Column(f"{head} needed, your order", key="stated_needed_keep_order", numeric=True, wrap=False, only=shown),
            Column(f"{head} needed, any order", key="stated_needed", numeric=True, wrap=False, only=shown),
            Column("Points against the winner", key="points_vs_winner", numeric=True, wrap=False),
        ),
        tuple(rows),
        title="Weights now and needed, and points against the winner",
        export=True,
    )


def blocks(decision: Decision) -> list[Block]:
    """The sentences, then the table of weights now and needed."""
    found = decision.why_not
    assert found is not None
    return [*(Paragraph((line,)) for line in sentences(decision, found)), table(decision, found)]


def shift(decision: Decision) -> str:
    """The smallest change of weights under which the runner-up comes first, in words (a record's page 1)."""
    found = decision.shift
    if found is None or not found.possible or found.needed is None or found.distance is None:
        return ""
    labels = {c.id: c.label for c in decision.catalog.criteria}
    needed, now = found.needed, found.now
    moves = sorted(needed, key=lambda c: -abs(needed[c] - now[c]))
    shown = [c for c in moves if abs(needed[c] - now[c]) >= Fraction(1, 200)][:3]
    # whole percentages when they are exact, else one decimal: rounding made a 1.5-point move read
    # "from 11% to 13%" beside "at least 1%"
    values = [found.distance / 2, *(now[c] for c in shown), *(needed[c] for c in shown)]
    decimals = 0 if all((100 * v).denominator == 1 for v in values) else 1
    parts = [
        f"{labels[c]} from {numbers.percent(now[c], decimals)} to {numbers.percent(needed[c], decimals)}" for c in shown
    ]
    whose = "the group's weight" if decision.group is not None else "the weight"
    return (
        f"For {ranking.taker(decision, found.model)} to come first instead, at least "
        f"{numbers.percent(found.distance / 2, decimals)} of {whose} would have to move: {numbers.listed(parts)}."
    )


__all__ = ["blocks", "data", "sentences", "shift", "table"]

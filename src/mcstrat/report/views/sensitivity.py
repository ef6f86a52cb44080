"""The table's own uncertainty, in plain words: the single ratings the winner hangs on.

analyses/sensitivity.py finds every cell of a ranked model that, one level up or down its scale,
changes the winner, and the fewest such moves that do (up to three). Stated once: `data` for
JSON's `sensitivity`, `sentence` for a record's page 1 (up to three of the cells, each new
winner said once: "Professional body led or partnership and NGO led or partnership would tie for
first if Institutional business unit's effort were HIGH instead of MED, its risk HIGH instead of
MED or its autonomy MED instead of HIGH"), and `blocks` under the ranking on a terminal and in
Markdown: one sentence naming the first such cell, only when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mcstrat.decide import Decision
from mcstrat.report import numbers
from mcstrat.report.document import Block, Note
from mcstrat.report.views import ranking

if TYPE_CHECKING:
    from mcstrat.analyses.sensitivity import Cell

#: The cells a record's page 1 names; the rest are counted (JSON lists them all).
NAMED = 3
_COUNTS = {2: "two", 3: "three"}


def data(decision: Decision) -> dict[str, Any]:
    """JSON's `sensitivity: {cells: [{model, criterion, from, to, winner: [ids]}], min_changes}` ({} without it)."""
    found = decision.sensitivity
    if found is None:
        return {}
    return {
        "sensitivity": {
            "cells": [
                {"model": c.model, "criterion": c.criterion, "from": c.source, "to": c.to, "winner": list(c.winner)}
                for c in found.cells
            ],
            "min_changes": found.min_changes,
        }
    }


def _then(decision: Decision, winner: tuple[str, ...]) -> str:
    """What the new winner would do: "Y would come first", "A and B would tie for first"."""
    names = {m.id: m.name for m in decision.catalog.models}
    if not winner:
        return "no model would be left to rank"
    if len(winner) == 1:
        return f"{names[winner[0]]} would come first"
    if set(ranking.twins(decision).get(winner[0], ())) == set(winner):  # models rated identically: one name
        return f"{ranking.taker(decision, winner[0])} would share first place"
    return f"{numbers.listed([names[m] for m in winner])} would tie for first"


def _were(decision: Decision, cell: Cell, same_model: bool = False, verb: str = "were ") -> str:
    """ "X's risk were HIGH instead of MED" ("its risk HIGH instead of MED" after a cell of the same model)."""
    from mcstrat.report.views.explain import prose

    owner = "its" if same_model else next(m.name for m in decision.catalog.models if m.id == cell.model) + "'s"
    label = prose(decision.catalog.criterion(cell.criterion).label)
    return f"{owner} {label} {verb}{cell.to} instead of {cell.source}"


def _if(decision: Decision, cell: Cell) -> str:
    """One cell in plain words: "if X's risk were HIGH instead of MED, Y would come first"."""
    return f"if {_were(decision, cell)}, {_then(decision, cell.winner)}"


def _ratings(count: int) -> str:
    return "one rating" if count == 1 else f"{count} single ratings"


def _named(decision: Decision, cells: Sequence[Cell]) -> str:
    """CELLS said once per new winner: "Y would come first if X's risk were HIGH instead of MED or its cost ..."."""
    groups: list[list[Cell]] = []
    for cell in cells:
        if groups and groups[-1][0].winner == cell.winner:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    parts = []
    for group in groups:
        ifs = [
            _were(decision, c, same_model=i > 0 and group[i - 1].model == c.model, verb="" if i > 0 else "were ")
            for i, c in enumerate(group)
        ]
        then = _then(decision, group[0].winner)
        either = ", ".join(ifs[:-1]) + " or " + ifs[-1] if len(ifs) > 1 else ifs[0]
        parts.append(f"{then} if {either}")
    return "; ".join(parts)


def sentence(decision: Decision) -> str:
    """The whole finding in one sentence, for a record's page 1 ("" without it)."""
    found = decision.sensitivity
    if found is None:
        return ""
    cells = found.cells
    if cells:
        rest = len(cells) - NAMED
        more = f"; and {rest} more rating{'s' if rest > 1 else ''} like these" if rest > 0 else ""
        each = "one level up or down" if len(cells) == 1 else "each one level up or down"
        return (
            f"The ranking hangs on {_ratings(len(cells))} of the table, {each}: "
            f"{_named(decision, cells[:NAMED])}{more}."
        )
    if found.min_changes is not None:
        return (
            "No single rating of the table, one level up or down, changes the winner; "
            f"{_COUNTS[found.min_changes]} such changes together can."
        )
    return "Not even three ratings of the table, each one level up or down, change the winner."


def blocks(decision: Decision) -> list[Block]:
    """Under the ranking: the first cell the winner hangs on, only when there is one."""
    found = decision.sensitivity
    if found is None or not found.cells:
        return []
    count = len(found.cells)
    return [
        Note(
            (
                f"The ranking hangs on {_ratings(count)} of the table: {_if(decision, found.cells[0])}"
                + (f" (and {count - 1} more like it)." if count > 1 else "."),
            )
        )
    ]


__all__ = ["NAMED", "blocks", "data", "sentence"]

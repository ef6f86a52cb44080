"""The table's own uncertainty (sensitivity.py), against an independent brute force written from the method.

The brute force moves every cell of every ranked model one level up and down (both ends of a range),
re-applies the hard limits, and re-scores with its own scorer (docs/method.md: equally spaced
positions, benefit p, cost 1 - p, target 1 - |p - p(t)|, a range the [worst, best] of its levels
picked by the --ranges mode, weights the importances over their sum, a group's score the
share-weighted mean); min_changes by enumerating every pair and triple of moves on distinct cells.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import pytest

from mcstrat.analyses.group import Stakeholder, group_rank
from mcstrat.analyses.ranking import problem, rank
from mcstrat.analyses.sensitivity import Cell, moved, sensitivity
from mcstrat.core.catalog import Catalog, Rating
from mcstrat.core.priorities import Priorities
from mcstrat.core.statement import Overrides
from mcstrat.decide import Request, decide
from mcstrat.errors import InputError
from mcstrat.files.models import catalog_from_data
from tests.conftest import EXAMPLE_ANSWERS, ROOT

Person = tuple[Priorities, Fraction]  # priorities and share
Cells = dict[tuple[str, str], tuple[int, int]]  # (model, criterion) -> (lo, hi)


# -- the brute force -------------------------------------------------------------------------------


def utility(catalog: Catalog, cid: str, lo: int, hi: int, pri: Priorities) -> Fraction:
    crit = catalog.criterion(cid)
    n = len(crit.scale) - 1
    pos = [Fraction(i, n) for i in range(n + 1)]
    if crit.direction == "benefit":
        us = pos
    elif crit.direction == "cost":
        us = [1 - p for p in pos]
    elif cid in pri.targets:
        us = [1 - abs(p - pos[pri.targets[cid]]) for p in pos]
    else:
        us = [Fraction(0)] * len(pos)
    covered = us[lo : hi + 1]
    worst, best = min(covered), max(covered)
    return {"optimistic": best, "pessimistic": worst}.get(pri.ranges, (worst + best) / 2)


def ranked_as(result: Any) -> Any:
    """A member's priorities with the importances their ranking used (swing points turned into weights over the
    ranges of the models the group ranks, not of those their own exclusions leave)."""
    return result.priorities._replace(importances={cw.criterion.id: cw.importance for cw in result.criteria})


def winners(catalog: Catalog, people: Sequence[Person], cells: Cells, ranked: Sequence[str], limits: Any) -> tuple:
    left = [m for m in ranked if all(_holds(con, *cells[m, con.criterion]) for con in limits)]
    if not left:
        return ()
    score = {}
    for m in left:
        total = Fraction(0)
        for pri, share in people:
            mass = sum(pri.importances.values(), Fraction(0))
            total += share * sum(
                (pri.importances[c] / mass * utility(catalog, c, *cells[m, c], pri) for c in catalog.criterion_ids),
                Fraction(0),
            )
        score[m] = total
    best = max(score.values())
    return tuple(m for m in left if score[m] == best)


def _holds(con: Any, lo: int, hi: int) -> bool:
    ops = {"le": int.__le__, "ge": int.__ge__, "lt": int.__lt__, "gt": int.__gt__, "eq": int.__eq__, "ne": int.__ne__}
    return all(ops[con.op](i, con.level) for i in range(lo, hi + 1))


def brute(catalog: Catalog, people: Sequence[Person], ranked: Sequence[str], limits: Any, most: int = 3) -> tuple:
    """(the winner, {(model, criterion, from, to): new winner} of every single move changing it, min_changes)."""
    cells: Cells = {}
    for m in catalog.models:
        for c in catalog.criteria:
            r = catalog.rating(m, c.id)
            cells[m.id, c.id] = (r.lo, r.hi)
    now = winners(catalog, people, cells, ranked, limits)
    moves = []
    for m in ranked:
        for c in catalog.criteria:
            lo, hi = cells[m, c.id]
            for step in (-1, 1):
                if lo + step >= 0 and hi + step < len(c.scale):
                    moves.append((m, c.id, (lo + step, hi + step)))
    text = {c.id: (lambda lo, hi, s=c.scale: s[lo] if lo == hi else f"{s[lo]}/{s[hi]}") for c in catalog.criteria}
    singles = {}
    for m, c, new in moves:
        after = {**cells, (m, c): new}
        top = winners(catalog, people, after, ranked, limits)
        if top != now:
            singles[m, c, text[c](*cells[m, c]), text[c](*new)] = top
    fewest = 1 if singles else None
    for k in range(2, most + 1):
        if fewest is not None:
            break
        for combo in itertools.combinations(moves, k):
            if len({(m, c) for m, c, _ in combo}) < k:
                continue
            after = {**cells, **{(m, c): new for m, c, new in combo}}
            if winners(catalog, people, after, ranked, limits) != now:
                fewest = k
                break
    return now, singles, fewest


def as_found(cells: Sequence[Cell]) -> dict[tuple[str, str, str, str], tuple[str, ...]]:
    return {(c.model, c.criterion, c.source, c.to): c.winner for c in cells}


# -- random tiny catalogues ----------------------------------------------------------------------------


def random_catalog(rng: random.Random) -> Catalog:
    criteria = [
        {"id": "gain", "label": "Gain", "meaning": "g", "direction": "benefit", "scale": ["LOW", "MED", "HIGH"]},
        {"id": "pain", "label": "Pain", "meaning": "p", "direction": "cost", "scale": ["LOW", "MED", "HIGH"]},
        {"id": "fit", "label": "Fit", "meaning": "f", "direction": "target", "scale": ["H1", "H2", "H3"]},
    ]
    spans = [(0, 0), (1, 1), (2, 2), (0, 1), (1, 2)]
    models = []
    for i in range(rng.randint(2, 4)):
        ratings = {}
        for crit in criteria:
            lo, hi = rng.choice(spans)
            scale = crit["scale"]
            ratings[crit["id"]] = scale[lo] if lo == hi else f"{scale[lo]}/{scale[hi]}"
        models.append(
            {
                "id": f"m{i}",
                "name": f"Model {i}",
                "description": "d",
                "ratings": ratings,
                "strengths": "s",
                "weaknesses": "w",
            }
        )
    return catalog_from_data({"version": 1, "criteria": criteria, "models": models})


def random_priorities(rng: random.Random, catalog: Catalog, limits: bool) -> Priorities:
    importances = {c: rng.randint(0, 5) for c in ("gain", "pain")}
    if not any(importances.values()):
        importances["gain"] = 1
    given: dict[str, Any] = {"ranges": rng.choice(["midpoint", "optimistic", "pessimistic"])}
    if rng.random() < 0.6:
        importances["fit"] = rng.randint(1, 5)
        given["targets"] = {"fit": rng.choice(["H1", "H2", "H3"])}
    else:
        importances["fit"] = 0
    if limits and rng.random() < 0.5:
        given["require"] = [rng.choice(["pain<=MED", "gain>=MED", "pain!=HIGH", "gain<HIGH"])]
    try:
        return Priorities.build(catalog, importances, **given)
    except InputError:  # a limit that leaves nothing, or a weighed criterion on which no model differs
        return random_priorities(rng, catalog, limits)


@pytest.mark.parametrize("seed", range(120))
def test_one_person_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    catalog = random_catalog(rng)
    pri = random_priorities(rng, catalog, limits=True)
    prob = problem(catalog, pri)
    found = sensitivity([prob], None, pri.require)
    ranked = [m.id for m in prob.models]
    now, singles, fewest = brute(catalog, [(pri, Fraction(1))], ranked, pri.require)
    assert found.winner == now
    assert as_found(found.cells) == singles
    assert found.min_changes == fewest


@pytest.mark.parametrize("seed", range(60))
def test_group_matches_brute_force(seed: int) -> None:
    rng = random.Random(1000 + seed)
    catalog = random_catalog(rng)
    people = [
        Stakeholder(
            f"p{i}",
            random_priorities(rng, catalog, limits=i == 0)._replace(stakeholder_weight=Fraction(rng.randint(1, 3))),
        )
        for i in range(rng.randint(2, 3))
    ]
    try:
        grouped = group_rank(catalog, people)
    except InputError:  # the members' limits together leave nothing
        return
    limits = tuple(con for s in people for con in s.priorities.require)
    found = sensitivity(grouped.problems, grouped.stakeholder_weights, limits)
    total = sum((s.priorities.stakeholder_weight for s in people), Fraction(0))
    shares = [(s.priorities, s.priorities.stakeholder_weight / total) for s in people]
    ranked = [r.model.id for r in sorted(grouped.result.ranking, key=lambda r: catalog.model_ids.index(r.model.id))]
    now, singles, fewest = brute(catalog, shares, ranked, limits)
    assert found.winner == tuple(r.model.id for r in grouped.result.top)
    assert found.winner == now
    assert as_found(found.cells) == singles
    assert found.min_changes == fewest


def test_min_changes_above_one_found_and_beyond_three_null() -> None:
    """Hand-built: a lead no single move closes takes two; a lead no three close is null."""
    criteria = [
        {"id": f"c{j}", "label": f"C{j}", "meaning": "m", "direction": "benefit", "scale": ["LOW", "MED", "HIGH"]}
        for j in range(3)
    ]

    def cat(a: list[str], b: list[str]) -> Catalog:
        models = [
            {
                "id": i,
                "name": i.title(),
                "description": "d",
                "ratings": dict(zip(["c0", "c1", "c2"], r)),
                "strengths": "s",
                "weaknesses": "w",
            }
            for i, r in (("alpha", a), ("beta", b))
        ]
        return catalog_from_data({"version": 1, "criteria": criteria, "models": models})

    even = {"c0": 1, "c1": 1, "c2": 1}
    # alpha leads by 2 half-levels: one move (a half-level) is not enough, two (either side) are
    two = cat(["HIGH", "HIGH", "MED"], ["MED", "MED", "MED"])
    pri = Priorities.build(two, even)
    found = sensitivity([problem(two, pri)])
    assert found.cells == () and found.min_changes == 2
    assert brute(two, [(pri, Fraction(1))], ["alpha", "beta"], ())[2] == 2
    # alpha HIGH everywhere, beta LOW everywhere: a lead of 6 levels, and three moves close at most 3 of them
    far = cat(["HIGH", "HIGH", "HIGH"], ["LOW", "LOW", "LOW"])
    pri = Priorities.build(far, even)
    found = sensitivity([problem(far, pri)])
    assert found.cells == () and found.min_changes is None
    assert brute(far, [(pri, Fraction(1))], ["alpha", "beta"], ())[2] is None


def test_moves_stay_on_the_scale() -> None:
    scale = ["LOW", "MED", "HIGH"]
    assert moved(scale, Rating("LOW/MED", 0, 1)) == [Rating("MED/HIGH", 1, 2)]
    assert moved(scale, Rating("MED", 1, 1)) == [Rating("LOW", 0, 0), Rating("HIGH", 2, 2)]
    assert moved(scale, Rating("HIGH", 2, 2)) == [Rating("MED", 1, 1)]
    assert moved(scale, Rating("LOW/HIGH", 0, 2)) == []


# -- Table 2 -------------------------------------------------------------------------------------------


def with_cell(catalog: Catalog, model: str, criterion: str, text: str) -> Catalog:
    models = [m._replace(ratings={**m.ratings, criterion: text}) if m.id == model else m for m in catalog.models]
    return catalog._replace(models=models)


def test_example_answers_every_cell_by_brute_force_and_by_the_ranking() -> None:
    decision = decide(Request(answers=(EXAMPLE_ANSWERS,)))
    found = decision.sensitivity
    assert found is not None
    pri = decision.result.priorities
    ranked = [m.id for m in decision.catalog.models if m.id in {r.model.id for r in decision.result.ranking}]
    now, singles, fewest = brute(decision.catalog, [(pri, Fraction(1))], ranked, pri.require, most=1)
    assert found.winner == now == ("institutional-business-unit",)
    assert as_found(found.cells) == singles
    assert found.min_changes == fewest == 1
    # the example: the institutional business unit's risk one level higher ties the partnerships first
    assert ("institutional-business-unit", "risk", "MED", "HIGH") in singles
    # each listed cell, changed in the catalogue and ranked by analyses/ranking.rank, gives the winner listed
    for cell in found.cells:
        changed = rank(with_cell(decision.catalog, cell.model, cell.criterion, cell.to), pri)
        assert tuple(r.model.id for r in changed.top) == cell.winner
    # in ranking order, criteria in file order, down before up
    places = [r.model.id for r in decision.result.ranking]
    keys = [(places.index(c.model), decision.catalog.criterion_ids.index(c.criterion)) for c in found.cells]
    assert keys == sorted(keys)


def test_a_moved_cell_that_breaks_a_limit_drops_its_model() -> None:
    decision = decide(Request(answers=(EXAMPLE_ANSWERS,), flags=Overrides(require=("effort>=MED",))))
    found = decision.sensitivity
    assert found is not None
    pri = decision.result.priorities
    ranked = [m.id for m in decision.catalog.models if m.id in {r.model.id for r in decision.result.ranking}]
    _, singles, _ = brute(decision.catalog, [(pri, Fraction(1))], ranked, pri.require, most=1)
    assert as_found(found.cells) == singles
    # the winner's effort MED -> LOW raises its score but breaks effort>=MED: it drops out, the partnerships tie first
    assert singles["institutional-business-unit", "effort", "MED", "LOW"] == (
        "professional-body-partnership",
        "ngo-partnership",
    )


def test_committee_by_brute_force() -> None:
    decision = decide(Request(group=ROOT / "examples" / "committee.yaml"))
    found = decision.sensitivity
    assert found is not None and decision.group is not None
    people = [(ranked_as(v.result), v.share) for v in decision.group.stakeholders]
    limits = tuple(con for v in decision.group.stakeholders for con in v.result.priorities.require)
    ranked = [m.id for m in decision.catalog.models if m.id in {r.model.id for r in decision.result.ranking}]
    now, singles, fewest = brute(decision.catalog, people, ranked, limits, most=2)
    assert found.winner == now == tuple(r.model.id for r in decision.result.top)
    assert as_found(found.cells) == singles
    assert found.min_changes == fewest


def test_a_whole_group_limit_applies_to_moved_cells() -> None:
    """--require beside a group file is the whole group's: a moved cell breaking it drops the model too."""
    decision = decide(Request(group=ROOT / "examples" / "committee.yaml", flags=Overrides(require=("effort>=MED",))))
    found = decision.sensitivity
    assert found is not None and decision.group is not None
    people = [(ranked_as(v.result), v.share) for v in decision.group.stakeholders]
    limits = (
        *(con for v in decision.group.stakeholders for con in v.result.priorities.require),
        *Priorities.build(decision.catalog, {"roi": 1}, require=["effort>=MED"]).require,
    )
    ranked = [m.id for m in decision.catalog.models if m.id in {r.model.id for r in decision.result.ranking}]
    _, singles, _ = brute(decision.catalog, people, ranked, limits, most=1)
    assert as_found(found.cells) == singles
    # a lower effort raises the winner's score, but breaks effort>=MED: it drops out
    assert singles["institutional-business-unit", "effort", "MED", "LOW"] == ("industry-partnership",)


def test_nothing_left_is_an_empty_winner() -> None:
    catalog = random_catalog(random.Random(3))
    only = catalog.models[0]
    level = catalog.rating(only, "gain")
    pri = Priorities.build(
        catalog,
        {"gain": 1, "pain": 1, "fit": 0},
        exclude=[m.id for m in catalog.models[1:]],
        require=[f"gain>={catalog.criterion('gain').scale[level.lo]}"],
    )
    found = sensitivity([problem(catalog, pri)], None, pri.require)
    assert found.winner == (only.id,)
    # MED/HIGH one level down is LOW/MED, which breaks gain>=MED: nothing is left; nothing else changes the winner
    assert level.text == "MED/HIGH"
    assert found.cells == (Cell(only.id, "gain", "MED/HIGH", "LOW/MED", ()),)
    assert found.min_changes == 1

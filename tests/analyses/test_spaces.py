"""The ``stated`` weight space (analyses/spaces.py) against a sampler written here from the definitions.

Each statement is uniform in the interval it stands for (core/precision.py: an importance ± half its last
digit, a range as given, swing points ± 5, 0 exactly 0), one uniform per criterion per sample shared by every
member; importances are normalised, swing points become weights through the ranges of the models ranked
(w ∝ p / r). A ranged cell's true position is uniform between its ends, one per cell per sample, shared.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mcstrat.analyses.spaces import box, map_weights, order_space, sampled_space
from mcstrat.core.vocabulary import WeightSpace
from mcstrat.decide import Request, decide

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "answers.yaml"
SAMPLES = 20_000


def _utility(direction: str, position: Any, target: float | None) -> Any:
    if direction == "benefit":
        return position
    if direction == "cost":
        return 1.0 - position
    return 1.0 - np.abs(position - target) if target is not None else 0.0 * position


def independent_first(decision: Any, samples: int = SAMPLES, seed: int = 7) -> dict[str, float]:
    """Each ranked model's chance of coming first (ties shared) for the decision's members, from scratch."""
    rng = np.random.default_rng(seed)
    catalog = decision.catalog
    ranked = [r.model for r in decision.result.ranking]
    members = (
        [(v.result.priorities, float(v.share)) for v in decision.group.stakeholders]
        if decision.group is not None
        else [(decision.result.priorities, 1.0)]
    )
    crits = catalog.criteria
    # one uniform per criterion per sample (the statements), one per cell (the ratings), shared by everyone
    u_stated = rng.random((samples, len(crits)))
    u_cells = rng.random((samples, len(ranked), len(crits)))
    positions = []
    for j, crit in enumerate(crits):
        pos = [float(p) for p in crit.positions()]
        lo = np.array([pos[catalog.rating(m, crit.id).lo] for m in ranked])
        hi = np.array([pos[catalog.rating(m, crit.id).hi] for m in ranked])
        positions.append(lo + (hi - lo) * u_cells[:, :, j])  # samples x models
    total = np.zeros((samples, len(ranked)))
    for pri, share in members:
        targets = {c: float(crits[[k.id for k in crits].index(c)].positions()[t]) for c, t in pri.targets.items()}
        utils = np.stack(
            [_utility(str(c.direction), positions[j], targets.get(c.id)) for j, c in enumerate(crits)], axis=2
        )
        lows = np.array([float(pri.bounds[c.id][0]) for c in crits])
        highs = np.array([float(pri.bounds[c.id][1]) for c in crits])
        x = lows + (highs - lows) * u_stated
        if str(pri.weighting) == "swing":
            # the range of each criterion over the models ranked, at the member's --ranges mode (midpoint)
            mids = []
            for c in crits:
                levels = [float(v) for v in c.positions()]
                t = targets.get(c.id)
                cells = [catalog.rating(m, c.id) for m in ranked]
                vals = [
                    (_utility(str(c.direction), levels[r.lo], t) + _utility(str(c.direction), levels[r.hi], t)) / 2
                    if str(c.direction) != "target"
                    else (
                        max(_utility("target", p, t) for p in levels[r.lo : r.hi + 1])
                        + min(_utility("target", p, t) for p in levels[r.lo : r.hi + 1])
                    )
                    / 2
                    for r in cells
                ]
                mids.append(max(vals) - min(vals) or 1.0)
            x = x / np.array(mids)
        w = x / x.sum(axis=1, keepdims=True)
        total += share * np.einsum("smc,sc->sm", utils, w)
    best = total.max(axis=1, keepdims=True)
    top = np.abs(total - best) <= 1e-12
    shares = top / top.sum(axis=1, keepdims=True)
    return {m.id: float(v) for m, v in zip(ranked, shares.mean(axis=0))}


def _close(ours: float, theirs: float, n1: int, n2: int) -> None:
    """Two Monte Carlo estimates of one chance agree within 4.5 standard errors of their difference."""
    p = (ours + theirs) / 2
    se = math.sqrt(max(p * (1 - p), 1e-4) * (1 / n1 + 1 / n2))
    assert abs(ours - theirs) <= 4.5 * se, (ours, theirs)


def test_the_example_in_the_stated_space() -> None:
    decision = decide(Request(answers=(EXAMPLE,), robustness=True))
    assert decision.smaa is not None and decision.smaa.weight_space == WeightSpace.stated
    theirs = independent_first(decision)
    for model, row in decision.smaa.acceptability.items():
        _close(row[0], theirs[model], decision.smaa.samples, SAMPLES)
    # the statements' precision matters: keeping only the order gives the winner far more first places
    ordered = decide(Request(answers=(EXAMPLE,), robustness=True, firmness=decision.firmness._replace(
        weight_space=WeightSpace.order)))  # fmt: skip
    assert ordered.smaa is not None
    first = "institutional-business-unit"
    assert ordered.smaa.acceptability[first][0] > decision.smaa.acceptability[first][0] + 0.1


def test_a_group_in_the_stated_space(tmp_path: Path) -> None:
    """Two members stating different importances (one a range) and targets, one draw per criterion shared."""
    (tmp_path / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "version: 1\npriorities: {roi: 2-4, risk: 5, speed: 1.5, cost: 3, impact: none, effort: 1}\n"
        "target_horizon: H2\n",
        encoding="utf-8",
    )
    decision = decide(Request(answers=(tmp_path / "a.yaml", tmp_path / "b.yaml"), robustness=True))
    assert decision.smaa is not None
    theirs = independent_first(decision)
    for model, row in decision.smaa.acceptability.items():
        _close(row[0], theirs[model], decision.smaa.samples, SAMPLES)


def test_swing_points_in_the_stated_space(tmp_path: Path) -> None:
    answers = tmp_path / "swing.yaml"
    answers.write_text(
        "version: 1\nswing: {speed: 100, risk: 70-90, autonomy: 60, roi: 40}\nexclude: [opx]\n", encoding="utf-8"
    )
    decision = decide(Request(answers=(answers,), robustness=True))
    assert decision.smaa is not None
    theirs = independent_first(decision)
    assert 0.5 < theirs["institutional-business-unit"] < 0.8 and 0.2 < theirs["sole-institution"] < 0.4  # contested
    for model, row in decision.smaa.acceptability.items():
        _close(row[0], theirs[model], decision.smaa.samples, SAMPLES)


def test_a_ranking_states_an_order_so_stated_is_order() -> None:
    decision = decide(Request(flags=_ranking("risk > roi = impact > speed")))
    (problem,), _ = decision.problems()
    assert sampled_space(problem, WeightSpace.stated) == WeightSpace.order
    assert box(problem, WeightSpace.stated) is None


def _ranking(text: str) -> Any:
    from mcstrat.core.statement import Overrides

    return Overrides(ranking=(text, "--ranking"))


@pytest.mark.parametrize("space", [WeightSpace.stated, WeightSpace.local])
def test_every_drawn_weighting_is_inside_its_box(space: WeightSpace) -> None:
    """Mapped weights normalise to 1 and their ratios stay within the box's ratio bounds (what potential.py
    searches): (a_i w_i) / (a_j w_j) >= low_i / high_j."""
    from mcstrat.analyses.spaces import draw

    decision = decide(Request(answers=(EXAMPLE,)))
    (problem,), _ = decision.problems()
    drawn = draw(np.random.default_rng(3), space, 2000, len(problem.criteria))
    w = map_weights(drawn, problem, space, 1.0, order_space(problem))
    assert np.allclose(w.sum(axis=1), 1.0)
    found = box(problem, space, 1.0)
    assert found is not None
    low, high, scale = ([float(v) for v in part] for part in found)
    e = w * np.array(scale)
    for i in range(len(low)):
        for j in range(len(low)):
            if i != j and high[j] > 0 and low[i] > 0:
                assert (e[:, i] * high[j] >= e[:, j] * low[i] - 1e-12).all()
    assert Fraction(1) in found[2]

"""JSON, the data contract: written from the decision (not from a document), keys in a stable order.

Numbers are exact Fractions in a decision and become JSON numbers here (an int when whole, else
the nearest float: numbers.machine). Text is kept exact: json.dumps's own escapes, plus C1
controls, bidi and zero-width characters written as \\u escapes (sanitize.json_text), so it reads
back identical and cannot act on a terminal. Each analysis's fields come from its view's `data`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mcstrat import sanitize
from mcstrat.core.vocabulary import Weighting
from mcstrat.report.numbers import machine

if TYPE_CHECKING:  # `models` and `show` load none of the decision's modules
    from mcstrat.core.catalog import Catalog, Model
    from mcstrat.decide import Compared, Decision


def to_json(data: Any) -> str:
    """Stable, readable JSON (keys in insertion order, no trailing spaces); exact text, unsafe characters escaped."""
    return sanitize.json_text(json.dumps(data, indent=2, ensure_ascii=False))


def source(catalog: Catalog) -> dict[str, Any] | None:
    """The models file's `source` block (unset fields left out), or None."""
    if catalog.source is None:
        return None
    return {k: v for k, v in catalog.source._asdict().items() if v is not None}


def model(catalog: Catalog, found: Model) -> dict[str, Any]:
    return {
        "id": found.id,
        "name": found.name,
        "heading": found.heading,
        "description": found.description,
        "example": found.example,
        "ratings": {c.id: found.ratings[c.id] for c in catalog.criteria},
        "strengths": found.strengths,
        "weaknesses": found.weaknesses,
    }


def models(catalog: Catalog) -> list[dict[str, Any]]:
    """`models --format json`: every model."""
    return [model(catalog, m) for m in catalog.models]


def show(catalog: Catalog, found: Model) -> dict[str, Any]:
    """`show ID --format json`: one model, the criteria's meanings and scales, and the source."""
    data = model(catalog, found)
    data["criteria"] = [
        {"id": c.id, "label": c.label, "meaning": c.meaning, "direction": c.direction, "scale": c.scale}
        for c in catalog.criteria
    ]
    data["source"] = source(catalog)
    return data


def recommend(decision: Decision, top: int | None = None) -> dict[str, Any]:
    """`recommend --format json`: the ranking, why the winner wins, the inputs, and every analysis asked for."""
    from mcstrat.analyses.ranking import dominance
    from mcstrat.report.views import defaults as defaults_view
    from mcstrat.report.views import explain as explain_view
    from mcstrat.report.views import present
    from mcstrat.report.views import sensitivity as sensitivity_view

    result, catalog = decision.result, decision.catalog
    pri = result.priorities
    horizon = next((cw.target for cw in result.criteria if cw.criterion.id == "horizon"), None)
    # swing answers add each criterion's points, ranking answers its ROC weight (core/weighting.py)
    stated_key = {Weighting.swing: "points", Weighting.ranking: "roc_weight"}.get(pri.weighting)
    data: dict[str, Any] = {
        "name": pri.name,
        "weighting": pri.weighting,
        "criteria": [
            {
                "id": cw.criterion.id,
                "label": cw.criterion.label,
                "direction": cw.criterion.direction,
                "importance": machine(cw.importance),
                "weight": machine(cw.weight),
                "default": cw.defaulted,
                "target": cw.target,
                "range": machine(cw.span),
                "effective_weight": machine(cw.effective),
                **({stated_key: machine(cw.stated)} if stated_key and cw.stated is not None else {}),
            }
            for cw in result.criteria
        ],
        "target_horizon": horizon,
        "ranges": pri.ranges,
        "require": [c.text for c in pri.require],
        "ranking": [
            {
                "rank": r.rank,
                "id": r.model.id,
                "name": r.model.name,
                "score": machine(r.score),
                "tied": r.tied,
                "ratings": r.ratings,
                "utilities": {k: machine(v) for k, v in r.utilities.items()},
                "contributions": {k: machine(v) for k, v in r.contributions.items()},
            }
            for r in result.first(top)
        ],
        "excluded": [
            {
                "id": e.model.id,
                "reason": e.reason,
                # a group's: the members who asked for it ([] when only --exclude or --require did)
                **({"by": list(decision.group.excluded_by.get(e.model.id, ()))} if decision.group is not None else {}),
            }
            for e in result.excluded
        ],
        "dominance": dominance(result),
        "source": source(catalog),
        "summary": explain_view.data(result, explain_view.members(decision)),
        **sensitivity_view.data(decision),
        **defaults_view.data(decision),
    }
    # each answers file, and a custom --models file (with "kind": "models"), with the SHA-256 of the bytes used
    inputs: list[dict[str, str]] = [{"file": path, "sha256": digest} for path, digest in decision.inputs]
    if decision.group_input is not None:  # the group file first (with "kind": "group"), then its members'
        path, digest = decision.group_input
        inputs.insert(0, {"file": path, "sha256": digest, "kind": "group"})
    if decision.models_input is not None:
        path, digest = decision.models_input
        inputs.append({"file": path, "sha256": digest, "kind": "models"})
    if inputs:
        data["inputs"] = inputs
    for view in present(decision):
        data.update(view.data(decision))
    return data


def why_not(decision: Decision) -> dict[str, Any]:
    """`why-not --format json`: its view's data (views/whynot.py), and the models file's source."""
    from mcstrat.report.views import whynot

    return {**whynot.data(decision), "source": source(decision.catalog)}


def compare(compared: Compared) -> dict[str, Any]:
    """`compare --format json`: per criterion the ratings, who is better, each model's points."""
    found = compared.comparison
    first = found.models[0].id
    return {
        "models": [
            {
                "id": m.id,
                "name": m.name,
                "score": machine(found.scores[m.id]) if found.scores else None,
                "strengths": m.strengths,
                "weaknesses": m.weaknesses,
            }
            for m in found.models
        ],
        "criteria": [
            {
                "id": row.criterion.id,
                "label": row.criterion.label,
                "direction": row.criterion.direction,
                "ratings": row.ratings,
                "better": list(row.better),
                "points": {k: machine(v) for k, v in row.points.items()} if row.points else None,
                "difference": (
                    {m.id: machine(row.points[m.id] - row.points[first]) for m in found.models[1:]}
                    if row.points
                    else None
                ),
            }
            for row in found.criteria
        ],
        "difference_from": first,
        "excluded": [{"id": e.model.id, "reason": e.reason} for e in found.excluded],
        "source": source(compared.catalog),
    }


__all__ = ["compare", "model", "models", "recommend", "show", "source", "to_json", "why_not"]

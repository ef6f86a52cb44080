"""Machine and document formats (JSON, CSV, Markdown): pure functions from results to text.

Nothing here imports rich: `--format json` and `--format csv` must stay fast and clean.
Numbers are exact Fractions in the core and become floats (shortest repr) only here.
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcstrat.analysis import Analysis
    from mcstrat.catalog import Catalog, Model
    from mcstrat.engine import RankResult
    from mcstrat.robustness import SmaaResult, StabilityInterval


def number(value: Fraction) -> float | int:
    """A Fraction as a JSON number: an int when whole, else the nearest float."""
    return value.numerator if value.denominator == 1 else float(value)


def to_json(data: Any) -> str:
    """Stable, readable JSON (keys in insertion order, no trailing spaces)."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row and Unix line endings."""
    import csv  # only here: the terminal view imports this module too, and needs no csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def md_cell(value: Any) -> str:
    """User text made literal in Markdown (no emphasis, links or HTML) and safe inside a table cell."""
    return str(value).translate(_MD_SPECIAL).replace("\n", " ")


class Raw(str):
    """Markdown of mcstrat's own (e.g. **Score**), put in a table cell without escaping."""


def _cell(value: Any) -> str:
    return value if isinstance(value, Raw) else md_cell(value)


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    """A GitHub-flavoured Markdown table; ALIGN holds one 'l' or 'r' per column."""
    marks = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def source_data(catalog: Catalog) -> dict[str, Any] | None:
    if catalog.source is None:
        return None
    return {k: v for k, v in dataclasses.asdict(catalog.source).items() if v is not None}


def attribution(catalog: Catalog) -> str:
    """One line crediting the source table, or saying the models file has none."""
    return attribution_of(source_data(catalog))


def attribution_of(src: dict[str, Any] | None) -> str:
    """attribution() from the `source` block as it appears in JSON output."""
    if src is None:
        return "Source: a custom models file with no source block."
    parts = [f"Source: {src['citation']}"]
    if src.get("url"):
        parts.append(src["url"])
    if src.get("adapted_from"):
        parts.append(f"Adapted from {src['adapted_from']}.")
    parts.append(f"Licence: {src['licence']}.")
    return " ".join(parts)


# -- models and show ----------------------------------------------------------------------


def model_data(catalog: Catalog, model: Model) -> dict[str, Any]:
    return {
        "id": model.id,
        "name": model.name,
        "heading": model.heading,
        "description": model.description,
        "example": model.example,
        "ratings": {c.id: model.ratings[c.id] for c in catalog.criteria},
        "strengths": model.strengths,
        "weaknesses": model.weaknesses,
    }


def models_json(catalog: Catalog) -> str:
    return to_json([model_data(catalog, m) for m in catalog.models])


def models_csv(catalog: Catalog) -> str:
    header = ["id", "name", *catalog.criterion_ids, "description", "example", "strengths", "weaknesses"]
    rows = [
        [
            m.id,
            m.name,
            *(m.ratings[c] for c in catalog.criterion_ids),
            m.description,
            m.example,
            m.strengths,
            m.weaknesses,
        ]
        for m in catalog.models
    ]
    return csv_text(header, rows)


def models_markdown(catalog: Catalog) -> str:
    header = ["Model", *(c.label for c in catalog.criteria)]
    rows = [[m.name, *(m.ratings[c] for c in catalog.criterion_ids)] for m in catalog.models]
    return "\n\n".join(["## Business models", md_table(header, rows), attribution(catalog)])


def models_yaml(catalog: Catalog, *, shipped: str | None = None, source_name: str | None = None) -> str:
    """The catalogue as a models file to start a custom one from (`mcstrat models --format yaml`).

    SHIPPED is the text of the built-in models file when that is the catalogue in use: it is
    printed verbatim, comments and source block included, since the data file is the one source
    of truth. Any other catalogue (a --models file, which may be JSON) is written out with
    yaml.safe_dump in the file's own key order, empty optional keys left out, under a header
    comment naming SOURCE_NAME. Either way `mcstrat --models` of the output gives the same results.
    """
    if shipped is not None:
        return shipped.rstrip("\n")
    import yaml

    from mcstrat.sanitize import terminal

    def pruned(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: pruned(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [pruned(v) for v in value]
        return value

    where = f" from {terminal(source_name)}" if source_name else ""
    header = (
        f"# An mcstrat models file, written by `mcstrat models --format yaml`{where}.\n"
        "# Edit it and use it with `mcstrat --models FILE ...`; `mcstrat schema models` prints its\n"
        "# JSON Schema and `mcstrat validate FILE` checks it.\n\n"
    )
    body = yaml.safe_dump(pruned(catalog.to_data()), sort_keys=False, allow_unicode=True, width=100)
    return header + body.rstrip("\n")


def show_json(catalog: Catalog, model: Model) -> str:
    data = model_data(catalog, model)
    data["criteria"] = [
        {"id": c.id, "label": c.label, "meaning": c.meaning, "direction": c.direction, "scale": c.scale}
        for c in catalog.criteria
    ]
    data["source"] = source_data(catalog)
    return to_json(data)


def show_csv(catalog: Catalog, model: Model) -> str:
    rows = [[c.id, c.label, model.ratings[c.id], c.direction, c.meaning] for c in catalog.criteria]
    return csv_text(["criterion", "label", "rating", "direction", "meaning"], rows)


def show_markdown(catalog: Catalog, model: Model) -> str:
    rows = [[c.label, model.ratings[c.id], c.meaning] for c in catalog.criteria]
    parts = [
        f"## {md_cell(model.name)}",
        f"{model.description}. Example: {model.example or '(none given)'}.",
        md_table(["Criterion", "Rating", "Meaning"], rows),
        f"**Strengths:** {model.strengths}",
        f"**Weaknesses:** {model.weaknesses}",
        attribution(catalog),
    ]
    return "\n\n".join(parts)


# -- recommend ----------------------------------------------------------------------------


def visible(result: RankResult, top: int | None) -> list[Any]:
    """The ranked models to show: the first TOP, plus any tied with the last one shown."""
    if top is None or top >= len(result.ranking):
        return list(result.ranking)
    cut = result.ranking[top - 1].rank
    return [r for r in result.ranking if r.rank <= cut]


def recommend_data(analysis: Analysis, top: int | None = None) -> dict[str, Any]:
    """The JSON contract of `recommend`."""
    from mcstrat.explain import lead, summary_data

    data = ranking_data(analysis.result, analysis.catalog, top)
    data["summary"] = summary_data(lead(analysis.result), analysis.result)
    if analysis.inputs:
        data["inputs"] = [{"file": path, "sha256": digest} for path, digest in analysis.inputs]
    if analysis.group is not None:
        data.update(analysis.group.to_dict(number))
    if analysis.smaa is not None:
        data["robustness"] = robustness_data(analysis.smaa)
    if analysis.stability is not None:
        data["stability"] = stability_data(analysis.stability)
    return data


def robustness_data(found: SmaaResult) -> dict[str, Any]:
    return {
        "samples": found.samples,
        "seed": found.seed,
        "spread": found.spread,
        "ordinal": found.ordinal,
        "acceptability": found.acceptability,
        "central_weights": found.central_weights,
    }


def stability_data(intervals: dict[str, StabilityInterval]) -> dict[str, Any]:
    return {
        cid: {
            "importance": number(iv.importance),
            "low": number(iv.low),
            "high": None if iv.high is None else number(iv.high),
            "below": iv.below,
            "above": iv.above,
        }
        for cid, iv in intervals.items()
    }


def ranking_data(result: RankResult, catalog: Catalog, top: int | None = None) -> dict[str, Any]:
    """The ranking part of the JSON contract, shared by single and group recommendations."""
    pri = result.priorities
    horizon = next((cw.target for cw in result.criteria if cw.criterion.id == "horizon"), None)
    return {
        "name": pri.name,
        "criteria": [
            {
                "id": cw.criterion.id,
                "label": cw.criterion.label,
                "direction": cw.criterion.direction,
                "importance": number(cw.importance),
                "weight": number(cw.weight),
                "default": cw.defaulted,
                "target": cw.target,
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
                "score": number(r.score),
                "tied": r.tied,
                "ratings": r.ratings,
                "utilities": {k: number(v) for k, v in r.utilities.items()},
                "contributions": {k: number(v) for k, v in r.contributions.items()},
            }
            for r in visible(result, top)
        ],
        "excluded": [{"id": e.model.id, "reason": e.reason} for e in result.excluded],
        "source": source_data(catalog),
    }


def recommend_csv(data: dict[str, Any]) -> str:
    """One row per ranked model; with --robustness, the chance of each rank is added."""
    crits = [c["id"] for c in data["criteria"]]
    header = ["rank", "id", "name", "score", "tied", *(f"contribution_{c}" for c in crits)]
    accept = data.get("robustness", {}).get("acceptability")
    if accept:
        header += [f"p_rank{i + 1}" for i in range(len(next(iter(accept.values()))))]
    rows = []
    for r in data["ranking"]:
        row = [
            r["rank"],
            r["id"],
            r["name"],
            r["score"],
            str(r["tied"]).lower(),
            *(r["contributions"][c] for c in crits),
        ]
        if accept:
            row += accept[r["id"]]
        rows.append(row)
    return csv_text(header, rows)


def stakeholders_markdown(data: dict[str, Any], names: dict[str, str]) -> str:
    """Each stakeholder's own top model, and where the group disagrees."""
    rows = [
        [p["name"], f"{p['weight']:g}", ", ".join(names.get(t, t) for t in p["top"]),
         ", ".join(fmt_score(v) for v in p["group_top_scores"].values())]
        for p in data["stakeholders"]
    ]  # fmt: skip
    parts = [
        "### Stakeholders",
        md_table(["Stakeholder", "Weight", "Their top model", "Their score for the group's top"], rows, "lrll"),
    ]
    agreement = data["agreement"]
    if agreement["mean_tau"] is not None:
        pairs = "; ".join(
            f"{md_cell(p['a'])} / {md_cell(p['b'])}: {'n/a' if p['tau'] is None else format(p['tau'], '.2f')}"
            for p in agreement["pairs"]
        )
        parts.append(
            "Rank agreement (Kendall's tau-b, 1 = same order, -1 = reversed): "
            f"mean {agreement['mean_tau']:.2f}; {pairs}."
        )
    wide = [c for c in agreement["criteria"] if c["range"] > 0][:3]
    if wide:
        parts.append(
            "Most disputed importances: "
            + "; ".join(
                f"{c['criterion']} ({', '.join(f'{md_cell(n)} {v:g}' for n, v in c['importances'].items())})"
                for c in wide
            )
            + "."
        )
    return "\n\n".join(parts)


def expected_rank(acceptability: list[float]) -> float:
    """The mean rank under the sampled uncertainty: how models are ordered in robustness tables."""
    return sum((i + 1) * p for i, p in enumerate(acceptability))


def _pct_cell(p: float) -> str:
    return f"{100 * p:.0f}%"


def robustness_markdown(rob: dict[str, Any], names: dict[str, str]) -> str:
    accept = rob["acceptability"]
    ranks = len(next(iter(accept.values())))
    order = sorted(accept, key=lambda m: expected_rank(accept[m]))  # stable: ties keep the models file's order
    table = md_table(
        ["Model", *(f"#{i + 1}" for i in range(ranks))],
        [[names.get(m, m), *(_pct_cell(p) for p in accept[m])] for m in order],
        "l" + "r" * ranks,
    )
    how = (
        f"{rob['samples']:,} samples (seed {rob['seed']}); each stated importance varied uniformly by "
        f"±{rob['spread']:g}, ranged cells drawn within their range"
        + ("; level spacing drawn at random (ordinal)" if rob["ordinal"] else "")
        + "."
    )
    return "\n\n".join(["### Robustness: chance of each rank", table, how])


def stability_markdown(stab: dict[str, Any], names: dict[str, str], top: str) -> str:
    def bound(value: float | None) -> str:
        return "∞" if value is None else f"{value:.2f}"

    rows = [
        [cid, f"{iv['importance']:g}", f"{bound(iv['low'])} – {bound(iv['high'])}",
         names.get(iv["below"], "—") if iv["below"] else "—", names.get(iv["above"], "—") if iv["above"] else "—"]
        for cid, iv in stab.items()
    ]  # fmt: skip
    table = md_table(
        ["Criterion", "Importance", "Keeps the top model first", "First below", "First above"], rows, "lrcll"
    )
    return "\n\n".join([f"### Stability: the importance range that keeps {md_cell(top)} first", table])


def fmt_score(value: float) -> str:
    return f"{value:.1f}"


def rank_label(rank: int, tied: bool) -> str:
    return f"{rank}=" if tied else str(rank)


def recommend_markdown(data: dict[str, Any]) -> str:
    title = f"## Recommendation{': ' + md_cell(data['name']) if data.get('name') else ''}"
    ranking = md_table(
        ["Rank", "Model", "Score"],
        [[rank_label(r["rank"], r["tied"]), r["name"], fmt_score(r["score"])] for r in data["ranking"]],
        "llr",
    )
    weights = md_table(
        ["Criterion", "Importance", "Weight"],
        [
            [c["label"], f"{c['importance']:g}{' (default)' if c['default'] else ''}", f"{100 * c['weight']:.0f}%"]
            for c in data["criteria"]
        ],
        "lrr",
    )
    parts = [title, ranking]
    if "summary" in data:
        from mcstrat.sanitize import markdown

        parts.append(" ".join(markdown(line) for line in [data["summary"]["text"], *data["summary"]["notes"]]))
    parts += ["### Weights used", weights]
    settings = [f"Ranged cells scored at: {data['ranges']}."]
    if data["target_horizon"]:
        settings.append(f"Target horizon: {data['target_horizon']}.")
    parts.append(" ".join(settings))
    names = {r["id"]: r["name"] for r in data["ranking"]}
    if "stakeholders" in data:
        parts.append(stakeholders_markdown(data, names))
    if "robustness" in data:
        parts.append(robustness_markdown(data["robustness"], names))
    if "stability" in data and data["ranking"]:
        parts.append(stability_markdown(data["stability"], names, data["ranking"][0]["name"]))
    if data["excluded"]:
        parts.append(
            "### Excluded\n\n" + "\n".join(f"- {md_cell(e['id'])}: {md_cell(e['reason'])}" for e in data["excluded"])
        )
    parts.append(attribution_of(data["source"]))
    return "\n\n".join(parts)


Renderer = Callable[..., str]


# -- compare ------------------------------------------------------------------------------

if TYPE_CHECKING:
    from mcstrat.compare import Comparison


def compare_data(found: Comparison, catalog: Catalog) -> dict[str, Any]:
    """The JSON of `compare`: per criterion the ratings, who is better, and each model's points."""
    first = found.models[0].id
    data: dict[str, Any] = {
        "models": [
            {
                "id": m.id,
                "name": m.name,
                "score": number(found.scores[m.id]) if found.scores else None,
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
                "points": {k: number(v) for k, v in row.points.items()} if row.points else None,
                "difference": (
                    {m.id: number(row.points[m.id] - row.points[first]) for m in found.models[1:]}
                    if row.points
                    else None
                ),
            }
            for row in found.criteria
        ],
        "difference_from": first,
        "excluded": [{"id": e.model.id, "reason": e.reason} for e in found.excluded],
        "source": source_data(catalog),
    }
    return data


def compare_csv(data: dict[str, Any]) -> str:
    """One row per criterion (then the score): ratings, who is better, points and the gap to the first model."""
    ids = [m["id"] for m in data["models"]]
    others = ids[1:]
    header = [
        "criterion",
        *(f"rating_{i}" for i in ids),
        "better",
        *(f"points_{i}" for i in ids),
        *(f"difference_{i}" for i in others),
    ]
    rows = []
    for c in data["criteria"]:
        points = c["points"] or {}
        gaps = c["difference"] or {}
        rows.append(
            [
                c["id"],
                *(c["ratings"][i] for i in ids),
                " ".join(c["better"]),
                *(points.get(i, "") for i in ids),
                *(gaps.get(i, "") for i in others),
            ]
        )
    if data["models"][0]["score"] is not None:
        scores = {m["id"]: m["score"] for m in data["models"]}
        first = scores[ids[0]]
        rows.append(["score", *("" for _ in ids), "", *(scores[i] for i in ids), *(scores[i] - first for i in others)])
    return csv_text(header, rows)


def compare_markdown(data: dict[str, Any]) -> str:
    models = data["models"]
    names = {m["id"]: m["name"] for m in models}
    scored = models[0]["score"] is not None
    first = models[0]
    gaps = [f"Δ {m['name']} − {first['name']}" for m in models[1:]] if scored else []
    header = ["Criterion", *(m["name"] for m in models), "Better", *gaps]
    rows = []
    for c in data["criteria"]:
        cells = []
        for m in models:
            cell = c["ratings"][m["id"]]
            if scored:
                cell += f" ({c['points'][m['id']]:.1f} pts)"
            cells.append(cell)
        diffs = [f"{c['difference'][m['id']]:+.1f}" for m in models[1:]] if scored else []
        rows.append([c["label"], *cells, ", ".join(names[i] for i in c["better"]) or "—", *diffs])
    if scored:
        totals = [f"{m['score'] - first['score']:+.1f}" for m in models[1:]]
        rows.append([Raw("**Score**"), *(fmt_score(m["score"]) for m in models), "", *totals])
    parts = [f"## Comparison: {md_cell(' vs '.join(m['name'] for m in models))}", md_table(header, rows)]
    if scored:
        parts.append(
            "Points are weight × utility × 100 under the priorities given; each Δ column adds up to its score gap."
        )
    for e in data["excluded"]:
        parts.append(f"Note: the priorities given would exclude {md_cell(names[e['id']])}: {md_cell(e['reason'])}.")
    for m in models:
        parts.append(f"**{md_cell(m['name'])}.** Strengths: {m['strengths']}. Weaknesses: {m['weaknesses']}.")
    parts.append(attribution_of(data["source"]))
    return "\n\n".join(parts)

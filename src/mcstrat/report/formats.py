"""Machine and document formats (JSON, CSV, Markdown): pure functions from results to text.

Nothing here imports rich: `--format json` and `--format csv` must stay fast and clean.
Numbers are exact Fractions in the core and become floats (shortest repr) only here.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mcstrat import sanitize

if TYPE_CHECKING:
    from mcstrat.analyses.potential import Potential
    from mcstrat.analyses.ranking import RankResult
    from mcstrat.analyses.robustness import SmaaResult, StabilityInterval
    from mcstrat.analyses.whynot import WhyNot
    from mcstrat.core.catalog import Catalog, Model
    from mcstrat.decide.decision import Analysis


def number(value: Fraction) -> float | int:
    """A Fraction as a JSON number: an int when whole, else the nearest float."""
    return value.numerator if value.denominator == 1 else float(value)


def to_json(data: Any) -> str:
    """Stable, readable JSON (keys in insertion order, no trailing spaces); exact text, unsafe characters escaped."""
    return sanitize.json_text(json.dumps(data, indent=2, ensure_ascii=False))


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row and Unix line endings; every cell passes sanitize.csv_cell."""
    import csv  # only here: the terminal view imports this module too, and needs no csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sanitize.csv_cell(h) for h in header])
    writer.writerows([sanitize.csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue().rstrip("\n")


class Raw(str):
    """Markdown of mcstrat's own (e.g. **Score**), put in a table cell without escaping."""


def _cell(value: Any) -> str:
    return value if isinstance(value, Raw) else sanitize.markdown(str(value))


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    """A GitHub-flavoured Markdown table; ALIGN holds one 'l' or 'r' per column."""
    marks = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def source_data(catalog: Catalog) -> dict[str, Any] | None:
    if catalog.source is None:
        return None
    return {k: v for k, v in catalog.source._asdict().items() if v is not None}


def attribution(catalog: Catalog) -> str:
    """One line crediting the source table, or saying the models file has none."""
    return attribution_of(source_data(catalog))


def attribution_of(src: dict[str, Any] | None, *, markdown: bool = False) -> str:
    """attribution() from the `source` block as it appears in JSON output; MARKDOWN escapes it and links the URL.

    Plain text is for the terminal views, which pass it through sanitize.terminal.
    """
    if src is None:
        return "Source: a custom models file with no source block."
    text = sanitize.markdown if markdown else str
    parts = [f"Source: {text(src['citation'])}"]
    if src.get("url"):
        parts.append(sanitize.markdown_link(src["url"], src["url"]) if markdown else src["url"])
    if src.get("adapted_from"):
        parts.append(f"Adapted from {text(src['adapted_from'])}.")
    parts.append(f"Licence: {text(src['licence'])}.")
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
    return "\n\n".join(
        ["## Business models", md_table(header, rows), attribution_of(source_data(catalog), markdown=True)]
    )


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

    class Dumper(yaml.SafeDumper):
        """Strings holding a control, format or line-break character are double-quoted, so escapes hold."""

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # the same rule as saved answers: PyYAML writes bidi and zero-width characters raw otherwise,
        # and reads U+0085, U+2028 and U+2029 as line breaks
        escape = any(not ch.isprintable() or ch in "\x85\u2028\u2029\ufeff" for ch in data)
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if escape else None)

    Dumper.add_representer(str, text)
    body = yaml.dump(pruned(catalog.to_data()), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + sanitize.yaml_text(body).rstrip("\n")


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
        f"## {sanitize.markdown(model.name)}",
        f"{sanitize.markdown(model.description)}. Example: {sanitize.markdown(model.example or '(none given)')}.",
        md_table(["Criterion", "Rating", "Meaning"], rows),
        f"**Strengths:** {sanitize.markdown(model.strengths)}",
        f"**Weaknesses:** {sanitize.markdown(model.weaknesses)}",
        attribution_of(source_data(catalog), markdown=True),
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
    from mcstrat.analyses.explain import lead, summary_data

    data = ranking_data(analysis.result, analysis.catalog, top)
    data["summary"] = summary_data(lead(analysis.result), analysis.result)
    # each answers file, and a custom --models file (with "kind": "models"), with the SHA-256 of the bytes used
    inputs = [{"file": path, "sha256": digest} for path, digest in analysis.inputs]
    if analysis.models_input is not None:
        path, digest = analysis.models_input
        inputs.append({"file": path, "sha256": digest, "kind": "models"})
    if inputs:
        data["inputs"] = inputs
    if analysis.group is not None:
        data.update(analysis.group.to_dict(number))
    if analysis.smaa is not None:
        data["robustness"] = robustness_data(analysis.smaa)
    if analysis.potential is not None:
        data["potential"] = potential_data(analysis.potential)
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
        "weight_space": found.weight_space,
        "error": found.error,
        "confidence": found.confidence,
        "identical": [list(ids) for ids in found.identical],
    }


def potential_data(found: dict[str, dict[str, Potential]]) -> dict[str, Any]:
    """Per model and weight space: can it rank first, its best lead in points, and the weights giving it."""
    return {
        mid: {
            space: {
                "possible": p.possible,
                "margin": round(p.margin, 9),
                "weights": None if p.weights is None else {c: number(w) for c, w in p.weights.items()},
            }
            for space, p in spaces.items()
        }
        for mid, spaces in found.items()
    }


def stability_data(intervals: dict[str, StabilityInterval]) -> dict[str, Any]:
    """One person: importances (0..5); a group: shares of the group's weight (0..1)."""
    return {
        cid: {
            ("weight" if iv.scale == "weight" else "importance"): number(iv.importance),
            "low": number(iv.low),
            "high": None if iv.high is None else number(iv.high),
            "below": iv.below,
            "above": iv.above,
        }
        for cid, iv in intervals.items()
    }


def ranking_data(result: RankResult, catalog: Catalog, top: int | None = None) -> dict[str, Any]:
    """The ranking part of the JSON contract, shared by single and group recommendations."""
    from mcstrat.analyses.ranking import dominance

    pri = result.priorities
    horizon = next((cw.target for cw in result.criteria if cw.criterion.id == "horizon"), None)
    # swing answers add each criterion's points, ranking answers its ROC weight (weighting.py)
    stated_key = {"swing": "points", "ranking": "roc_weight"}.get(pri.weighting)
    return {
        "name": pri.name,
        "weighting": pri.weighting,
        "criteria": [
            {
                "id": cw.criterion.id,
                "label": cw.criterion.label,
                "direction": cw.criterion.direction,
                "importance": number(cw.importance),
                "weight": number(cw.weight),
                "default": cw.defaulted,
                "target": cw.target,
                "range": number(cw.span),
                "effective_weight": number(cw.effective),
                **({stated_key: number(cw.stated)} if stated_key and cw.stated is not None else {}),
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
        "dominance": dominance(result),
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
         ", ".join(str(v) for v in p.get("group_top_ranks", {}).values()),
         ", ".join(fmt_score(v) for v in p["group_top_scores"].values())]
        for p in data["stakeholders"]
    ]  # fmt: skip
    parts = [
        "### Stakeholders",
        md_table(
            ["Stakeholder", "Weight", "Their top model", "Their rank of the group's top", "Their score for it"],
            rows,
            "lrlrl",
        ),
    ]
    agreement = data["agreement"]
    summary = agreement.get("pairs_summary")
    if summary is not None and agreement["mean_tau"] is not None:
        extremes = "; ".join(
            f"{label} {sanitize.markdown(p['a'])} / {sanitize.markdown(p['b'])} {p['tau']:.2f}"
            for label, group in (("most agreeing:", summary["most_agreeing"]), ("least:", summary["least_agreeing"]))
            for p in group[:1]
        )
        parts.append(
            f"Rank agreement (Kendall's tau-b, 1 = same order, -1 = reversed) over {summary['count']:,} pairs: "
            f"mean {agreement['mean_tau']:.2f}, min {summary['min_tau']:.2f}; {extremes}."
        )
    elif agreement["mean_tau"] is not None:
        pairs = "; ".join(
            f"{sanitize.markdown(p['a'])} / {sanitize.markdown(p['b'])}: "
            f"{'n/a' if p['tau'] is None else format(p['tau'], '.2f')}"
            for p in agreement["pairs"]
        )
        parts.append(
            "Rank agreement (Kendall's tau-b, 1 = same order, -1 = reversed): "
            f"mean {agreement['mean_tau']:.2f}; {pairs}."
        )
    wide = [c for c in agreement["criteria"] if c["range"] > 0][:3]
    if wide:
        parts.append(
            "Most disputed effective weights: "
            + "; ".join(
                f"{sanitize.markdown(c['criterion'])} ({_spread_markdown(c['effective_weights'])})" for c in wide
            )
            + "."
        )
    return "\n\n".join(parts)


def _spread_markdown(values: dict[str, float], listed: int = 4) -> str:
    """Each stakeholder's effective weight, or the lowest and highest for a large group."""
    if len(values) <= listed:
        return ", ".join(f"{sanitize.markdown(n)} {100 * v:.0f}%" for n, v in values.items())
    low = min(values, key=lambda n: values[n])
    high = max(values, key=lambda n: values[n])
    lo, hi = sanitize.markdown(low), sanitize.markdown(high)
    return f"from {100 * values[low]:.0f}% ({lo}) to {100 * values[high]:.0f}% ({hi})"


def expected_rank(acceptability: list[float]) -> float:
    """The mean rank under the sampled uncertainty: how models are ordered in robustness tables."""
    return sum((i + 1) * p for i, p in enumerate(acceptability))


def _pct_cell(p: float) -> str:
    return f"{100 * p:.0f}%"


SPACE_WORDS = {
    "order": "weightings that keep the order of your priorities",
    "free": "weightings of every kind (no priority order assumed)",
    "local": "weightings with each importance varied by up to ±{spread:g}",
}


def space_words(rob: dict[str, Any]) -> str:
    """The weight space in plain words."""
    return SPACE_WORDS[rob.get("weight_space", "local")].format(spread=rob.get("spread") or 0)


def robustness_sentence(rob: dict[str, Any], names: dict[str, str]) -> str:
    """One plain sentence on how firm the first place is, for a reader who knows no SMAA."""
    accept = rob["acceptability"]
    groups = [list(g) for g in rob.get("identical", [])]
    grouped = {m for g in groups for m in g}
    units = [[m] for m in accept if m not in grouped] + groups
    units.sort(key=lambda g: -sum(accept[m][0] for m in g))

    def label(g: list[str]) -> str:
        if len(g) == 1:
            return names.get(g[0], g[0])
        return " or ".join(names.get(m, m) for m in g) + " (rated identically)"

    best = units[0]
    share = sum(accept[m][0] for m in best)
    text = (
        f"In plain words: across {rob['samples']:,} {space_words(rob)}, "
        f"{label(best)} comes first {100 * share:.0f}% of the time"
    )
    if len(units) > 1:
        runner = units[1]
        text += f"; next is {label(runner)} at {100 * sum(accept[m][0] for m in runner):.0f}%"
    return text + "."


def error_note(rob: dict[str, Any]) -> str | None:
    """A warning when the sampling error is above 2 points, else None."""
    if rob.get("error", 0.0) <= 0.02:
        return None
    return (
        f"Warning: these chances are uncertain by up to ±{100 * rob['error']:.1f} points (95%); "
        f"use more --samples (now {rob['samples']:,})."
    )


def potential_cell(p: dict[str, Any]) -> str:
    """Whether a model can rank first under one weight space, in words."""
    if not p["possible"]:
        return f"no (at best {-p['margin']:.1f} pts behind)"
    if p["margin"] <= 0:
        return "only a tie"
    return f"yes, by up to {p['margin']:.1f} pts"


def robustness_markdown(rob: dict[str, Any], names: dict[str, str]) -> str:
    accept = rob["acceptability"]
    ranks = len(next(iter(accept.values())))
    order = sorted(accept, key=lambda m: expected_rank(accept[m]))  # stable: ties keep the models file's order
    confidence = rob.get("confidence", {})
    table = md_table(
        ["Model", *(f"#{i + 1}" for i in range(ranks)), "Confidence"],
        [
            [names.get(m, m), *(_pct_cell(p) for p in accept[m]),
             "—" if confidence.get(m) is None else _pct_cell(confidence[m])]
            for m in order
        ],
        "l" + "r" * (ranks + 1),
    )  # fmt: skip
    how = (
        f"{rob['samples']:,} samples (seed {rob['seed']}) of {space_words(rob)} "
        f"(weight space {rob.get('weight_space', 'local')}); "
        "ranged cells drawn once per sample within their range, shared by every stakeholder"
        + ("; level spacing drawn at random (ordinal)" if rob["ordinal"] else "")
        + f". Sampling error ±{100 * rob.get('error', 0.0):.1f} points (95%). "
        "Confidence: the chance it still comes first at its typical winning weights, over the ratings' uncertainty."
    )
    parts = ["### Robustness: chance of each rank", sanitize.markdown(robustness_sentence(rob, names)), table, how]
    for g in rob.get("identical", []):
        parts.append(
            f"{sanitize.markdown(' and '.join(names.get(m, m) for m in g))} are rated identically: "
            "together they come first "
            f"{100 * sum(accept[m][0] for m in g):.0f}% of the time."
        )
    warning = error_note(rob)
    if warning:
        parts.append(f"**{warning}**")
    return "\n\n".join(parts)


def potential_markdown(pot: dict[str, Any], dominance: dict[str, list[str]], names: dict[str, str]) -> str:
    rows = [
        [names.get(m, m), ", ".join(names.get(d, d) for d in dominance.get(m, [])) or "—",
         potential_cell(spaces["order"]), potential_cell(spaces["free"])]
        for m, spaces in pot.items()
    ]  # fmt: skip
    table = md_table(["Model", "Dominated by", "Can be first (your order)", "Can be first (any weights)"], rows)
    return "\n\n".join(["### What can win at all", table])


def close_to_change(iv: dict[str, Any], group: bool) -> tuple[bool, bool]:
    """(low end close, high end close): within half an importance point, or 2.5 points of a group's weight.

    (Half a point of importance is about 2.5 points of weight when the importances total 20.)
    """
    now = iv["weight"] if group else iv["importance"]
    near = 0.025 if group else 0.5
    low = iv["below"] is not None and now - iv["low"] < near
    high = iv["above"] is not None and iv["high"] is not None and iv["high"] - now < near
    return low, high


def stability_bound(value: float | None, group: bool) -> str:
    """A bound as shown: a share for a group, an importance (marked beyond the 0..5 scale) for one person."""
    if value is None:
        return "∞"
    if group:
        return f"{100 * value:.0f}%"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} (beyond 5)" if value > 5 else text


def stability_sentence(stab: dict[str, Any], names: dict[str, str], top: str) -> str:
    """One plain sentence on the closest call, for a reader who knows no stability intervals."""
    group = any("weight" in iv for iv in stab.values())
    unit = " of the weight" if group else " in importance"
    scale = 1.0 if group else 5.0
    best: tuple[float, str] | None = None
    for cid, iv in stab.items():
        now = iv["weight"] if group else iv["importance"]
        ends = []
        if iv["above"] is not None and iv["high"] is not None:
            ends.append(((iv["high"] - now) / scale, "more", iv["high"], iv["above"]))
        if iv["below"] is not None:
            ends.append(((now - iv["low"]) / scale, "less", iv["low"], iv["below"]))
        for gap, side, bound, who in ends:
            if best is None or gap < best[0]:
                what = f"if {cid} counted for {side} than {stability_bound(bound, group)}{unit}"
                best = (gap, f"{what}, {names.get(who, who)} would come first")
    if best is None:
        return f"In plain words: {top} stays first whichever single priority you change, however far."
    return (
        f"In plain words: {top} stays first while each priority stays in its range below; the closest call: {best[1]}."
    )


def stability_markdown(stab: dict[str, Any], names: dict[str, str], top: str) -> str:
    group = any("weight" in iv for iv in stab.values())
    rows = []
    for cid, iv in stab.items():
        low_close, high_close = close_to_change(iv, group)
        low = stability_bound(iv["low"], group) + (" (close)" if low_close else "")
        high = stability_bound(iv["high"], group) + (" (close)" if high_close else "")
        span = f"{low} – {high}"
        now = stability_bound(iv["weight"], group) if group else f"{iv['importance']:g}"
        rows.append([cid, now, span, names.get(iv["below"], iv["below"]) if iv["below"] else "—",
                     names.get(iv["above"], iv["above"]) if iv["above"] else "—"])  # fmt: skip
    what = "Share of the group's weight" if group else "Importance"
    table = md_table([
        "Criterion", what, "Keeps the top model first", "First below", "First above"], rows, "lrcll")  # fmt: skip
    note = (
        "Each criterion moved alone, the others "
        + ("rescaled in proportion" if group else "held as stated (importances run 0-5)")
        + "; (close): within "
        + ("2.5 points of the weight" if group else "half a point")
        + " of a change of winner; —: no other model takes over at that end."
    )
    return "\n\n".join(
        [f"### Stability: the {'weights' if group else 'importances'} that keep {sanitize.markdown(top)} first",
         sanitize.markdown(stability_sentence(stab, names, top)), table, note]
    )  # fmt: skip


def fmt_score(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}"


def score_places(scores: Sequence[Fraction | float], least: int = 1, most: int = 4) -> int:
    """Decimals (LEAST..MOST) at which scores that differ never look equal in a ranking.

    Two different exact scores such as 68.2 and 68.17 both show as 68.2 at one decimal; a reader
    would take them for a tie that the ranking does not make. Ranked scores are shown with the
    fewest decimals that keep every different score different (68.20 and 68.17).
    """
    exact = {Fraction(s) for s in scores}
    for places in range(least, most):
        shown = {math.floor(s * 10**places + Fraction(1, 2)) for s in exact}  # half up, as the record rounds
        if len(shown) == len(exact):
            return places
    return most


def rank_label(rank: int, tied: bool) -> str:
    return f"{rank}=" if tied else str(rank)


def weight_notes(data: dict[str, Any]) -> list[tuple[str, str] | str]:
    """The notes under a weights table: the meaning of effective weight, pairs (a, b) whose order
    differs (importance answers), and criteria weighing 0 because unnamed (swing or ranking)."""
    from mcstrat.core.weighting import EFFECTIVE_NOTE, UNNAMED_NOTE, order_differs

    how = data.get("weighting", "importance")
    crits = data["criteria"]
    notes: list[tuple[str, str] | str] = [EFFECTIVE_NOTE]
    if how == "importance":
        stated = {c["id"]: c["importance"] for c in crits}
        effective = {c["id"]: c["effective_weight"] for c in crits}
        notes += order_differs(stated, effective)[:3]
    elif any(c["default"] for c in crits):
        notes.append(UNNAMED_NOTE.format(what="swing points" if how == "swing" else "ranking"))
    return notes


def weight_notes_markdown(data: dict[str, Any]) -> str:
    from mcstrat.core.weighting import order_note

    return " ".join(
        note if isinstance(note, str) else order_note(sanitize.markdown(note[0]), sanitize.markdown(note[1]))
        for note in weight_notes(data)
    )


def recommend_markdown(data: dict[str, Any]) -> str:
    title = f"## Recommendation{': ' + sanitize.markdown(data['name']) if data.get('name') else ''}"
    places = score_places([r["score"] for r in data["ranking"]])
    ranking = md_table(
        ["Rank", "Model", "Score"],
        [[rank_label(r["rank"], r["tied"]), r["name"], fmt_score(r["score"], places)] for r in data["ranking"]],
        "llr",
    )
    how = data.get("weighting", "importance")
    stated = {"swing": "Points", "ranking": "ROC weight"}.get(how, "Importance")

    def stated_cell(c: dict[str, Any]) -> str:
        if how == "swing":
            return f"{c['points']:g}"
        if how == "ranking":
            return f"{100 * c['roc_weight']:.0f}%"
        return f"{c['importance']:g}{' (default)' if c['default'] else ''}"

    weights = md_table(
        ["Criterion", stated, "Weight", "Effective weight"],
        [
            [c["label"], stated_cell(c), f"{100 * c['weight']:.0f}%", f"{100 * c['effective_weight']:.0f}%"]
            for c in data["criteria"]
        ],
        "lrrr",
    )
    parts = [title, ranking]
    if "summary" in data:
        parts.append(" ".join(sanitize.markdown(line) for line in [data["summary"]["text"], *data["summary"]["notes"]]))
    parts += ["### Weights used", weights, weight_notes_markdown(data)]
    settings = [f"Ranged cells scored at: {data['ranges']}."]
    if data["target_horizon"]:
        settings.append(f"Target horizon: {data['target_horizon']}.")
    parts.append(" ".join(settings))
    names = {r["id"]: r["name"] for r in data["ranking"]}
    if "stakeholders" in data:
        parts.append(stakeholders_markdown(data, names))
    dominated = data.get("dominance", {})
    if dominated:
        parts.append(
            "Dominated (another model is at least as good on every weighted criterion and better on one): "
            + "; ".join(
                f"{sanitize.markdown(names.get(m, m))} by {sanitize.markdown(', '.join(names.get(d, d) for d in by))}"
                for m, by in dominated.items()
            )
            + "."
        )
    if "robustness" in data:
        parts.append(robustness_markdown(data["robustness"], names))
    if "potential" in data:
        parts.append(potential_markdown(data["potential"], dominated, names))
    if "stability" in data and data["ranking"]:
        parts.append(stability_markdown(data["stability"], names, data["ranking"][0]["name"]))
    if data["excluded"]:
        parts.append(
            "### Excluded\n\n"
            + "\n".join(f"- {sanitize.markdown(e['id'])}: {sanitize.markdown(e['reason'])}" for e in data["excluded"])
        )
    parts.append(attribution_of(data["source"], markdown=True))
    return "\n\n".join(parts)


# -- compare ------------------------------------------------------------------------------

if TYPE_CHECKING:
    from mcstrat.analyses.compare import Comparison


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
    parts = [f"## Comparison: {sanitize.markdown(' vs '.join(m['name'] for m in models))}", md_table(header, rows)]
    if scored:
        parts.append(
            "Points are weight × utility × 100 under the priorities given; each Δ column adds up to its score gap."
        )
    for e in data["excluded"]:
        parts.append(
            f"Note: the priorities given would exclude {sanitize.markdown(names[e['id']])}: "
            f"{sanitize.markdown(e['reason'])}."
        )
    for m in models:
        parts.append(
            f"**{sanitize.markdown(m['name'])}.** Strengths: {sanitize.markdown(m['strengths'])}. "
            f"Weaknesses: {sanitize.markdown(m['weaknesses'])}."
        )
    parts.append(attribution_of(data["source"], markdown=True))
    return "\n\n".join(parts)


# -- why-not ------------------------------------------------------------------------------


def _whynot_relations(found: WhyNot, analysis: Analysis) -> tuple[bool, list[str], list[str], list[str]]:
    """(tied, models tied at its rank, models rated identically to it, dominating models that are
    strictly better on every criterion that counts), for the why-not wording."""
    from mcstrat.analyses.aggregate import aggregate
    from mcstrat.analyses.robustness import identical_models

    ranking = analysis.result.ranking
    mine = next((r for r in ranking if r.model.id == found.model), None)
    tied = bool(mine is not None and mine.tied)
    tied_with = [r.model.id for r in ranking if mine is not None and r.rank == mine.rank and r is not mine]
    problems, weights = analysis.problems()
    twins = next((g for g in identical_models(problems) if found.model in g), ())
    identical = [m for m in twins if m != found.model]
    strictly: list[str] = []
    if found.dominated_by:
        agg = aggregate(problems, weights)
        ids = list(agg.model_ids)
        m = ids.index(found.model)
        usable = [j for j in range(len(agg.criterion_ids)) if agg.usable[j]]
        for other in found.dominated_by:
            k = ids.index(other)
            if usable and all(agg.utilities[k][j] > agg.utilities[m][j] for j in usable):
                strictly.append(other)
    return tied, tied_with, identical, strictly


def whynot_data(found: WhyNot, analysis: Analysis) -> dict[str, Any]:
    """The JSON of `why-not`: rank, gap, the smallest change of weights, what costs the model most.

    ``tied`` is true when another model has the same score (the views show "ranks 2="); with it
    ``tied_with`` names them. ``identical`` lists the models rated the same on every criterion
    (they always score the same, so it can only share first place with them), and
    ``strictly_dominated_by`` those of ``dominated_by`` that are strictly better on every
    criterion that counts (no weighting lets it even tie with them).
    """
    names = {m.id: m.name for m in analysis.catalog.models}
    tied, tied_with, identical, strictly = _whynot_relations(found, analysis)
    return {
        "model": found.model,
        "name": names.get(found.model, found.model),
        "rank": found.rank,
        "tied": tied,
        "tied_with": tied_with,
        "identical": identical,
        "strictly_dominated_by": strictly,
        "gap": number(found.gap),
        "winner": found.winner,
        "possible": found.possible,
        "distance": None if found.distance is None else number(found.distance),
        "weights": None
        if found.needed is None
        else {c: {"now": number(found.now[c]), "needed": number(found.needed[c])} for c in found.now},
        "importances": None if found.importances is None else {c: number(v) for c, v in found.importances.items()},
        "now": {c: number(v) for c, v in found.now.items()},  # the weights now, also when `weights` is null
        "costs": {c: number(v) for c, v in sorted(found.costs.items(), key=lambda kv: kv[1])},
        "dominated_by": list(found.dominated_by),
        "blocking": list(found.blocking),
        "group": analysis.group is not None,
        "names": {
            m: names.get(m, m) for m in (found.winner, *found.dominated_by, *found.blocking, *tied_with, *identical)
        },
        "source": source_data(analysis.catalog),
    }


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def whynot_sentences(data: dict[str, Any], names: dict[str, str], labels: dict[str, str]) -> list[str]:
    """The answer in plain sentences (shared by the terminal view and Markdown).

    A tied rank reads "ranks 2="; a model rated identically to another is said to only ever share
    first place with it; a dominated model "can at best tie" only with a dominating model it
    equals on some criterion that counts (weights all on those would tie them), and "can never
    come first" while one strictly better on every such criterion is in the ranking.
    """
    name, winner = data["name"], names.get(data["winner"], data["winner"])
    tied = bool(data.get("tied"))
    tied_with = [names.get(m, m) for m in data.get("tied_with", [])]
    out = []
    if data["rank"] == 1:
        if tied and tied_with:
            out.append(f"{name} is already first, sharing first place with {_joined(tied_with)}.")
        else:
            out.append(f"{name} is already first.")
    else:
        rank = f"{data['rank']}=" if tied else str(data["rank"])
        shared = f" (shared with {_joined(tied_with)})" if tied and tied_with else ""
        out.append(f"{name} ranks {rank}{shared}, {data['gap']:.1f} points behind {winner}.")
        worst = [(c, v) for c, v in data["costs"].items() if v < 0][:3]
        if worst:
            out.append(
                "It loses most on "
                + ", ".join(f"{labels.get(c, c)} ({v:+.1f} pts)" for c, v in worst)
                + f" against {winner}."
            )
    identical = [names.get(m, m) for m in data.get("identical", [])]
    if identical:
        out.append(
            f"It is rated identically to {_joined(identical)}, so they always score the same: "
            f"it can only ever share first place with {'it' if len(identical) == 1 else 'them'}."
        )
    if data["dominated_by"]:
        strict = [m for m in data["dominated_by"] if m in data.get("strictly_dominated_by", [])]
        loose = [m for m in data["dominated_by"] if m not in strict]
        if data["group"]:
            out.append(
                "It is dominated by "
                + ", ".join(names.get(m, m) for m in data["dominated_by"])
                + ": at least as good on every criterion and better on one"
                + " (with the group's present weights; other weights change whose utilities count)."
            )
        else:
            if strict:
                who = _joined([names.get(m, m) for m in strict])
                verb = "is" if len(strict) == 1 else "are"
                out.append(
                    f"{who} {verb} better on every criterion, so it can never come first while "
                    f"{'it is' if len(strict) == 1 else 'they are'} in the ranking."
                )
            if loose:
                who = _joined([names.get(m, m) for m in loose])
                one = len(loose) == 1
                out.append(
                    f"It is dominated by {who}: at least as good on every criterion and better on one, so it can "
                    f"at best tie with {'it' if one else 'them'} (with all the weight on criteria where they are "
                    "equal)."
                )
    if not data["possible"]:
        blocking = ", ".join(names.get(m, m) for m in data["blocking"])
        verb = "stands" if len(data["blocking"]) == 1 else "stand"
        out.append(f"No weighting of the criteria makes it first: {blocking or 'other models'} {verb} in its way.")
    elif data["rank"] != 1:
        whose = "the group's weights" if data["group"] else "your weights"
        out.append(
            f"The smallest change of {whose} that makes it first moves {100 * data['distance'] / 2:.1f}% of the weight "
            "(the needed weights below; there it ties first, and any less change leaves it behind)."
        )
    return out


def whynot_rows(data: dict[str, Any]) -> list[tuple[str, float, float | None, float | None, float]]:
    """(criterion, weight now, needed, importance needed, cost) per criterion, in criteria order."""
    weights = data["weights"] or {}
    imps = data["importances"] or {}
    return [
        (
            c,
            data["now"][c],
            weights[c]["needed"] if c in weights else None,
            imps.get(c),
            cost,
        )
        for c, cost in data["costs"].items()
    ]


def whynot_csv(data: dict[str, Any]) -> str:
    """One row per criterion: weight now and needed, importance needed, and the cost against the winner."""
    rows = [
        [c, now, "" if needed is None else needed, "" if imp is None else imp, cost]
        for c, now, needed, imp, cost in whynot_rows(data)
    ]
    return csv_text(["criterion", "weight_now", "weight_needed", "importance_needed", "points_vs_winner"], rows)


def whynot_markdown(data: dict[str, Any]) -> str:
    names = {**data["names"], data["model"]: data["name"]}
    parts = [
        f"## Why not {sanitize.markdown(data['name'])}?",
        sanitize.markdown(" ".join(whynot_sentences(data, names, {}))),
    ]
    rows = []
    for c, now, needed, imp, cost in whynot_rows(data):
        rows.append([
            c, f"{100 * now:.1f}%", "—" if needed is None else f"{100 * needed:.1f}%",
            *([] if data["importances"] is None else [
                "—" if imp is None else f"{imp:.2f}".rstrip("0").rstrip(".") + (" (beyond 5)" if imp > 5 else "")]),
            f"{cost:+.1f}",
        ])  # fmt: skip
    header = ["Criterion", "Weight now", "Needed", *(["Importance needed"] if data["importances"] is not None else []),
              "Points vs the winner"]  # fmt: skip
    parts.append(md_table(header, rows, "lrr" + ("r" if data["importances"] is not None else "") + "r"))
    parts.append(attribution_of(data["source"], markdown=True))
    return "\n\n".join(parts)

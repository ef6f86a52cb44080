"""The Markdown decision record: a ranking, its reasons and its caveats, for a committee paper.

``decision_record`` is a pure function of plain data: the same inputs give the same bytes.
Numbers are formatted one way throughout: scores and points with 1 decimal, weights and
probabilities as percentages with 1 decimal, importances (0..5) with up to 2 decimals, tau
with 2 decimals; exact Fractions are rounded half away from zero. Text from users and models
files (strengths and weaknesses included) passes sanitize.markdown: it reads as written but can
produce no HTML, link, heading or table break; the source's links are written only for http(s)
URLs (sanitize.markdown_link).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from mcstrat.catalog import Catalog, Model
from mcstrat.engine import CriterionWeight, Ranked, RankResult
from mcstrat.errors import McstratError
from mcstrat.formats import rank_label, visible
from mcstrat.group import PAIRS_LISTED_UP_TO, GroupResult
from mcstrat.robustness import SmaaResult, StabilityInterval
from mcstrat.sanitize import markdown, markdown_link

if TYPE_CHECKING:
    from mcstrat.potential import Potential

TITLE = "Decision record: micro-credential business model"
SECTIONS = (
    "Inputs",
    "Ranking",
    "Why the top model wins",
    "Robustness",
    "What can win at all",
    "Stability",
    "Stakeholders",
    "Strengths and weaknesses of the top models",
    "Questions to settle before committing",
    "Source",
)
BAR_WIDTH = 20  # characters for a score of 100
_BETTER = {"benefit": "higher", "cost": "lower", "target": "closer to target"}


def decision_record(
    *,
    catalog: Catalog,
    result: RankResult,
    date: str,
    group: GroupResult | None = None,
    inputs: Sequence[tuple[str, str]] = (),
    models_input: tuple[str, str] | None = None,
    robustness: SmaaResult | None = None,
    stability: Mapping[str, StabilityInterval] | None = None,
    top: int | None = None,
    version: str | None = None,
    potential: Mapping[str, Mapping[str, Potential]] | None = None,
) -> str:
    """The decision record as Markdown; RESULT is group.result when GROUP is given."""
    if group is not None and result is not group.result:
        raise McstratError("decision_record: for a group decision, pass result=group.result")
    ctx = _Context(catalog, result, group, top)
    parts = [
        _title(ctx, date, version),
        _inputs(ctx, inputs, models_input),
        _ranking(ctx),
        _why(ctx),
    ]
    if robustness is not None:
        parts.append(_robustness(ctx, robustness))
    if potential is not None:
        parts.append(_potential(ctx, potential))
    if stability is not None:
        parts.append(_stability(ctx, stability))
    if group is not None:
        parts.append(_stakeholders(ctx, group))
    parts.append(_profiles(ctx))
    parts.append(_questions(ctx, robustness))
    parts.append(_source(catalog, models_input))
    return "\n\n".join(part.strip("\n") for part in parts) + "\n"


class _Context:
    """What every section needs, worked out once."""

    def __init__(self, catalog: Catalog, result: RankResult, group: GroupResult | None, top: int | None) -> None:
        self.catalog = catalog
        self.result = result
        self.group = group
        self.shown = visible(result, top if top is None or top > 0 else None)
        self.first = result.ranking[0]
        self.runner_up = next((r for r in result.ranking if r.rank > 1), None)
        self.names = {m.id: m.name for m in catalog.models}

    def model_name(self, model_id: str) -> str:
        return self.names.get(model_id, model_id)

    def label(self, cid: str) -> str:
        return next((c.label for c in self.catalog.criteria if c.id == cid), cid)


# -- formatting -------------------------------------------------------------------------------


def _round(value: Fraction, places: int) -> tuple[bool, int]:
    """(negative, |value| x 10^places rounded half away from zero)."""
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))
    return value < 0 and whole != 0, whole


def _fixed(value: Fraction, places: int = 1) -> str:
    negative, whole = _round(value, places)
    digits = str(whole).rjust(places + 1, "0")
    text = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    return ("-" if negative else "") + text


def _signed(value: Fraction, places: int = 1) -> str:
    text = _fixed(value, places)
    return text if text.startswith("-") or _round(value, places)[1] == 0 else "+" + text


def _importance(value: Fraction) -> str:
    """0..5 with up to 2 decimals: 2, 1.5, 1.67."""
    text = _fixed(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _percent(value: Fraction) -> str:
    return _fixed(100 * value, 1) + "%"


def _pfloat(value: float) -> str:
    """A probability as a percentage with 1 decimal."""
    return f"{100 * value:.1f}%"


def _bar(score: Fraction) -> str:
    _, cells = _round(score * BAR_WIDTH / 100, 0)
    return "█" * cells


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GitHub-flavoured Markdown table; cells are already escaped; RIGHT lists right-aligned columns."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines.extend("| " + " | ".join(cell if cell else " " for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- sections ---------------------------------------------------------------------------------


def _title(ctx: _Context, date: str, version: str | None) -> str:
    tops = [f"**{markdown(r.model.name)}**" for r in ctx.result.top]
    whose = (
        f"the weighted priorities of {len(ctx.group.stakeholders)} stakeholders"
        if ctx.group is not None
        else "the stated priorities"
    )
    verb = "tie for first place" if len(tops) > 1 else "ranks first"
    lines = [
        f"# {TITLE}",
        "",
        f"Date: {markdown(date)}",
        "",
        f"{_join(tops)} {verb} against {whose}, with a score of {_fixed(ctx.first.score)} out of 100.",
    ]
    if version:
        lines += ["", f"Prepared with mcstrat {markdown(version)}."]
    return "\n".join(lines)


def _inputs(ctx: _Context, inputs: Sequence[tuple[str, str]], models_input: tuple[str, str] | None) -> str:
    out = ["## Inputs", ""]
    if models_input is not None:
        path, digest = models_input
        out += [f"Models file: {markdown(path)} (SHA-256 `{digest}`), not the built-in Table 2.", ""]
    if inputs:
        out.append(_table(["Answers file", "SHA-256"], [[markdown(path), f"`{digest}`"] for path, digest in inputs]))
    else:
        out.append("No answers file: the priorities were given as command-line options.")
    out += ["", "### Priorities", ""]
    group = ctx.group
    if group is None:
        prio = ctx.result.priorities
        rows = [
            [
                markdown(cw.criterion.label),
                _BETTER[cw.criterion.direction],
                _stated(cw, prio.weighting),
                _percent(cw.weight),
                _percent(cw.effective),
                "yes" if cw.defaulted else "no",
            ]
            for cw in ctx.result.criteria
        ]
        stated = {"swing": "Swing points (0-100)", "ranking": "ROC weight"}.get(prio.weighting, "Importance (0-5)")
        headers = ["Criterion", "Better", stated, "Weight", "Effective weight", "Default?" if prio.weighting ==
                   "importance" else "Not named?"]  # fmt: skip
        out.append(_table(headers, rows, right=(2, 3, 4)))
        out += ["", _weight_notes(ctx.result), ""]
        for cw in ctx.result.criteria:
            if cw.criterion.direction == "target":
                out.append(f"- Target {markdown(cw.criterion.label.lower())}: {markdown(cw.target or 'none')}")
        out.append(f"- Ranged ratings (such as LOW/MED) scored: {markdown(prio.ranges)}")
        out.append(f"- Excluded on request: {markdown(', '.join(prio.exclude)) or 'none'}")
        out.append(f"- Constraints: {markdown(', '.join(c.text for c in prio.require)) or 'none'}")
    else:
        names = [markdown(v.name) for v in group.stakeholders]
        headers = ["Criterion", "Better", *names, "Group importance", "Group weight"]
        rows = []
        for j, cw in enumerate(ctx.result.criteria):
            own = []
            for view in group.stakeholders:
                theirs = view.result.criteria[j]
                shown = _stated(theirs, view.result.priorities.weighting)
                own.append(f"{_percent(theirs.effective)} ({shown}{', default' if theirs.defaulted else ''})")
            rows.append(
                [
                    markdown(cw.criterion.label),
                    _BETTER[cw.criterion.direction],
                    *own,
                    _importance(cw.importance),
                    _percent(cw.weight),
                    _percent(cw.effective),
                ]
            )
        count = len(names)
        headers.append("Group effective weight")
        out.append(_table(headers, rows, right=tuple(range(2, count + 5))))
        out += [
            "",
            (
                "Each stakeholder's cell is their effective weight (the share of the possible score differences "
                "the criterion controls for them), then what they stated: an importance (0-5), swing points "
                '(pts) or a rank-order-centroid weight (ROC); "default" marks one they did not state. '
                "The group importance and weight are the stakeholders' weighted means."
            ),
            "",
            _weight_notes(ctx.result),
            "",
            "### Stakeholders' settings",
            "",
        ]
        targets = [cw for cw in ctx.result.criteria if cw.criterion.direction == "target"]
        headers = ["Stakeholder", "Weight", *[f"Target {markdown(cw.criterion.label.lower())}" for cw in targets]]
        headers += ["Ranges", "Excludes", "Requires", "File"]
        rows = []
        for view in group.stakeholders:
            prio = view.result.priorities
            own_targets = [
                markdown(c.target or "none") for c in view.result.criteria if c.criterion.direction == "target"
            ]
            rows.append(
                [
                    markdown(view.name),
                    f"{_importance(view.weight)} ({_percent(view.share)})",
                    *own_targets,
                    markdown(prio.ranges),
                    markdown(", ".join(prio.exclude)) or "none",
                    markdown(", ".join(c.text for c in prio.require)) or "none",
                    markdown(view.source or "-"),
                ]
            )
        out.append(_table(headers, rows, right=(1,)))
    return "\n".join(out)


def _stated(cw: CriterionWeight, weighting: str) -> str:
    """What a person stated for a criterion: an importance, swing points or a ROC weight."""
    if weighting == "swing" and cw.stated is not None:
        return f"{_importance(cw.stated)} pts"
    if weighting == "ranking" and cw.stated is not None:
        return f"ROC {_percent(cw.stated)}"
    return _importance(cw.importance)


def _weight_notes(result: RankResult) -> str:
    """What effective weight means, and where its order differs from the stated one."""
    from mcstrat.weighting import EFFECTIVE_NOTE, UNNAMED_NOTE, order_differs, order_note

    how = result.priorities.weighting
    notes = [EFFECTIVE_NOTE]
    if how == "importance":
        stated = {cw.criterion.id: cw.importance for cw in result.criteria}
        effective = {cw.criterion.id: cw.effective for cw in result.criteria}
        notes += [order_note(markdown(a), markdown(b)) for a, b in order_differs(stated, effective)]
    elif any(cw.defaulted for cw in result.criteria):
        notes.append(UNNAMED_NOTE.format(what="swing points" if how == "swing" else "ranking"))
    return " ".join(notes)


def _ranking(ctx: _Context) -> str:
    out = ["## Ranking", ""]
    if ctx.group is not None:
        out.append(
            "Group score: the stakeholders' scores (0-100) averaged with their weights. "
            "Models with exactly equal scores share a rank."
        )
    else:
        out.append(
            "Score: 100 x the weighted sum of the model's ratings turned into utilities (1 = best). "
            "Models with exactly equal scores share a rank."
        )
    out.append("")
    rows = [[rank_label(r.rank, r.tied), markdown(r.model.name), _fixed(r.score), _bar(r.score)] for r in ctx.shown]
    out.append(_table(["Rank", "Model", "Score", "Bar"], rows, right=(0, 2)))
    if any(r.tied for r in ctx.shown):
        out += ["", "= tied: exactly equal scores, listed in the models file's order."]
    total = len(ctx.result.ranking)
    if len(ctx.shown) < total:
        out += ["", f"Showing the top {len(ctx.shown)} of {total} ranked models (ties with the last one included)."]
    if ctx.result.excluded:
        out += ["", "Not ranked:", ""]
        out.extend(f"- {markdown(e.model.name)}: {markdown(e.reason)}" for e in ctx.result.excluded)
    return "\n".join(out)


def _why(ctx: _Context) -> str:
    out = ["## Why the top model wins", ""]
    first, runner = ctx.first, ctx.runner_up
    ranked = ctx.result.ranking
    if len(ranked) == 1:
        out.append(
            f"{markdown(first.model.name)} is the only model left after the exclusions; there is nothing to compare."
        )
        return "\n".join(out)
    if runner is None:
        out.append(
            f"All {len(ranked)} ranked models tie with exactly equal scores ({_fixed(first.score)}): "
            "the priorities as stated do not separate them."
        )
        return "\n".join(out)
    tied = ctx.result.top
    if len(tied) > 1:
        others = _join([markdown(r.model.name) for r in tied[1:]])
        out += [
            (
                f"{markdown(first.model.name)} ties for first place with {others}: their scores are exactly equal. "
                f"Below, {markdown(first.model.name)} (listed first, in the models file's order) is compared with "
                "the runner-up."
            ),
            "",
        ]
    lead = first.score - runner.score
    diffs = [
        (cw, first.contributions[cw.criterion.id] - runner.contributions[cw.criterion.id]) for cw in ctx.result.criteria
    ]
    order = sorted(range(len(diffs)), key=lambda i: (-diffs[i][1], i))
    ahead = [f"{markdown(diffs[i][0].criterion.label)} ({_signed(diffs[i][1])})" for i in order if diffs[i][1] > 0][:3]
    behind = [
        f"{markdown(diffs[i][0].criterion.label)} ({_signed(diffs[i][1])})" for i in reversed(order) if diffs[i][1] < 0
    ][:3]
    peers = [markdown(r.model.name) for r in ctx.result.ranking if r.rank == runner.rank and r is not runner]
    with_peers = f" (tied with {_join(peers)})" if peers else ""
    sentence = (
        f"{markdown(first.model.name)} scores {_fixed(first.score)} and the runner-up, "
        f"{markdown(runner.model.name)}{with_peers}, scores {_fixed(runner.score)}: a lead of {_fixed(lead)} points."
    )
    if ahead:
        sentence += f" It gains most on {_join(ahead)}."
    if behind:
        sentence += f" The runner-up is ahead on {_join(behind)}."
    out += [
        sentence,
        "",
        (
            f"Points each criterion adds to the score (top: {markdown(first.model.name)}; "
            f"runner-up: {markdown(runner.model.name)}):"
        ),
        "",
    ]
    rows = []
    for i in order:
        cw, diff = diffs[i]
        cid = cw.criterion.id
        rows.append(
            [
                markdown(cw.criterion.label),
                _percent(cw.weight),
                markdown(first.ratings.get(cid, "")),
                _fixed(first.contributions[cid]),
                markdown(runner.ratings.get(cid, "")),
                _fixed(runner.contributions[cid]),
                _signed(diff),
            ]
        )
    rows.append(["**Total**", "", "", _fixed(first.score), "", _fixed(runner.score), _signed(lead)])
    headers = ["Criterion", "Weight", "Top rating", "Top points", "Runner-up rating", "Runner-up points", "Difference"]
    out.append(_table(headers, rows, right=(1, 3, 5, 6)))
    return "\n".join(out)


def _space(smaa: SmaaResult) -> str:
    """How the weights were drawn, in words."""
    if smaa.weight_space == "local":
        return f"importances drawn within ±{smaa.spread or 0:g} of their stated values"
    if smaa.weight_space == "free":
        return "weights drawn uniformly from all weightings (no priority order assumed)"
    return "weights drawn uniformly from the weightings that keep the order of the stated priorities"


def _robustness(ctx: _Context, smaa: SmaaResult) -> str:
    out = ["## Robustness", ""]
    out.append(
        f"Rank acceptability from {smaa.samples:,} Monte Carlo samples (seed {smaa.seed}): "
        + _space(smaa)
        + ", ranged ratings drawn between their ends"
        + (", interior scale levels drawn at random (ordinal)." if smaa.ordinal else ", scale levels equally spaced.")
    )
    ids = [r.model.id for r in ctx.result.ranking if r.model.id in smaa.acceptability]
    ids += [mid for mid in smaa.model_ids if mid in smaa.acceptability and mid not in ids]
    likely = sorted(
        (mid for mid in ids if smaa.acceptability[mid] and smaa.acceptability[mid][0] > 0),
        key=lambda mid: -smaa.acceptability[mid][0],
    )
    out.append("")
    if likely:
        chances = [f"{markdown(ctx.model_name(mid))} ({_pfloat(smaa.acceptability[mid][0])})" for mid in likely]
        out.append(f"Probability of ranking first: {', '.join(chances)}.")
    else:
        out.append("No model ranked first in any sample.")
    width = max((len(smaa.acceptability[mid]) for mid in ids), default=0)
    rows = []
    for mid in ids:
        row = smaa.acceptability[mid]
        rows.append([markdown(ctx.model_name(mid)), *[_pfloat(p) for p in row], *[""] * (width - len(row))])
    out += ["", _table(["Model", *[f"Rank {k}" for k in range(1, width + 1)]], rows, right=tuple(range(1, width + 1)))]
    central = [(mid, smaa.central_weights.get(mid)) for mid in ids]
    central_rows = [(mid, cw) for mid, cw in central if cw]
    if central_rows:
        cids = [c.id for c in ctx.catalog.criteria]
        extra = sorted({k for _, cw in central_rows for k in cw} - set(cids))
        cols = cids + extra
        rows = [
            [markdown(ctx.model_name(mid)), *[_pfloat(cw[c]) if c in cw else "" for c in cols]]
            for mid, cw in central_rows
        ]
        out += [
            "",
            (
                "Central weights: the average weights in the samples where each model ranks first "
                "(what you would have to believe for it to win)."
            ),
            "",
            _table(["Model", *[markdown(ctx.label(c)) for c in cols]], rows, right=tuple(range(1, len(cols) + 1))),
        ]
    return "\n".join(out)


def _potential(ctx: _Context, potential: Mapping[str, Mapping[str, Potential]]) -> str:
    from mcstrat.formats import dominance_of, potential_cell, potential_data

    data = potential_data({m: dict(spaces) for m, spaces in potential.items()})
    dominated = dominance_of(ctx.result)
    out = ["## What can win at all", ""]
    out.append(
        "Whether each model can come first under some weights that keep the order of the stated priorities, "
        "and under any weights at all, with its largest possible lead (checked exactly); and the models "
        "dominated by another (as good on every weighted criterion, better on one)."
    )
    rows = []
    for r in ctx.result.ranking:
        spaces = data.get(r.model.id)
        if spaces is None:
            continue
        by = _join([markdown(ctx.model_name(d)) for d in dominated.get(r.model.id, [])]) or "-"
        rows.append([markdown(r.model.name), by, potential_cell(spaces["order"]), potential_cell(spaces["free"])])
    out += ["", _table(["Model", "Dominated by", "Can be first (stated order)", "Can be first (any weights)"], rows)]
    return "\n".join(out)


def _stability(ctx: _Context, stability: Mapping[str, StabilityInterval]) -> str:
    out = ["## Stability", ""]
    shares = any(iv.scale == "weight" for iv in stability.values())
    if shares:
        out.append(
            f"For each criterion, the range of its share of the group's weight within which "
            f"{markdown(ctx.first.model.name)} stays first, the other weights rescaled in proportion, and the model "
            "that takes over just outside it (- where no other model takes over)."
        )
    else:
        out.append(
            f"For each criterion, the range of its importance (0-5) within which {markdown(ctx.first.model.name)} "
            "stays first, the other importances held at their stated values, and the model that takes over "
            "just outside it (- where no other model takes over; a bound above 5 is beyond the scale)."
        )

    def value(x: Fraction) -> str:  # a group's values are shares of its weight
        return f"{float(100 * x):.1f}%" if shares else _importance(x)

    known = [c.id for c in ctx.catalog.criteria if c.id in stability]
    keys = known + sorted(k for k in stability if k not in known)
    rows = []
    for key in keys:
        iv = stability[key]
        rows.append(
            [
                markdown(ctx.label(key)),
                value(iv.importance),
                value(iv.low),
                "no limit" if iv.high is None else value(iv.high),
                markdown(ctx.model_name(iv.below)) if iv.below else "-",
                markdown(ctx.model_name(iv.above)) if iv.above else "-",
            ]
        )
    headers = ["Criterion", "Importance", "Stays first from", "Up to", "First below", "First above"]
    out += ["", _table(headers, rows, right=(1, 2, 3))]
    return "\n".join(out)


def _stakeholders(ctx: _Context, group: GroupResult) -> str:
    out = ["## Stakeholders", ""]
    group_top = ctx.result.top
    headers = ["Stakeholder", "Weight", "Their top model"]
    headers += [f"Their rank of {markdown(r.model.name)}" for r in group_top]
    headers += [f"Their score for {markdown(r.model.name)}" for r in group_top]
    rows = []
    for view in group.stakeholders:
        tops = _join([markdown(ctx.model_name(mid)) for mid in view.top])
        rows.append(
            [
                markdown(view.name),
                _percent(view.share),
                tops + (" (tied)" if len(view.top) > 1 else ""),
                *[str(view.group_top_ranks.get(r.model.id, "-")) for r in group_top],
                *[_fixed(view.group_top_scores[r.model.id]) for r in group_top],
            ]
        )
    out.append(_table(headers, rows, right=(1, *range(3, 3 + 2 * len(group_top)))))

    out += [
        "",
        "### Each stakeholder's ranking",
        "",
        "Rank (score) of each model, over the models the group ranks; = marks a tie.",
    ]
    views = [{r.model.id: r for r in view.result.ranking} for view in group.stakeholders]
    rows = []
    for r in ctx.shown:
        cells = [f"{rank_label(r.rank, r.tied)} ({_fixed(r.score)})"]
        for lookup in views:
            own = lookup.get(r.model.id)
            cells.append(f"{rank_label(own.rank, own.tied)} ({_fixed(own.score)})" if own else "-")
        rows.append([markdown(r.model.name), *cells])
    headers = ["Model", "Group", *[markdown(v.name) for v in group.stakeholders]]
    out += ["", _table(headers, rows, right=tuple(range(1, len(headers))))]

    out += ["", "### Agreement", ""]
    agreement = group.agreement
    if agreement.summary is not None:
        summary = agreement.summary
        mean = "undefined" if agreement.mean_tau is None else f"{agreement.mean_tau:.2f}"
        least = "undefined" if summary.min_tau is None else f"{summary.min_tau:.2f}"
        out.append(
            f"Kendall's tau-b between each pair of stakeholders' scores (1 = the same order, -1 = the reverse "
            f"order), summarised over {summary.count:,} pairs ({summary.undefined:,} undefined): "
            f"mean {mean}, lowest {least}."
        )
        for title, chosen in (
            ("Most agreeing pairs", summary.most_agreeing),
            ("Least agreeing pairs", summary.least_agreeing),
        ):
            rows = [[markdown(p.a), markdown(p.b), f"{p.tau or 0.0:.2f}"] for p in chosen]
            out += ["", f"{title}:", "", _table(["Stakeholder", "Stakeholder", "Tau-b"], rows, right=(2,))]
    elif not agreement.pairs:
        out.append("Only one stakeholder: there is no one to agree or disagree with.")
    else:
        out.append(
            "Kendall's tau-b between each pair of stakeholders' scores: 1 = the same order, "
            "-1 = the reverse order, 0 = unrelated; undefined when a stakeholder scores every model the same."
        )
        rows = [
            [markdown(p.a), markdown(p.b), "undefined" if p.tau is None else f"{p.tau:.2f}"] for p in agreement.pairs
        ]
        out += ["", _table(["Stakeholder", "Stakeholder", "Tau-b"], rows, right=(2,)), ""]
        mean = "undefined" if agreement.mean_tau is None else f"{agreement.mean_tau:.2f}"
        out.append(f"Mean tau-b: {mean}.")

    out += ["", "### Criteria with most disagreement", ""]
    differing = [c for c in agreement.criteria if c.range > 0]
    if not differing:
        out.append("Every stakeholder gives each criterion the same effective weight.")
    elif len(group.stakeholders) > PAIRS_LISTED_UP_TO:
        rows = []
        for c in differing:
            low = min(c.effective_weights, key=lambda n: c.effective_weights[n])
            high = max(c.effective_weights, key=lambda n: c.effective_weights[n])
            rows.append(
                [
                    markdown(ctx.label(c.criterion)),
                    f"{_percent(c.effective_weights[low])} ({markdown(low)})",
                    f"{_percent(c.effective_weights[high])} ({markdown(high)})",
                    _percent(c.range),
                ]
            )
        out.append("Effective weights, widest range first: the lowest and the highest stakeholder.")
        out += ["", _table(["Criterion", "Lowest", "Highest", "Range"], rows, right=(1, 2, 3))]
    else:
        names = [v.name for v in group.stakeholders]
        rows = [
            [markdown(ctx.label(c.criterion)), *[_percent(c.effective_weights[n]) for n in names], _percent(c.range)]
            for c in differing
        ]
        headers = ["Criterion", *[markdown(n) for n in names], "Range"]
        out.append(
            "Effective weights (what each stakeholder's priorities make each criterion weigh), widest range first."
        )
        out += ["", _table(headers, rows, right=tuple(range(1, len(headers))))]
    return "\n".join(out)


def _profiled(ctx: _Context) -> list[Ranked]:
    """The models at rank 1 and at the runner-up's rank, within the rows shown."""
    ranks = {1} | ({ctx.runner_up.rank} if ctx.runner_up else set())
    return [r for r in ctx.shown if r.rank in ranks]


def _profiles(ctx: _Context) -> str:
    out = ["## Strengths and weaknesses of the top models", "", "As summarised in the source table."]
    for r in _profiled(ctx):
        model: Model = r.model
        out += [
            "",
            f"### {markdown(model.name)} (rank {r.rank}, score {_fixed(r.score)})",
            "",
            f"- Strengths: {markdown(model.strengths)}",
            f"- Weaknesses: {markdown(model.weaknesses)}",
        ]
    return "\n".join(out)


def _questions(ctx: _Context, smaa: SmaaResult | None) -> str:
    name = markdown(ctx.first.model.name)
    targets = [cw for cw in ctx.result.criteria if cw.criterion.direction == "target" and cw.target]
    horizon = (
        " and the "
        + _join(
            [
                f"{markdown(cw.criterion.label.lower())} you are planning for ({markdown(cw.target or '')})"
                for cw in targets
            ]
        )
        if targets
        else ""
    )
    out = [
        "## Questions to settle before committing",
        "",
        "Drawn from the key questions for leaders in the source paper; the ranking does not answer them.",
        "",
        (
            "- [ ] **Strategic positioning.** How do micro-credentials serve the institution's mission, and where do "
            "they sit in its credential ecology (stand-alone, stackable, credit-bearing towards a degree)?"
        ),
        (
            "- [ ] **Leadership.** Who leads the micro-credential strategy, and do they bring the transformative "
            "qualities it needs: a clear vision, listening to and linking the people involved, and building a team "
            "across the institution?"
        ),
        (
            "- [ ] **Internal structures.** Which unit owns design, delivery and quality assurance: the existing "
            "faculties, a central digital education unit, a professional and continuing education unit, or a separate "
            "business unit?"
        ),
        (
            f"- [ ] **Business model.** Is {name} fit for purpose for your learners, partners{horizon}, and what would "
            "it take to run it well?"
        ),
        (
            f"- [ ] **Risks.** What could go wrong with {name}, and how will each risk be mitigated? "
            f"Weaknesses in the source table: {markdown(ctx.first.model.weaknesses)}."
        ),
    ]
    tied = ctx.result.top
    if len(tied) > 1:
        out.append(
            f"- [ ] **Break the tie.** {_join([markdown(r.model.name) for r in tied])} score exactly the same on the "
            "stated priorities; decide between them on grounds the criteria do not capture."
        )
    if smaa is not None:
        row = smaa.acceptability.get(ctx.first.model.id)
        if row and row[0] < 0.5:
            out.append(
                f"- [ ] **A close call.** {name} ranks first in only {_pfloat(row[0])} of the samples; "
                "check the importances that drive the result."
            )
    if ctx.group is not None:
        widest = next((c for c in ctx.group.agreement.criteria if c.range > 0), None)
        if widest is not None:
            low, high = min(widest.effective_weights.values()), max(widest.effective_weights.values())
            out.append(
                f"- [ ] **Where stakeholders differ most.** {markdown(ctx.label(widest.criterion))}: effective weights "
                f"from {_percent(low)} to {_percent(high)}; agree how much it should count."
            )
    defaulted = [markdown(cw.criterion.label) for cw in ctx.result.criteria if cw.defaulted]
    how = ctx.result.priorities.weighting
    if defaulted and how in ("swing", "ranking"):
        what = "given no swing points" if how == "swing" else "left out of the ranking"
        out.append(
            f"- [ ] **Criteria left out.** {_join(defaulted)} were {what}, so they weigh nothing; "
            "confirm that is right."
        )
    elif defaulted:
        whom = "by any stakeholder" if ctx.group is not None else ""
        out.append(
            f"- [ ] **Unstated priorities.** {_join(defaulted)} kept the default importance (not stated"
            f"{' ' + whom if whom else ''}); confirm that is right."
        )
    return "\n".join(out)


def _source(catalog: Catalog, models_input: tuple[str, str] | None = None) -> str:
    out = ["## Source", ""]
    if models_input is not None:
        out += [
            f"The models and ratings come from the models file {markdown(models_input[0])}, not from the built-in "
            "Table 2 of Brown, McGreal & Peters (2023); where that file cites a source, its ratings are adapted "
            "from it, not rated by its authors.",
            "",
        ]
    src = catalog.source
    if src is None:
        out.append(
            "The models file used has no `source` section, so the origin of its models, ratings, strengths and "
            "weaknesses is not recorded. Its criterion directions (which end of each scale is better) are those "
            "the file states."
        )
        return "\n".join(out)
    url = src.url or (f"https://doi.org/{src.doi}" if src.doi else None)
    whose = "Business models, ratings, strengths and weaknesses" if models_input is None else "Adapted from"
    cite = f"{whose}: {markdown(src.citation)}"
    lines = [cite + (f" DOI: {markdown_link(url, url)}" if url else "")]
    table = [markdown(src.table)] if src.table else []
    if src.adapted_from:
        table.append(f"The table is adapted from {markdown(src.adapted_from)}.")
    if table:
        lines.append(" ".join(table))
    licence = f"Licence: {markdown(src.licence)}"
    licence += f" ({markdown_link(src.licence_url, src.licence_url)})" if src.licence_url else ""
    licence += "."
    lines.append(licence + (f" Changes: {markdown(src.changes)}" if src.changes else ""))
    lines.append(
        "The criterion directions (which end of each scale is better), meanings and questions are mcstrat's "
        "interpretation, not the authors'."
    )
    out.append("\n\n".join(lines))
    return "\n".join(out)


__all__ = ["SECTIONS", "TITLE", "decision_record"]

"""The Markdown decision record: a ranking, its reasons and its caveats, for a committee paper.

``decision_record`` is a pure function of plain data: the same inputs give the same bytes.
Numbers are formatted one way throughout: scores and points with 1 decimal, weights and
probabilities as percentages with 1 decimal, importances (0..5) with up to 2 decimals, tau
with 2 decimals; exact Fractions are rounded half away from zero. Text from users and models
files is escaped (``|`` in table cells, Markdown punctuation everywhere) except the models'
strengths and weaknesses, which are quoted verbatim (whitespace runs collapsed to one space).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from mcstrat.catalog import Catalog, Model
from mcstrat.engine import Ranked, RankResult
from mcstrat.errors import McstratError
from mcstrat.formats import rank_label, visible
from mcstrat.group import GroupResult
from mcstrat.robustness import SmaaResult, StabilityInterval

TITLE = "Decision record: micro-credential business model"
SECTIONS = (
    "Inputs",
    "Ranking",
    "Why the top model wins",
    "Robustness",
    "Stability",
    "Stakeholders",
    "Strengths and weaknesses of the top models",
    "Questions to settle before committing",
    "Source",
)
BAR_WIDTH = 20  # characters for a score of 100
_BETTER = {"benefit": "higher", "cost": "lower", "target": "closer to target"}
_ESCAPE = set("\\`*[]|")


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


def _esc(text: str) -> str:
    """User or file text made safe inline and in a table cell (one line, no emphasis, links or HTML)."""
    flat = " ".join(str(text).split())
    out = []
    for i, ch in enumerate(flat):
        before = flat[i - 1] if i > 0 else " "
        after = flat[i + 1] if i + 1 < len(flat) else " "
        if ch in _ESCAPE:
            out.append("\\" + ch)
        elif ch == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")  # an underscore inside a word never starts emphasis
        elif ch == "<" and (after.isalpha() or after in "/!?"):
            out.append("\\<")  # only these can open raw HTML or an autolink
        else:
            out.append(ch)
    return "".join(out)


def _verbatim(text: str) -> str:
    return " ".join(text.split())


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
    tops = [f"**{_esc(r.model.name)}**" for r in ctx.result.top]
    whose = (
        f"the weighted priorities of {len(ctx.group.stakeholders)} stakeholders"
        if ctx.group is not None
        else "the stated priorities"
    )
    verb = "tie for first place" if len(tops) > 1 else "ranks first"
    lines = [
        f"# {TITLE}",
        "",
        f"Date: {_esc(date)}",
        "",
        f"{_join(tops)} {verb} against {whose}, with a score of {_fixed(ctx.first.score)} out of 100.",
    ]
    if version:
        lines += ["", f"Prepared with mcstrat {_esc(version)}."]
    return "\n".join(lines)


def _inputs(ctx: _Context, inputs: Sequence[tuple[str, str]], models_input: tuple[str, str] | None) -> str:
    out = ["## Inputs", ""]
    if models_input is not None:
        path, digest = models_input
        out += [f"Models file: {_esc(path)} (SHA-256 `{digest}`), not the built-in Table 2.", ""]
    if inputs:
        out.append(_table(["Answers file", "SHA-256"], [[_esc(path), f"`{digest}`"] for path, digest in inputs]))
    else:
        out.append("No answers file: the priorities were given as command-line options.")
    out += ["", "### Priorities", ""]
    group = ctx.group
    if group is None:
        rows = [
            [
                _esc(cw.criterion.label),
                _BETTER[cw.criterion.direction],
                _importance(cw.importance),
                _percent(cw.weight),
                "yes" if cw.defaulted else "no",
            ]
            for cw in ctx.result.criteria
        ]
        out.append(_table(["Criterion", "Better", "Importance (0-5)", "Weight", "Default?"], rows, right=(2, 3)))
        out.append("")
        prio = ctx.result.priorities
        for cw in ctx.result.criteria:
            if cw.criterion.direction == "target":
                out.append(f"- Target {_esc(cw.criterion.label.lower())}: {_esc(cw.target or 'none')}")
        out.append(f"- Ranged ratings (such as LOW/MED) scored: {_esc(prio.ranges)}")
        out.append(f"- Excluded on request: {_esc(', '.join(prio.exclude)) or 'none'}")
        out.append(f"- Constraints: {_esc(', '.join(c.text for c in prio.require)) or 'none'}")
    else:
        names = [_esc(v.name) for v in group.stakeholders]
        headers = ["Criterion", "Better", *names, "Group importance", "Group weight"]
        rows = []
        for j, cw in enumerate(ctx.result.criteria):
            own = []
            for view in group.stakeholders:
                theirs = view.result.criteria[j]
                own.append(_importance(theirs.importance) + (" (default)" if theirs.defaulted else ""))
            rows.append(
                [
                    _esc(cw.criterion.label),
                    _BETTER[cw.criterion.direction],
                    *own,
                    _importance(cw.importance),
                    _percent(cw.weight),
                ]
            )
        count = len(names)
        out.append(_table(headers, rows, right=tuple(range(2, count + 4))))
        out += [
            "",
            (
                'Importances are on the 0-5 scale; "(default)" marks one the stakeholder did not state. '
                "The group importance and weight are the stakeholders' weighted means."
            ),
            "",
            "### Stakeholders' settings",
            "",
        ]
        targets = [cw for cw in ctx.result.criteria if cw.criterion.direction == "target"]
        headers = ["Stakeholder", "Weight", *[f"Target {_esc(cw.criterion.label.lower())}" for cw in targets]]
        headers += ["Ranges", "Excludes", "Requires", "File"]
        rows = []
        for view in group.stakeholders:
            prio = view.result.priorities
            own_targets = [_esc(c.target or "none") for c in view.result.criteria if c.criterion.direction == "target"]
            rows.append(
                [
                    _esc(view.name),
                    f"{_importance(view.weight)} ({_percent(view.share)})",
                    *own_targets,
                    _esc(prio.ranges),
                    _esc(", ".join(prio.exclude)) or "none",
                    _esc(", ".join(c.text for c in prio.require)) or "none",
                    _esc(view.source or "-"),
                ]
            )
        out.append(_table(headers, rows, right=(1,)))
    return "\n".join(out)


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
    rows = [[rank_label(r.rank, r.tied), _esc(r.model.name), _fixed(r.score), _bar(r.score)] for r in ctx.shown]
    out.append(_table(["Rank", "Model", "Score", "Bar"], rows, right=(0, 2)))
    if any(r.tied for r in ctx.shown):
        out += ["", "= tied: exactly equal scores, listed in the models file's order."]
    total = len(ctx.result.ranking)
    if len(ctx.shown) < total:
        out += ["", f"Showing the top {len(ctx.shown)} of {total} ranked models (ties with the last one included)."]
    if ctx.result.excluded:
        out += ["", "Not ranked:", ""]
        out.extend(f"- {_esc(e.model.name)}: {_esc(e.reason)}" for e in ctx.result.excluded)
    return "\n".join(out)


def _why(ctx: _Context) -> str:
    out = ["## Why the top model wins", ""]
    first, runner = ctx.first, ctx.runner_up
    ranked = ctx.result.ranking
    if len(ranked) == 1:
        out.append(
            f"{_esc(first.model.name)} is the only model left after the exclusions; there is nothing to compare."
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
        others = _join([_esc(r.model.name) for r in tied[1:]])
        out += [
            (
                f"{_esc(first.model.name)} ties for first place with {others}: their scores are exactly equal. "
                f"Below, {_esc(first.model.name)} (listed first, in the models file's order) is compared with "
                "the runner-up."
            ),
            "",
        ]
    lead = first.score - runner.score
    diffs = [
        (cw, first.contributions[cw.criterion.id] - runner.contributions[cw.criterion.id]) for cw in ctx.result.criteria
    ]
    order = sorted(range(len(diffs)), key=lambda i: (-diffs[i][1], i))
    ahead = [f"{_esc(diffs[i][0].criterion.label)} ({_signed(diffs[i][1])})" for i in order if diffs[i][1] > 0][:3]
    behind = [
        f"{_esc(diffs[i][0].criterion.label)} ({_signed(diffs[i][1])})" for i in reversed(order) if diffs[i][1] < 0
    ][:3]
    peers = [_esc(r.model.name) for r in ctx.result.ranking if r.rank == runner.rank and r is not runner]
    with_peers = f" (tied with {_join(peers)})" if peers else ""
    sentence = (
        f"{_esc(first.model.name)} scores {_fixed(first.score)} and the runner-up, "
        f"{_esc(runner.model.name)}{with_peers}, scores {_fixed(runner.score)}: a lead of {_fixed(lead)} points."
    )
    if ahead:
        sentence += f" It gains most on {_join(ahead)}."
    if behind:
        sentence += f" The runner-up is ahead on {_join(behind)}."
    out += [
        sentence,
        "",
        (
            f"Points each criterion adds to the score (top: {_esc(first.model.name)}; "
            f"runner-up: {_esc(runner.model.name)}):"
        ),
        "",
    ]
    rows = []
    for i in order:
        cw, diff = diffs[i]
        cid = cw.criterion.id
        rows.append(
            [
                _esc(cw.criterion.label),
                _percent(cw.weight),
                _esc(first.ratings.get(cid, "")),
                _fixed(first.contributions[cid]),
                _esc(runner.ratings.get(cid, "")),
                _fixed(runner.contributions[cid]),
                _signed(diff),
            ]
        )
    rows.append(["**Total**", "", "", _fixed(first.score), "", _fixed(runner.score), _signed(lead)])
    headers = ["Criterion", "Weight", "Top rating", "Top points", "Runner-up rating", "Runner-up points", "Difference"]
    out.append(_table(headers, rows, right=(1, 3, 5, 6)))
    return "\n".join(out)


def _robustness(ctx: _Context, smaa: SmaaResult) -> str:
    out = ["## Robustness", ""]
    out.append(
        f"Rank acceptability from {smaa.samples:,} Monte Carlo samples (seed {smaa.seed}): importances drawn within "
        f"±{smaa.spread:g} of their stated values, ranged ratings drawn between their ends"
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
        chances = [f"{_esc(ctx.model_name(mid))} ({_pfloat(smaa.acceptability[mid][0])})" for mid in likely]
        out.append(f"Probability of ranking first: {', '.join(chances)}.")
    else:
        out.append("No model ranked first in any sample.")
    width = max((len(smaa.acceptability[mid]) for mid in ids), default=0)
    rows = []
    for mid in ids:
        row = smaa.acceptability[mid]
        rows.append([_esc(ctx.model_name(mid)), *[_pfloat(p) for p in row], *[""] * (width - len(row))])
    out += ["", _table(["Model", *[f"Rank {k}" for k in range(1, width + 1)]], rows, right=tuple(range(1, width + 1)))]
    central = [(mid, smaa.central_weights.get(mid)) for mid in ids]
    central_rows = [(mid, cw) for mid, cw in central if cw]
    if central_rows:
        cids = [c.id for c in ctx.catalog.criteria]
        extra = sorted({k for _, cw in central_rows for k in cw} - set(cids))
        cols = cids + extra
        rows = [
            [_esc(ctx.model_name(mid)), *[_pfloat(cw[c]) if c in cw else "" for c in cols]] for mid, cw in central_rows
        ]
        out += [
            "",
            (
                "Central weights: the average weights in the samples where each model ranks first "
                "(what you would have to believe for it to win)."
            ),
            "",
            _table(["Model", *[_esc(ctx.label(c)) for c in cols]], rows, right=tuple(range(1, len(cols) + 1))),
        ]
    return "\n".join(out)


def _stability(ctx: _Context, stability: Mapping[str, StabilityInterval]) -> str:
    out = ["## Stability", ""]
    scope = "; for a group, the stakeholders' weighted mean" if ctx.group is not None else ""
    out.append(
        f"For each criterion, the range of its importance (0-5{scope}) within which {_esc(ctx.first.model.name)} "
        "stays first, the other importances held at their stated values, and the model that takes over "
        "just outside it."
    )
    known = [c.id for c in ctx.catalog.criteria if c.id in stability]
    keys = known + sorted(k for k in stability if k not in known)
    rows = []
    for key in keys:
        iv = stability[key]
        rows.append(
            [
                _esc(ctx.label(key)),
                _importance(iv.importance),
                _importance(iv.low),
                "no limit" if iv.high is None else _importance(iv.high),
                _esc(ctx.model_name(iv.below)) if iv.below else "-",
                _esc(ctx.model_name(iv.above)) if iv.above else "-",
            ]
        )
    headers = ["Criterion", "Importance", "Stays first from", "Up to", "First below", "First above"]
    out += ["", _table(headers, rows, right=(1, 2, 3))]
    return "\n".join(out)


def _stakeholders(ctx: _Context, group: GroupResult) -> str:
    out = ["## Stakeholders", ""]
    group_top = ctx.result.top
    headers = ["Stakeholder", "Weight", "Their top model"]
    headers += [f"Their score for {_esc(r.model.name)}" for r in group_top]
    rows = []
    for view in group.stakeholders:
        tops = _join([_esc(ctx.model_name(mid)) for mid in view.top])
        rows.append(
            [
                _esc(view.name),
                _percent(view.share),
                tops + (" (tied)" if len(view.top) > 1 else ""),
                *[_fixed(view.group_top_scores[r.model.id]) for r in group_top],
            ]
        )
    out.append(_table(headers, rows, right=(1, *range(3, 3 + len(group_top)))))

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
        rows.append([_esc(r.model.name), *cells])
    headers = ["Model", "Group", *[_esc(v.name) for v in group.stakeholders]]
    out += ["", _table(headers, rows, right=tuple(range(1, len(headers))))]

    out += ["", "### Agreement", ""]
    agreement = group.agreement
    if not agreement.pairs:
        out.append("Only one stakeholder: there is no one to agree or disagree with.")
    else:
        out.append(
            "Kendall's tau-b between each pair of stakeholders' scores: 1 = the same order, "
            "-1 = the reverse order, 0 = unrelated; undefined when a stakeholder scores every model the same."
        )
        rows = [[_esc(p.a), _esc(p.b), "undefined" if p.tau is None else f"{p.tau:.2f}"] for p in agreement.pairs]
        out += ["", _table(["Stakeholder", "Stakeholder", "Tau-b"], rows, right=(2,)), ""]
        mean = "undefined" if agreement.mean_tau is None else f"{agreement.mean_tau:.2f}"
        out.append(f"Mean tau-b: {mean}.")

    out += ["", "### Criteria with most disagreement", ""]
    differing = [c for c in agreement.criteria if c.range > 0]
    if not differing:
        out.append("Every stakeholder gave each criterion the same importance.")
    else:
        names = [v.name for v in group.stakeholders]
        rows = [
            [_esc(ctx.label(c.criterion)), *[_importance(c.importances[n]) for n in names], _importance(c.range)]
            for c in differing
        ]
        headers = ["Criterion", *[_esc(n) for n in names], "Range"]
        out.append("Stated importances (0-5), widest range first.")
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
            f"### {_esc(model.name)} (rank {r.rank}, score {_fixed(r.score)})",
            "",
            f"- Strengths: {_verbatim(model.strengths)}",
            f"- Weaknesses: {_verbatim(model.weaknesses)}",
        ]
    return "\n".join(out)


def _questions(ctx: _Context, smaa: SmaaResult | None) -> str:
    name = _esc(ctx.first.model.name)
    targets = [cw for cw in ctx.result.criteria if cw.criterion.direction == "target" and cw.target]
    horizon = (
        " and the "
        + _join(
            [f"{_esc(cw.criterion.label.lower())} you are planning for ({_esc(cw.target or '')})" for cw in targets]
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
            f"Weaknesses in the source table: {_verbatim(ctx.first.model.weaknesses)}."
        ),
    ]
    tied = ctx.result.top
    if len(tied) > 1:
        out.append(
            f"- [ ] **Break the tie.** {_join([_esc(r.model.name) for r in tied])} score exactly the same on the "
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
            low, high = min(widest.importances.values()), max(widest.importances.values())
            out.append(
                f"- [ ] **Where stakeholders differ most.** {_esc(ctx.label(widest.criterion))}: importances "
                f"from {_importance(low)} to {_importance(high)}; agree how much it should count."
            )
    defaulted = [_esc(cw.criterion.label) for cw in ctx.result.criteria if cw.defaulted]
    if defaulted:
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
            f"The models and ratings come from the models file {_esc(models_input[0])}, not from the built-in "
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
    cite = f"{whose}: {_esc(src.citation)}"
    lines = [cite + (f" DOI: <{url}>" if url else "")]
    table = [_esc(src.table)] if src.table else []
    if src.adapted_from:
        table.append(f"The table is adapted from {_esc(src.adapted_from)}.")
    if table:
        lines.append(" ".join(table))
    licence = f"Licence: {_esc(src.licence)}" + (f" (<{src.licence_url}>)" if src.licence_url else "") + "."
    lines.append(licence + (f" Changes: {_esc(src.changes)}" if src.changes else ""))
    lines.append(
        "The criterion directions (which end of each scale is better), meanings and questions are mcstrat's "
        "interpretation, not the authors'."
    )
    out.append("\n\n".join(lines))
    return "\n".join(out)


__all__ = ["SECTIONS", "TITLE", "decision_record"]

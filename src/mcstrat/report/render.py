"""The terminal view: pure functions from results to rich renderables (the CLI prints them).

Only this module (and the CLI's printing) imports rich, so machine formats never pay for it.
Every table is designed to fit 80 columns; user text is always passed as Text, never markup,
and always through sanitize.terminal first (`_text`, `_note`), so a models or answers file
cannot send escape sequences or bidi overrides to the terminal or into the HTML/SVG exports.

No terminal width loses data: every table is wrapped in `Fit`, which measures the narrowest
layout the table has without cutting a word, a rating, an id or a number, and below that width
prints the same rows as stacked blocks (one per row: its "column: value" pairs packed into lines) instead.
"""

from __future__ import annotations

import copy
import dataclasses
from fractions import Fraction
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from mcstrat import sanitize
from mcstrat.report.formats import attribution, expected_rank, score_places, visible

if TYPE_CHECKING:
    from mcstrat.analyses.ranking import RankResult
    from mcstrat.core.catalog import Catalog, Model
    from mcstrat.decide.decision import Analysis

_BLOCKS = " ▏▎▍▌▋▊▉█"
RANGE_WORDS = {
    "midpoint": "their midpoint",
    "optimistic": "their best end",
    "pessimistic": "their worst end",
    "mixed": "each stakeholder's own setting",
}


def bar(score: Fraction | float, width: int = 20) -> str:
    """A bar of WIDTH cells for a 0..100 score, in eighths of a cell."""
    eighths = round(float(score) / 100 * width * 8)
    full, part = divmod(max(0, min(eighths, width * 8)), 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def _table(**kwargs: object) -> Table:
    """A table in mcstrat's style, at least as wide as its title (within the width there is).

    A table of few narrow columns (two criteria, a why-not of few models) would otherwise wrap its
    title into a column of short lines; rich still narrows it to fit the terminal.
    """
    title = kwargs.get("title")
    plain = title.plain if isinstance(title, Text) else title if isinstance(title, str) else ""
    kwargs.setdefault("min_width", len(plain) or None)
    return Table(box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False, show_edge=False, **kwargs)  # type: ignore[arg-type]


def _text(text: str, style: str = "") -> Text:
    """User text (or a sentence holding some) as a rich Text, sanitised for the terminal."""
    return Text(sanitize.terminal(text), style=style)


def _prose(text: str) -> str:
    """A description, strength or meaning from a models file: its own line breaks kept, made safe."""
    return sanitize.terminal(text.strip(), newlines=True)


class Fit:
    """A table that is printed as a table when the width allows it, else as stacked blocks.

    The width a table needs is the sum of its columns' narrowest widths: for a no_wrap column
    (ratings, ids, numbers, bars) its widest cell in full; for a wrapping column (names, meanings)
    its longest word; a fixed-width column its width; plus padding and rules. When that is more
    than the room left (`options.max_width`), the rows are printed as blocks: the cells of the
    columns up to KEY (e.g. `#` and `Model`) as a bold heading, then a "header: value" pair per
    other non-empty cell (a cell under an empty header joins the pair before it), as many whole
    pairs to an indented line as fit; a pair longer than a line wraps alone. With TRANSPOSE,
    a table whose rows are few (e.g. importance and weight per criterion) is first tried turned
    on its side, one row per column, before falling back to blocks. Otherwise the table is printed
    with column widths that keep each column at or above its narrowest width (rich's own shrinking
    can cut a word short of that).
    """

    def __init__(self, table: Table, key: int = 0, transpose: bool = False) -> None:
        self.table = table
        self.key = key
        self.transpose = transpose

    def _ranges(self, console: Console, options: ConsoleOptions) -> list[tuple[int, int]]:
        """(narrowest, widest) width of each column, padding included.

        Padding and rule widths come from rich's own (underscored) Table helpers, unchanged since
        rich 10, so that the sum is exactly what rich will lay out.
        """
        out = []
        for index, column in enumerate(self.table.columns):
            pad = self.table._get_padding_width(index)
            if column.width is not None:
                out.append((column.width + pad, column.width + pad))
                continue
            cells = [column.header, *column.cells]
            sizes = [Measurement.get(console, options.update_width(10_000), cell) for cell in cells]
            widest = max(m.maximum for m in sizes)
            narrowest = widest if column.no_wrap else max(m.minimum for m in sizes)
            narrowest = max(narrowest, column.min_width or 0)
            if column.max_width is not None:
                widest = max(narrowest, min(widest, column.max_width))
            out.append((narrowest + pad, widest + pad))
        return out

    def needed(self, console: Console, options: ConsoleOptions) -> int:
        """The narrowest width at which the table loses nothing."""
        return sum(lo for lo, _ in self._ranges(console, options)) + self.table._extra_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ranges = self._ranges(console, options)
        room = options.max_width - self.table._extra_width
        if sum(lo for lo, _ in ranges) > room:
            if self.transpose:
                yield Fit(self._transposed(), key=0)
            else:
                yield from self._stacked(options.max_width)
            return
        widths = [hi for _, hi in ranges]
        # shrink the widest wrapping columns first, never below their narrowest width
        while sum(widths) > room:
            shrinkable = [i for i, (lo, _) in enumerate(ranges) if widths[i] > lo]
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
        table = copy.copy(self.table)
        table.columns = [
            dataclasses.replace(column, width=w - self.table._get_padding_width(i), min_width=None, max_width=None)
            for i, (column, w) in enumerate(zip(self.table.columns, widths))
        ]
        yield table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)

    def _transposed(self) -> Table:
        """The table on its side: the first column's cells become the headers."""
        old = self.table
        table = _table(title=old.title, title_justify=old.title_justify)
        table.add_column(old.columns[0].header, no_wrap=True)
        for label in old.columns[0].cells:
            table.add_column(label, justify="right", no_wrap=True)
        for column in old.columns[1:]:
            table.add_row(column.header, *column.cells)
        return table

    def _stacked(self, width: int) -> RenderResult:
        table = self.table
        if table.title:
            title = table.title if isinstance(table.title, Text) else Text(str(table.title))
            yield title
        columns = table.columns
        cells = [list(c.cells) for c in columns]
        for row in range(table.row_count):
            head = [_as_text(column[row]) for column in cells[: self.key + 1]]
            heading = Text("  ").join(t for t in head if t.plain.strip())
            heading.stylize("bold")
            items: list[Text] = []
            for column, column_cells in zip(columns[self.key + 1 :], cells[self.key + 1 :]):
                cell = _as_text(column_cells[row])
                if not cell.plain.strip():
                    continue
                label = _as_text(column.header).plain
                if label or not items:
                    items.append(Text(f"{label}: ") + cell if label else cell)
                else:
                    items[-1] = items[-1] + Text(" ") + cell
            yield Text("")
            yield heading
            yield from _pack(items, width)


def _pack(items: list[Text], width: int, indent: str = "  ", gap: str = "   ") -> list[Text]:
    """ITEMS as indented lines, as many whole items to a line as WIDTH allows; a longer item wraps alone."""
    lines: list[Text] = []
    line: Text | None = None
    for item in items:
        if line is not None and line.cell_len + len(gap) + item.cell_len <= width:
            line.append(gap)
            line.append_text(item)
            continue
        line = Text(indent) + item
        line.overflow = "fold"
        lines.append(line)
    return lines


def _as_text(cell: RenderableType) -> Text:
    """A cell as a one-paragraph Text (our cells are Text or plain strings without markup)."""
    if isinstance(cell, Text):
        out = cell.copy()
        out.justify = None
        return out
    return Text(str(cell))


def fit(table: Table, key: int = 0, transpose: bool = False) -> Fit:
    """TABLE as a table when it fits, else stacked blocks headed by the cells up to column KEY (see Fit)."""
    return Fit(table, key, transpose)


def _note(text: str, style: str = "dim") -> Text:
    return _text(text, style=style)


def _directions(catalog: Catalog) -> Text:
    groups = {"cost": "lower is better", "benefit": "higher is better", "target": "closer to your target is better"}
    parts = []
    for direction, meaning in groups.items():
        ids = [c.id for c in catalog.criteria if c.direction == direction]
        if ids:
            parts.append(f"{', '.join(ids)}: {meaning}")
    return _note("; ".join(parts) + ".")


def models_view(catalog: Catalog) -> RenderableType:
    table = _table(title="Micro-credential business models", title_justify="left")
    table.add_column("Model", min_width=12, max_width=16, overflow="fold")
    for crit in catalog.criteria:
        table.add_column(crit.id, no_wrap=True)
    for model in catalog.models:
        table.add_row(_text(model.name), *(Text(model.ratings[c]) for c in catalog.criterion_ids))
    return Group(fit(table), _directions(catalog), _note(attribution(catalog)))


def show_view(catalog: Catalog, model: Model) -> RenderableType:
    head = Text.assemble((sanitize.terminal(model.name), "bold"), f" ({model.id})\n", _prose(model.description))
    if model.example:
        head.append(f"\nExample: {_prose(model.example)}")
    table = _table()
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Rating", no_wrap=True)
    table.add_column("Meaning")
    for crit in catalog.criteria:
        table.add_row(_text(crit.label), Text(model.ratings[crit.id], style="bold"), Text(_prose(crit.meaning)))
    return Group(
        head,
        fit(table),
        Text.assemble(("Strengths: ", "green bold"), _prose(model.strengths)),
        Text.assemble(("Weaknesses: ", "red bold"), _prose(model.weaknesses)),
        Text(""),
        _note(attribution(catalog)),
    )


def _pct(value: Fraction) -> str:
    return f"{float(100 * value):.0f}%"


def _importance(value: Fraction) -> str:
    """An importance in at most two decimals: 4, 2.5, 2.29."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def weights_table(result: RankResult) -> RenderableType:
    """What was stated (importance, points or ROC weight), the weight and the effective weight of each
    criterion; * marks a default, →H1 a target."""
    from mcstrat.core.weighting import EFFECTIVE_NOTE, UNNAMED_NOTE, order_differs, order_note, stated_label
    from mcstrat.sanitize import terminal

    how = result.priorities.weighting
    table = _table(title="Priorities used", title_justify="left")
    table.add_column("", no_wrap=True)
    for cw in result.criteria:
        table.add_column(Text(terminal(cw.criterion.id)), justify="right", no_wrap=True)
    if how == "swing":
        table.add_row("points", *(f"{_importance(cw.stated or Fraction(0))}" for cw in result.criteria))
    elif how == "ranking":
        table.add_row("ROC weight", *(_pct(cw.stated or Fraction(0)) for cw in result.criteria))
    else:
        table.add_row(
            stated_label(how),
            *(f"{_importance(cw.importance)}{'*' if cw.defaulted else ''}" for cw in result.criteria),
        )
    table.add_row("weight", *(_pct(cw.weight) for cw in result.criteria))
    table.add_row("effective", *(_pct(cw.effective) for cw in result.criteria))
    if any(cw.target for cw in result.criteria):
        table.add_row("target", *(cw.target or "" for cw in result.criteria))
    notes = [EFFECTIVE_NOTE]
    if how == "importance":
        stated = {cw.criterion.id: cw.importance for cw in result.criteria}
        effective = {cw.criterion.id: cw.effective for cw in result.criteria}
        notes += [order_note(terminal(a), terminal(b)) for a, b in order_differs(stated, effective)[:3]]
    if how in ("swing", "ranking") and any(cw.defaulted for cw in result.criteria):
        notes.append(UNNAMED_NOTE.format(what="swing points" if how == "swing" else "ranking"))
    elif any(cw.defaulted for cw in result.criteria):
        notes.append("* not stated, so the default applies (medium = 2; horizon 0 without a target).")
    notes.append(
        f"Ranged cells (e.g. LOW/MED) are scored at {RANGE_WORDS.get(result.priorities.ranges, 'their midpoint')}."
    )
    return Group(fit(table, transpose=True), *(_note(note) for note in notes))


def ranking_table(result: RankResult, top: int | None = None) -> Fit:
    title = "Recommendation" + (f" for {result.priorities.name}" if result.priorities.name else "")
    table = _table(title=_text(title, style="bold"), title_justify="left")  # a name may hold [markup]
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Model", max_width=36)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, width=20)
    shown = visible(result, top)
    places = score_places([r.score for r in shown])
    for r in shown:
        rank = f"{r.rank}=" if r.tied else str(r.rank)
        table.add_row(rank, _text(r.model.name), f"{float(r.score):.{places}f}", Text(bar(r.score), style="cyan"))
    return fit(table, key=1)


def explain_table(result: RankResult, top: int | None = None) -> Fit:
    """Each model's points from each criterion: why it scores what it does."""
    table = _table(title="Points from each criterion (importance-weighted utility x 100)", title_justify="left")
    table.add_column("Model", max_width=20)
    for cw in result.criteria:
        table.add_column(cw.criterion.id, justify="right", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True)
    for r in visible(result, top):
        table.add_row(
            _text(r.model.name),
            *(f"{float(r.contributions[cw.criterion.id]):.1f}" for cw in result.criteria),
            f"{float(r.score):.1f}",
        )
    return fit(table)


def recommend_view(analysis: Analysis, *, top: int | None = None, explain: bool = False) -> Group:
    result, catalog = analysis.result, analysis.catalog
    parts: list[RenderableType] = [ranking_table(result, top)]
    hidden = len(result.ranking) - len(visible(result, top))
    if hidden:
        parts.append(_note(f"{hidden} more model(s) not shown; drop --top to see all."))
    from mcstrat.analyses.explain import lead, sentences

    why, missed = sentences(lead(result), result)
    if result.ranking[0].tied:
        names = ", ".join(r.model.name for r in result.top)
        parts.append(_text(f"Tied for first: {names}. They score exactly the same.", style="yellow"))
    else:
        parts.append(_text(why))
    parts += [_text(f"Note: {note}", style="yellow") for note in missed]
    parts.append(weights_table(result))
    for ex in result.excluded:
        parts.append(_text(f"Excluded: {ex.model.name} — {ex.reason}", style="yellow"))
    if analysis.group is not None:
        parts += [Text(""), group_view(analysis.group)]
    if explain:
        parts += [Text(""), explain_table(result, top)]
    from mcstrat.analyses.ranking import dominance

    dominated = dominance(result)
    if dominated:
        called = {r.model.id: r.model.name for r in result.ranking}
        parts.append(
            _note(
                "Dominated (another model is as good on every weighted criterion and better on one): "
                + "; ".join(f"{called[m]} by {', '.join(called[d] for d in by)}" for m, by in dominated.items())
                + "."
            )
        )
    if analysis.smaa is not None:
        parts += [Text(""), robustness_view(analysis.smaa, result)]
    if analysis.potential is not None:
        parts += [Text(""), potential_view(analysis.potential, result)]
    if analysis.stability is not None:
        parts += [Text(""), stability_view(analysis.stability, result)]
    for r in result.top:
        parts += [
            Text(""),
            Text.assemble(
                ("Top: ", "bold"),
                (sanitize.terminal(r.model.name), "bold"),
                f" — {_prose(r.model.description)}",
            ),
            Text.assemble(("Strengths: ", "green bold"), _prose(r.model.strengths)),
            Text.assemble(("Weaknesses: ", "red bold"), _prose(r.model.weaknesses)),
        ]
    parts += [Text(""), _note(attribution(catalog))]
    return Group(*parts)


if TYPE_CHECKING:
    from mcstrat.analyses.compare import Comparison


def compare_view(found: Comparison, catalog: Catalog) -> Group:
    """Ratings side by side, ✓ on the better model(s), points and score when priorities are given."""
    first = found.models[0]
    scored = found.scores is not None
    two = len(found.models) == 2
    table = _table(title="Comparison", title_justify="left")
    table.add_column("Criterion", no_wrap=True)
    for m in found.models:
        table.add_column(_text(m.name), max_width=22)
    if scored and two:
        table.add_column(Text("Δ pts"), justify="right", no_wrap=True)
    for row in found.criteria:
        cells: list[Text] = []
        for m in found.models:
            cell = Text(row.ratings[m.id])
            if m.id in row.better:
                cell.append(" ✓", style="green bold")
            if row.points is not None:
                cell.append(f" {float(row.points[m.id]):.1f}", style="dim")
            cells.append(cell)
        extra = []
        if scored and two and row.points is not None:
            second = found.models[1]
            extra.append(f"{float(row.points[second.id] - row.points[first.id]):+.1f}")
        table.add_row(_text(row.criterion.label), *cells, *extra)
    parts: list[RenderableType] = [fit(table)]
    if found.scores is not None:
        scores = found.scores
        total = [
            Text.assemble((sanitize.terminal(m.name), "bold"), f" {float(scores[m.id]):.1f}") for m in found.models
        ]
        parts.append(Text("Score: ") + Text(", ").join(total))
        if two:
            second = found.models[1]
            gap = scores[second.id] - scores[first.id]
            parts.append(
                _note(f"Δ pts: {second.name} minus {first.name}, per criterion; they add up to {float(gap):+.1f}.")
            )
    else:
        parts.append(
            _note("✓ better on that criterion. Give priorities (flags or --answers) to see points and scores.")
        )
    if any(row.utilities is None for row in found.criteria):
        parts.append(_note("Horizon is judged once you give a target horizon (--target-horizon)."))
    for ex in found.excluded:
        parts.append(_text(f"Note: your priorities would exclude {ex.model.name} — {ex.reason}", style="yellow"))
    for m in found.models:
        parts += [
            Text(""),
            _text(m.name, style="bold"),
            Text.assemble(("Strengths: ", "green bold"), _prose(m.strengths)),
            Text.assemble(("Weaknesses: ", "red bold"), _prose(m.weaknesses)),
        ]
    parts += [Text(""), _note(attribution(catalog))]
    return Group(*parts)


if TYPE_CHECKING:
    from mcstrat.analyses.robustness import SmaaResult, StabilityInterval

_HEAT = (
    (0.75, "bold white on dark_green"),
    (0.5, "white on green4"),
    (0.25, "black on dark_sea_green"),
    (0.05, "black on grey70"),
)


def _heat(p: float) -> Text:
    """A probability as a shaded percentage cell (blank when it rounds to 0)."""
    label = f"{100 * p:.0f}%" if p >= 0.005 else "·"
    style = next((s for threshold, s in _HEAT if p >= threshold), "dim")
    return Text(label, style=style, justify="right")


def robustness_view(found: SmaaResult, result: RankResult) -> Group:
    """Rank acceptability as a heat table, then what you would have to believe for each winner."""
    from mcstrat.report.formats import error_note, robustness_data, robustness_sentence, space_words

    names = {r.model.id: r.model.name for r in result.ranking}
    rob = robustness_data(found)
    order = sorted(found.model_ids, key=lambda m: (expected_rank(found.acceptability[m]), found.model_ids.index(m)))
    table = _table(title="How firm is the ranking? Chance of each rank", title_justify="left")
    table.add_column("Model", max_width=24)
    for i in range(len(found.model_ids)):
        table.add_column(f"#{i + 1}", justify="right", no_wrap=True, min_width=4)
    table.add_column("Conf.", justify="right", no_wrap=True)
    for mid in order:
        conf = found.confidence.get(mid)
        table.add_row(
            _text(names.get(mid, mid)),
            *(_heat(p) for p in found.acceptability[mid]),
            "—" if conf is None else f"{100 * conf:.0f}%",
        )
    how = (
        f"{found.samples:,} samples (seed {found.seed}) of {space_words(rob)} (--weight-space {found.weight_space}); "
        "ranged cells drawn within their range, shared by all stakeholders"
        + (", level spacing drawn at random (ordinal)" if found.ordinal else "")
        + f"; sampling error ±{100 * found.error:.1f} points"
    )
    parts: list[RenderableType] = [
        _text(robustness_sentence(rob, names)),
        fit(table),
        _note(
            f"#1 is the chance of ranking first. Conf.: the chance it still comes first at its typical winning "
            f"weights, over the ratings' uncertainty. {how}."
        ),
    ]
    for ids in found.identical:
        parts.append(
            _note(
                f"{' and '.join(names.get(m, m) for m in ids)} are rated identically: together they come first "
                f"{100 * found.combined_first(ids):.0f}% of the time.",
                style="yellow",
            )
        )
    warning = error_note(rob)
    if warning:
        parts.append(Text(warning, style="bold yellow"))
    winners = [m for m in order if found.central_weights.get(m)]
    if winners:
        crits = [cw.criterion.id for cw in result.criteria]
        weights = _table(
            title="Central weights: the average priorities under which each model ranks first", title_justify="left"
        )
        weights.add_column("Model", max_width=20)
        for cid in crits:
            weights.add_column(cid, justify="right", no_wrap=True)
        for mid in winners:
            central = found.central_weights[mid] or {}
            weights.add_row(_text(names.get(mid, mid)), *(f"{100 * central.get(c, 0.0):.0f}%" for c in crits))
        parts += [Text(""), fit(weights)]
    return Group(*parts)


def potential_view(potential: dict[str, dict[str, Potential]], result: RankResult) -> Group:
    """Which models can rank first at all, under your order of priorities and under any weights."""
    from mcstrat.analyses.ranking import dominance
    from mcstrat.report.formats import potential_cell, potential_data

    names = {r.model.id: r.model.name for r in result.ranking}
    data = potential_data(potential)
    dominated = dominance(result)
    table = _table(title="What can win at all", title_justify="left")
    table.add_column("Model", max_width=24)
    table.add_column("Dominated by", max_width=24)
    table.add_column("Your order", max_width=26)
    table.add_column("Any weights", max_width=26)
    for r in result.ranking:
        spaces = data.get(r.model.id)
        if spaces is None:
            continue
        table.add_row(
            _text(r.model.name),
            _text(", ".join(names.get(d, d) for d in dominated.get(r.model.id, [])) or "—"),
            potential_cell(spaces["order"]),
            potential_cell(spaces["free"]),
        )
    note = (
        "Can it come first under some weights that keep the order of your priorities, or under any weights? "
        "'by up to' is its largest possible lead; checked exactly."
    )
    return Group(fit(table), _note(note))


def stability_view(intervals: dict[str, StabilityInterval], result: RankResult) -> Group:
    """For each criterion: the range that keeps the top model first, and who takes over."""
    from mcstrat.report.formats import close_to_change, stability_bound, stability_data, stability_sentence

    names = {r.model.id: r.model.name for r in result.ranking}
    top = result.ranking[0].model.name
    data = stability_data(intervals)
    group = any(iv.scale == "weight" for iv in intervals.values())
    what = "share of the group's weight" if group else "importance"
    title = _text(f"Stability: {top} stays first while each {what} is within", style="bold")
    table = _table(title=title, title_justify="left")
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Now", justify="right", no_wrap=True)
    table.add_column("Range", justify="center", no_wrap=True)
    table.add_column("Below it, first is", max_width=24)
    table.add_column("Above it, first is", max_width=24)
    for cid, iv in data.items():
        low_close, high_close = close_to_change(iv, group)
        span = Text()
        span.append(
            stability_bound(iv["low"], group) + (" (close)" if low_close else ""), "yellow" if low_close else ""
        )
        span.append(" – ")
        span.append(
            stability_bound(iv["high"], group) + (" (close)" if high_close else ""), "yellow" if high_close else ""
        )
        now = stability_bound(iv["weight"], group) if group else _importance(intervals[cid].importance)
        table.add_row(
            cid,
            now,
            span,
            _text(names.get(iv["below"], iv["below"]) if iv["below"] else "—"),
            _text(names.get(iv["above"], iv["above"]) if iv["above"] else "—"),
        )
    if group:
        note = (
            "Each criterion's share of the group's weight moved alone, the others rescaled in proportion. "
            "'—': no other model takes over at that end. (close): within 2.5 points of a change of winner."
        )
    else:
        note = (
            "Others held as stated; importances run 0-5, a bound beyond 5 is marked. '—': no other model takes "
            "over at that end. (close): within half a point of a change of winner."
        )
    return Group(_text(stability_sentence(data, names, top)), fit(table), _note(note))


if TYPE_CHECKING:
    from mcstrat.analyses.potential import Potential
    from mcstrat.analyses.whynot import WhyNot


def whynot_view(found: WhyNot, analysis: Analysis) -> Group:
    """Why not a model: where it ranks, what costs it most, the needed weights."""
    from mcstrat.report.formats import whynot_data, whynot_rows, whynot_sentences

    data = whynot_data(found, analysis)
    names = {**data["names"], data["model"]: data["name"]}
    labels = {c.id: c.label for c in analysis.catalog.criteria}
    parts: list[RenderableType] = [_text(f"Why not {data['name']}?", style="bold")]
    parts += [_text(line) for line in whynot_sentences(data, names, labels)]
    table = _table(title="Weights now and needed, and points against the winner", title_justify="left")
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Now", justify="right", no_wrap=True)
    table.add_column("Needed", justify="right", no_wrap=True)
    if data["importances"] is not None:
        table.add_column("Importance", justify="right", no_wrap=True)
    table.add_column("Pts vs winner", justify="right", no_wrap=True)
    for c, now, needed, imp, cost in whynot_rows(data):
        cells: list[RenderableType] = [
            _text(labels.get(c, c)),
            f"{100 * now:.1f}%",
            "—" if needed is None else f"{100 * needed:.1f}%",
        ]
        if data["importances"] is not None:
            text = "—" if imp is None else _importance(Fraction(imp).limit_denominator(1000))
            cells.append(text + (" (beyond 5)" if imp is not None and imp > 5 else ""))
        cells.append(Text(f"{cost:+.1f}", style="red" if cost < 0 else ""))
        table.add_row(*cells)
    parts += [Text(""), fit(table), Text(""), _note(attribution(analysis.catalog))]
    return Group(*parts)


if TYPE_CHECKING:
    from mcstrat.analyses.group import GroupResult


def group_view(group: GroupResult) -> Group:
    """Each stakeholder's own top model and where they disagree."""
    from mcstrat.sanitize import terminal

    names = {r.model.id: r.model.name for r in group.result.ranking}
    top_ids = [r.model.id for r in group.result.top]
    table = _table(title="Stakeholders", title_justify="left")
    table.add_column("Stakeholder", max_width=22)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Their top model", max_width=28)
    table.add_column("Their rank of the group's top", justify="right", max_width=14)
    table.add_column("Their score for the group's top", justify="right", max_width=16)
    for view in group.stakeholders:
        table.add_row(
            _text(view.name),
            _pct(view.share),
            _text(", ".join(names.get(t, t) for t in view.top)),
            ", ".join(str(view.group_top_ranks[t]) for t in top_ids if t in view.group_top_ranks),
            ", ".join(f"{float(view.group_top_scores[t]):.1f}" for t in top_ids if t in view.group_top_scores),
        )
    parts: list[RenderableType] = [fit(table)]
    agreement = group.agreement
    if agreement.summary is not None and agreement.mean_tau is not None:
        summary = agreement.summary
        extremes = "; ".join(
            f"{label} {terminal(p.a)} / {terminal(p.b)} {format(p.tau or 0.0, '.2f')}"
            for label, p in (("most:", summary.most_agreeing[0]), ("least:", summary.least_agreeing[0]))
        )
        parts.append(
            _note(
                f"Rank agreement (Kendall's tau-b; 1 = same order, -1 = reversed) over {summary.count:,} pairs: "
                f"mean {agreement.mean_tau:.2f}, min {format(summary.min_tau or 0.0, '.2f')}; {extremes}."
            )
        )
    elif agreement.mean_tau is not None:
        parts.append(
            _note(
                f"Rank agreement (Kendall's tau-b; 1 = same order, -1 = reversed): mean {agreement.mean_tau:.2f}; "
                + "; ".join(
                    f"{p.a} / {p.b} {'n/a' if p.tau is None else format(p.tau, '.2f')}" for p in agreement.pairs
                )
                + "."
            )
        )
    wide = [c for c in agreement.criteria if c.range > 0][:3]
    if wide:
        parts.append(
            Text(
                "Most disputed effective weights: "
                + "; ".join(f"{terminal(c.criterion)} ({_spread(c.effective_weights)})" for c in wide),
                style="yellow",
            )
        )
    return Group(*parts)


def _spread(values: dict[str, Fraction], listed: int = 4) -> str:
    """Each stakeholder's share, or the lowest and highest for a large group."""
    from mcstrat.sanitize import terminal

    if len(values) <= listed:
        return ", ".join(f"{terminal(n)} {_pct(v)}" for n, v in values.items())
    low = min(values, key=lambda n: values[n])
    high = max(values, key=lambda n: values[n])
    return f"from {_pct(values[low])} ({terminal(low)}) to {_pct(values[high])} ({terminal(high)})"


# -- saved copies of the terminal view (--export-html, --export-svg) ----------------------

EXPORT_WIDTH = 80
_EXPORT_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{ color: {{foreground}}; background-color: {{background}}; margin: 1rem; }}}}
pre {{{{ overflow-x: auto; font-family: Menlo, 'DejaVu Sans Mono', consolas, 'Courier New', monospace; }}}}
code {{{{ font-family: inherit; }}}}
</style>
</head>
<body>
<pre><code>{{code}}</code></pre>
</body>
</html>
"""


def export_title(analysis: Analysis) -> str:
    """'mcstrat recommend: Institutional business unit' (the top model or models, tied ones joined),
    at most 70 characters, so the SVG's window title stays inside its frame."""
    return sanitize.clip("mcstrat recommend: " + " = ".join(r.model.name for r in analysis.result.top), 70)


def _recorded(view: RenderableType) -> Console:
    import io

    console = Console(
        record=True, file=io.StringIO(), width=EXPORT_WIDTH, color_system="truecolor", force_terminal=True
    )
    console.print(view)
    return console


def export_html(view: RenderableType, title: str) -> str:
    """VIEW as the terminal shows it at 80 columns, as an HTML page titled TITLE (user text made safe)."""
    heading = sanitize.html(sanitize.terminal(title)).replace("{", "&#123;").replace("}", "&#125;")
    page = _EXPORT_HTML.format(title=heading)
    return _recorded(view).export_html(inline_styles=True, clear=False, code_format=page)


def export_svg(view: RenderableType, title: str) -> str:
    """VIEW as the terminal shows it at 80 columns, as an SVG image titled TITLE."""
    return _recorded(view).export_svg(title=sanitize.terminal(title), clear=False)

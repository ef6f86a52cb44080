"""The decision record's charts, drawn by matplotlib as SVG for inlining in one HTML file.

matplotlib is imported here, inside `svg`, and nowhere else: only writing an HTML or PDF
record pays for it. The object-oriented API (Figure + the SVG canvas) is used, not pyplot,
so no GUI backend or global figure state is involved.

Output is byte-stable for a given matplotlib release: `svg.hashsalt` fixes the ids (salted
with the chart's key, so ids stay unique when several charts share one page), the file date
is left out, and text stays text (`svg.fonttype: none`), so it is selectable and searchable
in the HTML and the PDF. Every label passes `sanitize.chart`, which escapes `$` so a model
called "$5 MOOC" is never typeset as mathematics; TeX is never used. The SVG keeps its
viewBox and loses its fixed size, so it scales to the width of the page.

Every figure is exactly WIDTH wide: matplotlib's constrained layout fits the labels and the
legend (placed outside the axes, below) inside the figure, rather than a tight bounding box
growing the figure around them. So on a 360 px phone, where the page gives a chart about 330 px,
text of N points is drawn about N px high (11 px for labels); the page caps charts near their
natural size on a desktop (28rem) and at 12 cm in print, so they never tower over the text.
"""

from __future__ import annotations

import contextlib
import re
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from mcstrat import sanitize

if TYPE_CHECKING:
    from mcstrat.report.document import Bars, Chart, Grid, Intervals

WIDTH = 4.6  # inches: 331 pt, about the width of a 360 px phone, so 11 pt text stays 11 px there
FONT = 11
#: Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CATEGORICAL = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#555555")
INK = "#222222"
_ID = re.compile(r'(\bid="|url\(#|href="#)([^"#)]+)')
#: A comment or a tag: the SVG's markup. Text between tags (labels) holds no '<' (escaped as &lt;),
#: nor do attribute values or comments hold '>', so this never reaches into a label.
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
#: The RDF block matplotlib writes (its type and namespaces as web addresses): nothing a reader sees.
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)


def _label(text: str, width: int = 26) -> str:
    """A tick label: sanitised, wrapped onto lines of at most WIDTH characters."""
    return "\n".join(textwrap.wrap(sanitize.chart(text), width)) or " "


def _column(text: str, lines: int) -> str:
    """An upright column label on at most LINES lines: wrapped at 12 characters or more, else cut with an ellipsis."""
    clean = sanitize.chart(text)
    for width in (12, 16, 20, 24, 30):
        wrapped = textwrap.wrap(clean, width)
        if len(wrapped) <= lines:
            return "\n".join(wrapped) or " "
    wrapped = textwrap.wrap(clean, 30)  # the table under the chart carries the whole name
    tail = " ".join(wrapped[lines - 1 :])
    # cut in the middle: names that share a long start ("Member of the board, number 1", "... 12")
    # keep the ends that tell them apart
    return "\n".join(
        [*wrapped[: lines - 1], tail if len(tail) <= 30 else tail[:14].rstrip() + "…" + tail[-15:].lstrip()]
    )


def _rc(key: str) -> Any:  # matplotlib types the keys as a Literal union
    return {
        "svg.hashsalt": f"mcstrat-{key}",
        "svg.fonttype": "none",
        "text.usetex": False,
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
        "font.size": FONT,
        "axes.edgecolor": "#888888",
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "path.simplify": False,
    }


def load() -> None:
    """Import what drawing needs (matplotlib's Figure and SVG canvas), so a record can load it ahead of time."""
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401 (loaded, not used here)


@contextlib.contextmanager
def drawn(chart: Chart) -> Iterator[Any]:
    """CHART drawn on a matplotlib Figure in mcstrat's style, which holds while the block runs."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    from mcstrat.report.document import Bars, Grid

    with matplotlib.rc_context(_rc(chart.key)):
        fig = Figure(figsize=(WIDTH, 3.0), layout="constrained")
        FigureCanvasSVG(fig)
        if isinstance(chart.plot, Bars):
            _bars(fig, chart.plot)
        elif isinstance(chart.plot, Grid):
            _grid(fig, chart.plot)
        else:
            _intervals(fig, chart.plot)
        yield fig


def svg(chart: Chart) -> str:
    """CHART as an SVG element to inline in HTML (no XML prolog, no fixed size)."""
    import io

    out = io.StringIO()
    with drawn(chart) as fig:
        fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    text = _METADATA.sub("", text[text.index("<svg") :])
    # matplotlib numbers its ids per figure (figure_1, axes_1): prefix them so that several
    # charts inlined in one page never share an id or point at each other's clip paths; in tags
    # only, never in comments or text, where a label may read 'id="alpha"'
    prefix = "c-" + re.sub(r"[^A-Za-z0-9_-]", "-", chart.key) + "-"

    def prefixed(tag: re.Match[str]) -> str:
        markup = tag[0]
        return markup if markup.startswith("<!--") else _ID.sub(lambda m: m[1] + prefix + m[2], markup)

    text = _MARKUP.sub(prefixed, text)
    return _SIZE.sub(r'<svg\1 class="chart" preserveAspectRatio="xMinYMin meet"', text, count=1).strip()


LINE = FONT * 1.3 / 72  # inches: one line of text
#: characters per line of a legend entry: two columns of swatch and text fit WIDTH at FONT - 1
LEGEND_WRAP = 18


def _height(rows: Sequence[str], axis: str, legend: Sequence[str] = ()) -> float:
    """Inches the figure needs: evenly spaced rows (bars or grid rows) as tall as the tallest label,
    the x axis with its wrapped title, and a two-column legend of LEGEND's wrapped entries below.

    The figure is always WIDTH wide (constrained layout fits everything inside it), so its
    height must grow with the text, or the rows would be squeezed.
    """
    lines = [label.count("\n") + 1 for label in legend]
    pairs = [max(lines[k : k + 2]) for k in range(0, len(lines), 2)]
    return (
        max(len(rows), 1) * max([0.4, *((label.count("\n") + 1) * LINE + 0.08 for label in rows)])
        + 0.3 + (axis.count("\n") + 1) * LINE
        + sum(p * LINE + 0.06 for p in pairs) + (0.1 if pairs else 0)
    )  # fmt: skip


def _bars(fig: Any, plot: Bars) -> None:
    n = len(plot.rows)
    rows, axis, names = (
        [_label(r, 18) for r in plot.rows],
        _label(plot.axis, 36),
        [_label(s, LEGEND_WRAP) for s in plot.segments],
    )
    fig.set_size_inches(WIDTH, _height(rows, axis, names))
    ax = fig.add_subplot()
    colours: list[Any]
    if plot.sequential:
        from matplotlib import colormaps

        blues = colormaps["Blues"]
        count = max(len(plot.segments), 1)
        colours = [blues(0.9 - 0.65 * k / max(count - 1, 1)) for k in range(count)]
    else:
        colours = [CATEGORICAL[k % len(CATEGORICAL)] for k in range(len(plot.segments))]
    ys = list(range(n))
    left = [0.0] * n
    for k, name in enumerate(names):
        widths = [row[k] for row in plot.values]
        ax.barh(
            ys,
            widths,
            left=left,
            height=0.66,
            color=colours[k],
            label=name,
            edgecolor="white",
            linewidth=0.6,
        )
        left = [a + b for a, b in zip(left, widths)]
    for y, total, end in zip(ys, plot.totals, left):
        ax.text(
            min(end, plot.limit) + plot.limit * 0.01,
            y,
            sanitize.chart(total),
            va="center",
            fontsize=FONT - 1,
            color=INK,
        )
    ax.set_yticks(ys, rows)
    ax.invert_yaxis()
    ax.set_xlim(0, plot.limit * 1.12)
    ax.set_xlabel(axis)
    ax.tick_params(axis="y", length=0)
    if ax.get_legend_handles_labels()[0]:  # none when no segment has a bar (every score 0)
        fig.legend(loc="outside lower center", ncol=2, frameon=False, fontsize=FONT - 1)


def _intervals(fig: Any, plot: Intervals) -> None:
    n = len(plot.rows)
    rows, axis = [_label(r, 18) for r in plot.rows], _label(plot.axis, 36)
    fig.set_size_inches(WIDTH, _height(rows, axis, ["as stated", "stays first"]))
    ax = fig.add_subplot()
    # the axis is the scale the priorities were stated on (0-5, 0-100 points, 0-100%), no further: a range
    # that runs past its end ends in an arrow (the table under the chart gives the figure)
    limit = max([plot.limit, *plot.stated])
    right = limit * 1.04
    for y, (low, high, stated) in enumerate(zip(plot.lows, plot.highs, plot.stated)):
        end = limit if high is None else min(high, limit)
        ax.barh(y, end - low, left=low, height=0.5, color="#9ecae1", edgecolor="#3182bd", linewidth=0.8)
        if high is None or high > limit:
            ax.annotate(
                "", xy=(right, y), xytext=(limit - limit * 0.04, y), arrowprops={"arrowstyle": "->", "color": "#3182bd"}
            )
        ax.plot([stated], [y], marker="D", color=INK, markersize=6, linestyle="none")
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="D", color=INK, linestyle="none", label="as stated"),
        Patch(facecolor="#9ecae1", edgecolor="#3182bd", label="stays first"),
    ]
    ax.set_yticks(list(range(n)), rows)
    ax.invert_yaxis()
    ax.set_xlim(0, right)
    ax.set_xlabel(axis)
    ax.tick_params(axis="y", length=0)
    fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False, fontsize=FONT - 1)


def _grid(fig: Any, plot: Grid) -> None:
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    n, m = len(plot.rows), len(plot.columns)
    # column labels stand upright above their columns; neighbours sit one column width apart,
    # so a label wraps onto only as many lines as fit across a column (about 70% of the width
    # is grid, the rest row labels); the figure grows by the tallest label, so the rows keep
    # their height ("Autonomy" and a two-line "Speed to / market" drew over each other at 360 px)
    room = 0.7 * WIDTH * 72 / max(m, 1)
    lines = max(1, int(room // (FONT * 1.6)))
    columns = [_column(c, lines) for c in plot.columns]
    tallest = max((len(line) for label in columns for line in label.split("\n")), default=1)
    rows, axis = [_label(r, 18) for r in plot.rows], _label(plot.legend, 36)
    fig.set_size_inches(WIDTH, _height(rows, axis) + tallest * FONT * 0.62 / 72)
    ax = fig.add_subplot()
    cmap = colormaps["YlGnBu"]
    for i, (values, texts) in enumerate(zip(plot.values, plot.texts)):
        for j, (value, text) in enumerate(zip(values, texts)):
            fill = "#f2f2f2" if value is None else cmap(0.08 + 0.8 * value)
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=fill, edgecolor="white", linewidth=1.5))
            dark = value is not None and value > 0.55
            shown = sanitize.chart(text).replace("/", "/\n")  # a ranged rating on two lines fits its cell
            ax.text(
                j + 0.5,
                i + 0.5,
                shown,
                ha="center",
                va="center",
                fontsize=FONT - 2,
                linespacing=1.0,
                color="white" if dark else INK,
            )
    ax.set_xlim(0, m)
    ax.set_ylim(n, 0)
    ax.set_yticks([i + 0.5 for i in range(n)], rows)
    ax.set_xticks([j + 0.5 for j in range(m)], columns, rotation=90, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(axis, fontsize=FONT - 1)

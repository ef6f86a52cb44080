"""The record's charts: matplotlib SVG that is byte-stable, scalable, selectable and never mathtext."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("matplotlib")

from mcstrat.report.document import Bars, Chart, Grid, Intervals
from mcstrat.report.writers.charts import svg

BARS = Chart(
    title="Scores",
    alt="scores",
    plot=Bars(
        rows=("$5 MOOC $ plan", "<b>Alpha</b> & co"),
        segments=("Gain", "Pain"),
        values=((40.0, 30.0), (20.0, 10.0)),
        axis="Score (0-100)",
        limit=100.0,
        totals=("70.0", "30.0"),
    ),
    key="scores",
)
INTERVALS = Chart(
    title="Stability",
    alt="stability",
    plot=Intervals(
        rows=("Gain", "Pain"), lows=(0.5, 0.0), highs=(None, 3.25), stated=(2.0, 1.0), limit=5.0, axis="Importance"
    ),
    key="stability",
)
GRID = Chart(
    title="Ratings",
    alt="ratings",
    plot=Grid(
        rows=("Alpha", "Beta"),
        columns=("Gain", "Horizon"),
        values=((1.0, None), (0.0, 0.5)),
        texts=(("HIGH", "H2/H3"), ("LOW", "H1")),
        legend="Utility",
    ),
    key="ratings",
)


@pytest.mark.parametrize("chart", [BARS, INTERVALS, GRID], ids=["bars", "intervals", "grid"])
def test_svg_is_inline_ready_scalable_and_byte_stable(chart: Chart) -> None:
    first, second = svg(chart), svg(chart)
    assert first == second
    assert first.startswith("<svg") and "<?xml" not in first and "DOCTYPE" not in first
    head = first[: first.index(">")]
    assert "viewBox=" in head and " width=" not in head and " height=" not in head
    assert 'class="chart"' in head
    assert "<dc:date>" not in first  # no timestamp
    assert "<image" not in first and 'xlink:href="data:' not in first  # vector only, nothing fetched


def test_text_stays_text_and_dollars_are_not_mathtext() -> None:
    drawn = svg(BARS)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", drawn)
    joined = " ".join(texts)
    assert "$5 MOOC $ plan" in joined  # the dollars kept as typed, not typeset as mathematics
    assert "&lt;b&gt;Alpha&lt;/b&gt; &amp; co" in joined  # escaped by the SVG writer
    assert "<b>" not in drawn
    assert "Gain" in joined and "70.0" in joined


def test_ids_differ_between_charts_on_one_page() -> None:
    ids = [set(re.findall(r'id="([^"]+)"', svg(c))) for c in (BARS, INTERVALS, GRID)]
    assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])


def test_upright_column_labels_are_wrapped_only_as_far_as_they_fit() -> None:
    """Eight criteria: one line each (two-line 'Speed to / market' drew over 'Autonomy'); two columns: wrapped."""
    from mcstrat.report.writers.charts import _column

    labels = ("Effort", "Horizon", "Risk", "Autonomy", "Speed to market", "Cost", "Impact", "Return on investment")
    grid = Chart(
        title="Ratings",
        alt="ratings",
        plot=Grid(rows=("A",), columns=labels, values=((0.5,) * 8,), texts=(("MED",) * 8,), legend="Utility"),
        key="ratings",
    )
    drawn = svg(grid)
    assert ">Speed to market<" in drawn and ">Return on investment<" in drawn
    assert _column("Speed to market", 2) == "Speed to\nmarket"
    # cut in the middle, so names sharing a long start stay apart; the table under the chart has them whole
    assert _column("Member of the academic board with a long title, number 12", 1) == "Member of the…itle, number 12"
    assert _column("Member of the academic board with a long title, number 1", 1) == "Member of the…title, number 1"


@pytest.mark.parametrize("chart", [BARS, INTERVALS, GRID], ids=["bars", "intervals", "grid"])
def test_every_chart_is_exactly_the_design_width_so_phones_draw_text_at_its_size(chart: Chart) -> None:
    # labels and legend are laid out inside the figure, never grown around it: at 360 px a chart
    # gets about 330 px, so 11-point labels stay about 11 px high (a grown figure shrank them)
    from mcstrat.report.writers.charts import WIDTH

    box = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg(chart))
    assert box is not None
    assert float(box.group(1)) == pytest.approx(WIDTH * 72)


def test_many_legend_entries_and_long_labels_still_fit_inside_the_figure() -> None:
    # eight segments make a four-row legend below the axes; the figure grows taller, not wider
    from mcstrat.report.writers.charts import WIDTH

    segments = ("Effort", "Horizon", "Risk", "Autonomy", "Speed to market", "Cost", "Impact", "Return on investment")
    wide = Chart(
        title="Scores",
        alt="scores",
        plot=Bars(
            rows=("Professional body led or partnership", "Institutional business unit"),
            segments=segments,
            values=((5.0,) * 8, (4.0,) * 8),
            axis="Score (0-100)",
            limit=100.0,
            totals=("40.0", "32.0"),
        ),
        key="wide",
    )
    box = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg(wide))
    few = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg(BARS))
    assert box is not None and few is not None
    assert float(box.group(1)) == pytest.approx(WIDTH * 72)
    assert float(box.group(2)) > float(few.group(2))


LONG = "Long name of a criterion that a custom models file might well use"


@pytest.mark.parametrize(
    "chart",
    [
        Chart(
            title="Scores",
            alt="scores",
            plot=Bars(
                rows=(LONG, "Institutional business unit"),
                segments=(LONG, "Alignment with employers", "Academic staff workload", "Return on investment"),
                values=((10.0, 20.0, 30.0, 5.0), (1.0, 2.0, 3.0, 4.0)),
                axis="A rather long axis title that explains the score scale in a full sentence",
                limit=100.0,
                totals=("65.0", "10.0"),
            ),
            key="long-bars",
        ),
        Chart(
            title="Stability",
            alt="stability",
            plot=Intervals(
                rows=(LONG, "Pain"),
                lows=(0.0, 1.0),
                highs=(None, 2.0),
                stated=(1.0, 1.5),
                limit=5.0,
                axis="Share of the group's weight within which the top model stays first, in per cent",
            ),
            key="long-intervals",
        ),
        Chart(
            title="Ratings",
            alt="ratings",
            plot=Grid(
                rows=(LONG, "Beta"),
                columns=("Effort", LONG, "Speed to market", "Return on investment", "Cost", "Impact"),
                values=((1.0, None, 0.5, 0.0, 1.0, 0.5), (0.0, 0.5, 1.0, None, 0.0, 1.0)),
                texts=(("HIGH", "H2/H3", "MED", "LOW", "LOW/MED", "HIGH"), ("LOW", "H1", "MED", "LOW", "MED", "HIGH")),
                legend="Utility: 0 worst, 1 best (uncoloured: needs a target)",
            ),
            key="long-grid",
        ),
    ],
    ids=["bars", "intervals", "grid"],
)
def test_no_text_is_cut_off_at_the_edges_of_the_figure(chart: Chart) -> None:
    # the compare record's grid once lost the end of "(uncoloured: needs a target)" past the right edge
    from matplotlib.text import Text

    from mcstrat.report.writers.charts import drawn

    with drawn(chart) as fig:
        fig.draw_without_rendering()  # lays the figure out, as saving it does
        page = fig.bbox
        hidden = set()  # labels of ticks outside the axes' limits, which are not drawn
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                lo, hi = sorted(axis.get_view_interval())
                for tick in axis.get_major_ticks():
                    if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                        hidden |= {id(tick.label1), id(tick.label2)}
        shown = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
        assert len(shown) > 5
        for text in shown:
            box = text.get_window_extent()
            assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, text.get_text()
            assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, text.get_text()
        for legend in fig.legends:  # its swatches too: two long entries side by side once ran off both edges
            box = legend.get_window_extent()
            assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1


@pytest.mark.parametrize(
    "plot",
    [
        Bars(rows=(), segments=("Gain",), values=(), axis="Score", limit=100.0, totals=()),
        Intervals(rows=(), lows=(), highs=(), stated=(), limit=5.0, axis="Weight"),
        Bars(rows=("A", "B"), segments=(), values=((), ()), axis="Score", limit=100.0, totals=("0.0", "0.0")),
    ],
    ids=["no-bars", "no-intervals", "no-segments"],
)
def test_a_chart_with_nothing_to_draw_is_still_drawn(plot: Bars | Intervals) -> None:
    # no rows, or no segment to put in a legend (every score 0): a figure, no error or warning
    drawn = svg(Chart(title="t", alt="a", plot=plot, key="empty"))
    assert drawn.startswith("<svg")


def test_ids_are_prefixed_in_the_markup_and_never_in_label_text() -> None:
    # a model named with SVG's own syntax: the old prefixing rewrote it into 'id="c-scores-alpha"'
    named = Chart(
        title="Scores",
        alt="scores",
        plot=Bars(
            rows=('Model id="alpha"', "Beta url(#alpha)", 'C href="#alpha"'),
            segments=('Gain id="alpha"',),
            values=((1.0,), (2.0,), (3.0,)),
            axis="Score",
            limit=10.0,
            totals=("1", "2", "3"),
        ),
        key="scores",
    )
    drawn = svg(named)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", drawn)
    for label in ('Model id="alpha"', "Beta url(#alpha)", 'C href="#alpha"', 'Gain id="alpha"'):
        assert label in texts, texts
    assert "c-scores-alpha" not in drawn
    tags = " ".join(re.findall(r"<[^>]+>", drawn))  # the markup alone
    ids = re.findall(r'\bid="([^"]*)"', tags)
    refs = [a or b for a, b in re.findall(r'url\(#([^)]*)\)|href="#([^"]*)"', tags)]
    assert ids and refs and all(name.startswith("c-scores-") for name in ids + refs)
    assert set(refs) <= set(ids)  # every reference still points at an element of this chart

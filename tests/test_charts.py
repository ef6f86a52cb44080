"""The record's charts: matplotlib SVG that is byte-stable, scalable, selectable and never mathtext."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("matplotlib")

from mcstrat.charts import svg
from mcstrat.record import Bars, Chart, Grid, Intervals

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
    from mcstrat.charts import _column

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
    from mcstrat.charts import WIDTH

    box = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg(chart))
    assert box is not None
    assert float(box.group(1)) == pytest.approx(WIDTH * 72)


def test_many_legend_entries_and_long_labels_still_fit_inside_the_figure() -> None:
    # eight segments make a four-row legend below the axes; the figure grows taller, not wider
    from mcstrat.charts import WIDTH

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

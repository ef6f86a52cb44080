"""The HTML writer (report/writers/html.py), on a record: one self-contained page, every user text escaped, the summary marked for page 1."""

from __future__ import annotations

import re

import pytest

from mcstrat.report.document import (
    Bars,
    Cell,
    Chart,
    Column,
    Document,
    Heading,
    Items,
    Link,
    Paragraph,
    Section,
    Strong,
    Table,
)
from mcstrat.report.writers.html import to_html


def table(headers: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...], numeric: tuple[int, ...] = ()) -> Table:
    return Table(tuple(Column(h, numeric=i in numeric) for i, h in enumerate(headers)), rows)


CHART = Chart(
    title="Scores <b>",
    alt='Alpha "wins"',
    plot=Bars(rows=("A",), segments=("x",), values=((1.0,),), axis="a", limit=1.0),
    key="scores",
)
SVG = '<svg viewBox="0 0 10 10" class="chart"><text>A</text></svg>'


def page(name: str = "Alpha") -> str:
    doc = Document(
        "Decision record",
        name,
        ("Date: 2025-01-01", f"For: {name}"),
        (
            Section(
                "Summary",
                "summary",
                (Paragraph((Strong(f"Recommendation: {name}."), " It wins.")), Items(((f"check {name}",),), True)),
                summary=True,
            ),
            Section(
                "Scores",
                "scores",
                (
                    CHART,
                    Heading(f"About {name}"),
                    table(("Model", "Score", "a", "b", "c", "d"), ((name, "1.0", "", "", "", Strong("x")),), (1,)),
                    table(("Model", "Score"), ((name, "2.0"),), (1,)),
                ),
            ),
        ),
    )
    return to_html(doc, {"scores": SVG})


def test_one_page_with_a_title_and_nothing_to_fetch() -> None:
    html = page()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Decision record: Alpha</title>" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    for fetches in ("<script", "<link", "<img", "<iframe", "@import", "url(http", " src=", "<object"):
        assert fetches not in html


def test_summary_is_marked_to_print_alone_on_page_one_and_charts_never_split() -> None:
    html = page()
    assert '<section id="summary" class="summary">' in html
    style = html[html.index("<style>") : html.index("</style>")]
    assert re.search(r"@media print \{.*\.summary \{[^}]*break-after: page", style, re.S)
    assert re.search(r"figure \{[^}]*break-inside: avoid", style)


def test_chart_is_inlined_in_a_figure_with_its_description() -> None:
    html = page()
    assert (
        '<figure id="chart-scores" class="beside"><figcaption>Figure 1. Scores &lt;b&gt;</figcaption>'
        '<svg role="img" aria-label="Alpha &quot;wins&quot;" viewBox="0 0 10 10" class="chart">'
    ) in html
    assert '<p class="alt">Alpha &quot;wins&quot;</p></figure>' in html


def test_tables_stack_on_narrow_screens_with_labelled_cells() -> None:
    html = page()
    assert html.count('<table class="data">') == 2  # short words: both fit any phone as tables
    assert '<td data-label="Score" class="num">1.0</td>' in html
    assert '<td data-label="d"><strong>x</strong></td>' in html


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "a\u202ebc", "x' onmouseover='y"],
)
def test_user_text_is_escaped_in_text_and_attributes(name: str) -> None:
    html = page(name)
    assert name not in html
    assert "<script>" not in html and "<img" not in html and "\u202e" not in html
    assert "onmouseover='" not in html


def test_same_document_same_bytes() -> None:
    assert page() == page()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://doi.org/10.5334/jime.801", '<a href="https://doi.org/10.5334/jime.801">source</a>'),
        ("javascript:alert(1)", "<p>See source</p>"),
        ('https://x.org/"onmouseover="y', '<a href="https://x.org/%22onmouseover=%22y">source</a>'),  # encoded
    ],
)
def test_only_plain_web_addresses_are_linked(url: str, expected: str) -> None:
    doc = Document("t", "", (), (Section("S", "s", (Paragraph(("See ", Link("source", url))),)),))
    html = to_html(doc, {})
    assert expected in html
    assert ("<a " in html) == expected.startswith("<a ")


@pytest.mark.parametrize(
    ("headers", "cell", "expected"),
    [
        (("a", "b"), "x" * 80, "wide"),  # two columns never stack (but never print beside a chart)
        (("Model", "Score", "Rank"), "Alpha", ""),  # fits the narrowest phone
        (("Model", "Score", "Rank", "Weight"), "Institutional", "stack-40"),  # 4 x 13 letters: about 37rem
        # too wide to print beside a chart as well: "wide"
        (tuple(f"Stakeholder{i}" for i in range(6)), "1.0", "stack-52 wide"),
        (tuple(f"Stakeholder{i}" for i in range(14)), "1.0", "stack-all wide"),  # wider than the page itself
    ],
)
def test_a_table_stacks_below_the_width_its_longest_words_need(
    headers: tuple[str, ...], cell: str, expected: str
) -> None:
    doc = Document("t", "", (), (Section("S", "s", (table(headers, ((cell,) * len(headers),)),)),))
    html = to_html(doc, {})
    assert f'<table class="data{" " + expected if expected else ""}">' in html
    if expected.startswith("stack"):
        assert f"table.{expected.split()[0]} td::before {{ content: attr(data-label)" in html


@pytest.mark.parametrize(
    ("headers", "numeric", "expected"),
    [
        # eight figures a row: a compact list (the header once, each row's figures on a line), not cards
        (("Model", *(f"#{i}" for i in range(1, 8)), "Confidence"), tuple(range(1, 9)), "compact-40"),
        # words, not figures: labelled cards are fine
        (("Model", "Never ahead of", "Can come first (your order)", "Can come first (any weights)"), (), "stack-36"),
        # figures headed by long names (a model's) are not repeated in every card
        (("Criterion", "Institutional business unit", "Peer consortium"), (1, 2), "compact-28"),
    ],
)
def test_a_table_of_many_figures_stacks_as_a_compact_list(
    headers: tuple[str, ...], numeric: tuple[int, ...], expected: str
) -> None:
    from mcstrat.report.writers.html import STYLE

    row = tuple("12%" if i in numeric else "Sole institution" for i in range(len(headers)))
    doc = Document("t", "", (), (Section("S", "s", (table(headers, (row,), numeric),)),))
    assert f'<table class="data {expected}">' in to_html(doc, {})
    if expected.startswith("compact"):
        rules = STYLE.split(f"table.{expected}, table.{expected} thead")[1]
        assert "td::before" not in rules.split("}\n}")[0].replace(":not(:nth-child(2))::before", "")


def test_a_chart_prints_beside_what_follows_it_unless_a_wide_table_does() -> None:
    from mcstrat.report.document import Bars, Chart

    chart = Chart("c", "alt", Bars(("a",), ("s",), ((1.0,),), "x", 1.0), key="c")
    wide = table(tuple(f"Stakeholder{i}" for i in range(6)), (("1.0",) * 6,))
    narrow = table(("Model", "Score"), (("Alpha", "1.0"),))
    for after, place in ((wide, "alone"), (narrow, "beside"), (Paragraph(("text",)), "beside")):
        doc = Document("t", "", (), (Section("S", "s", (chart, after)),))
        assert f'<figure id="chart-c" class="{place}">' in to_html(doc, {"c": "<svg></svg>"})


def test_each_breakpoint_is_a_media_query_and_the_widest_tables_always_stack() -> None:
    from mcstrat.report.writers.html import BREAKPOINTS, STYLE

    for bp in BREAKPOINTS:
        assert f"@media screen and (max-width: {bp}rem) {{\n  table.stack-{bp} thead {{ display: none; }}" in STYLE
    assert "\ntable.stack-all thead { display: none; }" in STYLE  # outside any media query: paper too

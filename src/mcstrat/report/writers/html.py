"""The HTML writer: a Document as one self-contained page, for screens from 360 px up and for print.

`to_html` is a pure function of a Document and its charts' SVG: the same inputs give the same
bytes. The page fetches nothing: no scripts, no external styles, fonts or images; charts are
inline SVG (from `charts.svg`) that scale to the width of the page. Tables fit the page
rather than scroll: on narrow screens (and wide tables on mid-size ones) each row becomes a
block of "header: value" lines. Printing gives the summary alone on page 1 and never splits a
chart across pages; the page size is left to the printer (A4 or Letter). Every user text
passes `sanitize.html`.
"""

from __future__ import annotations

from collections.abc import Mapping

from mcstrat import sanitize
from mcstrat.report.document import (
    Block,
    Cell,
    Chart,
    Definitions,
    Document,
    Heading,
    Heat,
    Inline,
    Items,
    Link,
    Meter,
    Note,
    Num,
    Paragraph,
    Run,
    Strong,
    Table,
    Toned,
    plain,
    runs,
)

#: A table fits the page rather than scroll. Its narrowest width is estimated from its longest
#: words (a cell wraps only between words): below that screen width (plus the page's margins)
#: each row becomes a block of "header: value" lines, a "stacked" table. The estimate uses a
#: generous character width, so a table stacks a little early rather than overflow late.
#: Screen widths in rem at which stacking may start (one CSS class each); a table needing more
#: than the page's widest column (main is 60rem) always stacks, on paper too.
BREAKPOINTS = (24, 28, 32, 36, 40, 44, 48, 52, 56, 60)
ALWAYS = "stack-all"
COMPACT = "compact-all"
#: A table with more numeric columns than this becomes a compact list, not cards, when it must stack.
FIGURES = 3
#: A figure's column header longer than this (characters) is not repeated in every card: the table becomes a
#: compact list.
LONG_HEADER = 20
CHAR = 0.58  # em per character, bold headers included
CELL = 1.1  # em of padding per cell
TABLE_FONT = 0.92  # the tables' font size, in rem
PAGE_MARGIN = 2.5  # rem: the page's padding either side (at most 2.5rem)
NUM = ' class="num"'

_STYLE = """
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --accent: #0b5cad; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem clamp(0.75rem, 4vw, 2.5rem) 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
p, ul { margin: 0.5rem 0; }
ul { padding-left: 1.4rem; }
a { color: var(--accent); }
.byline { color: var(--muted); margin: 0 0 1rem; }
p.note { color: var(--muted); font-size: 0.92rem; }
.warn { color: #8a4b00; font-weight: 600; }
.good { color: #1a7f37; }
.bad { color: #b42318; }
dl.glossary dt { font-weight: 600; margin-top: 0.4rem; }
dl.glossary dd { margin: 0 0 0 1.2rem; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
.byline span { display: inline-block; margin-right: 1rem; }
.summary { border: 1px solid var(--rule); border-left: 4px solid var(--accent); border-radius: 4px;
  padding: 0.25rem 1rem 0.75rem; background: #f6f8fa; }
.summary h2 { margin-top: 0.75rem; }
.summary > p:first-of-type { font-size: 1.15rem; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { position: relative; padding-left: 1.6rem; margin: 0.3rem 0; }
ul.checklist li::before { content: ""; position: absolute; left: 0.15rem; top: 0.3rem; width: 0.85rem;
  height: 0.85rem; border: 1.5px solid var(--muted); border-radius: 2px; }
figure { margin: 1rem 0; padding: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
figure .alt { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 28rem; }
.summary svg.chart { max-width: 24rem; }
table.data { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid var(--rule); }
table.data thead th { border-bottom: 2px solid var(--muted); }
table.data td { overflow-wrap: break-word; }
table.data.breakable td { overflow-wrap: anywhere; }
table.data th { overflow-wrap: break-word; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
@@stack@@
@page { margin: 10mm 11mm; }
@media print {
  body { font-size: 8pt; line-height: 1.28; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; margin-top: 0; }
  h2 { font-size: 12pt; margin: 0.6rem 0 0.25rem; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 9.5pt; margin: 0.6rem 0 0.2rem; break-after: avoid; page-break-after: avoid; }
  p, ul { margin: 0.25rem 0; }
  a { color: inherit; }
  /* page 1: the summary alone, its charts beside the sentences that follow them */
  .summary { break-after: page; page-break-after: always; background: none; border: 0; padding: 0; }
  .summary > p:first-of-type { font-size: 10.5pt; }
  .summary p { margin: 0.3rem 0; }
  ul.checklist li { margin: 0.15rem 0; }
  svg.chart { max-width: 100%; }
  figure { margin: 0.3rem 0; }
  figure .alt { display: none; }  /* on paper the caption and the chart say it; the page keeps it for screens */
  p.note { font-size: 7pt; }
  .summary { display: flow-root; }
  .summary figure { width: 9cm; }
  .summary figure.beside { float: right; width: 7.2cm; margin: 0 0 0.3rem 0.7rem; clear: right; }
  /* the evidence: each chart floats right of what follows it (its table, its notes), so a chart and its
     table share the page's width instead of stacking; a section starts below the last one's chart */
  section:not(.summary) { display: flow-root; clear: both; }
  section.open { display: block; }
  section.open + section { clear: none; }
  section:not(.summary) figure.beside { float: right; width: 6.2cm; margin: 0 0 0.3rem 0.6rem; }
  section:not(.summary) figure.alone { width: 8.5cm; }
  section:not(.summary) figcaption { font-size: 8pt; }
  table.data { font-size: 7pt; margin: 0.25rem 0 0.5rem; width: auto; max-width: 100%; }
  table.data.wide { clear: both; width: 100%; }
  #profiles { column-count: 2; column-gap: 1.2rem; }
  #profiles h2 { column-span: all; }
  #profiles h3 { break-after: avoid; margin-top: 0.3rem; }
  #profiles ul { break-inside: avoid; }
  table.data th, table.data td { padding: 0.12rem 0.3rem; }
  table.data tr, ul li { break-inside: avoid; page-break-inside: avoid; }
  table.data thead { display: table-header-group; }
  #appendix { font-size: 7pt; }
  #appendix h2 { font-size: 11pt; }
  dl.glossary { column-count: 4; column-gap: 1rem; }
  dl.glossary dt { break-after: avoid; margin-top: 0.2rem; }
  dl.glossary dd { break-inside: avoid; margin-left: 0.6rem; }
}
"""


def _stacked(cls: str) -> str:
    """The rules that turn table.CLS into one block per row, each cell labelled with its header."""
    t = f"table.{cls}"
    return (
        f"  {t} thead {{ display: none; }}\n"
        f"  {t}, {t} tbody, {t} tr, {t} td {{ display: block; width: 100%; }}\n"
        f"  {t} tr {{ border: 1px solid var(--rule); border-radius: 4px; margin: 0.5rem 0; padding: 0.2rem 0.6rem;"
        " break-inside: avoid; }\n"
        f"  {t} td {{ display: flex; gap: 0.75rem; justify-content: space-between; border: 0; padding: 0.15rem 0;"
        " text-align: right; }\n"
        f"  {t} td::before {{ content: attr(data-label); font-weight: 600; text-align: left; flex: 0 1 50%;"
        " white-space: normal; }\n"
        f"  {t} td:first-child {{ font-weight: 600; text-align: left; }}\n"
        f"  {t} td:first-child::before {{ content: none; }}"
    )


def _compact(cls: str) -> str:
    """The rules that turn table.CLS into a compact list: the column names once, in order, then each row on its
    own lines, its name first and its figures after it in the same order, separated by bars (a table with many
    figures stacked as cards would repeat every label in every card; a dot is a figure of its own: "never")."""
    t = f"table.{cls}"
    return (
        f"  {t}, {t} thead, {t} tbody, {t} tr {{ display: block; width: 100%; }}\n"
        f"  {t} caption {{ display: block; text-align: left; }}\n"
        f"  {t} thead tr {{ color: var(--muted); font-size: 0.85em; padding: 0.2rem 0; border-bottom: 2px solid"
        " var(--muted); }\n"
        f"  {t} th, {t} td {{ display: inline; border: 0; padding: 0; text-align: left; }}\n"
        f"  {t} th + th:not(:nth-child(2))::before, {t} td + td:not(:nth-child(2))::before"
        ' { content: " | "; color: var(--rule); white-space: pre; }\n'
        f'  {t} th:first-child::after {{ content: ": "; }}\n'
        f"  {t} tbody tr {{ padding: 0.25rem 0; border-bottom: 1px solid var(--rule); break-inside: avoid; }}\n"
        f"  {t} td:first-child {{ display: block; font-weight: 600; }}"
    )


STYLE = _STYLE.replace(
    "@@stack@@",
    "\n".join(
        [f"@media screen and (max-width: {bp}rem) {{\n{_stacked(f'stack-{bp}')}\n}}" for bp in BREAKPOINTS]
        + [_stacked(ALWAYS).replace("  table", "table")]
        + [f"@media screen and (max-width: {bp}rem) {{\n{_compact(f'compact-{bp}')}\n}}" for bp in BREAKPOINTS]
        + [_compact(COMPACT).replace("  table", "table")]
    ),
)


def _words(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def needed_width(table: Table) -> float:
    """The narrowest the table can be laid out, in rem: each column as wide as its longest word."""
    total = 0.0
    for i in _shown(table):
        header = table.columns[i].header
        cells = [plain(c) for row in table.rows for c in row[i : i + 1]]
        longest = max([_words(header), *(min(_words(c), 12) if table.breakable else _words(c) for c in cells)])
        total += longest * CHAR + CELL
    return total * TABLE_FONT


def _size(table: Table) -> str:
    """The stacking class of TABLE: the screen width (rem) below which it stacks, or always, or never ("")."""
    need = needed_width(table) + 2 * PAGE_MARGIN
    how = "compact" if _compact_list(table) else "stack"
    screen = next((f"{how}-{bp}" for bp in BREAKPOINTS if need <= bp), f"{how}-all")  # paper is about 58rem
    return "" if len(_shown(table)) <= 2 or need <= BREAKPOINTS[0] else screen


def _compact_list(table: Table) -> bool:
    """Whether TABLE, when it must stack, becomes a compact list rather than cards: when it has more than FIGURES
    figures a row, or its figures are headed by long names (a model's), which cards would repeat in every row."""
    figures = [table.columns[i].header for i in _shown(table) if table.columns[i].numeric]
    return len(figures) > FIGURES or any(len(h) > LONG_HEADER for h in figures)


def _shown(table: Table) -> list[int]:
    """The columns drawn: those for people, less a column of bars (its figures are beside it)."""
    return [i for i in table.shown("screen") if not all(isinstance(row[i], Meter) for row in table.rows)]


def _run(run: Run) -> str:
    if isinstance(run, Strong):
        return f"<strong>{sanitize.html(run.text)}</strong>"
    if isinstance(run, Toned):
        return f'<span class="{run.tone}">{sanitize.html(run.text)}</span>'
    if isinstance(run, Link):
        url = sanitize.safe_url(run.url)
        text = sanitize.html(run.text)
        return f'<a href="{sanitize.html(url)}">{text}</a>' if url else text
    return sanitize.html(run)


def _inline(text: Inline) -> str:
    return "".join(_run(r) for r in text)


def _cell(cell: Cell) -> str:
    if isinstance(cell, (Num, Heat)):
        return sanitize.html(cell.text)
    if isinstance(cell, Meter):
        return ""
    return _inline(runs(cell))


def _table(table: Table) -> str:
    size = _size(table)
    wide = (
        (f" {size}" if size else "")
        + (" breakable" if table.breakable else "")
        + (" wide" if needed_width(table) > BESIDE else "")  # printed under a chart, never beside it
    )
    shown = _shown(table)
    cols = table.columns
    heads = "".join(
        f'<th scope="col"{NUM if cols[i].numeric else ""}>{sanitize.html(cols[i].header)}</th>' for i in shown
    )
    body = []
    for row in table.rows:
        cells = "".join(
            f'<td data-label="{sanitize.html(cols[i].header)}"{NUM if cols[i].numeric else ""}>{_cell(row[i])}</td>'
            for i in shown
        )
        body.append(f"<tr>{cells}</tr>")
    caption = f"<caption>{sanitize.html(table.title)}</caption>" if table.title else ""
    return f'<table class="data{wide}">{caption}<thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table>'


#: The widest table (rem, as needed_width estimates it on screen) printed beside a chart: the printed page's
#: text column (18.4 cm) less the chart (6.8 cm) and its gap is about 11 cm, where tables are printed at 7.5 pt
#: rather than the screen's 0.92rem. A wider table goes under its chart.
BESIDE = 34.0


def _place(following: Block | None) -> str:
    """How a chart is printed: beside what follows it (text, a table narrow enough, or the next section when it
    ends its own), or alone on its lines (before a wide table or another chart)."""
    if isinstance(following, Chart):
        return "alone"
    if isinstance(following, Table) and needed_width(following) > BESIDE:
        return "alone"
    return "beside"


def _figure(chart: Chart, svg: str, number: int, place: str = "alone") -> str:
    label = sanitize.html(chart.alt)
    drawn = svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    return (
        f'<figure id="chart-{sanitize.html(chart.key)}" class="{place}"><figcaption>Figure {number}. '
        f"{sanitize.html(chart.title)}"
        f'</figcaption>{drawn}<p class="alt">{label}</p></figure>'
    )


def _block(block: Block, svgs: Mapping[str, str], number: int, following: Block | None = None) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_inline(block.text)}</p>"
    if isinstance(block, Note):
        return f'<p class="note">{_inline(block.text)}</p>'
    if isinstance(block, Definitions):
        terms = "".join(f"<dt>{sanitize.html(t)}</dt><dd>{sanitize.html(m)}</dd>" for t, m in block.items)
        return f'<dl class="glossary">{terms}</dl>'
    if isinstance(block, Heading):
        return f"<h3>{sanitize.html(block.text)}</h3>"
    if isinstance(block, Items):
        cls = ' class="checklist"' if block.checklist else ""
        return f"<ul{cls}>" + "".join(f"<li>{_inline(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    return _figure(block, svgs[block.key], number, _place(following))


def to_html(doc: Document, svgs: Mapping[str, str]) -> str:
    """DOC as one HTML page; SVGS holds each chart's inline SVG by its key."""
    title = f"{doc.title}: {doc.subject}" if doc.subject else doc.title
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{sanitize.html(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>{sanitize.html(doc.title)}</h1>",
        '<p class="byline">' + "".join(f"<span>{sanitize.html(line)}</span>" for line in doc.byline) + "</p></header>",
    ]
    number = 0
    for section in doc.sections:
        # a section that ends with a chart leaves it beside the start of the next section when printed
        ends = bool(section.blocks) and isinstance(section.blocks[-1], Chart) and not section.summary
        cls = ' class="summary"' if section.summary else ' class="open"' if ends else ""
        out.append(f'<section id="{sanitize.html(section.key)}"{cls}>')
        out.append(f"<h2>{sanitize.html(section.title)}</h2>")
        for i, block in enumerate(section.blocks):
            if isinstance(block, Chart):
                number += 1
            out.append(_block(block, svgs, number, next(iter(section.blocks[i + 1 : i + 2]), None)))
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def write(doc: Document) -> str:
    """DOC as HTML with its charts drawn (imports matplotlib)."""
    from mcstrat.report.writers.charts import svg

    return to_html(doc, {chart.key: svg(chart) for chart in doc.charts()})

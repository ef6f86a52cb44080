"""The Markdown writer: a Document as GitHub-flavoured Markdown, every user text escaped.

A pure function of the document: the same document gives the same bytes. Every run of text
passes sanitize.markdown (links only for http(s) addresses), so a name from a file cannot make
raw HTML, a link, a heading or list, or break a table. A chart is given as its one-sentence
description; a column of bars (meters) is left out, its figures being in the next column.
"""

from __future__ import annotations

import re

from mcstrat import sanitize
from mcstrat.report.document import (
    Bars,
    Block,
    Cell,
    Chart,
    Column,
    Definitions,
    Document,
    Grid,
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

#: An escaped '<' that cannot open a tag or an autolink (those need a letter, '/', '!' or '?' next), and an
#: escaped '>' anywhere but at the start (where it would open a quote): plain text reads them as written.
_LT = re.compile(r"&lt;(?![A-Za-z/!?])")
_GT = re.compile(r"(?<!^)&gt;")


def clean(text: str) -> str:
    """TEXT through sanitize.markdown, then with the arrows and comparisons that cannot make markup given back
    ("High -> HIGH", "risk<=MED", "<1%"), so the record reads as plain text too."""
    return _GT.sub(">", _LT.sub("<", sanitize.markdown(text)))


def _text(text: str) -> str:
    """TEXT through sanitize.markdown, keeping the spaces that join it to the runs beside it."""
    core = text.strip(" ")
    if not core:
        return text
    left = text[: len(text) - len(text.lstrip(" "))]
    right = text[len(text.rstrip(" ")) :]
    return left + clean(core) + right


def _run(run: Run) -> str:
    if isinstance(run, Strong):
        return f"**{_text(run.text)}**"
    if isinstance(run, Link):
        return sanitize.markdown_link(run.text, run.url)
    if isinstance(run, Toned):
        return f"**{_text(run.text)}**" if run.tone == "warn" else _text(run.text)
    return _text(run)


def inline(text: Inline) -> str:
    return "".join(_run(r) for r in text)


#: What a cell that says nothing ("-": no such model, no limit) shows: a dash that needs no escape.
NOTHING = "\u2013"


def _cell(cell: Cell) -> str:
    if isinstance(cell, Meter):
        return " "
    if plain(cell).strip() == "-":
        return NOTHING
    if isinstance(cell, (Num, Heat)):
        return clean(cell.text) or " "
    return inline(runs(cell)) or " "


def table(block: Table) -> str:
    """BLOCK as a Markdown table (its title, if any, in bold above it)."""
    shown = [i for i in block.shown("screen") if not all(isinstance(row[i], Meter) for row in block.rows)]
    rule = ["---:" if block.columns[i].numeric else "---" for i in shown]
    lines = [
        "| " + " | ".join(clean(block.columns[i].header) or " " for i in shown) + " |",
        "| " + " | ".join(rule) + " |",
    ]
    lines += ["| " + " | ".join(_cell(row[i]) for i in shown) + " |" for row in block.rows]
    text = "\n".join(lines)
    return f"**{_text(block.title)}**\n\n{text}" if block.title else text


def figures(chart: Chart) -> Table | None:
    """The figures of CHART as a table, for a chart no table follows: a heat map's cells, or each bar's total."""
    plot = chart.plot
    if isinstance(plot, Grid):
        return Table(
            (Column(""), *(Column(c) for c in plot.columns)),
            tuple((r, *texts) for r, texts in zip(plot.rows, plot.texts)),
        )
    if isinstance(plot, Bars) and plot.totals:
        return Table((Column(""), Column(plot.axis, numeric=True)), tuple(zip(plot.rows, plot.totals)))
    return None


def _block(block: Block, number: int, alone: bool = False) -> str:
    if isinstance(block, (Paragraph, Note)):
        return inline(block.text)
    if isinstance(block, Heading):
        return f"### {sanitize.markdown(block.text)}"
    if isinstance(block, Items):
        mark = "- [ ] " if block.checklist else "- "
        return "\n".join(mark + inline(item) for item in block.items)
    if isinstance(block, Definitions):
        return "\n".join(f"- **{_text(term)}**: {_text(meaning)}" for term, meaning in block.items)
    if isinstance(block, Table):
        return table(block)
    assert isinstance(block, Chart)
    said = f"*Figure {number}: {clean(block.title)}.* {clean(block.alt)}"
    shown = figures(block) if alone else None
    return f"{said}\n\n{table(shown)}" if shown is not None else said


def write(doc: Document) -> str:
    """DOC as Markdown: a title, a byline, each section under its heading."""
    parts = [f"# {sanitize.markdown(doc.title)}"] if doc.title else []
    if doc.byline:
        parts.append("  \n".join(sanitize.markdown(line) for line in doc.byline))
    number = 0
    for section in doc.sections:
        if section.title:
            parts.append(f"## {sanitize.markdown(section.title)}")
        for i, block in enumerate(section.blocks):
            if isinstance(block, Chart):
                number += 1
            # a chart's figures are given as a table unless its own table follows it
            alone = not isinstance(next(iter(section.blocks[i + 1 : i + 2]), None), Table)
            text = _block(block, number, alone)
            if text:
                parts.append(text)
    return "\n\n".join(parts) + "\n"


__all__ = ["NOTHING", "clean", "inline", "table", "write"]

"""The Markdown writer: a Document as GitHub-flavoured Markdown, every user text escaped.

A pure function of the document: the same document gives the same bytes. Every run of text
passes sanitize.markdown (links only for http(s) addresses), so a name from a file cannot make
raw HTML, a link, a heading or list, or break a table. A chart is given as its one-sentence
description; a column of bars (meters) is left out, its figures being in the next column.
"""

from __future__ import annotations

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
    runs,
)


def _text(text: str) -> str:
    """TEXT through sanitize.markdown, keeping the spaces that join it to the runs beside it."""
    core = text.strip(" ")
    if not core:
        return text
    left = text[: len(text) - len(text.lstrip(" "))]
    right = text[len(text.rstrip(" ")) :]
    return left + sanitize.markdown(core) + right


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


def _cell(cell: Cell) -> str:
    if isinstance(cell, (Num, Heat)):
        return sanitize.markdown(cell.text) or " "
    if isinstance(cell, Meter):
        return " "
    return inline(runs(cell)) or " "


def table(block: Table) -> str:
    """BLOCK as a Markdown table (its title, if any, in bold above it)."""
    shown = [i for i in block.shown("screen") if not all(isinstance(row[i], Meter) for row in block.rows)]
    rule = ["---:" if block.columns[i].numeric else "---" for i in shown]
    lines = [
        "| " + " | ".join(sanitize.markdown(block.columns[i].header) or " " for i in shown) + " |",
        "| " + " | ".join(rule) + " |",
    ]
    lines += ["| " + " | ".join(_cell(row[i]) for i in shown) + " |" for row in block.rows]
    text = "\n".join(lines)
    return f"**{_text(block.title)}**\n\n{text}" if block.title else text


def _block(block: Block, number: int) -> str:
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
    return f"*Figure {number}: {sanitize.markdown(block.title)}.* {sanitize.markdown(block.alt)}"


def write(doc: Document) -> str:
    """DOC as Markdown: a title, a byline, each section under its heading."""
    parts = [f"# {sanitize.markdown(doc.title)}"] if doc.title else []
    if doc.byline:
        parts.append("  \n".join(sanitize.markdown(line) for line in doc.byline))
    number = 0
    for section in doc.sections:
        if section.title:
            parts.append(f"## {sanitize.markdown(section.title)}")
        for block in section.blocks:
            if isinstance(block, Chart):
                number += 1
            text = _block(block, number)
            if text:
                parts.append(text)
    return "\n\n".join(parts) + "\n"


__all__ = ["inline", "table", "write"]

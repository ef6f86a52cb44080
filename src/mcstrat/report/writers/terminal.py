"""The terminal writer: a Document drawn with rich, printed to a stream, or saved as an HTML page or SVG image.

The only module that imports rich, so machine formats and records never pay for it. User text
is always passed as rich Text, never markup, and always through sanitize.terminal first, so a
models or answers file cannot send escape sequences or bidi overrides to the terminal or into
the HTML/SVG exports. Charts are left out: every chart in a document is followed by its table.

No terminal width loses data: every table is wrapped in `Fit`, which measures the narrowest
layout the table has without cutting a word, a rating, an id or a number, and below that width
turns it on its side (when the table allows it) or prints the same rows as stacked blocks (one
per row: its "column: value" pairs packed into lines) instead.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from typing import IO, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text

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
    Strong,
    Table,
    Toned,
    runs,
)

#: The narrowest view drawn: COLUMNS=0 or a tiny window would otherwise give no output.
MIN_WIDTH = 40
#: The width of a meter (a score's bar), in cells.
METER = 20
EXPORT_WIDTH = 80
_BLOCKS = " ▏▎▍▌▋▊▉█"
_TONES = {"note": "dim", "warn": "yellow", "good": "green bold", "bad": "red"}
_HEAT = (
    (0.75, "bold white on dark_green"),
    (0.5, "white on green4"),
    (0.25, "black on dark_sea_green"),
    (0.05, "black on grey70"),
)


def bar(share: float, width: int = METER) -> str:
    """A bar of WIDTH cells for SHARE (0..1), in eighths of a cell."""
    eighths = round(share * width * 8)
    full, part = divmod(max(0, min(eighths, width * 8)), 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def _text(text: str, style: str = "", *, lines: bool = True) -> Text:
    """User text (or a sentence holding some) as a rich Text, sanitised for the terminal; with LINES its
    own line breaks are kept (a description or strength from a models file), else shown as U+FFFD."""
    return Text(sanitize.terminal(text.strip("\n") if lines else text, newlines=lines), style=style)


def inline(runs: Inline, style: str = "", *, lines: bool = True) -> Text:
    """A paragraph's runs as one Text: emphasis bold, tones coloured, links as their text."""
    out = Text(style=style)
    for run in runs:
        if isinstance(run, Strong):
            out.append_text(_text(run.text, "bold", lines=lines))
        elif isinstance(run, Toned):
            out.append_text(_text(run.text, _TONES[run.tone], lines=lines))
        elif isinstance(run, Link):
            out.append_text(_text(run.text, lines=lines))
        else:
            out.append_text(_text(run, lines=lines))
    return out


def _cell(cell: Cell) -> RenderableType:
    if isinstance(cell, Meter):
        return Text(bar(cell.share), style="cyan")
    if isinstance(cell, Heat):
        style = next((s for threshold, s in _HEAT if cell.p >= threshold), "dim")
        return Text(cell.text, style=style, justify="right")
    if isinstance(cell, Num):
        return Text(sanitize.terminal(cell.text))
    return inline(runs(cell), lines=False)


def _table(title: str = "", **kwargs: Any) -> RichTable:
    """A table in mcstrat's style, at least as wide as its title (within the width there is).

    A table of few narrow columns would otherwise wrap its title into a column of short lines;
    rich still narrows it to fit the terminal.
    """
    heading = _text(title, "bold") if title else None
    kwargs.setdefault("min_width", len(heading.plain) if heading else None)
    return RichTable(
        title=heading,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
        **kwargs,
    )


def table(block: Table) -> Fit:
    """BLOCK as a rich table that fits any width from MIN_WIDTH (see Fit)."""
    drawn = _table(block.title)
    shown = block.shown("screen")
    for i in shown:
        col = block.columns[i]
        drawn.add_column(
            _text(col.header, lines=False),
            justify="right" if col.numeric else "left",
            no_wrap=not col.wrap,
            max_width=col.width,
            width=METER if any(isinstance(row[i], Meter) for row in block.rows) else None,
        )
    for row in block.rows:
        drawn.add_row(*(_cell(row[i]) for i in shown))
    return Fit(drawn, key=block.key_columns - 1, transpose=block.transpose)


def _block(block: Block) -> RenderableType | None:
    if isinstance(block, Paragraph):
        return inline(block.text)
    if isinstance(block, Note):
        return inline(block.text, "dim")
    if isinstance(block, Heading):
        return _text(block.text, "bold")
    if isinstance(block, Items):
        mark = "[ ] " if block.checklist else "• "
        return Group(*(Text(mark) + inline(item) for item in block.items))
    if isinstance(block, Definitions):
        return Group(
            *(Text.assemble((sanitize.terminal(t), "bold"), ": ", sanitize.terminal(m)) for t, m in block.items)
        )
    if isinstance(block, Table):
        return table(block)
    assert isinstance(block, Chart)
    return None  # its table follows it


def view(doc: Document) -> Group:
    """DOC as one rich renderable: each section's title, then its blocks (charts left out), a blank line between."""
    parts: list[RenderableType] = []
    for section in doc.sections:
        drawn = [r for r in (_block(b) for b in section.blocks) if r is not None]
        if not drawn and not section.title:
            continue
        if parts:
            parts.append(Text(""))
        if section.title:
            parts.append(_text(section.title, "bold"))
        parts += drawn
    return Group(*parts)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; let the command line end quietly with 0, as for machine formats
        raise BrokenPipeError


def write(doc: Document, stream: IO[str]) -> None:
    """Print DOC to STREAM, at the stream's terminal width (COLUMNS when set), never narrower than MIN_WIDTH."""
    console = _Console(highlight=False, soft_wrap=False, emoji=False, file=stream)
    if console.width < MIN_WIDTH:
        console = _Console(highlight=False, soft_wrap=False, emoji=False, file=stream, width=MIN_WIDTH)
    console.print(view(doc))


# -- saved copies of the terminal view (--export-html, --export-svg) ----------------------

_EXPORT_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{ color: {{foreground}}; background-color: {{background}}; margin: 1rem; }}}}
pre {{{{ white-space: pre-wrap; overflow-wrap: anywhere; font-family: Menlo, 'DejaVu Sans Mono', consolas,
  'Courier New', monospace; }}}}
code {{{{ font-family: inherit; }}}}
</style>
</head>
<body>
<pre><code>{{code}}</code></pre>
</body>
</html>
"""


def _recorded(doc: Document) -> Console:
    console = Console(
        record=True, file=io.StringIO(), width=EXPORT_WIDTH, color_system="truecolor", force_terminal=True
    )
    console.print(view(doc))
    return console


def export_title(doc: Document, command: str = "recommend") -> str:
    """'mcstrat recommend: Institutional business unit' (the document's subject), at most 70 characters,
    so the SVG's window title stays inside its frame."""
    return sanitize.clip(f"mcstrat {command}: {doc.subject}", 70)


def export_html(doc: Document) -> str:
    """DOC as the terminal shows it at 80 columns, as an HTML page titled by export_title (user text made safe)."""
    heading = sanitize.html(sanitize.terminal(export_title(doc))).replace("{", "&#123;").replace("}", "&#125;")
    page = _EXPORT_HTML.format(title=heading)
    return _recorded(doc).export_html(inline_styles=True, clear=False, code_format=page)


#: What would make a saved SVG reach out when opened: web fonts (rich's template fetches Fira Code from a CDN)
#: and the comment naming rich's web site. The image uses the fonts on the machine that opens it.
_FETCHING = re.compile(r"@font-face\s*\{[^}]*\}|<!--.*?-->", re.S)


def export_svg(doc: Document) -> str:
    """DOC as the terminal shows it at 80 columns, as an SVG image titled by export_title: self-contained (it
    fetches no font and names no address but its own namespace and what the view itself says)."""
    return _FETCHING.sub("", _recorded(doc).export_svg(title=sanitize.terminal(export_title(doc)), clear=False))


# -- fitting tables to any width ------------------------------------------------------------


class Fit:
    """A table that is printed as a table when the width allows it, else on its side or as stacked blocks.

    The width a table needs is the sum of its columns' narrowest widths: for a no_wrap column
    (ratings, ids, numbers, bars) its widest cell in full; for a wrapping column (names, meanings)
    its longest word; a fixed-width column its width; plus padding and rules. When that is more
    than the room left (`options.max_width`), the rows are printed as blocks: the cells of the
    columns up to KEY (e.g. `#` and `Model`) as a bold heading, then a "header: value" pair per
    other non-empty cell (a cell under an empty header joins the pair before it), as many whole
    pairs to an indented line as fit; a pair longer than a line wraps alone. With TRANSPOSE,
    a table whose rows are few is first tried turned on its side, one row per column, before
    falling back to blocks. Otherwise the table is printed with column widths that keep each
    column at or above its narrowest width (rich's own shrinking can cut a word short of that).
    """

    def __init__(self, table: RichTable, key: int = 0, transpose: bool = False) -> None:
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
        fitted = copy.copy(self.table)
        fitted.columns = [
            dataclasses.replace(column, width=w - self.table._get_padding_width(i), min_width=None, max_width=None)
            for i, (column, w) in enumerate(zip(self.table.columns, widths))
        ]
        yield fitted

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)

    def _transposed(self) -> RichTable:
        """The table on its side: the first column's cells become the headers."""
        old = self.table
        title = old.title if isinstance(old.title, Text) else None
        turned = _table(min_width=len(title.plain) if title else None)
        turned.title = title
        turned.add_column(old.columns[0].header, no_wrap=True)
        for label in old.columns[0].cells:
            turned.add_column(label, justify="right", no_wrap=True)
        for column in old.columns[1:]:
            turned.add_row(column.header, *column.cells)
        return turned

    def _stacked(self, width: int) -> RenderResult:
        drawn = self.table
        if drawn.title:
            yield drawn.title if isinstance(drawn.title, Text) else Text(str(drawn.title))
        columns = drawn.columns
        cells = [list(c.cells) for c in columns]
        for row in range(drawn.row_count):
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


__all__ = ["MIN_WIDTH", "Fit", "bar", "export_html", "export_svg", "export_title", "inline", "table", "view", "write"]

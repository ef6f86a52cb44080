"""The one presentation model: a document of sections, each a list of blocks any writer can draw.

Each view (report/views/) states its analysis's result once, as blocks; the terminal, Markdown,
HTML and CSV writers (report/writers/) draw any block, each in its own way: a chart is a picture
in HTML, its one-sentence description in Markdown, and left out on a terminal (every chart is
followed by its table). Text in a block is raw, as users and files wrote it: every writer passes
each run through `mcstrat.sanitize` for its channel, so nothing is escaped twice or forgotten.
Numbers arrive already printed (report/numbers.py), except that a `Num` cell also carries the
exact value a machine format (CSV) writes.

The blocks are NamedTuples, which cost a tenth of a frozen dataclass to define when a command
starts. A run or cell that is several runs is a plain tuple: writers tell it apart from the
named blocks (tuples too) by `type(x) is tuple`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, cast


class Strong(NamedTuple):
    """A run of text to emphasise."""

    text: str


class Link(NamedTuple):
    """A web address, linked only when it is a plain http(s) URL (sanitize.safe_url)."""

    text: str
    url: str


Tone = Literal["note", "warn", "good", "bad"]


class Toned(NamedTuple):
    """A run of text with a tone a writer may colour: a note (quiet), a warning, good or bad news."""

    text: str
    tone: Tone


Run = str | Strong | Link | Toned
Inline = tuple[Run, ...]


class Num(NamedTuple):
    """A table cell holding a figure: TEXT as printed, VALUE as a machine format writes it."""

    text: str
    value: object


class Meter(NamedTuple):
    """A cell drawn as a bar: SHARE (0..1) of the cell's width (a score out of 100, a chance)."""

    share: float


class Heat(NamedTuple):
    """A probability P shaded by its size (darker is likelier), printed as TEXT; machines get P."""

    text: str
    p: float


Cell = str | Strong | Toned | Num | Meter | Heat | Inline


class Column(NamedTuple):
    """A table column. KEY names it in machine formats ("" for none); ONLY limits where it is shown:
    "data" columns are for machines (CSV), "screen" ones for people (terminal, Markdown, HTML)."""

    header: str
    key: str = ""
    numeric: bool = False
    wrap: bool = True  # False: never broken across lines (ids, ratings, figures)
    width: int | None = None  # the widest a terminal draws a wrapping column
    only: Literal["", "data", "screen"] = ""


class Table(NamedTuple):
    """Rows of cells under COLUMNS. KEY_COLUMNS name a row (the heading of a row stacked on a narrow
    screen); TRANSPOSE lets a narrow terminal turn the table on its side; EXPORT marks the command's
    data table, the one `--format csv` writes."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    key_columns: int = 1
    transpose: bool = False
    breakable: bool = False  # long unbroken values (paths, hashes) may break anywhere to fit
    export: bool = False

    def shown(self, where: Literal["data", "screen"]) -> list[int]:
        """The indices of the columns shown WHERE."""
        other = "screen" if where == "data" else "data"
        return [i for i, c in enumerate(self.columns) if c.only != other and (where == "screen" or c.key)]


class Paragraph(NamedTuple):
    text: Inline


class Note(NamedTuple):
    """A quiet paragraph: how a figure was made, what a column means."""

    text: Inline


class Items(NamedTuple):
    """A bulleted list, or a checklist of open questions."""

    items: tuple[Inline, ...]
    checklist: bool = False


class Heading(NamedTuple):
    """A sub-heading inside a section."""

    text: str


class Definitions(NamedTuple):
    """Terms and what they mean: the glossary."""

    items: tuple[tuple[str, str], ...]


class Bars(NamedTuple):
    """Horizontal bars, one per row (top to bottom), each stacked from SEGMENTS."""

    rows: tuple[str, ...]
    segments: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # [row][segment], >= 0
    axis: str
    limit: float  # the axis' end (100 for scores and percentages)
    totals: tuple[str, ...] = ()  # text at the end of each bar
    sequential: bool = False  # segments are ordered (ranks), not categories (criteria)


class Intervals(NamedTuple):
    """One range per row on a common scale, with the stated value marked (a tornado of stability)."""

    rows: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float | None, ...]  # None: no upper end
    stated: tuple[float, ...]
    limit: float
    axis: str


class Grid(NamedTuple):
    """A heat map: a colour per cell from VALUES (0 worst .. 1 best) and the cell's text."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # None: no colour (not applicable)
    texts: tuple[tuple[str, ...], ...]
    legend: str


class Chart(NamedTuple):
    title: str
    alt: str  # one sentence saying what the chart shows; Markdown prints it in the chart's place
    plot: Bars | Intervals | Grid
    key: str  # unique within a document; used for ids


Block = Paragraph | Note | Items | Table | Heading | Definitions | Chart


class Section(NamedTuple):
    title: str
    key: str
    blocks: tuple[Block, ...]
    summary: bool = False  # the executive summary: alone on page 1 when printed


class Document(NamedTuple):
    title: str
    subject: str  # what was decided, for a page's <title>: the recommended model(s)
    byline: tuple[str, ...] = ()  # date, version, who: one short line each
    sections: tuple[Section, ...] = ()

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]


def plain(run: Run | Cell) -> str:
    """The text of a run or cell, without its emphasis or tone (a meter has none)."""
    if isinstance(run, str):
        return run
    if isinstance(run, Meter):
        return ""
    if type(run) is tuple:
        return "".join(plain(r) for r in cast("Inline", run))
    return cast("Strong", run).text  # every other run or cell has its text


def runs(cell: Cell) -> Inline:
    """A text cell as its runs: a plain tuple of runs already, else the one run it is."""
    return cast("Inline", cell) if type(cell) is tuple else (cast("Run", cell),)


__all__ = [
    "Bars",
    "Block",
    "Cell",
    "Chart",
    "Column",
    "Definitions",
    "Document",
    "Grid",
    "Heading",
    "Heat",
    "Inline",
    "Intervals",
    "Items",
    "Link",
    "Meter",
    "Note",
    "Num",
    "Paragraph",
    "Run",
    "Section",
    "Strong",
    "Table",
    "Toned",
    "plain",
    "runs",
]

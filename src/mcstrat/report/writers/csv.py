"""The CSV writer: a Document's data table as CSV, for spreadsheets and scripts.

Each command's document marks one table as its data (`Table.export`); its columns that have a
machine name (`Column.key`) are written under those names, each figure as its exact value (a
`Num` cell's value, as JSON prints numbers), every text cell through sanitize.csv_cell, so no
cell is read as a formula.
"""

from __future__ import annotations

import io
from typing import Any, cast

from mcstrat import sanitize
from mcstrat.report import numbers
from mcstrat.report.document import Cell, Document, Heat, Meter, Num, plain
from mcstrat.report.numbers import machine


def _value(cell: Cell) -> Any:
    if isinstance(cell, Num):
        value = cell.value
        return value if isinstance(value, (str, bool)) else machine(cast("numbers.Number | None", value))
    if isinstance(cell, Heat):
        return cell.p
    if isinstance(cell, Meter):
        return cell.share
    return plain(cell)


def write(doc: Document) -> str:
    """DOC's data table as CSV: a header row of machine names, then a row per row; Unix line endings."""
    import csv  # only here: no other output needs it

    table = next(t for t in doc.tables() if t.export)
    shown = table.shown("data")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sanitize.csv_cell(table.columns[i].key) for i in shown])
    writer.writerows([sanitize.csv_cell(_value(row[i])) for i in shown] for row in table.rows)
    return out.getvalue().rstrip("\n")


__all__ = ["write"]

"""The writers: each draws any Document in one format. A new output format is a new module here and a line below.

`--format` chooses among Format (the terminal `table`, and `json`, written from the decision by
report/data.py rather than from a document); a record's file extension among RECORD_FORMATS.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mcstrat.core.vocabulary import Word
from mcstrat.errors import InputError

if TYPE_CHECKING:
    from mcstrat.report.document import Document


class Format(Word):
    """What `--format` may ask for."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _markdown(doc: Document) -> str:
    from mcstrat.report.writers.markdown import write

    return write(doc)


def _csv(doc: Document) -> str:
    from mcstrat.report.writers.csv import write

    return write(doc)


def _html(doc: Document) -> str:
    from mcstrat.report.writers.html import write

    return write(doc)


def _pdf(doc: Document, path: Path) -> bytes:
    from mcstrat.report.writers.html import write
    from mcstrat.report.writers.pdf import print_pdf

    return print_pdf(write(doc), path)


#: The text formats of `--format` that draw a document (the terminal's is drawn by writers.terminal).
TEXT: dict[Format, Callable[[Document], str]] = {Format.csv: _csv, Format.markdown: _markdown}
#: A record's format, from its file's extension.
RECORD_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}
RECORD_KINDS = ".md (Markdown), .html (a web page) or .pdf"


def record_format(path: Path, flag: str = "--report") -> str:
    """'markdown', 'html' or 'pdf' from PATH's extension (a symlink's target's); InputError for any other,
    or for a PDF with no browser on this machine to print it."""
    kind = RECORD_FORMATS.get(path.suffix.lower())
    if kind is None and path.is_symlink():  # written through, as `>` does: the target names the format
        kind = RECORD_FORMATS.get(Path(os.path.realpath(path)).suffix.lower())
    if kind is None:
        shown = path.suffix or "no extension"
        raise InputError(f"{flag} {path}: cannot tell the record's format from {shown}; name the file {RECORD_KINDS}")
    if kind == "pdf":
        from mcstrat.report.writers.pdf import find_browser, no_browser

        if find_browser() is None:
            raise no_browser(path)
    return kind


def prefetch(kind: str) -> None:
    """Start loading the plotting code an HTML or PDF record needs, in the background, while the decision is
    worked out: importing matplotlib takes about half a second, most of it while the analyses wait on numpy
    and HiGHS, which release the interpreter. Nothing is drawn here; `record` draws as before (an import the
    thread has begun is finished, not repeated)."""
    if kind not in ("html", "pdf"):
        return
    import threading

    threading.Thread(target=_load_plotting, name="mcstrat-prefetch", daemon=True).start()


def _load_plotting() -> None:
    from mcstrat.report.writers.charts import load

    load()


def record(doc: Document, path: Path) -> str | bytes:
    """DOC in the format PATH's extension names: Markdown or HTML text, or PDF bytes."""
    kind = record_format(path)
    if kind == "markdown":
        return _markdown(doc)
    return _html(doc) if kind == "html" else _pdf(doc, path)


__all__ = ["RECORD_FORMATS", "RECORD_KINDS", "TEXT", "Format", "prefetch", "record", "record_format"]

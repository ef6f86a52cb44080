"""Writing a decision record to a file: the format from the file's extension, PDF printed by a browser.

`.md` is Markdown, `.html` (or `.htm`) one self-contained page, `.pdf` that page printed by a
headless Chromium or Chrome found on the machine (on PATH, or in the usual macOS places). No
browser is downloaded and playwright is not needed: the browser is run once as a subprocess,
with a throw-away profile, no network services and no page header or footer. The PDF is A4
(the page size is set only for this print; the HTML itself leaves it to the printer), its text
is text, so it can be selected and searched. A PDF is not byte-stable (the browser stamps its
creation time); Markdown and HTML are.

Every file is written atomically: on any failure nothing is left behind, and an existing file
is replaced only with --force.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mcstrat.errors import InputError

if TYPE_CHECKING:
    from mcstrat.report.record import Document

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge")
MAC_BROWSERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
PRINT_TIMEOUT = 120  # seconds
_A4 = "<style>@page { size: A4; }</style>"


def report_format(path: Path, flag: str = "--report") -> str:
    """'markdown', 'html' or 'pdf' from PATH's extension (a symlink's target's); an InputError for any other."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None and path.is_symlink():  # written through, as `>` does: the target names the format
        kind = FORMATS.get(Path(os.path.realpath(path)).suffix.lower())
    if kind is None:
        shown = path.suffix or "no extension"
        raise InputError(
            f"{flag} {path}: cannot tell the record's format from {shown}; "
            "name the file .md (Markdown), .html (a web page) or .pdf"
        )
    return kind


def find_browser() -> str | None:
    """A Chromium or Chrome executable on this machine, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in MAC_BROWSERS if os.access(p, os.X_OK)), None)


def no_browser(path: Path) -> InputError:
    html = path.with_suffix(".html")
    return InputError(
        f"--report {path}: no Chromium or Chrome found to print the PDF; write the record as HTML "
        f"(--report {html}) and print it to PDF from a browser, or install chromium"
    )


def check_record(path: Path, flag: str = "--report") -> str:
    """The record's format, refusing early what cannot be written (an unknown extension, a PDF without a browser)."""
    kind = report_format(path, flag)
    if kind == "pdf" and find_browser() is None:
        raise no_browser(path)
    return kind


def render_record(doc: Document, path: Path) -> str | bytes:
    """DOC in the format PATH's extension names: Markdown or HTML text, or PDF bytes."""
    kind = report_format(path)
    if kind == "markdown":
        from mcstrat.report.record import to_markdown

        return to_markdown(doc)
    from mcstrat.report.record_html import render

    page = render(doc)
    return page if kind == "html" else print_pdf(page, path)


def write_record(doc: Document, path: Path, *, force: bool = False, label: str = "--report") -> None:
    """Write DOC to PATH in the format its extension names, atomically."""
    from mcstrat.files.writing import Outputs

    with Outputs(force) as files:
        files.add(label, path)
        files.stage(path, render_record(doc, path))


def print_pdf(page: str, path: Path) -> bytes:
    """The HTML PAGE printed to PDF by a headless browser (PATH only names the file in messages)."""
    import subprocess
    import tempfile

    browser = find_browser()
    if browser is None:
        raise no_browser(path)
    with tempfile.TemporaryDirectory(prefix="mcstrat-pdf-") as tmp:
        work = Path(tmp)
        source = work / "record.html"
        source.write_text(page.replace("</head>", _A4 + "</head>", 1), encoding="utf-8")
        printed = work / "record.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={printed}",
            "--no-pdf-header-footer",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT, stdin=subprocess.DEVNULL, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(
                f"--report {path}: {browser} could not print the PDF ({exc}); write .html instead"
            ) from None
        if not printed.is_file() or printed.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise InputError(f"--report {path}: {browser} did not print the PDF ({last}); write .html instead")
        return printed.read_bytes()

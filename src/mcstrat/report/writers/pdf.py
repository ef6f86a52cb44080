"""PDF: a decision record's HTML page printed by a headless Chromium or Chrome found on the machine.

No browser is downloaded and playwright is not needed: the browser is run once as a subprocess,
with a throw-away profile, no network services and no page header or footer. The PDF is A4 (the
page size is set only for this print; the HTML itself leaves it to the printer), and its text is
text, so it can be selected and searched. A PDF is not byte-stable (the browser stamps its
creation time); Markdown and HTML are.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mcstrat.errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge")
MAC_BROWSERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
PRINT_TIMEOUT = 120  # seconds
_A4 = "<style>@page { size: A4; }</style>"


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

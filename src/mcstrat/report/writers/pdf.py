"""PDF: a decision record's HTML page printed by a headless Chromium or Chrome found on the machine.

No browser is downloaded and playwright is not needed: the browser is run once as a subprocess,
with a throw-away profile, no network services and no page header or footer. The PDF is A4 (the
page size is set only for this print; the HTML itself leaves it to the printer), and its text is
text, so it can be selected and searched. A PDF is not byte-stable (the browser stamps its
creation time); Markdown and HTML are.

The browser is a family of processes (zygote, renderers, utilities) that write into its profile
while it runs. It runs in a session and process group of its own, and on every way out (printed,
failed, timed out, Ctrl-C, SIGTERM, SIGHUP) the whole group is stopped, SIGTERM first and
SIGKILL for what is left, before its folder, and the socket folder Chromium makes in TMPDIR, are
removed. (Stopping only the main process, as subprocess.run does, left the children writing into
the profile; it stayed in TMPDIR, and removing it failed with a traceback.) Ctrl-C, SIGTERM and
SIGHUP are held off while the browser starts and while it is cleaned up, so a signal can neither
orphan a browser just forked nor cut the cleanup short: one that arrives while a failed or
interrupted print is cleaned up is dropped (the program is stopping anyway), one that arrives
while a good print is cleaned up is acted on after it.

What the system refuses (file descriptors, memory, processes, disk space) is exit 74 naming the
resource: making the temporary folder or starting the browser failing with EMFILE, ENFILE,
ENOMEM, EAGAIN or ENOSPC, or the browser's log saying so. Any other failure is exit 2 with the
browser's fatal line (its last line is usually unrelated noise).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcstrat import sanitize
from mcstrat.errors import InputError, McstratError, WriteError

if TYPE_CHECKING:
    import subprocess

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge")
MAC_BROWSERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
PRINT_TIMEOUT = 120  # seconds
STOP_TIMEOUT = 3  # seconds the browser gets to stop on SIGTERM before SIGKILL
_A4 = "<style>@page { size: A4; }</style>"
#: What the system ran out of, by the errno that says so, and how to get more of it.
RESOURCES = {
    errno.EMFILE: ("too many open files", "close other programs or raise the limit (ulimit -n)"),
    errno.ENFILE: ("too many open files on the system", "close other programs"),
    errno.ENOMEM: ("not enough memory", "close other programs"),
    errno.EAGAIN: ("too many processes", "close other programs or raise the limit (ulimit -u)"),
    errno.ENOSPC: ("no space left on the device", "free some space"),
}
#: The same, as the browser's log words it (strerror's texts, and Chromium's own "Out of memory").
_STARVED = (
    (re.compile(r"too many open files", re.I), errno.EMFILE),
    (re.compile(r"cannot allocate memory|out of memory", re.I), errno.ENOMEM),
    (re.compile(r"(fork|clone|thread).*resource temporarily unavailable", re.I), errno.EAGAIN),
    (re.compile(r"no space left on device", re.I), errno.ENOSPC),
)


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


def progress(line: str) -> None:
    """A line of progress on stderr, never stdout (which carries only the data asked for)."""
    import sys

    print(line, file=sys.stderr, flush=True)


def print_pdf(page: str, path: Path, say: Callable[[str], None] = progress) -> bytes:
    """The HTML PAGE printed to PDF by a headless browser (PATH only names the file in messages); SAY is told
    while the browser prints, which takes a second or two."""
    import subprocess

    browser = find_browser()
    if browser is None:
        raise no_browser(path)
    say(f"Printing {sanitize.terminal(path.name)} with {Path(browser).name}...")
    work: Path | None = None
    proc: subprocess.Popen[bytes] | None = None
    try:
        with _signals_held():
            work = _folder(path)
            proc = _start(browser, page, work, path)
        try:
            proc.wait(timeout=PRINT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise InputError(
                f"--report {path}: {browser} did not finish printing the PDF within {PRINT_TIMEOUT} seconds; "
                "write .html instead"
            ) from None
        printed = work / "record.pdf"
        if not printed.is_file() or printed.stat().st_size == 0:
            raise _failed(browser, path, (work / "browser.log").read_text(encoding="utf-8", errors="replace"))
        data = printed.read_bytes()
    except BaseException:
        with _signals_held(release=False):
            _clean_up(proc, work)
        raise
    with _signals_held():
        _clean_up(proc, work)
    return data


def _folder(path: Path) -> Path:
    """A new private folder in the temporary folder for the page, the profile and the PDF."""
    import tempfile

    try:
        return Path(tempfile.mkdtemp(prefix="mcstrat-pdf-"))
    except OSError as exc:
        raise _refused(
            exc, f"--report {path}: could not make a folder to print the PDF in {tempfile.gettempdir()}", "TMPDIR"
        ) from None


def _start(browser: str, page: str, work: Path, path: Path) -> subprocess.Popen[bytes]:
    """The browser, started in a session of its own to print PAGE into WORK; its output goes to a log there."""
    import subprocess

    source = work / "record.html"
    try:
        source.write_text(page.replace("</head>", _A4 + "</head>", 1), encoding="utf-8")
        log = open(work / "browser.log", "wb")  # noqa: SIM115 (closed below, once the browser has it)
    except OSError as exc:
        raise _refused(exc, f"--report {path}: could not write the page to print in {work.parent}", "TMPDIR") from None
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
        f"--print-to-pdf={work / 'record.pdf'}",
        "--no-pdf-header-footer",
        source.as_uri(),
    ]
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    except OSError as exc:
        raise _refused(exc, f"--report {path}: could not start {browser} to print the PDF", browser) from None
    finally:
        log.close()


def _refused(exc: OSError, message: str, check: str) -> McstratError:
    """EXC, the system refusing MESSAGE's step: WriteError (exit 74) naming a resource that ran out,
    else InputError (exit 2) saying to check CHECK (the browser, or TMPDIR)."""
    if exc.errno in RESOURCES:
        return _ran_out(message, exc.errno)
    reason = (exc.strerror or str(exc)).lower()
    return InputError(f"{message} ({reason}); check {check}, or write .html instead")


def _ran_out(message: str, code: int) -> WriteError:
    """MESSAGE's step stopped because the system ran out of what errno CODE names (exit 74)."""
    what, fix = RESOURCES[code]
    return WriteError(f"{message}: {what}; {fix} and try again, or write .html instead")


def _failed(browser: str, path: Path, log: str) -> McstratError:
    """The browser ended without a PDF: exit 74 if its LOG says the system ran out of something,
    else exit 2 with its fatal line (or its last, when none is fatal)."""
    for pattern, code in _STARVED:
        if pattern.search(log):
            return _ran_out(f"--report {path}: {browser} could not print the PDF", code)
    lines = log.strip().splitlines() or ["no message"]
    line = next((line for line in reversed(lines) if ":FATAL:" in line), lines[-1])
    reason = re.sub(r"^\[[^\]]*\] *", "", line)  # without Chromium's [pid:tid:time:LEVEL:file] prefix
    return InputError(f"--report {path}: {browser} did not print the PDF ({reason}); write .html instead")


def _clean_up(proc: subprocess.Popen[bytes] | None, work: Path | None) -> None:
    """Every process of PROC's group stopped, then WORK removed; never raises."""
    import signal
    import subprocess
    import time

    if proc is not None:
        if hasattr(os, "killpg"):
            for number in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(OSError):  # the whole group is gone already
                    os.killpg(proc.pid, number)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=STOP_TIMEOUT)
        else:
            proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=STOP_TIMEOUT)
    if work is not None:
        _remove_singleton(work / "profile")
        for _ in range(3):  # a killed child may still be finishing a write into the profile
            shutil.rmtree(work, ignore_errors=True)
            if not os.path.lexists(work):
                return
            time.sleep(0.1)


def _remove_singleton(profile: Path) -> None:
    """The folder Chromium makes in TMPDIR for its single-instance socket, which it leaves when it is
    killed: PROFILE links to it (SingletonSocket), and it holds nothing but Singleton* entries."""
    with contextlib.suppress(OSError):
        folder = (profile / os.readlink(profile / "SingletonSocket")).parent
        entries = os.listdir(folder)
        if entries and all(entry.startswith("Singleton") for entry in entries) and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _signals_held(release: bool = True) -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held off while the block runs, then acted on (RELEASE) or dropped.

    Only the main thread can set handlers; elsewhere the block runs as it is. A signal that is
    ignored stays ignored; one whose handler Python did not set (None) is left alone.
    """
    import signal
    import threading

    held: list[int] = []
    saved: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) not in (None, signal.SIG_IGN):
                saved[number] = signal.signal(number, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
        if held and release:
            signal.raise_signal(held[0])

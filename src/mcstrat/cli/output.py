"""Writing to the user: data on standard output, messages on standard error, dates from the environment.

stdout carries only the data asked for (written with `emit`, never through rich's console for
machine formats, or drawn by the terminal writer), through `checked`, which counts every byte
to the file; every message goes to stderr through `say`, one line each (sanitize.one_line), so
no escape sequence, bidi override or line break from a file name or value reaches the terminal;
a message a person reads after a prompt goes through `tell`, wrapped to the terminal (`width`)
between words, with any command to copy on a line of its own. What the system refuses while
writing stdout is exit 74; a reader that goes away is not.
"""

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from mcstrat.errors import ExitCode, InputError

if TYPE_CHECKING:
    from mcstrat.errors import McstratError


def say(message: str) -> None:
    """Write MESSAGE on stderr as one line: the one way mcstrat talks to the user outside the data.

    Messages echo file names, key paths and values the user gave, so each passes
    sanitize.one_line: no escape sequence or bidi override acts, and a line break inside it shows
    as \\n, so a file named "x\\nError: all good.yaml" cannot print a line of its own. Only line
    breaks it starts with are kept, as blank lines (a message after an interrupted prompt); a
    value there would start the line anyway, as a file name starts validate's report.
    """
    from mcstrat.sanitize import one_line

    body = message.lstrip("\n")
    typer.echo("\n" * (len(message) - len(body)) + one_line(body), err=True)


#: The width messages wrap to when the terminal's is unknown.
WIDTH = 78


def width() -> int:
    """The width to wrap messages to: the terminal's (or COLUMNS), less a margin, at least 40.

    Messages go to stderr, so stderr's terminal is measured first: with stdout redirected
    (``mcstrat recommend -f json > out.json``) they still fit the screen.
    """
    import shutil

    columns = shutil.get_terminal_size((WIDTH + 2, 24)).columns
    if not os.environ.get("COLUMNS"):
        with contextlib.suppress(OSError, ValueError):  # not a terminal: the fallback above
            columns = os.get_terminal_size(sys.__stderr__.fileno()).columns if sys.__stderr__ else columns
    return max(40, columns - 2)


def tell(message: str, command: str | None = None) -> None:
    """MESSAGE on stderr wrapped to the terminal (between words, never inside one), then COMMAND, when given,
    on a line of its own, indented and whole, so that it copies as one command (a terminal may still fold a
    command longer than the screen; no line break is ever put inside it).

    Each passes sanitize.one_line, as every message does (`say`).
    """
    import textwrap

    from mcstrat.sanitize import one_line

    for line in textwrap.wrap(one_line(message), width(), break_long_words=False, break_on_hyphens=False):
        typer.echo(line, err=True)
    if command is not None:
        typer.echo("  " + one_line(command), err=True)


def report(problem: "str | McstratError") -> None:
    """Write PROBLEM on stderr after "Error: ", each line it declares (McstratError.lines) on one line."""
    from mcstrat.errors import McstratError

    lines = problem.lines if isinstance(problem, McstratError) and problem.lines else (str(problem),)
    say(f"Error: {lines[0]}")
    for line in lines[1:]:
        say(line)


def fail(problem: "str | McstratError", code: int | None = None) -> NoReturn:
    """Print an error on stderr and exit (with CODE, else the error's own, else 2): the only way a command fails."""
    report(problem)
    raise typer.Exit(code if code is not None else getattr(problem, "exit_code", ExitCode.BAD_INPUT))


#: mcstrat's own symbols, which a stdout that cannot show them gets in ASCII (see _ascii_fallback).
_ASCII = {"█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "|", "▎": "|", "▏": "|", "✓": "v", "✗": "x"}
_ASCII.update({"—": "-", "–": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "→": "->"})
_ASCII.update({"≤": "<=", "≥": ">=", "±": "+/-", "·": "-", "•": "*", "─": "-", "│": "|"})


def stdout() -> Any:
    """The standard output to write data to, `checked`; WriteError when it is closed (nothing could be written)."""
    from mcstrat.errors import WriteError

    if sys.stdout is None:
        raise WriteError("standard output is closed; nothing was written (give the output somewhere to go)")
    return checked(sys.stdout)


def checked(stream: Any) -> Any:
    """STREAM (a text stream) with every write counted to the last byte: `Checked`; STREAM itself if already so."""
    return stream if isinstance(stream, Checked) else Checked(stream)


class Checked:
    """A text stream whose writes reach the file to the last byte, or raise WriteError (exit 74).

    Python ignores SIGXFSZ, so a write past a file-size limit (`ulimit -f`) writes what fits and
    returns a short count, and the next one fails with EFBIG; a full disk or an I/O error fails
    the same way. A text stream does not report that: an unbuffered stdout (PYTHONUNBUFFERED,
    `python -u`) drops what a short write left out and exits 0, a buffered one keeps it for the
    flush at exit. So each write is encoded as the stream would encode it and written to its
    binary layer until every byte is taken. A reader that went away (EPIPE) raises
    BrokenPipeError, which the boundary ends quietly. A stream without a binary layer (a
    StringIO: tests, a host program) is written as it is: there are no bytes to count.
    Everything else (isatty, fileno, encoding) is the stream's own, so rich and click see it.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        stream = self._stream
        binary = getattr(stream, "buffer", None)
        if binary is None:
            return int(stream.write(text))
        shown = text.replace("\n", os.linesep) if os.linesep != "\n" else text  # as a text stream on Windows
        data = memoryview(shown.encode(stream.encoding or "utf-8", stream.errors or "strict"))
        with _refusals(stream):
            stream.flush()
            while data:
                count = binary.write(data)
                if not count:  # None: a non-blocking file that takes nothing now; 0: nothing more fits
                    raise OSError(errno.EAGAIN if count is None else errno.EIO, "nothing more could be written")
                data = data[count:]
            binary.flush()
        return len(text)

    def flush(self) -> None:
        with _refusals(self._stream):
            self._stream.flush()


@contextlib.contextmanager
def _refusals(stream: Any) -> Iterator[None]:
    """What the system refuses while writing STREAM, as WriteError; a closed pipe (EPIPE) passes through.

    STREAM is then pointed at the null device (`discard`): what is still buffered would fail
    again at exit, printing a second error and exiting 120.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        from mcstrat.errors import WriteError
        from mcstrat.files.writing import os_reason

        discard(stream)
        raise WriteError(
            f"could not write all of the output to standard output ({os_reason(exc)}); the output is incomplete"
        ) from None


def discard(stream: Any = None) -> None:
    """Point STREAM's (stdout's) descriptor at the null device: what is still buffered then goes nowhere at exit."""
    # no descriptor (a StringIO, a test's stream), or no null device: nothing to point elsewhere
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = (stream or sys.stdout).fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: mcstrat's symbols in ASCII, anything else '?', on a stdout that cannot show them."""
    assert isinstance(error, UnicodeEncodeError)
    bad = error.object[error.start : error.end]
    return "".join(_ASCII.get(char, "?") for char in bad), error.end


def fit_encoding(stream: Any) -> None:
    """Let STREAM fall back to ASCII for what its encoding cannot show, instead of failing."""
    import codecs

    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "█✓—".encode(encoding)
        return
    except (UnicodeEncodeError, LookupError):
        pass
    codecs.register_error("mcstrat-ascii", _ascii_fallback)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="mcstrat-ascii")


def emit(text: str, exact: bool = False) -> None:
    """Write machine output to stdout (never through rich: it would wrap lines and eat [markup]).

    EXACT (JSON) output keeps its meaning on a stdout that cannot show every character:
    characters outside ASCII are written as JSON's \\u escapes rather than replaced.
    """
    out = stdout()
    if exact:
        try:
            text.encode(out.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            from mcstrat.sanitize import json_ascii

            text = json_ascii(text)
    typer.echo(text, file=out)  # click's echo writes, then flushes: each checked


def document(doc: Any) -> None:
    """Draw DOC (a report Document) on stdout with the terminal writer."""
    from mcstrat.report.writers.terminal import write

    out = stdout()
    write(doc, out)
    out.flush()


def today() -> str:
    """Today's date, or SOURCE_DATE_EPOCH's when set, so records can be reproduced byte for byte."""
    import datetime as dt

    from mcstrat.sanitize import clip

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.date.today().isoformat()
    # the reproducible-builds rule: a set but invalid value is an error, not silently "now"
    text = epoch.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise InputError(
            f"SOURCE_DATE_EPOCH={clip(epoch, 40)!r} is not a time; set it to whole seconds since 1970 "
            "(e.g. `date +%s`) or unset it"
        )
    try:
        return dt.datetime.fromtimestamp(int(text), tz=dt.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise InputError(f"SOURCE_DATE_EPOCH={text} is out of range; set a date before the year 9999") from None

"""Writing to the user: data on standard output, messages on standard error, dates from the environment.

stdout carries only the data asked for (written with `emit`, never through rich's console for
machine formats, or drawn by the terminal writer); every message goes to stderr through `say`,
which passes it through sanitize.terminal, so no escape sequence or bidi override reaches the
terminal. What the system refuses while writing stdout is exit 74; a reader that goes away is not.
"""

import os
import sys
from typing import Any, NoReturn

import typer

from mcstrat.errors import ExitCode, InputError


def say(message: str) -> None:
    """Write a message on stderr: the one way mcstrat talks to the user outside the data.

    Messages echo file names, key paths and values from user files, so every one passes
    sanitize.terminal (newlines kept): no escape sequence or bidi override reaches the terminal.
    """
    from mcstrat.sanitize import terminal

    typer.echo(terminal(message, newlines=True), err=True)


def fail(message: str, code: int = ExitCode.BAD_INPUT) -> NoReturn:
    """Print an error on stderr and exit: the only way a command reports failure."""
    say(f"Error: {message}")
    raise typer.Exit(code)


#: mcstrat's own symbols, which a stdout that cannot show them gets in ASCII (see _ascii_fallback).
_ASCII = {"█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "|", "▎": "|", "▏": "|", "✓": "v", "✗": "x"}
_ASCII.update({"—": "-", "–": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "→": "->"})
_ASCII.update({"≤": "<=", "≥": ">=", "±": "+/-", "·": "-", "•": "*", "─": "-", "│": "|"})


def stdout() -> Any:
    """The standard output to write data to; WriteError when it is closed (nothing could be written)."""
    from mcstrat.errors import WriteError

    if sys.stdout is None:
        raise WriteError("standard output is closed; nothing was written (give the output somewhere to go)")
    return sys.stdout


def written(write: Any) -> None:
    """Run WRITE, then flush stdout, turning what the system refuses into WriteError (exit 74).

    A reader that went away (EPIPE: `mcstrat models | head -1`) is not an error: the boundary
    ends quietly with 0, as for any pipe whose reader has what it wanted. A stdout that is closed
    or cannot be written (a full disk, /dev/full, a read-only descriptor) is: its data is lost.
    """
    from mcstrat.errors import WriteError
    from mcstrat.files.writing import os_reason

    try:
        write()
        stdout().flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(f"cannot write to standard output ({os_reason(exc)}); the output is incomplete") from None


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
    written(lambda: typer.echo(text, file=out))


def document(doc: Any) -> None:
    """Draw DOC (a report Document) on stdout with the terminal writer."""
    from mcstrat.report.writers.terminal import write

    out = stdout()
    written(lambda: write(doc, out))


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

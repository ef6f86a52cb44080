"""The one error hierarchy of mcstrat, and the exit codes the command line maps it to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes: documented in the README and relied on by CI scripts."""

    OK = 0
    DRIFTED = 1  # `check`: a locked decision no longer follows from its inputs (decide/check.py)
    BAD_INPUT = 2
    #: a good output path could not be written: disk full, a quota, an I/O error, stdout closed
    #: (an unwritable path, a name too long or a read-only file system is BAD_INPUT: files.writing.path_fault)
    CANNOT_WRITE = 74  # EX_IOERR of sysexits.h
    HANGUP = 129  # 128 + SIGHUP
    INTERRUPTED = 130  # 128 + SIGINT (Ctrl-C)
    TERMINATED = 143  # 128 + SIGTERM


class McstratError(Exception):
    """Base of every error the core raises; the CLI turns it into a message and an exit code.

    The message is one or more LINES, each one line of text: `InputError("several problems:",
    *problems)` is three lines for two problems. The command line writes each line on a line of
    its own and shows any line break inside one (from a file name or a value the user gave) as
    the escape \\n (sanitize.one_line), so a value can never start a line of its own. A message
    is therefore built from lines, never joined with "\\n" by the code that raises it.
    """

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines: tuple[str, ...] = lines


class InputError(McstratError):
    """Bad input from the user: a file, flag, id, answer or constraint; always exit 2."""


class WriteError(McstratError):
    """The operating system failed to write an output to a good path (disk full, an I/O error, stdout closed)."""

    exit_code = ExitCode.CANNOT_WRITE


class FileProblem(InputError):
    """A file that cannot be read or does not validate; names the file and every problem."""

    def __init__(self, path: str, problems: list[str], what: str = "file") -> None:
        self.path = path
        self.problems = problems
        self.what = what
        if len(problems) > 1:
            super().__init__(f"{path}: invalid {what}:", *(f"  - {p}" for p in problems))
        else:
            super().__init__(f"{path}: {problems[0]}")


class EndOfInput(McstratError):
    """Standard input ended while a question was waiting for an answer."""

"""Asking the questionnaire's questions in a terminal: the thin I/O layer over `mcstrat.questionnaire`.

Every prompt and all chrome go to WRITE (stderr by default) so that stdout carries only the
data asked for: `mcstrat recommend --format json > out.json` still gives clean JSON.
Answers come from READ: a callable returning one line (default: the built-in `input`, called
without a prompt) or a text stream. End of input raises `EndOfInput`; Ctrl-C's
KeyboardInterrupt passes through untouched; the command line turns them into exit codes.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import IO

from mcstrat.catalog import Catalog
from mcstrat.errors import EndOfInput
from mcstrat.priorities import IMPORTANCE_WORDS, AnswersFile
from mcstrat.questionnaire import Answer, InvalidAnswer, Question, answers_from, applies, parse_answer, questions
from mcstrat.sanitize import terminal

#: One line of input without its newline; raises EOFError at end of input.
Reader = Callable[[], str]
WIDTH = 78
DEFAULT_SAVE_PATH = "answers.yaml"


def _reader(read: Reader | IO[str] | None) -> Reader:
    if read is None:
        return input  # no prompt argument: input() would write it to stdout
    readline = getattr(read, "readline", None)
    if readline is not None:

        def from_stream() -> str:
            line = str(readline())
            if line == "":
                raise EOFError
            return line.rstrip("\r\n")

        return from_stream
    if callable(read):
        return read
    raise TypeError(f"read must be a callable or a text stream, not {type(read).__name__}")


def _clean(text: str) -> str:
    """TEXT on one line, for layout; the writer (`_Terminal`) makes it safe for the terminal."""
    return " ".join(text.split())


class _Terminal:
    """Where prompts go and answers come from."""

    def __init__(self, read: Reader | IO[str] | None, write: IO[str] | None) -> None:
        self.read = _reader(read)
        self.out = write if write is not None else sys.stderr

    def say(self, text: str = "") -> None:
        # every line the questionnaire writes passes here or through ask(): labels, choices and
        # help come from the models file, so an escape sequence or bidi override must not act
        self.out.write(terminal(text, newlines=True) + "\n")

    def wrapped(self, text: str, indent: str = "  ") -> None:
        for line in textwrap.wrap(_clean(text), WIDTH, initial_indent=indent, subsequent_indent=indent):
            self.say(line)

    def ask(self, prompt: str, waiting_for: str) -> str:
        self.out.write(terminal(prompt))
        self.out.flush()
        try:
            return self.read()
        except EOFError:
            self.say()
            raise EndOfInput(
                f"standard input ended while waiting for an answer to: {waiting_for}; "
                "answer in a terminal, or pass --answers FILE or importance flags"
            ) from None


def _heading(question: Question, catalog: Catalog) -> str:
    if question.criterion is not None:
        label = _clean(catalog.criterion(question.criterion).label)
        return f"{label}: target" if question.kind == "target" else label
    return {"exclude": "Models to leave out", "require": "Hard limits"}.get(question.kind, question.key)


def _choice_lines(question: Question) -> list[str]:
    if question.kind == "importance":
        names = [f"{c.value} ({IMPORTANCE_WORDS[c.value].numerator})" for c in question.choices]
    else:
        names = [_clean(c.value) for c in question.choices]
    width = max(len(n) for n in names) if names else 0
    lines = []
    for name, choice in zip(names, question.choices):
        mark = "   (default)" if choice.value == question.default else ""
        lines.append(f"    {name.ljust(width)}  {_clean(choice.label)}{mark}".rstrip())
    return lines


def _how_to_answer(question: Question) -> str:
    if question.kind == "importance":
        return "Type a word (or its first letter) or a number from 0 to 5."
    if question.kind == "target":
        return "Type one of the levels, or none."
    if question.kind == "exclude":
        return "Model ids:"
    return "Criteria and their levels:"


def _shown_default(question: Question) -> str:
    if question.default:
        return question.default
    return "keep all" if question.kind == "exclude" else "no limits"


def describe(question: Question, catalog: Catalog, number: int, total: int) -> list[str]:
    """The lines that present QUESTION: heading, question, help and choices (without the prompt)."""
    lines = ["", f"({number} of {total}) {_heading(question, catalog)}", _clean(question.text)]
    lines += textwrap.wrap(_clean(question.help), WIDTH, initial_indent="  ", subsequent_indent="  ")
    lines.append(f"  {_how_to_answer(question)}")
    lines += _choice_lines(question)
    return lines


def run_questionnaire(
    catalog: Catalog,
    *,
    read: Reader | IO[str] | None = None,
    write: IO[str] | None = None,
    name: str | None = None,
) -> AnswersFile:
    """Ask every question for CATALOG, re-asking invalid answers, and return the answers file they make."""
    term = _Terminal(read, write)
    qs = questions(catalog)
    responses: dict[str, Answer] = {}
    term.say("A few questions about your institution's priorities. Press Enter to take the [default];")
    term.say("Ctrl-C stops without saving anything.")
    asked = 0
    for index, question in enumerate(qs):
        if not applies(question, responses):
            continue
        total = asked + sum(1 for q in qs[index:] if applies(q, responses))
        asked += 1
        for line in describe(question, catalog, asked, total):
            term.say(line)
        while True:
            text = term.ask(f"Answer [{_shown_default(question)}]: ", _clean(question.text))
            try:
                value = parse_answer(question, text, responses)
            except InvalidAnswer as exc:
                term.wrapped(f"! {exc.hint}")
                continue
            break
        responses[question.key] = value
        shown = _shown(value)
        if text.strip().lower() != shown.lower() and text.strip():
            term.say(f"  = {shown}")
        if question.kind == "target" and value is None:
            term.say("  No target: this criterion is left out, so its importance is not asked.")
    answers = answers_from(catalog, responses, name=name)
    term.say()
    return answers


def _shown(value: Answer) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    return str(value)


# -- saving ---------------------------------------------------------------------------------


def confirm_save(*, read: Reader | IO[str] | None = None, write: IO[str] | None = None) -> bool:
    """Ask whether to save the answers; the default is no."""
    term = _Terminal(read, write)
    term.say()
    while True:
        text = (
            term.ask("Save these answers to a file, to replay them later? [y/N]: ", "save the answers?").strip().lower()
        )
        if text in ("", "n", "no"):
            return False
        if text in ("y", "yes"):
            return True
        term.say("  ! answer y or n (Enter for no)")


def _free_name(default: str) -> str:
    """DEFAULT, or DEFAULT with -2, -3... before its suffix when that file already exists."""
    path = Path(default)
    for n in range(2, 100):
        if not path.exists():
            break
        path = Path(default).with_stem(f"{Path(default).stem}-{n}")
    return str(path)


def _path_problem(path: Path) -> str | None:
    if path.is_dir():
        return f"{path} is a folder; give a file name such as {Path(path, DEFAULT_SAVE_PATH)}"
    if path.exists():
        return f"{path} already exists; give another name (nothing is overwritten here)"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"folder {parent} does not exist; create it first or choose another place"
    return None


def ask_save_path(
    *, read: Reader | IO[str] | None = None, write: IO[str] | None = None, default: str = DEFAULT_SAVE_PATH
) -> Path:
    """Ask where to save; re-asks until the answer names a new file in an existing folder."""
    term = _Terminal(read, write)
    suggestion = _free_name(default)
    while True:
        text = term.ask(f"File to save to [{suggestion}]: ", "the file to save to").strip()
        path = Path(text or suggestion).expanduser()
        problem = _path_problem(path)
        if problem is None:
            return path
        term.wrapped(f"! {problem}")


def offer_save(
    *, read: Reader | IO[str] | None = None, write: IO[str] | None = None, default: str = DEFAULT_SAVE_PATH
) -> Path | None:
    """Offer to save the answers: None when declined, else a path that does not exist yet."""
    if not confirm_save(read=read, write=write):
        return None
    return ask_save_path(read=read, write=write, default=default)


__all__ = [
    "DEFAULT_SAVE_PATH",
    "Reader",
    "ask_save_path",
    "confirm_save",
    "describe",
    "offer_save",
    "run_questionnaire",
]

"""Asking the questionnaire's questions in a terminal: the thin I/O layer over `mcstrat.core.questionnaire`.

Every prompt and all chrome go to WRITE (stderr by default) so that stdout carries only the
data asked for: `mcstrat recommend --format json > out.json` still gives clean JSON.
Answers come from READ: a callable returning one line (default: the built-in `input`, called
without a prompt) or a text stream. End of input raises `EndOfInput`; Ctrl-C's
KeyboardInterrupt passes through untouched; the command line turns them into exit codes.

At any question, ``?`` explains it (`core.questionnaire.explanation`: a criterion in the table's
terms and how the answer is used, not the question again) and ``back`` returns to the previous
question. After the last question a summary of the answers is shown: Enter ranks with them, a
number asks that question again (and any question the change brings in). Text is wrapped to the
terminal's width (`cli.output.width`: ``COLUMNS`` when set), never narrower than 40 columns, and
never inside a word: an id such as ``sole-institution`` is not broken at its hyphen.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import IO

from mcstrat.cli.output import width
from mcstrat.core.catalog import Catalog
from mcstrat.core.questionnaire import (
    ALL_EQUAL,
    SWING_TOP_KEY,
    Answer,
    InvalidAnswer,
    Question,
    answers_from,
    applies,
    explanation,
    parse_answer,
    questions,
    stale,
    swing_criteria,
)
from mcstrat.core.statement import AnswersFile
from mcstrat.core.vocabulary import IMPORTANCE_WORDS, Weighting
from mcstrat.errors import EndOfInput
from mcstrat.sanitize import terminal

#: One line of input without its newline; raises EOFError at end of input.
Reader = Callable[[], str]
DEFAULT_SAVE_PATH = "answers.yaml"
DEFAULT_RECORD_PATH = "decision.md"
BACK = "back"
HELP = "?"


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

    def wrapped(self, text: str, indent: str = "  ", hang: str | None = None) -> None:
        """TEXT wrapped to the terminal, its lines indented by INDENT (after the first, by HANG when given)."""
        later = indent if hang is None else hang
        for line in textwrap.wrap(
            _clean(text), width(), initial_indent=indent, subsequent_indent=later, break_on_hyphens=False
        ):
            self.say(line)

    def ask(self, prompt: str, waiting_for: str) -> str:
        body = prompt.rstrip()
        # a long prompt breaks between words, never inside one (an id's hyphen included)
        lines = textwrap.wrap(body, width(), break_on_hyphens=False) or [body]
        for line in lines[:-1]:
            self.say(line)
        self.out.write(terminal(lines[-1] + prompt[len(body) :]))
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
        return {"target": f"{label}: target", "swing": f"{label}: swing"}.get(question.kind, label)
    return {
        "exclude": "Models to leave out",
        "require": "Hard limits",
        "name": "Your name",
        "weighting": "How to give priorities",
        "ranking": "Ranking the criteria",
        "swing_top": "The change that matters most",
    }.get(question.kind, question.key)


def _choice_lines(question: Question) -> list[str]:
    if question.kind == "importance":
        names = [f"{c.value} ({IMPORTANCE_WORDS[c.value]})" for c in question.choices]
    else:
        names = [_clean(c.value) for c in question.choices]
    most = max(len(n) for n in names) if names else 0
    hang = " " * (4 + most + 2 if width() - (4 + most + 2) >= 20 else 6)  # labels wrap under labels
    lines = []
    for name, choice in zip(names, question.choices):
        mark = "   (default)" if choice.value == question.default else ""
        line = f"    {name.ljust(most)}  {_clean(choice.label)}{mark}".rstrip()
        lines += (
            textwrap.wrap(line, width(), subsequent_indent=hang, break_on_hyphens=False)
            if len(line) > width()
            else [line]
        )
    return lines


def _how_to_answer(question: Question) -> str:
    if question.kind == "importance":
        return "Type a word (or its first letter), a number from 0 to 5, or a range such as 3-4 (somewhere between)."
    if question.kind == "swing":
        return "Type points from 0 to 100, or a range such as 60-80 (somewhere between)."
    if question.kind == "target":
        return "Type one of the levels, or none."
    if question.kind == "exclude":
        return "Model ids:"
    if question.kind == "weighting":
        return "Type one of the ways (or its first letter):"
    if question.kind == "ranking":
        return "Criteria:"
    if question.kind == "swing_top":
        return "Type the criterion whose change matters most (100 points), or press Enter if they all matter the same:"
    if question.kind == "name":
        return ""
    return "Limits, in words or as symbols (low, medium, high name LOW, MED, HIGH):"


def _shown_default(question: Question) -> str:
    if question.default:
        return question.default
    return {"exclude": "keep all", "name": "skip", "ranking": "all equal"}.get(question.kind, "no limits")


def describe(question: Question, catalog: Catalog, number: int, total: int) -> list[str]:
    """The lines that present QUESTION: heading, question, help and choices (without the prompt)."""
    lines = [
        "",
        *textwrap.wrap(f"({number} of {total}) {_heading(question, catalog)}", width(), break_on_hyphens=False),
    ]
    lines += textwrap.wrap(_clean(question.text), width(), break_on_hyphens=False)
    lines += textwrap.wrap(
        _clean(question.help), width(), initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )
    how = _how_to_answer(question)
    if how:
        lines += textwrap.wrap(how, width(), initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
    return lines + _choices(question)


def _choices(question: Question) -> list[str]:
    """The choices of QUESTION, wrapped to the terminal (shown with the question and again after ``?``)."""
    if question.kind in ("weighting", "swing_top"):
        return [
            line
            for c in question.choices
            for line in textwrap.wrap(
                _clean(f"{c.value}: {c.label}{'   (default)' if c.value == question.default else ''}"),
                width(),
                initial_indent="    ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
        ]
    return _choice_lines(question)


def run_questionnaire(
    catalog: Catalog,
    *,
    read: Reader | IO[str] | None = None,
    write: IO[str] | None = None,
    name: str | None = None,
) -> AnswersFile:
    """Ask every question for CATALOG, re-asking invalid answers, and return the answers file they make.

    ``?`` repeats a question's help, ``back`` returns to the previous question, and a summary
    lets the person confirm or change any answer before the answers are made."""
    term = _Terminal(read, write)
    responses: dict[str, Answer] = {}
    term.wrapped(
        "A few questions about your institution's priorities. Press Enter to take the [default]; "
        f"type {HELP} for help on a question, {BACK} to go back. Ctrl-C stops without saving anything.",
        indent="",
    )
    history: list[str] = []  # keys of the questions answered, in the order asked
    left: dict[str, Answer] = {}  # answers of questions gone back over: Enter keeps them when asked again
    key: str | None = _next_key(catalog, responses, None, fill=False)
    editing = False
    while True:
        while key is not None:
            qs = questions(catalog, responses)
            question = next(q for q in qs if q.key == key)
            asked = _asked_keys(catalog, _counted(catalog, responses))
            number = asked.index(key) + 1 if key in asked else len(asked) + 1
            for line in describe(question, catalog, number, len(asked)):
                term.say(line)
            before = responses if key in responses else left
            outcome = _ask_one(term, question, responses, (before[key],) if key in before else None)
            if outcome is None:  # back
                if history:
                    key = history.pop()
                    if key in responses:
                        left[key] = responses.pop(key)
                else:
                    term.say("  (this is the first question)")
                continue
            responses[key] = outcome[0]
            history.append(key)
            for moot in stale(catalog, responses):  # e.g. a new target leaves the chosen swing at no range
                left.pop(moot, None)
                responses.pop(moot)
                term.wrapped(
                    f"(your answer to {_heading(_question(catalog, responses, moot), catalog)} no longer "
                    "fits; it is asked again)",
                    indent="  ",
                )
            key = _next_key(catalog, responses, key, fill=editing)
        change = _summary(term, catalog, responses)
        if change is None:
            break
        key, editing = change, True
    answers = answers_from(catalog, _current(catalog, responses), name=name)
    term.say()
    return answers


def _question(catalog: Catalog, responses: dict[str, Answer], key: str) -> Question:
    return next(q for q in questions(catalog, responses) if q.key == key)


def _ask_one(
    term: _Terminal, question: Question, responses: dict[str, Answer], current: tuple[Answer] | None = None
) -> tuple[Answer] | None:
    """(the answer,) to QUESTION, asking until it is valid; None when the person typed back.

    CURRENT is the answer already given, when the question is asked again (after ``back`` or from
    the summary): it is shown as the default and Enter keeps it.
    """
    again = None if current is None else "" if current[0] is None and question.kind == "name" else _shown(current[0])
    shown = again or _shown_default(question)
    while True:
        text = term.ask(f"Answer [{shown}]: ", _clean(question.text))
        if not text.strip() and again is not None:
            text = again  # Enter keeps the answer given, checked again against the answers now
        word = text.strip().lower()
        if word == BACK:
            return None
        if word == HELP:
            for line in explanation(question, responses):
                if line.startswith("- "):
                    term.wrapped(line, indent="  ", hang="    ")
                else:
                    term.wrapped(line)
            term.wrapped(f"Press Enter for [{shown}]; type {BACK} for the previous question.")
            continue
        try:
            value = parse_answer(question, text, responses)
        except InvalidAnswer as exc:
            term.wrapped(f"! {exc.hint}")
            continue
        shown = _shown(value)
        if text.strip().lower() != shown.lower() and text.strip():
            term.wrapped(f"= {shown}")
        if question.kind == "target" and value is None:
            term.wrapped("No target: this criterion is left out, so it is not asked about.")
        return (value,)


def _asked_keys(catalog: Catalog, responses: dict[str, Answer]) -> list[str]:
    """Keys of the questions that apply, given RESPONSES (unanswered ones at their defaults)."""
    keys: list[str] = []
    for q in questions(catalog, responses):
        if applies(q, responses):
            keys.append(q.key)
    return keys


def _counted(catalog: Catalog, responses: dict[str, Answer]) -> dict[str, Answer]:
    """RESPONSES for numbering '(n of total)': a swing pick still to come counts as one change chosen, so
    the total does not jump when the other changes are asked about."""
    if responses.get("weighting") != Weighting.swing or SWING_TOP_KEY in responses:
        return responses
    differ = swing_criteria(catalog, responses)
    return {**responses, SWING_TOP_KEY: differ[0]} if differ else responses


def _next_key(catalog: Catalog, responses: dict[str, Answer], after: str | None, *, fill: bool) -> str | None:
    """The next question to ask after AFTER; with FILL, only questions not answered yet (after an edit)."""
    keys = _asked_keys(catalog, responses)
    start = keys.index(after) + 1 if after in keys else 0
    for key in keys[start:] if not fill else keys:
        if not fill or key not in responses:
            return key
    return None


def _current(catalog: Catalog, responses: dict[str, Answer]) -> dict[str, Answer]:
    """RESPONSES to the questions that still apply (an answer made moot by a later change is dropped)."""
    keys = set(_asked_keys(catalog, responses))
    return {k: v for k, v in responses.items() if k in keys}


def _summary(term: _Terminal, catalog: Catalog, responses: dict[str, Answer]) -> str | None:
    """Show the answers; None to go on, or the key of a question to ask again."""
    keys = _asked_keys(catalog, responses)
    by_key = {q.key: q for q in questions(catalog, responses)}
    term.say()
    term.say("Your answers:")
    for i, key in enumerate(keys, 1):
        value = responses.get(key)
        shown = _shown(value)
        if key == SWING_TOP_KEY:
            shown += " (100 points each)" if value == ALL_EQUAL else " (100 points)"
        term.wrapped(f"{i:>2}. {_heading(by_key[key], catalog)}: {shown}", indent="  ")
    while True:
        text = term.ask("Press Enter to rank with these answers, or type a number to change one: ", "confirm")
        word = text.strip()
        if not word:
            return None
        # the ASCII digits only, as every number mcstrat reads (core/exact.py): str.isdigit() also passes
        # '٣' (read as 3) and '³' (which int() refuses), and int() refuses more than 4,300 digits
        if word.isascii() and word.isdigit() and len(word) <= 9 and 1 <= int(word) <= len(keys):
            return keys[int(word) - 1]
        term.wrapped(f"! type a number from 1 to {len(keys)}, or press Enter")


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
    """Why PATH cannot be a new file here, or None: the checks of every output (files.writing.check_writable:
    a missing folder, no permission to write in it, a name too long) and, asked here, never replacing."""
    from mcstrat.errors import InputError
    from mcstrat.files.writing import check_writable

    try:
        if path.is_dir():
            return f"{path} is a folder; give a file name such as {Path(path, DEFAULT_SAVE_PATH)}"
        if path.exists() or path.is_symlink():
            return f"{path} already exists; give another name (nothing is overwritten here)"
    except OSError:  # a name too long, say: check_writable words it
        pass
    try:
        check_writable(path)
    except InputError as exc:
        return str(exc)
    return None


def ask_save_path(
    *,
    read: Reader | IO[str] | None = None,
    write: IO[str] | None = None,
    default: str = DEFAULT_SAVE_PATH,
    prompt: str = "File to save to",
    check: Callable[[Path], str | None] | None = None,
) -> Path:
    """Ask where to save; re-asks until the answer names a new file in an existing folder (and passes CHECK,
    which returns a hint for a name it refuses, or None)."""
    term = _Terminal(read, write)
    suggestion = _free_name(default)
    while True:
        text = term.ask(f"{prompt} [{suggestion}]: ", "the file to save to").strip()
        path = Path(text or suggestion).expanduser()
        problem = _path_problem(path)
        if problem is None and check is not None:
            problem = check(path)
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


def record_problem(path: Path) -> str | None:
    """Why PATH cannot take a decision record, as a hint to ask again with; None when it can.

    The extension names the format, as for ``--report``: .md (or .markdown), .html (or .htm) or
    .pdf; a PDF needs a Chromium or Chrome on this machine to print it.
    """
    from mcstrat.report.writers import RECORD_FORMATS
    from mcstrat.report.writers.pdf import find_browser

    kind = RECORD_FORMATS.get(path.suffix.lower())
    if kind is None:
        shown = f"{path.suffix} is" if path.suffix else "a name without an extension is"
        kinds = ".md (Markdown), .html (a web page) or .pdf"
        return f"{shown} not a record format; name the file {kinds}, e.g. {path.with_suffix('.md').name}"
    if kind == "pdf" and find_browser() is None:
        return (
            "no Chromium or Chrome was found to print a PDF here; name the file .html and print it from a browser, "
            "or .md"
        )
    return None


def offer_record(
    *, read: Reader | IO[str] | None = None, write: IO[str] | None = None, default: str = DEFAULT_RECORD_PATH
) -> Path | None:
    """Offer to write the decision record: None when declined, else a new file's path whose extension
    names a record format (.md, .html or .pdf; anything else is asked again with a hint)."""
    term = _Terminal(read, write)
    while True:
        text = (
            term.ask("Write a decision record to share (.md, .html or .pdf)? [y/N]: ", "write a decision record?")
            .strip()
            .lower()
        )
        if text in ("", "n", "no"):
            return None
        if text in ("y", "yes"):
            return ask_save_path(
                read=read,
                write=write,
                default=default,
                prompt="Record file (.md, .html or .pdf)",
                check=record_problem,
            )
        term.say("  ! answer y or n (Enter for no)")


__all__ = [
    "DEFAULT_RECORD_PATH",
    "DEFAULT_SAVE_PATH",
    "Reader",
    "ask_save_path",
    "confirm_save",
    "describe",
    "offer_record",
    "offer_save",
    "record_problem",
    "run_questionnaire",
]

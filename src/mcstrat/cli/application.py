"""The typer application: the error boundary, the help layout, global options and the entry point.

No `from __future__ import annotations` here or in the other command-line modules: typer reads
every command's signature on every run (and Tab press), and string annotations made it eval each
one twice, about 15 ms of start-up; names imported only for type checking are quoted instead.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from mcstrat.cli.output import checked, discard, fail, fit_encoding, report, say
from mcstrat.errors import ExitCode, InputError, McstratError

if TYPE_CHECKING:
    from typer._click import Context as ClickContext  # typer bundles its own click
    from typer._click import HelpFormatter


_USAGE_LIMIT = 600


class _Boundary(TyperGroup):
    """Turns the core's errors, Ctrl-C and end of input into a message and an exit code."""

    def invoke(self, ctx: "ClickContext") -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            if os.environ.get("MCSTRAT_DEBUG"):
                raise
            # SIGTERM and SIGHUP arrive as _Stopped (see main), so they clean up as Ctrl-C does
            code = exc.code if isinstance(exc, _Stopped) else ExitCode.INTERRUPTED
            say("\nInterrupted; nothing was saved.")
            raise typer.Exit(code) from None
        except McstratError as exc:
            if os.environ.get("MCSTRAT_DEBUG"):
                raise
            fail(exc)
        except BrokenPipeError:
            # the reader went away (`mcstrat models | head -1`): stop quietly, as cat does;
            # point stdout at devnull so the interpreter's final flush cannot fail again
            discard()
            raise typer.Exit(ExitCode.OK) from None
        except TyperException as exc:
            # typer's own usage errors echo the value given (`--top <250 KB>`); typer shows them
            # with control characters escaped, but whole: keep the start and the advice at the end
            if len(exc.message) > _USAGE_LIMIT:
                exc.message = exc.message[: _USAGE_LIMIT // 2] + "…" + exc.message[-_USAGE_LIMIT // 3 :]
            raise

    def resolve_command(self, ctx: "ClickContext", args: list[str]) -> Any:
        """The command to run, after refusing an option that takes one value given twice (see `_once`)."""
        name, cmd, rest = super().resolve_command(ctx, args)
        if cmd is not None and not ctx.resilient_parsing:  # not while completing a half-typed line
            _once(cmd, rest)
        return name, cmd, rest

    def format_commands(self, ctx: "ClickContext", formatter: "HelpFormatter") -> None:
        """The command list with each command's whole first line of help, wrapped, never cut with '...'."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.short_help or (cmd.help or "").strip().split("\n\n")[0].replace("\n", " ")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _once(cmd: Any, args: list[str]) -> None:
    """Refuse an option that takes one value given twice (`--risk 3 --risk 4`, `--top 3 -n 5`), naming both.

    Click keeps the last and says nothing, so the run could rank by a value the person did not
    mean; options meant to be repeated (`--answers`, `--weight`, `--exclude`...) are not affected,
    and `--weight risk=3 --risk 4` (one thing said twice by two options) is refused where the flags
    are read (cli/options.py). The scan follows click's own reading of ARGS: an option's value is
    the next word, or what follows `=` (long) or the letter (short); `--` ends the options.
    """
    from mcstrat.sanitize import clip, quoted

    takes_value: dict[str, Any] = {}
    for param in cmd.params:
        if param.param_type_name == "option" and not param.is_flag and not param.count:
            for opt in (*param.opts, *param.secondary_opts):
                takes_value[opt] = param
    seen: dict[str, tuple[str, str]] = {}
    words = iter(args)
    for word in words:
        if word == "--":
            break
        if word.startswith("--"):
            opt, has_value, value = word.partition("=")
        elif word.startswith("-") and len(word) > 1:
            opt, value = word[:2], word[2:]
            has_value = "=" if value else ""
        else:
            continue
        param = takes_value.get(opt)
        if param is None:
            continue
        if not has_value:
            value = next(words, "")
        if param.multiple:
            continue
        if param.name in seen:
            first, said = seen[param.name]
            raise InputError(
                f"{first} {quoted(clip(said, 40))} and {opt} {quoted(clip(value, 40))} both given; "
                f"give {param.opts[0]} once"
            )
        seen[param.name] = (opt, value)


# the panels of `recommend --help` (and compare's): options declared with rich_help_panel, or named here
PRIORITIES, CONSTRAINTS, ANALYSES, OUTPUT = "Priorities", "Constraints", "Analyses", "Output and files"
PANEL_ORDER = [PRIORITIES, CONSTRAINTS, ANALYSES, OUTPUT]
PANELS = {
    **dict.fromkeys(["--explain", "--robustness", "--samples", "--seed", "--spread", "--ordinal"], ANALYSES),
    "--rating-error": ANALYSES,
    **dict.fromkeys(["--stability", "--weight-space"], ANALYSES),
    **dict.fromkeys(["--top", "--save-answers", "--report", "--export-html", "--export-svg", "--force"], OUTPUT),
    "--lock": OUTPUT,
}

#: Shown under each command's --help. A new command adds its own line(s) here.
COMMAND_EXAMPLES: dict[str, list[str]] = {
    "models": ["mcstrat models", "mcstrat models --format yaml > our-models.yaml"],
    "show": ["mcstrat show mooc", "mcstrat show industry --format json"],
    "recommend": [
        "mcstrat recommend --answers examples/answers.yaml",
        "mcstrat recommend --roi critical --risk high --target-horizon H1 --explain",
        "mcstrat recommend -a answers.yaml --robustness --stability",
        "mcstrat recommend -a provost.yaml -a finance.yaml --report decision.html",
        "mcstrat recommend --group examples/committee.yaml",
        "mcstrat recommend -a answers.yaml --robustness --lock decision.lock.json",
    ],
    "compare": [
        "mcstrat compare sole mooc",
        "mcstrat compare sole mooc opx -a examples/answers.yaml",
        "mcstrat compare sole mooc -a examples/answers.yaml --report sole-vs-mooc.pdf",
    ],
    "init": [
        "mcstrat init answers.yaml",
        "mcstrat --models our-models.yaml init answers.yaml",
        "mcstrat init --group committee.yaml -a provost.yaml -a finance.yaml",
    ],
    "schema": [
        "mcstrat schema answers > answers.schema.json",
        "mcstrat schema group > group.schema.json",
        "mcstrat schema lock > lock.schema.json",
    ],
    "validate": [
        "mcstrat validate answers.yaml",
        "mcstrat validate our-models.yaml",
        "mcstrat validate committee.yaml",
        "mcstrat validate decisions/*.yaml --format github",
    ],
    "check": [
        "mcstrat check decision.lock.json",
        "mcstrat check --fail-on ranking --format github",
        "mcstrat check decision.lock.json --update",
    ],
    "why-not": [
        "mcstrat why-not mooc --answers examples/answers.yaml",
        "mcstrat why-not opx -a provost.yaml -a finance.yaml --format json",
    ],
}


class _Command(TyperCommand):
    """A command whose --help groups its options in panels (typer's rich_help_panel) and ends with examples.

    Plain click help, not typer's rich help: `--help` stays at the start-up floor (rich is never
    imported) and reads the same in a pipe. An option declared without a panel takes the one
    PANELS names for it, else "Options"; a number option without a metavar shows N.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            number = getattr(param.type, "name", "") in ("integer", "float", "int range", "float range")
            if param.param_type_name == "option" and param.metavar is None and number:
                param.metavar = "N"

    def format_options(self, ctx: "ClickContext", formatter: "HelpFormatter") -> None:
        args: list[tuple[str, str]] = []
        panels: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append(record)
            else:
                panel = getattr(param, "rich_help_panel", None) or PANELS.get(param.opts[0], "Options")
                panels.setdefault(panel, []).append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        order = [*PANEL_ORDER, *(p for p in panels if p not in PANEL_ORDER and p != "Options"), "Options"]
        for name in order:
            rows = panels.get(name, [])
            if rows:
                with formatter.section(name):
                    formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx: "ClickContext") -> list[str]:
        """Usage with plain metavars: `show [OPTIONS] ID`, not typer's `{ID}`."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            var = param.make_metavar(ctx)
            pieces.append(var if param.required or var.startswith("[") else f"[{var}]")
        return pieces

    def format_epilog(self, ctx: "ClickContext", formatter: "HelpFormatter") -> None:
        super().format_epilog(ctx, formatter)
        examples = COMMAND_EXAMPLES.get(self.name or "")
        if examples:
            with formatter.section("Examples" if len(examples) > 1 else "Example"):
                for line in examples:
                    formatter.write_text("\b\n" + line)


_F = TypeVar("_F", bound=Callable[..., Any])


class _App(typer.Typer):
    """typer.Typer whose commands are _Command unless they ask for another class."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[_F], _F]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


EXAMPLES = """\
\b
Examples:
  mcstrat models                    all models side by side
  mcstrat show mooc                 one model's card (a prefix is enough)
  mcstrat recommend                 answer a few questions (in a terminal)
  mcstrat recommend --answers examples/answers.yaml
  mcstrat recommend --roi critical --risk high --target-horizon H1 --explain
  mcstrat recommend -a answers.yaml --robustness --stability
  mcstrat recommend -a provost.yaml -a finance.yaml --report decision.html
  mcstrat compare sole mooc -a answers.yaml
  mcstrat why-not mooc -a answers.yaml    why is the MOOC route not first?
  mcstrat init answers.yaml         a commented answers file to edit
"""

app = _App(
    cls=_Boundary,
    help="Choose how to offer micro-credentials: rank the business models of Brown, McGreal & Peters (2023), "
    "Table 2, against your institution's priorities.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"mcstrat {version('mcstrat')}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    models: Annotated[
        Path | None,
        typer.Option(
            "--models",
            metavar="FILE",
            help="Use your own models file instead of Table 2 (same format).",
            readable=False,  # mcstrat's reader says why a file cannot be read, in its words
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = {"models": models}


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is so it cleans up as Ctrl-C does."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _on_signal(signum: int, frame: Any) -> None:
    import signal

    # a second signal while cleaning up must not interrupt the cleanup
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise _Stopped(ExitCode.TERMINATED if signum == signal.SIGTERM else ExitCode.HANGUP)


def main() -> None:
    """Entry point of the `mcstrat` script and `python -m mcstrat`."""
    import signal

    from mcstrat.cli.startup import freeze_at_exit

    freeze_at_exit()

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
            signal.signal(sig, _on_signal)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            fit_encoding(stream)
    # numpy's OpenBLAS starts a thread per core when numpy is first imported; mcstrat's matrices are
    # small, so those threads only cost start-up (0.15 s of --robustness on the 20 x 15 x 30
    # decision, measured) and never speed it up; the results are the same. A user's own setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if sys.stdout is not None:
        sys.stdout = checked(sys.stdout)  # click's help, the version and completions too: every byte counted
    completing = bool(os.environ.get(_COMPLETE))
    if completing:
        _check_completion()
    _build_only(_invoked_command(sys.argv[1:]))
    try:
        app(prog_name="mcstrat")
    except McstratError as exc:  # outside a command (help, --version, completions): writing stdout failed
        if os.environ.get("MCSTRAT_DEBUG"):
            raise
        report(exc)
        sys.exit(exc.exit_code)
    except Exception:
        if not completing or os.environ.get("MCSTRAT_DEBUG"):
            raise
        # typer reads the request itself; what _check_completion cannot foresee is still one line
        say(f"Error: shell completion could not read its request; {_REINSTALL}")
        sys.exit(ExitCode.BAD_INPUT)


#: The variable that asks for shell completion (typer's `_<PROG>_COMPLETE`), and the fix for a bad request.
_COMPLETE = "_MCSTRAT_COMPLETE"
_REINSTALL = "reinstall completion with `mcstrat --install-completion`, or unset " + _COMPLETE


def _check_completion() -> None:
    """Refuse a completion request typer could not read, with one line on stderr and exit 2.

    A shell sets these variables right; set by hand or by a stale script they can be anything,
    and typer reads them unchecked (a traceback for COMP_CWORD=abc, an unknown shell's name
    echoed raw). The command line checks them first, as any environment setting.
    """
    from mcstrat.cli.completion import request_problem

    problem = request_problem(os.environ, _COMPLETE)
    if problem is not None:
        say(f"Error: {problem}; {_REINSTALL}")
        sys.exit(ExitCode.BAD_INPUT)


def _invoked_command(args: list[str]) -> str | None:
    """The name of the command ARGS run (`recommend` in `mcstrat --models F recommend -a x`), or None.

    None for anything else: the top-level help, `--version`, shell completion, an unknown or
    missing command; then every command is built, so lists and suggestions stay whole.
    """
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return None
    names = {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}
    rest = iter(args)
    for arg in rest:
        if arg == "--models":
            next(rest, None)  # its FILE, which may be named like a command
        elif arg.startswith("-"):
            if arg in ("--help", "-h", "--version"):
                return None
        else:
            return arg if arg in names else None
    return None


def _build_only(name: str | None) -> None:
    """Let typer build only the command being run: it turns every registered command's signature into
    click parameters on each run (about 3 ms for mcstrat's eight, on every command and Tab press)."""
    if name is not None:
        app.registered_commands = [
            info
            for info in app.registered_commands
            if (info.name or (info.callback.__name__ if info.callback else "")) == name
        ]

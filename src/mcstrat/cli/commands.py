"""The command line: parses options, calls the library, renders, and maps errors to exit codes.

Imports are lazy: each command pays only for what it uses (`--version` loads neither pydantic
nor rich; `--format json` never loads rich).

No `from __future__ import annotations` here: typer reads every command's signature on every
run (and Tab press), and string annotations made it eval each one twice, about 15 ms of
start-up; names imported only for type checking are quoted instead.
"""

# isort: off
import mcstrat.cli.startup  # noqa: F401  # first: fewer garbage collections while starting up

# isort: on
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from mcstrat.errors import ExitCode, InputError, McstratError

if TYPE_CHECKING:
    from typer._click import Context as ClickContext  # typer bundles its own click
    from typer._click import HelpFormatter

    from mcstrat.core.catalog import Catalog
    from mcstrat.core.statement import LoadedAnswers, Overrides
    from mcstrat.files.writing import Outputs


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


#: The robustness defaults (resolved in `analysis_options`, the one place they apply).
SAMPLES = 10_000
SEED = 1
SPREAD = 1.0


class WeightSpace(str, Enum):
    order = "order"
    free = "free"
    local = "local"


class RangeMode(str, Enum):
    midpoint = "midpoint"
    optimistic = "optimistic"
    pessimistic = "pessimistic"


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
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            # the reader went away (`mcstrat models | head -1`): stop quietly, as cat does;
            # point stdout at devnull so the interpreter's final flush cannot fail again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK) from None
        except TyperException as exc:
            # typer's own usage errors echo the value given (`--top <250 KB>`); typer shows them
            # with control characters escaped, but whole: keep the start and the advice at the end
            if len(exc.message) > _USAGE_LIMIT:
                exc.message = exc.message[: _USAGE_LIMIT // 2] + "…" + exc.message[-_USAGE_LIMIT // 3 :]
            raise

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


# the panels of `recommend --help` (and compare's): options declared with rich_help_panel, or named here
PRIORITIES, CONSTRAINTS, ANALYSES, OUTPUT = "Priorities", "Constraints", "Analyses", "Output and files"
PANEL_ORDER = [PRIORITIES, CONSTRAINTS, ANALYSES, OUTPUT]
PANELS = {
    **dict.fromkeys(["--explain", "--robustness", "--samples", "--seed", "--spread", "--ordinal"], ANALYSES),
    **dict.fromkeys(["--stability", "--weight-space"], ANALYSES),
    **dict.fromkeys(["--top", "--save-answers", "--report", "--export-html", "--export-svg", "--force"], OUTPUT),
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
    ],
    "compare": [
        "mcstrat compare sole mooc",
        "mcstrat compare sole mooc opx -a examples/answers.yaml",
        "mcstrat compare sole mooc -a examples/answers.yaml --report sole-vs-mooc.pdf",
    ],
    "init": ["mcstrat init answers.yaml", "mcstrat --models our-models.yaml init answers.yaml"],
    "schema": ["mcstrat schema answers > answers.schema.json"],
    "validate": ["mcstrat validate answers.yaml", "mcstrat validate our-models.yaml"],
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
        typer.Option("--models", metavar="FILE", help="Use your own models file instead of Table 2 (same format)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = {"models": models}


def _catalog(ctx: typer.Context) -> "Catalog":
    from mcstrat.files.models import load_catalog_digest

    obj = ctx.find_root().obj
    catalog, obj["models_sha256"] = load_catalog_digest(obj["models"])
    return catalog


#: The narrowest terminal view drawn: COLUMNS=0 or a tiny window would otherwise give no output.
MIN_WIDTH = 40
#: mcstrat's own symbols, which a stdout that cannot show them gets in ASCII (see _ascii_fallback).
_ASCII = {"█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "|", "▎": "|", "▏": "|", "✓": "v", "✗": "x"}
_ASCII.update({"—": "-", "–": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "→": "->"})
_ASCII.update({"≤": "<=", "≥": ">=", "±": "+/-", "·": "-", "•": "*", "─": "-", "│": "|"})


def _stdout() -> Any:
    """The standard output to write data to; WriteError when it is closed (nothing could be written)."""
    from mcstrat.errors import WriteError

    if sys.stdout is None:
        raise WriteError("standard output is closed; nothing was written (give the output somewhere to go)")
    return sys.stdout


def _written(write: Any) -> None:
    """Run WRITE, then flush stdout, turning what the system refuses into WriteError (exit 74).

    A reader that went away (EPIPE: `mcstrat models | head -1`) is not an error: the boundary
    ends quietly with 0, as for any pipe whose reader has what it wanted. A stdout that is closed
    or cannot be written (a full disk, /dev/full, a read-only descriptor) is: its data is lost.
    """
    from mcstrat.errors import WriteError
    from mcstrat.files.writing import os_reason

    try:
        write()
        _stdout().flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(f"cannot write to standard output ({os_reason(exc)}); the output is incomplete") from None


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: mcstrat's symbols in ASCII, anything else '?', on a stdout that cannot show them."""
    assert isinstance(error, UnicodeEncodeError)
    bad = error.object[error.start : error.end]
    return "".join(_ASCII.get(char, "?") for char in bad), error.end


def _fit_encoding(stream: Any) -> None:
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


def _emit(text: str, exact: bool = False) -> None:
    """Write machine output to stdout (never through rich: it would wrap lines and eat [markup]).

    EXACT (JSON) output keeps its meaning on a stdout that cannot show every character:
    characters outside ASCII are written as JSON's \\u escapes rather than replaced.
    """
    out = _stdout()
    if exact:
        try:
            text.encode(out.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            from mcstrat.sanitize import json_ascii

            text = json_ascii(text)
    _written(lambda: typer.echo(text, file=out))


def _emit_data(fmt: OutputFormat, data: Any, csv: Callable[[Any], str], markdown: Callable[[Any], str]) -> None:
    """DATA (a command's JSON-shaped result) on stdout as FMT: JSON (exact), CSV or Markdown."""
    from mcstrat.report.formats import to_json

    render = {OutputFormat.json: to_json, OutputFormat.csv: csv, OutputFormat.markdown: markdown}[fmt]
    _emit(render(data), exact=fmt is OutputFormat.json)


# -- shell completion ----------------------------------------------------------------------
# Typer runs mcstrat on every Tab press. These completers read the catalogue in use (the one
# --models names on the command line so far, else Table 2) from the cache of validated files,
# and never fail: a missing or broken models file completes nothing, with no message.
# Attach them with typer.Option(..., autocompletion=complete_model_ids) and so on.


def _completion_catalog(ctx: typer.Context) -> "Catalog | None":
    try:
        from mcstrat.files.models import load_catalog

        return load_catalog(ctx.find_root().params.get("models"))
    except Exception:  # a broken file, or anything else: no completions rather than a traceback
        return None


def complete_model_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Model ids starting with INCOMPLETE (case-insensitive), for arguments and options taking an ID."""
    catalog = _completion_catalog(ctx)
    if catalog is None:
        return []
    given = ctx.params.get("model_ids") or ctx.params.get("exclude") or []
    chosen = set(given) if isinstance(given, (list, tuple)) else set()
    return [mid for mid in catalog.model_ids if mid.startswith(incomplete.lower()) and mid not in chosen]


def complete_criterion_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Criterion ids starting with INCOMPLETE, for options taking a CRITERION."""
    catalog = _completion_catalog(ctx)
    if catalog is None:
        return []
    return [cid for cid in catalog.criterion_ids if cid.startswith(incomplete.lower())]


def complete_criterion_pairs(ctx: typer.Context, incomplete: str) -> list[str]:
    """`CRITERION=` for options taking CRITERION=VALUE (--weight): the criterion part, ready for the value."""
    if "=" in incomplete:
        return []
    return [f"{cid}=" for cid in complete_criterion_ids(ctx, incomplete)]


def complete_target_pairs(ctx: typer.Context, incomplete: str) -> list[str]:
    """`CRITERION=LEVEL` for --target: target criteria, then the levels of the one named."""
    catalog = _completion_catalog(ctx)
    if catalog is None:
        return []
    targets = [c for c in catalog.criteria if c.direction == "target"]
    key, sep, level = incomplete.partition("=")
    if not sep:
        return [f"{c.id}=" for c in targets if c.id.startswith(key.lower())]
    return [
        f"{c.id}={lv}" for c in targets if c.id == key.lower() for lv in c.scale if lv.lower().startswith(level.lower())
    ]


def _print_view(renderable: Any) -> None:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 here; let the boundary end quietly with 0, as for machine formats
            raise BrokenPipeError

    out = _stdout()
    console = _Console(highlight=False, soft_wrap=False, emoji=False, file=out)
    if console.width < MIN_WIDTH:
        console = _Console(highlight=False, soft_wrap=False, emoji=False, file=out, width=MIN_WIDTH)
    _written(lambda: console.print(renderable))


FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="Output format: table, json, csv or markdown.", rich_help_panel=OUTPUT
    ),
]


# -- models and show ----------------------------------------------------------------------


class ModelsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"


@app.command()
def models(
    ctx: typer.Context,
    fmt: Annotated[
        ModelsFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: table, json, csv, markdown, or yaml (a models file to start your own from).",
        ),
    ] = ModelsFormat.table,
) -> None:
    """List every business model with its ratings, side by side."""
    catalog = _catalog(ctx)
    if fmt is ModelsFormat.table:
        from mcstrat.report.render import models_view

        _print_view(models_view(catalog))
        return
    from mcstrat.report import formats

    if fmt is ModelsFormat.yaml:
        from mcstrat.files.models import default_path

        custom = ctx.find_root().obj["models"]
        shipped = None if custom is not None else default_path().read_text(encoding="utf-8")
        _emit(formats.models_yaml(catalog, shipped=shipped, source_name=str(custom) if custom else None))
        return
    render = {
        ModelsFormat.json: formats.models_json,
        ModelsFormat.csv: formats.models_csv,
        ModelsFormat.markdown: formats.models_markdown,
    }[fmt]
    _emit(render(catalog), exact=fmt is ModelsFormat.json)


@app.command()
def show(
    ctx: typer.Context,
    model_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Model id, or a unique prefix of one (e.g. mooc).", autocompletion=complete_model_ids
        ),
    ],
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Show one model's card: ratings with their meaning, strengths, weaknesses, source."""
    catalog = _catalog(ctx)
    model = catalog.resolve_model(model_id)
    if fmt is OutputFormat.table:
        from mcstrat.report.render import show_view

        _print_view(show_view(catalog, model))
        return
    from mcstrat.report import formats

    render = {
        OutputFormat.json: formats.show_json,
        OutputFormat.csv: formats.show_csv,
        OutputFormat.markdown: formats.show_markdown,
    }[fmt]
    _emit(render(catalog, model), exact=fmt is OutputFormat.json)


# -- priorities shared by recommend and compare -------------------------------------------

_IMP = "Importance 0-5 or none|low|medium|high|critical."
Imp = Annotated[str | None, typer.Option(metavar="LEVEL", help=_IMP, show_default=False, rich_help_panel=PRIORITIES)]
_CRITERION_FLAGS = ("effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi")


def _pairs(values: list[str], flag: str, what: str) -> list[tuple[str, str]]:
    from mcstrat.sanitize import quoted

    out = []
    for text in values:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{flag}: expected CRITERION={what}, got {quoted(text)}; e.g. {flag} risk=4")
        out.append((key.strip(), value.strip()))
    return out


def _overrides(
    named: dict[str, str | None],
    weight: list[str],
    target_horizon: str | None,
    target: list[str],
    exclude: list[str],
    require: list[str],
    ranges: RangeMode | None,
    swing: list[str] | None = None,
    ranking: str | None = None,
) -> "Overrides":
    from mcstrat.core.statement import Overrides
    from mcstrat.core.vocabulary import RangeMode as Mode
    from mcstrat.sanitize import clip

    flags = Overrides(exclude=list(exclude), require=list(require), ranges=Mode(ranges.value) if ranges else None)
    for key, value in _pairs(swing or [], "--swing", "POINTS"):
        flags.swing[key] = (value, f"--swing {clip(key)}")  # the origin named in messages
    if ranking is not None:
        flags.ranking = (ranking, "--ranking")
    for key, value in _pairs(weight, "--weight", "N"):
        flags.importances[key] = (value, f"--weight {clip(key)}")  # the origin named in messages
    for key, given in named.items():
        if given is not None:
            flags.importances[key] = (given, f"--{key}")
    for key, level in _pairs(target, "--target", "LEVEL"):
        flags.targets[key] = (level, f"--target {clip(key)}")
    if target_horizon is not None:
        flags.targets["horizon"] = (target_horizon, "--target-horizon")
    return flags


SwingOpt = Annotated[
    list[str],
    typer.Option(
        "--swing",
        metavar="CRITERION=POINTS",
        help="Swing weighting: points 0-100 for a criterion's swing from its worst to its best level among the "
        "models (repeatable; not with importance flags).",
        show_default=False,
        rich_help_panel=PRIORITIES,
        autocompletion=complete_criterion_pairs,
    ),
]
RankingOpt = Annotated[
    str | None,
    typer.Option(
        "--ranking",
        metavar="'A > B = C'",
        help="Rank the criteria's swings, best first, '=' for ties (rank-order-centroid weights).",
        show_default=False,
        rich_help_panel=PRIORITIES,
    ),
]
AnswersOpt = Annotated[
    list[Path],
    typer.Option(
        "--answers",
        "-a",
        metavar="FILE",
        help="Answers file (YAML or JSON). Repeat for a group: one file per stakeholder.",
        show_default=False,
        rich_help_panel=PRIORITIES,
    ),
]
WeightOpt = Annotated[
    list[str],
    typer.Option(
        "--weight",
        "-w",
        metavar="CRITERION=N",
        help="Importance of any criterion (repeatable).",
        show_default=False,
        autocompletion=complete_criterion_pairs,
        rich_help_panel=PRIORITIES,
    ),
]
TargetHorizonOpt = Annotated[
    str | None,
    typer.Option(
        "--target-horizon",
        metavar="H1|H2|H3",
        help="Horizon you plan for: H1 extend the core now, H2 build emerging business, H3 seed long-term options.",
        show_default=False,
        rich_help_panel=PRIORITIES,
    ),
]
TargetOpt = Annotated[
    list[str],
    typer.Option(
        "--target",
        metavar="CRITERION=LEVEL",
        help="Target level of another target criterion.",
        show_default=False,
        autocompletion=complete_target_pairs,
        rich_help_panel=PRIORITIES,
    ),
]
ExcludeOpt = Annotated[
    list[str],
    typer.Option(
        "--exclude",
        "-x",
        metavar="ID",
        help="Leave a model out (repeatable).",
        show_default=False,
        autocompletion=complete_model_ids,
        rich_help_panel=CONSTRAINTS,
    ),
]
RequireOpt = Annotated[
    list[str],
    typer.Option(
        "--require",
        "-r",
        metavar="CRITERION<=LEVEL",
        help="Hard limit such as 'risk<=MED' (also >=, <, >, =, !=; repeatable).",
        show_default=False,
        rich_help_panel=CONSTRAINTS,
    ),
]
RangesOpt = Annotated[
    RangeMode | None,
    typer.Option(
        "--ranges",
        metavar="MODE",
        help="Score ranged cells (LOW/MED) at their midpoint [default], optimistic (best) or pessimistic (worst) end.",
        show_default=False,
        rich_help_panel=PRIORITIES,
    ),
]


def _interactive() -> bool:
    """True only when a person can answer: stdin is a terminal and this is not CI."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    stdin = sys.stdin
    return stdin is not None and stdin.isatty()


@app.command()
def recommend(
    ctx: typer.Context,
    answers: AnswersOpt = [],  # noqa: B006 - typer reads the default, never mutates it
    effort: Imp = None,
    horizon: Imp = None,
    risk: Imp = None,
    autonomy: Imp = None,
    speed: Imp = None,
    cost: Imp = None,
    impact: Imp = None,
    roi: Imp = None,
    weight: WeightOpt = [],  # noqa: B006
    swing: SwingOpt = [],  # noqa: B006
    ranking: RankingOpt = None,
    target_horizon: TargetHorizonOpt = None,
    target: TargetOpt = [],  # noqa: B006
    exclude: ExcludeOpt = [],  # noqa: B006
    require: RequireOpt = [],  # noqa: B006
    ranges: RangesOpt = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Show only the best N (ties kept).")] = None,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Show each criterion's points for each model.")
    ] = False,
    fmt: FormatOpt = OutputFormat.table,
    robustness: Annotated[
        bool, typer.Option("--robustness", help="How firm is the ranking? Monte Carlo rank probabilities (SMAA).")
    ] = False,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            min=1,
            max=1_000_000,
            help=f"Robustness samples (with --robustness or --report; default {SAMPLES}).",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            min=0,
            help=f"Random seed: same seed, same numbers (with --robustness or --report; default {SEED}).",
        ),
    ] = None,
    weight_space: Annotated[
        WeightSpace | None,
        typer.Option(
            "--weight-space",
            metavar="SPACE",
            help="Robustness weights: keep the order of your priorities (order, the default), any weights (free), "
            "or each importance ± --spread (local). With --robustness or --report.",
        ),
    ] = None,
    spread: Annotated[
        float | None,
        typer.Option(
            "--spread", min=0, max=5, help="With --weight-space local: how far each importance may vary either way."
        ),
    ] = None,
    ordinal: Annotated[
        bool, typer.Option("--ordinal", help="Also treat the spacing of rating levels as unknown (SMAA-O).")
    ] = False,
    stability: Annotated[
        bool,
        typer.Option("--stability", help="For each criterion, the importance range that keeps the top model first."),
    ] = False,
    save_answers: Annotated[
        Path | None, typer.Option("--save-answers", metavar="FILE", help="Save the priorities used as an answers file.")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write a decision record: FILE.md (Markdown), FILE.html (one web page) or FILE.pdf.",
        ),
    ] = None,
    export_html: Annotated[
        Path | None, typer.Option("--export-html", metavar="FILE", help="Save the terminal view as an HTML page.")
    ] = None,
    export_svg: Annotated[
        Path | None, typer.Option("--export-svg", metavar="FILE", help="Save the terminal view as an SVG image.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that already exist.")] = False,
) -> None:
    """Rank the business models against your priorities, with the reasons.

    Priorities come from flags, an answers file (--answers), or, in a terminal with neither,
    a short questionnaire. Flags override the answers file; --exclude and --require add to it.
    """
    named = {k: v for k, v in zip(_CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi))}
    from mcstrat.files.writing import Outputs

    # refuse an output file before any work is done, so nothing is half-written or printed
    files = Outputs(force)
    outputs = {
        "--save-answers": save_answers,
        "--report": report,
        "--export-html": export_html,
        "--export-svg": export_svg,
    }
    for flag, path in outputs.items():
        if path is not None:
            files.add(flag, path)
    options = analysis_options(
        robustness or report is not None, samples=samples, seed=seed, weight_space=weight_space, spread=spread,
        ordinal=ordinal,
    )  # fmt: skip
    if report is not None:
        from mcstrat.report.record_files import check_record

        _today()  # an invalid SOURCE_DATE_EPOCH is refused before any work is done
        check_record(report)  # an unknown extension, or a PDF with no browser to print it
    flags = _overrides(named, weight, target_horizon, target, exclude, require, ranges, swing, ranking)
    catalog = _catalog(ctx)
    root = ctx.find_root().obj
    run = _Run(catalog=catalog, models_file=root["models"], models_sha256=root["models_sha256"])

    if len(answers) > 1:
        run.group(answers, flags, save_answers)
    elif answers or flags.any_priority():
        run.single(answers[0] if answers else None, flags)
    elif _interactive():
        run.questionnaire(flags)
    else:
        raise InputError(
            "no priorities given and no terminal to ask them in; pass --answers FILE (start one with "
            "`mcstrat init`), importance flags such as --roi high --risk medium, --swing CRITERION=POINTS "
            "or --ranking '...'"
        )

    if robustness:
        run.robustness(
            samples=options["samples"],
            seed=options["seed"],
            spread=options["spread"],
            ordinal=options["ordinal"],
            space=options["weight_space"],
        )
    if stability:
        run.stability()
    run.record_options = options
    with files:  # all or nothing: a failure or interruption removes what this run already wrote
        run.write_files(files, save_answers=save_answers, report=report, html=export_html, svg=export_svg, top=top)
    run.print(fmt, top=top, explain=explain)
    if run.asked and save_answers is None:
        run.offer_save()
    if run.asked and report is None:
        run.offer_record(top)


def analysis_options(
    used: bool,
    *,
    samples: int | None = None,
    seed: int | None = None,
    weight_space: WeightSpace | None = None,
    spread: float | None = None,
    ordinal: bool = False,
) -> dict[str, Any]:
    """The robustness options with their defaults resolved: the one place the defaults live.

    USED is whether anything computes firmness (--robustness, or --report, whose record always
    shows it). Without that, --samples, --seed, --weight-space, --spread and --ordinal would do
    nothing, so giving any of them is refused (InputError, exit 2) rather than silently ignored;
    --spread is also refused without --weight-space local. Only flags given explicitly count: their
    command-line defaults are None (False for --ordinal).
    """
    given = {
        "--samples": samples is not None,
        "--seed": seed is not None,
        "--weight-space": weight_space is not None,
        "--spread": spread is not None,
        "--ordinal": ordinal,
    }
    unused = [flag for flag, was in given.items() if was]
    if unused and not used:
        names = " and ".join([", ".join(unused[:-1]), unused[-1]] if len(unused) > 1 else unused)
        verb = "applies" if len(unused) == 1 else "apply"
        raise InputError(f"{names} {verb} to --robustness and --report; add --robustness")
    space = weight_space.value if weight_space is not None else WeightSpace.order.value
    if spread is not None and space != WeightSpace.local.value:
        raise InputError(f"--spread applies only to --weight-space local (not {space}); add --weight-space local")
    return {
        "samples": SAMPLES if samples is None else samples,
        "seed": SEED if seed is None else seed,
        "spread": SPREAD if spread is None else spread,
        "ordinal": ordinal,
        "weight_space": space,
    }


def _today() -> str:
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


class _Run:
    """One `recommend` invocation: gathers priorities, computes, writes files, prints."""

    def __init__(self, catalog: "Catalog", models_file: Path | None = None, models_sha256: str = "") -> None:
        from mcstrat.decide.decision import Analysis

        self.catalog = catalog
        self.models_file = models_file  # a custom --models file, named in a saved file's replay hint
        # a custom --models file and the SHA-256 of the bytes read, named in the record and JSON inputs
        self.models_input = (str(models_file), models_sha256) if models_file is not None else None
        self.analysis: Analysis | None = None
        self.asked = False
        self.loaded: list[LoadedAnswers] = []  # the answers files as read for this run
        # --samples, --seed, --spread, --ordinal and --weight-space, for the firmness a record always shows
        self.record_options: dict[str, Any] = analysis_options(True)

    @property
    def done(self) -> Any:
        assert self.analysis is not None
        return self.analysis

    def _rank(self, priorities: Any, inputs: tuple[tuple[str, str], ...]) -> None:
        from mcstrat.analyses.ranking import rank
        from mcstrat.decide.decision import Analysis

        self.analysis = Analysis(
            self.catalog, rank(self.catalog, priorities), inputs=inputs, models_input=self.models_input
        )

    def single(self, path: Path | None, flags: "Overrides") -> None:
        from mcstrat.core.priorities import combine
        from mcstrat.files.answers import load_answers

        loaded = load_answers(path) if path is not None else None
        if loaded is not None:
            self.loaded.append(loaded)
        inputs = ((str(path), loaded.sha256),) if loaded is not None else ()
        self._rank(combine(self.catalog, loaded, flags), inputs)

    def questionnaire(self, flags: "Overrides") -> None:
        from mcstrat.cli.ask import run_questionnaire
        from mcstrat.core.priorities import combine
        from mcstrat.core.questionnaire import as_loaded

        answers = run_questionnaire(self.catalog)
        self.asked = True
        self._rank(combine(self.catalog, as_loaded(answers), flags), ())

    def group(self, paths: list[Path], flags: "Overrides", save_answers: Path | None) -> None:
        from mcstrat.analyses.group import Stakeholder, check_group_size, group_rank
        from mcstrat.core.priorities import combine
        from mcstrat.decide.decision import Analysis
        from mcstrat.files.answers import load_answers

        # before reading thousands of files
        check_group_size(len(paths), len(self.catalog.models), len(self.catalog.criteria))

        if flags.importances or flags.targets or flags.swing or flags.ranking:
            stated = [*flags.importances.values(), *flags.targets.values(), *flags.swing.values()]
            given = ", ".join(sorted({flag for _, flag in stated} | ({"--ranking"} if flags.ranking else set())))
            raise InputError(
                f"{given} beside several --answers files is ambiguous (whose priority would it change?); "
                "put the priority in each stakeholder's file, or rank one file at a time"
            )
        if save_answers is not None:
            raise InputError(
                "--save-answers saves one person's answers; it cannot be used with several --answers files"
            )
        from mcstrat.core.priorities import parse_constraint
        from mcstrat.core.statement import Overrides

        # --exclude and --require apply to the whole group and are reported as such, not as
        # each stakeholder's; --ranges applies to every stakeholder
        exclude = tuple(dict.fromkeys(self.catalog.resolve_model(q).id for q in flags.exclude))
        require = tuple(parse_constraint(self.catalog, text, "--require") for text in flags.require)
        own = Overrides(ranges=flags.ranges)
        people = []
        digests = []
        for path in paths:
            loaded = load_answers(path)
            self.loaded.append(loaded)
            digests.append(loaded.sha256)
            name = loaded.answers.name or path.name
            people.append(Stakeholder(name=name, priorities=combine(self.catalog, loaded, own), source=str(path)))
        names = [p.name for p in people]
        for i, person in enumerate(people):
            if names.count(person.name) > 1:
                people[i] = Stakeholder(f"{person.name} ({paths[i]})", person.priorities, person.source)
        grouped = group_rank(self.catalog, people, exclude=exclude, require=require)
        inputs = tuple((str(p), digest) for p, digest in zip(paths, digests))
        self.analysis = Analysis(
            self.catalog, grouped.result, group=grouped, inputs=inputs, models_input=self.models_input
        )

    def robustness(self, *, samples: int, seed: int, spread: float, ordinal: bool, space: str) -> None:
        self.analysis = self.done.with_robustness(
            samples=samples, seed=seed, spread=spread, ordinal=ordinal, weight_space=space
        )

    def stability(self) -> None:
        self.analysis = self.done.with_stability()

    def view(self, top: int | None, explain: bool) -> Any:
        from mcstrat.report.render import recommend_view

        return recommend_view(self.done, top=top, explain=explain)

    def write_files(
        self,
        files: "Outputs",
        *,
        save_answers: Path | None,
        report: Path | None,
        html: Path | None,
        svg: Path | None,
        top: int | None,
    ) -> None:
        if save_answers is not None:
            files.stage(save_answers, self._answers_text(save_answers))
        if report is not None:
            files.stage(report, self._record_content(report, top))
        if html is not None or svg is not None:
            from mcstrat.report.render import export_html, export_svg, export_title

            view, title = self.view(top, explain=True), export_title(self.done)
            if html is not None:
                files.stage(html, export_html(view, title))
            if svg is not None:
                files.stage(svg, export_svg(view, title))

    def _record_content(self, path: Path, top: int | None) -> str | bytes:
        """The decision record of this run in PATH's format, firmness and stability always computed for it."""
        from importlib.metadata import version

        from mcstrat.report.record import decision_record
        from mcstrat.report.record_files import render_record

        analysis = self.done.for_record(**self.record_options)
        doc = decision_record(analysis, date=_today(), version=version("mcstrat"), top=top)
        return render_record(doc, path)

    def _record(self, path: Path, force: bool, top: int | None) -> None:
        """Write the decision record to PATH (the questionnaire's offer)."""
        from mcstrat.files.writing import Outputs
        from mcstrat.report.record_files import check_record

        check_record(path)
        with Outputs(force) as files:
            files.add("record", path)
            files.stage(path, self._record_content(path, top))

    def offer_record(self, top: int | None) -> None:
        """After the questionnaire: offer to write the decision record too (end of input means no);
        a path the system refuses is reported and the offer made again, as for saving."""
        from mcstrat.cli.ask import offer_record
        from mcstrat.errors import EndOfInput

        while True:
            try:
                path = offer_record()
            except EndOfInput:
                say("\nNo record written.")
                return
            if path is None:
                return
            try:
                self._record(path, force=False, top=top)
            except McstratError as exc:  # as for saving
                say(f"! {exc}")
                continue
            say(f"Wrote the decision record to {path}")
            return

    def _answers_text(self, path: Path) -> str:
        from mcstrat.core.priorities import to_answers
        from mcstrat.files.answers import dump_answers

        answers = to_answers(self.done.result.priorities, self.catalog)
        models = self.models_file
        return dump_answers(answers, self.catalog, file_name=str(path), models_file=str(models) if models else None)

    def _save(self, path: Path, force: bool) -> None:
        from mcstrat.files.writing import write_atomic

        write_atomic(path, self._answers_text(path), force=force)

    def print(self, fmt: OutputFormat, *, top: int | None, explain: bool) -> None:
        if fmt is OutputFormat.table:
            _print_view(self.view(top, explain))
            return
        from mcstrat.report import formats

        data = formats.recommend_data(self.done, top)
        _emit_data(fmt, data, formats.recommend_csv, formats.recommend_markdown)
        # the table and Markdown carry the sampling-error warning; JSON and CSV get it on stderr
        note = formats.error_note(data["robustness"]) if data.get("robustness") else None
        if note is not None and fmt in (OutputFormat.json, OutputFormat.csv):
            say(note)

    def offer_save(self) -> None:
        """After the questionnaire: offer to save the answers (end of input means no). A path that
        cannot be written (no permission, a read-only file system, a full disk) is reported and the
        offer made again, so the answers are not lost to a bad place."""
        from mcstrat.cli.ask import offer_save
        from mcstrat.errors import EndOfInput

        while True:
            try:
                path = offer_save()
            except EndOfInput:
                # the recommendation is already out: end of input here just means "don't save"
                say("\nNot saved.")
                return
            if path is None:
                return
            try:
                self._save(path, force=False)
            except McstratError as exc:  # a path refused, or the disk full there: another place may do
                say(f"! {exc}")
                continue
            models = f"--models {self.models_file} " if self.models_file else ""
            say(f"Saved your answers to {path}; replay them with: mcstrat {models}recommend --answers {path}")
            return


@app.command()
def compare(
    ctx: typer.Context,
    model_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID ID [ID...]", help="Two or more model ids (prefixes work).", autocompletion=complete_model_ids
        ),
    ],
    answers: Annotated[
        Path | None, typer.Option("--answers", "-a", metavar="FILE", help="Answers file with your priorities.")
    ] = None,
    effort: Imp = None,
    horizon: Imp = None,
    risk: Imp = None,
    autonomy: Imp = None,
    speed: Imp = None,
    cost: Imp = None,
    impact: Imp = None,
    roi: Imp = None,
    weight: WeightOpt = [],  # noqa: B006
    swing: SwingOpt = [],  # noqa: B006
    ranking: RankingOpt = None,
    target_horizon: TargetHorizonOpt = None,
    target: TargetOpt = [],  # noqa: B006
    ranges: RangesOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write a side-by-side record: FILE.md (Markdown), FILE.html (one web page) or FILE.pdf.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a record that already exists.")] = False,
) -> None:
    """Compare models side by side: ratings, who is better on each criterion, and why scores differ.

    Give priorities (flags or --answers) to see each criterion's points and the score gap.
    """
    from mcstrat.analyses.compare import compare as compare_models
    from mcstrat.core.priorities import combine
    from mcstrat.files.answers import load_answers

    if report is not None:
        from mcstrat.files.writing import check_writable
        from mcstrat.report.record_files import check_record

        check_writable(report, force, "--report")
        _today()  # an invalid SOURCE_DATE_EPOCH is refused before any work is done
        check_record(report)
    catalog = _catalog(ctx)
    named = {k: v for k, v in zip(_CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi))}
    flags = _overrides(named, weight, target_horizon, target, [], [], ranges, swing, ranking)
    chosen = [catalog.resolve_model(query) for query in model_ids]
    priorities = None
    loaded = load_answers(answers) if answers is not None else None
    if loaded is not None or flags.any_priority():
        priorities = combine(catalog, loaded, flags)
    found = compare_models(catalog, chosen, priorities)
    if report is not None:
        from importlib.metadata import version

        from mcstrat.report.record import comparison_record
        from mcstrat.report.record_files import write_record

        inputs = ((str(answers), loaded.sha256),) if loaded is not None else ()
        root = ctx.find_root().obj
        models = (str(root["models"]), root["models_sha256"]) if root["models"] is not None else None
        doc = comparison_record(
            found, catalog, date=_today(), version=version("mcstrat"), inputs=inputs, models_input=models
        )
        write_record(doc, report, force=force)
    if fmt is OutputFormat.table:
        from mcstrat.report.render import compare_view

        _print_view(compare_view(found, catalog))
        return
    from mcstrat.report import formats

    _emit_data(fmt, formats.compare_data(found, catalog), formats.compare_csv, formats.compare_markdown)


@app.command("why-not")
def why_not(
    ctx: typer.Context,
    model_id: Annotated[
        str,
        typer.Argument(
            metavar="MODEL", help="Model id, or a unique prefix of one (e.g. mooc).", autocompletion=complete_model_ids
        ),
    ],
    answers: AnswersOpt = [],  # noqa: B006
    effort: Imp = None,
    horizon: Imp = None,
    risk: Imp = None,
    autonomy: Imp = None,
    speed: Imp = None,
    cost: Imp = None,
    impact: Imp = None,
    roi: Imp = None,
    weight: WeightOpt = [],  # noqa: B006
    swing: SwingOpt = [],  # noqa: B006
    ranking: RankingOpt = None,
    target_horizon: TargetHorizonOpt = None,
    target: TargetOpt = [],  # noqa: B006
    exclude: ExcludeOpt = [],  # noqa: B006
    require: RequireOpt = [],  # noqa: B006
    ranges: RangesOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Why is MODEL not first? Its rank, what costs it most, and the smallest change of priorities to make it first.

    Takes the same priorities as recommend (flags, one or more --answers files, constraints);
    for a group, the group's combined weights are changed.
    """
    named = {k: v for k, v in zip(_CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi))}
    flags = _overrides(named, weight, target_horizon, target, exclude, require, ranges, swing, ranking)
    catalog = _catalog(ctx)
    model = catalog.resolve_model(model_id)
    run = _Run(catalog=catalog, models_file=ctx.find_root().obj["models"])
    if len(answers) > 1:
        run.group(answers, flags, None)
    elif answers or flags.any_priority():
        run.single(answers[0] if answers else None, flags)
    else:
        raise InputError(
            "why-not needs your priorities: pass --answers FILE (start one with `mcstrat init`), "
            "importance flags such as --roi high --risk medium, --swing CRITERION=POINTS or --ranking '...'"
        )
    left_out = next((e for e in run.done.result.excluded if e.model.id == model.id), None)
    if left_out is not None:
        from mcstrat.core.priorities import not_ranked

        raise InputError(not_ranked(catalog, left_out.model, left_out.reason, run.loaded, flags))
    found = run.done.why_not(model.id)
    if fmt is OutputFormat.table:
        from mcstrat.report.render import whynot_view

        _print_view(whynot_view(found, run.done))
        return
    from mcstrat.report import formats

    _emit_data(fmt, formats.whynot_data(found, run.done), formats.whynot_csv, formats.whynot_markdown)


# -- answers-file tooling -----------------------------------------------------------------


@app.command()
def init(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="[FILE]", help="Where to write the template ('-' for standard output).")
    ] = Path("answers.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write a commented answers file to edit: every key explained, the valid ids listed.

    It is valid as it stands (every criterion at medium, target horizon H1); edit it, then run
    `mcstrat recommend --answers FILE`. Editors that speak the YAML language server validate it
    against answers.schema.json, which `mcstrat schema answers > answers.schema.json` writes.
    """
    from mcstrat.files.answers import template
    from mcstrat.files.writing import write_atomic

    catalog = _catalog(ctx)
    custom = ctx.find_root().obj["models"]
    models_file = str(custom) if custom is not None else None
    if str(file) == "-":
        _emit(template(catalog, models_file=models_file).rstrip("\n"))
        return
    write_atomic(file, template(catalog, file_name=str(file), models_file=models_file), force=force)
    import shlex

    models = f"--models {shlex.quote(models_file)} " if models_file else ""
    say(f"Wrote {file}; edit it, then run: mcstrat {models}recommend --answers {shlex.quote(str(file))}")


class SchemaKind(str, Enum):
    answers = "answers"
    models = "models"


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[SchemaKind, typer.Argument(metavar="answers|models", help="Which file's schema.")],
) -> None:
    """Print the JSON Schema of an answers file or a models file, for editors and validators."""
    from mcstrat.files.answers import answers_schema
    from mcstrat.files.models import models_schema
    from mcstrat.report.formats import to_json

    data = answers_schema(_catalog(ctx)) if kind is SchemaKind.answers else models_schema()
    _emit(to_json(data), exact=True)


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An answers file or a models file.")],
) -> None:
    """Check an answers or models file and report every problem at once (exit 0 valid, 2 not).

    Answers files are checked against the models file in use (see --models).
    """
    from mcstrat.files.answers import validate_file

    kind, problems = validate_file(file, _catalog(ctx))
    if problems:
        what = f"{kind} file" if kind != "unknown" else "file"
        say(f"{file}: invalid {what}, {len(problems)} problem(s):")
        for problem in problems:
            say(f"  - {problem}")
        raise typer.Exit(ExitCode.BAD_INPUT)
    say(f"{file}: valid {kind} file")


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
    raise _Stopped(128 + signum)


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
            _fit_encoding(stream)
    # numpy's OpenBLAS starts a thread per core when numpy is first imported; mcstrat's matrices are
    # small, so those threads only cost start-up (0.15 s of --robustness on the 20 x 15 x 30
    # decision, measured) and never speed it up; the results are the same. A user's own setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _build_only(_invoked_command(sys.argv[1:]))
    app(prog_name="mcstrat")


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

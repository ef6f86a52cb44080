"""The commands: each parses its options, builds a request, calls mcstrat.decide, and hands the result to a writer.

Imports are lazy: each command pays only for what it uses (`--version` loads neither pydantic nor
rich; `--format json` never loads rich; the analyses load only when asked for).
"""

from collections.abc import Callable
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mcstrat.cli.application import app
from mcstrat.cli.completion import complete_model_ids, complete_weight_spaces
from mcstrat.cli.options import (
    CRITERION_FLAGS,
    AnswersOpt,
    ExcludeOpt,
    FormatOpt,
    GroupOpt,
    Imp,
    RangesOpt,
    RankingOpt,
    RequireOpt,
    SwingOpt,
    TargetHorizonOpt,
    TargetOpt,
    WeightOpt,
    number,
    overrides,
)
from mcstrat.cli.output import document, emit, say, tell, today
from mcstrat.errors import ExitCode, InputError, McstratError
from mcstrat.report.writers import Format
from mcstrat.report.writers.ci import CIFormat

if TYPE_CHECKING:
    from mcstrat.core.catalog import Catalog
    from mcstrat.decide import Decision, Firmness
    from mcstrat.report.document import Document


def _models_file(ctx: typer.Context) -> Path | None:
    """The --models FILE given before the command, or None for Table 2."""
    return ctx.find_root().obj["models"]  # type: ignore[no-any-return]


def _catalog(ctx: typer.Context) -> "Catalog":
    from mcstrat.decide import catalogue

    return catalogue(_models_file(ctx))[0]


def _show(fmt: Format, doc: "Callable[[], Document]", data: Callable[[], Any]) -> None:
    """DOC() drawn on stdout in FMT (the terminal's table, CSV, Markdown), or DATA() as JSON (the data contract):
    only the one asked for is made."""
    if fmt is Format.table:
        document(doc())
        return
    if fmt is Format.json:
        from mcstrat.report.data import to_json

        emit(to_json(data()), exact=True)
        return
    from mcstrat.report.writers import TEXT

    emit(TEXT[fmt](doc()))


def _data() -> Any:
    """The JSON data contract's module, loaded only for --format json."""
    from mcstrat.report import data

    return data


def _documents() -> Any:
    """The documents' module, loaded only for the formats drawn from a document (not JSON)."""
    from mcstrat.report import documents

    return documents


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
    if fmt is ModelsFormat.yaml:
        from mcstrat.files.models import default_path, dump_models

        custom = _models_file(ctx)
        shipped = None if custom is not None else default_path().read_text(encoding="utf-8")
        emit(dump_models(catalog, shipped=shipped, source_name=str(custom) if custom else None))
        return
    _show(Format(fmt.value), lambda: _documents().models(catalog), lambda: _data().models(catalog))


@app.command()
def show(
    ctx: typer.Context,
    model_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Model id, or a unique prefix of one (e.g. mooc).", autocompletion=complete_model_ids
        ),
    ],
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one model's card: ratings with their meaning, strengths, weaknesses, source."""
    catalog = _catalog(ctx)
    model = catalog.resolve_model(model_id)
    _show(fmt, lambda: _documents().show(catalog, model), lambda: _data().show(catalog, model))


# -- recommend ----------------------------------------------------------------------------


def _interactive() -> bool:
    """True only when a person can answer: stdin is a terminal and this is not CI."""
    import os
    import sys

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    stdin = sys.stdin
    return stdin is not None and stdin.isatty()


@app.command()
def recommend(
    ctx: typer.Context,
    answers: AnswersOpt = [],  # noqa: B006 - typer reads the default, never mutates it
    group: GroupOpt = None,
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
    top: Annotated[
        int | None,
        typer.Option("--top", "-n", metavar="N", parser=number("--top", 1), help="Show only the best N (ties kept)."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            "-e",
            help="Show the details: your priorities and their influence, each criterion's points for each model, "
            "the full warnings and the top model's strengths and weaknesses.",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    robustness: Annotated[
        bool, typer.Option("--robustness", help="How firm is the ranking? Monte Carlo rank probabilities (SMAA).")
    ] = False,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            metavar="N",
            parser=number("--samples", 1, 1_000_000),
            help="Robustness samples (with --robustness or --report; default 10000).",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="N",
            parser=number("--seed", 0),
            help="Random seed: same seed, same numbers (with --robustness or --report; default 1).",
        ),
    ] = None,
    weight_space: Annotated[
        str | None,
        typer.Option(
            "--weight-space",
            metavar="SPACE",
            help="Robustness weights: within what you stated, each importance ±0.5 or as the range you gave (stated, "
            "the default; a ranking keeps its order), keeping only the order of your priorities (order), any weights "
            "(free), or each importance ± --spread (local). With --robustness or --report.",
            autocompletion=complete_weight_spaces,
        ),
    ] = None,
    spread: Annotated[
        float | None,
        typer.Option(
            "--spread",
            metavar="S",
            parser=number("--spread", 0, 5, whole=False),
            help="With --weight-space local: how far each importance may vary either way.",
        ),
    ] = None,
    ordinal: Annotated[
        bool, typer.Option("--ordinal", help="Also treat the spacing of rating levels as unknown (SMAA-O).")
    ] = False,
    rating_error: Annotated[
        float | None,
        typer.Option(
            "--rating-error",
            metavar="Q",
            parser=number("--rating-error", 0, Fraction(1, 2), whole=False),
            help="The chance (0 to 0.5) that each rating of the table is one level off, half up, half down "
            "(with --robustness or --report; default 0).",
        ),
    ] = None,
    stability: Annotated[
        bool,
        typer.Option("--stability", help="For each criterion, how far it can move before another model comes first."),
    ] = False,
    save_answers: Annotated[
        Path | None,
        typer.Option(
            "--save-answers", metavar="FILE", help="Save the priorities used as an answers file.", readable=False
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write a decision record: FILE.md (Markdown), FILE.html (one web page) or FILE.pdf.",
            readable=False,
        ),
    ] = None,
    export_html: Annotated[
        Path | None,
        typer.Option("--export-html", metavar="FILE", help="Save the terminal view as an HTML page.", readable=False),
    ] = None,
    export_svg: Annotated[
        Path | None,
        typer.Option("--export-svg", metavar="FILE", help="Save the terminal view as an SVG image.", readable=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that already exist.")] = False,
    lock: Annotated[
        Path | None,
        typer.Option(
            "--lock",
            metavar="FILE",
            help="Write a decision lock (FILE.json) for `mcstrat check` to re-derive in CI.",
            readable=False,
        ),
    ] = None,
) -> None:
    """Rank the business models against your priorities, with the reasons.

    Priorities come from flags, an answers file (--answers), or, in a terminal with neither,
    a short questionnaire. Flags override the answers file; --exclude and --require add to it.
    """
    from mcstrat.decide import Firmness, Request, catalogue, decide, needs_priorities
    from mcstrat.files.writing import Outputs

    # refuse an output file before any work is done, so nothing is half-written or printed
    files = Outputs(force)
    outputs = {"--save-answers": save_answers, "--report": report, "--export-html": export_html, "--lock": lock}
    for flag, path in {**outputs, "--export-svg": export_svg}.items():
        if path is not None:
            files.add(flag, path)
    firmness = Firmness.given(
        robustness or report is not None, samples=samples, seed=seed, weight_space=weight_space, spread=spread,
        ordinal=ordinal, rating_error=rating_error,
    )  # fmt: skip
    if report is not None:
        _check_record(report)
    if save_answers is not None and (len(answers) > 1 or group is not None):
        given = "--group" if group is not None else "several --answers files"
        raise InputError(f"--save-answers saves one person's answers; it cannot be used with {given}")
    named = dict(zip(CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi)))
    request = Request(
        models=_models_file(ctx),
        answers=tuple(answers),
        group=group,
        flags=overrides(named, weight, target_horizon, target, exclude, require, ranges, swing, ranking),
        robustness=robustness,
        stability=stability,
        firmness=firmness,
    )
    catalog = catalogue(request.models)[0]
    asked = False
    if needs_priorities(request):
        if lock is not None:
            raise InputError("--lock needs priorities it can read again: pass --answers FILE or --group FILE, or flags")
        if not _interactive():
            raise InputError(
                "no priorities given and no terminal to ask them in; pass --answers FILE (start one with "
                "`mcstrat init`), importance flags such as --roi high --risk medium, --swing CRITERION=POINTS "
                "or --ranking '...'"
            )
        from mcstrat.cli.ask import run_questionnaire

        request, asked = request._replace(stated=run_questionnaire(catalog)), True
    decision = decide(request, catalog)
    with files:  # all or nothing: a failure or interruption removes what this run already wrote
        if save_answers is not None:
            files.stage(save_answers, _answers_text(decision, save_answers))
        if report is not None:
            files.stage(report, _record(decision, firmness, report, top))
        if lock is not None:
            from mcstrat.decide.check import lock_data
            from mcstrat.files.lock import dump_lock

            files.stage(lock, dump_lock(lock_data(decision, request, lock)))
        if export_html is not None or export_svg is not None:
            from mcstrat.report.writers import terminal

            view = _documents().recommend(decision, top=top, explain_points=True)
            if export_html is not None:
                files.stage(export_html, terminal.export_html(view))
            if export_svg is not None:
                files.stage(export_svg, terminal.export_svg(view))
    # after the questionnaire the offers come first, so that the ranking is the last thing on the screen
    if asked and save_answers is None:
        _offer_save(decision)
    if asked and report is None:
        _offer_record(decision, firmness, top)
    if asked:
        say("")  # a blank line between the offers and the ranking
    _print_recommendation(decision, fmt, top=top, explain=explain)


def _print_recommendation(decision: "Decision", fmt: Format, *, top: int | None, explain: bool) -> None:
    _show(
        fmt,
        # the terminal's plain view fits one screen; --explain (and every document format) has the details
        lambda: _documents().recommend(
            decision, top=top, explain_points=explain, brief=fmt is Format.table and not explain
        ),
        lambda: _data().recommend(decision, top),
    )
    # the table and Markdown carry the sampling-error warning; JSON and CSV get it on stderr
    if decision.smaa is not None and decision.smaa.warn and fmt in (Format.json, Format.csv):
        from mcstrat.report.views.robustness import warning_text

        say(warning_text(decision.smaa))


def _check_record(path: Path) -> None:
    """Refuse a record that cannot be written before any work: a bad SOURCE_DATE_EPOCH, an unknown extension,
    a PDF with no browser to print it."""
    from mcstrat.report.writers import prefetch, record_format

    today()
    prefetch(record_format(path))  # the charts' plotting code loads while the decision is worked out


def _record(decision: "Decision", firmness: "Firmness", path: Path, top: int | None) -> str | bytes:
    """The decision record of DECISION in PATH's format, firmness and stability always measured for it."""
    from importlib.metadata import version

    from mcstrat.decide import for_record
    from mcstrat.report.record import decision_record
    from mcstrat.report.writers import record

    doc = decision_record(for_record(decision, firmness), date=today(), version=version("mcstrat"), top=top)
    return record(doc, path)


def _answers_text(decision: "Decision", path: Path) -> str:
    """The answers file that replays DECISION's priorities, naming PATH (and a custom models file) in its comments."""
    from mcstrat.core.priorities import to_answers
    from mcstrat.files.answers import dump_answers

    answers = to_answers(decision.result.priorities, decision.catalog)
    models = decision.models_input[0] if decision.models_input is not None else None
    return dump_answers(answers, decision.catalog, file_name=str(path), models_file=models)


def _offer_save(decision: "Decision") -> None:
    """After the questionnaire: offer to save the answers (end of input means no). A path that cannot be
    written (no permission, a read-only file system, a full disk) is reported and the offer made again,
    so the answers are not lost to a bad place."""
    from mcstrat.cli.ask import offer_save
    from mcstrat.errors import EndOfInput
    from mcstrat.files.writing import write_atomic

    while True:
        try:
            path = offer_save()
        except EndOfInput:
            say("\nNot saved.")  # the recommendation is already out: end of input here just means "don't save"
            return
        if path is None:
            return
        try:
            write_atomic(path, _answers_text(decision, path))
        except McstratError as exc:  # a path refused, or the disk full there: another place may do
            tell(f"! {exc}")
            continue
        import shlex

        models = f"--models {shlex.quote(decision.models_input[0])} " if decision.models_input else ""
        command = f"mcstrat {models}recommend --answers {shlex.quote(str(path))}"
        tell(f"Saved your answers to {path}. Replay them with:", command)
        return


def _offer_record(decision: "Decision", firmness: "Firmness", top: int | None) -> None:
    """After the questionnaire: offer to write the decision record too (end of input means no); a path the
    system refuses is reported and the offer made again, as for saving."""
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
            _check_record(path)
            _write(path, "record", _record(decision, firmness, path, top))
        except McstratError as exc:
            tell(f"! {exc}")
            continue
        tell(f"Wrote the decision record to {path}.")
        return


def _write(path: Path, label: str, content: str | bytes, force: bool = False) -> None:
    """CONTENT written to PATH atomically (named LABEL in messages)."""
    from mcstrat.files.writing import Outputs

    with Outputs(force) as out:
        out.add(label, path)
        out.stage(path, content)


# -- compare and why-not ------------------------------------------------------------------


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
        Path | None,
        typer.Option("--answers", "-a", metavar="FILE", help="Answers file with your priorities.", readable=False),
    ] = None,
    group: GroupOpt = None,
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
    fmt: FormatOpt = Format.table,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Write a side-by-side record: FILE.md (Markdown), FILE.html (one web page) or FILE.pdf.",
            readable=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a record that already exists.")] = False,
) -> None:
    """Compare models side by side: ratings, who is better on each criterion, and why scores differ.

    Give priorities (flags or --answers) to see each criterion's points and the score gap.
    """
    from mcstrat.decide import Request
    from mcstrat.decide import compare as compare_models

    if report is not None:
        from mcstrat.files.writing import check_writable

        check_writable(report, force, "--report")
        _check_record(report)
    named = dict(zip(CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi)))
    request = Request(
        models=_models_file(ctx),
        answers=(answers,) if answers is not None else (),
        group=group,
        flags=overrides(named, weight, target_horizon, target, [], [], ranges, swing, ranking),
    )
    compared = compare_models(request, model_ids)
    if report is not None:
        from importlib.metadata import version

        from mcstrat.report.record import comparison_record
        from mcstrat.report.writers import record

        doc = comparison_record(compared, date=today(), version=version("mcstrat"))
        _write(report, "--report", record(doc, report), force)
    _show(fmt, lambda: _documents().compare(compared), lambda: _data().compare(compared))


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
    group: GroupOpt = None,
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
    unlock_ignored: Annotated[
        bool,
        typer.Option(
            "--unlock-ignored",
            help="Let criteria you gave 0 (or left out) count in the change too; by default they stay at 0.",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Why is MODEL not first? Its rank, what costs it most, and the smallest change of priorities to make it first.

    Takes the same priorities as recommend (flags, one or more --answers files, constraints). The
    change is given first keeping the order of your priorities, then in any order, in the units you
    stated them in; for a group, each member's own weights move and the members who would have to
    move are named.
    """
    from mcstrat.decide import Request, decide, needs_priorities

    named = dict(zip(CRITERION_FLAGS, (effort, horizon, risk, autonomy, speed, cost, impact, roi)))
    request = Request(
        models=_models_file(ctx),
        answers=tuple(answers),
        group=group,
        flags=overrides(named, weight, target_horizon, target, exclude, require, ranges, swing, ranking),
        why_not=model_id,
        unlock_ignored=unlock_ignored,
    )
    if needs_priorities(request):
        _catalog(ctx).resolve_model(model_id)  # an unknown model is the first thing to say
        raise InputError(
            "why-not needs your priorities: pass --answers FILE (start one with `mcstrat init`), "
            "importance flags such as --roi high --risk medium, --swing CRITERION=POINTS or --ranking '...'"
        )
    decision = decide(request)
    _show(fmt, lambda: _documents().why_not(decision), lambda: _data().why_not(decision))


# -- answers-file tooling -----------------------------------------------------------------


@app.command()
def init(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write the template ('-' for standard output; default answers.yaml).",
            readable=False,
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        Path | None,
        typer.Option(
            "--group",
            "-g",
            metavar="FILE",
            help="Write a group file to FILE instead ('-' for standard output), listing the --answers files given.",
            readable=False,
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        list[Path],
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="With --group: a member's answers file (repeat for each member).",
            readable=False,
            show_default=False,
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write a commented answers file to edit: every key explained, the valid ids listed.

    It is valid as it stands (every criterion at medium, target horizon H1); edit it, then run
    `mcstrat recommend --answers FILE`. Editors that speak the YAML language server validate it
    against answers.schema.json, which `mcstrat schema answers > answers.schema.json` writes.
    With --group FILE it writes a group file instead: the members' answers files (-a, each
    weight 1) for the convener to weigh, then `mcstrat recommend --group FILE`.
    """
    import shlex

    from mcstrat.files.answers import template
    from mcstrat.files.writing import write_atomic

    if group is not None or answers:
        _init_group(file, group, answers, force)
        return
    file = Path("answers.yaml") if file is None else file
    catalog = _catalog(ctx)
    custom = _models_file(ctx)
    models_file = str(custom) if custom is not None else None
    if str(file) == "-":
        emit(template(catalog, models_file=models_file).rstrip("\n"))
        return
    write_atomic(file, template(catalog, file_name=str(file), models_file=models_file), force=force)
    models = f"--models {shlex.quote(models_file)} " if models_file else ""
    tell(f"Wrote {file}; edit it, then run:", f"mcstrat {models}recommend --answers {shlex.quote(str(file))}")


def _init_group(file: Path | None, group: Path | None, answers: list[Path], force: bool) -> None:
    """`init --group FILE`: a group file listing ANSWERS, their paths written relative to FILE's folder."""
    import os
    import shlex

    from mcstrat.files.group import template
    from mcstrat.files.writing import write_atomic

    if group is None:
        raise InputError("--answers applies to init --group FILE (the members of a group file); add --group FILE")
    if file is not None:
        raise InputError(f"init --group {group} already names the file to write; drop {file}")
    stdout = str(group) == "-"
    folder = Path.cwd() if stdout else (group.parent if str(group.parent) else Path("."))
    members = [Path(os.path.relpath(Path(a).absolute(), folder.absolute())).as_posix() for a in answers]
    if stdout:
        emit(template(members).rstrip("\n"))
        return
    write_atomic(group, template(members, file_name=str(group)), force=force)
    tell(
        f"Wrote {group}; weigh its members"
        + ("" if answers else " (list each member's answers file under members first)")
        + ", then run:",
        f"mcstrat recommend --group {shlex.quote(str(group))}",
    )


class SchemaKind(str, Enum):
    answers = "answers"
    models = "models"
    group = "group"
    lock = "lock"


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[SchemaKind, typer.Argument(metavar="answers|models|group|lock", help="Which file's schema.")],
) -> None:
    """Print the JSON Schema of an answers file, a models file, a group file or a decision lock, for editors and
    validators."""
    from mcstrat.files.schemas import answers_schema, group_schema, lock_schema, models_schema
    from mcstrat.report.data import to_json

    schemas = {
        SchemaKind.answers: lambda: answers_schema(_catalog(ctx)),
        SchemaKind.models: models_schema,
        SchemaKind.lock: lock_schema,
    }
    found = schemas.get(kind, group_schema)()
    emit(to_json(found), exact=True)


CIFormatOpt = Annotated[
    CIFormat,
    typer.Option("--format", "-f", metavar="FORMAT", help="Output format: text, json, github or junit."),
]


@app.command()
def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Answers files, group files or models files.", readable=False),
    ],
    fmt: CIFormatOpt = CIFormat.text,
) -> None:
    """Check answers, group or models files and report every problem at once (exit 0 valid, 2 not).

    Answers files are checked against the models file in use (see --models), as every command checks them;
    a group file's members' answers files are checked too. --format github annotates each problem at its
    line and column; junit writes a test case per file; json the same facts as data.
    """
    from mcstrat.files.group import validate_any
    from mcstrat.files.positions import placed

    catalog = _catalog(ctx)
    checked = [(file, *validate_any(file, catalog)) for file in files]
    found = [placed(file, kind, problems) for file, kind, problems in checked]
    if fmt is CIFormat.text:
        for file, kind, problems in checked:
            if not problems:
                say(f"{file}: valid {kind} file")
                continue
            what = f"{kind} file" if kind != "unknown" else "file"
            say(f"{file}: invalid {what}, {len(problems)} problem(s):")
            for problem in problems:
                say(f"  - {problem}")
    else:
        from mcstrat.report.writers import ci

        writers = {
            CIFormat.json: ci.validate_json,
            CIFormat.github: ci.validate_github,
            CIFormat.junit: ci.validate_junit,
        }
        _ci_out(fmt, writers[fmt](found), lambda: ci.validate_summary(found))
    if not all(one.valid for one in found):
        raise typer.Exit(ExitCode.BAD_INPUT)


def _ci_out(fmt: CIFormat, text: str, summary: "Callable[[], str]") -> None:
    """TEXT on stdout; for github, SUMMARY() appended to the job summary when GITHUB_STEP_SUMMARY names one."""
    emit(text, exact=fmt is CIFormat.json)
    if fmt is CIFormat.github:
        from mcstrat.files.summary import append_summary, summary_path

        found = summary_path()
        if found is not None:
            append_summary(found, summary())


class FailOn(str, Enum):
    """What `check --fail-on` may name (mcstrat.decide.check.FAIL_ON)."""

    winner = "winner"
    ranking = "ranking"
    verdict = "verdict"
    inputs = "inputs"


@app.command()
def check(
    ctx: typer.Context,
    locks: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[LOCK...]",
            help="Decision locks written by `recommend --lock` (default: every *.lock.json under this folder).",
            readable=False,
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        list[FailOn],
        typer.Option(
            "--fail-on",
            metavar="WHAT",
            help="Fail when the winner changes (winner, the default), any rank (ranking), the firmness verdict "
            "weakens (verdict) or any input file changes (inputs). Repeat to combine.",
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite each lock whose decision changed, after a deliberate change.")
    ] = False,
    fmt: CIFormatOpt = CIFormat.text,
) -> None:
    """Re-derive each locked decision from its inputs and say whether it still holds (exit 0 holds, 1 drifted,
    2 bad input).

    Drift is explained: which input changed and what it did to the result. Chances of first place are
    compared within their sampling error. --update rewrites the locks after a deliberate change.
    """
    from mcstrat.decide.check import Failed, check_all, fail_on_choices
    from mcstrat.report.writers import ci

    if _models_file(ctx) is not None:
        raise InputError("--models: check uses the models file each lock records; drop --models")
    if not locks:
        from mcstrat.files.lock import find_locks

        locks = find_locks(Path("."))
        if not locks:
            raise InputError(
                "no decision locks (*.lock.json) under this folder; write one with `recommend --lock FILE`"
            )
    found = check_all(locks, fail_on_choices([word.value for word in fail_on]))
    updated: tuple[Path, ...] = ()
    if update:
        from mcstrat.files.lock import write_lock

        changed = [one for one in found if not isinstance(one, Failed) and one.changed]
        for one in changed:
            write_lock(one.lock, one.now)
        updated = tuple(one.lock for one in changed)
    from mcstrat.cli.output import report

    for failed in found:  # on stderr in every format: the data formats carry it too
        if isinstance(failed, Failed):
            report(InputError(*failed.lines))
    if fmt is CIFormat.text:
        from mcstrat.report.views.check import document as check_document

        if any(not isinstance(one, Failed) for one in found):
            document(check_document(found, updated))
    else:
        writers = {
            CIFormat.json: lambda: ci.check_json(found, updated),
            CIFormat.github: lambda: ci.check_github(found),
            CIFormat.junit: lambda: ci.check_junit(found),
        }
        _ci_out(fmt, writers[fmt](), lambda: ci.check_summary(found))
    if any(isinstance(one, Failed) for one in found):
        raise typer.Exit(ExitCode.BAD_INPUT)
    if not update and any(not one.holds for one in found if not isinstance(one, Failed)):
        raise typer.Exit(ExitCode.DRIFTED)


__all__ = ["check", "compare", "init", "models", "recommend", "schema", "show", "validate", "why_not"]

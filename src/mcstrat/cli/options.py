"""The options the commands share: priorities as flags, constraints, output; and the flags as an Overrides.

The values are taken as typed and checked where every statement of priorities is checked
(core.priorities.check), so a flag and an answers file get the same message for the same mistake.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mcstrat.cli.application import CONSTRAINTS, OUTPUT, PRIORITIES
from mcstrat.cli.completion import complete_criterion_pairs, complete_model_ids, complete_ranges, complete_target_pairs
from mcstrat.errors import InputError
from mcstrat.report.writers import Format

if TYPE_CHECKING:
    from fractions import Fraction

    from mcstrat.core.statement import Overrides


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="Output format: table, json, csv or markdown.", rich_help_panel=OUTPUT
    ),
]


_IMP = "Importance 0-5, a range such as 3-4, or none|low|medium|high|critical."
Imp = Annotated[str | None, typer.Option(metavar="LEVEL", help=_IMP, show_default=False, rich_help_panel=PRIORITIES)]
CRITERION_FLAGS = ("effort", "horizon", "risk", "autonomy", "speed", "cost", "impact", "roi")


def number(flag: str, low: int, high: "int | Fraction | None" = None, *, whole: bool = True) -> "Callable[[str], Any]":
    """A typer parser for FLAG's number, read by core.exact.read_number as every number a person states is.

    Click's own int() and float() also read the digits of other scripts ('٣' is 3) and
    underscores ('1_000'); this refuses them, and anything outside LOW..HIGH, in mcstrat's words.
    """

    def parse(text: str) -> int | float:
        from mcstrat.core.exact import read_number
        from mcstrat.sanitize import quoted

        noun = "a whole number" if whole else "a number"
        top = f"{high:,}" if isinstance(high, int) else f"{float(high):g}" if high is not None else ""
        hint = f"give {noun} " + (f"from {low} to {top}" if high is not None else f"of {low} or more")
        value = read_number(text, flag, noun=noun, hint=hint, low=low, high=high, out_of_range="{} is out of range")
        if whole and value.denominator != 1:
            raise InputError(f"{flag}: {quoted(text)} is not {noun}; {hint}")
        return int(value) if whole else float(value)

    return parse


def pairs(values: list[str], flag: str, what: str) -> list[tuple[str, str]]:
    from mcstrat.sanitize import quoted

    out = []
    for text in values:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{flag}: expected CRITERION={what}, got {quoted(text)}; e.g. {flag} risk=4")
        out.append((key.strip(), value.strip()))
    return out


def overrides(
    named: dict[str, str | None],
    weight: list[str],
    target_horizon: str | None,
    target: list[str],
    exclude: list[str],
    require: list[str],
    ranges: str | None,
    swing: list[str] | None = None,
    ranking: str | None = None,
) -> "Overrides":
    """The flags as an Overrides; two flags for one criterion (however spelt) are refused, naming both.

    `--risk 5 --weight RISK=3`, `--weight roi=3 --weight roi=4` and `--target-horizon H1 --target
    horizon=H3` each say one thing twice: taking the last (as typer would) could rank by a value the
    person did not mean, so it is a conflict even when the two agree, as in an answers file
    (core.priorities.check).
    """
    from mcstrat.core.statement import Overrides
    from mcstrat.sanitize import clip

    flags = Overrides(exclude=list(exclude), require=list(require), ranges=ranges)
    for key, value in pairs(swing or [], "--swing", "POINTS"):
        _once(flags.swing, key, value, f"--swing {clip(key)}", "the swing points")  # the origin named in messages
    if ranking is not None:
        flags.ranking = (ranking, "--ranking")
    for key, value in pairs(weight, "--weight", "N"):
        _once(flags.importances, key, value, f"--weight {clip(key)}", "the importance")
    for key, given in named.items():
        if given is not None:
            _once(flags.importances, key, given, f"--{key}", "the importance")
    for key, level in pairs(target, "--target", "LEVEL"):
        _once(flags.targets, key, level, f"--target {clip(key)}", "the target level")
    if target_horizon is not None:
        _once(flags.targets, "horizon", target_horizon, "--target-horizon", "the target level")
    return flags


def _once(given: "dict[str, tuple[str, str]]", key: str, value: str, flag: str, what: str) -> None:
    """GIVEN[KEY] = (VALUE, FLAG), unless another flag already set WHAT of the same criterion."""
    from mcstrat.core.catalog import criterion_key
    from mcstrat.sanitize import clip

    earlier = next((f for k, (_, f) in given.items() if criterion_key(k) == criterion_key(key)), None)
    if earlier == flag:
        raise InputError(f"{flag} is given twice; give it once")
    if earlier is not None:
        raise InputError(f"{flag}: {earlier} and {flag} both set {what} of {clip(criterion_key(key))}; give it once")
    given[key] = (value, flag)


SwingOpt = Annotated[
    list[str],
    typer.Option(
        "--swing",
        metavar="CRITERION=POINTS",
        help="Swing weighting: points 0-100 (or a range such as 60-80) for a criterion's swing from its worst to its "
        "best level among the models ranked (repeatable; not with importance flags).",
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
        readable=False,  # mcstrat's reader says why a file cannot be read, in its words
        rich_help_panel=PRIORITIES,
    ),
]
GroupOpt = Annotated[
    Path | None,
    typer.Option(
        "--group",
        "-g",
        metavar="FILE",
        help="Group file: the members' answers files and the weight the convener gives each (mcstrat init --group).",
        show_default=False,
        readable=False,  # mcstrat's reader says why a file cannot be read, in its words
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
    str | None,
    typer.Option(
        "--ranges",
        metavar="MODE",
        autocompletion=complete_ranges,
        help="Score ranged cells (LOW/MED) at their midpoint [default], optimistic (best) or pessimistic (worst) end.",
        show_default=False,
        rich_help_panel=PRIORITIES,
    ),
]

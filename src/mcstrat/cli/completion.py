"""Shell completion: model ids, criterion ids and target levels, from the models file in use.

Typer runs mcstrat on every Tab press. These completers read the catalogue in use (the one
--models names on the command line so far, else Table 2) from the cache of validated files, and
never fail: a missing or broken models file completes nothing, with no message. Attach them with
typer.Option(..., autocompletion=complete_model_ids) and so on.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

import typer

from mcstrat.core.vocabulary import RANGE_MODES, Direction, WeightSpace

if TYPE_CHECKING:
    from mcstrat.core.catalog import Catalog


#: The shells typer completes for, and what it can be asked to do: `complete_bash`, `source_zsh`...
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
INSTRUCTIONS = ("complete", "source")


def request_problem(environ: Mapping[str, str], variable: str) -> str | None:
    """What makes the completion request in ENVIRON unreadable (VARIABLE names it), or None.

    typer reads `VARIABLE=<instruction>_<shell>` and, for bash, COMP_WORDS and COMP_CWORD without
    checking them: an unknown shell's name is echoed raw, a COMP_CWORD that is not a number is a
    traceback. zsh, fish and PowerShell read _TYPER_COMPLETE_ARGS, which any text fits.
    """
    from mcstrat.sanitize import quoted

    request = environ.get(variable, "")
    instruction, _, shell = request.partition("_")
    if instruction not in INSTRUCTIONS or shell not in SHELLS:
        return (
            f"{variable}={quoted(request, 40)} is not a completion request mcstrat knows "
            f"(complete_SHELL or source_SHELL, SHELL one of {', '.join(SHELLS)})"
        )
    if instruction == "complete" and shell == "bash":
        if "COMP_WORDS" not in environ:
            return f"{variable}={request} but COMP_WORDS (the words typed) is not set"
        cword = environ.get("COMP_CWORD", "")
        if not (cword.isascii() and cword.isdigit() and len(cword) <= 9):
            return f"COMP_CWORD={quoted(cword, 40)} is not the number of the word to complete (0, 1, 2...)"
    return None


def _completion_catalog(ctx: typer.Context) -> "Catalog | None":
    try:
        from mcstrat.decide import catalogue

        return catalogue(ctx.find_root().params.get("models"))[0]
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
    targets = [c for c in catalog.criteria if c.direction == Direction.target]
    key, sep, level = incomplete.partition("=")
    if not sep:
        return [f"{c.id}=" for c in targets if c.id.startswith(key.lower())]
    return [
        f"{c.id}={lv}" for c in targets if c.id == key.lower() for lv in c.scale if lv.lower().startswith(level.lower())
    ]


def complete_ranges(incomplete: str) -> list[str]:
    """The --ranges modes starting with INCOMPLETE."""
    return [str(m) for m in RANGE_MODES if m.startswith(incomplete.lower())]


def complete_weight_spaces(incomplete: str) -> list[str]:
    """The --weight-space spaces starting with INCOMPLETE."""
    return [s for s in WeightSpace.values() if s.startswith(incomplete.lower())]

"""The one place a decision is run: a Request (inputs, flags, analyses asked for) in, a Decision out.

Every command, the questionnaire and the decision record go through here, so they rank the same
priorities the same way and add the same analyses: `catalogue` loads the models file in use,
`decide` reads the answers (one file per stakeholder, or the questionnaire's), lays the flags
over them, ranks (a group's way for several people) and adds each analysis asked for; `for_record`
adds what a decision record always shows; `compare` puts models side by side. The analyses
themselves live in mcstrat.analyses, one module per question; this module only chooses and runs
them, with their defaults (`Firmness`), on the ranking's scoring problem(s).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mcstrat.core.vocabulary import Weighting, WeightSpace
from mcstrat.errors import InputError

if TYPE_CHECKING:  # the statement loads only where a decision is made (`models` and `show` need none of it)
    from mcstrat.analyses.compare import Comparison
    from mcstrat.analyses.defaults import Defaults
    from mcstrat.analyses.firmness import Verdict
    from mcstrat.analyses.group import GroupResult
    from mcstrat.analyses.potential import Potential
    from mcstrat.analyses.ranking import Problem, RankResult
    from mcstrat.analyses.robustness import SmaaResult
    from mcstrat.analyses.sensitivity import Sensitivity
    from mcstrat.analyses.stability import StabilityInterval
    from mcstrat.analyses.whynot import WhyNot
    from mcstrat.core.catalog import Catalog
    from mcstrat.core.statement import AnswersFile, LoadedAnswers, Overrides

#: The firmness defaults: samples, seed and spread of `--robustness` (and of every record).
SAMPLES = 10_000
SEED = 1
SPREAD = 1.0
#: Where the questionnaire's answers say they came from, in messages.
QUESTIONNAIRE = "(questionnaire)"


class Firmness(NamedTuple):
    """How firmness is measured: Monte Carlo samples and seed, the weight space, its spread, SMAA-O."""

    samples: int = SAMPLES
    seed: int = SEED
    weight_space: WeightSpace = WeightSpace.stated
    spread: float = SPREAD
    ordinal: bool = False
    rating_error: float = 0.0  # --rating-error: the chance each cell of the table is one level off (robustness.py)

    @classmethod
    def given(
        cls,
        used: bool,
        *,
        samples: int | None = None,
        seed: int | None = None,
        weight_space: str | None = None,
        spread: float | None = None,
        ordinal: bool = False,
        rating_error: float | None = None,
    ) -> Firmness:
        """The settings of the flags given (None: not given), defaults for the rest.

        USED is whether anything measures firmness (--robustness, or --report, whose record always
        shows it). Without that, --samples, --seed, --weight-space, --spread, --ordinal and --rating-error
        would do nothing, so giving any of them is refused rather than silently ignored; --spread is also
        refused without --weight-space local. Only flags given count, even at their default value.
        """
        given = {
            "--samples": samples is not None,
            "--seed": seed is not None,
            "--weight-space": weight_space is not None,
            "--spread": spread is not None,
            "--ordinal": ordinal,
            "--rating-error": rating_error is not None,
        }
        unused = [flag for flag, was in given.items() if was]
        if unused and not used:
            names = " and ".join([", ".join(unused[:-1]), unused[-1]] if len(unused) > 1 else unused)
            verb = "applies" if len(unused) == 1 else "apply"
            raise InputError(f"{names} {verb} to --robustness and --report; add --robustness")
        if weight_space is not None and weight_space not in WeightSpace.values():
            raise InputError(
                f"--weight-space: unknown weight space {weight_space!r}; use one of {', '.join(WeightSpace.values())}"
            )
        space = WeightSpace(weight_space) if weight_space is not None else WeightSpace.stated
        if rating_error is not None and not 0 <= rating_error <= 0.5:
            raise InputError(
                f"--rating-error: {rating_error:g} is out of range; give a chance from 0 to 0.5 (0.1: each rating of "
                "the table one level off one time in ten)"
            )
        if spread is not None and space != WeightSpace.local:
            raise InputError(f"--spread applies only to --weight-space local (not {space}); add --weight-space local")
        return cls(
            samples=SAMPLES if samples is None else samples,
            seed=SEED if seed is None else seed,
            weight_space=space,
            spread=SPREAD if spread is None else spread,
            ordinal=ordinal,
            rating_error=0.0 if rating_error is None else rating_error,
        )


class Request(NamedTuple):
    """What to decide: whose priorities, which flags over them, and which analyses to add."""

    models: Path | None = None  # a custom models file; None: Table 2
    answers: tuple[Path, ...] = ()  # answers files, one per stakeholder
    stated: AnswersFile | None = None  # answers given another way: the questionnaire's
    flags: Overrides | None = None  # priorities, exclusions and limits given as flags
    robustness: bool = False  # SMAA and what can win
    stability: bool = False
    firmness: Firmness = Firmness()
    why_not: str | None = None  # a model id (or a unique prefix)
    unlock_ignored: bool = False  # why-not: criteria stated as 0 may move too
    group: Path | None = None  # a group file: members' answers files and the convener's weights


#: The analyses a Decision may carry, in the order every format shows them: (name, the Decision
#: field holding its result). The name is the analysis's module in mcstrat.analyses and its view's
#: in mcstrat.report.views, so a new analysis is one line here and every format shows it. Sensitivity
#: (analyses/sensitivity.py), which every ranking carries (why-not, showing none, skips it), is not
#: among them: its view's sentences sit under the ranking and on a record's page 1, and its JSON after
#: `summary` (report/data.py).
ANALYSES = (
    ("group", "group"),
    ("firmness", "verdict"),
    ("robustness", "smaa"),
    ("potential", "potential"),
    ("stability", "stability"),
)


class Decision(NamedTuple):
    """A ranking and every analysis asked for: what every view, format and record draws from."""

    catalog: Catalog
    result: RankResult
    group: GroupResult | None = None
    smaa: SmaaResult | None = None
    potential: dict[str, dict[str, Potential]] | None = None
    stability: dict[str, StabilityInterval] | None = None
    why_not: WhyNot | None = None
    shift: WhyNot | None = None  # for a record: the smallest change that puts the runner-up first
    inputs: tuple[tuple[str, str], ...] = ()  # (answers file, SHA-256 of its bytes)
    models_input: tuple[str, str] | None = None  # (custom --models file, SHA-256); None for Table 2
    loaded: tuple[LoadedAnswers, ...] = ()  # the answers as read, for messages that name their files
    firmness: Firmness | None = None  # the settings of `smaa`
    group_input: tuple[str, str] | None = None  # (the --group file, SHA-256); None without one
    sensitivity: Sensitivity | None = None  # the single cells the winner hangs on (decide(), but for why-not)
    verdict: Verdict | None = None  # firmness in one word (analyses/firmness.py), with `smaa`
    defaults: Defaults | None = None  # what nobody stated carries (analyses/defaults.py): every ranking
    order_chance: float | None = None  # a record's: the winner's first-place chance keeping only the stated order

    def problems(self) -> tuple[tuple[Problem, ...], tuple[Fraction, ...]]:
        """The scoring problem(s) behind the ranking, one per stakeholder, with their weights."""
        if self.group is not None:
            return self.group.problems, self.group.stakeholder_weights
        from mcstrat.analyses.ranking import problem

        return (problem(self.catalog, self.result.priorities),), (Fraction(1),)


class Compared(NamedTuple):
    """Models side by side (`compare`), with what the record of it names."""

    catalog: Catalog
    comparison: Comparison
    inputs: tuple[tuple[str, str], ...] = ()
    models_input: tuple[str, str] | None = None


def catalogue(models: Path | None = None) -> tuple[Catalog, tuple[str, str] | None]:
    """The models file in use (Table 2 when MODELS is None), and (its path, SHA-256) when it is a custom one."""
    from mcstrat.files.models import load_catalog_digest

    catalog, digest = load_catalog_digest(models)
    return catalog, (str(models), digest) if models is not None else None


def _flags(flags: Overrides | None) -> Overrides:
    """FLAGS, or no flags at all."""
    from mcstrat.core.statement import Overrides

    return flags or Overrides()


def needs_priorities(request: Request) -> bool:
    """False when REQUEST states no priorities at all (no answers, no priority flags): the questionnaire's cue."""
    flags = request.flags
    return not (
        request.answers
        or request.group is not None
        or request.stated is not None
        or (flags is not None and flags.any_priority())
    )


def decide(request: Request, catalog: Catalog | None = None) -> Decision:
    """Rank REQUEST's priorities (a group's way for several answers files) and add the analyses it asks for.

    CATALOG, when the caller has already loaded it (the questionnaire asks about it first),
    saves loading it again; it must be the one REQUEST.models names.
    """
    models_input = None
    if catalog is None:
        catalog, models_input = catalogue(request.models)
    elif request.models is not None:
        models_input = catalogue(request.models)[1]
    flags = _flags(request.flags)
    if request.why_not is not None:
        catalog.resolve_model(request.why_not)  # an unknown model is the first thing to say
    if needs_priorities(request):
        raise InputError(
            "no priorities given; pass --answers FILE (start one with `mcstrat init`), importance flags such as "
            "--roi high --risk medium, --swing CRITERION=POINTS or --ranking '...'"
        )
    if request.group is not None:
        decision = _convened(catalog, request, flags)
    elif len(request.answers) > 1:
        decision = _group(catalog, request.answers, flags)
    else:
        decision = _single(catalog, request, flags)
    decision = decision._replace(models_input=models_input, defaults=_defaults(decision))
    if request.why_not is None:  # why-not's answer does not show it: no work for nothing
        decision = _sensitivity(decision, catalog, flags)
    if request.robustness:
        decision = _firmness(decision, request.firmness, flags)
    if request.stability:
        decision = _stability(decision)
    if request.why_not is not None:
        decision = decision._replace(
            why_not=why_not(decision, request.why_not, flags, unlock_ignored=request.unlock_ignored)
        )
    return decision


def for_record(decision: Decision, firmness: Firmness) -> Decision:
    """DECISION with what a decision record always shows: firmness (measured with FIRMNESS unless it
    already was), what can win, stability, the smallest change that puts the runner-up first, and, when the
    chances are drawn within what was stated, the winner's chance keeping only the order of the priorities."""
    found = decision if decision.smaa is not None else _firmness(decision, firmness)
    found = found if found.stability is not None else _stability(found)
    found = _order_chance(found)
    top = found.result.top
    runner = next((r for r in found.result.ranking if r.rank > 1), None)
    if len(top) == 1 and runner is not None:
        from mcstrat.analyses.whynot import why_not as why_not_of

        problems, weights = found.problems()
        found = found._replace(shift=why_not_of(problems, runner.model.id, weights))
    return found


def _order_chance(decision: Decision) -> Decision:
    """DECISION with `order_chance`: the winner's chance of first place over weightings that keep only the order of
    what was stated (the ``order`` space, same samples and seed), when its chances were drawn ``stated`` and some
    statement is finer than an order (a ranking's ``stated`` is already ``order``)."""
    from mcstrat.analyses.robustness import smaa

    found, settings = decision.smaa, decision.firmness
    if found is None or settings is None or decision.verdict is None or found.weight_space != WeightSpace.stated:
        return decision
    problems, weights = decision.problems()
    if all(prob.weighting == Weighting.ranking for prob in problems):
        return decision
    ordered = smaa(
        problems, weights, samples=settings.samples, seed=settings.seed, weight_space=WeightSpace.order,
        ordinal=settings.ordinal, rating_error=settings.rating_error,
    )  # fmt: skip
    return decision._replace(order_chance=ordered.combined_first(decision.verdict.winner))


def why_not(decision: Decision, query: str, flags: Overrides | None = None, *, unlock_ignored: bool = False) -> WhyNot:
    """Why the model QUERY names is not first; a model the priorities leave out is refused, naming the fix.

    UNLOCK_IGNORED lets criteria stated as 0 move too (whynot.py)."""
    from mcstrat.analyses.whynot import why_not as why_not_of
    from mcstrat.core.priorities import not_ranked

    model = decision.catalog.resolve_model(query)
    left_out = next((e for e in decision.result.excluded if e.model.id == model.id), None)
    if left_out is not None:
        raise InputError(not_ranked(decision.catalog, model, left_out.reason, decision.loaded, _flags(flags)))
    problems, weights = decision.problems()
    return why_not_of(problems, model.id, weights, unlock_ignored=unlock_ignored)


def compare(request: Request, ids: Sequence[str], catalog: Catalog | None = None) -> Compared:
    """The models IDS name, side by side; with REQUEST's priorities (an answers file, flags), their points too."""
    from mcstrat.analyses.compare import compare as compare_models
    from mcstrat.core.priorities import combine
    from mcstrat.files.answers import load_answers

    models_input = None
    if catalog is None:
        catalog, models_input = catalogue(request.models)
    flags = _flags(request.flags)
    chosen = [catalog.resolve_model(query) for query in ids]
    if request.group is not None:  # the group's points: its members weighed as the convener set
        if flags.any_priority():
            raise InputError(_ambiguous(flags, "a group file"))
        group = _convened(catalog, request, flags)
        assert group.group is not None
        members = [view.result.priorities for view in group.group.stakeholders]
        found = compare_models(
            catalog, chosen, group.result.priorities, members=members, left_out=group.result.excluded
        )
        inputs = (group.group_input, *group.inputs) if group.group_input is not None else group.inputs
        return Compared(catalog, found, inputs, models_input)
    loaded = load_answers(request.answers[0]) if request.answers else None
    priorities = None
    if loaded is not None or flags.any_priority():
        priorities = combine(catalog, loaded, flags)
    inputs = ((str(loaded.path), loaded.sha256),) if loaded is not None else ()
    return Compared(catalog, compare_models(catalog, chosen, priorities), inputs, models_input)


# -- the steps ------------------------------------------------------------------------------


def _single(catalog: Catalog, request: Request, flags: Overrides) -> Decision:
    from mcstrat.analyses.ranking import rank
    from mcstrat.core.priorities import combine
    from mcstrat.core.statement import LoadedAnswers
    from mcstrat.files.answers import load_answers

    inputs: tuple[tuple[str, str], ...]
    if request.answers:
        loaded = load_answers(request.answers[0])
        inputs = ((str(loaded.path), loaded.sha256),)
    elif request.stated is not None:
        loaded, inputs = LoadedAnswers(Path(QUESTIONNAIRE), request.stated, {}, ""), ()
    else:
        return Decision(catalog, rank(catalog, combine(catalog, None, flags)))
    return Decision(catalog, rank(catalog, combine(catalog, loaded, flags)), inputs=inputs, loaded=(loaded,))


def _convened(catalog: Catalog, request: Request, flags: Overrides) -> Decision:
    """A group file's decision: its members, weighed as the convener set, in one range mode."""
    from mcstrat.analyses.group import check_group_size
    from mcstrat.files.group import load_group

    assert request.group is not None
    if request.answers:
        raise InputError(
            "--group and --answers together are ambiguous (is the answers file a member?); list every member in "
            f"the group file {request.group}, or rank the --answers files without --group"
        )
    convened = load_group(request.group)
    check_group_size(len(convened.members), len(catalog.models), len(catalog.criteria))  # before reading them
    paths = [member.answers for member in convened.members]
    weights = tuple(m.weight for m in convened.members)
    decision = _group(catalog, paths, flags, weights, convened.ranges, request.group, convened.name)
    return decision._replace(group_input=(str(request.group), convened.sha256))


def _group(
    catalog: Catalog,
    paths: Sequence[Path],
    flags: Overrides,
    weights: Sequence[Fraction] | None = None,
    ranges: str | None = None,
    group_file: Path | None = None,
    name: str | None = None,
) -> Decision:
    """A group's decision: each answers file is a stakeholder, --exclude and --require apply to the whole group.

    WEIGHTS are the convener's (a group file's; None: all equal), RANGES the group file's range mode (None:
    unset), NAME its name; a member's own stakeholder_weight is refused, and so are members whose ranges differ unless
    --ranges or RANGES settles it (files.group.check_members).
    """
    from mcstrat.analyses.group import Stakeholder, check_group_size, group_rank
    from mcstrat.core.priorities import combine, parse_constraint
    from mcstrat.core.statement import Overrides
    from mcstrat.files.answers import load_answers
    from mcstrat.files.group import check_members

    check_group_size(len(paths), len(catalog.models), len(catalog.criteria))  # before reading thousands of files
    if flags.any_priority():
        raise InputError(_ambiguous(flags, "a group file" if group_file is not None else "several --answers files"))
    # --exclude and --require apply to the whole group and are reported as such, not as each
    # stakeholder's; --ranges applies to every stakeholder
    exclude = tuple(dict.fromkeys(catalog.resolve_model(q).id for q in flags.exclude))
    require = tuple(parse_constraint(catalog, text, "--require") for text in flags.require)
    own = Overrides(ranges=flags.ranges if flags.ranges is not None else ranges)
    loaded = [load_answers(path) for path in paths]
    check_members(
        [(found.answers.name or path.name, found) for path, found in zip(paths, loaded)],
        group_file,
        own.ranges is not None,
    )
    shares = weights if weights is not None else [Fraction(1)] * len(paths)
    people = [
        Stakeholder(
            name=found.answers.name or path.name,
            priorities=combine(catalog, found, own)._replace(stakeholder_weight=weight),
            source=str(path),
        )
        for path, found, weight in zip(paths, loaded, shares)
    ]
    names = [p.name for p in people]
    for i, person in enumerate(people):
        if names.count(person.name) > 1:
            people[i] = Stakeholder(f"{person.name} ({paths[i]})", person.priorities, person.source)
    grouped = group_rank(catalog, people, exclude=exclude, require=require, name=name)
    inputs = tuple((str(path), found.sha256) for path, found in zip(paths, loaded))
    return Decision(catalog, grouped.result, group=grouped, inputs=inputs, loaded=tuple(loaded))


def _ambiguous(flags: Overrides, beside: str = "several --answers files") -> str:
    """Why priority flags BESIDE a group are refused."""
    stated = [*flags.importances.values(), *flags.targets.values(), *flags.swing.values()]
    given = ", ".join(sorted({flag for _, flag in stated} | ({"--ranking"} if flags.ranking else set())))
    return (
        f"{given} beside {beside} is ambiguous (whose priority would it change?); "
        "put the priority in each stakeholder's file, or rank one file at a time"
    )


def _firmness(decision: Decision, firmness: Firmness, flags: Overrides | None = None) -> Decision:
    """SMAA under FIRMNESS's weight space, potential optimality under the free and order spaces, and the verdict.

    The verdict needs the table's sensitivity, which every decision but a why-not carries already; FLAGS are
    the request's, whose group-wide limits it applies."""
    from mcstrat.analyses.potential import check_lp_work, potential
    from mcstrat.analyses.robustness import smaa

    problems, weights = decision.problems()
    check_lp_work(problems)  # before the sampling, not after it
    found = smaa(
        problems,
        weights,
        samples=firmness.samples,
        seed=firmness.seed,
        weight_space=firmness.weight_space,
        spread=firmness.spread,
        ordinal=firmness.ordinal,
        rating_error=firmness.rating_error,
    )
    # what can win is judged over what the sampling varies: the same weights, ranges and (ordinal) spacing
    found_potential = potential(
        problems, weights, ordinal=firmness.ordinal, space=firmness.weight_space, spread=firmness.spread
    )
    decision = decision._replace(smaa=found, potential=found_potential, firmness=firmness)
    if decision.sensitivity is None:
        decision = _sensitivity(decision, decision.catalog, _flags(flags))
    from mcstrat.analyses.firmness import judge

    assert decision.sensitivity is not None
    verdict = judge(decision.result, problems, weights, found, decision.sensitivity)
    return decision._replace(verdict=verdict)


def _sensitivity(decision: Decision, catalog: Catalog, flags: Overrides) -> Decision:
    """The table's own uncertainty (analyses/sensitivity.py): exact and cheap, so every decision carries it.

    Every hard limit applies to a moved cell: one person's (their file's and the flags'), or for a group each
    member's and the whole group's --require.
    """
    from mcstrat.analyses.sensitivity import sensitivity

    limits = decision.result.priorities.require
    if decision.group is not None and flags.require:
        from mcstrat.core.priorities import parse_constraint

        limits += tuple(parse_constraint(catalog, text, "--require") for text in flags.require)
    problems, weights = decision.problems()
    return decision._replace(sensitivity=sensitivity(problems, weights, limits))


def _defaults(decision: Decision) -> Defaults:
    """What the criteria nobody stated carry (analyses/defaults.py): each stakeholder's, or the one person's."""
    from mcstrat.analyses.defaults import defaults

    if decision.group is not None:
        views = decision.group.stakeholders
        return defaults([v.result for v in views], [v.share for v in views])
    return defaults([decision.result], [Fraction(1)])


def _stability(decision: Decision) -> Decision:
    from mcstrat.analyses.stability import stability

    problems, weights = decision.problems()
    return decision._replace(stability=stability(problems, weights))


__all__ = [
    "QUESTIONNAIRE",
    "SAMPLES",
    "SEED",
    "SPREAD",
    "Compared",
    "Decision",
    "Firmness",
    "Request",
    "catalogue",
    "compare",
    "decide",
    "for_record",
    "needs_priorities",
    "why_not",
]

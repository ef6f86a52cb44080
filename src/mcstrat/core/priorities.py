"""What an institution states: importances, target levels, exclusions and hard limits.

Importance is a number from 0 to 5 (0 = ignore the criterion, decimals allowed) or a word:

    none = 0, low = 1, medium = 2, high = 4, critical = 5

A criterion nobody mentions counts at the default, ``medium`` (2): not mentioning a criterion
is not the same as not caring about it; say ``none`` (0) to ignore it. Target criteria
(horizon) are the exception: with no target level chosen they default to ``none``, because
fit to an unstated target cannot be scored; giving one an importance above 0 without a target
is an error.

A hard limit such as ``risk<=MED`` may also use the importance words low, medium and high for
the levels LOW, MED and HIGH, on a criterion whose scale has those three levels
(``risk<=medium`` is ``risk<=MED``); it is saved with the level. A hard limit is judged on
the whole range of a ranged cell: a model rated ``LOW/MED`` on risk meets ``risk<=MED`` but
not ``risk<=LOW``. Limits never depend on the ``--ranges`` mode.

Numbers (importances, swing points, stakeholder weights) are read by exact.py, with the guards
every number a person writes gets: the ASCII digits 0-9 only, a bounded exponent and size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, NamedTuple, TypeVar

from mcstrat.core.catalog import Catalog, Model, criterion_key, suggest
from mcstrat.core.exact import fmt_number, read_number
from mcstrat.core.lines import key_path
from mcstrat.core.precision import Stated, importance_spread, stated, written
from mcstrat.core.statement import AnswersFile, LoadedAnswers, Overrides
from mcstrat.core.utility import criterion_spans
from mcstrat.core.vocabulary import (
    DEFAULT_IMPORTANCE_WORD,
    IMPORTANCE_WORDS,
    LIMIT_WORDS,
    MAX_IMPORTANCE,
    MAX_POINTS,
    MAX_WEIGHT,
    RANGE_MODES,
    Direction,
    RangeMode,
    Unmentioned,
    Weighting,
)
from mcstrat.core.weighting import (
    importances_for,
    parse_ranking,
    points_statement,
    ranking_text,
    ranking_weights,
)
from mcstrat.errors import InputError
from mcstrat.sanitize import clip, quoted

_T = TypeVar("_T")
_OPERATORS = {"<=": "le", ">=": "ge", "==": "eq", "=": "eq", "!=": "ne", "<": "lt", ">": "gt"}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z0-9-]+)\s*(<=|>=|==|!=|=|<|>)\s*([A-Za-z0-9]+)\s*$")


def _importance_number(value: Any, where: str) -> Fraction:
    """One importance from a number (0..5) or a word, exactly (exact.py's guards)."""
    if isinstance(value, str) and value.strip().lower() in IMPORTANCE_WORDS:
        return Fraction(IMPORTANCE_WORDS[value.strip().lower()])
    return read_number(
        value,
        where,
        noun="an importance",
        hint=f"use a number from 0 to 5, a range such as 3-4, or one of {', '.join(IMPORTANCE_WORDS)}",
        low=0,
        high=MAX_IMPORTANCE,
        out_of_range="importance {} is out of range",
        words=list(IMPORTANCE_WORDS),
    )


def importance_statement(value: Any, where: str) -> Stated:
    """An importance as stated: the number ranked and the interval it stands for (precision.py); WHERE names its
    origin in errors."""
    return stated(value, where, _importance_number, MAX_IMPORTANCE, importance_spread)


def parse_importance(value: Any, where: str) -> Fraction:
    """The importance a number (0..5), a word or a range ('3-4': its midpoint) ranks by, exactly."""
    return importance_statement(value, where).point


def parse_weight(value: Any, where: str) -> Fraction:
    """A stakeholder weight: a positive number up to 1000, exactly (exact.py's guards)."""
    return read_number(
        value,
        where,
        noun="a weight",
        hint="use a positive number up to 1000, such as 1",
        low=0,
        above_low=True,
        high=MAX_WEIGHT,
        out_of_range="weight {} is out of range",
    )


class Constraint(NamedTuple):
    """A hard limit on one criterion's rating, such as risk<=MED."""

    criterion: str
    op: str
    level: int
    text: str

    def holds(self, lo: int, hi: int) -> bool:
        """True when every level in lo..hi satisfies the limit (a ranged cell must meet it throughout)."""
        return all(_compare(self.op, i, self.level) for i in range(lo, hi + 1))


def _compare(op: str, a: int, b: int) -> bool:
    return {
        "le": a <= b,
        "ge": a >= b,
        "lt": a < b,
        "gt": a > b,
        "eq": a == b,
        "ne": a != b,
    }[op]


def parse_constraint(catalog: Catalog, text: str, where: str) -> Constraint:
    """'risk<=MED' -> Constraint, checked against the catalogue's criteria and scales."""
    match = _CONSTRAINT.match(text) if isinstance(text, str) else None
    if match is None:
        raise InputError(
            f"{where}: {quoted(text)} is not a constraint; write CRITERION OPERATOR LEVEL, e.g. 'risk<=MED' "
            "(operators: <= >= < > == !=)"
        )
    name, op, level = match.groups()
    try:
        crit = catalog.resolve_criterion(name)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    index = crit.level_index(level)
    # importance words name the levels of a LOW/MED/HIGH scale: risk<=medium is risk<=MED
    if (
        index is None
        and level.lower() in LIMIT_WORDS
        and all(crit.level_index(lv) is not None for lv in LIMIT_WORDS.values())
    ):
        index = crit.level_index(LIMIT_WORDS[level.lower()])
    if index is None:
        raise InputError(f"{where}: {quoted(level)} is not a level of {crit.id}; use one of {', '.join(crit.scale)}")
    canonical = f"{crit.id}{'==' if op == '=' else op}{crit.scale[index]}"
    return Constraint(crit.id, _OPERATORS[op], index, canonical)


class Priorities(NamedTuple):
    """Resolved, validated priorities: one importance per criterion, exact."""

    importances: dict[str, Fraction]
    defaulted: frozenset[str]
    targets: dict[str, int]
    ranges: RangeMode = RangeMode.midpoint
    exclude: tuple[str, ...] = ()
    require: tuple[Constraint, ...] = ()
    name: str | None = None
    stakeholder_weight: Fraction = Fraction(1)
    source: str | None = None  # the answers file these came from, named in whole-file errors
    # How the person stated their priorities (vocabulary.Weighting). STATED holds what they said
    # per criterion: the importances, the swing points, or the rank-order-centroid weights; None
    # means the importances. IMPORTANCES are always what the weights are normalised from.
    weighting: Weighting = Weighting.importance
    stated: dict[str, Fraction] | None = None
    # the interval each statement stands for (core/precision.py), in the units stated (importances or swing
    # points); None for a ranking, which states an order only, and for priorities built without statements
    bounds: dict[str, tuple[Fraction, Fraction]] | None = None
    unmentioned: Unmentioned = Unmentioned.medium  # what a criterion not stated counts as (answers files)

    @property
    def statement(self) -> dict[str, Fraction]:
        """What the person stated per criterion (importances, swing points or ROC weights)."""
        return self.stated if self.stated is not None else self.importances

    @classmethod
    def build(cls, catalog: Catalog, importances: Mapping[str, Any] | None = None, **given: Any) -> Priorities:
        """Validate raw user input against CATALOG (see `check`); InputError naming every problem."""
        built, problems = check(catalog, importances, **given)
        if problems:
            raise InputError(*(problems[:1] if len(problems) == 1 else ["several problems:", *problems]))
        assert built is not None
        return built


def check(
    catalog: Catalog,
    importances: Mapping[str, Any] | None = None,
    *,
    targets: Mapping[str, str] | None = None,
    target_horizon: str | None = None,
    exclude: Iterable[str] = (),
    require: Iterable[str] = (),
    ranges: str = RangeMode.midpoint,
    name: str | None = None,
    stakeholder_weight: Any = 1,
    where: Mapping[str, str] | None = None,
    source: str | None = None,
    swing: Mapping[str, Any] | None = None,
    ranking: str | None = None,
    unmentioned: str = Unmentioned.medium,
) -> tuple[Priorities | None, list[str]]:
    """The Priorities that raw user input states against CATALOG, and every problem with it.

    The one check of stated priorities: `Priorities.build` (every command, for answers files and
    flags alike) raises its problems, and `mcstrat validate` lists them. Each key is checked on its
    own, so one mistake never hides another; a problem starts with its origin, which WHERE maps a
    key ('priorities.risk') to (a file's line, or the flag). Priorities are stated one way:
    IMPORTANCES, SWING points or a RANKING of criteria (see weighting.py); SWING and RANKING set
    the importances that give their effective weights. UNMENTIONED says what a criterion not
    stated counts as: the default importance (medium), nothing (none: importance or points 0), or
    a problem naming it (refuse, for CI: every criterion must be stated, none and 0 included).
    TARGET_HORIZON is an answers file's `target_horizon`, the target level of the criterion horizon.
    Returns (None, problems) when there are any.

    One thing said twice is a conflict, refused naming both, even when the two agree: two keys
    naming one criterion ('risk' and 'RISK' or ' risk', which every lookup reads alike), or
    `target_horizon` beside a target level for horizon under `targets`. Taking either silently
    (the last one, as before issue 18) ranks by a value the person may not have meant, and a
    rule with no "unless they agree" needs no second look at spellings of levels ('H1', 'h1').
    """
    where = dict(where or {})
    problems: list[str] = []

    def origin(key: str) -> str:
        return where.get(key, key)

    def whole(key: str) -> str:
        """The origin of a problem with the whole of KEY: its place in a file, else the file, else nothing."""
        found = where.get(key) or source
        return f"{found}: " if found else ""

    def attempt(key: str, step: Callable[..., _T], *args: Any) -> _T | None:
        """STEP(*ARGS), or None with its problem noted (prefixed by KEY's origin unless it names one)."""
        try:
            return step(*args)
        except InputError as exc:
            text = str(exc)
            problems.append(text if not key or text.startswith(origin(key)) else f"{origin(key)}: {text}")
            return None

    ways = [w for w, used in ((Weighting.importance, importances), (Weighting.swing, swing)) if used]
    ways += [Weighting.ranking] if ranking is not None else []
    if len(ways) > 1:
        keys = " and as ".join("priorities" if w is Weighting.importance else str(w) for w in ways)
        problems.append(
            f"{whole('')}priorities are given both as {keys}; state them one way only (keep one of these keys, or one "
            "kind of flag)"
        )
        swing, ranking = None, None  # the importances are still checked, so nothing else goes unreported

    given: dict[str, Fraction] = {}
    bounds: dict[str, tuple[Fraction, Fraction]] = {}  # the interval each statement stands for (precision.py)
    complete = True
    spelt: dict[str, str] = {}  # criterion id -> the key that first named it
    for key, value in (importances or {}).items():
        crit = attempt(f"priorities.{key}", catalog.resolve_criterion, str(key))
        found = attempt("", importance_statement, value, origin(f"priorities.{key}"))
        complete = complete and crit is not None and found is not None
        if crit is not None and crit.id in spelt:
            problems.append(f"{origin(f'priorities.{key}')}: {both_name(spelt[crit.id], str(key), crit.id)}")
            complete = False
            continue
        if crit is not None:
            spelt[crit.id] = str(key)
        if crit is not None and found is not None:
            given[crit.id] = found.point
            bounds[crit.id] = (found.low, found.high)

    resolved_targets: dict[str, int] = {}
    aimed: set[str] = set()  # target criteria given a level, valid or not: a bad level is not also "no target"
    levels = [(f"targets.{key}", str(key), level) for key, level in (targets or {}).items()]
    if target_horizon is not None:
        levels.insert(0, ("target_horizon", "horizon", target_horizon))
    set_by: dict[str, str] = {}  # criterion id -> the key path that gave its target level
    for path, key, level in levels:
        crit = attempt(path, catalog.resolve_criterion, key)
        if crit is None:
            continue
        if crit.id in set_by:
            first = set_by[crit.id]
            said = (
                f"target_horizon and {key_path(('targets', key))} both set the target level of {crit.id}; "
                "keep one of them"
                if first == "target_horizon"
                else both_name(first.removeprefix("targets."), key, crit.id)
            )
            problems.append(f"{origin(path)}: {said}")
            continue
        set_by[crit.id] = path
        aimed.add(crit.id)
        if crit.direction != Direction.target:
            problems.append(
                f"{origin(path)}: {crit.id} is a {crit.direction} criterion, not a target one; "
                "only target criteria take a target level"
            )
            continue
        index = crit.level_index(str(level))
        if index is None:
            close = suggest(str(level), [s.lower() for s in crit.scale])
            problems.append(
                f"{origin(path)}: {quoted(level)} is not a level of {crit.id}{close}; "
                f"use one of {', '.join(crit.scale)}"
            )
            continue
        resolved_targets[crit.id] = index

    if unmentioned not in Unmentioned.values():
        problems.append(
            f"{origin('unmentioned')}: unknown value {quoted(unmentioned)}; "
            f"use one of {', '.join(Unmentioned.values())}"
        )
        unmentioned = Unmentioned.medium
    if ranges not in RANGE_MODES:
        problems.append(
            f"{origin('ranges')}: unknown ranges mode {quoted(ranges)}; use one of {', '.join(RANGE_MODES)}"
        )
        ranges = RangeMode.midpoint
    excluded: list[str] = []
    limits_ok = True  # whether every exclusion and limit could be read, so "nothing left" can be judged
    for i, query in enumerate(exclude):
        model = attempt(f"exclude.{i}", catalog.resolve_model, str(query))
        if model is None:
            limits_ok = False
        elif model.id not in excluded:
            excluded.append(model.id)
    constraints: list[Constraint] = []
    for i, text in enumerate(require):
        con = attempt("", parse_constraint, catalog, text, origin(f"require.{i}"))
        if con is None:
            limits_ok = False
        else:
            constraints.append(con)
    left_out = excluded_by(catalog, excluded, constraints)
    if limits_ok and len(left_out) == len(catalog.models):
        problems.append(whole("require" if constraints else "exclude") + nothing_left(excluded, constraints))
    # swing points and rankings weigh the ranges over the models ranked (weighting.py): those these leave
    kept = [m for m in catalog.models if m.id not in left_out] or list(catalog.models)

    weighting = Weighting.importance
    stated: dict[str, Fraction] | None = None
    named: set[str] = set()
    if swing or ranking is not None:
        other = attempt("", _from_swing_or_ranking, catalog, swing, ranking, resolved_targets, ranges, origin, kept)
        if other is None:
            complete = False
        else:
            weighting, stated, given, named, bounds = other

    final: dict[str, Fraction] = {}
    defaulted = set()
    for crit in catalog.criteria:
        if stated is not None:
            final[crit.id] = given.get(crit.id, Fraction(0))
            bounds.setdefault(crit.id, (Fraction(0), Fraction(0)))
            if crit.id not in named:
                defaulted.add(crit.id)
            continue
        if crit.id in given:
            final[crit.id] = given[crit.id]
        else:
            defaulted.add(crit.id)
            untargeted = crit.direction == Direction.target and crit.id not in aimed
            # a default is read as the word it is, as precise as any word (precision.py)
            counted = DEFAULT_IMPORTANCE_WORD if unmentioned == Unmentioned.medium and not untargeted else 0
            default = importance_statement(counted, crit.id)
            final[crit.id] = default.point
            bounds[crit.id] = (default.low, default.high)
        if crit.direction == Direction.target and final[crit.id] > 0 and crit.id not in aimed:
            key = next((k for k in importances or {} if str(k).strip().lower() == crit.id), crit.id)
            problems.append(
                f"{origin(f'priorities.{key}')}: {crit.id} has importance {fmt_number(final[crit.id])} "
                f"but no target; add {_target_fix(crit.id, crit.scale, origin(f'priorities.{key}'))}, "
                "or set its importance to 0"
            )
    unstated = [c.id for c in catalog.criteria if c.id in defaulted]
    if unmentioned == Unmentioned.refuse and unstated and (stated is not None or complete):
        how = {
            Weighting.swing: "give each its points (0 to weigh nothing), or drop `unmentioned: refuse` (a criterion "
            "not named in swing points weighs nothing)",
            Weighting.ranking: "add each to the ranking, or drop `unmentioned: refuse` (a criterion not ranked weighs "
            "nothing)",
        }
        problems.append(
            f"{origin('unmentioned')}: {', '.join(unstated)} {'is' if len(unstated) == 1 else 'are'} not stated, and "
            "unmentioned is refuse; "
            + how.get(weighting, "give each an importance (none to ignore it), or set unmentioned: medium or none")
        )
    if complete and stated is None and not any(final.values()):
        problems.append(
            f"{whole('priorities')}every criterion has importance 0, so nothing can be ranked; "
            "give at least one criterion an importance above 0"
        )

    weight = attempt("", parse_weight, stakeholder_weight, origin("stakeholder_weight"))
    if problems or weight is None:
        return None, problems
    return (
        Priorities(
            importances=final,
            defaulted=frozenset(defaulted),
            targets=resolved_targets,
            ranges=RangeMode(ranges),
            exclude=tuple(excluded),
            require=tuple(constraints),
            name=name,
            stakeholder_weight=weight,
            source=source,
            weighting=weighting,
            stated=stated,
            bounds=None if weighting == Weighting.ranking else {c.id: bounds[c.id] for c in catalog.criteria},
            unmentioned=Unmentioned(unmentioned),
        ),
        [],
    )


def both_name(first: str, second: str, cid: str) -> str:
    """The conflict of two keys, FIRST and SECOND as written, that name the criterion CID."""
    return f"{quoted(first)} and {quoted(second)} both name the criterion {cid}; keep one of them"


def _target_fix(cid: str, scale: Sequence[str], said: str) -> str:
    """How to give criterion CID a target level: the answers file's key when SAID (the origin of what
    needs it) is a file, else the flag."""
    levels = "|".join(scale)
    flag = f"--target-horizon {levels}" if cid == "horizon" else f"--target {cid}={levels}"
    key = "target_horizon" if cid == "horizon" else f"targets: {{{cid}: LEVEL}}"
    if said.startswith("--") or ": " not in said:
        return f"{flag} (or '{key}' in an answers file)"
    return f"'{key}' ({levels}; or the flag {flag.split()[0]})"


def excluded_by(catalog: Catalog, exclude: Iterable[str], require: Iterable[Constraint]) -> dict[str, tuple[str, ...]]:
    """Each model in EXCLUDE (ids) or breaking a constraint in REQUIRE -> every reason, in the models file's order."""
    dropped, limits = set(exclude), list(require)
    out: dict[str, tuple[str, ...]] = {}
    for model in catalog.models:
        reasons = ["excluded by request"] if model.id in dropped else []
        for con in limits:
            rating = catalog.rating(model, con.criterion)
            if not con.holds(rating.lo, rating.hi):
                reasons.append(f"breaks {con.text} (rated {rating.text})")
        if reasons:
            out[model.id] = tuple(reasons)
    return out


def nothing_left(exclude: Sequence[str], require: Sequence[Constraint]) -> str:
    """The message when EXCLUDE (model ids) and REQUIRE leave no model to rank."""
    parts = []
    if exclude:
        parts.append(f"excluding {', '.join(exclude)}")
    if require:
        parts.append(f"the limits {', '.join(c.text for c in require)}")
    return f"no model is left to rank after {' and '.join(parts)}; relax a limit or exclude fewer models"


def _from_swing_or_ranking(
    catalog: Catalog,
    swing: Mapping[str, Any] | None,
    ranking: str | None,
    targets: Mapping[str, int],
    ranges: str,
    origin: Callable[[str], str],
    models: Sequence[Model],
) -> tuple[Weighting, dict[str, Fraction], dict[str, Fraction], set[str], dict[str, tuple[Fraction, Fraction]]]:
    """(weighting, what was stated per criterion, the importances giving it as effective weights, criteria named,
    the interval each swing statement stands for: {} for a ranking).

    A criterion not named gets 0 points (swing) or weight 0 (ranking)."""
    spans = criterion_spans(catalog, targets, ranges, models)

    def check_range(cid: str, key: str, fix: str) -> None:
        if spans[cid] > 0:
            return
        crit = catalog.criterion(cid)
        if crit.direction == Direction.target and cid not in targets:
            raise InputError(
                f"{origin(key)}: {cid} has no target level, so no model is better than another on it; "
                f"add {_target_fix(cid, crit.scale, origin(key))}, or {fix}"
            )
        among = "every model ranked" if len(models) < len(catalog.models) else "every model"
        raise InputError(
            f"{origin(key)}: {among} scores the same on {cid} (its range is 0), so weighing it changes nothing; {fix}"
        )

    if swing:
        points: dict[str, Fraction] = {}
        bounds: dict[str, tuple[Fraction, Fraction]] = {}
        spelt: dict[str, str] = {}
        for key, value in swing.items():
            try:
                cid = catalog.resolve_criterion(str(key)).id
            except InputError as exc:
                raise InputError(f"{origin(f'swing.{key}')}: {exc}") from None
            if cid in points:
                raise InputError(f"{origin(f'swing.{key}')}: {both_name(spelt[cid], str(key), cid)}")
            spelt[cid] = str(key)
            said = points_statement(value, origin(f"swing.{key}"))
            points[cid], bounds[cid] = said.point, (said.low, said.high)
            if points[cid] > 0:
                check_range(cid, f"swing.{key}", f"remove {cid} from the swing points")
        total = sum(points.values(), Fraction(0))
        if total == 0:
            first = next(iter(swing))
            raise InputError(
                f"{origin(f'swing.{first}')}: every swing has 0 points, so nothing can be ranked; "
                "give the swing that matters most 100 points"
            )
        stated = {c.id: points.get(c.id, Fraction(0)) for c in catalog.criteria}
        effective = {cid: p / total for cid, p in stated.items()}
        return Weighting.swing, stated, importances_for(effective, spans), set(points), bounds
    groups = parse_ranking(catalog, ranking, origin("ranking"))
    for group in groups:
        for cid in group:
            check_range(cid, "ranking", f"remove {cid} from the ranking")
    roc = ranking_weights(groups)
    stated = {c.id: roc.get(c.id, Fraction(0)) for c in catalog.criteria}
    return Weighting.ranking, stated, importances_for(stated, spans), set(roc), {}


def combine(catalog: Catalog, loaded: LoadedAnswers | None, flags: Overrides) -> Priorities:
    """Priorities from an answers file with flags on top: flag values replace the file's, and
    --exclude/--require add to the file's lists.

    Importance and swing flags replace the file's value for their criterion when the file states
    priorities the same way; --ranking replaces the file's ranking. Flags that state priorities
    another way than the file replace the file's priorities as a whole (its targets, exclusions,
    limits and ranges mode still apply). Flags mixing ways are refused. A flag replaces the file's
    statement of its criterion however the file spelt the key, and --target horizon=... (or
    --target-horizon) replaces the file's target_horizon."""
    where: dict[str, str] = loaded.where() if loaded else {}
    importances: dict[str, Any] = {}
    targets: dict[str, str] = {}
    target_horizon: str | None = None
    exclude: list[str] = []
    require: list[str] = []
    ranges: str = RangeMode.midpoint
    unmentioned: str = Unmentioned.medium
    name = None
    weight: Any = 1
    swing: dict[str, Any] = {}
    ranking: str | None = None
    flag_method = flags.method()
    if loaded is not None:
        answers = loaded.answers
        # flags stated another way replace the file's priorities as a whole (its other keys stay)
        if flag_method in (None, answers.weighting):
            importances.update(answers.priorities)
            swing.update(answers.swing)
            ranking = answers.ranking
        targets.update(answers.targets)
        target_horizon = answers.target_horizon
        exclude.extend(answers.exclude)
        require.extend(answers.require)
        ranges = answers.ranges
        unmentioned = answers.unmentioned
        name = answers.name
        weight = 1 if answers.stakeholder_weight is None else answers.stakeholder_weight
    _lay_over(importances, flags.importances, "priorities", where)
    _lay_over(swing, flags.swing, "swing", where)
    if flags.ranking is not None:
        ranking = flags.ranking[0]
        where["ranking"] = flags.ranking[1]
    _lay_over(targets, flags.targets, "targets", where)
    if any(criterion_key(key) == "horizon" for key in flags.targets):
        target_horizon = None  # a flag's target level of horizon replaces the file's, as any other
    offset = len(exclude)
    for i, query in enumerate(flags.exclude):
        exclude.append(query)
        where[f"exclude.{offset + i}"] = "--exclude"
    offset = len(require)
    for i, text in enumerate(flags.require):
        require.append(text)
        where[f"require.{offset + i}"] = "--require"
    if flags.ranges is not None:
        ranges = flags.ranges
        where["ranges"] = "--ranges"
    return Priorities.build(
        catalog,
        importances,
        targets=targets,
        target_horizon=target_horizon,
        exclude=exclude,
        require=require,
        ranges=ranges,
        name=name,
        stakeholder_weight=weight,
        where=where,
        source=str(loaded.path) if loaded else None,
        swing=swing,
        ranking=ranking,
        unmentioned=unmentioned,
    )


def _lay_over(given: dict[str, Any], flagged: Mapping[str, tuple[Any, str]], kind: str, where: dict[str, str]) -> None:
    """FLAGGED (key -> (value, flag)) replace what GIVEN says of the same criterion, however a file spelt it;
    WHERE then names the flag as the origin of the KIND.key."""
    for key, (value, flag) in flagged.items():
        for spelt in [k for k in given if criterion_key(str(k)) == criterion_key(key)]:
            del given[spelt]
        given[key] = value
        where[f"{kind}.{key}"] = flag


def not_ranked(catalog: Catalog, model: Model, reason: str, loaded: Sequence[LoadedAnswers], flags: Overrides) -> str:
    """Why MODEL is missing from the ranking, and the fix where the exclusion or limit came from.

    REASON is the ranking's reason for leaving it out; LOADED the answers files the run read and
    FLAGS its command-line priorities, as `combine` merged them. An exclusion or limit given on
    the command line is named as the flag to drop or relax; one from an answers file names the
    file and its key (``exclude`` or ``require``), since there is no --exclude to drop.
    """
    rating = {c.id: catalog.rating(model, c.id) for c in catalog.criteria}

    def breaks(text: str) -> str | None:
        con = parse_constraint(catalog, text, "require")
        r = rating[con.criterion]
        return None if con.holds(r.lo, r.hi) else con.text

    fixes: list[str] = []
    flagged = [q for q in flags.exclude if catalog.resolve_model(q).id == model.id]
    if flagged:
        fixes.append(f"drop --exclude {clip(flagged[0], 40)}")
    for text in flags.require:
        broken = breaks(text)
        if broken is not None:
            fixes.append(f"relax --require {broken}")
    for found in loaded:
        answers = found.answers
        if any(catalog.resolve_model(q).id == model.id for q in answers.exclude):
            fixes.append(f"remove {model.id} from the exclude list in {found.path}")
        for text in answers.require:
            broken = breaks(text)
            if broken is not None:
                fixes.append(f"relax {broken} under require in {found.path}")
    fix = " and ".join(dict.fromkeys(fixes)) if fixes else "drop that exclusion or relax the limit"
    return f"{model.id} is not ranked: {reason}; {fix} to ask why not"


def _plain(value: Fraction) -> float | int | str:
    """An exact importance as the file writes it: 2, 2.5, or '1/3' when no decimal is exact."""
    if value.denominator == 1:
        return value.numerator
    as_float = float(value)
    return as_float if Fraction(repr(as_float)) == value else f"{value.numerator}/{value.denominator}"


def _said(priorities: Priorities, cid: str, value: Fraction) -> float | int | str:
    """What the file writes for CID's statement VALUE: the number as precisely as it was stated (3, 2.5, '2.0'),
    or its range ('3-4') when no single number stands for the interval stated (precision.py)."""
    bounds = (priorities.bounds or {}).get(cid)
    if bounds is None:
        return _plain(value)
    swing = priorities.weighting == Weighting.swing
    text = written(Stated(value, *bounds), MAX_POINTS if swing else MAX_IMPORTANCE, swing)
    if text is None:
        return f"{_plain(bounds[0])}-{_plain(bounds[1])}"
    if "/" in text:
        return text
    if "." not in text:
        return int(text)
    return float(text) if repr(float(text)) == text and not float(text).is_integer() else text


def stated_range(priorities: Priorities, cid: str) -> tuple[Fraction, Fraction] | None:
    """The range CID was stated as ('3-4'), None when it was one number (or a word, or not stated)."""
    if priorities.bounds is None or cid in priorities.defaulted:
        return None
    said = _said(priorities, cid, priorities.statement[cid])
    return priorities.bounds[cid] if isinstance(said, str) and "-" in said else None


def to_answers(priorities: Priorities, catalog: Catalog) -> AnswersFile:
    """The answers file that replays PRIORITIES exactly (defaults stay unstated, as they were)."""
    targets = {cid: catalog.criterion(cid).scale[i] for cid, i in priorities.targets.items()}
    horizon = targets.pop("horizon", None)
    stated = priorities.statement
    named = [cid for cid in catalog.criterion_ids if cid not in priorities.defaulted]
    swing = (
        {cid: _said(priorities, cid, stated[cid]) for cid in named} if priorities.weighting == Weighting.swing else {}
    )
    ranking = None
    if priorities.weighting == Weighting.ranking:
        ranking = ranking_text(stated, catalog.criterion_ids)
    return AnswersFile(
        version=1,
        name=priorities.name,
        priorities={
            cid: _said(priorities, cid, value)
            for cid, value in priorities.importances.items()
            if cid not in priorities.defaulted and priorities.weighting == Weighting.importance
        },
        swing=swing,
        ranking=ranking,
        target_horizon=horizon,
        targets=targets,
        exclude=list(priorities.exclude),
        require=[c.text for c in priorities.require],
        ranges=priorities.ranges,
        unmentioned=priorities.unmentioned,
        # read from a float, so exact; 1 is the default, left unstated
        stakeholder_weight=None if priorities.stakeholder_weight == 1 else float(priorities.stakeholder_weight),
    )

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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, NamedTuple, TypeVar

from mcstrat.core.catalog import Catalog, Model, suggest
from mcstrat.core.statement import AnswersFile, LoadedAnswers, Overrides
from mcstrat.core.utility import criterion_spans
from mcstrat.core.vocabulary import (
    DEFAULT_IMPORTANCE_WORD,
    IMPORTANCE_WORDS,
    LIMIT_WORDS,
    MAX_IMPORTANCE,
    RANGE_MODES,
    Direction,
    RangeMode,
    Weighting,
)
from mcstrat.core.weighting import (
    NUMBER_TEXT,
    importances_for,
    parse_points,
    parse_ranking,
    ranking_text,
    ranking_weights,
)
from mcstrat.errors import InputError
from mcstrat.sanitize import clip, quoted

_T = TypeVar("_T")
_OPERATORS = {"<=": "le", ">=": "ge", "==": "eq", "=": "eq", "!=": "ne", "<": "lt", ">": "gt"}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z0-9-]+)\s*(<=|>=|==|!=|=|<|>)\s*([A-Za-z0-9]+)\s*$")


def fmt_number(value: Fraction) -> str:
    """A short, readable number: 3, 2.5, 1e+400 (never overflowing a float)."""
    if value.denominator == 1 and abs(value.numerator) < 10**15:
        return str(value.numerator)
    if abs(value) >= 10**15:
        digits = str(abs(value.numerator // value.denominator))
        return f"{'-' if value < 0 else ''}{digits[0]}e+{len(digits) - 1}"
    return f"{float(value):g}"


def parse_importance(value: Any, where: str) -> Fraction:
    """An importance from a number (0..5) or a word, exactly; WHERE names its origin in errors."""
    words = ", ".join(IMPORTANCE_WORDS)
    hint = f"use a number from 0 to 5 or one of {words}"
    if isinstance(value, bool) or value is None:
        raise InputError(f"{where}: {quoted(value)} is not an importance; {hint}")
    if isinstance(value, str):
        text = value.strip().lower()
        if text in IMPORTANCE_WORDS:
            return Fraction(IMPORTANCE_WORDS[text])
        if len(text) > 40 or not NUMBER_TEXT.match(text):
            close = suggest(text, list(IMPORTANCE_WORDS))
            raise InputError(f"{where}: {quoted(value)} is not an importance{close}; {hint}")
        mantissa, _, exponent = text.partition("e")
        # Fraction("1e999999999") would compute 10**999999999: judge the exponent first
        if exponent and abs(int(exponent)) > 20:
            if Fraction(mantissa) == 0 or int(exponent) < 0:
                raise InputError(f"{where}: {quoted(value)} has more decimals than an importance needs; {hint}")
            raise InputError(f"{where}: importance {value} is out of range; {hint}")
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InputError(
                f"{where}: {quoted(value)} is not an importance{suggest(text, list(IMPORTANCE_WORDS))}; {hint}"
            ) from None
    elif isinstance(value, int):
        number = Fraction(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{where}: {quoted(value)} is not a finite number; {hint}")
        number = Fraction(repr(value))
    else:
        raise InputError(f"{where}: {quoted(value)} is not an importance; {hint}")
    if not 0 <= number <= MAX_IMPORTANCE:
        raise InputError(f"{where}: importance {fmt_number(number)} is out of range; {hint}")
    return number


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

    @property
    def statement(self) -> dict[str, Fraction]:
        """What the person stated per criterion (importances, swing points or ROC weights)."""
        return self.stated if self.stated is not None else self.importances

    @classmethod
    def build(cls, catalog: Catalog, importances: Mapping[str, Any] | None = None, **given: Any) -> Priorities:
        """Validate raw user input against CATALOG (see `check`); InputError naming every problem."""
        built, problems = check(catalog, importances, **given)
        if problems:
            raise InputError(problems[0] if len(problems) == 1 else "\n".join(["several problems:", *problems]))
        assert built is not None
        return built


def check(
    catalog: Catalog,
    importances: Mapping[str, Any] | None = None,
    *,
    targets: Mapping[str, str] | None = None,
    exclude: Iterable[str] = (),
    require: Iterable[str] = (),
    ranges: str = RangeMode.midpoint,
    name: str | None = None,
    stakeholder_weight: Any = 1,
    where: Mapping[str, str] | None = None,
    source: str | None = None,
    swing: Mapping[str, Any] | None = None,
    ranking: str | None = None,
) -> tuple[Priorities | None, list[str]]:
    """The Priorities that raw user input states against CATALOG, and every problem with it.

    The one check of stated priorities: `Priorities.build` (every command, for answers files and
    flags alike) raises its problems, and `mcstrat validate` lists them. Each key is checked on its
    own, so one mistake never hides another; a problem starts with its origin, which WHERE maps a
    key ('priorities.risk') to (a file's line, or the flag). Priorities are stated one way:
    IMPORTANCES, SWING points or a RANKING of criteria (see weighting.py); SWING and RANKING set
    the importances that give their effective weights. Returns (None, problems) when there are any.
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
    complete = True
    for key, value in (importances or {}).items():
        crit = attempt(f"priorities.{key}", catalog.resolve_criterion, str(key))
        number = attempt("", parse_importance, value, origin(f"priorities.{key}"))
        complete = complete and crit is not None and number is not None
        if crit is not None and number is not None:
            given[crit.id] = number

    resolved_targets: dict[str, int] = {}
    aimed: set[str] = set()  # target criteria given a level, valid or not: a bad level is not also "no target"
    for key, level in (targets or {}).items():
        crit = attempt(f"targets.{key}", catalog.resolve_criterion, str(key))
        if crit is None:
            continue
        aimed.add(crit.id)
        if crit.direction != Direction.target:
            problems.append(
                f"{origin(f'targets.{key}')}: {crit.id} is a {crit.direction} criterion, not a target one; "
                "only target criteria take a target level"
            )
            continue
        index = crit.level_index(str(level))
        if index is None:
            close = suggest(str(level), [s.lower() for s in crit.scale])
            problems.append(
                f"{origin(f'targets.{key}')}: {quoted(level)} is not a level of {crit.id}{close}; "
                f"use one of {', '.join(crit.scale)}"
            )
            continue
        resolved_targets[crit.id] = index

    if ranges not in RANGE_MODES:
        problems.append(
            f"{origin('ranges')}: unknown ranges mode {quoted(ranges)}; use one of {', '.join(RANGE_MODES)}"
        )
        ranges = RangeMode.midpoint
    weighting = Weighting.importance
    stated: dict[str, Fraction] | None = None
    named: set[str] = set()
    if swing or ranking is not None:
        other = attempt("", _from_swing_or_ranking, catalog, swing, ranking, resolved_targets, ranges, origin)
        if other is None:
            complete = False
        else:
            weighting, stated, given, named = other

    final: dict[str, Fraction] = {}
    defaulted = set()
    for crit in catalog.criteria:
        if stated is not None:
            final[crit.id] = given.get(crit.id, Fraction(0))
            if crit.id not in named:
                defaulted.add(crit.id)
            continue
        if crit.id in given:
            final[crit.id] = given[crit.id]
        else:
            defaulted.add(crit.id)
            untargeted = crit.direction == Direction.target and crit.id not in aimed
            final[crit.id] = Fraction(0 if untargeted else IMPORTANCE_WORDS[DEFAULT_IMPORTANCE_WORD])
        if crit.direction == Direction.target and final[crit.id] > 0 and crit.id not in aimed:
            key = next((k for k in importances or {} if str(k).strip().lower() == crit.id), crit.id)
            problems.append(
                f"{origin(f'priorities.{key}')}: {crit.id} has importance {fmt_number(final[crit.id])} "
                f"but no target; add {_target_fix(crit.id, crit.scale, origin(f'priorities.{key}'))}, "
                "or set its importance to 0"
            )
    if complete and stated is None and not any(final.values()):
        problems.append(
            f"{whole('priorities')}every criterion has importance 0, so nothing can be ranked; "
            "give at least one criterion an importance above 0"
        )

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
    if limits_ok and len(excluded_by(catalog, excluded, constraints)) == len(catalog.models):
        problems.append(whole("require" if constraints else "exclude") + nothing_left(excluded, constraints))

    weight = attempt("", _stakeholder_weight, stakeholder_weight, origin("stakeholder_weight"))
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
        ),
        [],
    )


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
) -> tuple[Weighting, dict[str, Fraction], dict[str, Fraction], set[str]]:
    """(weighting, what was stated per criterion, the importances giving it as effective weights, criteria named).

    A criterion not named gets 0 points (swing) or weight 0 (ranking)."""
    spans = criterion_spans(catalog, targets, ranges)

    def check_range(cid: str, key: str, fix: str) -> None:
        if spans[cid] > 0:
            return
        crit = catalog.criterion(cid)
        if crit.direction == Direction.target and cid not in targets:
            raise InputError(
                f"{origin(key)}: {cid} has no target level, so no model is better than another on it; "
                f"add {_target_fix(cid, crit.scale, origin(key))}, or {fix}"
            )
        raise InputError(
            f"{origin(key)}: every model scores the same on {cid} (its range is 0), so weighing it changes "
            f"nothing; {fix}"
        )

    if swing:
        points: dict[str, Fraction] = {}
        for key, value in swing.items():
            try:
                cid = catalog.resolve_criterion(str(key)).id
            except InputError as exc:
                raise InputError(f"{origin(f'swing.{key}')}: {exc}") from None
            if cid in points:
                raise InputError(f"{origin(f'swing.{key}')}: {cid} is given points twice; give it once")
            points[cid] = parse_points(value, origin(f"swing.{key}"))
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
        return Weighting.swing, stated, importances_for(effective, spans), set(points)
    groups = parse_ranking(catalog, ranking, origin("ranking"))
    for group in groups:
        for cid in group:
            check_range(cid, "ranking", f"remove {cid} from the ranking")
    roc = ranking_weights(groups)
    stated = {c.id: roc.get(c.id, Fraction(0)) for c in catalog.criteria}
    return Weighting.ranking, stated, importances_for(stated, spans), set(roc)


def _stakeholder_weight(value: Any, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{where}: {quoted(value)} is not a weight; use a positive number such as 1")
    try:
        number = Fraction(repr(value) if isinstance(value, float) else str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise InputError(f"{where}: {quoted(value)} is not a weight; use a positive number such as 1") from None
    if number <= 0 or number > 1000:
        raise InputError(f"{where}: weight {value} is out of range; use a positive number up to 1000")
    return number


def combine(catalog: Catalog, loaded: LoadedAnswers | None, flags: Overrides) -> Priorities:
    """Priorities from an answers file with flags on top: flag values replace the file's, and
    --exclude/--require add to the file's lists.

    Importance and swing flags replace the file's value for their criterion when the file states
    priorities the same way; --ranking replaces the file's ranking. Flags that state priorities
    another way than the file replace the file's priorities as a whole (its targets, exclusions,
    limits and ranges mode still apply). Flags mixing ways are refused."""
    where: dict[str, str] = loaded.where() if loaded else {}
    importances: dict[str, Any] = {}
    targets: dict[str, str] = {}
    exclude: list[str] = []
    require: list[str] = []
    ranges: str = RangeMode.midpoint
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
        if answers.target_horizon is not None:
            targets["horizon"] = answers.target_horizon
        exclude.extend(answers.exclude)
        require.extend(answers.require)
        ranges = answers.ranges
        name = answers.name
        weight = answers.stakeholder_weight
    file_keys = {k.lower(): k for k in importances}
    for key, (value, flag) in flags.importances.items():
        importances.pop(file_keys.get(key.lower(), key), None)
        importances[key] = value
        where[f"priorities.{key}"] = flag
    file_swing = {k.lower(): k for k in swing}
    for key, (value, flag) in flags.swing.items():
        swing.pop(file_swing.get(key.lower(), key), None)
        swing[key] = value
        where[f"swing.{key}"] = flag
    if flags.ranking is not None:
        ranking = flags.ranking[0]
        where["ranking"] = flags.ranking[1]
    for key, (level, flag) in flags.targets.items():
        targets[key] = level
        where[f"targets.{key}"] = flag
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
        exclude=exclude,
        require=require,
        ranges=ranges,
        name=name,
        stakeholder_weight=weight,
        where=where,
        source=str(loaded.path) if loaded else None,
        swing=swing,
        ranking=ranking,
    )


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


def to_answers(priorities: Priorities, catalog: Catalog) -> AnswersFile:
    """The answers file that replays PRIORITIES exactly (defaults stay unstated, as they were)."""
    targets = {cid: catalog.criterion(cid).scale[i] for cid, i in priorities.targets.items()}
    horizon = targets.pop("horizon", None)
    stated = priorities.statement
    named = [cid for cid in catalog.criterion_ids if cid not in priorities.defaulted]
    swing = {cid: _plain(stated[cid]) for cid in named} if priorities.weighting == Weighting.swing else {}
    ranking = None
    if priorities.weighting == Weighting.ranking:
        ranking = ranking_text(stated, catalog.criterion_ids)
    return AnswersFile(
        version=1,
        name=priorities.name,
        priorities={
            cid: _plain(value)
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
        stakeholder_weight=float(priorities.stakeholder_weight),  # read from a float, so exact
    )

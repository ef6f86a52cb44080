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

import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, NamedTuple

from mcstrat.core.catalog import Catalog, Model, suggest
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.reading import Lines, locate
from mcstrat.sanitize import clip, quoted
from mcstrat.core.utility import criterion_spans
from mcstrat.core.weighting import (
    NUMBER_TEXT,
    importances_for,
    parse_points,
    parse_ranking,
    ranking_text,
    ranking_weights,
)

IMPORTANCE_WORDS: dict[str, Fraction] = {
    "none": Fraction(0),
    "low": Fraction(1),
    "medium": Fraction(2),
    "high": Fraction(4),
    "critical": Fraction(5),
}
DEFAULT_IMPORTANCE_WORD = "medium"
#: In a hard limit, these importance words name levels, on criteria whose scale has LOW, MED and HIGH.
LIMIT_WORDS = {"low": "LOW", "medium": "MED", "high": "HIGH"}
MAX_IMPORTANCE = Fraction(5)
RANGE_MODES = ("midpoint", "optimistic", "pessimistic")
RangeMode = Literal["midpoint", "optimistic", "pessimistic"]

_OPERATORS = {"<=": "le", ">=": "ge", "==": "eq", "=": "eq", "!=": "ne", "<": "lt", ">": "gt"}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z0-9-]+)\s*(<=|>=|==|!=|=|<|>)\s*([A-Za-z0-9]+)\s*$")

Importance = float | str


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
            return IMPORTANCE_WORDS[text]
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
    ranges: RangeMode = "midpoint"
    exclude: tuple[str, ...] = ()
    require: tuple[Constraint, ...] = ()
    name: str | None = None
    stakeholder_weight: Fraction = Fraction(1)
    source: str | None = None  # the answers file these came from, named in whole-file errors
    # How the person stated their priorities: "importance" (0..5 per criterion), "swing" (points
    # 0..100 per criterion's swing) or "ranking" (an order of criteria). STATED holds what they
    # said per criterion: the importances, the swing points, or the rank-order-centroid weights;
    # None means the importances. IMPORTANCES are always what the weights are normalised from.
    weighting: str = "importance"
    stated: dict[str, Fraction] | None = None

    @property
    def statement(self) -> dict[str, Fraction]:
        """What the person stated per criterion (importances, swing points or ROC weights)."""
        return self.stated if self.stated is not None else self.importances

    @classmethod
    def build(
        cls,
        catalog: Catalog,
        importances: Mapping[str, Any] | None = None,
        *,
        targets: Mapping[str, str] | None = None,
        exclude: Iterable[str] = (),
        require: Iterable[str] = (),
        ranges: str = "midpoint",
        name: str | None = None,
        stakeholder_weight: Any = 1,
        where: Mapping[str, str] | None = None,
        source: str | None = None,
        swing: Mapping[str, Any] | None = None,
        ranking: str | None = None,
    ) -> Priorities:
        """Validate raw user input against CATALOG; WHERE maps a key ('priorities.risk') to its origin.

        Priorities are stated one way: IMPORTANCES, SWING points or a RANKING of criteria (see
        weighting.py); SWING and RANKING set the importances that give their effective weights.
        """
        where = dict(where or {})

        def origin(key: str) -> str:
            return where.get(key, key)

        ways = (("priorities", bool(importances)), ("swing", bool(swing)), ("ranking", ranking is not None))
        stated_ways = [k for k, used in ways if used]
        if len(stated_ways) > 1:
            raise InputError(
                (f"{source}: " if source else "")
                + f"priorities are given both as {' and as '.join(stated_ways)}; state them one way only "
                "(keep one of these keys, or one kind of flag)"
            )

        given: dict[str, Fraction] = {}
        for key, value in (importances or {}).items():
            try:
                cid = catalog.resolve_criterion(str(key)).id
            except InputError as exc:
                raise InputError(f"{origin(f'priorities.{key}')}: {exc}") from None
            given[cid] = parse_importance(value, origin(f"priorities.{key}"))

        resolved_targets: dict[str, int] = {}
        for key, level in (targets or {}).items():
            try:
                crit = catalog.resolve_criterion(str(key))
            except InputError as exc:
                raise InputError(f"{origin(f'targets.{key}')}: {exc}") from None
            if crit.direction != "target":
                raise InputError(
                    f"{origin(f'targets.{key}')}: {crit.id} is a {crit.direction} criterion, not a target one; "
                    "only target criteria take a target level"
                )
            index = crit.level_index(str(level))
            if index is None:
                levels = ", ".join(crit.scale)
                raise InputError(
                    f"{origin(f'targets.{key}')}: {quoted(level)} is not a level of {crit.id}; use one of {levels}"
                )
            resolved_targets[crit.id] = index

        if ranges not in RANGE_MODES:
            raise InputError(
                f"{origin('ranges')}: unknown ranges mode {quoted(ranges)}; use one of {', '.join(RANGE_MODES)}"
            )
        weighting = "importance"
        stated: dict[str, Fraction] | None = None
        named: set[str] = set()
        if swing or ranking is not None:
            weighting, stated, given, named = _from_swing_or_ranking(
                catalog, swing, ranking, resolved_targets, ranges, origin
            )

        final: dict[str, Fraction] = {}
        defaulted = set()
        for crit in catalog.criteria:
            if stated is not None:
                final[crit.id] = given[crit.id]
                if crit.id not in named:
                    defaulted.add(crit.id)
                continue
            if crit.id in given:
                final[crit.id] = given[crit.id]
            else:
                defaulted.add(crit.id)
                untargeted = crit.direction == "target" and crit.id not in resolved_targets
                final[crit.id] = Fraction(0) if untargeted else IMPORTANCE_WORDS[DEFAULT_IMPORTANCE_WORD]
            if crit.direction == "target" and final[crit.id] > 0 and crit.id not in resolved_targets:
                levels = "|".join(crit.scale)
                flag = f"--target-horizon {levels}" if crit.id == "horizon" else f"--target {crit.id}={levels}"
                key = "target_horizon" if crit.id == "horizon" else f"targets: {{{crit.id}: LEVEL}}"
                raise InputError(
                    f"{origin(f'priorities.{crit.id}')}: {crit.id} has importance {fmt_number(final[crit.id])} "
                    f"but no target; add {flag} (or '{key}' in an answers file), "
                    "or set its importance to 0"
                )
        if not any(final.values()):
            raise InputError(
                (f"{source}: " if source else "") + "every criterion has importance 0, so nothing can be ranked; "
                "give at least one criterion an importance above 0"
            )

        excluded: list[str] = []
        for i, query in enumerate(exclude):
            try:
                mid = catalog.resolve_model(str(query)).id
            except InputError as exc:
                raise InputError(f"{origin(f'exclude.{i}')}: {exc}") from None
            if mid not in excluded:
                excluded.append(mid)
        constraints = tuple(parse_constraint(catalog, text, origin(f"require.{i}")) for i, text in enumerate(require))

        weight = _stakeholder_weight(stakeholder_weight, origin("stakeholder_weight"))
        return cls(
            importances=final,
            defaulted=frozenset(defaulted),
            targets=resolved_targets,
            ranges=ranges,  # type: ignore[arg-type]
            exclude=tuple(excluded),
            require=constraints,
            name=name,
            stakeholder_weight=weight,
            source=source,
            weighting=weighting,
            stated=stated,
        )


def _from_swing_or_ranking(
    catalog: Catalog,
    swing: Mapping[str, Any] | None,
    ranking: str | None,
    targets: Mapping[str, int],
    ranges: str,
    origin: Callable[[str], str],
) -> tuple[str, dict[str, Fraction], dict[str, Fraction], set[str]]:
    """(weighting, what was stated per criterion, the importances giving it as effective weights, criteria named).

    A criterion not named gets 0 points (swing) or weight 0 (ranking)."""
    spans = criterion_spans(catalog, targets, ranges)

    def check_range(cid: str, key: str, fix: str) -> None:
        if spans[cid] > 0:
            return
        crit = catalog.criterion(cid)
        if crit.direction == "target" and cid not in targets:
            levels = "|".join(crit.scale)
            flag = f"--target-horizon {levels}" if cid == "horizon" else f"--target {cid}={levels}"
            answer = "target_horizon" if cid == "horizon" else f"targets: {{{cid}: LEVEL}}"
            raise InputError(
                f"{origin(key)}: {cid} has no target level, so no model is better than another on it; "
                f"add {flag} (or '{answer}' in an answers file), or {fix}"
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
        return "swing", stated, importances_for(effective, spans), set(points)
    groups = parse_ranking(catalog, ranking, origin("ranking"))
    for group in groups:
        for cid in group:
            check_range(cid, "ranking", f"remove {cid} from the ranking")
    roc = ranking_weights(groups)
    stated = {c.id: roc.get(c.id, Fraction(0)) for c in catalog.criteria}
    return "ranking", stated, importances_for(stated, spans), set(roc)


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


# -- the answers file ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnswersFile:
    """An answers file, version 1: what `recommend --answers FILE` reads and the questionnaire saves.

    Its schema and validation live in specs.AnswersSpec; `from_data` validates, plain
    construction (by the questionnaire, or `to_answers`) does not. Unlike the other records
    (NamedTuples, see catalog.py) it is a dataclass: every field has a default, and a dataclass
    gives each answers file its own empty dicts and lists.
    """

    version: int = 1
    name: str | None = None
    priorities: dict[str, float | str] = field(default_factory=dict)
    target_horizon: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    require: list[str] = field(default_factory=list)
    ranges: RangeMode = "midpoint"
    stakeholder_weight: float = 1
    # the other two ways to state priorities (weighting.py); a file uses one of the three
    swing: dict[str, float | str] = field(default_factory=dict)
    ranking: str | None = None

    @classmethod
    def from_data(cls, data: Any, lines: Lines | None = None, shown: str = "answers file") -> AnswersFile:
        """Validate DATA as an answers file (raising FileProblem naming SHOWN)."""
        return cls(**_validated_answers(data, lines or {}, shown))

    def to_data(self) -> dict[str, Any]:
        """Plain data in the file's shape."""
        return dataclasses.asdict(self)


def _validated_answers(data: Any, lines: Lines, shown: str) -> dict[str, Any]:
    from pydantic import ValidationError

    from mcstrat.files.specs import AnswersSpec, validation_problems

    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FileProblem(shown, [f"is {kind}, not a mapping of answers; start from `mcstrat init`"], "answers file")
    try:
        return AnswersSpec.model_validate(data).model_dump()
    except ValidationError as exc:
        raise FileProblem(shown, validation_problems(exc, lines), "answers file") from None


class LoadedAnswers(NamedTuple):
    """An answers file as read: its validated content and the line of each key path."""

    path: Path
    answers: AnswersFile
    lines: Lines
    sha256: str  # of the exact bytes read and validated; "" for answers not read from a file

    def where(self) -> dict[str, str]:
        """Origins for error messages, e.g. 'answers.yaml: line 7: priorities.risk'."""
        out: dict[str, str] = {}

        def put(key: str, path: tuple[Any, ...]) -> None:
            out[key] = f"{self.path}: {locate(path, self.lines).removesuffix(': ')}"

        for key in ("ranges", "stakeholder_weight", "target_horizon"):
            put(key, (key,))
        for key in self.answers.priorities:
            put(f"priorities.{key}", ("priorities", key))
        for key in self.answers.swing:
            put(f"swing.{key}", ("swing", key))
        put("ranking", ("ranking",))
        for key in self.answers.targets:
            put(f"targets.{key}", ("targets", key))
        put("targets.horizon", ("target_horizon",))
        for i in range(len(self.answers.exclude)):
            put(f"exclude.{i}", ("exclude", i))
        for i in range(len(self.answers.require)):
            put(f"require.{i}", ("require", i))
        return out


def load_answers(path: Path | str) -> LoadedAnswers:
    """Read and validate an answers file's shape (ids are checked against a catalogue later)."""
    from mcstrat.files.cache import load_validated

    file = Path(path)
    answers, lines, digest = load_validated(
        file,
        "answers file",
        lambda data, lines: _validated_answers(_some_swing(data, lines, str(file)), lines, str(file)),
        lambda d: AnswersFile(**d),
        check_answers,
    )
    return LoadedAnswers(file, answers, lines, digest)


def _some_swing(data: Any, lines: Lines, shown: str) -> Any:
    """DATA, unless the file gives `swing: {}`: as an empty ranking, no points to rank by.

    Checked on the file as written (a validated AnswersFile holds an empty swing mapping when
    the file gave none), so it never falls back silently to default importances.
    """
    if isinstance(data, dict) and data.get("swing") == {}:
        raise FileProblem(
            shown,
            [
                f"{locate(('swing',), lines)}no swing points given; give the swing that matters most 100 points "
                "(e.g. swing: {risk: 100, roi: 60}), or delete the swing key to use priorities"
            ],
            "answers file",
        )
    return data


def check_answers(answers: AnswersFile) -> None:
    """Raise ValueError unless ANSWERS holds every invariant of a validated answers file.

    What specs.AnswersSpec guarantees, checked without pydantic: a cached entry (cache.py) is
    used only when it passes this, whatever the entry holds.
    """

    def require(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(what)

    def short(value: Any, longest: int) -> bool:
        return type(value) is str and len(value) <= longest

    require(type(answers.version) is int and answers.version == 1, "version")
    require(answers.name is None or short(answers.name, 200), "name")
    prio = answers.priorities
    require(type(prio) is dict and len(prio) <= 50 and all(short(k, 60) for k in prio), "priorities")
    for value in prio.values():
        require(type(value) in (int, float) or short(value, 20), "importance")
        parse_importance(value, "importance")  # InputError (a ValueError's sibling) also means a miss
    require(answers.target_horizon is None or short(answers.target_horizon, 20), "target_horizon")
    targets = answers.targets
    require(type(targets) is dict and len(targets) <= 50, "targets")
    require(all(short(k, 60) and short(v, 20) for k, v in targets.items()), "targets")
    require(type(answers.exclude) is list and len(answers.exclude) <= 200, "exclude")
    require(all(short(i, 60) for i in answers.exclude), "exclude")
    require(type(answers.require) is list and len(answers.require) <= 50, "require")
    require(all(short(r, 100) for r in answers.require), "require")
    require(answers.ranges in RANGE_MODES, "ranges")
    weight = answers.stakeholder_weight
    require(type(weight) in (int, float) and math.isfinite(weight) and 0 < weight <= 1000, "stakeholder_weight")


@dataclass
class Overrides:
    """Priorities given as command-line flags; each value keeps the flag it came from for errors."""

    importances: dict[str, tuple[Any, str]] = field(default_factory=dict)
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    require: list[str] = field(default_factory=list)
    ranges: str | None = None
    swing: dict[str, tuple[Any, str]] = field(default_factory=dict)
    ranking: tuple[str, str] | None = None

    def any_priority(self) -> bool:
        """True when the flags state any priority (so no questionnaire is needed)."""
        return bool(self.importances or self.targets or self.swing or self.ranking)

    def method(self) -> str | None:
        """How the flags state priorities ('importance', 'swing', 'ranking'), None if they don't;
        InputError when they mix ways."""
        used = {
            "importance": sorted({flag for _, flag in self.importances.values()}),
            "swing": sorted({flag for _, flag in self.swing.values()}),
            "ranking": [self.ranking[1]] if self.ranking else [],
        }
        given = [k for k, flags in used.items() if flags]
        if len(given) > 1:
            shown = " with ".join(", ".join(used[k]) for k in given)
            raise InputError(
                f"{shown}: priorities are stated one way at a time; use importance flags (such as --roi high), "
                "--swing CRITERION=POINTS, or --ranking '...', not a mix"
            )
        return given[0] if given else None


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
    ranges = "midpoint"
    name = None
    weight: Any = 1
    swing: dict[str, Any] = {}
    ranking: str | None = None
    flag_method = flags.method()
    if loaded is not None:
        answers = loaded.answers
        file_method = "swing" if answers.swing else "ranking" if answers.ranking is not None else "importance"
        # flags stated another way replace the file's priorities as a whole (its other keys stay)
        if flag_method in (None, file_method):
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
    swing = {cid: _plain(stated[cid]) for cid in named} if priorities.weighting == "swing" else {}
    ranking = None
    if priorities.weighting == "ranking":
        ranking = ranking_text(stated, catalog.criterion_ids)
    return AnswersFile(
        version=1,
        name=priorities.name,
        priorities={
            cid: _plain(value)
            for cid, value in priorities.importances.items()
            if cid not in priorities.defaulted and priorities.weighting == "importance"
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

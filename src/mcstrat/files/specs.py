"""The file formats as pydantic models: the one validator of models files and answers files.

Imported only when a file really has to be validated (or a schema printed): the rest of mcstrat
works on plain dataclasses (catalog.py, priorities.py), and validated files are remembered
(cache.py), so most runs never pay for pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from mcstrat.core.catalog import level_index, rating_problem, same_name, suggest
from mcstrat.core.exact import read_number
from mcstrat.core.lines import Lines, locate
from mcstrat.core.priorities import parse_importance, parse_weight
from mcstrat.core.vocabulary import SLUG, Direction, RangeMode, Unmentioned
from mcstrat.core.weighting import parse_points
from mcstrat.errors import InputError
from mcstrat.sanitize import clip, quoted

_SUBPATH = re.compile(r"^((?:criteria|models)\.\d+(?:\.[a-z0-9-]+)*): ")
Slug = Annotated[str, Field(pattern=SLUG, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


def _exact_version(value: Any) -> Any:
    """Refuse `version: true`, which pydantic would otherwise take as 1 (True == 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"unsupported version {quoted(value)}; this mcstrat reads version 1")
    return value


Version = Annotated[Literal[1], BeforeValidator(_exact_version), Field(description="Schema version; always 1")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(_Strict):
    """Where the data comes from; printed with anything the tool says about a model."""

    model_config = ConfigDict(title="Source")

    citation: Text
    table: Text | None = None
    doi: Text | None = None
    url: Text | None = None
    licence: Text
    licence_url: Text | None = None
    adapted_from: Text | None = None
    changes: Text | None = None


def _one_message(parse: Callable[[Any, str], object], what: str) -> Callable[[Any], Any]:
    """A validator that rejects a value with PARSE's one clear message, not one per union branch."""

    def check(value: Any) -> Any:
        try:
            parse(value, what)
        except InputError as exc:
            raise ValueError(str(exc).removeprefix(f"{what}: ")) from None
        return _interval_text(value) if isinstance(value, list) else value

    return check


def _interval_text(value: list[Any]) -> str:
    """A statement given as a list of two numbers, [3, 4], as the text every reader takes: '3-4' (precision.py)."""
    return "-".join(repr(v) if isinstance(v, float) else str(v).strip() for v in value)


def _position(value: Any, where: str) -> object:
    """A level's position: any number, under the guards of every number a person writes (exact.py); the
    field's own bounds (0..1) give their usual message."""
    return read_number(value, where, noun="a position", hint="give each level a position from 0 to 1")


PositionValue = Annotated[
    float, Field(ge=0, le=1, allow_inf_nan=False), BeforeValidator(_one_message(_position, "value"))
]


class CriterionSpec(_Strict):
    """A rated criterion: its meaning, which way is better, and its ordered scale."""

    model_config = ConfigDict(title="Criterion")

    id: Slug
    label: Annotated[str, Field(min_length=1, max_length=40)]
    source_label: Text | None = None
    meaning: Text
    direction: Literal[Direction.benefit, Direction.cost, Direction.target] = Field(
        description="benefit: higher is better; cost: lower is better; target: closer to a chosen level is better"
    )
    scale: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$", max_length=20)]] = Field(
        min_length=2, max_length=10, description="The levels, worst-to-best for benefit, in order"
    )
    values: list[PositionValue] | None = Field(
        default=None,
        description="Optional position of each level, strictly increasing from 0 to 1; default equally spaced",
    )
    question: Text | None = Field(default=None, description="The questionnaire's plain-language importance question")
    level_notes: dict[str, Text] | None = Field(
        default=None, max_length=10, description="Plain-language meaning of each level, shown by the questionnaire"
    )

    @model_validator(mode="after")
    def _check_scale(self) -> CriterionSpec:
        upper = [level.upper() for level in self.scale]
        if len(set(upper)) != len(upper):
            raise ValueError(f"scale {self.scale} repeats a level; each level must appear once")
        if self.values is not None:
            if len(self.values) != len(self.scale):
                raise ValueError(
                    f"values has {len(self.values)} entries but scale has {len(self.scale)}; give one per level"
                )
            if any(b <= a for a, b in zip(self.values, self.values[1:])):
                raise ValueError("values must be strictly increasing, in scale order")
            if self.values[0] != 0 or self.values[-1] != 1:
                raise ValueError("values must run from 0 (the first level) to 1 (the last), so utilities span 0 to 1")
        for level in self.level_notes or {}:
            if level_index(self.scale, level) is None:
                raise ValueError(f"level_notes names {quoted(level)}, which is not on the scale {self.scale}")
        return self


class ModelSpec(_Strict):
    """One business model (a column of Table 2)."""

    model_config = ConfigDict(title="Model")

    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=80)]
    heading: Text | None = Field(default=None, description="The column heading as printed in the source table")
    description: Text
    example: Annotated[str, Field(max_length=2000)] = ""
    ratings: dict[str, Annotated[str, Field(max_length=50)]] = Field(max_length=50)
    strengths: Text
    weaknesses: Text


class CatalogSpec(_Strict):
    """The models file: source, criteria and models, cross-checked."""

    model_config = ConfigDict(title="mcstrat models file")

    version: Version
    source: SourceSpec | None = None
    criteria: list[CriterionSpec] = Field(min_length=1, max_length=50)
    models: list[ModelSpec] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _cross_check(self) -> CatalogSpec:
        problems = cross_check(self.model_dump())
        if problems:
            raise ValueError("\n".join(problems))
        return self


def cross_check(data: Any) -> list[str]:
    """Problems between parts of a models file: duplicate ids or names, missing, unknown or off-scale ratings.

    Works on raw parsed data too, skipping parts too malformed to check, so `validate` can
    report these alongside the field-by-field problems. Each starts with its key path.
    """
    if not isinstance(data, dict):
        return []
    criteria = [c for c in data.get("criteria") or [] if isinstance(c, dict) and isinstance(c.get("id"), str)]
    raw_models = data.get("models")
    models: list[Any] = raw_models if isinstance(raw_models, list) else []
    problems: list[str] = []
    for kind, ids in (
        ("criterion", [c["id"] for c in criteria]),
        ("model", [m.get("id") for m in models if isinstance(m, dict)]),
    ):
        for repeated in sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1}, key=ids.index):
            problems.append(f"{kind} id {quoted(repeated)} appears twice; ids must be unique")
    # names are how people tell models apart: two that read alike are refused, as two equal ids are
    named: dict[str, dict[str, Any]] = {}
    for i, model in enumerate(models):
        if not isinstance(model, dict) or not isinstance(model.get("name"), str):
            continue
        first = named.setdefault(same_name(model["name"]), model)
        if first is not model:
            problems.append(
                f"models.{i}.name: {quoted(model['name'])} is the name of {clip(str(first.get('id')))} too "
                f"({quoted(first['name'])}); give each model its own name"
            )
    scales = {c["id"]: c.get("scale") for c in criteria}
    for i, model in enumerate(models):
        if not isinstance(model, dict) or not isinstance(model.get("ratings"), dict):
            continue
        ratings = model["ratings"]
        for cid in scales:
            if cid not in ratings:
                who = clip(str(model.get("id")))
                problems.append(f"models.{i}.ratings: {who} has no rating for {quoted(cid)}; add one")
        for cid, text in ratings.items():
            if cid not in scales:
                problems.append(
                    f"models.{i}.ratings.{clip(str(cid))}: unknown criterion {quoted(cid)}"
                    f"{suggest(str(cid), list(scales))}; "
                    "rate only the criteria listed under criteria"
                )
                continue
            scale = scales[cid]
            if not isinstance(text, str) or not isinstance(scale, list) or len(scale) < 2:
                continue
            problem = rating_problem(cid, [str(level) for level in scale], text)
            if problem:
                problems.append(f"models.{i}.ratings.{cid}: {problem}")
    return problems


def locate_problems(problems: list[str], lines: Lines) -> list[str]:
    """Cross-check problems with the line of the key path each one starts with."""
    out = []
    for part in problems:
        match = _SUBPATH.match(part)
        if match:
            sub = tuple(int(p) if p.isdigit() else p for p in match.group(1).split("."))
            out.append(locate(sub, lines) + part[match.end() :])
        else:
            out.append(part)
    return out


# booleans, lists and out-of-range values get the importance parser's own message
_check_importance = _one_message(parse_importance, "importance")


# int before float: an importance written 2 stays 2 (as precise as a whole number, core/precision.py), not 2.0
ImportanceValue = Annotated[
    int | float | Annotated[str, Field(max_length=20)],
    BeforeValidator(_check_importance),
    Field(
        description="0..5 (decimals allowed), a range such as 3-4 or [3, 4], or one of: none, low, medium, high, "
        "critical"
    ),
]


# swing points 0..100 with one clear message (see weighting.parse_points)
_check_points = _one_message(parse_points, "points")


PointsValue = Annotated[
    int | float | Annotated[str, Field(max_length=40)],
    BeforeValidator(_check_points),
    Field(
        description="0..100 points for the swing from the worst to the best level among the models, or a range "
        "such as 60-80"
    ),
]


# a stakeholder weight gets the guards of every number a person writes (exact.py), then pydantic's own
_check_weight = _one_message(parse_weight, "weight")
WeightValue = Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False), BeforeValidator(_check_weight)]


class AnswersSpec(BaseModel):
    """An answers file, version 1: what `recommend --answers FILE` reads and the questionnaire saves."""

    model_config = ConfigDict(extra="forbid", title="mcstrat answers file")

    version: Version
    name: Annotated[str, Field(max_length=200)] | None = Field(default=None, description="Optional label")
    priorities: dict[Annotated[str, Field(max_length=60)], ImportanceValue] = Field(
        default_factory=dict, max_length=50, description="Criterion id -> importance"
    )
    target_horizon: Annotated[str, Field(max_length=20)] | None = Field(
        default=None, description="H1, H2 or H3: the horizon you are planning for"
    )
    targets: dict[Annotated[str, Field(max_length=60)], Annotated[str, Field(max_length=20)]] = Field(
        default_factory=dict, max_length=50, description="Target level of other target criteria (custom models files)"
    )
    exclude: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=200, description="Model ids to leave out"
    )
    require: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=50, description="Hard limits such as 'risk<=MED'"
    )
    ranges: Literal[RangeMode.midpoint, RangeMode.optimistic, RangeMode.pessimistic] = Field(
        default=RangeMode.midpoint, description="How ranged cells such as LOW/MED are scored"
    )
    unmentioned: Literal[Unmentioned.medium, Unmentioned.none, Unmentioned.refuse] = Field(
        default=Unmentioned.medium,
        description="What a criterion this file does not state counts as: medium (the default), none, or refuse "
        "(an error, so CI catches an unstated criterion)",
    )
    # None: not given (a group refuses the key: the convener sets weights in the group file)
    stakeholder_weight: Annotated[WeightValue | None, BeforeValidator(_check_weight)] = Field(
        default=None, description="One person's weight; refused in a group, whose file sets each member's weight"
    )
    swing: dict[Annotated[str, Field(max_length=60)], PointsValue] = Field(
        default_factory=dict,
        max_length=50,
        description="Instead of priorities: criterion id -> points 0..100 for its swing "
        "(100 = the one that matters most)",
    )
    ranking: Annotated[str, Field(max_length=2000)] | None = Field(
        default=None,
        description="Instead of priorities: criteria best first, e.g. 'risk > roi = impact > speed > cost'",
    )

    @model_validator(mode="after")
    def _one_way(self) -> AnswersSpec:
        given = [k for k in ("priorities", "swing", "ranking") if getattr(self, k)]
        if len(given) > 1:
            raise ValueError(
                f"gives both {' and '.join(given)}; state priorities one way: "
                "keep one of these keys and delete the other"
            )
        return self


GroupWeightValue = Annotated[
    float | Annotated[str, Field(max_length=40)],
    BeforeValidator(_check_weight),
    Field(description="A positive number up to 1000 (fractions such as 1/3 allowed); default 1"),
]


class MemberSpec(_Strict):
    """One member of a group: their answers file and the weight the convener gives them."""

    model_config = ConfigDict(title="Member")

    answers: Annotated[str, Field(min_length=1, max_length=1000)] = Field(
        description="The member's answers file, relative to the group file"
    )
    weight: GroupWeightValue = 1.0


class GroupSpec(_Strict):
    """A group file, version 1: who decides together and how much each one weighs (the convener's call)."""

    model_config = ConfigDict(title="mcstrat group file")

    version: Version
    name: Annotated[str, Field(min_length=1, max_length=200)] = Field(description="The group's name")
    ranges: Literal[RangeMode.midpoint, RangeMode.optimistic, RangeMode.pessimistic] | None = Field(
        default=None, description="How ranged cells such as LOW/MED are scored, for every member"
    )
    members: list[MemberSpec] = Field(min_length=1, description="The members: answers file and weight each")


#: mcstrat's own wording for pydantic's error types (stable identifiers), so a message never
#: depends on which pydantic release is installed; unlisted types fall back to pydantic's text.
_MESSAGES = {
    "dict_type": "Input should be a valid dictionary",
    "model_type": "Input should be a valid dictionary",
    "list_type": "Input should be a valid list",
    "string_type": "Input should be a valid string",
    "float_type": "Input should be a valid number",
    "float_parsing": "Input should be a valid number",
    "int_type": "Input should be a valid integer",
    "finite_number": "Input should be a finite number",
    "string_pattern_mismatch": "String should match pattern '{pattern}'",
    "string_too_short": "String should have at least {min_length} character{s}",
    "string_too_long": "String should have at most {max_length} character{s}",
    "too_short": "{field_type} should have at least {min_length} item{s}",
    "too_long": "{field_type} should have at most {max_length} item{s}",
    "less_than_equal": "Input should be less than or equal to {le}",
    "less_than": "Input should be less than {lt}",
    "greater_than_equal": "Input should be greater than or equal to {ge}",
    "greater_than": "Input should be greater than {gt}",
    "literal_error": "Input should be {expected}",
}


def _message(err: Any) -> str:
    """The message for one pydantic error, in mcstrat's words where its type is known."""
    template = _MESSAGES.get(err["type"])
    if template is None:
        return str(err["msg"])
    ctx = dict(err.get("ctx") or {})
    ctx["s"] = "" if ctx.get("min_length", ctx.get("max_length")) == 1 else "s"
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return str(err["msg"])


def validation_problems(exc: ValidationError, lines: Lines) -> list[str]:
    """One readable line per pydantic error: 'line 7: priorities.risk: message'."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        msg = _message(err)
        if err["type"] == "value_error":
            # the cross-checks prefix each problem with its own key path, e.g. "models.3.ratings.risk: "
            for part in str(err["msg"]).removeprefix("Value error, ").split("\n"):
                problems.append(
                    locate_problems([part], lines)[0] if _SUBPATH.match(part) else locate(loc, lines) + part
                )
            continue
        if err["type"] == "extra_forbidden":
            msg = "unknown key; remove it or check its spelling"
        elif err["type"] == "missing":
            msg = "required key is missing; add it"
        elif err["type"] == "literal_error" and loc and loc[-1] == "version":
            msg = f"unsupported version {quoted(err.get('input'))}; this mcstrat reads version 1"
        problems.append(locate(loc, lines) + msg)
    return problems

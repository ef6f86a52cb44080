"""The catalogue of business models and criteria: its schema, loading and id lookup."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from mcstrat.errors import FileProblem, InputError
from mcstrat.files import Lines, load_structured, locate

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SUBPATH = re.compile(r"^((?:criteria|models)\.\d+(?:\.[a-z0-9-]+)*): ")
Slug = Annotated[str, Field(pattern=SLUG, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Direction = Literal["benefit", "cost", "target"]


def _exact_version(value: Any) -> Any:
    """Refuse `version: true`, which pydantic would otherwise take as 1 (True == 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"unsupported version {value!r}; this mcstrat reads version 1")
    return value


Version = Annotated[Literal[1], BeforeValidator(_exact_version), Field(description="Schema version; always 1")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the data comes from; printed with anything the tool says about a model."""

    citation: Text
    table: Text | None = None
    doi: Text | None = None
    url: Text | None = None
    licence: Text
    licence_url: Text | None = None
    adapted_from: Text | None = None
    changes: Text | None = None


class Criterion(_Strict):
    """A rated criterion: its meaning, which way is better, and its ordered scale."""

    id: Slug
    label: Annotated[str, Field(min_length=1, max_length=40)]
    source_label: Text | None = None
    meaning: Text
    direction: Direction = Field(
        description="benefit: higher is better; cost: lower is better; target: closer to a chosen level is better"
    )
    scale: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$", max_length=20)]] = Field(
        min_length=2, max_length=10, description="The levels, worst-to-best for benefit, in order"
    )
    values: list[Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]] | None = Field(
        default=None, description="Optional position of each level in [0, 1], strictly increasing; default equally spaced"
    )
    question: Text | None = Field(default=None, description="The questionnaire's plain-language importance question")
    level_notes: dict[str, Text] | None = Field(
        default=None, max_length=10, description="Plain-language meaning of each level, shown by the questionnaire"
    )

    @model_validator(mode="after")
    def _check_scale(self) -> Criterion:
        upper = [level.upper() for level in self.scale]
        if len(set(upper)) != len(upper):
            raise ValueError(f"scale {self.scale} repeats a level; each level must appear once")
        if self.values is not None:
            if len(self.values) != len(self.scale):
                raise ValueError(f"values has {len(self.values)} entries but scale has {len(self.scale)}; give one per level")
            if any(b <= a for a, b in zip(self.values, self.values[1:])):
                raise ValueError("values must be strictly increasing, in scale order")
            if self.values[0] != 0 or self.values[-1] != 1:
                raise ValueError("values must run from 0 (the first level) to 1 (the last), so utilities span 0 to 1")
        for level in self.level_notes or {}:
            if self.level_index(level) is None:
                raise ValueError(f"level_notes names {level!r}, which is not on the scale {self.scale}")
        return self

    def level_index(self, level: str) -> int | None:
        """The position of LEVEL on the scale (case-insensitive), or None."""
        upper = level.strip().upper()
        for i, name in enumerate(self.scale):
            if name.upper() == upper:
                return i
        return None

    def positions(self) -> list[Fraction]:
        """Each level's exact position in [0, 1]: equally spaced unless `values` are given."""
        if self.values is not None:
            return [Fraction(str(v)) for v in self.values]
        last = len(self.scale) - 1
        return [Fraction(i, last) for i in range(len(self.scale))]


@dataclass(frozen=True)
class Rating:
    """One cell of the table: a single level (lo == hi) or a range of levels, as scale indices."""

    text: str
    lo: int
    hi: int

    @property
    def is_range(self) -> bool:
        return self.lo != self.hi


class Model(_Strict):
    """One business model (a column of Table 2)."""

    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=80)]
    heading: Text | None = Field(default=None, description="The column heading as printed in the source table")
    description: Text
    example: Annotated[str, Field(max_length=2000)] = ""
    ratings: dict[str, Annotated[str, Field(max_length=50)]] = Field(max_length=50)
    strengths: Text
    weaknesses: Text


class Catalog(_Strict):
    """The models file: source, criteria and models, cross-checked."""

    version: Version
    source: Source | None = None
    criteria: list[Criterion] = Field(min_length=1, max_length=50)
    models: list[Model] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _cross_check(self) -> Catalog:
        problems: list[str] = []
        for kind, items in (("criterion", self.criteria), ("model", self.models)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    problems.append(f"{kind} id {item.id!r} appears twice; ids must be unique")
                seen.add(item.id)
        for i, model in enumerate(self.models):
            for crit in self.criteria:
                if crit.id not in model.ratings:
                    problems.append(f"models.{i}.ratings: {model.id} has no rating for {crit.id!r}; add one")
            for cid, text in model.ratings.items():
                crit_or_none = next((c for c in self.criteria if c.id == cid), None)
                if crit_or_none is None:
                    problems.append(
                        f"models.{i}.ratings.{cid}: unknown criterion {cid!r}{suggest(cid, self.criterion_ids)}; "
                        "rate only the criteria listed under criteria"
                    )
                    continue
                problem = _rating_problem(crit_or_none, text)
                if problem:
                    problems.append(f"models.{i}.ratings.{cid}: {problem}")
        if problems:
            raise ValueError("\n".join(problems))
        return self

    # -- lookups -------------------------------------------------------------------------

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    @property
    def model_ids(self) -> list[str]:
        return [m.id for m in self.models]

    def criterion(self, cid: str) -> Criterion:
        for crit in self.criteria:
            if crit.id == cid:
                return crit
        raise KeyError(cid)

    def rating(self, model: Model, cid: str) -> Rating:
        """The parsed cell for MODEL on criterion CID (validated at load time)."""
        crit = self.criterion(cid)
        text = model.ratings[cid]
        ends = [crit.level_index(part) for part in text.split("/")]
        lo, hi = ends[0], ends[-1]
        assert lo is not None and hi is not None
        return Rating(_canonical(crit, text), lo, hi)

    def resolve_model(self, query: str) -> Model:
        """A model by id, case-insensitively, or by a unique prefix of its id."""
        wanted = query.strip().lower()
        exact = [m for m in self.models if m.id == wanted]
        if exact:
            return exact[0]
        matches = [m for m in self.models if wanted and m.id.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        valid = ", ".join(self.model_ids)
        if matches:
            ids = ", ".join(m.id for m in matches)
            raise InputError(f"model id {query!r} is ambiguous: it could be {ids}; type more of it (valid ids: {valid})")
        raise InputError(f"unknown model id {query!r}{suggest(wanted, self.model_ids)}; valid ids: {valid}")

    def resolve_criterion(self, query: str) -> Criterion:
        """A criterion by id, case-insensitively."""
        wanted = query.strip().lower()
        for crit in self.criteria:
            if crit.id == wanted:
                return crit
        valid = ", ".join(self.criterion_ids)
        raise InputError(f"unknown criterion {query!r}{suggest(wanted, self.criterion_ids)}; valid criteria: {valid}")


def suggest(word: str, choices: list[str]) -> str:
    """'; did you mean 'risk'?' for the closest choice, or ''."""
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""




def _canonical(crit: Criterion, text: str) -> str:
    """'MED/High' -> 'MED/HIGH': the scale's own spelling of each level."""
    parts = [crit.scale[i] for i in (crit.level_index(p) for p in text.split("/")) if i is not None]
    return "/".join(parts)


def _rating_problem(crit: Criterion, text: str) -> str | None:
    parts = text.split("/")
    scale = ", ".join(crit.scale)
    if len(parts) > 2:
        return f"{text!r} has more than two ends; write a single level or a range such as {crit.scale[0]}/{crit.scale[1]}"
    indices = [crit.level_index(p) for p in parts]
    for part, index in zip(parts, indices):
        if index is None:
            return f"{part.strip()!r} is not on the scale of {crit.id} ({scale}); use one of those levels"
    if len(parts) == 2:
        lo, hi = indices
        assert lo is not None and hi is not None
        if lo == hi:
            return f"{text!r} is a range with equal ends; write it as the single level {crit.scale[lo]}"
        if lo > hi:
            return f"range {text!r} is not in scale order ({scale}); write it as {crit.scale[hi]}/{crit.scale[lo]}"
    return None


def _normalise(catalog: Catalog) -> Catalog:
    """The same catalogue with every rating in the scale's own spelling (High -> HIGH)."""
    models = []
    for model in catalog.models:
        ratings = {cid: _canonical(catalog.criterion(cid), text) for cid, text in model.ratings.items()}
        models.append(model.model_copy(update={"ratings": ratings}))
    return catalog.model_copy(update={"models": models})


def default_path() -> Path:
    """The data/models.yaml shipped inside the installed package."""
    from importlib.resources import files

    return Path(str(files("mcstrat.data").joinpath("models.yaml")))


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a models file (the shipped Table 2 data when PATH is None)."""
    file = Path(path) if path is not None else default_path()
    data, lines = load_structured(file, "models file")
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        raise FileProblem(str(file), validation_problems(exc, lines), "models file") from None
    return _normalise(catalog)


def validation_problems(exc: ValidationError, lines: Lines) -> list[str]:
    """One readable line per pydantic error: 'line 7: priorities.risk: message'."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        msg = err["msg"]
        if err["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
            # a cross-check may report several problems; each carries its own key path
            for part in msg.split("\n"):
                # the cross-checks prefix each problem with its own key path, e.g. "models.3.ratings.risk: "
                match = _SUBPATH.match(part)
                if match:
                    sub = tuple(int(p) if p.isdigit() else p for p in match.group(1).split("."))
                    problems.append(locate(sub, lines) + part[match.end() :])
                else:
                    problems.append(locate(loc, lines) + part)
            continue
        if err["type"] == "extra_forbidden":
            msg = "unknown key; remove it or check its spelling"
        elif err["type"] == "missing":
            msg = "required key is missing; add it"
        elif err["type"] == "literal_error" and loc and loc[-1] == "version":
            msg = f"unsupported version {err.get('input')!r}; this mcstrat reads version 1"
        problems.append(locate(loc, lines) + msg)
    return problems

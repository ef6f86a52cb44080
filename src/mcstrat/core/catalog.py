"""The catalogue of business models and criteria: loading, and looking models and criteria up.

The catalogue is plain immutable records (typing.NamedTuple). A models file is validated by
pydantic (specs.py) the first time mcstrat sees its content; the validated result is remembered
(cache.py), so the usual run neither parses YAML nor imports pydantic.

Why NamedTuple and not frozen dataclasses: on the CPython releases mcstrat supports, a frozen
dataclass compiles six generated methods when its module is imported (about 0.5 ms a class), a
NamedTuple one (about 0.1 ms); the sixteen records every `recommend` needs (here, in
core/priorities.py and analyses/ranking.py) were the largest part of mcstrat's own start-up. The
records are built only from validated data (`build`), which names every field, so their fields
keep the models file's order and have no defaults.
"""

from __future__ import annotations

import difflib
import itertools
from fractions import Fraction
from typing import Any, NamedTuple

from mcstrat.core.vocabulary import SLUG, Direction
from mcstrat.errors import InputError
from mcstrat.sanitize import quoted


def level_index(scale: list[str], level: str) -> int | None:
    """The position of LEVEL on SCALE (case-insensitive), or None."""
    upper = level.strip().upper()
    for i, name in enumerate(scale):
        if name.upper() == upper:
            return i
    return None


class Source(NamedTuple):
    """Where the data comes from; printed with anything the tool says about a model."""

    citation: str
    table: str | None
    doi: str | None
    url: str | None
    licence: str
    licence_url: str | None
    adapted_from: str | None
    changes: str | None


class Criterion(NamedTuple):
    """A rated criterion: its meaning, which way is better, and its ordered scale."""

    id: str
    label: str
    source_label: str | None
    meaning: str
    direction: Direction
    scale: list[str]
    values: list[float] | None
    question: str | None
    level_notes: dict[str, str] | None

    def level_index(self, level: str) -> int | None:
        """The position of LEVEL on the scale (case-insensitive), or None."""
        return level_index(self.scale, level)

    def positions(self) -> list[Fraction]:
        """Each level's exact position in [0, 1]: equally spaced unless `values` are given."""
        if self.values is not None:
            return [Fraction(str(v)) for v in self.values]
        last = len(self.scale) - 1
        return [Fraction(i, last) for i in range(len(self.scale))]


class Rating(NamedTuple):
    """One cell of the table: a single level (lo == hi) or a range of levels, as scale indices."""

    text: str
    lo: int
    hi: int


class Model(NamedTuple):
    """One business model (a column of Table 2)."""

    id: str
    name: str
    heading: str | None
    description: str
    example: str
    ratings: dict[str, str]
    strengths: str
    weaknesses: str


class Catalog(NamedTuple):
    """A validated models file: source, criteria and models."""

    version: int
    source: Source | None
    criteria: list[Criterion]
    models: list[Model]

    def to_data(self) -> dict[str, Any]:
        """The catalogue as plain data in the file's shape (what from_data reads back)."""
        return _plain(self)

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
        return Rating(canonical(crit.scale, text), lo, hi)

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
            raise InputError(
                f"model id {quoted(query)} is ambiguous: it could be {ids}; type more of it (valid ids: {valid})"
            )
        raise InputError(f"unknown model id {quoted(query)}{suggest(wanted, self.model_ids)}; valid ids: {valid}")

    def resolve_criterion(self, query: str) -> Criterion:
        """A criterion by id, case-insensitively."""
        wanted = criterion_key(query)
        for crit in self.criteria:
            if crit.id == wanted:
                return crit
        valid = ", ".join(self.criterion_ids)
        close = suggest(wanted, self.criterion_ids)
        raise InputError(f"unknown criterion {quoted(query)}{close}; valid criteria: {valid}")


def criterion_key(name: str) -> str:
    """How a criterion is looked up by name: 'RISK', ' risk' and 'risk' are one key (two of them, one conflict)."""
    return name.strip().lower()


def same_name(name: str) -> str:
    """A model's name as compared with others': case folded, spaces run together ('Alpha  Model' is 'alpha model')."""
    return " ".join(name.split()).casefold()


def suggest(word: str, choices: list[str]) -> str:
    """' (did you mean 'risk'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


def canonical(scale: list[str], text: str) -> str:
    """'MED/High' -> 'MED/HIGH': the scale's own spelling of each level."""
    parts = [scale[i] for i in (level_index(scale, p) for p in text.split("/")) if i is not None]
    return "/".join(parts)


def rating_problem(cid: str, scale: list[str], text: str) -> str | None:
    """What is wrong with a rating cell TEXT on criterion CID's SCALE, or None."""
    parts = text.split("/")
    shown = ", ".join(scale)
    if len(parts) > 2:
        return f"{quoted(text)} has more than two ends; write a single level or a range such as {scale[0]}/{scale[1]}"
    indices = [level_index(scale, p) for p in parts]
    for part, index in zip(parts, indices):
        if index is None:
            return f"{quoted(part.strip())} is not on the scale of {cid} ({shown}); use one of those levels"
    if len(parts) == 2:
        lo, hi = indices
        assert lo is not None and hi is not None
        if lo == hi:
            return f"{quoted(text)} is a range with equal ends; write it as the single level {scale[lo]}"
        if lo > hi:
            return f"range {quoted(text)} is not in scale order ({shown}); write it as {scale[hi]}/{scale[lo]}"
    return None


def build(plain: dict[str, Any]) -> Catalog:
    """The catalogue from validated plain data (trusted: it came from `validated`)."""
    source = plain.get("source")
    return Catalog(
        version=plain["version"],
        criteria=[Criterion(**{**c, "direction": Direction(c["direction"])}) for c in plain["criteria"]],
        models=[Model(**m) for m in plain["models"]],
        source=Source(**source) if source else None,
    )


def _plain(catalog: Catalog) -> dict[str, Any]:
    import copy

    data: dict[str, Any] = {"version": catalog.version}
    if catalog.source is not None:
        data["source"] = catalog.source._asdict()
    data["criteria"] = [{**c._asdict(), "direction": str(c.direction)} for c in catalog.criteria]
    data["models"] = [m._asdict() for m in catalog.models]
    return copy.deepcopy(data)  # plain data the caller may change without changing the catalogue


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _is_text(value: Any, longest: int = 2000, shortest: int = 1, optional: bool = False) -> bool:
    if value is None:
        return optional
    return type(value) is str and shortest <= len(value) <= longest


def check_catalog(catalog: Catalog) -> None:
    """Raise ValueError unless CATALOG holds every invariant of a validated models file.

    What specs.CatalogSpec guarantees, checked on the built objects without pydantic: a cached
    entry (cache.py) is used only when it passes this, whatever the entry holds.
    """
    import math
    import re

    slug = re.compile(SLUG)
    _require(type(catalog.version) is int and catalog.version == 1, "version")
    src = catalog.source
    if src is not None:
        _require(type(src) is Source, "source")
        _require(_is_text(src.citation) and _is_text(src.licence), "source")
        for name in ("table", "doi", "url", "licence_url", "adapted_from", "changes"):
            _require(_is_text(getattr(src, name), optional=True), f"source.{name}")
    _require(type(catalog.criteria) is list and 1 <= len(catalog.criteria) <= 50, "criteria")
    _require(type(catalog.models) is list and 1 <= len(catalog.models) <= 200, "models")
    for crit in catalog.criteria:
        _require(type(crit) is Criterion, "criterion")
        _require(_is_text(crit.id, 60) and bool(slug.match(crit.id)), "criterion id")
        _require(_is_text(crit.label, 40) and _is_text(crit.meaning), "criterion text")
        _require(_is_text(crit.source_label, optional=True) and _is_text(crit.question, optional=True), "text")
        _require(type(crit.direction) is Direction, "direction")
        scale = crit.scale
        _require(type(scale) is list and 2 <= len(scale) <= 10, "scale")
        _require(all(_is_text(s, 20) and s.isascii() and s.isalnum() for s in scale), "scale level")
        _require(len({s.upper() for s in scale}) == len(scale), "scale repeats")
        if crit.values is not None:
            values = crit.values
            _require(type(values) is list and len(values) == len(scale), "values")
            _require(all(type(v) in (int, float) and math.isfinite(v) and 0 <= v <= 1 for v in values), "values")
            _require(all(b > a for a, b in itertools.pairwise(values)) and values[0] == 0 and values[-1] == 1, "values")
        if crit.level_notes is not None:
            notes = crit.level_notes
            _require(type(notes) is dict and len(notes) <= 10, "level_notes")
            _require(all(type(k) is str and level_index(scale, k) is not None for k in notes), "level_notes")
            _require(all(_is_text(v) for v in notes.values()), "level_notes")
    ids = [c.id for c in catalog.criteria]
    _require(len(set(ids)) == len(ids), "criterion ids repeat")
    scales = {c.id: c.scale for c in catalog.criteria}
    for model in catalog.models:
        _require(type(model) is Model, "model")
        _require(_is_text(model.id, 60) and bool(slug.match(model.id)), "model id")
        _require(_is_text(model.name, 80) and _is_text(model.heading, optional=True), "model name")
        _require(_is_text(model.description) and _is_text(model.example, shortest=0), "model text")
        _require(_is_text(model.strengths) and _is_text(model.weaknesses), "model text")
        ratings = model.ratings
        _require(type(ratings) is dict and sorted(ratings) == sorted(ids), "ratings")
        for cid, text in ratings.items():
            _require(_is_text(text, 50), "rating")
            _require(rating_problem(cid, scales[cid], text) is None, "rating")
            _require(canonical(scales[cid], text) == text, "rating spelling")
    model_ids = [m.id for m in catalog.models]
    _require(len(set(model_ids)) == len(model_ids), "model ids repeat")
    _require(len({same_name(m.name) for m in catalog.models}) == len(catalog.models), "model names repeat")

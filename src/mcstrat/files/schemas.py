"""The JSON Schemas of the files mcstrat reads, for editors and validators (`mcstrat schema answers|models|group|lock`).

The answers schema is built from the catalogue in use (Table 2, or `--models FILE`), so an editor
that validates against it (the YAML language server in VS Code, JetBrains, Neovim...) flags what
`mcstrat validate` refuses, as it is typed, at the key validate names:

- criterion ids as the keys of `priorities`, `swing` and `targets` (any case, surrounding spaces
  ignored, as every lookup reads them), with the criterion's label and question on hover;
- importances as the words (each with its number) or numbers 0-5, swing points 0-100, stakeholder
  weights above 0 up to 1000, and numbers written as text in the forms the reader takes (3, 2.5,
  .5, 1e2, 100/3: ASCII digits, exponents up to 20);
- target levels per target criterion, model ids in `exclude` (or a unique beginning of one),
  `require` as CRITERION OPERATOR LEVEL and `ranking` as criteria joined by '>' and '=', all
  spelled from the real ids and levels;
- what one key says about another: priorities stated one way only (priorities, swing or ranking),
  one target level for horizon (`target_horizon` or `targets.horizon`, not both), and a target
  level for a target criterion that is weighed.

What only `validate` can catch, because JSON Schema cannot say it or because it depends on more
than the file (each listed, with a bad file that shows it, in tests/files/test_schemas.py):

- what the reader refuses before any schema applies: malformed YAML or JSON, tags, aliases, merge
  keys, duplicate keys, several documents, NaN and infinities;
- one criterion named by two spellings ('risk' and 'RISK'), or twice in one ranking;
- a number written as text (in quotes, or a fraction such as 11/2) that is out of range, or whose
  exponent puts more than 40 digits below the line: the schema checks its form, not its value;
- every criterion at importance 0, or every swing at 0 points;
- exclusions and limits that together leave no model;
- a criterion weighed on which every model scores the same (it depends on the ratings and `ranges`);

Each pattern uses only what ECMA-262 and Python's `re` read alike (no look-behind, no Unicode
classes but `\\s`), since editors run them in JavaScript and tests in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from mcstrat.core.catalog import Catalog, Criterion
from mcstrat.core.exact import MAX_EXPONENT
from mcstrat.core.questionnaire import constraint_examples
from mcstrat.core.vocabulary import (
    IMPORTANCE_WORDS,
    LIMIT_WORDS,
    MAX_IMPORTANCE,
    MAX_POINTS,
    MAX_WEIGHT,
    RANGE_MODES,
    Direction,
    RangeMode,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The smallest number above 0 the reader takes: below it a number 'has more decimals than it needs' (exact.py).
SMALLEST = 1e-20
#: What an importance word means, shown on hover.
_WORD_MEANINGS = {
    "none": "does not matter at all",
    "low": "matters a little",
    "medium": "matters (the importance of a criterion nobody mentions)",
    "high": "matters a lot",
    "critical": "matters most",
}
_RANGE_MEANINGS = {
    RangeMode.midpoint: "halfway between its two ends (the default)",
    RangeMode.optimistic: "at its better end",
    RangeMode.pessimistic: "at its worse end",
}
_OPERATOR = "(?:<=|>=|==|!=|=|<|>)"
#: A number as text, as exact.read_number takes it: 3, 2.5, .5, 1e2 (exponent up to 20), with a sign...
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?0*(?:1[0-9]|20|[0-9]))?"
#: ... or a fraction such as 100/3
_NUMBER = rf"(?:{_DECIMAL}|[0-9]+/0*[1-9][0-9]*)"
_ZERO = r"[+-]?(?:(?:0+(?:\.0*)?|\.0+)(?:[eE][+-]?[0-9]+)?|0+/[0-9]+)"
assert MAX_EXPONENT == 20, "the exponent in _NUMBER is spelled for MAX_EXPONENT"
#: ... or a range of two such numbers, '3-4' or '[3, 4]' (core/precision.py, which reads each end's digits)
_RANGE = rf"(?:\[\s*{_NUMBER}\s*,\s*{_NUMBER}\s*\]|{_NUMBER}\s*-\s*{_NUMBER})"


def headed(schema: dict[str, Any], title: str) -> dict[str, Any]:
    """SCHEMA with the JSON Schema dialect and TITLE first."""
    rest = {k: v for k, v in schema.items() if k not in ("$schema", "title")}
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, **rest}


def models_schema() -> dict[str, Any]:
    """The JSON Schema of a models file (pydantic's, from the one validator of the format)."""
    from mcstrat.files.specs import CatalogSpec

    return headed(CatalogSpec.model_json_schema(), "mcstrat models file")


def lock_schema() -> dict[str, Any]:
    """The JSON Schema of a decision lock (pydantic's, from the one validator of the format: files/lock.py)."""
    from mcstrat.files.lock import LockSpec

    return headed(LockSpec.model_json_schema(), "mcstrat decision lock")


def answers_schema(catalog: Catalog) -> dict[str, Any]:
    """The JSON Schema of an answers file read against CATALOG: as strict as `validate` where JSON Schema can be."""
    targeted = [c for c in catalog.criteria if c.direction == Direction.target]
    horizon = next((c for c in targeted if c.id == "horizon"), None)
    criteria = "criterion ids: " + ", ".join(catalog.criterion_ids)
    properties: dict[str, Any] = {
        "version": {"const": 1, "description": "Schema version; always 1"},
        "name": {"type": ["string", "null"], "maxLength": 200, "description": "Optional label: whose answers"},
        "priorities": _by_criterion(
            catalog.criteria,
            _importance(),
            f"Criterion id -> importance, 0-5 or none, low, medium, high, critical ({criteria}); "
            "a criterion not named counts as medium",
        ),
        "target_horizon": (
            {"anyOf": [*_levels(horizon), {"type": "null"}], "description": "The horizon you are planning for"}
            if horizon is not None
            else {"type": "null", "description": "This models file has no target criterion horizon"}
        ),
        "targets": {
            "type": "object",
            "maxProperties": 50,
            "description": "Target level of each target criterion ("
            + (", ".join(c.id for c in targeted) or "this models file has none")
            + ")",
            "properties": {c.id: {"description": _about(c), "anyOf": _levels(c)} for c in targeted},
            "patternProperties": {_other_spelling([c.id]): {"anyOf": _levels(c)} for c in targeted},
            "propertyNames": _named(
                [c.id for c in targeted],
                f"only target criteria take a target level: {', '.join(c.id for c in targeted)}"
                if targeted
                else "this models file has no target criteria",
            ),
        },
        "exclude": {
            "type": "array",
            "maxItems": 200,
            "description": "Models to leave out, by id (a unique beginning of an id is enough)",
            "items": {"anyOf": _model_ids(catalog)},
        },
        "require": {
            "type": "array",
            "maxItems": 50,
            "description": "Hard limits, CRITERION OPERATOR LEVEL with an operator <= >= < > == or !=, "
            "e.g. 'risk<=MED'; a ranged rating must meet the limit over its whole range",
            "items": {
                "type": "string",
                "maxLength": 100,
                "pattern": _whole(_limit(catalog)),
                "patternErrorMessage": "write CRITERION OPERATOR LEVEL with a criterion id and one of its levels, "
                f"e.g. {' or '.join(constraint_examples(catalog))}",
            },
        },
        "ranges": {
            "anyOf": [{"const": mode.value, "description": _RANGE_MEANINGS[mode]} for mode in RANGE_MODES],
            "description": "How a ranged rating such as LOW/MED is scored",
        },
        "unmentioned": {
            "anyOf": [
                {"const": "medium", "description": "A criterion not stated counts at medium importance (the default)"},
                {"const": "none", "description": "A criterion not stated counts for nothing"},
                {"const": "refuse", "description": "A criterion not stated is an error (for CI)"},
            ],
            "description": "What a criterion this file does not state counts as",
        },
        "stakeholder_weight": {
            "anyOf": [
                _number(0, MAX_WEIGHT, above_low=True),
                {
                    "type": "string",
                    "maxLength": 40,
                    "pattern": _whole(_DECIMAL),
                    "patternErrorMessage": f"use a number above 0 up to {MAX_WEIGHT} (ASCII digits 0-9)",
                },
            ],
            "description": f"One person's weight, above 0 up to {MAX_WEIGHT}: refused in a group, where the "
            "convener sets each member's weight in the group file",
        },
        "swing": _by_criterion(
            catalog.criteria,
            _points(),
            f"Instead of priorities: criterion id -> points 0-100 for its swing from worst to best among the "
            f"models (100 for the swing that matters most; {criteria})",
            least=1,
        ),
        "ranking": {
            "type": ["string", "null"],
            "maxLength": 2000,
            "pattern": _whole(_ranking(catalog)),
            "patternErrorMessage": "write criterion ids best first, '>' between them and '=' for ties; "
            f"criteria: {', '.join(catalog.criterion_ids)}",
            "description": "Instead of priorities: criteria best first, '>' between them and '=' for ties, "
            f"e.g. '{' > '.join(catalog.criterion_ids[:2])} = {catalog.criterion_ids[-1]}'",
        },
    }
    return headed(
        {
            "description": "What `mcstrat recommend --answers FILE` reads and the questionnaire saves: an "
            "institution's priorities among the business models it ranks",
            "type": "object",
            "properties": properties,
            "required": ["version"],
            "additionalProperties": False,
            "allOf": [*_one_way(), *_targets(targeted, horizon)],
        },
        "mcstrat answers file",
    )


def group_schema() -> dict[str, Any]:
    """The JSON Schema of a group file: as strict as `validate` on the file's own keys (its members' paths and
    answers files are checked by `validate` only)."""
    weight = {
        "anyOf": [
            _number(0, MAX_WEIGHT, above_low=True),
            {
                "type": "string",
                "maxLength": 40,
                "pattern": _whole(_NUMBER),
                "patternErrorMessage": f"use a number above 0 up to {MAX_WEIGHT} (ASCII digits 0-9), such as 2 or 1/3",
            },
        ],
        "description": f"The weight the convener gives this member: above 0, up to {MAX_WEIGHT} (fractions such as "
        "1/3 allowed); default 1. Weights are normalised over the members",
    }
    member = {
        "type": "object",
        "description": "One member: their answers file and their weight",
        "properties": {
            "answers": {
                "type": "string",
                "minLength": 1,
                "maxLength": 1000,
                "description": "The member's answers file, its path relative to this group file",
            },
            "weight": weight,
        },
        "required": ["answers"],
        "additionalProperties": False,
    }
    return headed(
        {
            "description": "What `mcstrat recommend --group FILE` reads: who decides together and how much each "
            "member weighs (the convener's call)",
            "type": "object",
            "properties": {
                "version": {"const": 1, "description": "Schema version; always 1"},
                "name": {"type": "string", "minLength": 1, "maxLength": 200, "description": "The group's name"},
                "ranges": {
                    "anyOf": [
                        *({"const": mode.value, "description": _RANGE_MEANINGS[mode]} for mode in RANGE_MODES),
                        {"type": "null"},
                    ],
                    "description": "How a ranged rating such as LOW/MED is scored, for every member",
                },
                "members": {"type": "array", "minItems": 1, "items": member, "description": "The members"},
            },
            "required": ["version", "name", "members"],
            "additionalProperties": False,
        },
        "mcstrat group file",
    )


# -- values ---------------------------------------------------------------------------------


def _number(low: float, high: float, *, above_low: bool = False) -> dict[str, Any]:
    """A JSON number from LOW to HIGH (above LOW with ABOVE_LOW) that the reader takes: none in (0, 1e-20)."""
    bound = {"exclusiveMinimum": low} if above_low else {"minimum": low}
    return {"type": "number", **bound, "maximum": high, "not": {"exclusiveMinimum": 0, "exclusiveMaximum": SMALLEST}}


def _importance() -> dict[str, Any]:
    words = [
        {"const": word, "description": f"{value}: {_WORD_MEANINGS[word]}"} for word, value in IMPORTANCE_WORDS.items()
    ]
    either = "|".join(_anycase(word) for word in IMPORTANCE_WORDS)
    return {
        "anyOf": [
            *words,
            _number(0, MAX_IMPORTANCE),
            {
                "type": "string",
                "maxLength": 20,
                "pattern": _whole(f"(?:{either}|{_NUMBER}|{_RANGE})"),
                "patternErrorMessage": f"use a number from 0 to {MAX_IMPORTANCE} (ASCII digits 0-9), a range such "
                f"as 3-4, or one of {', '.join(IMPORTANCE_WORDS)}",
            },
            _pair(_number(0, MAX_IMPORTANCE)),
        ],
        "description": f"0 (does not matter) to {MAX_IMPORTANCE} (matters most), decimals and fractions allowed, "
        f"a range such as 3-4 or [3, 4] when you are not sure, or one of {', '.join(IMPORTANCE_WORDS)}; a single "
        "number stands for itself ± half its last digit (3 is 2.5-3.5)",
    }


def _pair(end: dict[str, Any]) -> dict[str, Any]:
    """A range as a list of two numbers, low first: [3, 4]."""
    return {"type": "array", "minItems": 2, "maxItems": 2, "items": end, "description": "A range: low, then high"}


def _points() -> dict[str, Any]:
    return {
        "anyOf": [
            _number(0, MAX_POINTS),
            {
                "type": "string",
                "maxLength": 40,
                "pattern": _whole(f"(?:{_NUMBER}|{_RANGE})"),
                "patternErrorMessage": f"give points from 0 to {MAX_POINTS} (ASCII digits 0-9), such as 60, 100/3 "
                "or a range such as 60-80",
            },
            _pair(_number(0, MAX_POINTS)),
        ],
        "description": f"0 to {MAX_POINTS} points (fractions such as 100/3 allowed), or a range such as 60-80 when "
        "you are not sure; a single number stands for itself ± 5 points",
    }


def _by_criterion(
    criteria: Sequence[Criterion], value: dict[str, Any], description: str, *, least: int = 0
) -> dict[str, Any]:
    """A mapping from criterion ids (any case, spaces around ignored) to VALUE, each id explained; LEAST keys."""
    return {
        "type": "object",
        **({"minProperties": least} if least else {}),
        "maxProperties": 50,
        "description": description,
        "properties": {c.id: {**value, "description": f"{_about(c)} {value['description']}"} for c in criteria},
        "patternProperties": {_other_spelling([c.id for c in criteria]): value},
        "propertyNames": _named(
            [c.id for c in criteria], f"unknown criterion; use one of {', '.join(c.id for c in criteria)}"
        ),
    }


def _named(ids: Sequence[str], message: str) -> dict[str, Any]:
    """A key that names one of IDS (any case, spaces around); anything else is refused with MESSAGE."""
    return {"pattern": _whole(_choice(_anycase(i) for i in ids)) if ids else "^$.", "patternErrorMessage": message}


def _levels(crit: Criterion) -> list[dict[str, Any]]:
    """A level of CRIT: each as written in the models file, with its meaning, or in any case with spaces around."""
    notes = crit.level_notes or {}
    exact = [
        {
            "const": level,
            "description": _one_line(
                f"{crit.label} {level}: {notes[level]}"
                if level in notes
                else f"{crit.label} {level} (level {i + 1} of {len(crit.scale)})"
            ),
        }
        for i, level in enumerate(crit.scale)
    ]
    shape = {
        "type": "string",
        "maxLength": 20,
        "pattern": _whole(_level_choice(crit)),
        "patternErrorMessage": f"not a level of {crit.id}; use one of {', '.join(crit.scale)}",
    }
    return [*exact, shape]


def _model_ids(catalog: Catalog) -> list[dict[str, Any]]:
    """A model id with its name, or (any case, spaces around) the id or a beginning that only it has."""
    ids = catalog.model_ids
    exact = [{"const": m.id, "description": _one_line(f"{m.name}: {m.description}")} for m in catalog.models]
    shapes = []
    for model_id in ids:
        shortest = next(
            (n for n in range(1, len(model_id) + 1) if sum(other.startswith(model_id[:n]) for other in ids) == 1),
            None,
        )
        if shortest is None:  # an id that begins another id is taken only whole
            shapes.append(_anycase(model_id))
        else:
            shapes.append(_anycase(model_id[:shortest]) + _optional_tail(model_id[shortest:]))
    return [*exact, {"type": "string", "maxLength": 60, "pattern": _whole(_choice(shapes))}]


def _limit(catalog: Catalog) -> str:
    """CRITERION OPERATOR LEVEL for every criterion and its levels (and low, medium, high on a LOW/MED/HIGH scale)."""
    return _choice(rf"{_anycase(c.id)}\s*{_OPERATOR}\s*{_level_choice(c, words=True)}" for c in catalog.criteria)


def _ranking(catalog: Catalog) -> str:
    one = _choice(_anycase(c.id) for c in catalog.criteria)
    return rf"{one}(?:\s*[>=]\s*{one})*"


# -- what one key says about another ------------------------------------------------------------


def _one_way() -> list[dict[str, Any]]:
    """Priorities stated one way: once priorities (not empty) or swing is given, the later keys are refused.

    Written as if/then with the refused key `false` (not as a `not`), so an editor underlines that key
    and says why."""
    given: dict[str, dict[str, Any]] = {
        "priorities": {"type": "object", "minProperties": 1},
        "swing": {"type": "object"},
    }
    rules = []
    for first, later in (("priorities", "swing"), ("priorities", "ranking"), ("swing", "ranking")):
        message = (
            f"priorities are given both as {first} and as {later}; state them one way only (keep one of these keys)"
        )
        refused = {"type": "null", "errorMessage": message} if later == "ranking" else False  # ranking: null is unset
        rules.append(
            {
                "if": _holds(first, given[first]),
                "then": {"properties": {later: refused}, "errorMessage": message},
            }
        )
    return rules


def _targets(targeted: Sequence[Criterion], horizon: Criterion | None) -> list[dict[str, Any]]:
    """One target level for horizon, and a target level for every target criterion that is weighed.

    Keys are matched as every lookup reads them (any case, spaces around), so 'Horizon: 3' needs a
    target as 'horizon: 3' does."""
    rules: list[dict[str, Any]] = []
    if horizon is not None:
        message = "target_horizon and targets.horizon both set the target level of horizon; keep one of them"
        rules.append(
            {
                "if": _holds("target_horizon", {"type": "string"}),
                "then": {
                    "properties": {
                        "targets": {"patternProperties": {_whole(_anycase(horizon.id)): False}, "errorMessage": message}
                    }
                },
            }
        )
    for crit in targeted:
        key = _whole(_anycase(crit.id))
        ranked = rf"(?:^|[>=])\s*{_anycase(crit.id)}\s*(?:$|[>=])"
        weighed = [
            # some key naming it has a value other than 0
            _holds("priorities", {"type": "object", "not": {"patternProperties": {key: _zero(words=True)}}}),
            _holds("swing", {"type": "object", "not": {"patternProperties": {key: _zero()}}}),
            _holds("ranking", {"type": "string", "pattern": ranked}),
        ]
        fix = "target_horizon" if crit is horizon else f"targets.{crit.id}"
        message = (
            f"{crit.id} is weighed, so it needs a target level: add {fix} ({', '.join(crit.scale)}), "
            "or give it importance 0"
        )
        aimed = [{"required": ["targets"], "errorMessage": message, "properties": {"targets": _has(crit.id)}}]
        if crit is horizon:
            given = {"target_horizon": {"type": "string"}}
            aimed.insert(0, {"required": ["target_horizon"], "errorMessage": message, "properties": given})
        rules.append({"if": {"anyOf": weighed}, "then": {"anyOf": aimed}})
    return rules


def _has(cid: str) -> dict[str, Any]:
    """A mapping with a key that names the criterion CID, in any case, spaces around ignored."""
    return {"type": "object", "not": {"propertyNames": {"not": {"pattern": _whole(_anycase(cid))}}}}


def _holds(key: str, schema: dict[str, Any]) -> dict[str, Any]:
    """KEY is given, and its value meets SCHEMA."""
    return {"required": [key], "properties": {key: schema}}


def _zero(*, words: bool = False) -> dict[str, Any]:
    """An importance (with WORDS: 'none' too) or a number of points that is 0."""
    text = f"(?:{_anycase('none')}|{_ZERO})" if words else _ZERO
    return {"anyOf": [{"type": "number", "maximum": 0}, {"type": "string", "pattern": _whole(text)}]}


# -- patterns -------------------------------------------------------------------------------------


def _anycase(text: str) -> str:
    """TEXT as a pattern that matches it in any case: 'roi' -> '[Rr][Oo][Ii]' (ids and levels: letters, digits, '-')."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isalpha():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        elif ch.isascii() and (ch.isalnum() or ch in "-_ "):
            out.append(ch)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _optional_tail(rest: str) -> str:
    """'abc' -> '(?:a(?:b(?:c)?)?)?': any beginning of REST, in any case."""
    tail = ""
    for ch in reversed(rest):
        tail = f"(?:{_anycase(ch)}{tail})?"
    return tail


def _choice(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _whole(pattern: str) -> str:
    """PATTERN as the whole value, with spaces around it (which every reader strips)."""
    return rf"^\s*{pattern}\s*$"


def _other_spelling(ids: Sequence[str]) -> str:
    """A key that names one of IDS in another case or with spaces around (the ids themselves are `properties`,
    so an editor reports a wrong value once)."""
    return f"^(?!{_choice(ids)}$){_whole(_choice(_anycase(i) for i in ids))[1:]}"


def _level_choice(crit: Criterion, *, words: bool = False) -> str:
    """A level of CRIT in any case; with WORDS, also low, medium, high on a scale that has LOW, MED and HIGH."""
    names = list(crit.scale)
    if words and all(crit.level_index(level) is not None for level in LIMIT_WORDS.values()):
        names += [word for word in LIMIT_WORDS if crit.level_index(word) is None]
    return _choice(_anycase(name) for name in names)


def _about(crit: Criterion) -> str:
    """'Risk: How important is ...?': the criterion's label and question (or meaning), as one sentence."""
    text = _one_line(crit.question or crit.meaning)
    return f"{crit.label}: {text}{'' if text.endswith(('.', '?', '!')) else '.'}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["JSON_SCHEMA_DIALECT", "answers_schema", "group_schema", "headed", "lock_schema", "models_schema"]

"""Answers-file tooling: saving answers as YAML, the commented `init` template, JSON Schemas, `validate`.

Pure: functions return text, dicts and problem lists; the command line writes and prints.
"""

from __future__ import annotations

import copy
import re
import shlex
import textwrap
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from mcstrat import sanitize
from mcstrat.core.catalog import Catalog, Criterion, suggest
from mcstrat.errors import FileProblem, InputError
from mcstrat.files.reading import Lines, load_structured, locate
from mcstrat.core.priorities import (
    DEFAULT_IMPORTANCE_WORD,
    IMPORTANCE_WORDS,
    MAX_IMPORTANCE,
    RANGE_MODES,
    AnswersFile,
    Constraint,
    fmt_number,
    parse_constraint,
    parse_importance,
)
from mcstrat.core.questionnaire import constraint_examples, remaining_models
from mcstrat.files.specs import AnswersSpec, CatalogSpec, cross_check, locate_problems, validation_problems

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FileKind = Literal["answers", "models", "unknown"]
_WRAP = 88


# -- YAML text ------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    """VALUE as a YAML flow scalar, quoted only when plain text would read back as something else."""
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=4096)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _one_line(text: str) -> str:
    """TEXT on one line and safe to show (comments quote labels, names and file names from user files)."""
    return sanitize.terminal(" ".join(text.split()))


def _shell(path: str) -> str:
    """PATH as a shell word for the commands quoted in comments (THIS_FILE stays as it is)."""
    return shlex.quote(_one_line(path))


def _number(value: float | str) -> float | int | str:
    """2.0 -> 2, so saved files read naturally; loads back as the same float."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _ordered(keys: list[str], catalog: Catalog) -> list[str]:
    """KEYS in the catalogue's criteria order (case-insensitively), unknown keys after, as given."""
    order = {cid: i for i, cid in enumerate(catalog.criterion_ids)}
    return sorted(keys, key=lambda k: order.get(k.lower(), len(order)))


def dump_answers(
    answers: AnswersFile, catalog: Catalog, *, file_name: str = "THIS_FILE", models_file: str | None = None
) -> str:
    """ANSWERS as YAML text that `load_answers` reads back equal: keys in schema order, priorities in criteria order."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Lists in flow style ([a, b]), mappings in block style."""

    def flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # YAML reads U+0085, U+2028 and U+2029 as line breaks: only double quotes keep them (escaped).
        escape = any(not ch.isprintable() or ch in "\x85\u2028\u2029\ufeff" for ch in data)
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if escape else None)

    Dumper.add_representer(list, flow_list)
    Dumper.add_representer(str, text)

    data: dict[str, Any] = {"version": answers.version}
    if answers.name is not None:
        data["name"] = answers.name
    # the method used: swing points, a ranking, or importances (the default)
    if answers.swing:
        data["swing"] = {k: _number(answers.swing[k]) for k in _ordered(list(answers.swing), catalog)}
    elif answers.ranking:
        data["ranking"] = answers.ranking
    else:
        data["priorities"] = {k: _number(answers.priorities[k]) for k in _ordered(list(answers.priorities), catalog)}
    if answers.target_horizon is not None:
        data["target_horizon"] = answers.target_horizon
    if answers.targets:
        data["targets"] = {k: answers.targets[k] for k in _ordered(list(answers.targets), catalog)}
    data["exclude"] = list(answers.exclude)
    data["require"] = list(answers.require)
    data["ranges"] = answers.ranges
    if answers.stakeholder_weight != 1:
        data["stakeholder_weight"] = _number(answers.stakeholder_weight)
    body = yaml.dump(
        data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096, indent=2
    )
    models = f"--models {_shell(models_file)} " if models_file else ""
    header = (
        "# mcstrat answers file (version 1): the priorities behind a ranking.\n"
        f"# Replay the same ranking with:  mcstrat {models}recommend --answers {_shell(file_name)}\n"
        f"# Check it with:  mcstrat {models}validate {_shell(file_name)}\n"
    )
    # the representer double-quotes every string with such a character, so its escapes are valid
    return header + sanitize.yaml_text(body)


# -- the init template ----------------------------------------------------------------------


def _comment(text: str, indent: str = "", hang: bool = False) -> list[str]:
    """TEXT as wrapped comment lines; HANG indents the continuation lines of a list entry."""
    return textwrap.wrap(
        _one_line(text),
        _WRAP,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   " if hang else f"{indent}# ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _direction(crit: Criterion) -> str:
    return {
        "cost": "cost: lower is better",
        "benefit": "benefit: higher is better",
        "target": "target: closer to your target level is better",
    }[crit.direction]


def _table(rows: list[tuple[str, str]], indent: str = "#   ") -> list[str]:
    width = max((len(a) for a, _ in rows), default=0)
    return [f"{indent}{a.ljust(width)}  {_one_line(b)}".rstrip() for a, b in rows]


def template(
    catalog: Catalog,
    schema_hint: str = "answers.schema.json",
    *,
    file_name: str = "answers.yaml",
    models_file: str | None = None,
) -> str:
    """The commented answers file `mcstrat init` writes: every key explained, valid as it stands.

    Under a custom models file (MODELS_FILE) the commands it quotes carry `--models MODELS_FILE`.
    """
    file_name = _shell(file_name)
    models = f"--models {_shell(models_file)} " if models_file else ""
    words = ", ".join(f"{w} = {v.numerator}" for w, v in IMPORTANCE_WORDS.items())
    horizon = next((c for c in catalog.criteria if c.id == "horizon" and c.direction == "target"), None)
    others = [c for c in catalog.criteria if c.direction == "target" and c is not horizon]
    targets_text = ", ".join(f"{c.id} {c.scale[0]}" for c in ([horizon] if horizon else []) + others)
    default = f"{DEFAULT_IMPORTANCE_WORD} ({IMPORTANCE_WORDS[DEFAULT_IMPORTANCE_WORD].numerator})"
    target_note = f"; target {targets_text}" if targets_text else ""
    target_ids = " and ".join(c.id for c in ([horizon] if horizon else []) + others)
    untargeted = f" ({target_ids} as none when it has no target)" if target_ids else ""
    out = [
        f"# yaml-language-server: $schema={schema_hint}",
        f"# That line lets editors check and complete this file; write {schema_hint} with:",
        f"#   mcstrat {models}schema answers > {schema_hint}",
        "#",
        "# An mcstrat answers file: your institution's priorities. Rank the business models with",
        f"#   mcstrat {models}recommend --answers {file_name}",
        *_comment(
            f"and check the file with `mcstrat {models}validate {file_name}`. Every key but `version` may be left out. "
            f"As written the file is valid: every criterion matters equally ({DEFAULT_IMPORTANCE_WORD}){target_note}."
        ),
        "",
        "# The format of this file: always 1.",
        "version: 1",
        "",
        "# An optional label shown with the results, e.g. whose priorities these are.",
        "# name: Provost's office",
        "",
        "# How much each criterion matters: a number from 0 to 5 (decimals allowed) or a word:",
        f"#   {words}",
        *_comment(
            f"A criterion left out counts as {default}{untargeted}; say none to ignore it. "
            "Only proportions matter: the importances are divided by their sum to give the weights. "
            "The criteria, with which way is better for your institution:"
        ),
        "#",
        *_comment(
            "Instead of priorities you may give `swing` (recommended): for each criterion, points from 0 to 100 "
            "for the change from its worst to its best rating among the models, 100 for the change that matters "
            "most, e.g. swing: {risk: 100, roi: 60, speed: 30}. The effective weights then equal your points, "
            "normalised. Or give `ranking`, the quickest: criteria best first with ties, e.g. "
            'ranking: "risk > roi = impact > speed" (rank-order-centroid weights; criteria not named weigh 0). '
            "A file gives one of priorities, swing and ranking."
        ),
        "priorities:",
    ]
    for crit in catalog.criteria:
        out += _comment(f"{crit.label} ({_direction(crit)}): {crit.meaning}", "  ", hang=True)
        if crit.question:
            out += _comment(f"Ask yourself: {crit.question}", "  ", hang=True)
        out.append(f"  {_scalar(crit.id)}: {DEFAULT_IMPORTANCE_WORD}")
    plain = [c.id for c in catalog.criteria if c.direction != "target"]
    out += [
        "# swing: {" + ", ".join(f"{cid}: {100 if i == 0 else 50}" for i, cid in enumerate(plain[:2])) + "}",
        "# ranking: " + _scalar(" > ".join(plain[:3])),
    ]
    for crit in ([horizon] if horizon else []) + others:
        out.append("")
        key = "target_horizon" if crit is horizon else f"targets: {crit.id}"
        out += _comment(
            f"The {crit.label.lower()} level you are planning for ({key}): {crit.id} is scored by how close a "
            f"model's rating is to it. Levels:"
        )
        notes = {k.upper(): v for k, v in (crit.level_notes or {}).items()}
        out += _table([(level, notes.get(level.upper(), "")) for level in crit.scale])
        out += _comment(
            f"To leave {crit.id} out, delete this target and set `{crit.id}: none` under priorities; "
            f"an importance above 0 with no target is an error."
        )
        if crit is horizon:
            out.append(f"target_horizon: {_scalar(crit.scale[0])}")
    if others:
        out.append("targets:")
        out += [f"  {_scalar(c.id)}: {_scalar(c.scale[0])}" for c in others]
    else:
        out += [
            "",
            "# The target level of any other target criterion, for a models file (--models) that has one:",
            "# targets: {criterion-id: LEVEL}",
        ]
    examples = ", ".join(f'"{e}"' for e in constraint_examples(catalog))
    model_example = catalog.models[-1].id
    out += [
        "",
        f"# Models to leave out, by id (a unique beginning of an id is enough), e.g. [{model_example}].",
        "# Valid ids:",
        *_table([(m.id, m.name) for m in catalog.models]),
        "exclude: []",
        "",
        *_comment(
            "Hard limits: a model that breaks one is left out of the ranking and reported with the reason. "
            f"Write CRITERION OPERATOR LEVEL with an operator <= >= < > == or !=, e.g. [{examples}]. "
            "A ranged rating such as LOW/MED must meet the limit over its whole range. "
            "Criteria and their levels, in scale order:"
        ),
        *_table([(c.id, ", ".join(c.scale)) for c in catalog.criteria]),
        "require: []",
        "",
        "# How a ranged rating such as LOW/MED is scored:",
        "#   midpoint     halfway between its two ends (the default)",
        "#   optimistic   at its better end",
        "#   pessimistic  at its worse end",
        "ranges: midpoint",
        "",
        "# This person's weight when several answers files are ranked together",
        "# (mcstrat recommend --answers a.yaml --answers b.yaml): a positive number; default 1.",
        "# stakeholder_weight: 1",
    ]
    return "\n".join(out) + "\n"


# -- JSON Schemas ---------------------------------------------------------------------------


def _headed(schema: dict[str, Any], title: str) -> dict[str, Any]:
    rest = {k: v for k, v in schema.items() if k not in ("$schema", "title")}
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, **rest}


def answers_schema(catalog: Catalog | None = None) -> dict[str, Any]:
    """The JSON Schema of an answers file; with CATALOG, its ids are offered for completion (never required)."""
    schema = _headed(copy.deepcopy(AnswersSpec.model_json_schema()), "mcstrat answers file")
    props = schema["properties"]
    # The importance rules parse_importance enforces, so editors flag 7 and offer the words.
    importance = props["priorities"]["additionalProperties"]
    for branch in importance["anyOf"]:
        if branch.get("type") == "number":
            branch.update(minimum=0, maximum=int(MAX_IMPORTANCE))
        elif branch.get("type") == "string":
            branch["examples"] = list(IMPORTANCE_WORDS)
    if catalog is None:
        return schema
    props["priorities"]["properties"] = {
        c.id: {**copy.deepcopy(importance), "description": _one_line(f"{c.label}: {c.question or c.meaning}")}
        for c in catalog.criteria
    }
    horizon = next((c for c in catalog.criteria if c.id == "horizon" and c.direction == "target"), None)
    if horizon is not None:
        props["target_horizon"]["examples"] = list(horizon.scale)
    props["swing"]["properties"] = {
        c.id: {**copy.deepcopy(props["swing"]["additionalProperties"]), "description": _one_line(c.label)}
        for c in catalog.criteria
    }
    props["ranking"]["examples"] = [" > ".join(catalog.criterion_ids[:3])]
    props["exclude"]["items"]["examples"] = catalog.model_ids
    props["require"]["items"]["examples"] = constraint_examples(catalog)
    return schema


def models_schema() -> dict[str, Any]:
    """The JSON Schema of a models file (`--models FILE`)."""
    return _headed(CatalogSpec.model_json_schema(), "mcstrat models file")


# -- validate -------------------------------------------------------------------------------


def validate_file(path: Path | str, catalog: Catalog) -> tuple[FileKind, list[str]]:
    """('answers' | 'models' | 'unknown', every problem as 'FILE: line N: key.path: message'); [] = valid.

    A mapping with a `models` or `criteria` key is a models file; anything else is read as an
    answers file and checked against CATALOG as `recommend --answers` would check it.
    """
    file = Path(path)
    try:
        data, lines = load_structured(file, "answers or models file")
    except FileProblem as exc:
        return "unknown", [f"{file}: {p}" for p in exc.problems]
    if isinstance(data, dict) and ("models" in data or "criteria" in data):
        kind: FileKind = "models"
        problems = _models_problems(data, lines)
    else:
        kind = "answers"
        problems = _answers_problems(data, lines, catalog)
    # the shape check and the semantic check can both see an out-of-range importance: say it once
    unique = list(dict.fromkeys(problems))
    return kind, [f"{file}: {p}" for p in _by_line(unique)]


def _by_line(problems: list[str]) -> list[str]:
    def line(problem: str) -> int:
        match = re.match(r"line (\d+): ", problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)


def _models_problems(data: dict[str, Any], lines: Lines) -> list[str]:
    try:
        CatalogSpec.model_validate(data)
    except ValidationError as exc:
        # the spec cross-checks only once every field is valid; check what can be checked now too
        return [*validation_problems(exc, lines), *locate_problems(cross_check(data), lines)]
    return []


def _importance_shaped(value: Any) -> bool:
    """Values the schema itself accepts; the rest are left to the importance check, which explains them better."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or (isinstance(value, str) and len(value) <= 20)


class _Checker:
    """The checks `Priorities.build` makes, each run on its own so every problem is reported."""

    def __init__(self, data: dict[str, Any], lines: Lines, catalog: Catalog) -> None:
        self.data = data
        self.lines = lines
        self.catalog = catalog
        self.problems: list[str] = []

    def at(self, *path: Any) -> str:
        """'line 4: priorities.risk' for a key path."""
        return locate(path, self.lines).removesuffix(": ")

    def add(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(locate(path, self.lines) + message)

    def mapping(self, key: str) -> dict[Any, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    def strings(self, key: str) -> list[tuple[int, str]]:
        value = self.data.get(key)
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []

    def importances(self) -> tuple[dict[str, Fraction], bool]:
        """Valid importances by criterion id, and whether every given one was valid."""
        given: dict[str, Fraction] = {}
        complete = True
        for key, value in self.mapping("priorities").items():
            if not isinstance(key, str):
                complete = False
                continue  # the schema check reports the key
            cid = None
            try:
                cid = self.catalog.resolve_criterion(key).id
            except InputError as exc:
                self.add(("priorities", key), str(exc))
                complete = False
            try:
                number = parse_importance(value, self.at("priorities", key))
            except InputError as exc:
                self.problems.append(str(exc))
                complete = False
                continue
            if cid is not None:
                given[cid] = number
        return given, complete

    def targets(self) -> set[str]:
        """Ids of the target criteria given a target (valid or not, so a bad level is not also 'missing')."""
        named: set[str] = set()
        entries: list[tuple[tuple[Any, ...], str, Any]] = []
        if self.data.get("target_horizon") is not None:
            entries.append((("target_horizon",), "horizon", self.data["target_horizon"]))
        entries += [(("targets", k), str(k), v) for k, v in self.mapping("targets").items()]
        for path, name, level in entries:
            try:
                crit = self.catalog.resolve_criterion(name)
            except InputError as exc:
                self.add(path, f"{exc}; this models file has no such criterion, so remove this target")
                continue
            named.add(crit.id)
            if crit.direction != "target":
                self.add(path, f"{crit.id} is a {crit.direction} criterion, not a target one; remove this target")
            elif isinstance(level, str) and crit.level_index(level) is None:
                close = suggest(level, [s.lower() for s in crit.scale])
                levels = ", ".join(crit.scale)
                self.add(path, f"{sanitize.quoted(level)} is not a level of {crit.id}{close}; use one of {levels}")
        return named

    def exclude(self) -> tuple[list[str], bool]:
        ids: list[str] = []
        complete = True
        for i, query in self.strings("exclude"):
            try:
                ids.append(self.catalog.resolve_model(query).id)
            except InputError as exc:
                self.add(("exclude", i), str(exc))
                complete = False
        return ids, complete

    def require(self) -> tuple[list[Constraint], bool]:
        constraints: list[Constraint] = []
        complete = True
        for i, text in self.strings("require"):
            try:
                constraints.append(parse_constraint(self.catalog, text, self.at("require", i)))
            except InputError as exc:
                self.problems.append(str(exc))
                complete = False
        return constraints, complete

    def other_ways(self, targeted: set[str]) -> None:
        """Swing points and a ranking, checked as Priorities.build checks them."""
        from mcstrat.core.priorities import Priorities

        swing = self.mapping("swing")
        ranking = self.data.get("ranking")
        if not swing and ranking is None:
            return
        targets = {}
        if isinstance(self.data.get("target_horizon"), str):
            targets["horizon"] = self.data["target_horizon"]
        targets.update({k: v for k, v in self.mapping("targets").items() if isinstance(v, str)})
        where = {f"swing.{k}": self.at("swing", k) for k in swing} | {"ranking": self.at("ranking")}
        try:
            Priorities.build(
                self.catalog,
                targets={k: v for k, v in targets.items() if k in targeted},
                ranges=str(self.data["ranges"]) if self.data.get("ranges") in RANGE_MODES else "midpoint",
                swing=swing or None,
                ranking=ranking if isinstance(ranking, str) and not swing else None,
                where=where,
            )
        except InputError as exc:
            self.problems.append(str(exc))

    def run(self) -> list[str]:
        if self.data.get("swing") == {}:  # as load_answers refuses it: no points, nothing to rank by
            self.add(
                ("swing",),
                "no swing points given; give the swing that matters most 100 points "
                "(e.g. swing: {risk: 100, roi: 60}), or delete the swing key to use priorities",
            )
            return self._rest()
        if self.mapping("swing") or self.data.get("ranking") is not None:
            targeted = self.targets()
            self.other_ways(targeted)
            return self._rest()
        given, importances_ok = self.importances()
        targeted = self.targets()
        final: dict[str, Fraction] = {}
        for crit in self.catalog.criteria:
            untargeted = crit.direction == "target" and crit.id not in targeted
            default = Fraction(0) if untargeted else IMPORTANCE_WORDS[DEFAULT_IMPORTANCE_WORD]
            final[crit.id] = given.get(crit.id, default)
            if untargeted and final[crit.id] > 0:
                key = "target_horizon" if crit.id == "horizon" else f"targets: {{{crit.id}: LEVEL}}"
                self.add(
                    ("priorities", self._given_key(crit.id)),
                    f"{crit.id} has importance {fmt_number(final[crit.id])} but no target; add '{key}' "
                    f"({'|'.join(crit.scale)}), or set its importance to 0 (none)",
                )
        if importances_ok and not any(final.values()):
            self.add(
                ("priorities",),
                "every criterion has importance 0, so nothing can be ranked; "
                "give at least one criterion an importance above 0",
            )
        return self._rest()

    def _rest(self) -> list[str]:
        ids, exclude_ok = self.exclude()
        constraints, require_ok = self.require()
        if exclude_ok and require_ok and not remaining_models(self.catalog, ids, constraints):
            where = ("require",) if constraints else ("exclude",)
            self.add(where, "no model is left to rank after exclude and require; relax a limit or exclude fewer models")
        return self.problems

    def _given_key(self, cid: str) -> str:
        for key in self.mapping("priorities"):
            if isinstance(key, str) and key.strip().lower() == cid:
                return key
        return cid


def _answers_problems(data: Any, lines: Lines, catalog: Catalog) -> list[str]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        return [f"is {kind}, not a mapping of answers; start from `mcstrat init`"]
    problems: list[str] = []
    shaped = dict(data)
    if isinstance(data.get("priorities"), dict):
        shaped["priorities"] = {k: v for k, v in data["priorities"].items() if _importance_shaped(v)}
    try:
        AnswersSpec.model_validate(shaped)
    except ValidationError as exc:
        problems += validation_problems(exc, lines)
    problems += _Checker(data, lines, catalog).run()
    return problems


__all__ = [
    "JSON_SCHEMA_DIALECT",
    "FileKind",
    "answers_schema",
    "dump_answers",
    "models_schema",
    "template",
    "validate_file",
]
